/* SPDX-License-Identifier: GPL-3.0-or-later */
/* utf8: UTF-8 checked by the table of well-formed sequences of Unicode's
 * chapter 3 (table 3-7): the second byte's range depends on the first, which
 * is what refuses overlong forms, surrogates and code points past U+10FFFF
 * without decoding first. */
#include "util/utf8.h"

size_t
utf8_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	len = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if (n < len)
		return 0;
	if (p[0] == 0xe0)		/* overlong below U+0800 */
		lo = 0xa0;
	else if (p[0] == 0xed)		/* U+D800..U+DFFF, the surrogates */
		hi = 0x9f;
	else if (p[0] == 0xf0)		/* overlong below U+10000 */
		lo = 0x90;
	else if (p[0] == 0xf4)		/* past U+10FFFF */
		hi = 0x8f;
	for (i = 1; i < len; i++) {
		if (p[i] < lo || p[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
	}
	return len;
}

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = utf8_len(s, n), i;
	uint32_t c;

	if (len == 0)
		return 0;
	/* the lead byte keeps 7, 5, 4 or 3 bits */
	c = len == 1 ? p[0] : p[0] & (0x7fu >> len);
	for (i = 1; i < len; i++)
		c = c << 6 | (p[i] & 0x3f);
	*cp = c;
	return len;
}

size_t
utf8_skip(const char *s, size_t n, size_t count)
{
	size_t i = 0;

	for (; count > 0 && i < n && s[i] != '\0'; count--)
		for (i++; i < n && utf8_is_cont((unsigned char)s[i]); i++)
			;
	return i;
}

size_t
utf8_back(const char *s, size_t i)
{
	size_t j = i - 1;

	while (j > 0 && i - j < UTF8_MAX && utf8_is_cont((unsigned char)s[j]))
		j--;
	return j;
}

size_t
utf8_cut(const char *s, size_t n)
{
	while (n > 0 && utf8_is_cont((unsigned char)s[n]))
		n--;
	return n;
}

size_t
utf8_chars(const char *s, size_t n)
{
	size_t i, chars = 0;

	for (i = 0; i < n; i++)
		chars += !utf8_is_cont((unsigned char)s[i]);
	return chars;
}
