/* SPDX-License-Identifier: GPL-3.0-or-later */
/* utf8: the one place that knows how UTF-8 is encoded (RFC 3629): which
 * sequences are valid, the code point one holds, and stepping over, back
 * to, counting and cutting between whole characters. Everything else that
 * walks text by characters asks here. */
#ifndef UTF8_H
#define UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* the longest sequence */
#define UTF8_MAX	4

/* A byte that continues a character: never the start of one. Inline: the
 * callers ask it of every byte of a text. */
static inline bool
utf8_is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* The length of the sequence at s (n > 0 bytes left), or 0 when it is not
 * valid: a stray continuation byte, an overlong form, a surrogate, a code
 * point above U+10FFFF, or a sequence cut short by the end. */
size_t	 utf8_len(const char *s, size_t n);
/* The same, and the code point it holds in *cp (untouched when 0). */
size_t	 utf8_decode(const char *s, size_t n, uint32_t *cp);
/* The offset past count characters of s (n bytes), at most n and never
 * past a NUL (n may be SIZE_MAX for a string). A character here is a byte
 * and the continuation bytes after it, valid or not, so that it counts
 * what a reader counts in valid text and never stalls. */
size_t	 utf8_skip(const char *s, size_t n, size_t count);
/* Where the character that ends just before s[i] (i > 0) starts: back over
 * at most UTF8_MAX - 1 continuation bytes, never before s. */
size_t	 utf8_back(const char *s, size_t i);
/* How many of the first n bytes of s make whole characters: n, or less
 * when s[n] (s holds more than n bytes) continues a character. */
size_t	 utf8_cut(const char *s, size_t n);
/* The characters in n bytes of s: the bytes that start one. */
size_t	 utf8_chars(const char *s, size_t n);

#endif
