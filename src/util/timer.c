/* SPDX-License-Identifier: GPL-3.0-or-later */
/* timer: seconds <-> struct timespec, in one place. */
#include "util/timer.h"

#include <math.h>
#include <sys/timerfd.h>

#include "util/log.h"

double
timer_now(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct timespec
timer_spec(double secs)
{
	struct timespec ts = { 0 };

	if (secs > 0) {
		ts.tv_sec = (time_t)secs;
		ts.tv_nsec = (long)((secs - floor(secs)) * 1e9);
		/* all zero would disarm the timer rather than fire it */
		if (ts.tv_sec == 0 && ts.tv_nsec == 0)
			ts.tv_nsec = 1;
	}
	return ts;
}

void
timer_set(int fd, double at, double every, int flags)
{
	struct itimerspec its = { .it_value = timer_spec(at),
	    .it_interval = timer_spec(every) };

	if (timerfd_settime(fd, flags, &its, NULL) == -1)
		log_warn("timerfd");
}
