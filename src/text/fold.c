/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fold: characters folded for matching words, and the words and phrases
 * matched so; fold.h says what folds to what. Pure. */
#include "text/fold.h"

#include <stdint.h>
#include <string.h>

#include "util/utf8.h"

/* Latin letters U+00C0..U+017F without their accents, lowercase; '.'
 * where there is no one letter to fold to (Æ, ß, Œ, ×, ÷). */
static const char fold_latin[] =
    "aaaaaa.ceeeeiiiidnooooo.ouuuuy..aaaaaa.ceeeeiiiidnooooo.ouuuuy.y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkkllllllllll"
    "nnnnnnnnnoooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
_Static_assert(sizeof(fold_latin) == 0x180 - 0xc0 + 1, "U+00C0..U+017F");

int
fold_space(char c)
{
	return (unsigned char)c <= ' ' || c == 0x7f;
}

size_t
fold_space_len(const char *s, size_t n)
{
	if (n >= 1 && fold_space(s[0]))
		return 1;
	if (n >= 2 && memcmp(s, "\u00a0", 2) == 0)
		return 2;
	if (n >= 3 && (memcmp(s, "\u2009", 3) == 0 ||
	    memcmp(s, "\u202f", 3) == 0))
		return 3;
	return 0;
}

size_t
fold_space_end(const char *s, size_t n)
{
	if (n >= 1 && fold_space(s[n - 1]))
		return 1;
	if (n >= 2 && memcmp(s + n - 2, "\u00a0", 2) == 0)
		return 2;
	if (n >= 3 && (memcmp(s + n - 3, "\u2009", 3) == 0 ||
	    memcmp(s + n - 3, "\u202f", 3) == 0))
		return 3;
	return 0;
}

long
fold_char(const char *s, size_t n, size_t *len)
{
	uint32_t cp;
	long c;

	if ((*len = fold_space_len(s, n)) > 0)
		return ' ';
	if ((*len = utf8_decode(s, n, &cp)) == 0) {
		*len = 1;
		return 0x110000L + (unsigned char)s[0];
	}
	c = cp;
	if (c >= 'A' && c <= 'Z')
		return c + ('a' - 'A');
	if (c >= 0xc0 && c <= 0x17f && fold_latin[c - 0xc0] != '.')
		return fold_latin[c - 0xc0];
	if (c == 0x2018 || c == 0x2019 || c == 0x02bc)
		return '\'';
	return c;
}

int
fold_letter(long c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	return c >= 0xc0 && c != 0xd7 && c != 0xf7 && c < 0x110000L &&
	    !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f);
}

size_t
fold_word_end(const char *s, size_t n, size_t i)
{
	size_t a;

	while (i < n && fold_letter(fold_char(s + i, n - i, &a)))
		i += a;
	return i;
}

/* How many bytes of s match all wl bytes of w, folded; 0 when they do
 * not. */
static size_t
fold_prefix(const char *s, size_t n, const char *w, size_t wl)
{
	size_t i = 0, j = 0, a, b;

	while (j < wl) {
		if (i == n || fold_char(s + i, n - i, &a) !=
		    fold_char(w + j, wl - j, &b))
			return 0;
		i += a;
		j += b;
	}
	return i;
}

size_t
fold_word(const char *s, size_t n, const char *w)
{
	size_t m = fold_prefix(s, n, w, strlen(w));

	return m > 0 && fold_word_end(s, n, m) == m ? m : 0;
}

size_t
fold_phrase(const char *s, size_t n, const char *ph)
{
	size_t i = 0, j = 0, pl = strlen(ph), w, m, a;

	for (;;) {
		while (j < pl && (a = fold_space_len(ph + j, pl - j)) > 0)
			j += a;
		if (j == pl)
			return i;
		if (i > 0) {	/* words apart by spaces */
			if (i == n || fold_space_len(s + i, n - i) == 0)
				return 0;
			while (i < n && (a = fold_space_len(s + i, n - i)) > 0)
				i += a;
		}
		for (w = j; w < pl && fold_space_len(ph + w, pl - w) == 0; w++)
			;
		if ((m = fold_prefix(s + i, n - i, ph + j, w - j)) == 0)
			return 0;
		i = fold_word_end(s, n, i + m);
		j = w;
	}
}
