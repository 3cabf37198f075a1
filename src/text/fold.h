/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fold: text folded for matching words the way a reader matches them, so
 * that the script's phrases, joining words and closing quotes are found
 * however they are written: lowercase, Latin letters without their
 * accents, the apostrophes as ', the spaces (no-break, thin) as ' '; and
 * the words and phrases matched under that folding. The script's grammar
 * (script.c) asks here. The text s is n bytes, not NUL-terminated; a word
 * w or a phrase ph is a string. Pure. */
#ifndef FOLD_H
#define FOLD_H

#include <stddef.h>

/* An ASCII space or a control character: control characters count as
 * space, as a tab inside a title must not reach the tab-separated --list
 * output, nor an escape the voice. */
int	 fold_space(char c);

/* The length of the space at s: an ASCII space or control character, or a
 * no-break, thin or narrow no-break space (French puts those inside « »
 * and before ':'); 0 when there is none. */
size_t	 fold_space_len(const char *s, size_t n);

/* The same for the space that ends s. */
size_t	 fold_space_end(const char *s, size_t n);

/* The character at s (n > 0 bytes) folded for matching words: lowercase,
 * Latin letters without their accents, ’ as ', any space as ' '; *len is
 * its length. A byte that is not UTF-8 (a phrase from the configuration
 * may hold one) stands for itself, apart from every character. */
long	 fold_char(const char *s, size_t n, size_t *len);

/* A folded letter or digit: any character outside ASCII and the blocks
 * of punctuation counts, as most of them are letters. */
int	 fold_letter(long c);

/* Past the letters from i on: the end of the word i is in. */
size_t	 fold_word_end(const char *s, size_t n, size_t i);

/* The length of the word w at s, whole ("und", not "undo"), 0 if not. */
size_t	 fold_word(const char *s, size_t n, const char *w);

/* Does the phrase start s, each of its words the start of a word there
 * ("mention honorable" finds "Mentions honorables"), in order, apart by
 * spaces? The end of the match (the last word's rest included), or 0. */
size_t	 fold_phrase(const char *s, size_t n, const char *ph);

#endif
