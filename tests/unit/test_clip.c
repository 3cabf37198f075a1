/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_clip: the PCM buffer an entry is synthesized into: appending sound
 * and silence, word marks, the trimmed lead-in silence that lets sound
 * follow a play at once, and the conversion to a device's rate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "speech/clip.h"

#define QUIET	50	/* well below the lead-in threshold */
#define LOUD	5000	/* well above it */
/* the few milliseconds of the lead-in that are kept: at most this many */
#define KEEP_MAX_MS	10

static struct clip *
new_clip(unsigned rate)
{
	struct clip *c = clip_new(3, rate);

	assert_non_null(c);
	assert_int_equal(c->index, 3);
	assert_int_equal(c->rate, rate);
	assert_int_equal(c->nsamples, 0);
	return c;
}

/* n samples of the value v (alternating in sign) */
static void
append_level(struct clip *c, int16_t v, size_t n)
{
	int16_t *buf = malloc(n * sizeof(*buf));
	size_t i;

	assert_non_null(buf);
	for (i = 0; i < n; i++)
		buf[i] = (int16_t)(i % 2 ? -v : v);
	assert_int_equal(clip_append(c, buf, n), 0);
	free(buf);
}

/* n samples of a sine of the given frequency and amplitude */
static void
append_sine(struct clip *c, double hz, double amp, size_t n)
{
	int16_t *buf = malloc(n * sizeof(*buf));
	size_t i;

	assert_non_null(buf);
	for (i = 0; i < n; i++)
		buf[i] = (int16_t)lrint(amp * sin(2 * M_PI * hz * i / c->rate));
	assert_int_equal(clip_append(c, buf, n), 0);
	free(buf);
}

/* index of the first sample at or above level, or nsamples */
static size_t
first_loud(const struct clip *c, int level)
{
	size_t i;

	for (i = 0; i < c->nsamples && abs(c->pcm[i]) < level; i++)
		;
	return i;
}

static int
peak(const struct clip *c, size_t from, size_t to)
{
	int m = 0;
	size_t i;

	for (i = from; i < to && i < c->nsamples; i++)
		if (abs(c->pcm[i]) > m)
			m = abs(c->pcm[i]);
	return m;
}

/* ---- append, silence, marks ---- */

static void
test_append(void **state)
{
	static const int16_t a[] = { 1, -2, 3, 32767, -32768 };
	struct clip *c = new_clip(CLIP_RATE);
	size_t i;

	(void)state;
	assert_int_equal(clip_append(c, a, 5), 0);
	assert_int_equal(clip_append(c, a, 0), 0);
	assert_int_equal(clip_append(c, a + 1, 2), 0);
	assert_int_equal(c->nsamples, 7);
	assert_memory_equal(c->pcm, a, sizeof(a));
	assert_int_equal(c->pcm[5], -2);
	assert_int_equal(c->pcm[6], 3);
	/* many appends grow it and keep every sample in place */
	for (i = 0; i < 20000; i++) {
		int16_t v = (int16_t)(i % 1000);

		assert_int_equal(clip_append(c, &v, 1), 0);
	}
	assert_int_equal(c->nsamples, 20007);
	assert_true(c->cap >= c->nsamples);
	assert_memory_equal(c->pcm, a, sizeof(a));
	for (i = 0; i < 20000; i++)
		assert_int_equal(c->pcm[7 + i], (int16_t)(i % 1000));
	/* a big block at once */
	append_level(c, 7, 100000);
	assert_int_equal(c->nsamples, 120007);
	assert_int_equal(c->pcm[120006], -7);
	clip_free(c);
	clip_free(NULL);
}

static void
test_silence(void **state)
{
	struct clip *c = new_clip(CLIP_RATE);
	size_t i;

	(void)state;
	append_level(c, LOUD, 10);
	assert_int_equal(clip_append_silence(c, 0.5), 0);
	assert_int_equal(c->nsamples, 10 + CLIP_RATE / 2);
	for (i = 10; i < c->nsamples; i++)
		assert_int_equal(c->pcm[i], 0);
	/* nothing for no time, or a negative one */
	assert_int_equal(clip_append_silence(c, 0), 0);
	assert_int_equal(clip_append_silence(c, -1), 0);
	assert_int_equal(c->nsamples, 10 + CLIP_RATE / 2);
	/* rounded to the nearest sample */
	assert_int_equal(clip_append_silence(c, 0.7), 0);
	assert_int_equal(c->nsamples, 10 + CLIP_RATE / 2 + 15435);
	assert_true(fabs(clip_seconds(c) - (10.0 / CLIP_RATE + 1.2)) < 1e-9);
	clip_free(c);

	c = new_clip(44100);
	assert_true(clip_seconds(c) == 0);
	assert_int_equal(clip_append_silence(c, 2), 0);
	assert_int_equal(c->nsamples, 88200);
	assert_true(fabs(clip_seconds(c) - 2) < 1e-9);
	clip_free(c);
}

static void
test_marks(void **state)
{
	struct clip *c = new_clip(CLIP_RATE);
	size_t i;

	(void)state;
	/* more than fit at first: they grow, in order, kinds kept */
	for (i = 0; i < 1000; i++)
		assert_int_equal(clip_add_mark(c, i * 10, i % 7 ? MARK_WORD :
		    MARK_SENTENCE), 0);
	assert_int_equal(c->nmarks, 1000);
	for (i = 0; i < 1000; i++) {
		assert_int_equal(c->marks[i].sample, i * 10);
		assert_int_equal(c->marks[i].kind, i % 7 ? MARK_WORD :
		    MARK_SENTENCE);
	}
	clip_free(c);
}

/* ---- the lead-in silence ---- */

static void
test_trim_lead(void **state)
{
	struct clip *c = new_clip(CLIP_RATE);
	size_t lead = CLIP_RATE / 20, loud = 1000, at, cut;	/* 50 ms */

	(void)state;
	append_level(c, QUIET, lead);
	append_level(c, LOUD, loud);
	append_level(c, QUIET, 500);
	clip_add_mark(c, 0, MARK_SENTENCE);
	clip_add_mark(c, lead, MARK_WORD);
	clip_add_mark(c, lead + 700, MARK_WORD);
	clip_trim_lead(c);

	/* sound starts within a few milliseconds */
	at = first_loud(c, LOUD);
	assert_true(at > 0);
	assert_true(at <= (size_t)CLIP_RATE * KEEP_MAX_MS / 1000);
	/* only the lead was cut: the sound and what follows are whole */
	cut = lead - at;
	assert_int_equal(c->nsamples, lead + loud + 500 - cut);
	assert_int_equal(first_loud(c, QUIET + 1), at);
	assert_int_equal(peak(c, at, at + loud), LOUD);
	assert_int_equal(peak(c, at + loud, c->nsamples), QUIET);
	/* the kept lead is still the quiet one */
	assert_int_equal(peak(c, 0, at), QUIET);
	/* marks moved with the sound; one in the cut goes to the start */
	assert_int_equal(c->nmarks, 3);
	assert_int_equal(c->marks[0].sample, 0);
	assert_int_equal(c->marks[1].sample, at);
	assert_int_equal(c->marks[2].sample, at + 700);
	/* trimming again changes nothing */
	clip_trim_lead(c);
	assert_int_equal(c->nsamples, lead + loud + 500 - cut);
	assert_int_equal(first_loud(c, LOUD), at);
	clip_free(c);
}

static void
test_trim_lead_negative(void **state)
{
	struct clip *c = new_clip(CLIP_RATE);
	int16_t v = -32768;

	(void)state;
	/* a loud sample is loud whatever its sign */
	append_level(c, QUIET, 2000);
	assert_int_equal(clip_append(c, &v, 1), 0);
	append_level(c, QUIET, 100);
	clip_trim_lead(c);
	assert_true(c->nsamples < 2101);
	assert_int_equal(c->pcm[first_loud(c, LOUD)], -32768);
	assert_true(first_loud(c, LOUD) <= (size_t)CLIP_RATE * KEEP_MAX_MS /
	    1000);
	clip_free(c);
}

static void
test_trim_lead_leaves_alone(void **state)
{
	struct clip *c = new_clip(CLIP_RATE);

	(void)state;
	/* an all-quiet clip (a pause, or silence on purpose) is not cut */
	append_level(c, QUIET, 5000);
	clip_add_mark(c, 4000, MARK_WORD);
	clip_trim_lead(c);
	assert_int_equal(c->nsamples, 5000);
	assert_int_equal(c->marks[0].sample, 4000);
	clip_free(c);

	c = new_clip(CLIP_RATE);
	assert_int_equal(clip_append_silence(c, 1), 0);
	clip_trim_lead(c);
	assert_int_equal(c->nsamples, CLIP_RATE);
	clip_free(c);

	/* sound from the first sample: nothing to cut */
	c = new_clip(CLIP_RATE);
	append_level(c, LOUD, 100);
	clip_trim_lead(c);
	assert_int_equal(c->nsamples, 100);
	assert_int_equal(abs(c->pcm[0]), LOUD);
	clip_free(c);

	/* a lead shorter than what is kept anyway */
	c = new_clip(CLIP_RATE);
	append_level(c, QUIET, 10);
	append_level(c, LOUD, 100);
	clip_trim_lead(c);
	assert_int_equal(c->nsamples, 110);
	clip_free(c);

	/* an empty clip */
	c = new_clip(CLIP_RATE);
	clip_trim_lead(c);
	assert_int_equal(c->nsamples, 0);
	clip_free(c);
}

/* ---- to another rate ---- */

static void
test_resample_up(void **state)
{
	struct clip *c = new_clip(22050);
	size_t n = 22050, i;

	(void)state;
	append_sine(c, 440, 10000, n);
	clip_add_mark(c, 0, MARK_SENTENCE);
	clip_add_mark(c, 11025, MARK_WORD);
	clip_add_mark(c, 22049, MARK_WORD);
	assert_int_equal(clip_resample(c, 44100), 0);
	assert_int_equal(c->rate, 44100);
	/* twice the samples, the same second (within a few ms) */
	assert_true(c->nsamples > 2 * n - 200 && c->nsamples <= 2 * n + 200);
	assert_true(fabs(clip_seconds(c) - 1.0) < 0.005);
	/* the marks at the same times */
	assert_int_equal(c->nmarks, 3);
	assert_int_equal(c->marks[0].sample, 0);
	assert_true(c->marks[1].sample >= 22040 && c->marks[1].sample <= 22060);
	assert_int_equal(c->marks[1].kind, MARK_WORD);
	for (i = 0; i < c->nmarks; i++)
		assert_true(c->marks[i].sample <= c->nsamples);
	/* the sound kept its loudness in the middle */
	assert_true(peak(c, 10000, 30000) > 9000);
	assert_true(peak(c, 10000, 30000) < 11000);
	/* and the clip still grows */
	append_level(c, 1, 100);
	assert_int_equal(clip_append_silence(c, 0.5), 0);
	assert_true(fabs(clip_seconds(c) - 1.5) < 0.01);
	clip_free(c);
}

static void
test_resample_down_and_same(void **state)
{
	struct clip *c = new_clip(48000);

	(void)state;
	append_sine(c, 300, 8000, 48000);
	clip_add_mark(c, 24000, MARK_WORD);
	assert_int_equal(clip_resample(c, 22050), 0);
	assert_int_equal(c->rate, 22050);
	assert_true(c->nsamples > 22050 - 200 && c->nsamples <= 22050 + 200);
	assert_true(c->marks[0].sample >= 11015 && c->marks[0].sample <= 11035);
	/* the same rate: nothing changes */
	assert_int_equal(clip_resample(c, 22050), 0);
	assert_true(c->nsamples > 22050 - 200 && c->nsamples <= 22050 + 200);
	clip_free(c);

	/* an empty clip just takes the rate */
	c = new_clip(22050);
	assert_int_equal(clip_resample(c, 44100), 0);
	assert_int_equal(c->rate, 44100);
	assert_int_equal(c->nsamples, 0);
	assert_int_equal(clip_append_silence(c, 1), 0);
	assert_int_equal(c->nsamples, 44100);
	clip_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_silence),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_trim_lead),
		cmocka_unit_test(test_trim_lead_negative),
		cmocka_unit_test(test_trim_lead_leaves_alone),
		cmocka_unit_test(test_resample_up),
		cmocka_unit_test(test_resample_down_and_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
