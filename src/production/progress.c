/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress: the bar redraws one line with '\r'. */
#include "production/progress.h"

#include <stdio.h>
#include <unistd.h>

#define PROGRESS_WIDTH 24

static double
progress_elapsed(const struct progress *p)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - p->t0.tv_sec) +
	    (double)(t.tv_nsec - p->t0.tv_nsec) / 1e9;
}

void
progress_clock(char *buf, size_t len, double seconds)
{
	long s = (long)(seconds + 0.5);

	if (s >= 3600)
		snprintf(buf, len, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%ld:%02ld", s / 60, s % 60);
}

void
progress_start(struct progress *p, size_t n)
{
	p->bar = isatty(STDERR_FILENO);
	p->n = n;
	clock_gettime(CLOCK_MONOTONIC, &p->t0);
	progress_update(p, 0, 0);
}

void
progress_update(struct progress *p, size_t done, double audio)
{
	char bar[PROGRESS_WIDTH + 1], clock[16];
	size_t i, fill = p->n ? done * PROGRESS_WIDTH / p->n : 0;

	if (!p->bar)
		return;
	for (i = 0; i < PROGRESS_WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[PROGRESS_WIDTH] = '\0';
	progress_clock(clock, sizeof clock, audio);
	fprintf(stderr, "\r[%s] entry %zu/%zu %3zu%%, %s of audio, %.1f s ",
	    bar, done, p->n, p->n ? done * 100 / p->n : 100, clock,
	    progress_elapsed(p));
	fflush(stderr);
}

double
progress_end(struct progress *p)
{
	if (p->bar)
		fputs("\r\033[K", stderr);
	return progress_elapsed(p);
}
