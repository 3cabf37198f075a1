/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_fold: characters folded for matching (case, Latin accents,
 * apostrophes, spaces, bytes that are not UTF-8), and the words and
 * phrases matched under that folding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "text/fold.h"

/* s folded as one character of want_len bytes */
static void
folds(const char *s, long want, size_t want_len)
{
	size_t len = 0;

	assert_int_equal(fold_char(s, strlen(s), &len), want);
	assert_int_equal(len, want_len);
}

static void
test_char(void **state)
{
	(void)state;
	folds("a", 'a', 1);
	folds("Q", 'q', 1);
	folds("7", '7', 1);
	folds("\xc3\x89", 'e', 2);		/* É */
	folds("\xc3\xb1", 'n', 2);		/* ñ */
	folds("\xc5\x81", 'l', 2);		/* Ł */
	folds("\xc5\xbf", 's', 2);		/* ſ, the table's last */
	folds("\xc3\x9f", 0xdf, 2);		/* ß: no one letter */
	folds("\xc3\x86", 0xc6, 2);		/* Æ */
	folds("\xc3\x97", 0xd7, 2);		/* × */
	folds("\xc6\x80", 0x180, 2);		/* past the table: itself */
	folds("\xe2\x80\x99", '\'', 3);		/* ’ */
	folds("\xe2\x80\x98", '\'', 3);		/* ‘ */
	folds("\xca\xbc", '\'', 2);		/* ʼ */
	folds("\xea\xb0\x80", 0xac00, 3);	/* 가 */
	/* every space is one, whatever its length */
	folds(" ", ' ', 1);
	folds("\t", ' ', 1);
	folds("\x7f", ' ', 1);
	folds("\xc2\xa0", ' ', 2);		/* no-break */
	folds("\xe2\x80\x89", ' ', 3);		/* thin */
	folds("\xe2\x80\xaf", ' ', 3);		/* narrow no-break */
	/* a byte that is not UTF-8 stands for itself, apart from every
	 * character */
	folds("\xff", 0x110000L + 0xff, 1);
	folds("\xc3", 0x110000L + 0xc3, 1);	/* cut short */
	folds("\xed\xa0\x80", 0x110000L + 0xed, 1);	/* a surrogate */
}

static void
test_letter(void **state)
{
	(void)state;
	assert_true(fold_letter('a'));
	assert_true(fold_letter('0'));
	assert_false(fold_letter('A'));		/* folded letters are lowercase */
	assert_false(fold_letter('\''));
	assert_false(fold_letter(' '));
	assert_false(fold_letter(0xbb));	/* » */
	assert_false(fold_letter(0xd7));
	assert_false(fold_letter(0xf7));
	assert_true(fold_letter(0xdf));		/* ß */
	assert_false(fold_letter(0x2014));	/* — */
	assert_false(fold_letter(0x300c));	/* 「 */
	assert_true(fold_letter(0xac00));
	assert_false(fold_letter(0x110000L + 0xff));
}

static void
test_space(void **state)
{
	(void)state;
	assert_true(fold_space(' '));
	assert_true(fold_space('\n'));
	assert_true(fold_space('\x1b'));
	assert_false(fold_space('a'));
	assert_false(fold_space('\xc2'));
	assert_int_equal(fold_space_len("\xc2\xa0x", 3), 2);
	assert_int_equal(fold_space_len("\xc2\xa0", 1), 0);	/* cut short */
	assert_int_equal(fold_space_len("x ", 2), 0);
	assert_int_equal(fold_space_end("x\xe2\x80\xaf", 4), 3);
	assert_int_equal(fold_space_end("x\t", 2), 1);
	assert_int_equal(fold_space_end("x", 1), 0);
}

static void
test_word(void **state)
{
	const char *s = "Und dann";

	(void)state;
	assert_int_equal(fold_word(s, strlen(s), "und"), 3);
	assert_int_equal(fold_word("undo", 4, "und"), 0);	/* not whole */
	assert_int_equal(fold_word("\xc3\x89T\xc3\x89", 5, "ete"), 5);
	assert_int_equal(fold_word("et", 2, "ete"), 0);	/* too short */
	assert_int_equal(fold_word("don\xe2\x80\x99t go", 9, "don't"), 7);
	assert_int_equal(fold_word_end("ab-cd", 5, 0), 2);
	assert_int_equal(fold_word_end("ab-cd", 5, 3), 5);
}

static void
test_phrase(void **state)
{
	const char *s = "Mentions  honorables\xc2\xa0:";
	size_t n = strlen(s);

	(void)state;
	/* each word the start of one, apart by any spaces */
	assert_int_equal(fold_phrase(s, n, "mention honorable"), 20);
	assert_int_equal(fold_phrase(s, n, " mention  honorable "), 20);
	assert_int_equal(fold_phrase(s, n, "honorable"), 0);	/* not at the start */
	assert_int_equal(fold_phrase("mentionshonorables", 18,
	    "mention honorable"), 0);			/* no space between */
	assert_int_equal(fold_phrase("Ehrenvolle Erw\xc3\xa4hnungen:", 24,
	    "ehrenvolle erwahnungen"), 23);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_char),
		cmocka_unit_test(test_letter),
		cmocka_unit_test(test_space),
		cmocka_unit_test(test_word),
		cmocka_unit_test(test_phrase),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
