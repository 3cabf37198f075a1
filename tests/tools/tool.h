/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tool.h: what the test tools share: the clock every timestamp is taken
 * on, and a SIGTERM/SIGINT that asks a tool to finish cleanly. */
#ifndef TOOL_H
#define TOOL_H

#include <signal.h>
#include <time.h>

/* CLOCK_MONOTONIC in nanoseconds: comparable across the tools */
static inline long long
tool_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static volatile sig_atomic_t tool_stop;

static inline void
tool_on_stop(int sig)
{
	(void)sig;
	tool_stop = 1;
}

/* SIGTERM and SIGINT set tool_stop; no SA_RESTART, so a blocking call
 * returns with EINTR and the tool sees the flag */
static inline void
tool_catch_stop(void)
{
	struct sigaction act = { .sa_handler = tool_on_stop };

	sigaction(SIGTERM, &act, NULL);
	sigaction(SIGINT, &act, NULL);
}

#endif
