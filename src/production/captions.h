/* SPDX-License-Identifier: GPL-3.0-or-later */
/* captions: the words of a render, as a reader should see them, timed by
 * the synthesizer's word marks; written as WebVTT or SubRip cues of at
 * most two lines of at most 42 characters, split at sentences, then
 * clauses, then words. */
#ifndef CAPTIONS_H
#define CAPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "speech/clip.h"

enum captions_format { CAPTIONS_VTT, CAPTIONS_SRT };

struct captions_word {
	size_t	 start;		/* sample it is heard at */
	char	*text;		/* as written, punctuation and quotes kept */
	bool	 sentence_end;	/* a sentence (or a segment) ends with it */
	size_t	 end;		/* sentence_end: when its sound ends */
};

struct captions {
	struct captions_word	*w;
	size_t			 n, cap;
	unsigned		 rate;
};

/* by the extension (.vtt, .srt), or -1 */
int	captions_format(const char *path);
void	captions_init(struct captions *c, unsigned rate);
/* The words of clip's narration (clip.narration, the one it was made
 * from), timed by its marks (at c's rate), the clip starting at sample
 * offset. 0, or -1 when out of memory. */
int	captions_add(struct captions *c, const struct clip *clip,
	    size_t offset);
/* the cues of the words heard in [from, to), timed from from; 0 or -1 */
int	captions_write(const struct captions *c, FILE *fp,
	    enum captions_format fmt, size_t from, size_t to);
/* The same cues without the file's header, numbered from *num on, which
 * is left at the next number: what appending to a file takes. */
int	captions_write_cues(const struct captions *c, FILE *fp,
	    enum captions_format fmt, size_t from, size_t to, size_t *num);
void	captions_free(struct captions *c);

#endif
