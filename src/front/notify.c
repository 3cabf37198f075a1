/* SPDX-License-Identifier: GPL-3.0-or-later */
/* notify: thin wrapper over libsystemd's sd_notify. */
#include "front/notify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <systemd/sd-daemon.h>

void
notify_ready(void)
{
	sd_notify(0, "READY=1");
}

void
notify_reloading(void)
{
	sd_notify(0, "RELOADING=1");
}

void
notify_stopping(void)
{
	sd_notify(0, "STOPPING=1");
}

void
notify_status(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	sd_notifyf(0, "STATUS=%s", buf);
}

uint64_t
notify_watchdog_usec(void)
{
	uint64_t usec;

	if (sd_watchdog_enabled(0, &usec) <= 0)
		return 0;
	return usec / 2;
}

void
notify_watchdog(void)
{
	sd_notify(0, "WATCHDOG=1");
}

int
notify_under_systemd(void)
{
	return getenv("NOTIFY_SOCKET") != NULL || getenv("INVOCATION_ID") != NULL;
}
