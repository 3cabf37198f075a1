/* SPDX-License-Identifier: GPL-3.0-or-later */
/* captions: words timed, then cut into cues. */
#include "production/captions.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/utf8.h"

#define CAPTIONS_LINE	42	/* characters a line */
#define CAPTIONS_MIN_MS	1000	/* no shorter cue unless its sentence is */

int
captions_format(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot != NULL && strcasecmp(dot, ".vtt") == 0)
		return CAPTIONS_VTT;
	if (dot != NULL && strcasecmp(dot, ".srt") == 0)
		return CAPTIONS_SRT;
	return -1;
}

void
captions_init(struct captions *c, unsigned rate)
{
	memset(c, 0, sizeof *c);
	c->rate = rate;
}

void
captions_free(struct captions *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->w[i].text);
	free(c->w);
	memset(c, 0, sizeof *c);
}

static struct captions_word *
captions_push(struct captions *c, const char *text, size_t len)
{
	struct captions_word *w;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;

		if ((w = realloc(c->w, cap * sizeof *w)) == NULL)
			return NULL;
		c->w = w;
		c->cap = cap;
	}
	w = &c->w[c->n];
	memset(w, 0, sizeof *w);
	w->start = SIZE_MAX;
	if ((w->text = strndup(text, len)) == NULL)
		return NULL;
	c->n++;
	return w;
}

/* Does the word end a sentence? "Bom." and "\"Haru.\"" do. */
static bool
captions_ends_sentence(const char *w)
{
	size_t n = strlen(w);

	while (n > 0 && strchr("\"')]\xbb\x9d\x99", w[n - 1]) != NULL)
		n--;
	return n > 0 && strchr(".!?", w[n - 1]) != NULL;
}

/* the word of display (first..last) that the byte at off belongs to */
static size_t
captions_word_at(size_t first, size_t last, const size_t *starts, size_t off)
{
	size_t k;

	for (k = first; k + 1 < last && starts[k - first + 1] <= off; k++)
		;
	return k;
}

/* Words no mark fell in get a time between their neighbours', by their
 * place in the text: the sound of "J Y J" is spread over its letters. */
static void
captions_interpolate(struct captions *c, size_t first, size_t last,
    const size_t *starts, size_t seg_start, size_t seg_end)
{
	size_t k, a, b, ta, tb, sa, sb;

	for (k = first; k < last; k++) {
		if (c->w[k].start != SIZE_MAX)
			continue;
		a = k;		/* [a, b) have no time */
		for (b = k; b < last && c->w[b].start == SIZE_MAX; b++)
			;
		ta = a > first ? c->w[a - 1].start : seg_start;
		tb = b < last ? c->w[b].start : seg_end;
		sa = a > first ? starts[a - 1 - first] : 0;
		sb = b < last ? starts[b - first] : starts[last - first];
		if (tb < ta)
			tb = ta;
		for (; k < b; k++)
			c->w[k].start = ta + (sb > sa ? (tb - ta) *
			    (starts[k - first] - sa) / (sb - sa) : 0);
		k--;
	}
	for (k = first + 1; k < last; k++)	/* never backwards */
		if (c->w[k].start < c->w[k - 1].start)
			c->w[k].start = c->w[k - 1].start;
}

static int
captions_add_segment(struct captions *c, const struct segment *seg, size_t si,
    const struct clip *clip, size_t offset, size_t *seg_start)
{
	const char *d = seg->display;
	size_t first = c->n, last, i, k, end = SIZE_MAX, tlen = strlen(seg->text);
	size_t *starts;
	struct captions_word *w;

	for (i = 0; d[i] != '\0';) {
		size_t n = strcspn(d + i, " ");

		if (n > 0 && captions_push(c, d + i, n) == NULL)
			return -1;
		i += n;
		i += strspn(d + i, " ");
	}
	last = c->n;
	if (last == first)
		return 0;
	/* starts[k - first]: byte offset of word k in display; one more: its end */
	if ((starts = malloc((last - first + 1) * sizeof *starts)) == NULL)
		return -1;
	for (i = 0, k = first; d[i] != '\0'; k++) {
		i += strspn(d + i, " ");
		starts[k - first] = i;
		i += strcspn(d + i, " ");
		i += strspn(d + i, " ");
	}
	starts[last - first] = strlen(d);
	for (i = 0; i < clip->nmarks; i++) {
		const struct clip_mark *m = &clip->marks[i];

		if (m->seg != si)
			continue;
		if (m->kind == MARK_END) {
			end = offset + m->sample;
			continue;
		}
		if (m->kind != MARK_WORD)
			continue;
		k = captions_word_at(first, last, starts,
		    seg->map[m->at < tlen ? m->at : tlen]);
		if (offset + m->sample < c->w[k].start)
			c->w[k].start = offset + m->sample;
	}
	if (end == SIZE_MAX)
		end = offset + clip->nsamples;
	captions_interpolate(c, first, last, starts, *seg_start, end);
	free(starts);
	for (k = first; k < last; k++) {
		w = &c->w[k];
		w->sentence_end = k + 1 == last || captions_ends_sentence(w->text);
		if (k + 1 < last && w->sentence_end)
			w->end = c->w[k + 1].start;
	}
	c->w[last - 1].end = end;
	*seg_start = end;
	return 0;
}

int
captions_add(struct captions *c, const struct clip *clip, size_t offset)
{
	const struct narration *n = &clip->narration;
	size_t i, start = offset;

	for (i = 0; i < n->nsegs; i++)
		if (captions_add_segment(c, &n->segs[i], i, clip, offset, &start) == -1)
			return -1;
	return 0;
}

/* characters (not bytes) of UTF-8 text */
static size_t
captions_chars(const char *s)
{
	return utf8_chars(s, strlen(s));
}

/* Where the words [a, b) break into two lines, the longer as short as can
 * be: the first word of the second line, or b when one line holds them. */
static size_t
captions_break(const struct captions *c, size_t a, size_t b, size_t *longest)
{
	size_t total = 0, left = 0, k, best = b, bestlen;

	for (k = a; k < b; k++)
		total += captions_chars(c->w[k].text) + (k > a);
	bestlen = total;
	for (k = a + 1; k < b; k++) {
		size_t l2;

		left += captions_chars(c->w[k - 1].text) + (k - 1 > a);
		l2 = total - left - 1;
		if ((left > l2 ? left : l2) < bestlen) {
			bestlen = left > l2 ? left : l2;
			best = k;
		}
	}
	if (total <= CAPTIONS_LINE)	/* one line is best when it fits */
		best = b, bestlen = total;
	*longest = bestlen;
	return best;
}

static bool
captions_fits(const struct captions *c, size_t a, size_t b)
{
	size_t longest;

	captions_break(c, a, b, &longest);
	return longest <= CAPTIONS_LINE || b - a == 1;
}

static bool
captions_ends_clause(const char *w)
{
	size_t n = strlen(w);

	while (n > 0 && strchr("\"')]", w[n - 1]) != NULL)
		n--;
	return (n > 0 && strchr(",;:", w[n - 1]) != NULL) ||
	    strcmp(w, "-") == 0 || strcmp(w, "\xe2\x80\x93") == 0 ||
	    strcmp(w, "\xe2\x80\x94") == 0;
}

static size_t
captions_ms(const struct captions *c, size_t from, size_t sample)
{
	return (size_t)((unsigned long long)(sample - from) * 1000 / c->rate);
}

/* the words [a, b) of one sentence: where its next cue starts */
static size_t
captions_cut(const struct captions *c, size_t a, size_t b)
{
	size_t k, fit = a + 1, clause = 0;

	if (captions_fits(c, a, b))
		return b;
	for (k = a + 1; k < b && captions_fits(c, a, k); k++) {
		fit = k;
		if (captions_ends_clause(c->w[k - 1].text))
			clause = k;
	}
	/* a clause that fills at least half the cue beats a fuller one */
	return clause > a && 2 * (clause - a) >= fit - a ? clause : fit;
}

static void
captions_time(FILE *fp, size_t ms, char sep)
{
	fprintf(fp, "%02zu:%02zu:%02zu%c%03zu", ms / 3600000, ms / 60000 % 60,
	    ms / 1000 % 60, sep, ms % 1000);
}

static void
captions_text(FILE *fp, const char *s, enum captions_format fmt)
{
	for (; *s != '\0'; s++) {
		if (fmt == CAPTIONS_VTT && *s == '&')
			fputs("&amp;", fp);
		else if (fmt == CAPTIONS_VTT && *s == '<')
			fputs("&lt;", fp);
		else if (fmt == CAPTIONS_VTT && *s == '>')
			fputs("&gt;", fp);
		else
			fputc(*s, fp);
	}
}

static void
captions_cue(const struct captions *c, FILE *fp, enum captions_format fmt,
    size_t num, size_t a, size_t b, size_t from, size_t end)
{
	size_t longest, brk = captions_break(c, a, b, &longest), k;

	fprintf(fp, "%zu\n", num);
	captions_time(fp, captions_ms(c, from, c->w[a].start),
	    fmt == CAPTIONS_VTT ? '.' : ',');
	fputs(" --> ", fp);
	captions_time(fp, captions_ms(c, from, end), fmt == CAPTIONS_VTT ? '.' : ',');
	fputc('\n', fp);
	for (k = a; k < b; k++) {
		if (k > a)
			fputc(k == brk ? '\n' : ' ', fp);
		captions_text(fp, c->w[k].text, fmt);
	}
	fputs("\n\n", fp);
}

/* the sound of cue [a, b) of a sentence that ends at b_end with end */
static size_t
captions_end(const struct captions *c, size_t b, size_t s_end, size_t end)
{
	return b < s_end ? c->w[b].start : end;
}

int
captions_write(const struct captions *c, FILE *fp, enum captions_format fmt,
    size_t from, size_t to)
{
	size_t num = 1;

	if (fmt == CAPTIONS_VTT)
		fputs("WEBVTT\n\n", fp);
	return captions_write_cues(c, fp, fmt, from, to, &num);
}

int
captions_write_cues(const struct captions *c, FILE *fp,
    enum captions_format fmt, size_t from, size_t to, size_t *num)
{
	size_t i, j, a, b, ncuts, *cuts;

	if ((cuts = malloc((c->n + 1) * sizeof *cuts)) == NULL)
		return -1;
	for (i = 0; i < c->n; i = j) {
		/* the sentence [i, j) */
		for (j = i; j < c->n && !c->w[j].sentence_end; j++)
			;
		j = j < c->n ? j + 1 : j;
		if (c->w[i].start < from || c->w[i].start >= to)
			continue;
		for (ncuts = 0, a = i; a < j; a = b)
			cuts[ncuts++] = a, b = captions_cut(c, a, j);
		cuts[ncuts] = j;
		/* a short last cue takes words from the one before */
		while (ncuts > 1) {
			size_t k = ncuts - 1, end = c->w[j - 1].end;

			if (captions_ms(c, c->w[cuts[k]].start, end) >= CAPTIONS_MIN_MS ||
			    cuts[k] - cuts[k - 1] < 2 || !captions_fits(c, cuts[k] - 1, j))
				break;
			cuts[k]--;
		}
		for (a = 0; a < ncuts; a++)
			captions_cue(c, fp, fmt, (*num)++, cuts[a], cuts[a + 1], from,
			    captions_end(c, cuts[a + 1], j, c->w[j - 1].end));
	}
	free(cuts);
	return ferror(fp) ? -1 : 0;
}
