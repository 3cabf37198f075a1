/* narrate: templates, markup removal and lexicon, entry by entry. */
#include "narrate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clip.h"
#include "textbuf.h"

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

/* The text cleaned for the voice, and beside it the same text as a
 * reader should see it (quote marks kept), with for each clean byte the
 * offset of the display byte it came from. */
struct narrate_text {
	struct textbuf	 clean, display;
	size_t		*map, cap;
	bool		 opened;	/* display ends in an opening quote */
};

static void
narrate_map(struct narrate_text *t)
{
	size_t *m;

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
		textbuf_putc(&t->display, s[i]);
	}
	t->opened = false;
}

/* a quote mark, shown but not said */
static void
narrate_show_quote(struct narrate_text *t, const unsigned char *s, size_t n,
    bool space)
{
	t->opened = space && t->display.len > 0;
	if (t->opened)
		textbuf_putc(&t->display, ' ');
	textbuf_putn(&t->display, (const char *)s, n);
}

static int
narrate_clean_both(const char *text, const char *and, struct narrate_text *t)
{
	const unsigned char *s = (const unsigned char *)text, *start = s;
	bool space = false, said = false;	/* said: "and" stands just before */
	size_t n;

	memset(t, 0, sizeof *t);
	while (*s != '\0') {
		if ((n = narrate_markup(s, start)) > 0) {
			if (*s != '#' && *s != '(')
				narrate_show_quote(t, s, n, space && !t->opened);
			s += n;
			continue;
		}
		if (isspace(*s) || *s < 0x20 || *s == 0x7f) {
			space = t->clean.len > 0;
			s++;
			continue;
		}
		/* no space before punctuation that dropped markup left behind:
		 * "Hello (2011)." is "Hello." */
		if ((space && !strchr(".,;:!?", *s)) || (said && narrate_is_letter(s)))
			narrate_put(t, " ", 1);
		space = said = false;
		if (*s == '&' || *s == '#') {
			/* the word said for a sign stands apart: "R&B" is "R and B" */
			if (t->clean.len > 0 &&
			    narrate_is_letter((const unsigned char *)t->clean.s +
			    t->clean.len - 1))
				narrate_put(t, " ", 1);
			narrate_put(t, *s == '&' ? and : "number ",
			    *s == '&' ? strlen(and) : 7);
			said = *s == '&';
			s++;
		} else if (*s == '.' || strncmp((const char *)s, "\xe2\x80\xa6", 3) == 0) {
			narrate_put(t, ".", 1);
			while (*s == '.' || strncmp((const char *)s, "\xe2\x80\xa6", 3) == 0)
				s += *s == '.' ? 1 : 3;
		} else
			narrate_put(t, (const char *)s++, 1);
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
narrate_clean(const char *text, const char *and)
{
	struct narrate_text t;

	if (narrate_clean_both(text, and, &t) == -1)
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

	if (narrate_clean_both(raw, p->and, &t) == -1)
		return -1;
	if ((clean = textbuf_finish(&t.clean)) == NULL)
		goto fail;
	seg.text = lexicon_apply_map(p->lexicon, clean, &lexmap);
	seg.display = textbuf_finish(&t.display);
	free(clean);
	if (seg.text == NULL || seg.display == NULL)
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
	len = strlen(seg.text);
	for (k = 0; k <= len; k++)
		lexmap[k] = t.map[lexmap[k]];
	seg.map = lexmap;
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

/* How long eSpeak NG 1.51 takes to say a piece of text at 165 words per
 * minute, in milliseconds, a little above what was measured (en, de, fr,
 * es, it, pt and nl voices; the bundled scripts, prose, titles, changelog
 * lines, numbers, dates and abbreviations): a letter takes 60-80 ms with
 * the spaces between words; a digit up to 660 ms ("7777" is "seven
 * thousand seven hundred and seventy-seven", "3.14159" is said digit by
 * digit); a sign said as a word ("%", "/", ":", "#", "€") up to 400 ms; a
 * letter that is spelled (a one-letter word, an abbreviation of capitals:
 * "BTS", "U.S.A.") up to 300 ms; each segment some 300 ms of silence
 * around it. So weighted, the estimate came out 1.2 to 2.3 times the real
 * length for every text tried, 1.55 over them all, at rates 80 to 450
 * alike (the length goes as 1 / rate). What eSpeak NG reads by a long name
 * (emoji, pictographs, letters of a script the voice does not know) is
 * counted as a letter and can take longer than estimated: the synth
 * thread cuts off such a clip at CLIP_MAX_SECONDS all the same. */
#define NARRATE_RATE_REF	165
#define NARRATE_MS_LETTER	100
#define NARRATE_MS_SPELLED	250
#define NARRATE_MS_DIGIT	700
#define NARRATE_MS_SIGN		400
#define NARRATE_MS_SEGMENT	500
#define NARRATE_SPELLED_MAX	5	/* capitals: longer is a shouted word */

/* U+2000-U+2BFF (punctuation, currency, arrows, maths, shapes) is said as
 * a word, like the ASCII signs; s is the lead byte of a codepoint */
static bool
narrate_is_sign(const unsigned char *s)
{
	if (*s < 0x80)
		return ispunct(*s);
	return s[0] == 0xe2 && s[1] >= 0x80 && s[1] <= 0xaf;
}

/* milliseconds for one word: the bytes from s up to a space or the end */
static unsigned long
narrate_word_ms(const unsigned char *s, size_t len)
{
	size_t i, letters = 0;
	bool capitals = true, spelled;
	unsigned long ms = 0;

	for (i = 0; i < len; i++) {
		if ((s[i] & 0xc0) == 0x80 || isdigit(s[i]) || narrate_is_sign(s + i))
			continue;
		letters++;
		capitals &= s[i] >= 'A' && s[i] <= 'Z';
	}
	spelled = letters == 1 ||
	    (capitals && letters >= 2 && letters <= NARRATE_SPELLED_MAX);
	for (i = 0; i < len; i++) {
		if ((s[i] & 0xc0) == 0x80)	/* inside a codepoint */
			continue;
		if (isdigit(s[i]))
			ms += NARRATE_MS_DIGIT;
		else if (narrate_is_sign(s + i))
			ms += NARRATE_MS_SIGN;
		else
			ms += spelled ? NARRATE_MS_SPELLED : NARRATE_MS_LETTER;
	}
	return ms;
}

double
narrate_seconds(const struct narration *n, int rate)
{
	double seconds = 0;
	size_t i, len;

	for (i = 0; i < n->nsegs; i++) {
		const unsigned char *s = (const unsigned char *)n->segs[i].text;
		unsigned long ms = NARRATE_MS_SEGMENT;

		while (*s != '\0') {
			len = strcspn((const char *)s, " \t\n");
			ms += narrate_word_ms(s, len);
			s += len;
			s += *s != '\0';
		}
		seconds += ms / 1000.0 * NARRATE_RATE_REF / (rate > 0 ? rate : 1) +
		    n->segs[i].pause_after;
	}
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
