/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_utf8: the one UTF-8 module: every length of a valid sequence at its
 * edges, and what is refused: stray continuation bytes, overlong forms,
 * surrogates, code points past U+10FFFF, sequences cut short; stepping,
 * stepping back, cutting and counting by characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "util/utf8.h"

/* the length utf8_len gives the whole of s, and the code point decoded */
static size_t
decode(const char *s, uint32_t *cp)
{
	size_t n = strlen(s), len = utf8_len(s, n);

	*cp = 0xdeadbeef;
	assert_int_equal(utf8_decode(s, n, cp), len);
	return len;
}

static void
valid(const char *s, uint32_t want)
{
	uint32_t cp;

	assert_int_equal(decode(s, &cp), strlen(s));
	assert_int_equal(cp, want);
}

static void
invalid(const char *s)
{
	uint32_t cp;

	assert_int_equal(decode(s, &cp), 0);
	assert_int_equal(cp, 0xdeadbeef);	/* untouched */
}

static void
test_valid(void **state)
{
	(void)state;
	valid("A", 'A');
	valid("\x7f", 0x7f);
	valid("\xc2\x80", 0x80);		/* the first of two bytes */
	valid("\xc3\xa9", 0xe9);		/* é */
	valid("\xdf\xbf", 0x7ff);
	valid("\xe0\xa0\x80", 0x800);		/* the first of three */
	valid("\xe2\x80\x99", 0x2019);		/* ’ */
	valid("\xed\x9f\xbf", 0xd7ff);		/* just below the surrogates */
	valid("\xee\x80\x80", 0xe000);		/* just above them */
	valid("\xef\xbf\xbd", 0xfffd);
	valid("\xef\xbf\xbf", 0xffff);
	valid("\xf0\x90\x80\x80", 0x10000);	/* the first of four */
	valid("\xf0\x9f\x8e\xb5", 0x1f3b5);	/* 🎵 */
	valid("\xf4\x8f\xbf\xbf", 0x10ffff);	/* the last */
	/* the length of the first character only, whatever follows */
	assert_int_equal(utf8_len("\xc3\xa9" "abc", 5), 2);
	assert_int_equal(utf8_len("a\xff", 2), 1);
	/* a NUL is a character like any other */
	assert_int_equal(utf8_len("", 1), 1);
}

static void
test_invalid(void **state)
{
	(void)state;
	/* continuation bytes alone */
	invalid("\x80");
	invalid("\xbf");
	invalid("\x80\x80");
	/* bytes that never start a character */
	invalid("\xc0\x80");			/* an overlong NUL */
	invalid("\xc1\xbf");			/* an overlong 0x7f */
	invalid("\xf5\x80\x80\x80");
	invalid("\xf8\x88\x80\x80\x80");	/* five bytes */
	invalid("\xfe");
	invalid("\xff");
	/* overlong forms */
	invalid("\xe0\x80\xaf");		/* '/' in three bytes */
	invalid("\xe0\x9f\xbf");		/* U+07FF in three */
	invalid("\xf0\x80\x80\xaf");		/* '/' in four */
	invalid("\xf0\x8f\xbf\xbf");		/* U+FFFF in four */
	/* surrogates, each half alone and a pair */
	invalid("\xed\xa0\x80");		/* U+D800 */
	invalid("\xed\xaf\xbf");		/* U+DBFF */
	invalid("\xed\xb0\x80");		/* U+DC00 */
	invalid("\xed\xbf\xbf");		/* U+DFFF */
	invalid("\xed\xa0\xbd\xed\xb2\xa9");	/* CESU-8's U+1F4A9 */
	/* past U+10FFFF */
	invalid("\xf4\x90\x80\x80");		/* U+110000 */
	invalid("\xf7\xbf\xbf\xbf");
	/* a continuation byte missing or wrong */
	invalid("\xc3" "a");
	invalid("\xe2\x80" "a");
	invalid("\xe2" "a" "\x80");
	invalid("\xf0\x9f\x8e" "a");
	invalid("\xc3\xc3\xa9");		/* a lead byte where one continues */
}

/* A sequence that the end cuts short is invalid, whatever its bytes
 * would have been; n is all that may be read. */
static void
test_truncated(void **state)
{
	const char *s[] = { "\xc3\xa9", "\xe2\x80\x99", "\xf0\x9f\x8e\xb5" };
	uint32_t cp = 0;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof s / sizeof s[0]; i++) {
		for (n = 1; n < strlen(s[i]); n++) {
			assert_int_equal(utf8_len(s[i], n), 0);
			assert_int_equal(utf8_decode(s[i], n, &cp), 0);
		}
		assert_int_equal(utf8_len(s[i], n), n);
	}
	/* the NUL of a string ends a sequence like any other byte */
	assert_int_equal(utf8_len("\xe2\x80", 3), 0);
}

static void
test_is_cont(void **state)
{
	unsigned c;

	(void)state;
	for (c = 0; c < 256; c++)
		assert_int_equal(utf8_is_cont((unsigned char)c), c >= 0x80 && c <= 0xbf);
}

static void
test_skip(void **state)
{
	const char *s = "a\xc3\xa9\xe2\x80\x99\xf0\x9f\x8e\xb5z";	/* aé’🎵z */
	size_t n = strlen(s);

	(void)state;
	assert_int_equal(utf8_skip(s, n, 0), 0);
	assert_int_equal(utf8_skip(s, n, 1), 1);
	assert_int_equal(utf8_skip(s, n, 2), 3);
	assert_int_equal(utf8_skip(s, n, 3), 6);
	assert_int_equal(utf8_skip(s, n, 4), 10);
	assert_int_equal(utf8_skip(s, n, 5), 11);
	assert_int_equal(utf8_skip(s, n, 99), n);	/* never past the end */
	assert_int_equal(utf8_skip(s, SIZE_MAX, 99), n);	/* nor a NUL */
	assert_int_equal(utf8_skip(s, 2, 2), 2);	/* nor n, inside a character */
	/* stray continuation bytes go with the byte before them */
	assert_int_equal(utf8_skip("\x80\x80" "a", 3, 1), 2);
	assert_int_equal(utf8_skip("\xff" "a", 2, 1), 1);
}

static void
test_back(void **state)
{
	const char *s = "a\xc3\xa9\xe2\x80\x99\xf0\x9f\x8e\xb5z";

	(void)state;
	assert_int_equal(utf8_back(s, 1), 0);
	assert_int_equal(utf8_back(s, 3), 1);
	assert_int_equal(utf8_back(s, 6), 3);
	assert_int_equal(utf8_back(s, 10), 6);
	assert_int_equal(utf8_back(s, 11), 10);
	/* from inside a character: back to its start */
	assert_int_equal(utf8_back(s, 9), 6);
	/* never before s, and never over more than a character's worth */
	assert_int_equal(utf8_back("\x80\x80", 2), 0);
	assert_int_equal(utf8_back("a\x80\x80\x80\x80\x80", 6), 2);
}

static void
test_cut(void **state)
{
	const char *s = "ab\xe2\x80\x99" "c";

	(void)state;
	assert_int_equal(utf8_cut(s, 0), 0);
	assert_int_equal(utf8_cut(s, 2), 2);	/* before ’: whole */
	assert_int_equal(utf8_cut(s, 3), 2);	/* inside it: before it */
	assert_int_equal(utf8_cut(s, 4), 2);
	assert_int_equal(utf8_cut(s, 5), 5);	/* after it */
	assert_int_equal(utf8_cut("\x80\x80\x80", 2), 0);
}

static void
test_chars(void **state)
{
	const char *s = "a\xc3\xa9\xe2\x80\x99\xf0\x9f\x8e\xb5z";

	(void)state;
	assert_int_equal(utf8_chars(s, 0), 0);
	assert_int_equal(utf8_chars(s, strlen(s)), 5);
	assert_int_equal(utf8_chars(s, 2), 2);	/* a character begun counts */
	assert_int_equal(utf8_chars("\xff\xfe", 2), 2);
	assert_int_equal(utf8_chars("\x80\x80", 2), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_is_cont),
		cmocka_unit_test(test_skip),
		cmocka_unit_test(test_back),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_chars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
