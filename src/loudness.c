/* loudness: libebur128 over the render, then one gain. */
#include "loudness.h"

#include <ebur128.h>
#include <math.h>
#include <stdlib.h>

struct loudness {
	ebur128_state	*st;
};

struct loudness *
loudness_new(unsigned rate)
{
	struct loudness *l = calloc(1, sizeof *l);

	if (l == NULL)
		return NULL;
	if ((l->st = ebur128_init(1, rate, EBUR128_MODE_I |
	    EBUR128_MODE_TRUE_PEAK)) == NULL ||
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
	free(l);
}

int
loudness_add(struct loudness *l, const int16_t *pcm, size_t n)
{
	return ebur128_add_frames_short(l->st, pcm, n) == EBUR128_SUCCESS ? 0 : -1;
}

int
loudness_gain(struct loudness *l, double target, double limit,
    struct loudness_result *r)
{
	double peak;

	if (ebur128_loudness_global(l->st, &r->lufs) != EBUR128_SUCCESS ||
	    !isfinite(r->lufs) ||
	    ebur128_true_peak(l->st, 0, &peak) != EBUR128_SUCCESS || peak <= 0)
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

void
loudness_apply(int16_t *pcm, size_t n, double gain)
{
	double g = pow(10, gain / 20);
	size_t i;

	for (i = 0; i < n; i++) {
		long v = lrint(pcm[i] * g);

		pcm[i] = (int16_t)(v > INT16_MAX ? INT16_MAX :
		    v < INT16_MIN ? INT16_MIN : v);
	}
}
