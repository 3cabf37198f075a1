/* SPDX-License-Identifier: GPL-3.0-or-later */
/* narrate: templates, markup removal and lexicon, entry by entry. */
#include "text/narrate.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "speech/clip.h"
#include "util/textbuf.h"
#include "util/utf8.h"

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
 * eSpeak NG 1.51 speaks the letters of some alphabets (Bengali, Tamil,
 * Malayalam, old Hangul jamo, ...) in a language of their own. A character
 * of such an alphabet that this language's dictionary lacks makes it free
 * the translator it is using and read on from the freed memory (fixed in
 * 1.52, "Add tertiary translator"): a crash, or garbage said. These are the
 * characters that do it, found by tests/fuzz/fuzz_espeak and then by
 * speaking every code point of U+0370..U+1FFF and U+A700..U+D7FF alone
 * under AddressSanitizer, with the voices en-us, de and fa (a voice that
 * is not English takes Greek to Greek too): each is said as nothing
 * (regress_espeak/ holds them all). Their decimal digits are said as
 * their value, before this table is asked.
 */
static const struct {
	uint32_t	lo, hi;
} narrate_unspeakable[] = {
	{ 0x0380, 0x0385 }, { 0x0387, 0x0387 }, { 0x038b, 0x038b },
	{ 0x038d, 0x038d }, { 0x03a2, 0x03a2 }, { 0x03f6, 0x03f6 },
	{ 0x0970, 0x0970 }, { 0x09e4, 0x09ef }, { 0x09f2, 0x09f3 },
	{ 0x09f7, 0x09f9 }, { 0x09fb, 0x09fb }, { 0x09fd, 0x09ff },
	{ 0x0a64, 0x0a6f }, { 0x0a76, 0x0a77 }, { 0x0a7b, 0x0a7b },
	{ 0x0a7e, 0x0a7f }, { 0x0ae4, 0x0af8 }, { 0x0afd, 0x0aff },
	{ 0x0b80, 0x0b80 }, { 0x0b84, 0x0b84 }, { 0x0b8b, 0x0b8c },
	{ 0x0b96, 0x0b98 }, { 0x0b9b, 0x0b9b }, { 0x0b9d, 0x0b9d },
	{ 0x0ba0, 0x0ba2 }, { 0x0ba6, 0x0ba7 }, { 0x0bab, 0x0bad },
	{ 0x0bba, 0x0bbc }, { 0x0bc4, 0x0bc4 }, { 0x0bd3, 0x0bd4 },
	{ 0x0bda, 0x0bef }, { 0x0bfb, 0x0bff }, { 0x0c80, 0x0c80 },
	{ 0x0c84, 0x0c84 }, { 0x0cc5, 0x0cc5 }, { 0x0cce, 0x0cd2 },
	{ 0x0cfd, 0x0d01 }, { 0x0d04, 0x0d04 }, { 0x0d0d, 0x0d0d },
	{ 0x0d45, 0x0d45 }, { 0x0d49, 0x0d49 }, { 0x0d52, 0x0d52 },
	{ 0x0d55, 0x0d56 }, { 0x0d5b, 0x0d5b }, { 0x0d5e, 0x0d5f },
	{ 0x0d62, 0x0d62 }, { 0x0dc7, 0x0dc9 }, { 0x0dcb, 0x0dcd },
	{ 0x0dd5, 0x0dd5 }, { 0x0dd7, 0x0dd7 }, { 0x0de2, 0x0df1 },
	{ 0x0df5, 0x0df9 }, { 0x0dfb, 0x0dff }, { 0x10c6, 0x10c6 },
	{ 0x10c8, 0x10cc }, { 0x10ce, 0x10cf }, { 0x10fb, 0x10fb },
	{ 0x1180, 0x11a7 }, { 0x11c3, 0x11ff },
};

/* the zeros of Unicode's decimal digits (each followed by 1 to 9) */
static const uint32_t narrate_zeros[] = {
	0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66,
	0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6, 0x0e50, 0x0ed0, 0x0f20,
	0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
	0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0,
	0xa9f0, 0xaa50, 0xabf0, 0xff10,
};

/*
 * The alphabets eSpeak NG 1.51 speaks in a language of their own (its
 * tr_languages.c alphabets[] with a language), numbered from 1; 0 for any
 * other character. A word that mixes one of them with anything else is
 * spelled in that language, which frees its translator while using it
 * when a character is not its own ("1'\u0538", found by fuzz_espeak): such
 * a word is said as two. So is a character beyond U+FFFF (an emoji) glued
 * to anything: the ko voice frees memory it then reads on "(\U0001f3b5".
 */
static int
narrate_alphabet(uint32_t c)
{
	static const struct {
		uint32_t	lo, hi;
	} alphabets[] = {
		{ 0x0370, 0x03ff }, { 0x0530, 0x058f }, { 0x0900, 0x097f },
		{ 0x0980, 0x09ff }, { 0x0a00, 0x0a7f }, { 0x0a80, 0x0aff },
		{ 0x0b80, 0x0bff }, { 0x0c00, 0x0c7f }, { 0x0c80, 0x0cff },
		{ 0x0d00, 0x0d7f }, { 0x0d80, 0x0dff }, { 0x10a0, 0x10ff },
		{ 0x1100, 0x11ff }, { 0xa700, 0xd7ff },	/* both Korean */
	};
	size_t i;

	for (i = 0; i < sizeof alphabets / sizeof alphabets[0]; i++)
		if (c >= alphabets[i].lo && c <= alphabets[i].hi)
			return c >= 0xa700 ? 13 : (int)i + 1;
	return c > 0xffff ? 14 : 0;
}

/* A character eSpeak NG reads by its name ("\u00a9" is "copyright", an
 * emoji its CLDR name): Latin-1's signs, U+2000-U+2BFF, and what lies past
 * the BMP. */
static bool
narrate_is_named(uint32_t c)
{
	return (c >= 0xa1 && c <= 0xbf) || c == 0xd7 || c == 0xf7 ||
	    (c >= 0x2000 && c <= 0x2bff) || c > 0xffff;
}

/*
 * eSpeak NG 1.51 says a sign such as '+' as a word, and reads memory it
 * never wrote (or freed) on some runs of them glued to each other or to a
 * word ("ab+-+" in the hi voice, found by fuzz_espeak): each sign is a word
 * of its own, and a run of one sign is one. A negative class (a sign
 * stands apart from anything but itself) for the sign at s, else 0; a
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
	switch (*s) {
	case '+': case '-': case '*': case '/': case '=': case '<': case '>':
	case '\\': case '|': case '~': case '^': case '_': case '%': case '$':
	case '@':
		return -(int)*s;
	default:
		return 0;
	}
}

/*
 * What the voice gets for the character at s (not ASCII): its length in
 * *len, its code point in *cp, and the text to say, buf (a digit) or s
 * itself (*len bytes), or NULL for nothing. A digit of any script is its
 * ASCII digit
 * ("\u09e9" is "3"); a byte that is not UTF-8 is nothing (eSpeak NG 1.51
 * reads past the end of a text that ends inside a character), and so is
 * each of narrate_unspeakable.
 */
static const char *
narrate_char(const unsigned char *s, size_t *len, uint32_t *cp, char buf[2])
{
	uint32_t c;
	size_t i;

	if ((*len = utf8_decode((const char *)s,
	    strnlen((const char *)s, UTF8_MAX), &c)) == 0) {
		*len = 1;
		return NULL;
	}
	*cp = c;
	for (i = 0; i < sizeof narrate_zeros / sizeof narrate_zeros[0]; i++)
		if (c >= narrate_zeros[i] && c <= narrate_zeros[i] + 9) {
			buf[0] = (char)('0' + (c - narrate_zeros[i]));
			buf[1] = '\0';
			return buf;
		}
	for (i = 0; i < sizeof narrate_unspeakable / sizeof narrate_unspeakable[0]; i++)
		if (c >= narrate_unspeakable[i].lo && c <= narrate_unspeakable[i].hi)
			return NULL;
	return (const char *)s;
}

/* the length of a dot or an ellipsis at s, else 0 */
static size_t
narrate_dot(const unsigned char *s)
{
	if (*s == '.')
		return 1;
	return s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0xa6 ? 3 : 0;
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
	int alphabet = 0, last = 0;	/* narrate_alphabet of it, of the last said */
	size_t n;

	memset(t, 0, sizeof *t);
	t->plain = plain;
	while (*s != '\0') {
		if ((n = narrate_markup(s, start)) > 0) {
			if (*s != '#' && *s != '(')
				narrate_show_quote(t, s, n, space && !t->opened);
			s += n;
			continue;
		}
		if (*s >= 0x80 && (say = narrate_char(s, &n, &cp, digit)) == NULL) {
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
			 * a sign read by its name, a comma apart, shown as the dot:
			 * there eSpeak NG 1.51 says "dot" before a word in lower
			 * case, and in the hi voice reads freed memory on a sign
			 * glued to punctuation ("2 \u00a9. quoted", "a +: b", found
			 * by fuzz_espeak) */
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
			    (*s >= 0x80 && say != digit && narrate_is_named(cp));
			if (alphabet == 0)
				alphabet = *s >= 0x80 && say != digit ?
				    narrate_alphabet(cp) : 0;
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
		if (utf8_is_cont(s[i]) || isdigit(s[i]) || narrate_is_sign(s + i))
			continue;
		letters++;
		capitals &= s[i] >= 'A' && s[i] <= 'Z';
	}
	spelled = letters == 1 ||
	    (capitals && letters >= 2 && letters <= NARRATE_SPELLED_MAX);
	for (i = 0; i < len; i++) {
		if (utf8_is_cont(s[i]))	/* inside a codepoint */
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
