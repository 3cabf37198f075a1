/* SPDX-License-Identifier: GPL-3.0-or-later */
/* narrate: templates, markup removal and lexicon, entry by entry. */
#include "text/narrate.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "speech/espeak_text.h"
#include "util/textbuf.h"

/* the titles of e (or its years) joined with the word and; years
 * deduplicated; quoted: each title in quote marks, which the voice drops
 * and captions keep */
static void
narrate_join(struct textbuf *b, const struct entry *e, bool years,
    const char *and, bool quoted)
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
			textbuf_printf(b, " %s ", and);
		if (years)
			textbuf_printf(b, "%d", t->year);
		else
			textbuf_printf(b, quoted ? "\"%s\"" : "%s", t->text);
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
narrate_placeholder(struct textbuf *b, const char **tpl, const struct entry *e,
    const char *and, bool quoted)
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
		narrate_join(b, e, false, and, quoted);
		break;
	case NARRATE_ARTIST:
		if (e->credit)
			textbuf_puts(b, e->credit);
		break;
	case NARRATE_YEAR:
		narrate_join(b, e, true, and, false);
		break;
	}
	*tpl = end + 1;
	return b->len > before;
}

static char *
narrate_expand(const char *tpl, const struct entry *e, const char *and,
    bool quoted)
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
			filled += narrate_placeholder(b, &tpl, e, and, quoted);
		} else
			textbuf_putc(b, c);
	}
	if (b == &part)		/* an unclosed [ keeps its text */
		textbuf_putn(&out, part.s ? part.s : "", part.len);
	textbuf_reset(&part);
	return textbuf_finish(&out);
}

char *
narrate_template(const char *tpl, const struct entry *e, const char *and)
{
	return narrate_expand(tpl, e, and, false);
}

static bool
narrate_is_letter(const unsigned char *s)
{
	return isalnum(*s) || *s >= 0x80;
}

/*
 * Each sign that eSpeak NG must be given apart (espeak_text_sign_apart) is
 * a word of its own, and a run of one sign is one. A negative class (a
 * sign stands apart from anything but itself) for the sign at s, else 0; a
 * hyphen between letters or digits ("In-guk") is part of the word. c is
 * the clean text so far (len bytes).
 */
static int
narrate_symbol(const unsigned char *s, const char *c, size_t len)
{
	if (*s == '-' && len > 0 && c[len - 1] != ' ' &&
	    narrate_is_letter((const unsigned char *)c + len - 1) &&
	    narrate_is_letter(s + 1))
		return 0;
	return espeak_text_sign_apart(*s) ? -(int)*s : 0;
}

/* the length of a dot or an ellipsis at s, else 0 */
static size_t
narrate_dot(const unsigned char *s)
{
	if (*s == '.')
		return 1;
	return s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0xa6 ? 3 : 0;
}

/*
 * The length of a Markdown emphasis mark at s (a run of up to three '*' or
 * '_'), 0 if none: one that opens (no letter before it, a non-space after)
 * or closes (a non-space before it, no letter after), as CommonMark's
 * flanking rule has it. "5 * 3", "snake_case" and "2*3" keep theirs.
 */
static size_t
narrate_emphasis(const unsigned char *s, const unsigned char *start)
{
	size_t n = 0;

	while (n < 3 && s[n] == *s)
		n++;
	if (s[n] == *s)
		return 0;
	if ((s == start || !narrate_is_letter(s - 1)) && s[n] > ' ')
		return n;
	if (s > start && s[-1] > ' ' && !narrate_is_letter(s + n))
		return n;
	return 0;
}

/* length of the markup at s to drop (or to replace by a space), 0 if none */
static size_t
narrate_markup(const unsigned char *s, const unsigned char *start)
{
	static const struct {
		const char	*s;
		size_t		 n;
	} quotes[] = {
#define Q(s)	{ s, sizeof s - 1 }
		Q("\""), Q("\xe2\x80\x9c"), Q("\xe2\x80\x9d"), Q("\xc2\xab"),
		Q("\xc2\xbb"), Q("\xe2\x80\x98"), Q("\xe2\x80\x99"), Q("'")
#undef Q
	};
	size_t i, n;

	if (*s == '#' && !isdigit(s[1]))	/* "#1" is said, a lone '#' not */
		return 1;
	if (*s == '*' || *s == '_')
		return narrate_emphasis(s, start);
	if (*s == '(' && isdigit(s[1]) && isdigit(s[2]) && isdigit(s[3]) &&
	    isdigit(s[4]) && s[5] == ')')
		return 6;
	if (*s != '"' && *s != '\'' && *s != 0xe2 && *s != 0xc2)
		return 0;	/* most bytes: no quote starts with them */
	for (i = 0; i < sizeof quotes / sizeof *quotes; i++) {
		n = quotes[i].n;
		if (strncmp((const char *)s, quotes[i].s, n) != 0)
			continue;
		/* an apostrophe between letters (don't, Bom's) is spoken */
		if (i >= 6 && s > start && narrate_is_letter(s - 1) &&
		    narrate_is_letter(s + n))
			return 0;
		return n;
	}
	return 0;
}

/* The text cleaned for the voice, and beside it the same text as a
 * reader should see it (quote marks kept), with for each clean byte the
 * offset of the display byte it came from. */
struct narrate_text {
	struct textbuf	 clean, display;
	size_t		*map, cap;
	bool		 opened;	/* display ends in an opening quote */
	bool		 plain;		/* the clean text alone: no display,
					 * no map */
};

static void
narrate_map(struct narrate_text *t)
{
	size_t *m;

	if (t->plain)
		return;
	if (t->clean.len + 1 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;

		if ((m = realloc(t->map, cap * sizeof *m)) == NULL) {
			t->clean.failed = 1;
			return;
		}
		t->map = m;
		t->cap = cap;
	}
	t->map[t->clean.len] = t->display.len;
}

/* n bytes said and shown */
static void
narrate_put(struct narrate_text *t, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' && t->opened) {	/* shown before the quote */
			narrate_map(t);
			textbuf_putc(&t->clean, ' ');
			continue;
		}
		narrate_map(t);
		textbuf_putc(&t->clean, s[i]);
		if (!t->plain)
			textbuf_putc(&t->display, s[i]);
	}
	t->opened = false;
}

/* n bytes said as s, shown as shown (dn bytes) */
static void
narrate_say(struct narrate_text *t, const char *s, size_t n, const char *shown,
    size_t dn)
{
	size_t i;

	for (i = 0; i < n; i++) {
		narrate_map(t);
		textbuf_putc(&t->clean, s[i]);
	}
	if (dn > 0 && !t->plain)
		textbuf_putn(&t->display, shown, dn);
	t->opened = false;
}

/* a quote mark, shown but not said */
static void
narrate_show_quote(struct narrate_text *t, const unsigned char *s, size_t n,
    bool space)
{
	if (t->plain)
		return;
	t->opened = space && t->display.len > 0;
	if (t->opened)
		textbuf_putc(&t->display, ' ');
	textbuf_putn(&t->display, (const char *)s, n);
}

static int
narrate_clean_both(const char *text, const struct narrate_params *p,
    bool plain, struct narrate_text *t)
{
	const unsigned char *s = (const unsigned char *)text, *start = s;
	bool space = false, said = false;	/* said: p->and stands just before */
	bool named = false;	/* the last said is a sign read by its name:
				 * punctuation stands apart from it */
	const char *say = NULL;
	char digit[2];
	uint32_t cp = 0;
	int alphabet = 0, last = 0;	/* espeak_text_alphabet of it, of the last said */
	size_t n;

	memset(t, 0, sizeof *t);
	t->plain = plain;
	while (*s != '\0') {
		if ((n = narrate_markup(s, start)) > 0) {
			if (*s != '#' && *s != '(' && *s != '*' && *s != '_')
				narrate_show_quote(t, s, n, space && !t->opened);
			s += n;
			continue;
		}
		if (*s >= 0x80 && (say = espeak_text_char((const char *)s, &n, &cp, digit)) == NULL) {
			/* said as nothing, as a space; shown when it is UTF-8 */
			if (n > 1 && !t->plain)
				textbuf_putn(&t->display, (const char *)s, n);
			space = t->clean.len > 0;
			s += n;
			continue;
		}
		if (*s <= ' ' || *s == 0x7f) {	/* space, a control character */
			space = t->clean.len > 0;
			s++;
			continue;
		}
		/* no space before punctuation that dropped markup left behind:
		 * "Hello (2011)." is "Hello." */
		if ((space && !strchr(".,;:!?", *s) && narrate_dot(s) == 0) ||
		    (said && narrate_is_letter(s)) || (named && strchr(",;:!?", *s)))
			narrate_put(t, " ", 1);
		space = said = false;
		if (*s == '&' || *s == '#') {
			const char *word = *s == '&' ? p->and : p->number;

			/* the word said for a sign stands apart: "R&B" is "R and B" */
			if (t->clean.len > 0 &&
			    narrate_is_letter((const unsigned char *)t->clean.s +
			    t->clean.len - 1))
				narrate_put(t, " ", 1);
			narrate_put(t, word, strlen(word));
			if (*s == '#')	/* "#1" is "number 1" */
				narrate_put(t, " ", 1);
			said = *s == '&';
			named = false;
			alphabet = 0;
			s++;
		} else if (narrate_dot(s) > 0) {
			/* ". . ." is a run of dots too, its spaces dropped. After
			 * a sign read by its name, a comma apart, shown as the dot
			 * (espeak_text_is_named says why) */
			if (named)
				narrate_say(t, " ,", 2, ".", 1);
			else if (t->clean.len == 0 ||
			    t->clean.s[t->clean.len - 1] != '.')
				narrate_put(t, ".", 1);
			named = false;
			while ((n = narrate_dot(s)) > 0)
				s += n;
			alphabet = 0;
		} else if ((alphabet = narrate_symbol(s, t->clean.s, t->clean.len)) < 0 &&
		    t->clean.len > 0 && t->clean.s[t->clean.len - 1] == *s) {
			s++;	/* "+++" is one "+" */
		} else {
			named = alphabet < 0 ||
			    (*s >= 0x80 && say != digit && espeak_text_is_named(cp));
			if (alphabet == 0)
				alphabet = *s >= 0x80 && say != digit ?
				    espeak_text_alphabet(cp) : 0;
			if (alphabet != last && t->clean.len > 0 &&
			    t->clean.s[t->clean.len - 1] != ' ' && !strchr(".,;:!?", *s))
				narrate_say(t, " ", 1, NULL, 0);
			if (*s < 0x80)
				narrate_put(t, (const char *)s++, 1);
			else {
				narrate_say(t, say, say == digit ? 1 : n,
				    (const char *)s, n);
				s += n;
			}
		}
		last = alphabet;
	}
	narrate_map(t);
	if (t->clean.failed || t->display.failed) {
		textbuf_reset(&t->clean);
		textbuf_reset(&t->display);
		free(t->map);
		return -1;
	}
	return 0;
}

char *
narrate_clean(const char *text, const struct narrate_params *p)
{
	struct narrate_text t;

	if (narrate_clean_both(text, p, true, &t) == -1)
		return NULL;
	textbuf_reset(&t.display);
	free(t.map);
	return textbuf_finish(&t.clean);
}

static void
narrate_segment_free(struct segment *seg)
{
	free(seg->text);
	free(seg->display);
	free(seg->map);
}

static int
narrate_add(struct narration *n, const char *raw, bool announcer, double pause,
    const struct narrate_params *p)
{
	struct narrate_text t;
	struct segment seg = { NULL, announcer, pause, NULL, NULL }, *segs;
	size_t *lexmap = NULL, k, len;
	char *clean;

	if (narrate_clean_both(raw, p, p->spoken_only, &t) == -1)
		return -1;
	if ((clean = textbuf_finish(&t.clean)) == NULL)
		goto fail;
	seg.text = lexicon_apply_map(p->lexicon, clean,
	    p->spoken_only ? NULL : &lexmap);
	seg.display = p->spoken_only ? NULL : textbuf_finish(&t.display);
	free(clean);
	if (seg.text == NULL || (seg.display == NULL && !p->spoken_only))
		goto fail;
	if (*seg.text == '\0') {
		free(lexmap);
		narrate_segment_free(&seg);
		free(t.map);
		return 0;
	}
	/* spoken byte -> clean byte -> display byte, in place; the length
	 * once: the stores through lexmap may alias the text for the compiler,
	 * and strlen on each byte made a 1 MB paragraph take 18 s of CPU */
	if (!p->spoken_only) {
		len = strlen(seg.text);
		for (k = 0; k <= len; k++)
			lexmap[k] = t.map[lexmap[k]];
		seg.map = lexmap;
	}
	free(t.map);
	if ((segs = realloc(n->segs, (n->nsegs + 1) * sizeof *segs)) == NULL) {
		narrate_segment_free(&seg);
		return -1;
	}
	n->segs = segs;
	n->segs[n->nsegs++] = seg;
	return 0;
fail:
	free(lexmap);
	free(t.map);
	textbuf_reset(&t.display);
	narrate_segment_free(&seg);
	return -1;
}

/* One honorable mention through announcer.item, as an entry of one
 * title and that title's credit: "Title, by Credit." */
static int
narrate_mention(struct narration *n, const struct title *t,
    const struct narrate_params *p)
{
	struct title one = *t;
	struct entry e;
	char *s;
	int rc;

	memset(&e, 0, sizeof e);
	e.titles = &one;
	e.ntitles = 1;
	e.credit = t->credit;
	if ((s = narrate_expand(p->item, &e, p->and, true)) == NULL)
		return -1;
	rc = narrate_add(n, s, false, p->between_paragraphs, p);
	free(s);
	return rc;
}

static int
narrate_heading(struct narration *n, const struct entry *e,
    const struct narrate_params *p)
{
	char *s;
	int rc;

	/* "Ehrenvolle Erwähnungen:" alone is a heading, said in the
	 * announcer's words like an entry's; a lead that says more is read */
	if (e->bare_lead && p->mentions != NULL)
		return narrate_add(n, p->mentions, true, p->after_announcement,
		    p);
	if (!script_kind(e->kind)->ranked)
		return e->lead ? narrate_add(n, e->lead, true,
		    p->after_announcement, p) : 0;
	if ((s = narrate_expand(p->entry_template, e, p->and, true)) == NULL)
		return -1;
	rc = narrate_add(n, s, true, p->after_announcement, p);
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
	p->mentions = c->announcer.mentions;
	p->and = c->announcer.and;
	p->item = c->announcer.item;
	p->number = c->announcer.number;
	p->spoken_only = false;
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
			if (narrate_mention(n, &e->titles[i], p) == -1)
				goto fail;
	for (i = 0; i < e->nparagraphs; i++)
		if (narrate_add(n, e->paragraphs[i], false,
		    p->between_paragraphs, p) == -1)
			goto fail;
	if (n->nsegs > 0)	/* nothing trails the last word */
		n->segs[n->nsegs - 1].pause_after = 0;
	return 0;
fail:
	narrate_free(n);
	return -1;
}

double
narrate_seconds(const struct narration *n, int rate)
{
	double seconds = 0;
	size_t i;

	for (i = 0; i < n->nsegs; i++)
		seconds += espeak_text_seconds(n->segs[i].text, rate) +
		    n->segs[i].pause_after;
	return seconds;
}

int
narrate_check_length(const struct script *s, const struct conf *c,
    const struct lexicon *lx, size_t *index, double *seconds)
{
	struct narrate_params np;
	struct narration n;
	size_t i;

	narrate_params_set(&np, c, lx);
	np.spoken_only = true;
	for (i = 0; i < s->nentries; i++) {
		if (narrate_entry(&s->entries[i], &np, &n) == -1)
			return -1;
		*seconds = narrate_seconds(&n, c->voice.rate);
		narrate_free(&n);
		if (*seconds > CLIP_MAX_SECONDS) {
			*index = i;
			return 1;
		}
	}
	return 0;
}

void
narrate_free(struct narration *n)
{
	size_t i;

	for (i = 0; i < n->nsegs; i++)
		narrate_segment_free(&n->segs[i]);
	free(n->segs);
	memset(n, 0, sizeof *n);
}
