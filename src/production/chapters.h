/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chapters: where each entry starts, as YouTube description chapters
 * (.txt), an FFmpeg metadata file (.ffmeta) or Podcasting 2.0 JSON
 * chapters (.json). */
#ifndef CHAPTERS_H
#define CHAPTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "text/script.h"

enum chapters_format { CHAPTERS_TXT, CHAPTERS_FFMETA, CHAPTERS_JSON };

struct chapter {
	double	 start;		/* seconds */
	char	*title;
};

struct chapters {
	struct chapter	*v;
	size_t		 n;
};

/* by the extension, or -1 */
int	chapters_format(const char *path);
/* "Intro", "#10 You and I — Park Bom", "Honorable mentions" */
char	*chapters_title(const struct entry *e);
/* 0, or -1 when out of memory */
int	chapters_add(struct chapters *ch, double start, const struct entry *e);
/* Write them; the audio lasts length seconds. 0, or -1 with the reason in
 * err (YouTube wants three chapters at least 10 s apart: closer ones are
 * merged, and too few left is an error). */
int	chapters_write(const struct chapters *ch, FILE *fp,
	    enum chapters_format fmt, double length, char *err, size_t errlen);
/* One chapter added to the end of an FFmpeg metadata file, the header
 * first when the file is empty (the other formats cannot grow by
 * appending: YouTube's merge and JSON's closing brackets). 0 or -1. */
int	chapters_ffmeta_append(FILE *fp, bool empty, double start, double end,
	    const char *title);
void	chapters_free(struct chapters *ch);

#endif
