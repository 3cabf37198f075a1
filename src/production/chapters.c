/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chapters: one a playlist entry, in three formats. */
#include "production/chapters.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/textbuf.h"

#define CHAPTERS_YT_GAP		10.0	/* YouTube: seconds between chapters */
#define CHAPTERS_YT_MIN		3	/* and at least this many */

int
chapters_format(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot == NULL)
		return -1;
	if (strcasecmp(dot, ".txt") == 0)
		return CHAPTERS_TXT;
	if (strcasecmp(dot, ".ffmeta") == 0)
		return CHAPTERS_FFMETA;
	if (strcasecmp(dot, ".json") == 0)
		return CHAPTERS_JSON;
	return -1;
}

char *
chapters_title(const struct entry *e)
{
	struct textbuf b = TEXTBUF_INIT;
	size_t i;

	switch (e->kind) {
	case ENTRY_INTRO:
		textbuf_puts(&b, "Intro");
		break;
	case ENTRY_MENTIONS:
		textbuf_puts(&b, "Honorable mentions");
		break;
	default:
		textbuf_printf(&b, "#%d ", e->rank);
		for (i = 0; i < e->ntitles; i++)
			textbuf_printf(&b, "%s%s", i ? " & " : "", e->titles[i].text);
		if (e->credit != NULL)
			textbuf_printf(&b, " \xe2\x80\x94 %s", e->credit);
		break;
	}
	return textbuf_finish(&b);
}

int
chapters_add(struct chapters *ch, double start, const struct entry *e)
{
	struct chapter *v;
	char *title = chapters_title(e);

	if (title == NULL ||
	    (v = realloc(ch->v, (ch->n + 1) * sizeof *v)) == NULL) {
		free(title);
		return -1;
	}
	ch->v = v;
	ch->v[ch->n++] = (struct chapter){ start, title };
	return 0;
}

void
chapters_free(struct chapters *ch)
{
	size_t i;

	for (i = 0; i < ch->n; i++)
		free(ch->v[i].title);
	free(ch->v);
	memset(ch, 0, sizeof *ch);
}

static void
chapters_clock(FILE *fp, double t)
{
	long s = (long)floor(t);

	if (s >= 3600)
		fprintf(fp, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		fprintf(fp, "%ld:%02ld", s / 60, s % 60);
}

/* YouTube: the first at 0:00; one that starts less than 10 s after the
 * one before joins its title to it */
static int
chapters_youtube(const struct chapters *ch, FILE *fp, char *err, size_t errlen)
{
	size_t i, kept = 0;
	double last = 0;

	for (i = 0; i < ch->n; i++)
		if (i == 0 || ch->v[i].start - last >= CHAPTERS_YT_GAP) {
			last = i == 0 ? 0 : ch->v[i].start;
			kept++;
		}
	if (kept < CHAPTERS_YT_MIN) {
		snprintf(err, errlen, "YouTube wants %d chapters at least %g s "
		    "apart: the entries give %zu", CHAPTERS_YT_MIN,
		    CHAPTERS_YT_GAP, kept);
		return -1;
	}
	for (i = 0; i < ch->n; i++) {
		if (i == 0 || ch->v[i].start - last >= CHAPTERS_YT_GAP) {
			last = i == 0 ? 0 : ch->v[i].start;
			if (i > 0)
				fputc('\n', fp);
			chapters_clock(fp, last);
			fputc(' ', fp);
		} else
			fputs(" / ", fp);
		fputs(ch->v[i].title, fp);
	}
	fputc('\n', fp);
	return 0;
}

/* FFmpeg metadata: '=', ';', '#', '\' and newlines take a backslash */
static void
chapters_ffescape(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (strchr("=;#\\\n", *s) != NULL)
			fputc('\\', fp);
		fputc(*s, fp);
	}
}

static void
chapters_ffmeta_chapter(FILE *fp, double start, double end, const char *title)
{
	fprintf(fp, "\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=%.0f\nEND=%.0f\ntitle=",
	    start * 1000, end * 1000);
	chapters_ffescape(fp, title);
	fputc('\n', fp);
}

static void
chapters_ffmeta(const struct chapters *ch, FILE *fp, double length)
{
	size_t i;

	fputs(";FFMETADATA1\n", fp);
	for (i = 0; i < ch->n; i++)
		chapters_ffmeta_chapter(fp, i == 0 ? 0 : ch->v[i].start,
		    i + 1 < ch->n ? ch->v[i + 1].start : length, ch->v[i].title);
}

int
chapters_ffmeta_append(FILE *fp, bool empty, double start, double end,
    const char *title)
{
	if (empty)
		fputs(";FFMETADATA1\n", fp);
	chapters_ffmeta_chapter(fp, start, end, title);
	return ferror(fp) ? -1 : 0;
}

static void
chapters_json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(fp, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(fp, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, fp);
	}
	fputc('"', fp);
}

/* Podcasting 2.0 JSON chapters */
static void
chapters_json(const struct chapters *ch, FILE *fp)
{
	size_t i;

	fputs("{\n  \"version\": \"1.2.0\",\n  \"chapters\": [", fp);
	for (i = 0; i < ch->n; i++) {
		fprintf(fp, "%s\n    { \"startTime\": %.3f, \"title\": ",
		    i ? "," : "", i == 0 ? 0 : ch->v[i].start);
		chapters_json_string(fp, ch->v[i].title);
		fputs(" }", fp);
	}
	fputs("\n  ]\n}\n", fp);
}

int
chapters_write(const struct chapters *ch, FILE *fp, enum chapters_format fmt,
    double length, char *err, size_t errlen)
{
	switch (fmt) {
	case CHAPTERS_TXT:
		if (chapters_youtube(ch, fp, err, errlen) == -1)
			return -1;
		break;
	case CHAPTERS_FFMETA:
		chapters_ffmeta(ch, fp, length);
		break;
	case CHAPTERS_JSON:
		chapters_json(ch, fp);
		break;
	}
	if (ferror(fp)) {
		snprintf(err, errlen, "write error");
		return -1;
	}
	return 0;
}
