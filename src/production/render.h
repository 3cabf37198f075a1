/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render: the whole countdown into an audio file (--render), with its
 * loudness set, captions, chapters and one file per entry if asked. What
 * it writes appears whole or not at all: each file is made under a
 * temporary name beside it and renamed at the end; a failure, SIGINT,
 * SIGTERM or SIGHUP leaves nothing behind. */
#ifndef RENDER_H
#define RENDER_H

#include <signal.h>
#include <stdbool.h>

#include "core/conf.h"
#include "speech/tts.h"
#include "text/lexicon.h"
#include "text/script.h"

struct render_opts {
	const char	*out;		/* .wav .flac .ogg .opus .mp3, "-": WAV on stdout */
	const char	*captions;	/* .vtt .srt, or NULL */
	const char	*chapters;	/* .txt .ffmeta .json, or NULL */
	const char	*split;		/* a folder for one file an entry, or NULL */
	unsigned	 rate;		/* Hz, 0: the format's default */
	bool		 loudness_off;	/* keep eSpeak NG's level */
};

/* Check the options that need no synthesis: 0, or EX_USAGE with a logged
 * reason. */
int	render_check(const struct render_opts *o);
/* stop: signals the caller blocked, which end the render. Returns 0 or a
 * sysexits code (128 + the signal when one stopped it). */
int	render_run(const struct render_opts *o, struct tts *tts,
	    const struct script *s, const struct conf *c,
	    const struct lexicon *lx, const sigset_t *stop);

#endif
