/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tts_voice: eSpeak NG's voices as the speech worker lists them (its
 * HELLO), and the one rule that turns a voice name from the configuration
 * into what the worker is asked to select: what `-n` accepts is what
 * plays. */
#ifndef TTS_VOICE_H
#define TTS_VOICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct tts_voice {
	char	*name;		/* "English_(America)" */
	char	*ident;		/* "gmw/en-US" */
	char	*langs;		/* "2en-us 3en": priority, then language */
	bool	 variant;
};

struct tts_voices {
	struct tts_voice	*v;
	size_t			 n;
};

/* HELLO's voices (each a flag byte and three NUL-ended strings) appended;
 * false on garbage or without memory */
bool	tts_voices_read(struct tts_voices *vs, const char *p, size_t len);
/* "en-gb+f3" as eSpeak NG's files name it ("gmw/en+f3"): eSpeak NG 1.51
 * takes a variant only after a voice's file name, and a language code
 * there selects its default voice without the variant. false when name
 * (its voice or its variant) is not one of vs. */
bool	tts_voices_resolve(const struct tts_voices *vs, const char *name,
	    char *buf, size_t len);
/* --list-voices */
void	tts_voices_list(const struct tts_voices *vs, FILE *fp);
void	tts_voices_free(struct tts_voices *vs);

#endif
