/* tts: eSpeak NG behind one thread. libespeak-ng keeps global state and is
 * not thread-safe, so only the synth thread started here ever calls it. The
 * main thread hands it one job at a time and is woken by an eventfd when the
 * clip is ready. */
#ifndef TTS_H
#define TTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "clip.h"
#include "conf.h"
#include "narrate.h"

struct tts;

struct tts_job {
	size_t			 index;		/* playlist entry, copied to the clip */
	struct narration	 narration;	/* owned by the job */
	struct conf_voice	 voice;		/* strings owned by the job */
	char			*announcer;	/* announcer voice, NULL: voice.name */
};

/* Start the synth thread; it initializes eSpeak NG and reads its voice list
 * before this returns. NULL (with a logged reason) when eSpeak NG fails. */
struct tts	*tts_start(void);
void		 tts_stop(struct tts *t);
/* readable when a clip is ready for tts_collect */
int		 tts_fd(const struct tts *t);
/* Hand over a job (the tts owns it from now on). A job not yet started, or
 * one being synthesized, is dropped in favour of the new one. */
void		 tts_submit(struct tts *t, struct tts_job *job);
/* The finished clip, or NULL when none is ready (drains the eventfd). A
 * clip that passed CLIP_MAX_SECONDS comes with cut set and no sound. */
struct clip	*tts_collect(struct tts *t);
/* Does eSpeak NG know this voice ("name" or "name+variant")? Answers from
 * the list read at start, so any thread may ask. */
bool		 tts_voice_exists(const char *name, void *t);
void		 tts_list_voices(const struct tts *t, FILE *fp);

/* a job for entry index, from the config; NULL when out of memory */
struct tts_job	*tts_job_new(size_t index, struct narration *n, const struct conf *c);
void		 tts_job_free(struct tts_job *job);

#endif
