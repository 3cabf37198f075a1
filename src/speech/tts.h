/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tts: speech, made by eSpeak NG in a worker process of its own
 * (countdownd-speech), so that no text can take the daemon down. A thread
 * of the daemon's, the keeper, feeds the worker; the main thread hands it
 * one job at a time and is woken by an eventfd when the clip is ready.
 * When the worker crashes, hangs (TTS_HANG_MS without a frame while it
 * speaks) or sends what the protocol does not allow, the keeper logs it
 * with the entry, starts another worker and tries again; a clip that fails
 * TTS_TRIES times comes back empty with failed set. */
#ifndef TTS_H
#define TTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/conf.h"
#include "speech/clip.h"
#include "text/narrate.h"

/* HELLO, the voice list, at most (eSpeak NG 1.51's is 14 kB) */
#define TTS_HELLO_MAX	(1u << 20)
/* word marks in one clip at most: more is garbage (300 s of speech has
 * about 1,500 words) */
#define TTS_MARKS_MAX	1000000

struct tts;

struct tts_job {
	size_t			 index;		/* playlist entry, copied to the clip */
	struct narration	 narration;	/* owned by the job, then by its
						 * clip (clip.narration) */
	struct conf_voice	 voice;		/* strings owned by the job */
	char			*announcer;	/* announcer voice, NULL: voice.name */
	char			*label;		/* "12/12: #1 \"Bad\"", for the log */
};

/* Start the worker and its keeper; the worker's voice list is read before
 * this returns. NULL (with a logged reason) when the worker cannot start. */
struct tts	*tts_start(void);
void		 tts_stop(struct tts *t);
/* readable when a clip is ready for tts_collect */
int		 tts_fd(const struct tts *t);
/* Hand over a job (the tts owns it from now on). A job not yet started, or
 * one being synthesized, is dropped in favour of the new one. */
void		 tts_submit(struct tts *t, struct tts_job *job);
/* The finished clip, or NULL when none is ready (drains the eventfd). It
 * holds the job's narration, which its marks point into (the captions'). A
 * clip that passed CLIP_MAX_SECONDS comes with cut set and no sound; one
 * the worker failed on TTS_TRIES times with failed set and no sound. */
struct clip	*tts_collect(struct tts *t);
/* Does eSpeak NG know this voice ("name" or "name+variant", the name a
 * voice's, its file's or a language's)? Answers from the list read at
 * start, so any thread may ask; what it accepts is what the worker is
 * asked to speak with. */
bool		 tts_voice_exists(const char *name, void *t);
void		 tts_list_voices(const struct tts *t, FILE *fp);

/* a job for entry index, from the config; label names the entry in the
 * log. NULL when out of memory */
struct tts_job	*tts_job_new(size_t index, struct narration *n, const struct conf *c,
		    const char *label);
void		 tts_job_free(struct tts_job *job);

#endif
