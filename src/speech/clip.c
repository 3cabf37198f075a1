/* SPDX-License-Identifier: GPL-3.0-or-later */
/* clip: growable PCM buffer. Grows by doubling so that synthesis appends in
 * amortized constant time; freed as a whole once played. */
#include "speech/clip.h"

#include <samplerate.h>
#include <stdlib.h>
#include <string.h>

struct clip *
clip_new(size_t index, unsigned rate)
{
	struct clip *c = calloc(1, sizeof *c);

	if (c != NULL) {
		c->index = index;
		c->rate = rate;
	}
	return c;
}

void
clip_free(struct clip *c)
{
	if (c == NULL)
		return;
	clip_empty(c);
	narrate_free(&c->narration);
	free(c);
}

void
clip_empty(struct clip *c)
{
	free(c->pcm);
	free(c->marks);
	c->pcm = NULL;
	c->marks = NULL;
	c->nsamples = c->cap = c->nmarks = c->markcap = 0;
}

static int
clip_reserve(struct clip *c, size_t n)
{
	size_t cap = c->cap ? c->cap : 16384;
	int16_t *p;

	if (n > SIZE_MAX / sizeof *p - c->nsamples)
		return -1;
	while (cap < c->nsamples + n)
		cap *= 2;
	if (cap == c->cap)
		return 0;
	if ((p = realloc(c->pcm, cap * sizeof *p)) == NULL)
		return -1;
	c->pcm = p;
	c->cap = cap;
	return 0;
}

int
clip_append(struct clip *c, const int16_t *pcm, size_t n)
{
	if (clip_reserve(c, n) == -1)
		return -1;
	memcpy(c->pcm + c->nsamples, pcm, n * sizeof *pcm);
	c->nsamples += n;
	return 0;
}

int
clip_append_silence(struct clip *c, double seconds)
{
	size_t n = seconds > 0 ? (size_t)(seconds * c->rate + 0.5) : 0;

	if (clip_reserve(c, n) == -1)
		return -1;
	memset(c->pcm + c->nsamples, 0, n * sizeof *c->pcm);
	c->nsamples += n;
	return 0;
}

int
clip_add_mark(struct clip *c, size_t sample, enum clip_mark_kind kind)
{
	return clip_add_text_mark(c, sample, kind, 0, 0);
}

int
clip_add_text_mark(struct clip *c, size_t sample, enum clip_mark_kind kind,
    size_t seg, size_t at)
{
	struct clip_mark *m;

	if (c->nmarks == c->markcap) {
		size_t cap = c->markcap ? c->markcap * 2 : 64;

		if ((m = realloc(c->marks, cap * sizeof *m)) == NULL)
			return -1;
		c->marks = m;
		c->markcap = cap;
	}
	c->marks[c->nmarks] = (struct clip_mark){ sample, kind, seg, at };
	c->nmarks++;
	return 0;
}

double
clip_seconds(const struct clip *c)
{
	return c->rate ? (double)c->nsamples / c->rate : 0;
}

/* eSpeak NG starts every utterance with about 50 ms below this level */
#define CLIP_QUIET 200
#define CLIP_LEAD_KEEP_MS 3

void
clip_trim_lead(struct clip *c)
{
	size_t i, keep = c->rate * CLIP_LEAD_KEEP_MS / 1000, cut;

	for (i = 0; i < c->nsamples && abs(c->pcm[i]) < CLIP_QUIET; i++)
		;
	if (i == c->nsamples || i <= keep)
		return;
	cut = i - keep;
	memmove(c->pcm, c->pcm + cut, (c->nsamples - cut) * sizeof *c->pcm);
	c->nsamples -= cut;
	for (i = 0; i < c->nmarks; i++)
		c->marks[i].sample = c->marks[i].sample > cut ?
		    c->marks[i].sample - cut : 0;
}

/* samples converted at a time: the floats libsamplerate works on stay
 * small, so a clip at the length limit needs only its old and new PCM */
#define CLIP_RESAMPLE_BLOCK 4096

int
clip_resample(struct clip *c, unsigned rate)
{
	double ratio = (double)rate / c->rate;
	size_t cap = (size_t)(c->nsamples * ratio) + 16, in = 0, out = 0, n, i;
	size_t block = (size_t)(CLIP_RESAMPLE_BLOCK * ratio) + 16;
	float fin[CLIP_RESAMPLE_BLOCK], *fout = NULL;
	int16_t *pcm = NULL;
	SRC_STATE *st = NULL;
	SRC_DATA d;
	int err, rc = -1;

	if (rate == c->rate || c->nsamples == 0) {
		c->rate = rate;
		return 0;
	}
	if ((pcm = malloc(cap * sizeof *pcm)) == NULL ||
	    (fout = malloc(block * sizeof *fout)) == NULL ||
	    (st = src_new(SRC_SINC_FASTEST, 1, &err)) == NULL)
		goto done;
	memset(&d, 0, sizeof d);
	d.src_ratio = ratio;
	d.data_in = fin;
	d.data_out = fout;
	/* after the last input, what the filter holds comes out */
	do {
		n = c->nsamples - in < CLIP_RESAMPLE_BLOCK ?
		    c->nsamples - in : CLIP_RESAMPLE_BLOCK;
		src_short_to_float_array(c->pcm + in, fin, (int)n);
		d.input_frames = (long)n;
		d.output_frames = (long)(cap - out < block ? cap - out : block);
		d.end_of_input = in + n == c->nsamples;
		if (src_process(st, &d) != 0)
			goto done;
		src_float_to_short_array(fout, pcm + out, (int)d.output_frames_gen);
		in += (size_t)d.input_frames_used;
		out += (size_t)d.output_frames_gen;
	} while (out < cap && (in < c->nsamples || d.output_frames_gen > 0));
	for (i = 0; i < c->nmarks; i++)
		c->marks[i].sample = (size_t)(c->marks[i].sample * ratio);
	free(c->pcm);
	c->pcm = pcm;
	pcm = NULL;
	c->nsamples = c->cap = out;
	c->rate = rate;
	rc = 0;
done:
	if (st != NULL)
		src_delete(st);
	free(fout);
	free(pcm);
	return rc;
}
