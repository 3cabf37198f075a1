/* loudness: libebur128 over the render, then one gain. The true peak
 * (the signal oversampled four times) costs more than the whole synthesis
 * if it runs over every sample; a peak between samples is made by the
 * samples around it, so it runs only over the stretches near the loud
 * ones: within LOUDNESS_TP_SPAN samples of one at least half the loudest
 * (6 dB down; an overshoot between samples is a dB or two for speech). */
#include "loudness.h"

#include <ebur128.h>
#include <math.h>
#include <stdlib.h>

#define LOUDNESS_TP_SPAN	32

struct loudness {
	ebur128_state	*st;	/* integrated loudness, every sample */
	ebur128_state	*tp;	/* true peak, the loud stretches */
};

struct loudness *
loudness_new(unsigned rate)
{
	struct loudness *l = calloc(1, sizeof *l);

	if (l == NULL)
		return NULL;
	if ((l->st = ebur128_init(1, rate, EBUR128_MODE_I)) == NULL ||
	    (l->tp = ebur128_init(1, rate, EBUR128_MODE_TRUE_PEAK)) == NULL ||
	    ebur128_set_channel(l->st, 0, EBUR128_DUAL_MONO) != EBUR128_SUCCESS) {
		loudness_free(l);
		return NULL;
	}
	return l;
}

void
loudness_free(struct loudness *l)
{
	if (l == NULL)
		return;
	if (l->st != NULL)
		ebur128_destroy(&l->st);
	if (l->tp != NULL)
		ebur128_destroy(&l->tp);
	free(l);
}

/* pcm[a, b) into the true-peak meter, after silence enough for its
 * filter to forget the stretch before */
static int
loudness_tp_add(struct loudness *l, const int16_t *pcm, size_t a, size_t b)
{
	static const int16_t zeros[LOUDNESS_TP_SPAN];

	if (ebur128_add_frames_short(l->tp, zeros, LOUDNESS_TP_SPAN) != EBUR128_SUCCESS ||
	    ebur128_add_frames_short(l->tp, pcm + a, b - a) != EBUR128_SUCCESS)
		return -1;
	return 0;
}

int
loudness_add(struct loudness *l, const int16_t *pcm, size_t n)
{
	size_t i, a, b, k;
	int peak = 0, loud;

	if (ebur128_add_frames_short(l->st, pcm, n) != EBUR128_SUCCESS)
		return -1;
	for (i = 0; i < n; i++)
		peak = abs(pcm[i]) > peak ? abs(pcm[i]) : peak;
	loud = peak / 2 > 0 ? peak / 2 : 1;
	for (i = 0; i < n; i = b) {
		while (i < n && abs(pcm[i]) < loud)
			i++;
		if (i == n)
			break;
		a = i > LOUDNESS_TP_SPAN ? i - LOUDNESS_TP_SPAN : 0;
		/* the stretch goes on while loud samples keep coming */
		for (b = i + LOUDNESS_TP_SPAN + 1, k = i + 1; k < n && k < b; k++)
			if (abs(pcm[k]) >= loud)
				b = k + LOUDNESS_TP_SPAN + 1;
		if (b > n)
			b = n;
		if (loudness_tp_add(l, pcm, a, b) == -1)
			return -1;
	}
	return 0;
}

int
loudness_gain(struct loudness *l, double target, double limit,
    struct loudness_result *r)
{
	double peak;

	if (ebur128_loudness_global(l->st, &r->lufs) != EBUR128_SUCCESS ||
	    !isfinite(r->lufs) ||
	    ebur128_true_peak(l->tp, 0, &peak) != EBUR128_SUCCESS || peak <= 0)
		return -1;
	r->dbtp = 20 * log10(peak);
	r->gain = target - r->lufs;
	r->limited = r->dbtp + r->gain > limit;
	if (r->limited)
		r->gain = limit - r->dbtp;
	r->shortfall = target - (r->lufs + r->gain);
	r->out_lufs = r->lufs + r->gain;
	r->out_dbtp = r->dbtp + r->gain;
	return 0;
}

/* in 16.16 fixed point: a gain of at most +96 dB fits, and a sample
 * costs a multiply, a shift and a clamp */
void
loudness_apply(int16_t *pcm, size_t n, double gain)
{
	int64_t g = llrint(pow(10, gain / 20) * 65536);
	size_t i;

	for (i = 0; i < n; i++) {
		int64_t v = (pcm[i] * g + 32768) >> 16;

		pcm[i] = (int16_t)(v > INT16_MAX ? INT16_MAX :
		    v < INT16_MIN ? INT16_MIN : v);
	}
}
