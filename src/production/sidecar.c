/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sidecar: captions and chapters appended entry by entry, through
 * captions.c and chapters.c. */
#include "production/sidecar.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "production/captions.h"
#include "production/chapters.h"
#include "util/log.h"

/* path opened for appending, or truncated when the audio file starts
 * anew; *cues: the cues already in it (the next one's number less one),
 * *empty: nothing is in it yet */
static FILE *
sidecar_open(const char *path, bool fresh, size_t *cues, bool *empty)
{
	char line[512];
	FILE *fp;

	if ((fp = fopen(path, fresh ? "w+" : "a+")) == NULL) {
		log_warn("audio: %s", path);
		return NULL;
	}
	*cues = 0;
	*empty = true;
	/* a+ reads from the start and writes at the end */
	rewind(fp);
	while (fgets(line, sizeof line, fp) != NULL) {
		*empty = false;
		*cues += strstr(line, " --> ") != NULL;
	}
	return fp;
}

static void
sidecar_close(FILE *fp, const char *path, int rc)
{
	if (fclose(fp) != 0 || rc == -1)
		log_warn("audio: %s", path);
}

static void
sidecar_captions(const char *path, const struct clip *clip, size_t start)
{
	enum captions_format fmt = captions_format(path);
	struct captions c;
	size_t num;
	bool empty;
	FILE *fp;
	int rc;

	if ((fp = sidecar_open(path, start == 0, &num, &empty)) == NULL)
		return;
	num++;
	if (empty && fmt == CAPTIONS_VTT)
		fputs("WEBVTT\n\n", fp);
	captions_init(&c, clip->rate);
	rc = captions_add(&c, clip, start);
	if (rc == 0)
		rc = captions_write_cues(&c, fp, fmt, 0, SIZE_MAX, &num);
	captions_free(&c);
	sidecar_close(fp, path, rc);
}

static void
sidecar_chapters(const char *path, const struct entry *e,
    const struct clip *clip, size_t start)
{
	char *title = chapters_title(e);
	size_t cues;
	bool empty;
	FILE *fp;
	int rc = -1;

	if (title == NULL)
		return;
	if ((fp = sidecar_open(path, start == 0, &cues, &empty)) != NULL) {
		rc = chapters_ffmeta_append(fp, empty, (double)start / clip->rate,
		    (double)(start + clip->nsamples) / clip->rate, title);
		sidecar_close(fp, path, rc);
	}
	free(title);
}

void
sidecar_entry(const struct conf *c, const struct entry *e,
    const struct clip *clip, size_t start)
{
	if (c->audio.captions != NULL && clip->narration.nsegs > 0)
		sidecar_captions(c->audio.captions, clip, start);
	if (c->audio.chapters != NULL)
		sidecar_chapters(c->audio.chapters, e, clip, start);
}
