/* SPDX-License-Identifier: GPL-3.0-or-later */
/* notify: systemd's sd_notify protocol. Without NOTIFY_SOCKET every call
 * does nothing, so the daemon runs the same outside systemd. */
#ifndef NOTIFY_H
#define NOTIFY_H

#include <stdint.h>

#include "util/log.h"

void	 notify_ready(void);
void	 notify_reloading(void);
void	 notify_stopping(void);
void	 notify_status(const char *fmt, ...) LOG_PRINTF(1, 2);
/* the watchdog interval in microseconds (half of WatchdogSec), 0 when off */
uint64_t notify_watchdog_usec(void);
void	 notify_watchdog(void);
/* started by systemd (so audio may come later than we do) */
int	 notify_under_systemd(void);

#endif
