/* SPDX-License-Identifier: GPL-3.0-or-later */
/* timer: seconds as doubles, to and from the clocks and timerfds: the one
 * conversion the engine, the control socket and the watchdog share. */
#ifndef TIMER_H
#define TIMER_H

#include <time.h>

/* the clock's time in seconds */
double	timer_now(clockid_t clock);
/* Arm the timerfd fd to fire at (seconds; absolute with TFD_TIMER_ABSTIME
 * in flags), then every `every` seconds when every > 0. at <= 0 disarms
 * it. A failure is logged: a timer is never worth stopping for. */
void	timer_set(int fd, double at, double every, int flags);

#endif
