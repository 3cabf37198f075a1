/* SPDX-License-Identifier: GPL-3.0-or-later */
/* speech_espeak: libespeak-ng, in the speech worker only (and the fuzz
 * harness that learns what the library cannot take). Nothing here knows
 * about sockets: what eSpeak NG makes goes to a struct speech_out. */
#ifndef SPEECH_ESPEAK_H
#define SPEECH_ESPEAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "speech/speech_proto.h"
#include "util/textbuf.h"

struct speech_out {
	/* 0 goes on, -1 stops the segment (SPEECH_FAILED) */
	int	(*audio)(void *arg, const int16_t *pcm, size_t n);
	int	(*mark)(void *arg, const struct speech_mark *m);
	/* asked between chunks: true stops it (SPEECH_CANCELLED) */
	bool	(*cancelled)(void *arg);
	void	 *arg;
};

/* eSpeak NG for synchronous output: its sample rate, or -1. Its probe of
 * a sound server (libpcaudio, at initialisation) writes nothing to
 * stderr. */
int	speech_espeak_init(void);
/* the voices and variants, as SPEECH_HELLO carries them */
void	speech_espeak_voices(struct textbuf *b);
/* Speak text in voice ("identifier" or "identifier+variant") with p. */
enum speech_status speech_espeak_say(const char *voice,
	    const struct speech_say *p, const char *text,
	    const struct speech_out *out);
void	speech_espeak_end(void);

#endif
