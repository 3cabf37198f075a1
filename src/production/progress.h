/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress: how far a render is, as a bar on a terminal (stderr), and one
 * summary line at the end whether or not there is a terminal. */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct progress {
	bool		 bar;		/* stderr is a terminal */
	size_t		 n;		/* entries in all */
	struct timespec	 t0;
};

void	progress_start(struct progress *p, size_t n);
/* done entries of n made, seconds of audio so far */
void	progress_update(struct progress *p, size_t done, double audio);
/* the bar cleared; seconds since the start */
double	progress_end(struct progress *p);
/* "7:27" */
void	progress_clock(char *buf, size_t len, double seconds);

#endif
