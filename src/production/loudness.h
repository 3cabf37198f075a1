/* SPDX-License-Identifier: GPL-3.0-or-later */
/* loudness: ITU-R BS.1770 loudness and true peak (libebur128) of a whole
 * render, and the one gain that brings it to a target. A mono file is
 * counted as played on two speakers (dual mono, +3 LU over one channel),
 * as podcast platforms measure it. */
#ifndef LOUDNESS_H
#define LOUDNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loudness;

struct loudness_result {
	double	 lufs, dbtp;		/* measured before the gain */
	double	 gain;			/* dB to apply */
	double	 out_lufs, out_dbtp;	/* after it */
	bool	 limited;		/* the true-peak limit held the gain back */
	double	 shortfall;		/* then: LU short of the target */
};

struct loudness	*loudness_new(unsigned rate);
int		 loudness_add(struct loudness *l, const int16_t *pcm, size_t n);
/* The gain to reach target LUFS without the true peak going over limit
 * dBTP. -1 when nothing was loud enough to be measured. */
int		 loudness_gain(struct loudness *l, double target, double limit,
		    struct loudness_result *r);
/* pcm *= gain (dB), rounded, clamped to 16 bits */
void		 loudness_apply(int16_t *pcm, size_t n, double gain);
void		 loudness_free(struct loudness *l);

#endif
