/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_lexicon: pronunciation overrides: the file format and its errors,
 * whole-word and case-sensitive matching, the longest written form first,
 * and the shipped data/lexicon.txt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "text/lexicon.h"
#include "unit.h"

#define SHIPPED	"data/lexicon.txt"

/* ---- helpers ---- */

static void
parse_ok(const char *text, struct lexicon *lx)
{
	int line = -1;

	if (lexicon_parse(text, strlen(text), lx, &line) != 0)
		fail_msg("lexicon parse failed at line %d", line);
	assert_int_equal(line, 0);
}

static void
parse_bad(const char *text, int want_line)
{
	struct lexicon lx;
	int line = -1;

	assert_int_equal(lexicon_parse(text, strlen(text), &lx, &line), -1);
	assert_int_equal(line, want_line);
	/* a failed parse leaves nothing behind to free */
	assert_null(lx.v);
	assert_int_equal(lx.n, 0);
}

/* lexicon_apply(lx, text) is want */
static void
check_apply(const struct lexicon *lx, const char *text, const char *want)
{
	char *got = lexicon_apply(lx, text);

	assert_non_null(got);
	if (strcmp(got, want) != 0) {
		fail_msg("\"%s\" became \"%s\", expected \"%s\"", text, got,
		    want);
	}
	free(got);
}

/* a lexicon of the given text, applied to text, is want */
static void
check(const char *lexicon, const char *text, const char *want)
{
	struct lexicon lx;

	parse_ok(lexicon, &lx);
	check_apply(&lx, text, want);
	lexicon_free(&lx);
}

static const char *
spoken(const struct lexicon *lx, const char *written)
{
	size_t i;

	for (i = 0; i < lx->n; i++)
		if (strcmp(lx->v[i].written, written) == 0)
			return lx->v[i].spoken;
	return NULL;
}

/* ---- parsing ---- */

static void
test_parse(void **state)
{
	struct lexicon lx;

	(void)state;
	parse_ok("# a comment\n"
	    "\n"
	    "   \n"
	    "  # an indented comment\tnot an entry\n"
	    "BIGBANG\tBig Bang\n"
	    "JYJ\tJ Y J\r\n"
	    "\r\n"
	    "  T.O.P \t Top  \n"
	    "Haru\tHah-roo", &lx);	/* no newline at the end */
	assert_int_equal(lx.n, 4);
	assert_string_equal(spoken(&lx, "BIGBANG"), "Big Bang");
	/* CRLF: the \r is not part of the spoken form */
	assert_string_equal(spoken(&lx, "JYJ"), "J Y J");
	/* spaces around either side are trimmed */
	assert_string_equal(spoken(&lx, "T.O.P"), "Top");
	assert_string_equal(spoken(&lx, "Haru"), "Hah-roo");
	assert_int_equal(lx.v[0].len, strlen(lx.v[0].written));
	lexicon_free(&lx);
	/* a second free of the emptied lexicon is harmless */
	lexicon_free(&lx);
}

static void
test_parse_empty(void **state)
{
	struct lexicon lx;

	(void)state;
	parse_ok("", &lx);
	assert_int_equal(lx.n, 0);
	check_apply(&lx, "BIGBANG", "BIGBANG");
	lexicon_free(&lx);
	parse_ok("# only comments\n\n# and blank lines\n", &lx);
	assert_int_equal(lx.n, 0);
	lexicon_free(&lx);
}

static void
test_parse_errors(void **state)
{
	(void)state;
	/* no tab: the line is named, counting comments and blank lines */
	parse_bad("# names\n\nBIGBANG Big Bang\n", 3);
	parse_bad("A\tB\nC\tD\nno tab here\nE\tF\n", 3);
	parse_bad("no tab\n", 1);
	/* CRLF line ends count lines the same */
	parse_bad("# c\r\nA\tB\r\n\r\nbad\r\n", 4);
	/* an empty written form */
	parse_bad("A\tB\n\tspoken\n", 2);
	parse_bad("A\tB\nC\tD\n   \tspoken\n", 3);
}

static void
test_load(void **state)
{
	static const char bad[] = "# overrides\nBIGBANG\tBig Bang\nJYJ J Y J\n";
	char path[PATH_MAX + 16], err[PATH_MAX + 512], want[PATH_MAX + 32];
	struct lexicon lx;
	int fd;

	snprintf(path, sizeof path, "%s/lexicon.txt", (char *)*state);
	assert_int_equal(lexicon_load("no/such/lexicon.txt", &lx, err,
	    sizeof(err)), EX_NOINPUT);
	assert_non_null(strstr(err, "no/such/lexicon.txt"));
	assert_non_null(strstr(err, "No such file"));
	assert_null(lx.v);

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bad, strlen(bad)), (ssize_t)strlen(bad));
	close(fd);
	assert_int_equal(lexicon_load(path, &lx, err, sizeof(err)),
	    EX_DATAERR);
	/* FILE:LINE: message */
	snprintf(want, sizeof(want), "%s:3: ", path);
	assert_true(strncmp(err, want, strlen(want)) == 0);
	assert_null(lx.v);
}

/* ---- matching ---- */

static void
test_whole_words(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		/* alone, at the start, at the end, in the middle */
		{ "BIGBANG", "Big Bang" },
		{ "BIGBANG sings", "Big Bang sings" },
		{ "by BIGBANG", "by Big Bang" },
		{ "by BIGBANG today", "by Big Bang today" },
		/* next to punctuation */
		{ "by BIGBANG.", "by Big Bang." },
		{ "BIGBANG, JYJ", "Big Bang, JYJ" },
		{ "(BIGBANG)", "(Big Bang)" },
		{ "BIGBANG's video", "Big Bang's video" },
		{ "BIGBANG-style", "Big Bang-style" },
		{ "BIGBANG:", "Big Bang:" },
		{ "\tBIGBANG\n", "\tBig Bang\n" },
		/* inside a longer word, or touching a letter or a digit */
		{ "BIGBANGS", "BIGBANGS" },
		{ "XBIGBANG", "XBIGBANG" },
		{ "BIGBANG2", "BIGBANG2" },
		{ "2BIGBANG", "2BIGBANG" },
		{ "xBIGBANGx", "xBIGBANGx" },
		/* a letter outside ASCII is a letter too */
		{ "BIGBANG\u00e9", "BIGBANG\u00e9" },
		{ "\ube45BIGBANG", "\ube45BIGBANG" },
		/* no match on a part of the written form */
		{ "BIGBAN", "BIGBAN" },
		{ "", "" },
	};
	struct lexicon lx;
	size_t i;

	(void)state;
	parse_ok("BIGBANG\tBig Bang\n", &lx);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_apply(&lx, cases[i].text, cases[i].want);
	lexicon_free(&lx);
}

static void
test_unicode_punctuation(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		/* a curly apostrophe, as in the seed transcript's
		 * "Seo In-guk’s character", ends a word like a straight one */
		{ "In-guk\u2019s character", "In-gook\u2019s character" },
		{ "BIGBANG\u2019s", "Big Bang\u2019s" },
		/* dashes, curly quotes, an ellipsis, a no-break space,
		 * guillemets: punctuation, not letters */
		{ "BIGBANG\u2014and", "Big Bang\u2014and" },
		{ "1990\u2013BIGBANG", "1990\u2013Big Bang" },
		{ "\u201cBIGBANG\u201d", "\u201cBig Bang\u201d" },
		{ "\u2018BIGBANG\u2019", "\u2018Big Bang\u2019" },
		{ "BIGBANG\u2026", "Big Bang\u2026" },
		{ "K-pop\u00a0BIGBANG\u00a0fans", "K-pop\u00a0Big Bang\u00a0fans" },
		{ "\u00abBIGBANG\u00bb", "\u00abBig Bang\u00bb" },
	};
	struct lexicon lx;
	size_t i;

	(void)state;
	parse_ok("BIGBANG\tBig Bang\nIn-guk\tIn-gook\n", &lx);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_apply(&lx, cases[i].text, cases[i].want);
	lexicon_free(&lx);
}

static void
test_case_sensitive(void **state)
{
	struct lexicon lx;

	(void)state;
	parse_ok("BIGBANG\tBig Bang\nTop\tTahp\n", &lx);
	check_apply(&lx, "Bigbang bigbang BigBang BIGBANG",
	    "Bigbang bigbang BigBang Big Bang");
	check_apply(&lx, "our top pick, Top, TOP", "our top pick, Tahp, TOP");
	lexicon_free(&lx);
}

static void
test_longest_first(void **state)
{
	(void)state;
	/* whichever order the file lists them in */
	check("T\tTee\nT.O.P\tTop\n", "T.O.P and T", "Top and Tee");
	check("T.O.P\tTop\nT\tTee\n", "T.O.P and T", "Top and Tee");
	check("T\tTee\nT.O.P\tTop\n", "seeing T.O.P, and", "seeing Top, and");
	check("T\tTee\nT.O.P\tTop\n", "T.O.P.", "Top.");
	check("Island\tEye land\nF.T. Island\tFT Island\n",
	    "F.T. Island on an Island", "FT Island on an Eye land");
	check("Haru\tHah-roo\nHaru Haru\tthe song\n", "Haru Haru, Haru",
	    "the song, Hah-roo");
}

static void
test_several_in_one_text(void **state)
{
	(void)state;
	check("BIGBANG\tBig Bang\nJYJ\tJ Y J\nT.O.P\tTop\n",
	    "JYJ, BIGBANG and T.O.P: BIGBANG again, then JYJ",
	    "J Y J, Big Bang and Top: Big Bang again, then J Y J");
	/* back to back, separated by punctuation only */
	check("JYJ\tJ Y J\n", "JYJ/JYJ", "J Y J/J Y J");
	/* a spoken form is not looked up again */
	check("A\tB\nB\tC\n", "A B", "B C");
	check("Seo\tSuh\nSuh\tSo\n", "Seo", "Suh");
}

static void
test_dots_and_hyphens(void **state)
{
	struct lexicon lx;

	(void)state;
	parse_ok("F.T. Island\tFT Island\nG-Dragon\tG Dragon\n"
	    "K. Will\tK Will\n", &lx);
	check_apply(&lx, "Severely, by F.T. Island.",
	    "Severely, by FT Island.");
	check_apply(&lx, "G-Dragon is convinced; G-Dragon's sorrow",
	    "G Dragon is convinced; G Dragon's sorrow");
	check_apply(&lx, "Please Don't, by K. Will.",
	    "Please Don't, by K Will.");
	/* still whole words */
	check_apply(&lx, "G-Dragons XG-Dragon F.T. Islander K. Willow",
	    "G-Dragons XG-Dragon F.T. Islander K. Willow");
	/* a different spacing is a different written form */
	check_apply(&lx, "F.T.Island K.Will", "F.T.Island K.Will");
	lexicon_free(&lx);
}

static void
test_no_lexicon(void **state)
{
	char *s;

	(void)state;
	/* NULL: no lexicon configured, the text passes unchanged */
	s = lexicon_apply(NULL, "BIGBANG and T.O.P");
	assert_non_null(s);
	assert_string_equal(s, "BIGBANG and T.O.P");
	free(s);
	s = lexicon_apply(NULL, "");
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

/* ---- the shipped lexicon ---- */

/* Does s hold a word of two or more letters, all capitals (which eSpeak NG
 * spells letter by letter, or reads as an English word)? */
static int
has_capitals_word(const char *s)
{
	size_t i = 0, n;

	while (s[i] != '\0') {
		for (n = 0; isupper((unsigned char)s[i + n]); n++)
			;
		if (n >= 2 && !isalnum((unsigned char)s[i + n]) &&
		    (i == 0 || !isalnum((unsigned char)s[i - 1])))
			return 1;
		i += n > 0 ? n : 1;
	}
	return 0;
}

static void
test_has_capitals_word(void **state)
{
	(void)state;
	assert_true(has_capitals_word("by BIGBANG."));
	assert_true(has_capitals_word("JYJ"));
	assert_false(has_capitals_word("by Big Bang."));
	assert_false(has_capitals_word("J Y J, FTIsland? no: Top"));
}

static void
test_shipped(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "Number 1: Haru Haru, by BIGBANG.", NULL },
		/* the names of the default script */
		{ "seeing T.O.P, and", "seeing Top, and" },
		{ "Severely, by F.T. Island.", "Severely, by FT Island." },
		{ "Please Don't, by K. Will.", "Please Don't, by K Will." },
		/* the seed transcript's curly apostrophe */
		{ "Seo In-guk\u2019s character", NULL },
		/* English words stay as they are */
		{ "our top pick: the Top 10 of K-Pop", "our top pick: the Top 10 "
		    "of K-Pop" },
	};
	struct lexicon lx;
	char err[512], *s;
	size_t i;

	(void)state;
	if (lexicon_load(SHIPPED, &lx, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	assert_true(lx.n > 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cases[i].want != NULL) {
			check_apply(&lx, cases[i].text, cases[i].want);
			continue;
		}
		s = lexicon_apply(&lx, cases[i].text);
		assert_non_null(s);
		if (strcmp(s, cases[i].text) == 0)
			fail_msg("\"%s\" was left as it is", s);
		free(s);
	}
	/* BIGBANG: replaced by a form eSpeak NG does not spell out letter
	 * by letter, i.e. no word in capitals is left */
	s = lexicon_apply(&lx, "by BIGBANG.");
	assert_non_null(s);
	assert_null(strstr(s, "BIGBANG"));
	if (has_capitals_word(s))
		fail_msg("BIGBANG became \"%s\"", s);
	free(s);
	lexicon_free(&lx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_empty),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test_setup_teardown(test_load, unit_tmpdir_setup,
		    unit_tmpdir_teardown),
		cmocka_unit_test(test_whole_words),
		cmocka_unit_test(test_unicode_punctuation),
		cmocka_unit_test(test_case_sensitive),
		cmocka_unit_test(test_longest_first),
		cmocka_unit_test(test_several_in_one_text),
		cmocka_unit_test(test_dots_and_hyphens),
		cmocka_unit_test(test_no_lexicon),
		cmocka_unit_test(test_has_capitals_word),
		cmocka_unit_test(test_shipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
