/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_chapters: the entries' starts as YouTube description chapters
 * (first at 0:00, 10 s apart, closer ones merged, too few refused), an
 * FFmpeg metadata file (escaped titles, milliseconds, appending) and
 * Podcasting 2.0 JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "production/chapters.h"

static struct title t10 = { .text = "You and I" };
static struct title t9 = { .text = "Don't Say \"Goodbye\"" };
static struct title t8[2] = { { .text = "Hello" }, { .text = "I Told You" } };

static const struct entry intro = { .kind = ENTRY_INTRO };
static const struct entry e10 = { .kind = ENTRY_RANKED, .rank = 10,
    .titles = &t10, .ntitles = 1, .credit = "Park Bom" };
static const struct entry e9 = { .kind = ENTRY_RANKED, .rank = 9,
    .titles = &t9, .ntitles = 1, .credit = "A=B; #1 \\ fan" };
static const struct entry e8 = { .kind = ENTRY_RANKED, .rank = 8,
    .titles = t8, .ntitles = 2 };
static const struct entry mentions = { .kind = ENTRY_MENTIONS };

/* chapters at starts[] (seconds) for intro, #10, #9, #8, mentions */
static void
make(struct chapters *ch, const double *starts)
{
	const struct entry *e[] = { &intro, &e10, &e9, &e8, &mentions };
	size_t i;

	memset(ch, 0, sizeof *ch);
	for (i = 0; i < 5; i++)
		assert_int_equal(chapters_add(ch, starts[i], e[i]), 0);
}

static char *
write_fmt(const struct chapters *ch, enum chapters_format fmt, double length,
    int want)
{
	char *out, err[256] = "";
	size_t len;
	FILE *fp = open_memstream(&out, &len);

	assert_int_equal(chapters_write(ch, fp, fmt, length, err, sizeof err), want);
	fclose(fp);
	if (want == -1) {
		free(out);
		return strdup(err);
	}
	return out;
}

static void
test_titles(void **state)
{
	char *t;

	(void)state;
	assert_string_equal(t = chapters_title(&intro), "Intro"), free(t);
	assert_string_equal(t = chapters_title(&e10),
	    "#10 You and I \xe2\x80\x94 Park Bom"), free(t);
	assert_string_equal(t = chapters_title(&e8), "#8 Hello & I Told You"), free(t);
	assert_string_equal(t = chapters_title(&mentions), "Honorable mentions"), free(t);
}

static void
test_youtube_merges_closer_than_10s(void **state)
{
	const double starts[] = { 0.4, 21.5, 29.9, 45, 3700 };
	struct chapters ch;
	char *out;

	(void)state;
	make(&ch, starts);
	out = write_fmt(&ch, CHAPTERS_TXT, 3800, 0);
	/* the first at 0:00 whatever its start; #9 comes 8.4 s after #10 and
	 * joins it; an hour and more shows the hours */
	assert_string_equal(out,
	    "0:00 Intro\n"
	    "0:21 #10 You and I \xe2\x80\x94 Park Bom / #9 Don't Say \"Goodbye\" "
	    "\xe2\x80\x94 A=B; #1 \\ fan\n"
	    "0:45 #8 Hello & I Told You\n"
	    "1:01:40 Honorable mentions\n");
	free(out);
	chapters_free(&ch);
}

static void
test_youtube_too_few_is_an_error(void **state)
{
	const double starts[] = { 0, 4, 8, 12, 16 };
	struct chapters ch;
	char *err;

	(void)state;
	make(&ch, starts);
	err = write_fmt(&ch, CHAPTERS_TXT, 20, -1);
	assert_non_null(strstr(err, "3 chapters at least 10 s apart"));
	assert_non_null(strstr(err, "give 2"));
	free(err);
	chapters_free(&ch);
}

static void
test_ffmeta_escapes_and_milliseconds(void **state)
{
	const double starts[] = { 0.25, 21.5, 29.9, 45, 60 };
	struct chapters ch;
	char *out;

	(void)state;
	make(&ch, starts);
	out = write_fmt(&ch, CHAPTERS_FFMETA, 72.3456, 0);
	assert_int_equal(strncmp(out, ";FFMETADATA1\n\n[CHAPTER]\nTIMEBASE=1/1000\n"
	    "START=0\nEND=21500\ntitle=Intro\n", 70), 0);
	assert_non_null(strstr(out, "START=21500\nEND=29900\ntitle=\\#10 You"));
	assert_non_null(strstr(out, "title=\\#9 Don't Say \"Goodbye\" "
	    "\xe2\x80\x94 A\\=B\\; \\#1 \\\\ fan\n"));
	assert_non_null(strstr(out, "START=60000\nEND=72346\n"));
	free(out);
	chapters_free(&ch);
}

static void
test_ffmeta_append(void **state)
{
	char *out;
	size_t len;
	FILE *fp = open_memstream(&out, &len);

	(void)state;
	assert_int_equal(chapters_ffmeta_append(fp, true, 0, 1.5, "Intro"), 0);
	assert_int_equal(chapters_ffmeta_append(fp, false, 1.5, 3, "a=b"), 0);
	fclose(fp);
	assert_string_equal(out, ";FFMETADATA1\n"
	    "\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=Intro\n"
	    "\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1500\nEND=3000\ntitle=a\\=b\n");
	free(out);
}

static void
test_json(void **state)
{
	const double starts[] = { 0.25, 21.5, 29.9, 45, 60 };
	struct chapters ch;
	char *out;

	(void)state;
	make(&ch, starts);
	out = write_fmt(&ch, CHAPTERS_JSON, 70, 0);
	assert_int_equal(strncmp(out, "{\n  \"version\": \"1.2.0\",\n  \"chapters\": [\n"
	    "    { \"startTime\": 0.000, \"title\": \"Intro\" },\n", 86), 0);
	assert_non_null(strstr(out, "{ \"startTime\": 29.900, \"title\": "
	    "\"#9 Don't Say \\\"Goodbye\\\" \xe2\x80\x94 A=B; #1 \\\\ fan\" }"));
	assert_non_null(strstr(out, "\"startTime\": 60.000, \"title\": "
	    "\"Honorable mentions\" }\n  ]\n}\n"));
	free(out);
	chapters_free(&ch);
}

static void
test_format_by_extension(void **state)
{
	(void)state;
	assert_int_equal(chapters_format("c.txt"), CHAPTERS_TXT);
	assert_int_equal(chapters_format("d/c.FFMETA"), CHAPTERS_FFMETA);
	assert_int_equal(chapters_format("c.json"), CHAPTERS_JSON);
	assert_int_equal(chapters_format("c.vtt"), -1);
	assert_int_equal(chapters_format("json"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_youtube_merges_closer_than_10s),
		cmocka_unit_test(test_youtube_too_few_is_an_error),
		cmocka_unit_test(test_ffmeta_escapes_and_milliseconds),
		cmocka_unit_test(test_ffmeta_append),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_format_by_extension),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
