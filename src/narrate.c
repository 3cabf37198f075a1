/* narrate: templates, markup removal and lexicon, entry by entry. */
#include "narrate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textbuf.h"

/* the titles of e (or its years) joined with " and "; years deduplicated */
static void
narrate_join(struct textbuf *b, const struct entry *e, bool years)
{
	size_t i, k, n = 0;

	for (i = 0; i < e->ntitles; i++) {
		const struct title *t = &e->titles[i];

		if (years) {
			for (k = 0; k < i && e->titles[k].year != t->year; k++)
				;
			if (t->year == 0 || k < i)
				continue;
		}
		if (n++ > 0)
			textbuf_puts(b, " and ");
		if (years)
			textbuf_printf(b, "%d", t->year);
		else
			textbuf_puts(b, t->text);
	}
}

int
narrate_field(const char *name, size_t len)
{
	static const char *const fields[] = {
		[NARRATE_RANK] = "rank",
		[NARRATE_TITLES] = "titles",
		[NARRATE_ARTIST] = "artist",
		[NARRATE_YEAR] = "year",
	};
	size_t i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strlen(fields[i]) == len && strncmp(fields[i], name, len) == 0)
			return (int)i;
	return -1;
}

/* Expand the placeholder at *tpl (just past '{') into b; returns 1 when it
 * produced text, 0 when it was empty, and moves *tpl past the '}'. */
static int
narrate_placeholder(struct textbuf *b, const char **tpl, const struct entry *e)
{
	const char *end = strchr(*tpl, '}');
	size_t before = b->len, n;

	if (end == NULL) {
		textbuf_putc(b, '{');
		return 0;
	}
	n = (size_t)(end - *tpl);
	switch (narrate_field(*tpl, n)) {
	case NARRATE_RANK:
		if (e->rank > 0)
			textbuf_printf(b, "%d", e->rank);
		break;
	case NARRATE_TITLES:
		narrate_join(b, e, false);
		break;
	case NARRATE_ARTIST:
		if (e->credit)
			textbuf_puts(b, e->credit);
		break;
	case NARRATE_YEAR:
		narrate_join(b, e, true);
		break;
	}
	*tpl = end + 1;
	return b->len > before;
}

char *
narrate_template(const char *tpl, const struct entry *e)
{
	struct textbuf out = TEXTBUF_INIT, part = TEXTBUF_INIT;
	struct textbuf *b = &out;
	int placeholders = 0, filled = 0;

	while (*tpl != '\0') {
		char c = *tpl++;

		if (c == '[' && b == &out) {
			b = &part;
			placeholders = filled = 0;
		} else if (c == ']' && b == &part) {
			if (placeholders == 0 || filled > 0)
				textbuf_putn(&out, part.s ? part.s : "", part.len);
			textbuf_reset(&part);
			b = &out;
		} else if (c == '{') {
			placeholders++;
			filled += narrate_placeholder(b, &tpl, e);
		} else
			textbuf_putc(b, c);
	}
	if (b == &part)		/* an unclosed [ keeps its text */
		textbuf_putn(&out, part.s ? part.s : "", part.len);
	textbuf_reset(&part);
	return textbuf_finish(&out);
}

static bool
narrate_is_letter(const unsigned char *s)
{
	return isalnum(*s) || *s >= 0x80;
}

/* length of the markup at s to drop (or to replace by a space), 0 if none */
static size_t
narrate_markup(const unsigned char *s, const unsigned char *start)
{
	static const char *const quotes[] = { "\"", "\xe2\x80\x9c", "\xe2\x80\x9d",
	    "\xc2\xab", "\xc2\xbb", "\xe2\x80\x98", "\xe2\x80\x99", "'" };
	size_t i, n;

	if (*s == '#' && !isdigit(s[1]))	/* "#1" is said, a lone '#' not */
		return 1;
	if (*s == '(' && isdigit(s[1]) && isdigit(s[2]) && isdigit(s[3]) &&
	    isdigit(s[4]) && s[5] == ')')
		return 6;
	for (i = 0; i < sizeof quotes / sizeof *quotes; i++) {
		n = strlen(quotes[i]);
		if (strncmp((const char *)s, quotes[i], n) != 0)
			continue;
		/* an apostrophe between letters (don't, Bom's) is spoken */
		if (i >= 6 && s > start && narrate_is_letter(s - 1) &&
		    narrate_is_letter(s + n))
			return 0;
		return n;
	}
	return 0;
}

char *
narrate_clean(const char *text)
{
	const unsigned char *s = (const unsigned char *)text, *start = s;
	struct textbuf b = TEXTBUF_INIT;
	bool space = false, said = false;	/* said: "and" stands just before */
	size_t n;

	while (*s != '\0') {
		if ((n = narrate_markup(s, start)) > 0) {
			s += n;
			continue;
		}
		if (isspace(*s) || *s < 0x20 || *s == 0x7f) {
			space = b.len > 0;
			s++;
			continue;
		}
		/* no space before punctuation that dropped markup left behind:
		 * "Hello (2011)." is "Hello." */
		if ((space && !strchr(".,;:!?", *s)) || (said && narrate_is_letter(s)))
			textbuf_putc(&b, ' ');
		space = said = false;
		if (*s == '&' || *s == '#') {
			/* the word said for a sign stands apart: "R&B" is "R and B" */
			if (b.len > 0 &&
			    narrate_is_letter((const unsigned char *)b.s + b.len - 1))
				textbuf_putc(&b, ' ');
			textbuf_puts(&b, *s == '&' ? "and" : "number ");
			said = *s == '&';
			s++;
		} else if (*s == '.' || strncmp((const char *)s, "\xe2\x80\xa6", 3) == 0) {
			/* ". . ." is a run of dots too, its spaces dropped */
			if (b.len == 0 || b.s[b.len - 1] != '.')
				textbuf_putc(&b, '.');
			while (*s == '.' || strncmp((const char *)s, "\xe2\x80\xa6", 3) == 0)
				s += *s == '.' ? 1 : 3;
		} else
			textbuf_putc(&b, (char)*s++);
	}
	return textbuf_finish(&b);
}

static int
narrate_add(struct narration *n, const char *raw, bool announcer, double pause,
    const struct lexicon *lx)
{
	char *clean = narrate_clean(raw), *spoken;
	struct segment *segs;

	if (clean == NULL)
		return -1;
	spoken = lexicon_apply(lx, clean);
	free(clean);
	if (spoken == NULL)
		return -1;
	if (*spoken == '\0') {
		free(spoken);
		return 0;
	}
	if ((segs = realloc(n->segs, (n->nsegs + 1) * sizeof *segs)) == NULL) {
		free(spoken);
		return -1;
	}
	n->segs = segs;
	n->segs[n->nsegs++] = (struct segment){ spoken, announcer, pause };
	return 0;
}

/* "Title, by Credit." for one honorable mention */
static int
narrate_mention(struct narration *n, const struct title *t, double pause,
    const struct lexicon *lx)
{
	struct textbuf b = TEXTBUF_INIT;
	char *s;
	int rc;

	textbuf_puts(&b, t->text);
	if (t->credit != NULL)
		textbuf_printf(&b, ", by %s", t->credit);
	textbuf_putc(&b, '.');
	if ((s = textbuf_finish(&b)) == NULL)
		return -1;
	rc = narrate_add(n, s, false, pause, lx);
	free(s);
	return rc;
}

static int
narrate_heading(struct narration *n, const struct entry *e,
    const struct narrate_params *p)
{
	char *s;
	int rc;

	if (!script_kind(e->kind)->ranked)
		return e->lead ? narrate_add(n, e->lead, true,
		    p->after_announcement, p->lexicon) : 0;
	if ((s = narrate_template(p->entry_template, e)) == NULL)
		return -1;
	rc = narrate_add(n, s, true, p->after_announcement, p->lexicon);
	free(s);
	return rc;
}

void
narrate_params_set(struct narrate_params *p, const struct conf *c,
    const struct lexicon *lx)
{
	p->entry_template = c->announcer.entry;
	p->after_announcement = c->pause.after_announcement;
	p->between_paragraphs = c->pause.between_paragraphs;
	p->lexicon = lx;
}

int
narrate_entry(const struct entry *e, const struct narrate_params *p,
    struct narration *n)
{
	size_t i;

	memset(n, 0, sizeof *n);
	if (narrate_heading(n, e, p) == -1)
		goto fail;
	if (script_kind(e->kind)->items)
		for (i = 0; i < e->ntitles; i++)
			if (narrate_mention(n, &e->titles[i],
			    p->between_paragraphs, p->lexicon) == -1)
				goto fail;
	for (i = 0; i < e->nparagraphs; i++)
		if (narrate_add(n, e->paragraphs[i], false,
		    p->between_paragraphs, p->lexicon) == -1)
			goto fail;
	if (n->nsegs > 0)	/* nothing trails the last word */
		n->segs[n->nsegs - 1].pause_after = 0;
	return 0;
fail:
	narrate_free(n);
	return -1;
}

void
narrate_free(struct narration *n)
{
	size_t i;

	for (i = 0; i < n->nsegs; i++)
		free(n->segs[i].text);
	free(n->segs);
	memset(n, 0, sizeof *n);
}
