/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_espeak_text: what eSpeak NG 1.51 is given for a character (digits of
 * any script, the characters it frees its translator on, bytes that are not
 * UTF-8), its alphabets, the signs read by name or given apart, and the
 * timing model's weights. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "speech/espeak_text.h"

static void
test_char(void **state)
{
	char buf[2];
	uint32_t cp = 0;
	size_t len = 0;
	const char *s;

	(void)state;
	s = "\xc3\xa9t\xc3\xa9";			/* é: itself */
	assert_ptr_equal(espeak_text_char(s, &len, &cp, buf), s);
	assert_int_equal(len, 2);
	assert_int_equal(cp, 0xe9);
	s = "\xe0\xa7\xa9";				/* Bengali 3 */
	assert_ptr_equal(espeak_text_char(s, &len, &cp, buf), buf);
	assert_string_equal(buf, "3");
	assert_int_equal(len, 3);
	assert_int_equal(cp, 0x9e9);
	s = "\xef\xbc\x90";				/* fullwidth 0 */
	assert_ptr_equal(espeak_text_char(s, &len, &cp, buf), buf);
	assert_string_equal(buf, "0");
	s = "\xe0\xa7\xa4";				/* U+09E4: unspeakable */
	assert_null(espeak_text_char(s, &len, &cp, buf));
	assert_int_equal(len, 3);
	s = "\xe1\x86\x80";				/* U+1180, old jamo */
	assert_null(espeak_text_char(s, &len, &cp, buf));
	s = "\xe1\x84\x80";				/* U+1100: spoken */
	assert_ptr_equal(espeak_text_char(s, &len, &cp, buf), s);
	/* not UTF-8: nothing, a byte at a time */
	cp = 7;
	assert_null(espeak_text_char("\xff" "a", &len, &cp, buf));
	assert_int_equal(len, 1);
	assert_int_equal(cp, 7);
	assert_null(espeak_text_char("\xe2\x80", &len, &cp, buf));	/* cut short */
	assert_int_equal(len, 1);
	assert_null(espeak_text_char("\xed\xa0\x80", &len, &cp, buf));
	assert_int_equal(len, 1);
}

static void
test_alphabet(void **state)
{
	(void)state;
	assert_int_equal(espeak_text_alphabet('a'), 0);
	assert_int_equal(espeak_text_alphabet(0xe9), 0);
	assert_int_equal(espeak_text_alphabet(0x3b1), 1);	/* Greek */
	assert_int_equal(espeak_text_alphabet(0x538), 2);	/* Armenian */
	assert_int_equal(espeak_text_alphabet(0x995), 4);	/* Bengali */
	/* both Korean blocks are one alphabet */
	assert_int_equal(espeak_text_alphabet(0x1100), 13);
	assert_int_equal(espeak_text_alphabet(0xac00), 13);
	assert_int_equal(espeak_text_alphabet(0x1f3b5), 14);	/* past the BMP */
	assert_int_equal(espeak_text_alphabet(0x4e00), 0);	/* CJK */
}

static void
test_signs(void **state)
{
	(void)state;
	assert_true(espeak_text_is_named(0xa9));	/* © */
	assert_true(espeak_text_is_named(0xd7));
	assert_true(espeak_text_is_named(0x20ac));	/* € */
	assert_true(espeak_text_is_named(0x1f3b5));
	assert_false(espeak_text_is_named(0xe9));
	assert_false(espeak_text_is_named(0xac00));
	assert_true(espeak_text_sign_apart('+'));
	assert_true(espeak_text_sign_apart('-'));
	assert_true(espeak_text_sign_apart('@'));
	assert_true(espeak_text_sign_apart('\\'));
	assert_false(espeak_text_sign_apart('.'));
	assert_false(espeak_text_sign_apart('a'));
	assert_false(espeak_text_sign_apart('&'));	/* said as the word and */
}

/* The weights: ms per letter, spelled letter, digit, sign and segment. */
static void
test_seconds(void **state)
{
	(void)state;
	assert_float_equal(espeak_text_seconds("", 165), 0.5, 1e-9);
	assert_float_equal(espeak_text_seconds("hello", 165), 1.0, 1e-9);
	assert_float_equal(espeak_text_seconds("a", 165), 0.75, 1e-9);	/* spelled */
	assert_float_equal(espeak_text_seconds("BTS", 165), 1.25, 1e-9);
	assert_float_equal(espeak_text_seconds("SHOUTED", 165), 1.2, 1e-9);
	assert_float_equal(espeak_text_seconds("42", 165), 1.9, 1e-9);
	assert_float_equal(espeak_text_seconds("%", 165), 0.9, 1e-9);
	assert_float_equal(espeak_text_seconds("\xe2\x82\xac", 165), 0.9, 1e-9);
	/* a letter of many bytes is one letter */
	assert_float_equal(espeak_text_seconds("\xc3\xa9t\xc3\xa9", 165), 0.8, 1e-9);
	/* spaces part words and cost nothing */
	assert_float_equal(espeak_text_seconds("hello  world", 165), 1.5, 1e-9);
	/* the length goes as 1 / rate; a rate of 0 is taken as 1 */
	assert_float_equal(espeak_text_seconds("hello", 330), 0.5, 1e-9);
	assert_float_equal(espeak_text_seconds("hello", 0), 165.0, 1e-9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_char),
		cmocka_unit_test(test_alphabet),
		cmocka_unit_test(test_signs),
		cmocka_unit_test(test_seconds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
