/* SPDX-License-Identifier: GPL-3.0-or-later */
/* espeak_text: what eSpeak NG 1.51 must not be given, and how long it
 * takes to say what it is given. Each rule was found by
 * tests/fuzz/fuzz_espeak (the inputs are in tests/fuzz/regress_espeak/,
 * which speech_regress.sh plays through the daemon) or by measuring. */
#include "speech/espeak_text.h"

#include <ctype.h>
#include <string.h>

#include "util/utf8.h"

/*
 * eSpeak NG 1.51 speaks the letters of some alphabets (Bengali, Tamil,
 * Malayalam, old Hangul jamo, ...) in a language of their own. A character
 * of such an alphabet that this language's dictionary lacks makes it free
 * the translator it is using and read on from the freed memory (fixed in
 * 1.52, "Add tertiary translator"): a crash, or garbage said. These are the
 * characters that do it, found by tests/fuzz/fuzz_espeak and then by
 * speaking every code point of U+0370..U+1FFF and U+A700..U+D7FF alone
 * under AddressSanitizer, with the voices en-us, de and fa (a voice that
 * is not English takes Greek to Greek too): each is said as nothing
 * (regress_espeak/ holds them all). Their decimal digits are said as
 * their value, before this table is asked.
 */
static const struct {
	uint32_t	lo, hi;
} espeak_text_unspeakable[] = {
	{ 0x0380, 0x0385 }, { 0x0387, 0x0387 }, { 0x038b, 0x038b },
	{ 0x038d, 0x038d }, { 0x03a2, 0x03a2 }, { 0x03f6, 0x03f6 },
	{ 0x0970, 0x0970 }, { 0x09e4, 0x09ef }, { 0x09f2, 0x09f3 },
	{ 0x09f7, 0x09f9 }, { 0x09fb, 0x09fb }, { 0x09fd, 0x09ff },
	{ 0x0a64, 0x0a6f }, { 0x0a76, 0x0a77 }, { 0x0a7b, 0x0a7b },
	{ 0x0a7e, 0x0a7f }, { 0x0ae4, 0x0af8 }, { 0x0afd, 0x0aff },
	{ 0x0b80, 0x0b80 }, { 0x0b84, 0x0b84 }, { 0x0b8b, 0x0b8c },
	{ 0x0b96, 0x0b98 }, { 0x0b9b, 0x0b9b }, { 0x0b9d, 0x0b9d },
	{ 0x0ba0, 0x0ba2 }, { 0x0ba6, 0x0ba7 }, { 0x0bab, 0x0bad },
	{ 0x0bba, 0x0bbc }, { 0x0bc4, 0x0bc4 }, { 0x0bd3, 0x0bd4 },
	{ 0x0bda, 0x0bef }, { 0x0bfb, 0x0bff }, { 0x0c80, 0x0c80 },
	{ 0x0c84, 0x0c84 }, { 0x0cc5, 0x0cc5 }, { 0x0cce, 0x0cd2 },
	{ 0x0cfd, 0x0d01 }, { 0x0d04, 0x0d04 }, { 0x0d0d, 0x0d0d },
	{ 0x0d45, 0x0d45 }, { 0x0d49, 0x0d49 }, { 0x0d52, 0x0d52 },
	{ 0x0d55, 0x0d56 }, { 0x0d5b, 0x0d5b }, { 0x0d5e, 0x0d5f },
	{ 0x0d62, 0x0d62 }, { 0x0dc7, 0x0dc9 }, { 0x0dcb, 0x0dcd },
	{ 0x0dd5, 0x0dd5 }, { 0x0dd7, 0x0dd7 }, { 0x0de2, 0x0df1 },
	{ 0x0df5, 0x0df9 }, { 0x0dfb, 0x0dff }, { 0x10c6, 0x10c6 },
	{ 0x10c8, 0x10cc }, { 0x10ce, 0x10cf }, { 0x10fb, 0x10fb },
	{ 0x1180, 0x11a7 }, { 0x11c3, 0x11ff },
};

/* the zeros of Unicode's decimal digits (each followed by 1 to 9) */
static const uint32_t espeak_text_zeros[] = {
	0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66,
	0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6, 0x0e50, 0x0ed0, 0x0f20,
	0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
	0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0,
	0xa9f0, 0xaa50, 0xabf0, 0xff10,
};

const char *
espeak_text_char(const char *s, size_t *len, uint32_t *cp, char buf[2])
{
	uint32_t c;
	size_t i;

	/* a byte that is not UTF-8 is nothing: eSpeak NG 1.51 reads past the
	 * end of a text that ends inside a character */
	if ((*len = utf8_decode(s, strnlen(s, UTF8_MAX), &c)) == 0) {
		*len = 1;
		return NULL;
	}
	*cp = c;
	for (i = 0; i < sizeof espeak_text_zeros / sizeof espeak_text_zeros[0]; i++)
		if (c >= espeak_text_zeros[i] && c <= espeak_text_zeros[i] + 9) {
			buf[0] = (char)('0' + (c - espeak_text_zeros[i]));
			buf[1] = '\0';
			return buf;
		}
	for (i = 0; i < sizeof espeak_text_unspeakable / sizeof espeak_text_unspeakable[0]; i++)
		if (c >= espeak_text_unspeakable[i].lo && c <= espeak_text_unspeakable[i].hi)
			return NULL;
	return s;
}

int
espeak_text_alphabet(uint32_t c)
{
	static const struct {
		uint32_t	lo, hi;
	} alphabets[] = {
		{ 0x0370, 0x03ff }, { 0x0530, 0x058f }, { 0x0900, 0x097f },
		{ 0x0980, 0x09ff }, { 0x0a00, 0x0a7f }, { 0x0a80, 0x0aff },
		{ 0x0b80, 0x0bff }, { 0x0c00, 0x0c7f }, { 0x0c80, 0x0cff },
		{ 0x0d00, 0x0d7f }, { 0x0d80, 0x0dff }, { 0x10a0, 0x10ff },
		{ 0x1100, 0x11ff }, { 0xa700, 0xd7ff },	/* both Korean */
	};
	size_t i;

	for (i = 0; i < sizeof alphabets / sizeof alphabets[0]; i++)
		if (c >= alphabets[i].lo && c <= alphabets[i].hi)
			return c >= 0xa700 ? 13 : (int)i + 1;
	return c > 0xffff ? 14 : 0;
}

bool
espeak_text_is_named(uint32_t c)
{
	return (c >= 0xa1 && c <= 0xbf) || c == 0xd7 || c == 0xf7 ||
	    (c >= 0x2000 && c <= 0x2bff) || c > 0xffff;
}

bool
espeak_text_sign_apart(unsigned char c)
{
	switch (c) {
	case '+': case '-': case '*': case '/': case '=': case '<': case '>':
	case '\\': case '|': case '~': case '^': case '_': case '%': case '$':
	case '@':
		return true;
	default:
		return false;
	}
}

/* How long eSpeak NG 1.51 takes to say a piece of text at 165 words per
 * minute, in milliseconds, a little above what was measured (en, de, fr,
 * es, it, pt and nl voices; the bundled scripts, prose, titles, changelog
 * lines, numbers, dates and abbreviations): a letter takes 60-80 ms with
 * the spaces between words; a digit up to 660 ms ("7777" is "seven
 * thousand seven hundred and seventy-seven", "3.14159" is said digit by
 * digit); a sign said as a word ("%", "/", ":", "#", "€") up to 400 ms; a
 * letter that is spelled (a one-letter word, an abbreviation of capitals:
 * "BTS", "U.S.A.") up to 300 ms; each segment some 300 ms of silence
 * around it. So weighted, the estimate came out 1.2 to 2.3 times the real
 * length for every text tried, 1.55 over them all, at rates 80 to 450
 * alike (the length goes as 1 / rate). What eSpeak NG reads by a long name
 * (emoji, pictographs, letters of a script the voice does not know) is
 * counted as a letter and can take longer than estimated: the synth
 * thread cuts off such a clip at CLIP_MAX_SECONDS all the same. */
#define ESPEAK_TEXT_RATE_REF	165
#define ESPEAK_TEXT_MS_LETTER	100
#define ESPEAK_TEXT_MS_SPELLED	250
#define ESPEAK_TEXT_MS_DIGIT	700
#define ESPEAK_TEXT_MS_SIGN	400
#define ESPEAK_TEXT_MS_SEGMENT	500
#define ESPEAK_TEXT_SPELLED_MAX	5	/* capitals: longer is a shouted word */

/* U+2000-U+2BFF (punctuation, currency, arrows, maths, shapes) is said as
 * a word, like the ASCII signs; s is the lead byte of a codepoint */
static bool
espeak_text_said_sign(const unsigned char *s)
{
	if (*s < 0x80)
		return ispunct(*s);
	return s[0] == 0xe2 && s[1] >= 0x80 && s[1] <= 0xaf;
}

/* milliseconds for one word: the bytes from s up to a space or the end */
static unsigned long
espeak_text_word_ms(const unsigned char *s, size_t len)
{
	size_t i, letters = 0;
	bool capitals = true, spelled;
	unsigned long ms = 0;

	for (i = 0; i < len; i++) {
		if (utf8_is_cont(s[i]) || isdigit(s[i]) || espeak_text_said_sign(s + i))
			continue;
		letters++;
		capitals &= s[i] >= 'A' && s[i] <= 'Z';
	}
	spelled = letters == 1 ||
	    (capitals && letters >= 2 && letters <= ESPEAK_TEXT_SPELLED_MAX);
	for (i = 0; i < len; i++) {
		if (utf8_is_cont(s[i]))	/* inside a codepoint */
			continue;
		if (isdigit(s[i]))
			ms += ESPEAK_TEXT_MS_DIGIT;
		else if (espeak_text_said_sign(s + i))
			ms += ESPEAK_TEXT_MS_SIGN;
		else
			ms += spelled ? ESPEAK_TEXT_MS_SPELLED : ESPEAK_TEXT_MS_LETTER;
	}
	return ms;
}

double
espeak_text_seconds(const char *text, int rate)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned long ms = ESPEAK_TEXT_MS_SEGMENT;
	size_t len;

	while (*s != '\0') {
		len = strcspn((const char *)s, " \t\n");
		ms += espeak_text_word_ms(s, len);
		s += len;
		s += *s != '\0';
	}
	return ms / 1000.0 * ESPEAK_TEXT_RATE_REF / (rate > 0 ? rate : 1);
}
