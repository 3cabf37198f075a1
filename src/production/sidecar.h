/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sidecar: the file output's captions (audio.captions, WebVTT or SubRip)
 * and chapters (audio.chapters, an FFmpeg metadata file), beside the audio
 * file, appended as each entry ends, so that a recorded session can be
 * published as a render is. Times count from the start of the audio file,
 * what earlier runs left in it included; an entry that starts an empty
 * audio file starts them afresh. Main thread: plain file I/O. */
#ifndef SIDECAR_H
#define SIDECAR_H

#include <stddef.h>

#include "core/conf.h"
#include "speech/clip.h"
#include "text/script.h"

/* Entry e has played clip whole, from frame start of the audio file on;
 * the captions are its narration's (clip.narration). Failures are logged:
 * the audio goes on. */
void	sidecar_entry(const struct conf *c, const struct entry *e,
	    const struct clip *clip, size_t start);

#endif
