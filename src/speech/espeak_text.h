/* SPDX-License-Identifier: GPL-3.0-or-later */
/* espeak_text: the text eSpeak NG 1.51 can be given. The synthesizer's own
 * bugs (what it crashes on, frees its translator on or reads memory it
 * never wrote on) and its timing model (how long it takes to say a text),
 * beside the speech engine rather than inside the narration: narrate.c asks
 * here, character by character, what to write for the voice, and for the
 * estimate it refuses an entry too long to play by. Pure: the daemon's,
 * not the speech worker's, which is given the text already clean. */
#ifndef ESPEAK_TEXT_H
#define ESPEAK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What eSpeak NG is given for the character at s (not ASCII; a string):
 * its length in *len, its code point in *cp, and the text to say: buf (a
 * decimal digit of any script as its ASCII digit, "\u09e9" is "3"), s
 * itself (*len bytes), or NULL for nothing: a byte that is not UTF-8 (*len
 * is 1, *cp untouched) and the characters it frees its translator on. */
const char *espeak_text_char(const char *s, size_t *len, uint32_t *cp,
	    char buf[2]);
/* The alphabet eSpeak NG speaks c in, a language of its own, numbered from
 * 1 (its tr_languages.c alphabets[] that have a language); 0 for any other
 * character. A word that mixes one of them with anything else is spelled
 * in that language, which frees its translator while using it when a
 * character is not its own ("1'\u0538", found by fuzz_espeak): such a word
 * must be said as two. So must a character beyond U+FFFF (an emoji) glued
 * to anything: the ko voice frees memory it then reads on "(\U0001f3b5". */
int	 espeak_text_alphabet(uint32_t c);
/* Is c read by its name ("\u00a9" is "copyright", an emoji its CLDR name):
 * Latin-1's signs, U+2000-U+2BFF, and what lies past the BMP? Punctuation
 * after it must stand apart, a dot there as a comma: eSpeak NG says "dot"
 * before a word in lower case, and in the hi voice reads freed memory on a
 * sign glued to punctuation ("2 \u00a9. quoted", "a +: b"). */
bool	 espeak_text_is_named(uint32_t c);
/* Is c an ASCII sign eSpeak NG says as a word ('+' is "plus")? It reads
 * memory it never wrote (or freed) on some runs of them glued to each
 * other or to a word ("ab+-+" in the hi voice, found by fuzz_espeak): each
 * must stand apart, a word of its own. */
bool	 espeak_text_sign_apart(unsigned char c);
/* How long eSpeak NG takes to say text (one segment, the silence around it
 * included) at rate words per minute, in seconds: an estimate from above
 * for ordinary text, from the text alone (espeak_text.c has the weights
 * and how they were measured). */
double	 espeak_text_seconds(const char *text, int rate);

#endif
