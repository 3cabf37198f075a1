/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_narrate: the text each entry speaks: the announcer template, the
 * intro, the honorable mentions, the pauses between segments, the markup
 * removed before the voice, and the lexicon applied last. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/lexicon.h"
#include "text/narrate.h"
#include "text/script.h"
#include "util/textbuf.h"

#define DEFAULT_TEMPLATE	"Number {rank}: {titles}[, by {artist}]."
#define AFTER_ANNOUNCEMENT	0.7
#define BETWEEN_PARAGRAPHS	0.4
#define DEFAULT_ITEM		"{titles}[, by {artist}]."

static const struct narrate_params params = {
	.entry_template = DEFAULT_TEMPLATE,
	.after_announcement = AFTER_ANNOUNCEMENT,
	.between_paragraphs = BETWEEN_PARAGRAPHS,
	.and = "and",
	.item = DEFAULT_ITEM,
	.number = "number",
};

/* ---- helpers ---- */

/* a ranked entry built by hand: up to three titles with their years */
struct made {
	struct entry	e;
	struct title	t[3];
};

static const struct entry *
ranked(struct made *m, int rank, const char *credit, const char *t1, int y1,
    const char *t2, int y2, const char *t3, int y3)
{
	memset(m, 0, sizeof(*m));
	m->e.kind = ENTRY_RANKED;
	m->e.rank = rank;
	m->e.credit = (char *)credit;
	m->e.titles = m->t;
	m->t[0].text = (char *)t1;
	m->t[0].year = y1;
	m->t[1].text = (char *)t2;
	m->t[1].year = y2;
	m->t[2].text = (char *)t3;
	m->t[2].year = y3;
	m->e.ntitles = t3 ? 3 : t2 ? 2 : 1;
	return &m->e;
}

static void
check_template(const char *tpl, const struct entry *e, const char *want)
{
	char *got = narrate_template(tpl, e, "and");

	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("template \"%s\" gave \"%s\", expected \"%s\"", tpl,
		    got, want);
	free(got);
}

static void
check_clean(const char *text, const char *want)
{
	char *got = narrate_clean(text, &params);

	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("\"%s\" cleaned to \"%s\", expected \"%s\"", text, got,
		    want);
	free(got);
}

static void
parse_ok(const char *text, struct script *s)
{
	struct script_error err;

	if (script_parse(text, strlen(text), NULL, s, &err) != 0)
		fail_msg("parse failed at line %d: %s", err.line, err.msg);
}

static void
assert_seconds(double got, double want)
{
	if (got < want - 1e-9 || got > want + 1e-9)
		fail_msg("pause %g, expected %g", got, want);
}

static void
assert_segment(const struct segment *seg, const char *text, bool announcer,
    double pause)
{
	assert_string_equal(seg->text, text);
	assert_int_equal(seg->announcer, announcer);
	assert_seconds(seg->pause_after, pause);
}

/* ---- the announcer's template ---- */

static void
test_template_default(void **state)
{
	struct made m;

	(void)state;
	check_template(DEFAULT_TEMPLATE, ranked(&m, 10, "Park Bom",
	    "You and I", 2009, NULL, 0, NULL, 0),
	    "Number 10: You and I, by Park Bom.");
	check_template(DEFAULT_TEMPLATE, ranked(&m, 1, "BIGBANG",
	    "Haru Haru", 2008, NULL, 0, NULL, 0),
	    "Number 1: Haru Haru, by BIGBANG.");
}

static void
test_template_no_credit(void **state)
{
	struct made m;

	(void)state;
	/* no ", by ." for an entry without a credit line */
	check_template(DEFAULT_TEMPLATE, ranked(&m, 10, NULL, "You and I",
	    2009, NULL, 0, NULL, 0), "Number 10: You and I.");
	check_template("[{artist}: ]{titles}", &m.e, "You and I");
}

static void
test_template_titles(void **state)
{
	struct made m;

	(void)state;
	check_template(DEFAULT_TEMPLATE, ranked(&m, 8, "Huh Gak", "Hello",
	    2011, "I Told You I Wanna Die", 2011, NULL, 0),
	    "Number 8: Hello and I Told You I Wanna Die, by Huh Gak.");
	check_template("{titles}", ranked(&m, 3, NULL, "A", 0, "B", 0, "C", 0),
	    "A and B and C");
}

static void
test_template_year(void **state)
{
	struct made m;

	(void)state;
	check_template("{titles} ({year})", ranked(&m, 10, "Park Bom",
	    "You and I", 2009, NULL, 0, NULL, 0), "You and I (2009)");
	/* #8: two titles of 2011, the year said once */
	check_template("Number {rank}, from {year}.", ranked(&m, 8, "Huh Gak",
	    "Hello", 2011, "I Told You I Wanna Die", 2011, NULL, 0),
	    "Number 8, from 2011.");
	/* two different years */
	check_template("{year}", ranked(&m, 8, NULL, "A", 2011, "B", 2012,
	    NULL, 0), "2011 and 2012");
	check_template("{year}", ranked(&m, 8, NULL, "A", 2011, "B", 2012,
	    "C", 2011), "2011 and 2012");
	/* a title without a year adds nothing */
	check_template("{year}", ranked(&m, 8, NULL, "A", 0, "B", 2012,
	    NULL, 0), "2012");
	check_template("{year}", ranked(&m, 8, NULL, "A", 2012, "B", 0,
	    "C", 2012), "2012");
	/* no year at all: the part that says it goes */
	check_template("{titles}[, from {year}].", ranked(&m, 8, NULL, "A", 0,
	    "B", 0, NULL, 0), "A and B.");
	check_template("{titles}[, from {year}].", ranked(&m, 8, NULL, "A", 0,
	    "B", 1999, NULL, 0), "A and B, from 1999.");
}

static void
test_template_parts(void **state)
{
	struct made m;

	(void)state;
	ranked(&m, 10, NULL, "You and I", 2009, NULL, 0, NULL, 0);
	/* a part without placeholders is kept */
	check_template("Number {rank}[!]", &m.e, "Number 10!");
	check_template("[And now: ]{titles}", &m.e, "And now: You and I");
	/* a part is left out only when all its placeholders are empty */
	check_template("{titles}[ by {artist} in {year}]", &m.e,
	    "You and I by  in 2009");
	check_template("{titles}[ by {artist}][ in {year}].", &m.e,
	    "You and I in 2009.");
	/* an unknown placeholder is empty */
	check_template("{titles}[ {nonsense}]{nonsense}.", &m.e, "You and I.");
	/* an entry without a rank (the intro) says no number */
	m.e.rank = 0;
	check_template("[Number {rank}: ]{titles}", &m.e, "You and I");
}

static void
test_template_malformed(void **state)
{
	static const char *const templates[] = {
		"[", "]", "{", "}", "[[", "]]", "{{", "}}", "[{", "{[}]",
		"Number {rank", "Number {rank}: [{titles}", "[a [b] c]",
		"[a [{artist}] c]", "[[{artist}]]", "{titles}]]][[[",
		"[{rank}{titles}{artist}{year}", "{}", "[]", "{{rank}}",
		"", "no placeholders at all",
	};
	struct made m;
	char *s;
	size_t i;

	(void)state;
	ranked(&m, 10, NULL, "You and I", 2009, NULL, 0, NULL, 0);
	for (i = 0; i < sizeof(templates) / sizeof(templates[0]); i++) {
		s = narrate_template(templates[i], &m.e, "and");
		assert_non_null(s);
		free(s);
	}
	/* an unclosed [ or { keeps its text */
	check_template("Number {rank", &m.e, "Number {rank");
	check_template("Number {rank}: {titles}[, by ", &m.e,
	    "Number 10: You and I, by ");
	check_template("[a [b] c]", &m.e, "a [b c]");
	check_template("", &m.e, "");
}

/* ---- markup removed ---- */

static void
test_clean_markup(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		/* '#' before a number is said */
		{ "#1", "number 1" },
		{ "our #1 pick", "our number 1 pick" },
		{ "#10: \"You and I\"", "number 10: You and I" },
		{ "#hashtag", "hashtag" },
		{ "Track#1", "Track number 1" },
		/* quote marks, straight and curly, go */
		{ "\"You and I\"", "You and I" },
		{ "\u201cYou and I\u201d", "You and I" },
		{ "\u2018You and I\u2019", "You and I" },
		{ "\u00abYou and I\u00bb", "You and I" },
		{ "'You and I,' she sang", "You and I, she sang" },
		{ "in 'Please Don't,' his face", "in Please Don't, his face" },
		{ "of 'Haru Haru' as", "of Haru Haru as" },
		/* '&' is said */
		{ "Hello & Goodbye", "Hello and Goodbye" },
		/* years in parentheses go */
		{ "\"Hello\" (2011) and more", "Hello and more" },
		{ "(2011)", "" },
		{ "It Hurts (Sick)", "It Hurts (Sick)" },
		{ "in (201) or (20111) or (abcd)", "in (201) or (20111) or (abcd)" },
		/* runs of dots: one */
		{ "Wait.. what", "Wait. what" },
		{ "Wait... what", "Wait. what" },
		{ "Wait\u2026 what", "Wait. what" },
		{ "Wait.\u2026.. what", "Wait. what" },
		{ "The end\u2026", "The end." },
		{ "F.T. Island, T.O.P", "F.T. Island, T.O.P" },
		/* with spaces between (found by fuzz_narrate) */
		{ "Top 2 . . . next", "Top 2. next" },
		{ "Wait. \u2026 . what", "Wait. what" },
		/* a digit of any script is said as its value */
		{ "\u09e9 and \u0be9 and \u0663", "3 and 3 and 3" },
		/* what is not UTF-8 is said as nothing (eSpeak NG reads past
		 * the end of a text that ends inside a character), and cannot
		 * join the bytes around it into markup (found by fuzz_narrate) */
		{ "ab\xff" "cd\xe2\x80", "ab cd" },
		{ "wi\xe2\x80\xe2\x80\x9c\x9ct", "wi t" },
		/* characters eSpeak NG 1.51 cannot take (found by fuzz_espeak) */
		{ "x\u0be0y \u11a7 \u0970.", "x y." },
		/* nor a word that mixes an alphabet it speaks in a language of
		 * its own with anything else; a word of one is one word */
		{ "1'\u0538 BTS\ud558\ub8e8. \u0531\u0580\u0587", "1' \u0538 BTS \ud558\ub8e8. \u0531\u0580\u0587" },
		/* a sign is a word of its own, a run of one sign one (eSpeak NG
		 * 1.51 reads memory it never wrote on "ab+-+", fuzz_espeak) */
		{ "ab+-+ R+B ++++x In-guk 2-3 a -- b", "ab + - + R + B + x In-guk 2-3 a - b" },
		/* Markdown emphasis goes; a sign between spaces or inside a
		 * word is no emphasis and stays */
		{ "It is **really** good, *truly*.", "It is really good, truly." },
		{ "_under_ and __over__ and ***all***", "under and over and all" },
		{ "(*aside*) Style*", "(aside) Style" },
		{ "5 * 3 and 2*3", "5 * 3 and 2 * 3" },
		{ "**** x", "* x" },
		/* an emoji too ("(" glued to one: the ko voice, fuzz_espeak) */
		{ "Love(\U0001f3b5) \U0001f495\U0001f495", "Love( \U0001f3b5 ) \U0001f495\U0001f495" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_clean(cases[i].text, cases[i].want);
}

static void
test_clean_apostrophes(void **state)
{
	(void)state;
	/* between letters an apostrophe is spoken: kept */
	check_clean("Don't", "Don't");
	check_clean("Park Bom's wedding", "Park Bom's wedding");
	check_clean("Don\u2019t Say Goodbye", "Don\u2019t Say Goodbye");
	check_clean("Seo In-guk\u2019s character", "Seo In-guk\u2019s character");
	check_clean("'Don't Say Goodbye'", "Don't Say Goodbye");
	check_clean("\u2018Don\u2019t Stop\u2019", "Don\u2019t Stop");
}

static void
test_clean_space(void **state)
{
	(void)state;
	check_clean("  leading and trailing  ", "leading and trailing");
	check_clean("a  b\t\tc\n\nd\r\ne", "a b c d e");
	check_clean("a\x01" "b\x1f" "c\x7f" "d", "a b c d");
	check_clean("a \x01 \x02 b", "a b");
	check_clean("\t\n\r\x01", "");
	check_clean("", "");
	/* markup removed between spaces leaves one space */
	check_clean("Hello (2011) & \"Bye\"", "Hello and Bye");
	check_clean("a \" b", "a b");
	check_clean("a # b", "a b");
	/* bytes outside ASCII pass */
	check_clean("\u00c9t\u00e9 \ud55c\uae00", "\u00c9t\u00e9 \ud55c\uae00");
}

/* punctuation after a sign read by its name stands apart, and a dot there
 * is a comma: eSpeak NG 1.51 says "dot" after a sign, and its hi voice
 * reads freed memory on "2 \u00a9. quoted" and on "a +: b" */
static void
test_clean_punctuation_after_named_sign(void **state)
{
	(void)state;
	check_clean("2 \u00a9. quoted", "2 \u00a9 , quoted");
	check_clean("Top 12 \U0001f3b5. quoted", "Top 12 \U0001f3b5 , quoted");
	check_clean("\u201cTM\u2122\u201d. next", "TM\u2122 , next");
	check_clean("A \u00a9 . b", "A \u00a9 , b");
	check_clean("a +: b", "a + : b");
	check_clean("a+, b; c%! d", "a + , b; c % ! d");
	/* a letter or a digit before it: as written */
	check_clean("Caf\u00e9. next", "Caf\u00e9. next");
	check_clean("\u00a9 2011. next", "\u00a9 2011. next");
	check_clean("In-guk: yes", "In-guk: yes");
}

/* the signs are said in the announcer's language: a German voice reads
 * '#' as "Raute" (hash sign) and a French one not at all */
static void
test_clean_signs_in_words_given(void **state)
{
	struct narrate_params de = params;
	char *got;

	(void)state;
	de.and = "und";
	de.number = "Nummer";
	got = narrate_clean("Platz #3: R&B", &de);
	assert_non_null(got);
	assert_string_equal(got, "Platz Nummer 3: R und B");
	free(got);
}

static void
test_clean_ampersand_between_words(void **state)
{
	(void)state;
	/* "R&B" is "R and B", not the word "RandB" */
	check_clean("R&B", "R and B");
	check_clean("Hello&Goodbye", "Hello and Goodbye");
	check_clean("\"A\"&\"B\"", "A and B");
	check_clean("A &B", "A and B");
	check_clean("A& B", "A and B");
	check_clean("&", "and");
}

/* ---- whole entries ---- */

static const char script_text[] =
	"Top 3 Sad Songs\n"
	"\n"
	"An intro, in two\n"
	"lines.\n"
	"\n"
	"A second intro paragraph.\n"
	"\n"
	"#3: \"You and I\" (2009)\n"
	"Park Bom\n"
	"The first paragraph.\n"
	"\n"
	"The second... paragraph.\n"
	"\n"
	"The third & last.\n"
	"\n"
	"#2: \"Hello\" (2011) & \"I Told You I Wanna Die\" (2011)\n"
	"This entry has no credit line, just a body.\n"
	"\n"
	"Before we get to our top pick, here are a few honorable mentions:\n"
	"\n"
	"\"In Heaven\" (2011)\n"
	"JYJ\n"
	"\"Heaven\" (2012)\n"
	"Ailee\n"
	"\n"
	"#1: \"Haru Haru\" (2008)\n"
	"BIGBANG\n";

static void
narrate_ok(const struct entry *e, const struct narrate_params *p,
    struct narration *n)
{
	assert_int_equal(narrate_entry(e, p, n), 0);
}

static void
test_intro(void **state)
{
	struct script s;
	struct narration n;

	(void)state;
	parse_ok(script_text, &s);
	assert_int_equal(s.entries[0].kind, ENTRY_INTRO);
	narrate_ok(&s.entries[0], &params, &n);
	assert_int_equal(n.nsegs, 3);
	/* the title in the announcer's voice, then the paragraphs */
	assert_segment(&n.segs[0], "Top 3 Sad Songs", true, AFTER_ANNOUNCEMENT);
	assert_segment(&n.segs[1], "An intro, in two lines.", false,
	    BETWEEN_PARAGRAPHS);
	assert_segment(&n.segs[2], "A second intro paragraph.", false, 0);
	narrate_free(&n);
	script_free(&s);
}

static void
test_intro_title_only(void **state)
{
	struct script s;
	struct narration n;

	(void)state;
	parse_ok("Top 1\n\n#1: \"A\"\n", &s);
	narrate_ok(&s.entries[0], &params, &n);
	assert_int_equal(n.nsegs, 1);
	assert_segment(&n.segs[0], "Top 1", true, 0);
	narrate_free(&n);
	script_free(&s);
}

static void
test_ranked(void **state)
{
	struct script s;
	struct narration n;

	(void)state;
	parse_ok(script_text, &s);
	assert_int_equal(s.entries[1].rank, 3);
	narrate_ok(&s.entries[1], &params, &n);
	assert_int_equal(n.nsegs, 4);
	assert_segment(&n.segs[0], "Number 3: You and I, by Park Bom.", true,
	    AFTER_ANNOUNCEMENT);
	assert_segment(&n.segs[1], "The first paragraph.", false,
	    BETWEEN_PARAGRAPHS);
	assert_segment(&n.segs[2], "The second. paragraph.", false,
	    BETWEEN_PARAGRAPHS);
	/* nothing trails the last segment */
	assert_segment(&n.segs[3], "The third and last.", false, 0);
	narrate_free(&n);

	/* two titles, no credit */
	narrate_ok(&s.entries[2], &params, &n);
	assert_int_equal(n.nsegs, 2);
	assert_segment(&n.segs[0],
	    "Number 2: Hello and I Told You I Wanna Die.", true,
	    AFTER_ANNOUNCEMENT);
	assert_segment(&n.segs[1], "This entry has no credit line, just a "
	    "body.", false, 0);
	narrate_free(&n);

	/* a heading alone: no pause after it either */
	narrate_ok(&s.entries[4], &params, &n);
	assert_int_equal(n.nsegs, 1);
	assert_segment(&n.segs[0], "Number 1: Haru Haru, by BIGBANG.", true, 0);
	narrate_free(&n);
	script_free(&s);
}

static void
test_mentions(void **state)
{
	struct script s;
	struct narration n;

	(void)state;
	parse_ok(script_text, &s);
	assert_int_equal(s.entries[3].kind, ENTRY_MENTIONS);
	narrate_ok(&s.entries[3], &params, &n);
	assert_int_equal(n.nsegs, 3);
	assert_segment(&n.segs[0], "Before we get to our top pick, here are a "
	    "few honorable mentions:", true, AFTER_ANNOUNCEMENT);
	assert_segment(&n.segs[1], "In Heaven, by JYJ.", false,
	    BETWEEN_PARAGRAPHS);
	assert_segment(&n.segs[2], "Heaven, by Ailee.", false, 0);
	narrate_free(&n);
	script_free(&s);
}

static void
test_mentions_by_hand(void **state)
{
	struct title t[2];
	char *paras[1];
	struct entry e;
	struct narration n;

	(void)state;
	memset(&e, 0, sizeof(e));
	memset(t, 0, sizeof(t));
	e.kind = ENTRY_MENTIONS;
	e.lead = (char *)"A few honorable mentions:";
	e.titles = t;
	e.ntitles = 2;
	t[0].text = (char *)"No Credit";
	t[0].year = 2001;
	t[1].text = (char *)"Rock & Roll";
	t[1].credit = (char *)"\"The\" Band";
	paras[0] = (char *)"And a closing word...";
	e.paragraphs = paras;
	e.nparagraphs = 1;
	narrate_ok(&e, &params, &n);
	assert_int_equal(n.nsegs, 4);
	assert_segment(&n.segs[0], "A few honorable mentions:", true,
	    AFTER_ANNOUNCEMENT);
	/* an item without a credit: no ", by" */
	assert_segment(&n.segs[1], "No Credit.", false, BETWEEN_PARAGRAPHS);
	/* items are cleaned like any other text */
	assert_segment(&n.segs[2], "Rock and Roll, by The Band.", false,
	    BETWEEN_PARAGRAPHS);
	/* then the paragraphs */
	assert_segment(&n.segs[3], "And a closing word.", false, 0);
	narrate_free(&n);
}

static void
test_pauses_follow_params(void **state)
{
	struct narrate_params p = params;
	struct script s;
	struct narration n;

	(void)state;
	p.entry_template = "#{rank}: \u201c{titles}\u201d";
	p.after_announcement = 1.5;
	p.between_paragraphs = 0.25;
	parse_ok(script_text, &s);
	narrate_ok(&s.entries[1], &p, &n);
	assert_int_equal(n.nsegs, 4);
	/* the template's output is cleaned too */
	assert_segment(&n.segs[0], "number 3: You and I", true, 1.5);
	assert_segment(&n.segs[1], "The first paragraph.", false, 0.25);
	assert_segment(&n.segs[2], "The second. paragraph.", false, 0.25);
	assert_segment(&n.segs[3], "The third and last.", false, 0);
	narrate_free(&n);
	script_free(&s);
}

static void
test_empty_segments_dropped(void **state)
{
	struct made m;
	char *paras[3];
	struct narration n;
	struct narrate_params p = params;

	(void)state;
	ranked(&m, 5, NULL, "A", 0, NULL, 0, NULL, 0);
	paras[0] = (char *)"First.";
	paras[1] = (char *)" \"\" (2011) ";	/* nothing left to say */
	paras[2] = (char *)"\u201c\u201d";
	m.e.paragraphs = paras;
	m.e.nparagraphs = 3;
	narrate_ok(&m.e, &p, &n);
	assert_int_equal(n.nsegs, 2);
	assert_segment(&n.segs[0], "Number 5: A.", true, AFTER_ANNOUNCEMENT);
	/* the last segment spoken has no pause after it */
	assert_segment(&n.segs[1], "First.", false, 0);
	narrate_free(&n);

	/* a template that says nothing: the body alone */
	p.entry_template = "[{artist}]";
	narrate_ok(&m.e, &p, &n);
	assert_int_equal(n.nsegs, 1);
	assert_segment(&n.segs[0], "First.", false, 0);
	narrate_free(&n);
	narrate_free(&n);	/* a second free is harmless */
}

static void
test_lexicon_after_cleaning(void **state)
{
	static const char lexicon_text[] =
	    "BIGBANG\tBig Bang\n"
	    "K. Will\tK Will\n"
	    "Haru\tHah-roo\n"
	    "number 1\tnumber one\n";
	struct narrate_params p = params;
	struct lexicon lx;
	struct script s;
	struct narration n;
	int line;

	(void)state;
	assert_int_equal(lexicon_parse(lexicon_text, strlen(lexicon_text),
	    &lx, &line), 0);
	p.lexicon = &lx;
	parse_ok("Top\n"
	    "#1: \u201cHaru Haru\u201d (2008)\n"
	    "BIGBANG\n"
	    "\"BIGBANG\" (2008) with K.. Will, not BIGBANGS... #1!\n", &s);
	narrate_ok(&s.entries[1], &p, &n);
	assert_int_equal(n.nsegs, 2);
	assert_segment(&n.segs[0], "Number 1: Hah-roo Hah-roo, by Big Bang.",
	    true, AFTER_ANNOUNCEMENT);
	/* quotes, the year and the extra dot go first, so the written
	 * forms match; what the lexicon puts in is not cleaned again */
	assert_segment(&n.segs[1], "Big Bang with K Will, not BIGBANGS. "
	    "number one!", false, 0);
	narrate_free(&n);

	/* the intro's title too */
	narrate_ok(&s.entries[0], &p, &n);
	assert_int_equal(n.nsegs, 1);
	assert_string_equal(n.segs[0].text, "Top");
	narrate_free(&n);
	script_free(&s);
	lexicon_free(&lx);
}

static void
test_default_script(void **state)
{
	struct script s;
	struct script_error err;
	struct narration n;
	size_t i, j;

	(void)state;
	assert_int_equal(script_load("data/scripts/saddest-kpop-mvs.txt", NULL, &s,
	    &err), 0);
	assert_int_equal(s.nentries, 12);
	narrate_ok(&s.entries[1], &params, &n);
	assert_string_equal(n.segs[0].text, "Number 10: You and I, by Park "
	    "Bom.");
	narrate_free(&n);
	narrate_ok(&s.entries[3], &params, &n);
	assert_string_equal(n.segs[0].text, "Number 8: Hello and I Told You I "
	    "Wanna Die, by Huh Gak.");
	narrate_free(&n);
	narrate_ok(&s.entries[10], &params, &n);
	assert_int_equal(n.nsegs, 6);
	assert_string_equal(n.segs[5].text, "It Hurts (Sick), by Huh Gak.");
	narrate_free(&n);
	/* no markup reaches the voice, nothing is empty */
	for (i = 0; i < s.nentries; i++) {
		narrate_ok(&s.entries[i], &params, &n);
		assert_true(n.nsegs >= 1);
		for (j = 0; j < n.nsegs; j++) {
			assert_true(n.segs[j].text[0] != '\0');
			assert_null(strpbrk(n.segs[j].text, "#&\""));
			assert_null(strstr(n.segs[j].text, ".."));
			assert_null(strstr(n.segs[j].text, "  "));
		}
		assert_seconds(n.segs[n.nsegs - 1].pause_after, 0);
		narrate_free(&n);
	}
	script_free(&s);
}

/* a narration of one segment of text, pause seconds after it */
static double
seconds_of(const char *text, double pause, int rate)
{
	struct segment seg = { .text = (char *)text, .pause_after = pause };
	struct narration n = { &seg, 1 };

	return narrate_seconds(&n, rate);
}

/* The length estimate: from above for ordinary text (test_tts holds it
 * against eSpeak NG itself), the pauses exact, 1 / rate. */
static void
test_seconds(void **state)
{
	double words = seconds_of("Rain on the roof", 0, 165);

	(void)state;
	assert_true(words > 0.8 && words < 2.5);
	/* what the voice says at length counts for more than its letters
	 * (beyond the silence each segment has around it) */
	assert_true(seconds_of("7777", 0, 165) - seconds_of("", 0, 165) >
	    3 * (seconds_of("word", 0, 165) - seconds_of("", 0, 165)));
	assert_true(seconds_of("BTS", 0, 165) - seconds_of("", 0, 165) >
	    2 * (seconds_of("bts", 0, 165) - seconds_of("", 0, 165)));
	assert_true(seconds_of("a % b", 0, 165) > seconds_of("a b", 0, 165));
	/* the pause is counted as it is; the speech goes as 1 / rate */
	assert_seconds(seconds_of("Rain on the roof", 2.5, 165), words + 2.5);
	assert_seconds(seconds_of("Rain on the roof", 0, 330), words / 2);
}

/* every entry of the bundled script fits; one 1 MB body (some 16 hours of
 * speech) does not, whatever the entries before it */
static void
test_check_length(void **state)
{
	struct script s;
	struct script_error err;
	struct textbuf b = TEXTBUF_INIT;
	struct conf c;
	double seconds = -1;
	size_t index = 99;

	(void)state;
	conf_defaults(&c);
	assert_int_equal(script_load("data/scripts/saddest-kpop-mvs.txt", NULL, &s,
	    &err), 0);
	assert_int_equal(narrate_check_length(&s, &c, NULL, &index, &seconds), 0);
	script_free(&s);

	textbuf_puts(&b, "Long\n\n#2: \"Short\"\nFine.\n\n#1: \"Long\"\n");
	while (b.len < (1 << 20))
		textbuf_puts(&b, "The piano plays slowly under her voice. ");
	textbuf_puts(&b, "\n");
	assert_int_equal(script_parse(b.s, b.len, NULL, &s, &err), 0);
	assert_int_equal(narrate_check_length(&s, &c, NULL, &index, &seconds), 1);
	assert_int_equal(index, 2);
	assert_true(seconds > 16 * 3600);
	script_free(&s);
	textbuf_reset(&b);
	conf_free(&c);
}

/* ---- the announcer's words in another language (issue 14) ---- */

static const struct narrate_params params_de = {
	.entry_template = "Platz {rank}: {titles}[, von {artist}].",
	.after_announcement = AFTER_ANNOUNCEMENT,
	.between_paragraphs = BETWEEN_PARAGRAPHS,
	.mentions = "Ehrenvolle Erw\u00e4hnungen.",
	.and = "und",
	.item = "{titles}[, von {artist}].",
	.number = "Nummer",
};

static void
test_words_of_a_language(void **state)
{
	struct script s;
	struct narration n;

	(void)state;
	parse_ok("Die Liste\n\n"
	    "Nr. 2: \u201eTom & Jerry\u201c (1983) & \u201eZwei\u201c\n"
	    "Die Band\n\nIhr #1 Hit.\n\n"
	    "Ehrenvolle Erw\u00e4hnungen:\n"
	    "\u201eDrei\u201c (2001)\nDie Anderen\n\u201eVier\u201c\n"
	    "Nr. 1: \u201eEins\u201c\n", &s);
	narrate_ok(&s.entries[1], &params_de, &n);
	/* titles joined by the language's word, '&' said as it too */
	assert_segment(&n.segs[0], "Platz 2: Tom und Jerry und Zwei, von Die "
	    "Band.", true, AFTER_ANNOUNCEMENT);
	/* '#' before a number said in the language's word */
	assert_segment(&n.segs[1], "Ihr Nummer 1 Hit.", false, 0);
	narrate_free(&n);
	narrate_ok(&s.entries[2], &params_de, &n);
	assert_int_equal(n.nsegs, 3);
	/* a bare heading is said in the announcer's words */
	assert_segment(&n.segs[0], "Ehrenvolle Erw\u00e4hnungen.", true,
	    AFTER_ANNOUNCEMENT);
	assert_segment(&n.segs[1], "Drei, von Die Anderen.", false,
	    BETWEEN_PARAGRAPHS);
	assert_segment(&n.segs[2], "Vier.", false, 0);
	narrate_free(&n);
	/* without announcer.mentions the heading is read as written */
	narrate_ok(&s.entries[2], &params, &n);
	assert_segment(&n.segs[0], "Ehrenvolle Erw\u00e4hnungen:", true,
	    AFTER_ANNOUNCEMENT);
	assert_segment(&n.segs[1], "Drei, by Die Anderen.", false,
	    BETWEEN_PARAGRAPHS);
	narrate_free(&n);
	script_free(&s);
}

/* A lead that says more than the phrase is read, whatever the setting. */
static void
test_lead_sentence_read(void **state)
{
	struct script s;
	struct narration n;

	(void)state;
	parse_ok(script_text, &s);
	narrate_ok(&s.entries[3], &params_de, &n);
	assert_segment(&n.segs[0], "Before we get to our top pick, here are a "
	    "few honorable mentions:", true, AFTER_ANNOUNCEMENT);
	assert_segment(&n.segs[1], "In Heaven, von JYJ.", false,
	    BETWEEN_PARAGRAPHS);
	narrate_free(&n);
	script_free(&s);
}

static void
test_item_template(void **state)
{
	struct narrate_params p = params;
	struct title t = { (char *)"Heaven", 2012, (char *)"Ailee" };
	struct entry e;
	struct narration n;

	(void)state;
	memset(&e, 0, sizeof(e));
	e.kind = ENTRY_MENTIONS;
	e.titles = &t;
	e.ntitles = 1;
	p.item = "{titles}, {year}[ \u2013 {artist}]";
	narrate_ok(&e, &p, &n);
	assert_int_equal(n.nsegs, 1);
	assert_segment(&n.segs[0], "Heaven, 2012 \u2013 Ailee", false, 0);
	narrate_free(&n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_template_default),
		cmocka_unit_test(test_template_no_credit),
		cmocka_unit_test(test_template_titles),
		cmocka_unit_test(test_template_year),
		cmocka_unit_test(test_template_parts),
		cmocka_unit_test(test_template_malformed),
		cmocka_unit_test(test_clean_markup),
		cmocka_unit_test(test_clean_apostrophes),
		cmocka_unit_test(test_clean_space),
		cmocka_unit_test(test_clean_punctuation_after_named_sign),
		cmocka_unit_test(test_clean_signs_in_words_given),
		cmocka_unit_test(test_clean_ampersand_between_words),
		cmocka_unit_test(test_intro),
		cmocka_unit_test(test_intro_title_only),
		cmocka_unit_test(test_ranked),
		cmocka_unit_test(test_mentions),
		cmocka_unit_test(test_mentions_by_hand),
		cmocka_unit_test(test_words_of_a_language),
		cmocka_unit_test(test_lead_sentence_read),
		cmocka_unit_test(test_item_template),
		cmocka_unit_test(test_pauses_follow_params),
		cmocka_unit_test(test_empty_segments_dropped),
		cmocka_unit_test(test_lexicon_after_cleaning),
		cmocka_unit_test(test_default_script),
		cmocka_unit_test(test_seconds),
		cmocka_unit_test(test_check_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
