/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_captions: the written words cut into cues a viewer can read: two
 * lines of 42 characters at most, split at sentences, then clauses, then
 * words; no cue under a second unless its sentence is; in order, never
 * overlapping; WebVTT's and SubRip's forms; numbering that runs on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "production/captions.h"
#include "util/utf8.h"

#define RATE	1000	/* a sample a millisecond */
#define WORD_MS	300	/* each word is heard this long */
#define MAXCUES	64

struct cue {
	long	 start, end;	/* ms */
	char	 line[3][128];
	int	 nlines;
};

/* a clip of a narration of one segment, written as spoken (the map is
 * the identity): a word mark every WORD_MS, the end after the last word */
static void
make(const char *text, struct clip **clip)
{
	struct segment *s = calloc(1, sizeof *s);
	size_t i, len = strlen(text), k = 0;

	assert_non_null(s);
	s->text = strdup(text);
	s->display = strdup(text);
	s->map = calloc(len + 1, sizeof *s->map);
	assert_non_null(s->map);
	for (i = 0; i <= len; i++)
		s->map[i] = i;
	*clip = clip_new(0, RATE);
	assert_non_null(*clip);
	(*clip)->narration.segs = s;
	(*clip)->narration.nsegs = 1;
	for (i = 0; i < len; i++)
		if (text[i] != ' ' && (i == 0 || text[i - 1] == ' '))
			clip_add_text_mark(*clip, k++ * WORD_MS, MARK_WORD, 0, i);
	clip_add_text_mark(*clip, k * WORD_MS, MARK_END, 0, len);
	clip_append_silence(*clip, (double)(k * WORD_MS + 200) / RATE);
}

static long
ms(const char *t)
{
	int h, m, s, f;

	assert_int_equal(sscanf(t, "%d:%d:%d%*[.,]%d", &h, &m, &s, &f), 4);
	return ((h * 60L + m) * 60 + s) * 1000 + f;
}

/* the cues of text written in fmt; the output in *out (freed by caller) */
static int
cues_of(const char *text, enum captions_format fmt, struct cue *cue,
    char **out)
{
	struct clip *clip;
	struct captions c;
	size_t len;
	FILE *fp = open_memstream(out, &len);
	char *line, *save;
	int ncues = -1, num = 0;

	make(text, &clip);
	captions_init(&c, RATE);
	assert_int_equal(captions_add(&c, clip, 0), 0);
	assert_int_equal(captions_write(&c, fp, fmt, 0, SIZE_MAX), 0);
	fclose(fp);
	captions_free(&c);
	clip_free(clip);

	char *copy = strdup(*out);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *arrow = strstr(line, " --> ");

		if (arrow != NULL) {
			assert_true(++ncues < MAXCUES);
			cue[ncues].start = ms(line);
			cue[ncues].end = ms(arrow + 5);
			cue[ncues].nlines = 0;
		} else if (atoi(line) == num + 1 &&
		    strspn(line, "0123456789") == strlen(line))
			num++;		/* the next cue's number */
		else if (ncues >= 0) {
			assert_true(cue[ncues].nlines < 3);
			snprintf(cue[ncues].line[cue[ncues].nlines++],
			    sizeof cue[0].line[0], "%s", line);
		}
	}
	free(copy);
	assert_int_equal(num, ncues + 1);	/* numbered 1, 2, ... */
	return ncues + 1;
}

static size_t
chars(const char *s)
{
	return utf8_chars(s, strlen(s));
}

/* every cue: 1 or 2 lines of <= 42 characters, in order, no overlap */
static void
assert_readable(const struct cue *cue, int n)
{
	int i, k;

	for (i = 0; i < n; i++) {
		assert_in_range(cue[i].nlines, 1, 2);
		for (k = 0; k < cue[i].nlines; k++)
			assert_in_range(chars(cue[i].line[k]), 1, 42);
		assert_true(cue[i].end > cue[i].start);
		if (i > 0)
			assert_true(cue[i].start >= cue[i - 1].end);
	}
}

/* the words of the cues, in order, joined by spaces */
static void
words(const struct cue *cue, int n, char *buf, size_t len)
{
	int i, k;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		for (k = 0; k < cue[i].nlines; k++) {
			if (buf[0] != '\0')
				strncat(buf, " ", len - strlen(buf) - 1);
			strncat(buf, cue[i].line[k], len - strlen(buf) - 1);
		}
}

static void
test_long_sentence_two_lines_of_42(void **state)
{
	const char *t = "This sentence goes on and on without a single pause "
	    "in it so that the words alone can decide where each caption "
	    "has to end and the next one begins again";
	struct cue cue[MAXCUES];
	char *out, all[1024];
	int n = cues_of(t, CAPTIONS_VTT, cue, &out);

	(void)state;
	assert_true(n >= 2);
	assert_readable(cue, n);
	words(cue, n, all, sizeof all);
	assert_string_equal(all, t);	/* every word, once, in order */
	assert_int_equal(cue[1].nlines, 2);	/* full cues use both lines */
	free(out);
}

static void
test_sentences_split_first(void **state)
{
	struct cue cue[MAXCUES];
	char *out;
	int n = cues_of("The first one is done. And here is the second.",
	    CAPTIONS_VTT, cue, &out);

	(void)state;
	assert_int_equal(n, 2);
	assert_string_equal(cue[0].line[0], "The first one is done.");
	assert_string_equal(cue[1].line[0], "And here is the second.");
	/* the first lasts until the second is heard */
	assert_int_equal(cue[0].start, 0);
	assert_int_equal(cue[0].end, 5 * WORD_MS);
	assert_int_equal(cue[1].start, 5 * WORD_MS);
	assert_readable(cue, n);
	free(out);
}

static void
test_clause_beats_a_fuller_cue(void **state)
{
	struct cue cue[MAXCUES];
	char *out;
	int n = cues_of("When the rain came down over the old harbour town at "
	    "night, nobody who lived there was surprised at all by how long "
	    "it stayed", CAPTIONS_VTT, cue, &out);

	(void)state;
	assert_true(n >= 2);
	assert_readable(cue, n);
	/* the first cue ends at the comma, not in the middle of the clause */
	assert_non_null(strstr(cue[0].line[cue[0].nlines - 1], "night,"));
	assert_int_equal(strlen(strstr(cue[0].line[cue[0].nlines - 1],
	    "night,")), strlen("night,"));
	free(out);
}

static void
test_a_second_at_least_unless_the_sentence_is_shorter(void **state)
{
	struct cue cue[MAXCUES];
	char *out;
	int i, n = cues_of("Short. This sentence is long enough that it has to "
	    "be cut into two cues somewhere near its end, and the last bit "
	    "is tiny.", CAPTIONS_VTT, cue, &out);

	(void)state;
	assert_readable(cue, n);
	assert_string_equal(cue[0].line[0], "Short.");
	assert_true(cue[0].end - cue[0].start < 1000);	/* the sentence is */
	for (i = 1; i < n; i++)
		assert_true(cue[i].end - cue[i].start >= 1000);
	free(out);
}

static void
test_vtt_escapes_and_srt_form(void **state)
{
	struct cue cue[MAXCUES];
	char *out;
	int n = cues_of("Tom & Jerry <live>.", CAPTIONS_VTT, cue, &out);

	(void)state;
	assert_int_equal(n, 1);
	assert_int_equal(strncmp(out, "WEBVTT\n\n1\n00:00:00.000 --> ", 27), 0);
	assert_string_equal(cue[0].line[0], "Tom &amp; Jerry &lt;live&gt;.");
	free(out);
	n = cues_of("Tom & Jerry <live>.", CAPTIONS_SRT, cue, &out);
	assert_int_equal(n, 1);
	assert_int_equal(strncmp(out, "1\n00:00:00,000 --> 00:00:01,200\n", 32), 0);
	assert_string_equal(cue[0].line[0], "Tom & Jerry <live>.");
	free(out);
}

/* appending: no header, the numbers run on from *num */
static void
test_cues_numbered_on(void **state)
{
	struct clip *clip;
	struct captions c;
	char *out;
	size_t len, num = 7;
	FILE *fp = open_memstream(&out, &len);

	(void)state;
	make("One. Two.", &clip);
	captions_init(&c, RATE);
	assert_int_equal(captions_add(&c, clip, 5000), 0);
	assert_int_equal(captions_write_cues(&c, fp, CAPTIONS_VTT, 0, SIZE_MAX,
	    &num), 0);
	fclose(fp);
	assert_int_equal(num, 9);
	assert_string_equal(out, "7\n00:00:05.000 --> 00:00:05.300\nOne.\n\n"
	    "8\n00:00:05.300 --> 00:00:05.600\nTwo.\n\n");
	free(out);
	captions_free(&c);
	clip_free(clip);
}

static void
test_format_by_extension(void **state)
{
	(void)state;
	assert_int_equal(captions_format("a/b.vtt"), CAPTIONS_VTT);
	assert_int_equal(captions_format("B.SRT"), CAPTIONS_SRT);
	assert_int_equal(captions_format("b.txt"), -1);
	assert_int_equal(captions_format("vtt"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_sentence_two_lines_of_42),
		cmocka_unit_test(test_sentences_split_first),
		cmocka_unit_test(test_clause_beats_a_fuller_cue),
		cmocka_unit_test(test_a_second_at_least_unless_the_sentence_is_shorter),
		cmocka_unit_test(test_vtt_escapes_and_srt_form),
		cmocka_unit_test(test_cues_numbered_on),
		cmocka_unit_test(test_format_by_extension),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
