/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_script: the countdown script parser against the original transcript
 * (../shared/seeds/), the project's own default script, every rule of
 * countdown-script(5) and every bad script with the line it names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "text/script.h"
#include "unit.h"

#define SEED	"../shared/seeds/saddest-kpop-mvs.txt"
#define OWN	"data/scripts/saddest-kpop-mvs.txt"

/* ---- helpers ---- */

static void
parse_ok(const char *text, struct script *s)
{
	struct script_error err;

	if (script_parse(text, strlen(text), NULL, s, &err) != 0)
		fail_msg("parse failed at line %d: %s", err.line, err.msg);
}

static void
parse_bad(const char *text, size_t len, int line, const char *msg)
{
	struct script s;
	struct script_error err;

	assert_int_equal(script_parse(text, len, NULL, &s, &err), -1);
	if (strstr(err.msg, msg) == NULL)
		fail_msg("error \"%s\" does not say \"%s\"", err.msg, msg);
	assert_int_equal(err.line, line);
	/* a failed parse leaves nothing behind to free */
	assert_null(s.title);
	assert_null(s.entries);
	assert_int_equal(s.nentries, 0);
}

static void
bad(const char *text, int line, const char *msg)
{
	parse_bad(text, strlen(text), line, msg);
}

/* The only ranked entry of a small script. */
static const struct entry *
only_ranked(const struct script *s)
{
	size_t i;

	for (i = 0; i < s->nentries; i++)
		if (s->entries[i].kind == ENTRY_RANKED)
			return &s->entries[i];
	fail_msg("no ranked entry");
	return NULL;
}

static void
assert_title(const struct title *t, const char *text, int year,
    const char *credit)
{
	assert_string_equal(t->text, text);
	assert_int_equal(t->year, year);
	if (credit == NULL)
		assert_null(t->credit);
	else
		assert_string_equal(t->credit, credit);
}

/* the countdown both the transcript and the default script hold */
struct want {
	enum entry_kind	 kind;
	int		 rank;
	const char	*credit;
	const char	*titles[5];
	int		 years[5];
	const char	*credits[5];
};

static const struct want kpop[] = {
	{ ENTRY_INTRO, 0, NULL, { NULL }, { 0 }, { NULL } },
	{ ENTRY_RANKED, 10, "Park Bom", { "You and I" }, { 2009 }, { NULL } },
	{ ENTRY_RANKED, 9, "Davichi", { "Don't Say Goodbye" }, { 2011 },
	    { NULL } },
	{ ENTRY_RANKED, 8, "Huh Gak", { "Hello", "I Told You I Wanna Die" },
	    { 2011, 2011 }, { NULL } },
	{ ENTRY_RANKED, 7, "Nell", { "The Day Before" }, { 2012 }, { NULL } },
	{ ENTRY_RANKED, 6, "Taeyang", { "Wedding Dress" }, { 2009 }, { NULL } },
	{ ENTRY_RANKED, 5, "F.T. Island", { "Severely" }, { 2012 }, { NULL } },
	{ ENTRY_RANKED, 4, "The Ark", { "The Light" }, { 2015 }, { NULL } },
	{ ENTRY_RANKED, 3, "Jin", { "Gone" }, { 2013 }, { NULL } },
	{ ENTRY_RANKED, 2, "K. Will", { "Please Don't" }, { 2012 }, { NULL } },
	{ ENTRY_MENTIONS, 0, NULL,
	    { "In Heaven", "Cleansing Cream", "Heaven",
	      "Yesterday Is Different from Today", "It Hurts (Sick)" },
	    { 2011, 2011, 2012, 2007, 2012 },
	    { "JYJ", "Brown Eyed Girls", "Ailee", "Kim Ji Eun", "Huh Gak" } },
	{ ENTRY_RANKED, 1, "BIGBANG", { "Haru Haru" }, { 2008 }, { NULL } },
};

static void
assert_kpop(const struct script *s)
{
	size_t i, j, n;

	assert_string_equal(s->title, "Top 10 Saddest K-Pop Music Videos");
	assert_int_equal(s->nentries, sizeof(kpop) / sizeof(kpop[0]));
	for (i = 0; i < s->nentries; i++) {
		const struct entry *e = &s->entries[i];
		const struct want *w = &kpop[i];

		assert_int_equal(e->kind, w->kind);
		assert_int_equal(e->rank, w->rank);
		if (w->credit == NULL)
			assert_null(e->credit);
		else
			assert_string_equal(e->credit, w->credit);
		for (n = 0; n < 5 && w->titles[n] != NULL; n++)
			;
		assert_int_equal(e->ntitles, n);
		for (j = 0; j < n; j++)
			assert_title(&e->titles[j], w->titles[j], w->years[j],
			    w->credits[j]);
		/* every entry but the mentions says something */
		if (e->kind != ENTRY_MENTIONS)
			assert_true(e->nparagraphs >= 1);
	}
	assert_string_equal(s->entries[0].lead, s->title);
	assert_string_equal(s->entries[10].lead, "Before we get to our "
	    "top pick, here are a few honorable mentions:");
	assert_int_equal(s->entries[10].nparagraphs, 0);
}

static char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc(n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = n;
	return buf;
}

/* Is text part of one of the paragraphs of s? */
static int
in_script(const struct script *s, const char *text)
{
	size_t i, j;

	for (i = 0; i < s->nentries; i++)
		for (j = 0; j < s->entries[i].nparagraphs; j++)
			if (strstr(s->entries[i].paragraphs[j], text) != NULL)
				return 1;
	return 0;
}

/* ---- the two real scripts ---- */

static void
test_seed(void **state)
{
	struct script s;
	struct script_error err;
	const struct entry *e;

	(void)state;
	assert_int_equal(script_load(SEED, NULL, &s, &err), 0);
	assert_kpop(&s);
	assert_int_equal(s.entries[0].line, 1);
	assert_int_equal(s.entries[0].nparagraphs, 2);
	assert_true(strncmp(s.entries[0].paragraphs[0], "While we often", 14)
	    == 0);
	e = &s.entries[1];
	assert_int_equal(e->line, 5);
	assert_int_equal(e->nparagraphs, 1);
	assert_true(strncmp(e->paragraphs[0], "While a fairytale wedding", 25)
	    == 0);
	assert_int_equal(s.entries[10].line, 32);
	assert_int_equal(s.entries[11].line, 43);
	script_free(&s);
}

static void
test_own_script(void **state)
{
	struct script own, seed;
	struct script_error err;
	size_t i, j;

	(void)state;
	assert_int_equal(script_load(OWN, NULL, &own, &err), 0);
	assert_int_equal(script_load(SEED, NULL, &seed, &err), 0);
	assert_kpop(&own);
	/* the project's own words: no paragraph of the transcript's */
	for (i = 0; i < own.nentries; i++)
		for (j = 0; j < own.entries[i].nparagraphs; j++)
			assert_false(in_script(&seed,
			    own.entries[i].paragraphs[j]));
	for (i = 1; i < own.nentries; i++)
		if (own.entries[i].kind == ENTRY_RANKED)
			assert_int_equal(own.entries[i].nparagraphs, 1);
	script_free(&own);
	script_free(&seed);
}

static void
test_load_errors(void **state)
{
	struct script s;
	struct script_error err;
	const char *bad_text = "Top 3\n#1: \"A\"\n#1: \"B\"\n";
	char path[PATH_MAX + 16];
	int fd;

	snprintf(path, sizeof path, "%s/script.txt", (char *)*state);
	assert_int_equal(script_load("no/such/script.txt", NULL, &s, &err),
	    EX_NOINPUT);
	assert_non_null(strstr(err.msg, "No such file"));
	assert_int_equal(script_load("/", NULL, &s, &err), EX_NOINPUT);
	assert_non_null(strstr(err.msg, "directory"));

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bad_text, strlen(bad_text)),
	    (ssize_t)strlen(bad_text));
	close(fd);
	assert_int_equal(script_load(path, NULL, &s, &err), EX_DATAERR);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.msg, "duplicate rank #1 (first at line 2)");
	assert_null(s.entries);

	/* more than 4 MB is refused before it is parsed: it would hold the
	 * daemon's memory (countdown-script(5), LIMITS) */
	assert_int_equal(truncate(path, (4 << 20) + 1), 0);
	assert_int_equal(script_load(path, NULL, &s, &err), EX_DATAERR);
	assert_int_equal(err.line, 0);
	assert_non_null(strstr(err.msg, "larger than 4 MB"));
	assert_null(s.entries);
}

static void
test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(script_kind_name(ENTRY_INTRO), "intro");
	assert_string_equal(script_kind_name(ENTRY_RANKED), "entry");
	assert_string_equal(script_kind_name(ENTRY_MENTIONS), "mentions");
}

/* ---- title and intro ---- */

static void
test_intro(void **state)
{
	struct script s;
	const struct entry *e;

	(void)state;
	parse_ok("\n\n  Top 3 Songs  \nSome intro\ntext, wrapped.\n"
	    "#1: \"A\"\n", &s);
	assert_string_equal(s.title, "Top 3 Songs");
	assert_int_equal(s.nentries, 2);
	e = &s.entries[0];
	assert_int_equal(e->kind, ENTRY_INTRO);
	assert_int_equal(e->line, 3);
	assert_int_equal(e->rank, 0);
	assert_string_equal(e->lead, "Top 3 Songs");
	assert_int_equal(e->ntitles, 0);
	assert_int_equal(e->nparagraphs, 1);
	assert_string_equal(e->paragraphs[0], "Some intro text, wrapped.");
	script_free(&s);
}

static void
test_intro_title_only(void **state)
{
	struct script s;

	(void)state;
	/* a title and no intro text: the intro speaks the title alone */
	parse_ok("Top 3\n\n#1: \"A\"\n", &s);
	assert_int_equal(s.nentries, 2);
	assert_int_equal(s.entries[0].kind, ENTRY_INTRO);
	assert_string_equal(s.entries[0].lead, "Top 3");
	assert_int_equal(s.entries[0].nparagraphs, 0);
	script_free(&s);
}

static void
test_no_title(void **state)
{
	struct script s;

	(void)state;
	/* a script that starts with its first entry has no title, no intro */
	parse_ok("\n#2: \"A\"\n#1: \"B\"\n", &s);
	assert_null(s.title);
	assert_int_equal(s.nentries, 2);
	assert_int_equal(s.entries[0].kind, ENTRY_RANKED);
	assert_int_equal(s.entries[0].line, 2);
	script_free(&s);
}

/* ---- headers ---- */

static void
test_separators(void **state)
{
	static const char *const headers[] = {
		"#7: \"Seven\"", "#7. \"Seven\"", "#7 - \"Seven\"",
		"#7 \u2013 \"Seven\"", "#7\u2014\"Seven\"", "#7 \"Seven\"",
		"#7:\t\"Seven\"", "  #7 :  \"Seven\"  ",
	};
	char text[128];
	struct script s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++) {
		snprintf(text, sizeof(text), "T\n%s\n", headers[i]);
		parse_ok(text, &s);
		assert_int_equal(only_ranked(&s)->rank, 7);
		assert_title(&only_ranked(&s)->titles[0], "Seven", 0, NULL);
		script_free(&s);
	}
}

static void
test_quotes(void **state)
{
	static const struct {
		const char *header, *title;
	} cases[] = {
		{ "#1: \"Plain\"", "Plain" },
		{ "#1: \u201cCurly\u201d", "Curly" },
		{ "#1: \u201cMixed\"", "Mixed" },
		{ "#1: 'Single'", "Single" },
		{ "#1: \u2018Curly single\u2019", "Curly single" },
		{ "#1: \"Don't Say Goodbye\"", "Don't Say Goodbye" },
		{ "#1: 'Don't Say Goodbye'", "Don't Say Goodbye" },
		{ "#1: \u2018Don\u2019t Stop\u2019", "Don\u2019t Stop" },
		{ "#1: 'Rock 'n Roll'", "Rock 'n Roll" },
		{ "#1: \"It Hurts (Sick)\" (2012)", "It Hurts (Sick)" },
		{ "#1: \"  Spaced   out  \"", "Spaced out" },
		{ "#1: \"\u00c9t\u00e9 \u2014 \ud55c\uae00\"",
		    "\u00c9t\u00e9 \u2014 \ud55c\uae00" },
	};
	char text[128];
	struct script s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), "T\n%s\n", cases[i].header);
		parse_ok(text, &s);
		assert_string_equal(only_ranked(&s)->titles[0].text,
		    cases[i].title);
		script_free(&s);
	}
}

static void
test_several_titles(void **state)
{
	struct script s;
	const struct entry *e;

	(void)state;
	parse_ok("T\n#3: \"A\" (2001) & \"B\" and 'C' (2003) AND \u201cD\u201d"
	    "&\"E\"\n", &s);
	e = only_ranked(&s);
	assert_int_equal(e->ntitles, 5);
	assert_title(&e->titles[0], "A", 2001, NULL);
	assert_title(&e->titles[1], "B", 0, NULL);
	assert_title(&e->titles[2], "C", 2003, NULL);
	assert_title(&e->titles[3], "D", 0, NULL);
	assert_title(&e->titles[4], "E", 0, NULL);
	script_free(&s);
}

static void
test_ranks_above_ten_in_order(void **state)
{
	struct script s;

	(void)state;
	/* entries play as written, whatever their ranks */
	parse_ok("Top 100\n#100: \"C\"\n#25: \"Q\"\n#1: \"A\"\n#9999: \"Z\"\n",
	    &s);
	assert_int_equal(s.nentries, 5);
	assert_int_equal(s.entries[1].rank, 100);
	assert_int_equal(s.entries[2].rank, 25);
	assert_int_equal(s.entries[3].rank, 1);
	assert_int_equal(s.entries[4].rank, 9999);
	assert_int_equal(s.entries[4].line, 5);
	script_free(&s);
}

static void
test_hash_text_is_no_header(void **state)
{
	struct script s;

	(void)state;
	parse_ok("T\n#1 hit songs, all of them.\n#1: \"A\"\n", &s);
	assert_int_equal(s.nentries, 2);
	assert_string_equal(s.entries[0].paragraphs[0],
	    "#1 hit songs, all of them.");
	script_free(&s);
}

/* ---- credits ---- */

static void
test_credit(void **state)
{
	struct script s;
	const struct entry *e;

	(void)state;
	parse_ok("T\n#1: \"A\" (2000)\n  Some Artist  \nThe body.\n", &s);
	e = only_ranked(&s);
	assert_string_equal(e->credit, "Some Artist");
	assert_int_equal(e->nparagraphs, 1);
	assert_string_equal(e->paragraphs[0], "The body.");
	script_free(&s);

	/* blank lines between header and credit are skipped */
	parse_ok("T\n#1: \"A\"\n\nArtist\n\nBody.\n", &s);
	assert_string_equal(only_ranked(&s)->credit, "Artist");
	script_free(&s);
}

static void
test_no_credit(void **state)
{
	static const char *const texts[] = {
		/* ends like a sentence */
		"T\n#1: \"A\"\nShort body.\n",
		"T\n#1: \"A\"\nWow!\n",
		"T\n#1: \"A\"\nWhy?\n",
		/* 81 characters */
		"T\n#1: \"A\"\n"
		"123456789 123456789 123456789 123456789 "
		"123456789 123456789 123456789 123456789 1\n",
	};
	struct script s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		parse_ok(texts[i], &s);
		assert_null(only_ranked(&s)->credit);
		assert_int_equal(only_ranked(&s)->nparagraphs, 1);
		script_free(&s);
	}
	/* no line at all after the header, or the next header */
	parse_ok("T\n#2: \"A\"\n#1: \"B\"\n", &s);
	assert_null(s.entries[1].credit);
	assert_null(s.entries[2].credit);
	assert_int_equal(s.entries[1].nparagraphs, 0);
	script_free(&s);
}

static void
test_credit_length(void **state)
{
	struct script s;

	(void)state;
	/* 80 characters is still a credit */
	parse_ok("T\n#1: \"A\"\n"
	    "123456789 123456789 123456789 123456789 "
	    "123456789 123456789 123456789 1234567890\n", &s);
	assert_non_null(only_ranked(&s)->credit);
	script_free(&s);
	/* counted in characters, not bytes: 80 Hangul syllables */
	parse_ok("T\n#1: \"A\"\n"
	    "\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00"
	    "\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00"
	    "\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00"
	    "\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00"
	    "\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00"
	    "\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00"
	    "\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00"
	    "\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00\ud55c\uae00\n"
	    "Body.\n", &s);
	assert_non_null(only_ranked(&s)->credit);
	assert_int_equal(strlen(only_ranked(&s)->credit), 240);
	script_free(&s);
}

/* ---- paragraphs ---- */

static void
test_paragraphs(void **state)
{
	struct script s;
	const struct entry *e;

	(void)state;
	parse_ok("T\n#1: \"A\"\nArtist\n"
	    "One line that goes on\n"
	    "\tand on,   wrapped by hand\n"
	    "until here.\n"
	    "A line of its own.\n"
	    "Said \"stop.\"\n"
	    "Curly \u201cstop!\u201d\n"
	    "Then a list:\n"
	    "and a block\n"
	    "\n"
	    "   \n"
	    "with no end\n"
	    "\n", &s);
	e = only_ranked(&s);
	assert_int_equal(e->nparagraphs, 7);
	assert_string_equal(e->paragraphs[0],
	    "One line that goes on and on, wrapped by hand until here.");
	assert_string_equal(e->paragraphs[1], "A line of its own.");
	assert_string_equal(e->paragraphs[2], "Said \"stop.\"");
	assert_string_equal(e->paragraphs[3], "Curly \u201cstop!\u201d");
	assert_string_equal(e->paragraphs[4], "Then a list:");
	assert_string_equal(e->paragraphs[5], "and a block");
	assert_string_equal(e->paragraphs[6], "with no end");
	script_free(&s);
}

static void
test_body_ends_at_header(void **state)
{
	struct script s;

	(void)state;
	parse_ok("T\n#2: \"A\"\nX\nwrapped text with\n"
	    "#1: \"B\"\nY\nmore\n", &s);
	assert_int_equal(s.nentries, 3);
	assert_string_equal(s.entries[1].paragraphs[0], "wrapped text with");
	assert_string_equal(s.entries[2].paragraphs[0], "more");
	script_free(&s);
}

/* ---- honorable mentions ---- */

static void
test_mentions(void **state)
{
	struct script s;
	const struct entry *e;

	(void)state;
	parse_ok("T\n#2: \"A\"\nArtist\nBody text.\n"
	    "Before the top pick, some Honorable Mentions:\n"
	    "\"One\" (2001)\nFirst Band\n"
	    "\u201cTwo\u201d\n"
	    "\"Three\" (2003)\n\nThird Band\n"
	    "Lastly, a closing word.\n"
	    "#1: \"B\"\n", &s);
	assert_int_equal(s.nentries, 4);
	assert_int_equal(s.entries[1].nparagraphs, 1);
	e = &s.entries[2];
	assert_int_equal(e->kind, ENTRY_MENTIONS);
	assert_int_equal(e->line, 5);
	assert_int_equal(e->rank, 0);
	assert_null(e->credit);
	assert_string_equal(e->lead,
	    "Before the top pick, some Honorable Mentions:");
	assert_int_equal(e->ntitles, 3);
	assert_title(&e->titles[0], "One", 2001, "First Band");
	assert_title(&e->titles[1], "Two", 0, NULL);
	assert_title(&e->titles[2], "Three", 2003, "Third Band");
	assert_int_equal(e->nparagraphs, 1);
	assert_string_equal(e->paragraphs[0], "Lastly, a closing word.");
	assert_int_equal(s.entries[3].rank, 1);
	script_free(&s);
}

static void
test_mentions_leads(void **state)
{
	static const char *const leads[] = {
		"honorable mentions:",
		"An Honourable Mention:",
		"HONORABLE MENTION:",
		"Here are our honourable mentions :",
	};
	char text[160];
	struct script s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(leads) / sizeof(leads[0]); i++) {
		snprintf(text, sizeof(text), "T\n#1: \"A\"\n%s\n\"M\"\nBy\n",
		    leads[i]);
		parse_ok(text, &s);
		assert_int_equal(s.nentries, 3);
		assert_int_equal(s.entries[2].kind, ENTRY_MENTIONS);
		assert_title(&s.entries[2].titles[0], "M", 0, "By");
		script_free(&s);
	}
	/* without the colon it is body text */
	parse_ok("T\n#1: \"A\"\nX\nThese are honorable mentions\n", &s);
	assert_int_equal(s.nentries, 2);
	assert_int_equal(only_ranked(&s)->nparagraphs, 1);
	script_free(&s);
}

static void
test_mentions_in_intro(void **state)
{
	struct script s;

	(void)state;
	parse_ok("T\nIntro.\nFirst, honorable mentions:\n\"M\"\n#1: \"A\"\n",
	    &s);
	assert_int_equal(s.nentries, 3);
	assert_int_equal(s.entries[0].nparagraphs, 1);
	assert_int_equal(s.entries[1].kind, ENTRY_MENTIONS);
	assert_int_equal(s.entries[2].kind, ENTRY_RANKED);
	script_free(&s);
}

/* ---- encodings and line ends ---- */

static void
test_bom_crlf(void **state)
{
	struct script s;
	const struct entry *e;

	(void)state;
	parse_ok("\xef\xbb\xbfTop\r\n\r\nIntro.\r\n#1 \u2014 \u201cA\u201d "
	    "(1999)\r\nArtist\r\nBody one\r\ntwo.\r\n", &s);
	assert_string_equal(s.title, "Top");
	e = only_ranked(&s);
	assert_int_equal(e->line, 4);
	assert_title(&e->titles[0], "A", 1999, NULL);
	assert_string_equal(e->credit, "Artist");
	assert_string_equal(e->paragraphs[0], "Body one two.");
	script_free(&s);
	/* the bad line is counted the same way */
	bad("\xef\xbb\xbfTop\r\n#1: \"A\"\r\n#1: \"B\"\r\n", 3,
	    "duplicate rank #1 (first at line 2)");
}

static void
test_control_chars(void **state)
{
	struct script s;

	(void)state;
	/* tabs and other control characters become single spaces, so no
	 * field of --list's tab-separated lines holds a tab */
	parse_ok("T\n#1: \"A\tB\x1b\"\nC\tD\n", &s);
	assert_string_equal(only_ranked(&s)->titles[0].text, "A B");
	assert_string_equal(only_ranked(&s)->credit, "C D");
	script_free(&s);
}

static void
test_whole_seed_crlf_bom(void **state)
{
	struct script s;
	struct script_error err;
	size_t len, i, o = 3;
	char *text, *crlf;

	(void)state;
	text = read_all(SEED, &len);
	crlf = malloc(2 * len + 3);
	assert_non_null(crlf);
	memcpy(crlf, "\xef\xbb\xbf", 3);
	for (i = 0; i < len; i++) {
		if (text[i] == '\n')
			crlf[o++] = '\r';
		crlf[o++] = text[i];
	}
	assert_int_equal(script_parse(crlf, o, NULL, &s, &err), 0);
	assert_kpop(&s);
	script_free(&s);
	free(crlf);
	free(text);
}

/* ---- bad scripts ---- */

static void
test_empty(void **state)
{
	(void)state;
	bad("", 0, "empty script");
	bad("\n \n\t\r\n", 0, "empty script");
	bad("\xef\xbb\xbf", 0, "empty script");
	parse_bad(NULL, 0, 0, "empty script");
}

static void
test_no_entries(void **state)
{
	(void)state;
	bad("Just a title\n", 1, "only a title, no entries");
	bad("\n\nJust a title\n\n", 3, "only a title, no entries");
	bad("Title\nSome text.\nMore text\n", 1,
	    "no entries (expected headers like '#10: \"Title\"' or "
	    "'10. Title'");
	/* honorable mentions alone are no countdown */
	bad("Title\nHonorable mentions:\n\"A\"\n", 1, "no entries");
}

static void
test_not_utf8(void **state)
{
	(void)state;
	bad("Title\n#1: \"A\"\nBad \xff byte\n", 3,
	    "line is not valid UTF-8 (byte 0xff at column 5)");
	bad("T\n\xc3(\n", 2, "not valid UTF-8");		/* cut short */
	bad("T\n\xc0\xaf\n", 2, "not valid UTF-8");	/* overlong */
	bad("T\n\xed\xa0\x80\n", 2, "not valid UTF-8");	/* surrogate */
	bad("T\n\xf4\x90\x80\x80\n", 2, "not valid UTF-8"); /* > U+10FFFF */
	bad("T\n#1: \"A\xe2\x80", 2, "not valid UTF-8");	/* at the end */
	parse_bad("T\0o\0p\0\n\0", 9, 1, "NUL byte");	/* UTF-16 */
}

static void
test_random_bytes(void **state)
{
	char buf[4096];
	uint32_t x = 12345;
	size_t i;
	int round;
	struct script s;
	struct script_error err;

	(void)state;
	for (round = 0; round < 200; round++) {
		for (i = 0; i < sizeof(buf); i++) {
			x = x * 1103515245 + 12345;
			buf[i] = (char)(x >> 16);
		}
		assert_int_equal(script_parse(buf, sizeof(buf), NULL, &s, &err), -1);
		assert_true(err.msg[0] != '\0');
		assert_true(err.line >= 1);
	}
}

static void
test_bad_headers(void **state)
{
	(void)state;
	bad("T\n#2:\n", 2, "entry header has no title");
	bad("T\n#2 -- \"A\"\n", 2, "entry header has no title");
	bad("T\n#2: - A\n", 2, "entry header has no title");
	bad("T\n#2: \"A\n", 2, "title in quotes is not closed");
	bad("T\n#2: 'Don't\n", 2, "title in quotes is not closed");
	bad("T\n#2: \"  \"\n", 2, "empty title in quotes");
	bad("T\n#2: \"A\" (2009\n", 2,
	    "unexpected text after the title: '(2009'");
	bad("T\n#2: \"A\" &\n", 2, "expected a title in quotes after '&'");
	bad("T\n#2: \"A\" and B\n", 2,
	    "expected a title in quotes after 'and'");
	bad("T\n#2: \"A\" andy \"B\"\n", 2, "unexpected text after the title");
	bad("T\n#2: \"A\" bye B\n", 2, "unexpected text after the title");
}

static void
test_bad_ranks(void **state)
{
	(void)state;
	bad("Title\n\n#3: \"A\"\nX\n\n#2: \"B\"\n#3: \"C\"\n", 7,
	    "duplicate rank #3 (first at line 3)");
	bad("T\n#03: \"A\"\n#3: \"B\"\n", 3,
	    "duplicate rank #3 (first at line 2)");
	bad("T\n#0: \"A\"\n", 2, "rank #0: ranks start at 1");
	bad("T\n#10000: \"A\"\n", 2, "rank #10000 is too large (at most 9999)");
	bad("T\n#99999999999999999999999: \"A\"\n", 2, "is too large");
}

static void
test_bad_mentions(void **state)
{
	(void)state;
	bad("T\n#2: \"A\"\nHonorable mentions:\n#1: \"B\"\n", 3,
	    "honorable mentions with no titles after them");
	bad("T\n#2: \"A\"\nHonorable mentions:\n\"B\" (2001) bye C\n", 4,
	    "unexpected text after the title: 'bye C'");
	bad("T\n#2: \"A\"\nHonorable mentions:\n\"B\" & \"C\"\n", 4,
	    "unexpected text after the title: '& \"C\"'");
}

/* ---- size ---- */

static void
test_five_megabytes(void **state)
{
	size_t n = 5u << 20, i;
	char *big = malloc(n + 16);
	struct script s;
	struct script_error err;

	(void)state;
	assert_non_null(big);
	/* one line of words: a title alone */
	for (i = 0; i < n; i++)
		big[i] = i % 5 == 4 ? ' ' : 'h';
	parse_bad(big, n, 1, "only a title");
	/* a line after the title, ending in ':' as a mentions lead would */
	memcpy(big, "T\n", 2);
	big[n - 1] = ':';
	parse_bad(big, n, 1, "no entries");
	/* one header with a 5 MB title */
	memcpy(big, "#1: \"", 5);
	big[n - 1] = '"';
	assert_int_equal(script_parse(big, n, NULL, &s, &err), 0);
	assert_int_equal(strlen(s.entries[0].titles[0].text), n - 6);
	script_free(&s);
	/* an unclosed single quote full of apostrophes */
	for (i = 0; i < n; i++)
		big[i] = i % 3 == 2 ? '\'' : 'x';
	memcpy(big, "#1: '", 5);
	parse_bad(big, n, 1, "not closed");
	/* one line of hand-wrapped paragraph after an entry */
	memcpy(big, "#1: \"A\"\nB\n", 10);
	for (i = 10; i < n; i++)
		big[i] = i % 7 == 0 ? '\n' : 'w';
	assert_int_equal(script_parse(big, n, NULL, &s, &err), 0);
	assert_int_equal(s.entries[0].nparagraphs, 1);
	script_free(&s);
	free(big);
}

static void
assert_script_empty(const struct script *s)
{
	assert_null(s->title);
	assert_null(s->entries);
	assert_int_equal(s->nentries, 0);
}

/* script_free leaves the script empty, so an empty script (a failed parse's)
 * and a second free are harmless (ASan would see a double free) */
static void
test_free_empty(void **state)
{
	const char *text = "Title\n\n#2: \"A\"\nBand\n\nBody.\n\n#1: \"B\"\n";
	struct script s;
	struct script_error err;

	(void)state;
	memset(&s, 0, sizeof(s));
	script_free(&s);
	assert_script_empty(&s);

	assert_int_equal(script_parse(text, strlen(text), NULL, &s, &err), 0);
	assert_non_null(s.title);
	assert_int_equal(s.nentries, 3);
	script_free(&s);
	assert_script_empty(&s);
	script_free(&s);
	assert_script_empty(&s);
}

/* ---- other languages (issue 14) ---- */

static void
parse_opts_ok(const char *text, const struct script_opts *o, struct script *s)
{
	struct script_error err;

	if (script_parse(text, strlen(text), o, s, &err) != 0)
		fail_msg("\"%s\": parse failed at line %d: %s", text, err.line,
		    err.msg);
}

/* The one title of "T\n#1: HEADER\n". */
static void
check_title(const char *header, const char *want)
{
	char text[256];
	struct script s;
	const struct entry *e;

	snprintf(text, sizeof(text), "T\n#1: %s\n", header);
	parse_ok(text, &s);
	e = only_ranked(&s);
	assert_int_equal(e->ntitles, 1);
	if (strcmp(e->titles[0].text, want) != 0)
		fail_msg("%s: title \"%s\", expected \"%s\"", header,
		    e->titles[0].text, want);
	script_free(&s);
}

static void
check_bad_header(const char *header, const char *msg)
{
	char text[256];

	snprintf(text, sizeof(text), "T\n#1: %s\n", header);
	bad(text, 2, msg);
}

static void
test_quote_styles(void **state)
{
	(void)state;
	check_title("\"Luftballons\"", "Luftballons");
	check_title("\u201cLuftballons\u201d", "Luftballons");
	check_title("\u201eLuftballons\u201c", "Luftballons");	/* German */
	check_title("\u201eLuftballons\u201d", "Luftballons");	/* Polish */
	check_title("\u201aLuftballons\u2018", "Luftballons");
	check_title("\u2018Luftballons\u2019", "Luftballons");
	check_title("'Luftballons'", "Luftballons");
	check_title("\u00abLuftballons\u00bb", "Luftballons");
	check_title("\u00bbLuftballons\u00ab", "Luftballons");
	check_title("\u300c\u98a8\u8239\u300d", "\u98a8\u8239");
	check_title("\u300e\u98a8\u8239\u300f", "\u98a8\u8239");
	/* French spaces inside guillemets, no-break ones too, go */
	check_title("\u00ab Le Phare \u00bb", "Le Phare");
	check_title("\u00ab\u00a0Le Phare\u00a0\u00bb", "Le Phare");
	check_title("\u00ab\u202fLe Phare\u202f\u00bb (1995)", "Le Phare");
	check_title("\u00bb Le Phare \u00ab", "Le Phare");
	check_title("\u201e 99 Luftballons \u201c (1983)", "99 Luftballons");
	/* a mark of another style inside a title is text */
	check_title("\u00abIl a dit \"non\"\u00bb", "Il a dit \"non\"");
	check_title("\u201eDer \u00bbLetzte\u00ab Tanz\u201c",
	    "Der \u00bbLetzte\u00ab Tanz");
}

static void
test_quote_mismatched(void **state)
{
	static const char *const headers[] = {
		"\u201eLuftballons\"",		/* „..." */
		"\u201aLuftballons'",		/* ‚...' */
		"\u00abLe Phare\"",		/* «..." */
		"\u00abLe Phare\u00ab",		/* «...« */
		"\u00bbLe Phare\u00bb",		/* »...» */
		"\"Luftballons\u201c",		/* "...“ */
		"\"Luftballons\u00bb",		/* "...» */
		"\u2018Luftballons\u201d",	/* ‘...” */
		"'Luftballons\u201d",		/* '...” */
		"\u300c\u98a8\u8239\u300f",	/* 「...』 */
		"\u300e\u98a8\u8239\u300d",	/* 『...」 */
		"\u201cLuftballons\u00ab",	/* “...« */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		check_bad_header(headers[i], "title in quotes is not closed");
	/* a closing mark is no opening one: the title is without quotes */
	check_title("\u201dLuftballons\u201d", "\u201dLuftballons\u201d");
	check_title("\u300dLuftballons\u300d", "\u300dLuftballons\u300d");
}

static void
test_apostrophes(void **state)
{
	(void)state;
	check_title("'Don't Stop'", "Don't Stop");
	check_title("\u2018Don\u2019t Stop\u2019", "Don\u2019t Stop");
	check_title("\u201aL\u2019amour\u2018", "L\u2019amour");
	check_title("\u2018Phare d\u2019Ouessant\u2019",
	    "Phare d\u2019Ouessant");
	check_title("'Rock'n'Roll' (1955)", "Rock'n'Roll");
	check_title("\u00abLe Phare d\u2019Ouessant\u00bb",
	    "Le Phare d\u2019Ouessant");
	/* an apostrophe inside a word neither opens nor closes a title */
	check_title("d\u2019Ouessant", "d\u2019Ouessant");
	check_bad_header("'Don't", "title in quotes is not closed");
	check_bad_header("\u2018Don\u2019t", "title in quotes is not closed");
	check_bad_header("\u201aL\u2019amour", "title in quotes is not closed");
}

static void
test_header_forms(void **state)
{
	static const char *const marks[] = {
		"#", "Nr. ", "No. ", "N\u00b0 ", "N\u00ba ", "\u2116 ", "Nr.",
		"N\u00b0", "No.\u00a0",
	};
	static const char *const seps[] = {
		":", " :", "\u00a0:", "\u202f:", ".", " .", "-", " -",
		" \u2013", "\u2014", "",
	};
	char text[160];
	struct script s;
	const struct entry *e;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		for (k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
			snprintf(text, sizeof(text), "T\n%s12%s \u201eA\u201c\n",
			    marks[i], seps[k]);
			parse_ok(text, &s);
			e = only_ranked(&s);
			if (e->rank != 12 || strcmp(e->titles[0].text, "A"))
				fail_msg("\"%s\": rank %d, title \"%s\"", text,
				    e->rank, e->titles[0].text);
			script_free(&s);
		}
	}
	/* ranks are checked whatever the marker */
	bad("T\nNr. 0: \"A\"\n", 2, "rank Nr. 0: ranks start at 1");
	bad("T\nN\u00b0 10000 : \"A\"\n", 2, "is too large");
	bad("T\nNr. 2: \"A\"\nNo. 2: \"B\"\n", 3,
	    "duplicate rank #2 (first at line 2)");
	bad("T\nN\u00b0 3 :\n", 2, "entry header has no title");
}

/* Lines that look a little like headers are body text. */
static void
test_header_forms_not(void **state)
{
	static const char *const lines[] = {
		"Nr 3: \"B\"", "nr. 3: \"B\"", "NO. 3: \"B\"", "No. three: \"B\"",
		"# 3: \"B\"", "No. 1 hit of the year.", "N\u00b0 3 at best.",
		"Nr.: \"B\"", "N 3: \"B\"",
	};
	char text[160];
	struct script s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		snprintf(text, sizeof(text), "T\n#2: \"A\"\nArtist\n%s\n"
		    "#1: \"C\"\n", lines[i]);
		parse_ok(text, &s);
		if (s.nentries != 3 || s.entries[1].nparagraphs != 1)
			fail_msg("\"%s\" is not body text", lines[i]);
		script_free(&s);
	}
}

/* The mentions block of "T\n#2: "A"\nLEAD\n"X"\n#1: "B"\n", or NULL. */
static const struct entry *
mentions_of(const char *lead, const struct script_opts *o, struct script *s)
{
	char text[256];

	snprintf(text, sizeof(text), "T\n#2: \"A\"\n%s\n\u00abX\u00bb\nBand\n"
	    "#1: \"B\"\n", lead);
	parse_opts_ok(text, o, s);
	if (s->nentries == 4 && s->entries[2].kind == ENTRY_MENTIONS)
		return &s->entries[2];
	return NULL;
}

static void
test_mentions_languages(void **state)
{
	static const struct {
		const char	*lead;
		int		 bare;
	} leads[] = {
		{ "Honorable mentions:", 1 },
		{ "Ehrenvolle Erw\u00e4hnungen:", 1 },
		{ "LOBENDE ERW\u00c4HNUNGEN:", 1 },
		{ "Ehrenvolle Erwaehnungen:", 1 },
		{ "Noch ein paar ehrenvolle Erw\u00e4hnungen:", 0 },
		{ "Mentions honorables :", 1 },
		{ "Mentions sp\u00e9ciales\u00a0:", 1 },
		{ "MENTIONS SPECIALES:", 1 },
		{ "Avant le num\u00e9ro un, nos mentions honorables :", 0 },
		{ "Menciones honor\u00edficas:", 1 },
		{ "Menci\u00f3n honorifica:", 1 },
		{ "Menzioni d\u2019onore:", 1 },
		{ "Menzione d'onore:", 1 },
		{ "Men\u00e7\u00f5es honrosas:", 1 },
		{ "MEN\u00c7\u00c3O HONROSA:", 1 },
		{ "Eervolle vermeldingen:", 1 },
		{ "\u2014 Honourable Mentions \u2014:", 1 },
	};
	struct script s;
	const struct entry *e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(leads) / sizeof(leads[0]); i++) {
		if ((e = mentions_of(leads[i].lead, NULL, &s)) == NULL)
			fail_msg("\"%s\" leads no mentions block", leads[i].lead);
		assert_int_equal(e->ntitles, 1);
		assert_title(&e->titles[0], "X", 0, "Band");
		if (e->bare_lead != leads[i].bare)
			fail_msg("\"%s\": bare_lead %d", leads[i].lead,
			    e->bare_lead);
		script_free(&s);
	}
}

static void
test_mentions_languages_not(void **state)
{
	static const char *const lines[] = {
		"Erw\u00e4hnungen:",			/* half a phrase */
		"Mentions:",
		"Ehrenvolle Erw\u00e4hnungen",		/* no ':' */
		"Unehrenvolle Erw\u00e4hnungen:",	/* not a word's start */
		"Erw\u00e4hnungen, ehrenvolle:",	/* not in order */
		"Honorable, mentions:",			/* not apart by spaces */
		"Bonusrunde:",				/* not configured */
	};
	char text[160];
	struct script s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		snprintf(text, sizeof(text), "T\n#2: \"A\"\n%s\n#1: \"C\"\n",
		    lines[i]);
		parse_ok(text, &s);
		if (s.nentries != 3)
			fail_msg("\"%s\" led a mentions block", lines[i]);
		script_free(&s);
	}
}

static void
test_mentions_configured(void **state)
{
	static char *const phrases[] = {
		"Bonusrunde", "\u041f\u043e\u0447\u0451\u0442\u043d\u044b\u0435 "
		"\u0443\u043f\u043e\u043c\u0438\u043d\u0430\u043d\u0438\u044f",
		"bad \xff byte",
	};
	static const struct script_opts opts = { .mentions = phrases,
	    .nmentions = 3 };
	struct script s;
	const struct entry *e;

	(void)state;
	assert_non_null(e = mentions_of("Die BONUSRUNDE:", &opts, &s));
	assert_int_equal(e->bare_lead, 0);
	script_free(&s);
	assert_non_null(e = mentions_of("Bonusrunden:", &opts, &s));
	assert_int_equal(e->bare_lead, 1);
	script_free(&s);
	assert_non_null(mentions_of("\u041f\u043e\u0447\u0451\u0442\u043d"
	    "\u044b\u0435 \u0443\u043f\u043e\u043c\u0438\u043d\u0430\u043d"
	    "\u0438\u044f:", &opts, &s));
	script_free(&s);
	/* the built-in ones still count */
	assert_non_null(mentions_of("Mentions honorables :", &opts, &s));
	script_free(&s);
	assert_null(mentions_of("Bonus:", &opts, &s));
	script_free(&s);
}

static void
test_joins(void **state)
{
	static const char *const joined[] = {
		"\"A\" & \"B\"", "\u201eA\u201c und \u201eB\u201c",
		"\u00ab A \u00bb et \u00ab B \u00bb", "\"A\" y \"B\"",
		"\"A\" e \"B\"", "\"A\" en \"B\"", "\"A\" AND \"B\"",
	};
	static const struct script_opts och = { .and = "och" };
	struct script s;
	size_t i;
	char text[160];

	(void)state;
	for (i = 0; i < sizeof(joined) / sizeof(joined[0]); i++) {
		snprintf(text, sizeof(text), "T\n#1: %s\n", joined[i]);
		parse_ok(text, &s);
		assert_int_equal(only_ranked(&s)->ntitles, 2);
		assert_string_equal(only_ranked(&s)->titles[1].text, "B");
		script_free(&s);
	}
	check_bad_header("\"A\" och \"B\"", "unexpected text after the title");
	check_bad_header("\"A\" undo \"B\"", "unexpected text after the title");
	parse_opts_ok("T\n#1: \"A\" och \"B\"\n", &och, &s);
	assert_int_equal(only_ranked(&s)->ntitles, 2);
	script_free(&s);
}

/* The shipped German and French examples. */
static void
test_examples(void **state)
{
	struct script s;
	struct script_error err;

	(void)state;
	assert_int_equal(script_load("data/scripts/regenlieder.txt", NULL, &s,
	    &err), 0);
	assert_int_equal(s.nentries, 6);
	assert_int_equal(s.entries[2].rank, 3);
	assert_int_equal(s.entries[2].ntitles, 2);
	assert_string_equal(s.entries[2].titles[1].text, "Nass bis auf die Haut");
	assert_int_equal(s.entries[4].kind, ENTRY_MENTIONS);
	assert_int_equal(s.entries[4].bare_lead, 1);
	script_free(&s);
	assert_int_equal(script_load("data/scripts/chansons-de-la-mer.txt",
	    NULL, &s, &err), 0);
	assert_int_equal(s.nentries, 6);
	assert_string_equal(s.entries[1].titles[0].text,
	    "Le Phare d\u2019Ouessant");
	assert_int_equal(s.entries[4].kind, ENTRY_MENTIONS);
	assert_int_equal(s.entries[5].rank, 1);
	script_free(&s);
}

/* ---- the forms people write (issue 20) ---- */

/* what a parse told: its warnings, "LINE: MSG" a line, and each line's
 * role */
struct told {
	char	warnings[1024];
	int	roles[64];
	int	nlines;
};

static void
told_warn(void *arg, int line, const char *msg)
{
	struct told *t = arg;
	size_t n = strlen(t->warnings);

	snprintf(t->warnings + n, sizeof(t->warnings) - n, "%d: %s\n", line,
	    msg);
}

static void
told_took(void *arg, const struct script_took *took)
{
	struct told *t = arg;

	if (took->line < 64)
		t->roles[took->line] = (int)took->role + 1;
	t->nlines = took->line;
}

static void
parse_told(const char *text, struct script *s, struct told *t)
{
	const struct script_opts o = { .warn = told_warn, .took = told_took,
	    .arg = t };

	memset(t, 0, sizeof(*t));
	parse_opts_ok(text, &o, s);
}

static void
assert_ranked(const struct entry *e, int rank, const char *title, int year,
    const char *credit)
{
	assert_int_equal(e->kind, ENTRY_RANKED);
	assert_int_equal(e->rank, rank);
	assert_int_equal(e->ntitles, 1);
	assert_string_equal(e->titles[0].text, title);
	assert_int_equal(e->titles[0].year, year);
	if (credit == NULL)
		assert_null(e->credit);
	else
		assert_string_equal(e->credit, credit);
}

/* "7. Blade Runner (1982)", the director on the next line, a paragraph;
 * each separator a numbered list is written with. */
static void
test_numbered(void **state)
{
	static const char *const seps[] = {
		".", ")", ":", " -", " \u2013", " \u2014",
	};
	char text[512];
	struct script s;
	struct told t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
		snprintf(text, sizeof(text), "Top Films\n\n"
		    "7%s Blade Runner (1982)\nRidley Scott\nA city of rain.\n\n"
		    "6%s Alien\nA ship.\n", seps[i], seps[i]);
		parse_told(text, &s, &t);
		assert_int_equal(s.nentries, 3);
		assert_string_equal(s.title, "Top Films");
		assert_ranked(&s.entries[1], 7, "Blade Runner", 1982,
		    "Ridley Scott");
		assert_string_equal(s.entries[1].paragraphs[0],
		    "A city of rain.");
		assert_ranked(&s.entries[2], 6, "Alien", 0, NULL);
		assert_string_equal(t.warnings, "");
		script_free(&s);
	}
	/* a list that starts with its first entry has no title */
	parse_ok("3. A\n2. B\n1. C\n", &s);
	assert_int_equal(s.nentries, 3);
	assert_null(s.title);
	assert_ranked(&s.entries[2], 1, "C", 0, NULL);
	script_free(&s);
	/* "1984." is no numbered header without a space; "10.5" neither */
	bad("T\n1984.\n10.5 percent\n", 1, "no entries");
}

/* Markdown: "# Title", "## 5. Tetris (1984)", emphasis around the credit
 * and the titles, "## Honorable mentions" and its list. */
static void
test_markdown(void **state)
{
	struct script s;
	struct told t;
	const struct entry *m;

	(void)state;
	parse_told("# Top 3 Puzzle Games\n\nThree that shaped the genre.\n\n"
	    "## 3. Tetris (1984)\n*Alexey Pajitnov*\nFalling blocks.\n\n"
	    "## 2. **Myst** (1993) \u2013 _Cyan_\nAn island.\n\n"
	    "## Honorable mentions\n- *Portal* (2007) \u2013 Valve\n"
	    "* \"Lemmings\" (1991) by DMA Design\n+ Baba Is You\n\n"
	    "---\n\n## 1. The Witness (2016)\nJonathan Blow\n", &s, &t);
	assert_string_equal(s.title, "Top 3 Puzzle Games");
	assert_int_equal(s.nentries, 5);
	assert_ranked(&s.entries[1], 3, "Tetris", 1984, "Alexey Pajitnov");
	assert_ranked(&s.entries[2], 2, "Myst", 1993, "Cyan");
	m = &s.entries[3];
	assert_int_equal(m->kind, ENTRY_MENTIONS);
	assert_string_equal(m->lead, "Honorable mentions");
	assert_int_equal(m->bare_lead, 1);
	assert_int_equal(m->ntitles, 3);
	assert_title(&m->titles[0], "Portal", 2007, "Valve");
	assert_title(&m->titles[1], "Lemmings", 1991, "DMA Design");
	assert_title(&m->titles[2], "Baba Is You", 0, NULL);
	assert_int_equal(m->nparagraphs, 0);
	assert_ranked(&s.entries[4], 1, "The Witness", 2016, "Jonathan Blow");
	assert_string_equal(t.warnings, "");
	/* the rule is read as nothing */
	assert_int_equal(t.roles[17], SCRIPT_IGNORED + 1);
	script_free(&s);
	/* a heading in a body is no credit, and a paragraph of its own */
	parse_ok("# T\n\n## 2. A\n### Why it matters\nIt is good\n## 1. B\n",
	    &s);
	assert_null(s.entries[1].credit);
	assert_int_equal(s.entries[1].nparagraphs, 2);
	assert_string_equal(s.entries[1].paragraphs[0], "Why it matters");
	assert_string_equal(s.entries[1].paragraphs[1], "It is good");
	script_free(&s);
	/* any heading level before any header form */
	parse_ok("T\n### #10: Title\n### #9: \"Other\" (2001)\n", &s);
	assert_ranked(&s.entries[1], 10, "Title", 0, NULL);
	assert_ranked(&s.entries[2], 9, "Other", 2001, NULL);
	script_free(&s);
}

/* A header in Markdown was intro text once, said as "number 2": now it is
 * the header it is. */
static void
test_markdown_markers(void **state)
{
	struct script s;

	(void)state;
	parse_ok("T\n## #2. \"Title\"\nBody.\n**#1: \"Other\"**\n", &s);
	assert_int_equal(s.nentries, 3);
	assert_int_equal(s.entries[0].nparagraphs, 0);
	assert_ranked(&s.entries[1], 2, "Title", 0, NULL);
	assert_ranked(&s.entries[2], 1, "Other", 0, NULL);
	script_free(&s);
	parse_ok("T\n__No. 1 \u2013 \u201cOne\u201d__\n", &s);
	assert_ranked(&s.entries[1], 1, "One", 0, NULL);
	script_free(&s);
}

/* The spoken headers of each language, the credit on the header line
 * after the language's "by". */
static void
test_spoken(void **state)
{
	static const struct {
		const char	*header;
		const char	*credit;
	} forms[] = {
		{ "Number %d: \"Umbrella\" by Rihanna (2007)", "Rihanna" },
		{ "NUMBER %d - \"Umbrella\" (2007) \u2013 Rihanna", "Rihanna" },
		{ "No. %d \"Umbrella\" (2007)", NULL },
		{ "Nummer %d: \u201eUmbrella\u201c von Rihanna (2007)", "Rihanna" },
		{ "Platz %d: \u201eUmbrella\u201c (2007) von Rihanna", "Rihanna" },
		{ "Num\u00e9ro %d : \u00ab Umbrella \u00bb par Rihanna (2007)",
		    "Rihanna" },
		{ "Numero %d\u00a0: \u00abUmbrella\u00bb (2007) par Rihanna",
		    "Rihanna" },
		{ "N\u00famero %d: \u00abUmbrella\u00bb de Rihanna (2007)",
		    "Rihanna" },
		{ "Numero %d: \"Umbrella\" di Rihanna (2007)", "Rihanna" },
		{ "Plaats %d: \"Umbrella\" van Rihanna (2007)", "Rihanna" },
		{ "Number %d: Umbrella (2007) \u2014 Rihanna", "Rihanna" },
	};
	char fmt[256], text[512];
	struct script s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		snprintf(fmt, sizeof(fmt), "Top\n%s\nIt rains.\n%s\n",
		    forms[i].header, forms[i].header);
		snprintf(text, sizeof(text), fmt, 2, 1);
		parse_ok(text, &s);
		if (s.nentries != 3)
			fail_msg("\"%s\": %zu entries", forms[i].header,
			    s.nentries);
		assert_ranked(&s.entries[1], 2, "Umbrella", 2007,
		    forms[i].credit);
		assert_string_equal(s.entries[1].paragraphs[0], "It rains.");
		assert_int_equal(s.entries[2].rank, 1);
		script_free(&s);
	}
	/* the credit on the line: the next one is body text */
	parse_ok("T\nNumber 1: \"A\" by B\nShort line\n", &s);
	assert_string_equal(s.entries[1].credit, "B");
	assert_string_equal(s.entries[1].paragraphs[0], "Short line");
	script_free(&s);
}

/* Titles without quotes: the rest of the line, the year at its end, the
 * credit after a dash; "by" only after a title in quotes. */
static void
test_bare_titles(void **state)
{
	static const struct {
		const char	*header;
		const char	*title;
		int		 year;
		const char	*credit;
	} h[] = {
		{ "#1: Blade Runner", "Blade Runner", 0, NULL },
		{ "#1: Blade Runner (1982)", "Blade Runner", 1982, NULL },
		{ "#1: Blade Runner (1982) \u2013 Ridley Scott", "Blade Runner",
		    1982, "Ridley Scott" },
		{ "#1: Blade Runner \u2014 Ridley Scott (1982)", "Blade Runner",
		    1982, "Ridley Scott" },
		{ "#1: Blade Runner - Ridley Scott", "Blade Runner", 0,
		    "Ridley Scott" },
		{ "#1: Stand by Me (1961)", "Stand by Me", 1961, NULL },
		{ "#1: Spider-Man (2002)", "Spider-Man", 2002, NULL },
		{ "#1: Oolong (high mountain)", "Oolong (high mountain)", 0,
		    NULL },
		{ "#1: Oolong (high mountain) (2003)", "Oolong (high mountain)",
		    2003, NULL },
		{ "#1: *Portal* (2007)", "Portal", 2007, NULL },
		{ "#1: \u201dLuftballons", "\u201dLuftballons", 0, NULL },
	};
	char text[256];
	struct script s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(h) / sizeof(h[0]); i++) {
		snprintf(text, sizeof(text), "T\n%s\n", h[i].header);
		parse_ok(text, &s);
		assert_ranked(only_ranked(&s), 1, h[i].title, h[i].year,
		    h[i].credit);
		script_free(&s);
	}
}

/* A parenthesis that is not a year stays part of the title, quoted or
 * not; digits that are no year are warned about. */
static void
test_non_year_paren(void **state)
{
	struct script s;
	struct told t;

	(void)state;
	parse_told("T\n#2: \"Oolong\" (high mountain)\n#1: \"A\" (Live) (2009) "
	    "by B\n", &s, &t);
	assert_ranked(&s.entries[1], 2, "Oolong (high mountain)", 0, NULL);
	assert_ranked(&s.entries[2], 1, "A (Live)", 2009, "B");
	assert_string_equal(t.warnings, "");
	script_free(&s);
	parse_told("T\n#1: \"A\" (09)\n", &s, &t);
	assert_ranked(&s.entries[1], 1, "A (09)", 0, NULL);
	assert_string_equal(t.warnings, "2: '(09)' is not a year (four "
	    "digits): it is kept in the title\n");
	script_free(&s);
	/* a second year is the title's words too */
	parse_ok("T\n#1: \"A\" (2001) (2009)\n", &s);
	assert_ranked(&s.entries[1], 1, "A (2009)", 2001, NULL);
	script_free(&s);
}

/* Headers share one form and their ranks count by one: a numbered line
 * in a body that breaks the run is text, said so when it has the form. */
static void
test_body_stays_text(void **state)
{
	struct script s;
	struct told t;

	(void)state;
	parse_told("Cakes\n\n2. Sponge (1950)\nAnna\nHow to:\n1. preheat the "
	    "oven\n3. mix\n\n1. Tart\n", &s, &t);
	assert_int_equal(s.nentries, 3);
	assert_ranked(&s.entries[1], 2, "Sponge", 1950, "Anna");
	assert_int_equal(s.entries[1].nparagraphs, 2);
	assert_string_equal(s.entries[1].paragraphs[1],
	    "1. preheat the oven 3. mix");
	assert_ranked(&s.entries[2], 1, "Tart", 0, NULL);
	assert_string_equal(t.warnings, "6: '1. preheat the oven' is read as "
	    "text: it looks like a header, but is in the list the line before "
	    "it leads\n7: '3. mix' is read as text: it looks like a header, "
	    "but is in the list the line before it leads\n");
	script_free(&s);
	/* without the line that leads the list, a rank out of the run */
	parse_told("T\n4. A\nBody\n1. B\n3. C\n2. D\n1. E\n", &s, &t);
	assert_int_equal(s.nentries, 5);
	assert_string_equal(s.entries[1].credit, "Body");
	assert_string_equal(s.entries[1].paragraphs[0], "1. B");
	assert_string_equal(t.warnings, "4: '1. B' is read as text: it looks "
	    "like a header, but its rank does not follow the one before by "
	    "one\n");
	script_free(&s);
	/* the longest run is the countdown; numbered lines before it are
	 * the intro's */
	parse_told("T\n1. we pick\n2. we rank\n\n10. J\n9. I\n8. H\n", &s, &t);
	assert_int_equal(s.nentries, 4);
	assert_int_equal(s.entries[0].nparagraphs, 1);
	assert_int_equal(s.entries[1].rank, 10);
	assert_non_null(strstr(t.warnings, "2: '1. we pick' is read as text: "
	    "it looks like a header, but comes before"));
	script_free(&s);
	/* the markers' headers alone where there is one, as always: no
	 * numbered line is a header, nor warned about */
	parse_told("T\n#2: \"A\"\n1. preheat the oven.\n2. Number 1: x\n"
	    "#1: \"B\"\n", &s, &t);
	assert_int_equal(s.nentries, 3);
	assert_int_equal(s.entries[1].nparagraphs, 2);
	assert_string_equal(t.warnings, "");
	script_free(&s);
	/* ... but one with a title in quotes is a header written another
	 * way: said so */
	parse_told("T\n#2: \"A\"\nBand\nNumber 1: \"B\"\n", &s, &t);
	assert_int_equal(s.nentries, 2);
	assert_string_equal(t.warnings, "4: 'Number 1: \"B\"' is read as "
	    "text: this script's headers start with '#' or a marker like "
	    "'Nr.'\n");
	script_free(&s);
	/* in a Markdown countdown a plain numbered line is another form */
	parse_told("T\n## 2. A\n1. step one.\n## 1. B\n", &s, &t);
	assert_int_equal(s.nentries, 3);
	assert_string_equal(s.entries[1].paragraphs[0], "1. step one.");
	assert_string_equal(t.warnings, "");
	script_free(&s);
}

/* Lists that count up play in the order written. */
static void
test_count_up(void **state)
{
	struct script s;

	(void)state;
	parse_ok("T\n1. A\n2. B\n3. C\n", &s);
	assert_int_equal(s.nentries, 4);
	assert_int_equal(s.entries[1].rank, 1);
	assert_int_equal(s.entries[3].rank, 3);
	script_free(&s);
	/* once up, a rank down is text */
	parse_ok("T\n1. A\n2. B\n1. again.\n3. C\n", &s);
	assert_int_equal(s.nentries, 4);
	assert_string_equal(s.entries[2].paragraphs[0], "1. again.");
	script_free(&s);
}

/* --explain's roles, line by line. */
static void
test_roles(void **state)
{
	static const int want[] = {
		0, SCRIPT_TITLE, SCRIPT_BLANK, SCRIPT_INTRO, SCRIPT_HEADER,
		SCRIPT_CREDIT, SCRIPT_BODY, SCRIPT_LEAD, SCRIPT_MENTION,
		SCRIPT_CREDIT, SCRIPT_MENTION, SCRIPT_HEADER, SCRIPT_BLANK,
		SCRIPT_BODY,
	};
	struct script s;
	struct told t;
	size_t i;

	(void)state;
	parse_told("T\n\nIntro.\n#2: \"A\"\nBand\nBody.\nHonorable mentions:\n"
	    "\"M\"\nM Band\n- N (2001)\n#1: B\n\nLast.\n", &s, &t);
	assert_int_equal(t.nlines, 13);
	for (i = 1; i < sizeof(want) / sizeof(want[0]); i++)
		if (t.roles[i] != want[i] + 1)
			fail_msg("line %zu: %s, not %s", i,
			    script_role_name(t.roles[i] - 1),
			    script_role_name(want[i]));
	script_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_own_script),
		cmocka_unit_test_setup_teardown(test_load_errors,
		    unit_tmpdir_setup, unit_tmpdir_teardown),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_intro),
		cmocka_unit_test(test_intro_title_only),
		cmocka_unit_test(test_no_title),
		cmocka_unit_test(test_separators),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_several_titles),
		cmocka_unit_test(test_ranks_above_ten_in_order),
		cmocka_unit_test(test_hash_text_is_no_header),
		cmocka_unit_test(test_credit),
		cmocka_unit_test(test_no_credit),
		cmocka_unit_test(test_credit_length),
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_body_ends_at_header),
		cmocka_unit_test(test_mentions),
		cmocka_unit_test(test_mentions_leads),
		cmocka_unit_test(test_mentions_in_intro),
		cmocka_unit_test(test_bom_crlf),
		cmocka_unit_test(test_control_chars),
		cmocka_unit_test(test_whole_seed_crlf_bom),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_no_entries),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_bad_headers),
		cmocka_unit_test(test_bad_ranks),
		cmocka_unit_test(test_bad_mentions),
		cmocka_unit_test(test_five_megabytes),
		cmocka_unit_test(test_free_empty),
		cmocka_unit_test(test_quote_styles),
		cmocka_unit_test(test_quote_mismatched),
		cmocka_unit_test(test_apostrophes),
		cmocka_unit_test(test_header_forms),
		cmocka_unit_test(test_header_forms_not),
		cmocka_unit_test(test_mentions_languages),
		cmocka_unit_test(test_mentions_languages_not),
		cmocka_unit_test(test_mentions_configured),
		cmocka_unit_test(test_joins),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_numbered),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_markdown_markers),
		cmocka_unit_test(test_spoken),
		cmocka_unit_test(test_bare_titles),
		cmocka_unit_test(test_non_year_paren),
		cmocka_unit_test(test_body_stays_text),
		cmocka_unit_test(test_count_up),
		cmocka_unit_test(test_roles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
