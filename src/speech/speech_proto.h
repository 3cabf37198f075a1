/* SPDX-License-Identifier: GPL-3.0-or-later */
/* speech_proto: what the daemon (tts.c) and its speech worker (speech.c)
 * say to each other over one stream socket. Every message is a frame: a
 * header (type, payload length) and the payload. The worker is not
 * trusted: the daemon checks every frame it reads (speech_frame_valid) and
 * treats anything else as garbage, a fault of the worker.
 *
 *   worker -> daemon  HELLO once, when eSpeak NG is ready
 *   daemon -> worker  SAY: one segment of text in one voice
 *   worker -> daemon  AUDIO and MARK frames as eSpeak NG makes them, then
 *                     DONE; a CANCEL from the daemon ends the SAY early */
#ifndef SPEECH_PROTO_H
#define SPEECH_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* bumped when a frame changes: a daemon and a worker of two builds refuse
 * each other rather than misread */
#define SPEECH_VERSION		1
/* the worker's end of its socket */
#define SPEECH_FD		3
/* the most a frame may carry (a segment's text, the voice list) */
#define SPEECH_FRAME_MAX	(8u << 20)
/* samples in one AUDIO frame, and marks in one MARK frame, at most */
#define SPEECH_AUDIO_MAX	16384
#define SPEECH_MARKS_MAX	256

enum speech_type {
	SPEECH_HELLO = 1,	/* u32 version, u32 rate, then the voices:
				 * each u8 variant, name, identifier,
				 * languages ("2en-gb 3en": priority digit
				 * before each), NUL-terminated */
	SPEECH_SAY,		/* struct speech_say, voice, text (NUL-ended) */
	SPEECH_CANCEL,		/* empty */
	SPEECH_AUDIO,		/* int16 samples */
	SPEECH_MARK,		/* struct speech_mark, one or more */
	SPEECH_DONE,		/* u32 enum speech_status */
};

enum speech_status {
	SPEECH_OK,
	SPEECH_CANCELLED,
	SPEECH_NO_VOICE,	/* eSpeak NG could not select the voice */
	SPEECH_FAILED,		/* espeak_Synth refused the text */
};

struct speech_frame {
	uint32_t	type;
	uint32_t	len;
};

struct speech_say {
	int32_t		rate, pitch, range, volume;
};

enum speech_mark_kind { SPEECH_MARK_WORD, SPEECH_MARK_SENTENCE };

struct speech_mark {
	uint32_t	kind;
	uint32_t	text_position;	/* eSpeak NG's: characters, from 1 */
	uint64_t	sample;		/* from the start of the SAY */
};

/* Write one frame whole (blocking): 0, or -1 with errno. */
int	speech_send(int fd, uint32_t type, const void *a, size_t alen,
	    const void *b, size_t blen);
/* Is this header one the reader should take (known type, a length that
 * type may have)? */
bool	speech_frame_valid(const struct speech_frame *f);

#endif
