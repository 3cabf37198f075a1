/* SPDX-License-Identifier: GPL-3.0-or-later */
/* loudness: libebur128 for the integrated loudness (EBUR128_MODE_I alone:
 * the K-weighting filter and the 400 ms blocks, once over the render), and
 * the true peak measured here. libebur128's true-peak mode runs its 4x
 * interpolator and a second K-weighting over every sample it is given;
 * here the same interpolator (a 49-tap Hann-windowed sinc, as libebur128
 * designs it) runs only where its output could beat the highest value found
 * so far: an output is at most the sum of its phase's |coefficients| times
 * the loudest of the 12 samples under it, so a block of input whose
 * neighbourhood is quieter than best / that sum cannot hold the peak. The
 * result is the interpolator's exact maximum, found over a few percent of
 * the samples. */
#include "production/loudness.h"

#include <ebur128.h>
#include <math.h>
#include <stdlib.h>

#define LOUDNESS_OVER	4	/* oversampling of the true peak (BS.1770) */
#define LOUDNESS_TAPS	12	/* of each phase but the first (49 / 4) */
#define LOUDNESS_BLOCK	16	/* samples a bound covers; > LOUDNESS_TAPS */

struct loudness {
	ebur128_state	*st;
	/* phases 1..3 of the interpolator; phase 0 is the sample itself */
	double		 h[LOUDNESS_OVER - 1][LOUDNESS_TAPS];
	double		 gainmax;	/* the largest sum of |h| of a phase */
	double		 peak;		/* true peak so far, in sample units */
};

/* libebur128's interpolator: h(j) = sinc((j - 24) / 4) * hann(j), j < 49,
 * phase j % 4 */
static void
loudness_design(struct loudness *l)
{
	int f, k;

	for (f = 1; f < LOUDNESS_OVER; f++) {
		double sum = 0;

		for (k = 0; k < LOUDNESS_TAPS; k++) {
			int j = k * LOUDNESS_OVER + f;
			double m = (j - 24) * M_PI / LOUDNESS_OVER;

			l->h[f - 1][k] = sin(m) / m *
			    0.5 * (1 - cos(2 * M_PI * j / 48));
			sum += fabs(l->h[f - 1][k]);
		}
		if (sum > l->gainmax)
			l->gainmax = sum;
	}
}

struct loudness *
loudness_new(unsigned rate)
{
	struct loudness *l = calloc(1, sizeof *l);

	if (l == NULL)
		return NULL;
	if ((l->st = ebur128_init(1, rate, EBUR128_MODE_I)) == NULL ||
	    ebur128_set_channel(l->st, 0, EBUR128_DUAL_MONO) != EBUR128_SUCCESS) {
		loudness_free(l);
		return NULL;
	}
	loudness_design(l);
	return l;
}

void
loudness_free(struct loudness *l)
{
	if (l == NULL)
		return;
	if (l->st != NULL)
		ebur128_destroy(&l->st);
	free(l);
}

/* one output of phase f: taps over pcm[i - 11 .. i], silence outside
 * [0, n) (the edges alone take the checks) */
static double
loudness_tp_at(const struct loudness *l, int f, const int16_t *pcm, size_t n,
    size_t i)
{
	double y = 0;
	size_t k;

	if (i >= LOUDNESS_TAPS - 1 && i < n) {
		for (k = 0; k < LOUDNESS_TAPS; k++)
			y += l->h[f][k] * pcm[i - k];
		return y;
	}
	for (k = 0; k < LOUDNESS_TAPS; k++)
		if (i >= k && i - k < n)
			y += l->h[f][k] * pcm[i - k];
	return y;
}

/* the interpolated values between pcm[i - 1] and pcm[i] for every i in
 * [a, b) */
static void
loudness_tp_block(struct loudness *l, const int16_t *pcm, size_t n,
    size_t a, size_t b)
{
	size_t i;
	int f;

	for (i = a; i < b; i++)
		for (f = 0; f < LOUDNESS_OVER - 1; f++) {
			double y = fabs(loudness_tp_at(l, f, pcm, n, i));

			if (y > l->peak)
				l->peak = y;
		}
}

/* the loudest of LOUDNESS_BLOCK samples: a fixed count, so that the
 * compiler makes it a vector loop at -O2 */
static int
loudness_absmax(const int16_t *pcm)
{
	size_t i;
	int m = 0;

	for (i = 0; i < LOUDNESS_BLOCK; i++) {
		int v = pcm[i] < 0 ? -pcm[i] : pcm[i];

		m = v > m ? v : m;
	}
	return m;
}

/* The samples count as one stretch, silence around it. */
int
loudness_add(struct loudness *l, const int16_t *pcm, size_t n)
{
	size_t nb = (n + LOUDNESS_TAPS) / LOUDNESS_BLOCK + 1, q, a, b;
	int *bmax;

	if (ebur128_add_frames_short(l->st, pcm, n) != EBUR128_SUCCESS)
		return -1;
	if ((bmax = calloc(nb, sizeof *bmax)) == NULL)
		return -1;
	/* the loudest sample of each block; outputs up to n + 11 */
	for (q = 0; q * LOUDNESS_BLOCK < n; q++) {
		a = q * LOUDNESS_BLOCK;
		if (a + LOUDNESS_BLOCK <= n)
			bmax[q] = loudness_absmax(pcm + a);
		else
			for (b = a; b < n; b++)
				bmax[q] = abs(pcm[b]) > bmax[q] ? abs(pcm[b]) : bmax[q];
		if (bmax[q] > l->peak)
			l->peak = bmax[q];	/* phase 0: the samples */
	}
	/* the outputs of block q read the inputs of blocks q - 1 and q */
	for (q = 0; q < nb; q++) {
		int m = bmax[q] > (q ? bmax[q - 1] : 0) ? bmax[q] : (q ? bmax[q - 1] : 0);

		if (m * l->gainmax <= l->peak)
			continue;
		a = q * LOUDNESS_BLOCK;
		loudness_tp_block(l, pcm, n, a, a + LOUDNESS_BLOCK);
	}
	free(bmax);
	return 0;
}

int
loudness_gain(struct loudness *l, double target, double limit,
    struct loudness_result *r)
{
	if (ebur128_loudness_global(l->st, &r->lufs) != EBUR128_SUCCESS ||
	    !isfinite(r->lufs) || l->peak <= 0)
		return -1;
	r->dbtp = 20 * log10(l->peak / 32768);
	r->gain = target - r->lufs;
	r->limited = r->dbtp + r->gain > limit;
	if (r->limited)
		r->gain = limit - r->dbtp;
	r->shortfall = target - (r->lufs + r->gain);
	r->out_lufs = r->lufs + r->gain;
	r->out_dbtp = r->dbtp + r->gain;
	return 0;
}

/* pcm * g / 2^shift, rounded, clamped: in 32 bits and a fixed count
 * (LOUDNESS_BLOCK) at a time, the compiler makes a vector loop of it */
static void
loudness_scale(int16_t *pcm, size_t n, int32_t g, int shift)
{
	int32_t half = (int32_t)1 << (shift - 1);
	size_t i;

	for (i = 0; i < n; i++) {
		int32_t v = (pcm[i] * g + half) >> shift;

		pcm[i] = (int16_t)(v > INT16_MAX ? INT16_MAX :
		    v < INT16_MIN ? INT16_MIN : v);
	}
}

/* The gain in fixed point with as many fraction bits as leave it under
 * 2^16, so that a sample times it fits in 32 bits: 16 of them up to
 * 0 dB, one at +90 dB; more than that (a sample of 1 is full scale by
 * then) is held at +90 dB. */
void
loudness_apply(int16_t *pcm, size_t n, double gain)
{
	double x = pow(10, gain / 20);
	int shift = 16;
	int32_t g;
	size_t i;

	if (x > 32767)
		x = 32767;
	while (shift > 1 && x * (1 << shift) >= 65535.5)
		shift--;
	g = (int32_t)lrint(x * (1 << shift));
	for (i = 0; i + LOUDNESS_BLOCK <= n; i += LOUDNESS_BLOCK)
		loudness_scale(pcm + i, LOUDNESS_BLOCK, g, shift);
	loudness_scale(pcm + i, n - i, g, shift);
}
