/* SPDX-License-Identifier: GPL-3.0-or-later */
/* script: countdown script text -> struct script; the format is in
 * countdown-script(5). The parser walks the text once, line by line, looking
 * ahead at most one line, so that its time is linear in the input. */
#include "text/script.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "text/lang.h"
#include "text/script_csv.h"
#include "text/script_priv.h"
#include "util/log.h"
#include "util/textbuf.h"

/* the longest line that can be a credit, in characters */
#define SCRIPT_CREDIT_MAX	80
/* The largest file script_load reads (countdown-script(5), LIMITS): some
 * 60 hours of speech. Parsed, it takes about as much memory again, and a
 * reload holds two scripts for a moment: a 4 MB one peaks at some 15 MB,
 * within the daemon's 64 MB beside its two clips (clip.h). */
#define SCRIPT_FILE_MAX		(4u << 20)
/* how many characters of the script an error message quotes */
#define SCRIPT_SNIP		30

#define SCRIPT_NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* The marks that open a title and those that close it: a title is closed
 * in the style it was opened in. Straight and curly quotes pair either
 * way, as editors mix them; „ closes with “ (German) or ” (Polish). */
struct script_quote {
	const char	*open;
	const char	*close[2];	/* NULL when there is one */
	int		 single;	/* closes only before a non-letter, so
					 * that 'Don't' keeps its apostrophe */
};

static const struct script_quote script_quotes[] = {
	{ "\"", { "\"", "\u201d" }, 0 },
	{ "\u201c", { "\u201d", "\"" }, 0 },
	{ "\u201e", { "\u201c", "\u201d" }, 0 },
	{ "'", { "'", "\u2019" }, 1 },
	{ "\u2018", { "\u2019", "'" }, 1 },
	{ "\u201a", { "\u2018", "\u2019" }, 1 },
	{ "\u00ab", { "\u00bb", NULL }, 0 },
	{ "\u00bb", { "\u00ab", NULL }, 0 },
	{ "\u300c", { "\u300d", NULL }, 0 },
	{ "\u300e", { "\u300f", NULL }, 0 },
};

/* What a rank follows in a header: '#' right before its digits, the
 * others perhaps with a space between ("Nr. 3", "N°3"). */
static const char *const script_markers[] = {
	"#", "Nr.", "No.", "N\u00b0", "N\u00ba", "\u2116"
};

/* Latin letters U+00C0..U+017F without their accents, lowercase; '.'
 * where there is no one letter to fold to (Æ, ß, Œ, ×, ÷). */
static const char script_latin[] =
    "aaaaaa.ceeeeiiiidnooooo.ouuuuy..aaaaaa.ceeeeiiiidnooooo.ouuuuy.y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkkllllllllll"
    "nnnnnnnnnoooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
_Static_assert(sizeof(script_latin) == 0x180 - 0xc0 + 1, "U+00C0..U+017F");

/* one line of the text, trimmed; not NUL-terminated */
struct script_line {
	const char	*s;
	size_t		 len;
	int		 no;
};

struct script_reader {
	const char	*p;
	const char	*end;
	int		 no;
};

struct script_parser {
	struct script_reader	 rd;
	struct script		*s;
	struct script_error	*err;
	const struct script_opts *opts;		/* NULL: none */
	int			*rank_line;	/* rank -> first line */
	size_t			 nranked;
	/* capacities: of s->entries, of the last entry's titles and
	 * of its paragraphs */
	size_t			 ecap;
	size_t			 tcap;
	size_t			 pcap;
	struct textbuf		 buf;		/* the paragraph being gathered
						 * from hand-wrapped lines */
};

static int
script_fail(struct script_parser *p, int line, const char *fmt, ...)
    LOG_PRINTF(3, 4);

static int
script_fail(struct script_parser *p, int line, const char *fmt, ...)
{
	va_list ap;

	p->err->line = line;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static int
script_nomem(struct script_parser *p)
{
	return script_fail(p, 0, "out of memory");
}

/* Control characters count as space: a tab inside a title must not
 * reach the tab-separated --list output, nor an escape the voice. */
static int
script_space(char c)
{
	return (unsigned char)c <= ' ' || c == 0x7f;
}

static int
script_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The whole text is checked first, so that everything after may walk
 * UTF-8 without checking, and C string functions see no NUL. */
static int
script_check_text(struct script_parser *p, const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t i = 0, n;
	int line = 1, col = 1;

	while (i < len) {
		if (u[i] == '\0')
			return script_fail(p, line, "line contains a NUL byte "
			    "at column %d (is the file UTF-16?)", col);
		if ((n = u[i] < 0x80 ? 1 : textbuf_utf8_len(u + i, len - i)) == 0)
			return script_fail(p, line, "line is not valid UTF-8 "
			    "(byte 0x%02x at column %d)", u[i], col);
		col++;
		if (u[i] == '\n') {
			line++;
			col = 1;
		}
		i += n;
	}
	return 0;
}

/* The length of the space at s: an ASCII space or control character, or a
 * no-break, thin or narrow no-break space (French puts those inside « »
 * and before ':'); 0 when there is none. */
static size_t
script_space_len(const char *s, size_t n)
{
	if (n >= 1 && script_space(s[0]))
		return 1;
	if (n >= 2 && memcmp(s, "\u00a0", 2) == 0)
		return 2;
	if (n >= 3 && (memcmp(s, "\u2009", 3) == 0 ||
	    memcmp(s, "\u202f", 3) == 0))
		return 3;
	return 0;
}

/* The same for the space that ends s. */
static size_t
script_space_end(const char *s, size_t n)
{
	if (n >= 1 && script_space(s[n - 1]))
		return 1;
	if (n >= 2 && memcmp(s + n - 2, "\u00a0", 2) == 0)
		return 2;
	if (n >= 3 && (memcmp(s + n - 3, "\u2009", 3) == 0 ||
	    memcmp(s + n - 3, "\u202f", 3) == 0))
		return 3;
	return 0;
}

/* The character at s (n > 0 bytes) folded for matching words: lowercase,
 * Latin letters without their accents, ’ as ', any space as ' '; *len is
 * its length. A byte that is not UTF-8 (a phrase from the configuration
 * may hold one) stands for itself, apart from every character. */
static long
script_fold(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	long c;

	if ((*len = script_space_len(s, n)) > 0)
		return ' ';
	switch (*len = textbuf_utf8_len(u, n)) {
	case 0:
		*len = 1;
		return 0x110000L + u[0];
	case 1:
		c = u[0];
		break;
	case 2:
		c = (long)(u[0] & 0x1f) << 6 | (u[1] & 0x3f);
		break;
	case 3:
		c = (long)(u[0] & 0x0f) << 12 | (long)(u[1] & 0x3f) << 6 |
		    (u[2] & 0x3f);
		break;
	default:
		c = (long)(u[0] & 0x07) << 18 | (long)(u[1] & 0x3f) << 12 |
		    (long)(u[2] & 0x3f) << 6 | (u[3] & 0x3f);
		break;
	}
	if (c >= 'A' && c <= 'Z')
		return c + ('a' - 'A');
	if (c >= 0xc0 && c <= 0x17f && script_latin[c - 0xc0] != '.')
		return script_latin[c - 0xc0];
	if (c == 0x2018 || c == 0x2019 || c == 0x02bc)
		return '\'';
	return c;
}

/* A folded letter or digit: any character outside ASCII and the blocks
 * of punctuation counts, as most of them are letters. */
static int
script_letter(long c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	return c >= 0xc0 && c != 0xd7 && c != 0xf7 && c < 0x110000L &&
	    !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f);
}

/* Past the letters from i on: the end of the word i is in. */
static size_t
script_word_end(const char *s, size_t n, size_t i)
{
	size_t a;

	while (i < n && script_letter(script_fold(s + i, n - i, &a)))
		i += a;
	return i;
}

/* How many bytes of s match all wl bytes of w, folded; 0 when they do
 * not. */
static size_t
script_fold_prefix(const char *s, size_t n, const char *w, size_t wl)
{
	size_t i = 0, j = 0, a, b;

	while (j < wl) {
		if (i == n || script_fold(s + i, n - i, &a) !=
		    script_fold(w + j, wl - j, &b))
			return 0;
		i += a;
		j += b;
	}
	return i;
}

/* The length of the word w at s, whole ("und", not "undo"), 0 if not. */
static size_t
script_word(const char *s, size_t n, const char *w)
{
	size_t m = script_fold_prefix(s, n, w, strlen(w));

	return m > 0 && script_word_end(s, n, m) == m ? m : 0;
}

/* Does the phrase start s, each of its words the start of a word there
 * ("mention honorable" finds "Mentions honorables"), in order, apart by
 * spaces? The end of the match (the last word's rest included), or 0. */
static size_t
script_phrase(const char *s, size_t n, const char *ph)
{
	size_t i = 0, j = 0, pl = strlen(ph), w, m, a;

	for (;;) {
		while (j < pl && (a = script_space_len(ph + j, pl - j)) > 0)
			j += a;
		if (j == pl)
			return i;
		if (i > 0) {	/* words apart by spaces */
			if (i == n || script_space_len(s + i, n - i) == 0)
				return 0;
			while (i < n && (a = script_space_len(s + i, n - i)) > 0)
				i += a;
		}
		for (w = j; w < pl && script_space_len(ph + w, pl - w) == 0; w++)
			;
		if ((m = script_fold_prefix(s + i, n - i, ph + j, w - j)) == 0)
			return 0;
		i = script_word_end(s, n, i + m);
		j = w;
	}
}

/* The next line, trimmed, CR of a CRLF included; 0 at the end. */
static int
script_read(struct script_reader *r, struct script_line *l)
{
	const char *start = r->p, *stop;

	if (r->p == r->end)
		return 0;
	stop = memchr(r->p, '\n', r->end - r->p);
	if (stop == NULL)
		stop = r->end;
	r->p = stop == r->end ? stop : stop + 1;
	while (start < stop && script_space(*start))
		start++;
	while (stop > start && script_space(stop[-1]))
		stop--;
	l->s = start;
	l->len = stop - start;
	l->no = ++r->no;
	return 1;
}

static int
script_peek(const struct script_parser *p, struct script_line *l)
{
	struct script_reader r = p->rd;

	return script_read(&r, l);
}

static void
script_skip_blank(struct script_parser *p)
{
	struct script_line l;

	while (script_peek(p, &l) && l.len == 0)
		script_read(&p->rd, &l);
}

char *
script_clean(const char *s, size_t len)
{
	char *out, *o;
	size_t i;
	int gap = 0;

	if ((out = o = malloc(len + 1)) == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		if (script_space(s[i])) {
			gap = o != out;
			continue;
		}
		if (gap)
			*o++ = ' ';
		gap = 0;
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

/* How many bytes of s make its first SCRIPT_SNIP characters, for
 * quoting the script in an error without cutting a character. */
static int
script_snip(const char *s, size_t len)
{
	size_t i = 0, n;

	for (n = 0; i < len && n < SCRIPT_SNIP; n++) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
	}
	return (int)i;
}

void *
script_grow(void *arr, size_t *cap, size_t n, size_t size)
{
	size_t ncap;
	void *na;

	if (n < *cap)
		return arr;
	ncap = *cap ? *cap * 2 : 8;
	if ((na = reallocarray(arr, ncap, size)) == NULL)
		return NULL;
	*cap = ncap;
	return na;
}

void
script_tell(const struct script_opts *opts, int line, enum script_role role,
    const char *text, size_t len, const struct entry *e, const struct title *t)
{
	struct script_took took = { line, role, text, len, e, t };

	if (opts != NULL && opts->took != NULL)
		opts->took(opts->arg, &took);
}

void
script_warn(const struct script_opts *opts, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (opts == NULL || opts->warn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	opts->warn(opts->arg, line, msg);
}

static struct entry *
script_entry(struct script_parser *p, enum entry_kind kind, int line)
{
	struct script *s = p->s;
	struct entry *e;

	e = script_grow(s->entries, &p->ecap, s->nentries, sizeof(*e));
	if (e == NULL) {
		script_nomem(p);
		return NULL;
	}
	s->entries = e;
	e = &s->entries[s->nentries++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->line = line;
	p->tcap = p->pcap = 0;
	return e;
}

static struct title *
script_add_title(struct script_parser *p, struct entry *e)
{
	struct title *t;

	t = script_grow(e->titles, &p->tcap, e->ntitles, sizeof(*t));
	if (t == NULL) {
		script_nomem(p);
		return NULL;
	}
	e->titles = t;
	t = &e->titles[e->ntitles++];
	memset(t, 0, sizeof(*t));
	return t;
}

/* Ends the paragraph being gathered, if any, and adds it to e. */
static int
script_flush(struct script_parser *p, struct entry *e)
{
	char **pp, *text;

	if (p->buf.len == 0)
		return 0;
	pp = script_grow(e->paragraphs, &p->pcap, e->nparagraphs,
	    sizeof(*pp));
	if (pp == NULL)
		return script_nomem(p);
	e->paragraphs = pp;
	if ((text = script_clean(p->buf.s, p->buf.len)) == NULL)
		return script_nomem(p);
	e->paragraphs[e->nparagraphs++] = text;
	p->buf.len = 0;
	return 0;
}

/* Adds a line to the paragraph being gathered, after a space. */
static int
script_append(struct script_parser *p, const struct script_line *l)
{
	if (p->buf.len > 0)
		textbuf_putc(&p->buf, ' ');
	textbuf_putn(&p->buf, l->s, l->len);
	return p->buf.failed ? script_nomem(p) : 0;
}

/* The length of an opening quote at s, 0 if none; *q (when q is not
 * NULL) says which. */
static size_t
script_open_quote(const char *s, size_t n, const struct script_quote **q)
{
	size_t i, ql;

	for (i = 0; i < SCRIPT_NITEMS(script_quotes); i++) {
		ql = strlen(script_quotes[i].open);
		if (n >= ql && memcmp(s, script_quotes[i].open, ql) == 0) {
			if (q != NULL)
				*q = &script_quotes[i];
			return ql;
		}
	}
	return 0;
}

/* The length of a mark at s (n > 0 bytes) that closes q, 0 if none. */
static size_t
script_close_quote(const char *s, size_t n, const struct script_quote *q)
{
	size_t k, cl, a;

	for (k = 0; k < SCRIPT_NITEMS(q->close) && q->close[k] != NULL; k++) {
		cl = strlen(q->close[k]);
		if (n < cl || memcmp(s, q->close[k], cl) != 0)
			continue;
		if (q->single && cl < n &&
		    script_letter(script_fold(s + cl, n - cl, &a)))
			return 0;
		return cl;
	}
	return 0;
}

/* The length of a closing quote of any style that ends s, 0 if none. */
static size_t
script_close_end(const char *s, size_t n)
{
	size_t i, k, cl;

	/* most lines end in a letter or a full stop: no closer ends so */
	if (n == 0 || ((unsigned char)s[n - 1] < 0x80 && s[n - 1] != '"' &&
	    s[n - 1] != '\''))
		return 0;
	for (i = 0; i < SCRIPT_NITEMS(script_quotes); i++) {
		for (k = 0; k < SCRIPT_NITEMS(script_quotes[i].close); k++) {
			if (script_quotes[i].close[k] == NULL)
				continue;
			cl = strlen(script_quotes[i].close[k]);
			if (n >= cl && memcmp(s + n - cl,
			    script_quotes[i].close[k], cl) == 0)
				return cl;
		}
	}
	return 0;
}

/* The length of a header's separator at s: ':', '.', or a dash. */
static size_t
script_separator(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == ':' || s[0] == '.' || s[0] == '-'))
		return 1;
	if (n >= 3 && (memcmp(s, "\u2013", 3) == 0 ||
	    memcmp(s, "\u2014", 3) == 0))
		return 3;
	return 0;
}

static size_t
script_skip_space(const struct script_line *l, size_t i)
{
	size_t a;

	while (i < l->len && (a = script_space_len(l->s + i, l->len - i)) > 0)
		i += a;
	return i;
}

/* Where the rank's digits start after the marker that starts l, 0 when
 * l does not start with a marker and digits. */
static size_t
script_marker(const struct script_line *l)
{
	size_t k, i, ml;

	for (k = 0; k < SCRIPT_NITEMS(script_markers); k++) {
		ml = strlen(script_markers[k]);
		if (l->len < ml || memcmp(l->s, script_markers[k], ml) != 0)
			continue;
		i = k == 0 ? ml : script_skip_space(l, ml);
		return i < l->len && script_digit(l->s[i]) ? i : 0;
	}
	return 0;
}

/* A marker, digits, then a separator or straight away a quote. "#1 hit"
 * is text, but "#1: no quotes" is a header, and an error. */
static int
script_is_header(const struct script_line *l)
{
	size_t i;

	if ((i = script_marker(l)) == 0)
		return 0;
	while (i < l->len && script_digit(l->s[i]))
		i++;
	i = script_skip_space(l, i);
	return script_separator(l->s + i, l->len - i) > 0 ||
	    script_open_quote(l->s + i, l->len - i, NULL) > 0;
}

/* Does l hold no letter from i on? */
static int
script_no_word(const struct script_line *l, size_t i)
{
	size_t a;

	for (; i < l->len; i += a)
		if (script_letter(script_fold(l->s + i, l->len - i, &a)))
			return 0;
	return 1;
}

/* The end of a mentions phrase of lang.h or of the options that starts
 * s, 0 when none does. */
static size_t
script_lead_at(const struct script_parser *p, const char *s, size_t n)
{
	const struct lang *lg;
	const char *const *ph;
	size_t k, end;

	for (k = 0; (lg = lang_at(k)) != NULL; k++)
		for (ph = lg->leads; *ph != NULL; ph++)
			if ((end = script_phrase(s, n, *ph)) > 0)
				return end;
	for (k = 0; p->opts != NULL && k < p->opts->nmentions; k++)
		if ((end = script_phrase(s, n, p->opts->mentions[k])) > 0)
			return end;
	return 0;
}

/* "..., here are a few honorable mentions:", a phrase starting a word
 * of a line that ends in ':'; *bare (when not NULL) says whether the
 * line holds no other word. */
static int
script_is_lead(const struct script_parser *p, const struct script_line *l,
    int *bare)
{
	size_t i = 0, a, end;
	int first = 1;

	if (l->len == 0 || l->s[l->len - 1] != ':')
		return 0;
	while (i < l->len) {
		if (!script_letter(script_fold(l->s + i, l->len - i, &a))) {
			i += a;
			continue;
		}
		if ((end = script_lead_at(p, l->s + i, l->len - i)) > 0) {
			end += i;
			if (bare != NULL)
				*bare = first && script_no_word(l, end);
			return 1;
		}
		first = 0;
		i = script_word_end(l->s, l->len, i);
	}
	return 0;
}

/* A line that ends a body: the next header or a mentions lead. */
static int
script_is_stop(const struct script_parser *p, const struct script_line *l)
{
	return script_is_header(l) || script_is_lead(p, l, NULL);
}

/* Ends in . ! ? or :, closing quotes after them aside. */
static int
script_ends_sentence(const struct script_line *l)
{
	size_t n = l->len;

	size_t q;

	while ((q = script_close_end(l->s, n)) > 0)
		n -= q;
	return n > 0 && (l->s[n - 1] == '.' || l->s[n - 1] == '!' ||
	    l->s[n - 1] == '?' || l->s[n - 1] == ':');
}

/* One short line that does not end like a sentence. */
static int
script_is_credit(const struct script_parser *p, const struct script_line *l)
{
	size_t i, chars = 0;
	char last;

	if (l->len == 0 || script_is_stop(p, l))
		return 0;
	for (i = 0; i < l->len && chars <= SCRIPT_CREDIT_MAX; i++)
		if (((unsigned char)l->s[i] & 0xc0) != 0x80)
			chars++;
	last = l->s[l->len - 1];
	return chars <= SCRIPT_CREDIT_MAX &&
	    last != '.' && last != '!' && last != '?';
}

/* The next line when it is a credit, consumed, blank lines before it
 * skipped; *credit stays NULL when there is none. */
static int
script_credit(struct script_parser *p, char **credit)
{
	struct script_line l;

	script_skip_blank(p);
	if (!script_peek(p, &l) || !script_is_credit(p, &l) ||
	    script_open_quote(l.s, l.len, NULL) > 0)
		return 0;
	script_read(&p->rd, &l);
	if ((*credit = script_clean(l.s, l.len)) == NULL)
		return script_nomem(p);
	return 0;
}

/* "(2009)" at *i, if there: four digits in parentheses. */
static int
script_year(struct script_parser *p, const struct script_line *l,
    size_t *i, struct title *t)
{
	size_t k, j = *i;

	if (j >= l->len || l->s[j] != '(')
		return 0;
	for (k = 1; k <= 4; k++)
		if (j + k >= l->len || !script_digit(l->s[j + k]))
			break;
	if (k != 5 || j + 5 >= l->len || l->s[j + 5] != ')')
		return script_fail(p, l->no, "a year is four digits in "
		    "parentheses, like (2009), not '%.*s'",
		    script_snip(l->s + j, l->len - j), l->s + j);
	for (k = 1; k <= 4; k++)
		t->year = t->year * 10 + (l->s[j + k] - '0');
	*i = script_skip_space(l, j + 6);
	return 0;
}

/* One title in quotes at *i, and its year if one follows. The spaces
 * inside the quotes go, no-break ones too: « Titre ». */
static int
script_title(struct script_parser *p, const struct script_line *l,
    size_t *i, struct title *t)
{
	const struct script_quote *quote;
	size_t q = 0, start, stop, a, j = *i;

	/* the callers saw the quote; the check keeps this one honest */
	if ((q = script_open_quote(l->s + j, l->len - j, &quote)) == 0)
		return script_fail(p, l->no, "expected a title in quotes");
	j += q;
	start = j;
	while (j < l->len &&
	    (q = script_close_quote(l->s + j, l->len - j, quote)) == 0)
		j++;
	if (j >= l->len)
		return script_fail(p, l->no, "title in quotes is not closed");
	for (stop = j; start < stop &&
	    (a = script_space_len(l->s + start, stop - start)) > 0; start += a)
		;
	while ((a = script_space_end(l->s + start, stop - start)) > 0)
		stop -= a;
	if ((t->text = script_clean(l->s + start, stop - start)) == NULL)
		return script_nomem(p);
	if (t->text[0] == '\0')
		return script_fail(p, l->no, "empty title in quotes");
	*i = script_skip_space(l, j + q);
	return script_year(p, l, i, t);
}

static int
script_trailing(struct script_parser *p, const struct script_line *l,
    size_t i)
{
	return script_fail(p, l->no, "unexpected text after the title: '%.*s'",
	    script_snip(l->s + i, l->len - i), l->s + i);
}

/* The length of what joins two titles at s: '&', or the word "and" of a
 * language of lang.h or of the options; 0 when there is none. */
static size_t
script_join(const struct script_parser *p, const char *s, size_t n)
{
	const struct lang *lg;
	size_t k, m;

	if (s[0] == '&')
		return 1;
	for (k = 0; (lg = lang_at(k)) != NULL; k++)
		if ((m = script_word(s, n, lg->and)) > 0)
			return m;
	if (p->opts != NULL && p->opts->and != NULL &&
	    (m = script_word(s, n, p->opts->and)) > 0)
		return m;
	return 0;
}

/* Titles from *i to the end of the header, joined by '&' or "and". */
static int
script_titles(struct script_parser *p, const struct script_line *l,
    size_t i, struct entry *e)
{
	struct title *t;
	size_t join, at;

	for (;;) {
		if ((t = script_add_title(p, e)) == NULL)
			return -1;
		if (script_title(p, l, &i, t) == -1)
			return -1;
		if (i == l->len)
			return 0;
		if ((join = script_join(p, l->s + i, l->len - i)) == 0)
			return script_trailing(p, l, i);
		at = i;
		i = script_skip_space(l, i + join);
		if (script_open_quote(l->s + i, l->len - i, NULL) == 0)
			return script_fail(p, l->no, "expected a title in "
			    "quotes after '%.*s'", (int)join, l->s + at);
	}
}

/* A body line: blank lines end a paragraph, and so does a line that ends
 * a sentence; other lines were wrapped by hand and go on. */
static int
script_text(struct script_parser *p, struct entry *e,
    const struct script_line *l)
{
	if (l->len == 0)
		return script_flush(p, e);
	if (script_append(p, l) == -1)
		return -1;
	if (script_ends_sentence(l))
		return script_flush(p, e);
	return 0;
}

/* The paragraphs up to the next header, mentions lead or the end. */
static int
script_body(struct script_parser *p, struct entry *e)
{
	struct script_line l;

	while (script_peek(p, &l) && !script_is_stop(p, &l)) {
		script_read(&p->rd, &l);
		if (script_text(p, e, &l) == -1)
			return -1;
	}
	return script_flush(p, e);
}

/* The title line and the intro up to the first header. */
static int
script_intro(struct script_parser *p)
{
	struct script_line l;
	struct entry *e;

	script_read(&p->rd, &l);
	if ((p->s->title = script_clean(l.s, l.len)) == NULL)
		return script_nomem(p);
	if ((e = script_entry(p, ENTRY_INTRO, l.no)) == NULL)
		return -1;
	if ((e->lead = strdup(p->s->title)) == NULL)
		return script_nomem(p);
	return script_body(p, e);
}

/* The rank of a header, remembered to catch it again. */
static int
script_rank(struct script_parser *p, const struct script_line *l,
    size_t *i, struct entry *e)
{
	size_t j;

	for (j = script_marker(l); j < l->len && script_digit(l->s[j]); j++)
		if (e->rank <= SCRIPT_RANK_MAX)
			e->rank = e->rank * 10 + (l->s[j] - '0');
	if (e->rank == 0)
		return script_fail(p, l->no, "rank %.*s: ranks start at 1",
		    script_snip(l->s, j), l->s);
	if (e->rank > SCRIPT_RANK_MAX)
		return script_fail(p, l->no, "rank %.*s is too large "
		    "(at most %d)", script_snip(l->s, j), l->s,
		    SCRIPT_RANK_MAX);
	if (p->rank_line[e->rank] != 0)
		return script_fail(p, l->no, "duplicate rank #%d "
		    "(first at line %d)", e->rank, p->rank_line[e->rank]);
	p->rank_line[e->rank] = l->no;
	*i = j;
	return 0;
}

/* "#RANK: "Title" (Year) & ...", the credit line, the body. */
static int
script_ranked(struct script_parser *p)
{
	struct script_line l;
	struct entry *e;
	size_t i = 0;

	script_read(&p->rd, &l);
	if ((e = script_entry(p, ENTRY_RANKED, l.no)) == NULL)
		return -1;
	if (script_rank(p, &l, &i, e) == -1)
		return -1;
	i = script_skip_space(&l, i);
	i = script_skip_space(&l, i + script_separator(l.s + i, l.len - i));
	if (script_open_quote(l.s + i, l.len - i, NULL) == 0)
		return script_fail(p, l.no, "entry header has no title in "
		    "quotes");
	if (script_titles(p, &l, i, e) == -1)
		return -1;
	p->nranked++;
	if (script_credit(p, &e->credit) == -1)
		return -1;
	return script_body(p, e);
}

/* An honorable mention: "Title" (Year) alone on its line, then its
 * credit line. */
static int
script_item(struct script_parser *p, const struct script_line *l,
    struct entry *e)
{
	struct title *t;
	size_t i = 0;

	if ((t = script_add_title(p, e)) == NULL)
		return -1;
	if (script_title(p, l, &i, t) == -1)
		return -1;
	if (i < l->len)
		return script_trailing(p, l, i);
	return script_credit(p, &t->credit);
}

/* The lead line, then items up to the next header; lines that are no
 * item are the block's paragraphs. */
static int
script_mentions(struct script_parser *p)
{
	struct script_line l, lead;
	struct entry *e;

	script_read(&p->rd, &lead);
	if ((e = script_entry(p, ENTRY_MENTIONS, lead.no)) == NULL)
		return -1;
	script_is_lead(p, &lead, &e->bare_lead);
	if ((e->lead = script_clean(lead.s, lead.len)) == NULL)
		return script_nomem(p);
	while (script_peek(p, &l) && !script_is_stop(p, &l)) {
		script_read(&p->rd, &l);
		if (script_open_quote(l.s, l.len, NULL) == 0) {
			if (script_text(p, e, &l) == -1)
				return -1;
		} else if (script_flush(p, e) == -1 ||
		    script_item(p, &l, e) == -1)
			return -1;
	}
	if (script_flush(p, e) == -1)
		return -1;
	if (e->ntitles == 0)
		return script_fail(p, lead.no, "honorable mentions with no "
		    "titles in quotes after them");
	return 0;
}

static int
script_top(struct script_parser *p)
{
	struct script_line l;
	const struct entry *first;

	script_skip_blank(p);
	if (!script_peek(p, &l))
		return script_fail(p, 0, "empty script");
	if (!script_is_header(&l) && script_intro(p) == -1)
		return -1;
	while (script_peek(p, &l)) {
		if (script_is_header(&l) ? script_ranked(p) == -1 :
		    script_mentions(p) == -1)
			return -1;
	}
	if (p->nranked > 0)
		return 0;
	first = &p->s->entries[0];
	if (p->s->nentries == 1 && first->nparagraphs == 0)
		return script_fail(p, first->line, "only a title, no entries "
		    "(expected lines like '#10: \"Title\"')");
	return script_fail(p, first->line, "no entries (expected lines like "
	    "'#10: \"Title\"')");
}

int
script_parse(const char *text, size_t len, const struct script_opts *opts,
    struct script *s, struct script_error *err)
{
	struct script_parser p;
	int rc = -1;

	memset(s, 0, sizeof(*s));
	memset(err, 0, sizeof(*err));
	memset(&p, 0, sizeof(p));
	p.opts = opts;
	p.s = s;
	p.err = err;
	if (text == NULL)
		text = "";
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	p.rd.p = text;
	p.rd.end = text + len;
	p.rank_line = calloc(SCRIPT_RANK_MAX + 1, sizeof(*p.rank_line));
	if (p.rank_line == NULL)
		script_nomem(&p);
	else if (script_check_text(&p, text, len) == 0)
		rc = script_top(&p);
	free(p.rank_line);
	textbuf_reset(&p.buf);
	if (rc == -1)
		script_free(s);
	return rc;
}

int
script_load(const char *path, const struct script_opts *opts,
    struct script *s, struct script_error *err)
{
	const char *ext;
	char *text;
	size_t len;
	int rc;

	memset(s, 0, sizeof(*s));
	memset(err, 0, sizeof(*err));
	if ((text = textbuf_read_file(path, SCRIPT_FILE_MAX, &len)) == NULL) {
		if (errno == EFBIG) {
			snprintf(err->msg, sizeof(err->msg), "larger than %u MB, "
			    "the most a script may be (countdown-script(5), "
			    "LIMITS)", SCRIPT_FILE_MAX >> 20);
			return EX_DATAERR;
		}
		snprintf(err->msg, sizeof(err->msg), "%s", strerror(errno));
		return EX_NOINPUT;
	}
	if ((ext = strrchr(path, '.')) != NULL && (strcasecmp(ext, ".csv") == 0 ||
	    strcasecmp(ext, ".tsv") == 0))
		rc = script_csv_parse(text, len, ext[1] == 't' || ext[1] == 'T' ?
		    '\t' : ',', opts, s, err);
	else
		rc = script_parse(text, len, opts, s, err);
	rc = rc == 0 ? 0 : EX_DATAERR;
	free(text);
	return rc;
}

static void
script_free_entry(struct entry *e)
{
	size_t i;

	for (i = 0; i < e->ntitles; i++) {
		free(e->titles[i].text);
		free(e->titles[i].credit);
	}
	free(e->titles);
	for (i = 0; i < e->nparagraphs; i++)
		free(e->paragraphs[i]);
	free(e->paragraphs);
	free(e->credit);
	free(e->lead);
}

void
script_free(struct script *s)
{
	size_t i;

	for (i = 0; i < s->nentries; i++)
		script_free_entry(&s->entries[i]);
	free(s->entries);
	free(s->title);
	memset(s, 0, sizeof(*s));
}

static const char *const script_roles[] = {
	[SCRIPT_BLANK] = "blank", [SCRIPT_TITLE] = "title",
	[SCRIPT_INTRO] = "intro", [SCRIPT_HEADER] = "header",
	[SCRIPT_CREDIT] = "credit", [SCRIPT_BODY] = "body",
	[SCRIPT_LEAD] = "mentions lead", [SCRIPT_MENTION] = "mention",
	[SCRIPT_IGNORED] = "ignored", [SCRIPT_COLUMNS] = "columns",
};

const char *
script_role_name(enum script_role role)
{
	return script_roles[role];
}

static const struct entry_kind_info script_kinds[ENTRY_NKINDS] = {
	[ENTRY_INTRO] = { .name = "intro", .label = "intro" },
	[ENTRY_RANKED] = { .name = "entry", .ranked = true },
	[ENTRY_MENTIONS] = { .name = "mentions", .label = "honorable mentions",
	    .items = true },
};

const struct entry_kind_info *
script_kind(enum entry_kind kind)
{
	return &script_kinds[kind];
}

const char *
script_kind_name(enum entry_kind kind)
{
	return script_kind(kind)->name;
}

int
script_kind_by_name(const char *name, enum entry_kind *kind)
{
	int k;

	for (k = 0; k < ENTRY_NKINDS; k++)
		if (strcmp(name, script_kinds[k].name) == 0) {
			*kind = (enum entry_kind)k;
			return 0;
		}
	return -1;
}
