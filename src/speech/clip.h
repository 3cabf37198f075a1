/* SPDX-License-Identifier: GPL-3.0-or-later */
/* clip: a synthesized entry, s16 mono PCM with word and sentence marks. */
#ifndef CLIP_H
#define CLIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/narrate.h"

#define CLIP_RATE 22050		/* eSpeak NG's own output rate */

/* MARK_END: where a segment's sound ends, before its pause */
enum clip_mark_kind { MARK_WORD, MARK_SENTENCE, MARK_END };

struct clip_mark {
	size_t			sample;	/* offset of the mark in pcm */
	enum clip_mark_kind	kind;
	size_t			seg;	/* the narration's segment it is in */
	size_t			at;	/* byte offset of the word in its text */
};

struct clip {
	size_t			 index;		/* playlist entry it speaks */
	unsigned		 rate;
	int16_t			*pcm;
	size_t			 nsamples, cap;
	struct clip_mark	*marks;
	size_t			 nmarks, markcap;
	bool			 cut;		/* passed CLIP_MAX_SECONDS while being
						 * made: stopped, its sound dropped */
	bool			 failed;	/* the speech worker failed on it
						 * (tts.h): no sound */
	struct narration	 narration;	/* what it says, the text its marks
						 * point into: made once for the
						 * voice, kept for the captions */
};

struct clip	*clip_new(size_t index, unsigned rate);
void		 clip_free(struct clip *c);
int		 clip_append(struct clip *c, const int16_t *pcm, size_t n);
int		 clip_append_silence(struct clip *c, double seconds);
int		 clip_add_mark(struct clip *c, size_t sample, enum clip_mark_kind kind);
/* a mark that says where in the narration it is */
int		 clip_add_text_mark(struct clip *c, size_t sample,
		    enum clip_mark_kind kind, size_t seg, size_t at);
double		 clip_seconds(const struct clip *c);
/* Drop the sound and the marks (a clip that cannot be played whole),
 * keeping which entry it is and its narration. */
void		 clip_empty(struct clip *c);
/* Drop the near-silence a synthesizer puts before the first word, keeping
 * a few milliseconds of it, so sound follows a play at once. */
void		 clip_trim_lead(struct clip *c);
/* Convert to another rate (libsamplerate); marks are moved along. */
int		 clip_resample(struct clip *c, unsigned rate);

#endif
