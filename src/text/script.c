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

#include "core/limits.h"
#include "text/fold.h"
#include "text/lang.h"
#include "text/script_csv.h"
#include "text/script_priv.h"
#include "util/log.h"
#include "util/textbuf.h"
#include "util/utf8.h"

/* the longest line that can be a credit, in characters */
#define SCRIPT_CREDIT_MAX	80
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

/* The forms a header takes (countdown-script(5), Entry headers). */
enum script_form {
	SCRIPT_FORM_NONE,
	SCRIPT_FORM_MARKER,	/* "#10:", "Nr. 10", ...: a header anywhere */
	SCRIPT_FORM_SPOKEN,	/* "Number 10:", a word of lang.h's ranks */
	SCRIPT_FORM_NUMBERED,	/* "10.", "10)", "10:", "10 -" */
};

/* how many forms script_prescan tells apart; one more is text */
#define SCRIPT_FORMS_MAX	8

/* A line read as a header: its form, and where its parts are. */
struct script_head {
	enum script_form	 kind;
	int			 level;	/* the Markdown heading's ("## "), 0 */
	size_t			 emph;	/* the emphasis around it ("**"), 0 */
	const char		*word;	/* SPOKEN: lang.h's word */
	char			 sep;	/* NUMBERED: '.', ')', ':' or '-' */
	int			 rank;	/* SCRIPT_RANK_MAX + 1 when larger */
	struct script_line	 inner;	/* the line without its Markdown */
	size_t			 end;	/* past the rank's digits in inner */
	size_t			 title;	/* where the titles start in inner */
};

struct script_parser {
	struct script_reader	 rd;
	struct script		*s;
	struct script_error	*err;
	const struct script_opts *opts;		/* NULL: none */
	int			*rank_line;	/* rank -> first line */
	size_t			 nranked;
	struct script_room	 room;
	struct textbuf		 buf;		/* the paragraph being gathered
						 * from hand-wrapped lines */
	int			 markers;	/* a marker's header anywhere:
						 * the only headers */
	struct script_head	 form;		/* else the headers' form */
	int			 run_line;	/* the line of its first */
	int			 last_rank;	/* of the last of them, 0 */
	int			 dir;		/* -1 down, 1 up, 0 unknown */
	int			 list;		/* in a body, after a line that
						 * ends in ':': numbered lines
						 * are its list */
};

static int
script_fail(struct script_parser *p, int line, const char *fmt, ...)
    LOG_PRINTF(3, 4);
/* the pre-scan asks it, and it asks what script_head asks */
static int	script_is_lead(const struct script_parser *p,
		    const struct script_line *l, int *bare);

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
		if ((n = u[i] < 0x80 ? 1 : utf8_len(text + i, len - i)) == 0)
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
	while (start < stop && fold_space(*start))
		start++;
	while (stop > start && fold_space(stop[-1]))
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

/* Past blank lines; e is the entry they are in (NULL: none yet). */
static void
script_skip_blank(struct script_parser *p, const struct entry *e)
{
	struct script_line l;

	while (script_peek(p, &l) && l.len == 0) {
		script_read(&p->rd, &l);
		script_tell(p->opts, l.no, SCRIPT_BLANK, l.s, l.len, e, NULL);
	}
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
		if (fold_space(s[i])) {
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
	return (int)utf8_skip(s, len, SCRIPT_SNIP);
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

struct entry *
script_new_entry(struct script *s, struct script_room *r, enum entry_kind kind,
    int line)
{
	struct entry *e;

	e = script_grow(s->entries, &r->entries, s->nentries, sizeof(*e));
	if (e == NULL)
		return NULL;
	s->entries = e;
	e = &s->entries[s->nentries++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->line = line;
	r->titles = r->paragraphs = 0;
	return e;
}

struct title *
script_new_title(struct entry *e, struct script_room *r)
{
	struct title *t;

	t = script_grow(e->titles, &r->titles, e->ntitles, sizeof(*t));
	if (t == NULL)
		return NULL;
	e->titles = t;
	t = &e->titles[e->ntitles++];
	memset(t, 0, sizeof(*t));
	return t;
}

int
script_add_paragraph(struct entry *e, struct script_room *r, char *text)
{
	char **pp;

	pp = script_grow(e->paragraphs, &r->paragraphs, e->nparagraphs,
	    sizeof(*pp));
	if (pp == NULL)
		return -1;
	e->paragraphs = pp;
	e->paragraphs[e->nparagraphs++] = text;
	return 0;
}

static struct entry *
script_entry(struct script_parser *p, enum entry_kind kind, int line)
{
	struct entry *e = script_new_entry(p->s, &p->room, kind, line);

	if (e == NULL)
		script_nomem(p);
	return e;
}

static struct title *
script_add_title(struct script_parser *p, struct entry *e)
{
	struct title *t = script_new_title(e, &p->room);

	if (t == NULL)
		script_nomem(p);
	return t;
}

/* Ends the paragraph being gathered, if any, and adds it to e. */
static int
script_flush(struct script_parser *p, struct entry *e)
{
	char *text;

	if (p->buf.len == 0)
		return 0;
	if ((text = script_clean(p->buf.s, p->buf.len)) == NULL)
		return script_nomem(p);
	if (script_add_paragraph(e, &p->room, text) == -1) {
		free(text);
		return script_nomem(p);
	}
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
		    fold_letter(fold_char(s + cl, n - cl, &a)))
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

/* The length of the emphasis that wraps s ("**Tetris**", "_Valve_"): a
 * run of one to three '*' or '_' at both ends, touching the text; 0 when
 * none does. */
static size_t
script_emphasis(const char *s, size_t n)
{
	size_t k = 0, i;

	while (k < 3 && k < n && (s[k] == '*' || s[k] == '_') && s[k] == s[0])
		k++;
	if (k == 0 || n <= 2 * k || fold_space(s[k]) ||
	    fold_space(s[n - k - 1]))
		return 0;
	for (i = 0; i < k; i++)
		if (s[n - 1 - i] != s[0])
			return 0;
	return k;
}

/* s without the emphasis that wraps it, in place: it is neither said nor
 * shown. */
static void
script_unemph(char *s)
{
	size_t n = strlen(s), k;

	if ((k = script_emphasis(s, n)) == 0)
		return;
	memmove(s, s + k, n - 2 * k);
	s[n - 2 * k] = '\0';
}

/* The length of a dash at s that a space follows ("- ", "– ", "— "), 0
 * if none. */
static size_t
script_dash(const char *s, size_t n)
{
	size_t d = 0;

	if (n >= 1 && s[0] == '-')
		d = 1;
	else if (n >= 3 && (memcmp(s, "\u2013", 3) == 0 ||
	    memcmp(s, "\u2014", 3) == 0))
		d = 3;
	return d > 0 && d < n && fold_space_len(s + d, n - d) > 0 ? d : 0;
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

	while (i < l->len && (a = fold_space_len(l->s + i, l->len - i)) > 0)
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

/* The Markdown around a line: a heading's '#'s and a space ("## "), then
 * emphasis that wraps the rest ("**...**", "_..._"). l without them; *level
 * and *emph say what went. */
static struct script_line
script_markdown(const struct script_line *l, int *level, size_t *emph)
{
	struct script_line in = *l;
	size_t n = 0, k;

	*level = 0;
	*emph = 0;
	while (n < in.len && in.s[n] == '#')
		n++;
	if (n >= 1 && n <= 6 && n < in.len &&
	    fold_space_len(in.s + n, in.len - n) > 0) {
		*level = (int)n;
		k = script_skip_space(&in, n);
		in.s += k;
		in.len -= k;
	}
	if ((n = script_emphasis(in.s, in.len)) > 0) {
		*emph = n;
		in.s += n;
		in.len -= 2 * n;
		while (in.len > 0 && fold_space(in.s[0])) {
			in.s++;
			in.len--;
		}
		while (in.len > 0 && fold_space(in.s[in.len - 1]))
			in.len--;
	}
	return in;
}

/* Digits from i: the rank (SCRIPT_RANK_MAX + 1 when larger), *end past
 * them. */
static int
script_digits(const struct script_line *l, size_t i, size_t *end)
{
	int rank = 0;

	for (; i < l->len && script_digit(l->s[i]); i++)
		if (rank <= SCRIPT_RANK_MAX)
			rank = rank * 10 + (l->s[i] - '0');
	*end = i;
	return rank;
}

/* After a marker's or a spoken word's rank: a separator, or straight away
 * a quote ("#1 hit" is text); where the titles start, or 0. */
static size_t
script_after_rank(const struct script_line *l, size_t i)
{
	size_t sep;

	i = script_skip_space(l, i);
	if ((sep = script_separator(l->s + i, l->len - i)) == 0 &&
	    script_open_quote(l->s + i, l->len - i, NULL) == 0)
		return 0;
	return script_skip_space(l, i + sep);
}

/* "Number 10", a word of lang.h's ranks, a space, digits: where the
 * digits start, 0 if not; *word says which word. */
static size_t
script_spoken(const struct script_line *l, const char **word)
{
	const struct lang *lg;
	const char *const *w;
	size_t k, e, i;

	/* A word, spaces and a digit first: most lines of a script are not
	 * headers, and this spares them the words of every language. The
	 * first space is looked for byte by byte (stopping also at the first
	 * byte of the no-break and thin spaces fold_space_len knows), the
	 * word's end then in characters (the rank words are letters alone,
	 * so one ends where the word does). */
	for (e = 0; e < l->len && e < 32 && !fold_space(l->s[e]) &&
	    (unsigned char)l->s[e] != 0xc2 && (unsigned char)l->s[e] != 0xe2; e++)
		;
	i = script_skip_space(l, e);
	if (e == 0 || i == e || i >= l->len || !script_digit(l->s[i]) ||
	    fold_word_end(l->s, e, 0) != e)
		return 0;
	for (k = 0; (lg = lang_at(k)) != NULL; k++)
		for (w = lg->ranks; *w != NULL; w++)
			if (fold_word(l->s, e, *w) == e) {
				*word = *w;
				return i;
			}
	return 0;
}

/* "10.", "10)" or "10:" and a space, or "10 -" (any dash) and a space:
 * where the title starts, 0 if not; *sep says which. */
static size_t
script_numbered(const struct script_line *l, size_t end, char *sep)
{
	size_t i, d;

	if (end < l->len && (l->s[end] == '.' || l->s[end] == ')' ||
	    l->s[end] == ':') && end + 1 < l->len &&
	    fold_space_len(l->s + end + 1, l->len - end - 1) > 0) {
		*sep = l->s[end];
		return script_skip_space(l, end + 1);
	}
	i = script_skip_space(l, end);
	if (i == end || (d = script_dash(l->s + i, l->len - i)) == 0)
		return 0;
	*sep = '-';
	return script_skip_space(l, i + d);
}

/* Is l a header of any form (struct script_head says which)? Whether it
 * is one of this countdown's is script_is_header's. */
static int
script_head(const struct script_line *l, struct script_head *h)
{
	struct script_line *in = &h->inner;
	size_t i;

	memset(h, 0, sizeof(*h));
	*in = script_markdown(l, &h->level, &h->emph);
	if ((i = script_marker(in)) > 0)
		h->kind = SCRIPT_FORM_MARKER;
	else if ((i = script_spoken(in, &h->word)) > 0)
		h->kind = SCRIPT_FORM_SPOKEN;
	else if (in->len > 0 && script_digit(in->s[0]))
		h->kind = SCRIPT_FORM_NUMBERED;
	else
		return 0;
	h->rank = script_digits(in, i, &h->end);
	if (h->kind == SCRIPT_FORM_NUMBERED)
		h->title = script_numbered(in, h->end, &h->sep);
	else
		h->title = script_after_rank(in, h->end);
	if (h->title == 0)
		h->kind = SCRIPT_FORM_NONE;
	/* a marker's header is one whatever follows (and an error when its
	 * rank is out of range); the others must have a title and a rank */
	else if (h->kind != SCRIPT_FORM_MARKER && (h->title == in->len ||
	    h->rank < 1 || h->rank > SCRIPT_RANK_MAX))
		h->kind = SCRIPT_FORM_NONE;
	return h->kind != SCRIPT_FORM_NONE;
}

/* Are a and b headers of one form: the same marker kind, words, separator
 * and Markdown? */
static int
script_same_form(const struct script_head *a, const struct script_head *b)
{
	return a->kind == b->kind && a->level == b->level &&
	    a->emph == b->emph && a->word == b->word && a->sep == b->sep;
}

/* Is l one of this countdown's headers? A marker's always is, as it
 * always was; the other forms only in a script without markers, of the
 * form script_prescan chose, in the run of ranks it found. */
static int
script_is_header(const struct script_parser *p, const struct script_line *l,
    struct script_head *h)
{
	if (!script_head(l, h))
		return 0;
	if (h->kind == SCRIPT_FORM_MARKER)
		return 1;
	if (p->markers || p->list || !script_same_form(h, &p->form) ||
	    l->no < p->run_line)
		return 0;
	if (p->last_rank == 0)
		return l->no == p->run_line;
	if (p->dir == 0)
		return h->rank == p->last_rank - 1 ||
		    h->rank == p->last_rank + 1;
	return h->rank == p->last_rank + p->dir;
}

/* Headers of one form whose ranks follow by one, down or up. */
struct script_run {
	int	start;		/* the line of the first */
	int	len;
	int	last;		/* the last one's rank */
	int	dir;		/* -1, 1, 0 while it is one header */
};

/* The header of a rank on line no added to r when it follows it, or as
 * r's new start when restart; whether it was added. */
static int
script_run_add(struct script_run *r, int rank, int no, int restart)
{
	if (r->len > 0 && (r->dir == 0 ? rank == r->last - 1 ||
	    rank == r->last + 1 : rank == r->last + r->dir)) {
		r->dir = rank - r->last;
		r->len++;
	} else if (restart) {
		r->start = no;
		r->len = 1;
		r->dir = 0;
	} else
		return 0;
	r->last = rank;
	return 1;
}

/* Does a line that ends in ':' start a list in a body ("How to:", then
 * "1. preheat the oven")? Not a mentions lead: its block is no body. */
static int
script_starts_list(const struct script_parser *p, const struct script_line *l,
    int in_body)
{
	return in_body && l->len > 0 && l->s[l->len - 1] == ':' &&
	    !script_is_lead(p, l, NULL);
}

/* Which of the forms without a marker the script's headers take, and
 * where their run starts: the longest run of one form whose ranks go down
 * (or up) by one, the first of equals; the numbered lines of a list in a
 * body (script_starts_list) are not looked at. A script with a marker's
 * header anywhere reads the markers' headers alone, as it always did. One
 * walk over the text, before the parse. */
static void
script_prescan(struct script_parser *p)
{
	struct script_form_runs {
		struct script_head	head;
		struct script_run	run;	/* the longest so far */
		struct script_run	alt;	/* one going on beside it */
	} forms[SCRIPT_FORMS_MAX], *f;
	struct script_reader rd = p->rd;
	struct script_line l;
	struct script_head h;
	size_t n = 0, k, best = 0;
	int list = 0, seen = 0, taken;

	while (script_read(&rd, &l)) {
		if (!script_head(&l, &h)) {
			list = script_starts_list(p, &l, seen);
			continue;
		}
		if (h.kind == SCRIPT_FORM_MARKER) {
			p->markers = 1;
			return;
		}
		if (list)
			continue;
		seen = 1;
		for (k = 0; k < n && !script_same_form(&forms[k].head, &h); k++)
			;
		if (k == n) {
			if (n == SCRIPT_FORMS_MAX)
				continue;
			memset(&forms[n++], 0, sizeof(forms[0]));
		}
		f = &forms[k];
		f->head = h;
		/* a line that does not follow the run is body text in it, as
		 * the parse reads it, or the start of a run beside it that
		 * takes over once it is longer */
		taken = script_run_add(&f->run, h.rank, l.no, f->run.len == 0);
		if (!script_run_add(&f->alt, h.rank, l.no, !taken))
			f->alt.len = 0;
		if (f->alt.len > f->run.len) {
			f->run = f->alt;
			f->alt.len = 0;
		}
	}
	for (k = 1; k < n; k++)
		if (forms[k].run.len > forms[best].run.len ||
		    (forms[k].run.len == forms[best].run.len &&
		    forms[k].run.start < forms[best].run.start))
			best = k;
	if (n > 0) {
		p->form = forms[best].head;
		p->run_line = forms[best].run.start;
	}
}

/* Does l hold no letter from i on? */
static int
script_no_word(const struct script_line *l, size_t i)
{
	size_t a;

	for (; i < l->len; i += a)
		if (fold_letter(fold_char(l->s + i, l->len - i, &a)))
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
			if ((end = fold_phrase(s, n, *ph)) > 0)
				return end;
	for (k = 0; p->opts != NULL && k < p->opts->nmentions; k++)
		if ((end = fold_phrase(s, n, p->opts->mentions[k])) > 0)
			return end;
	return 0;
}

/* A Markdown heading, or a line that emphasis wraps. */
static int
script_heading(const struct script_line *l)
{
	int level;
	size_t emph;

	script_markdown(l, &level, &emph);
	return level > 0 || emph > 0;
}

/* "..., here are a few honorable mentions:", a phrase starting a word
 * of a line that ends in ':' or is a Markdown heading ("## Honorable
 * mentions", "**Honorable mentions**"); *bare (when not NULL) says whether the
 * line holds no other word. */
static int
script_is_lead(const struct script_parser *p, const struct script_line *l,
    int *bare)
{
	size_t i = 0, a, end;
	int first = 1;

	if (l->len == 0 || (l->s[l->len - 1] != ':' && !script_heading(l)))
		return 0;
	while (i < l->len) {
		if (!fold_letter(fold_char(l->s + i, l->len - i, &a))) {
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
		i = fold_word_end(l->s, l->len, i);
	}
	return 0;
}

/* A line that ends a body: the next header or a mentions lead. */
static int
script_is_stop(const struct script_parser *p, const struct script_line *l)
{
	struct script_head h;

	return script_is_header(p, l, &h) || script_is_lead(p, l, NULL);
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
	size_t emph;
	int level;
	char last;

	if (l->len == 0 || script_is_stop(p, l))
		return 0;
	script_markdown(l, &level, &emph);
	if (level > 0)		/* "### Why it matters": a heading in the body */
		return 0;
	last = l->s[l->len - 1];
	return utf8_chars(l->s, l->len) <= SCRIPT_CREDIT_MAX &&
	    last != '.' && last != '!' && last != '?';
}

/* The next line when it is a credit, consumed, blank lines before it
 * skipped; *credit stays NULL when there is none. */
static int
script_credit(struct script_parser *p, const struct entry *e, char **credit)
{
	struct script_line l;

	script_skip_blank(p, e);
	if (!script_peek(p, &l) || !script_is_credit(p, &l) ||
	    script_open_quote(l.s, l.len, NULL) > 0)
		return 0;
	script_read(&p->rd, &l);
	if ((*credit = script_clean(l.s, l.len)) == NULL)
		return script_nomem(p);
	script_unemph(*credit);
	script_tell(p->opts, l.no, SCRIPT_CREDIT, l.s, l.len, e, NULL);
	return 0;
}

/* s (n bytes) with the words in parentheses at i put after a space:
 * "Oolong" and "(high mountain)" are "Oolong (high mountain)". */
static int
script_add_paren(struct script_parser *p, const struct script_line *l,
    size_t i, size_t n, struct title *t)
{
	char *paren, *text;

	if ((paren = script_clean(l->s + i, n)) == NULL)
		return script_nomem(p);
	if (asprintf(&text, "%s %s", t->text, paren) == -1) {
		free(paren);
		return script_nomem(p);
	}
	free(paren);
	free(t->text);
	t->text = text;
	return 0;
}

/* After a title in quotes: its year, four digits in parentheses; any
 * other parenthesis is part of the title ("Oolong" (high mountain)), and
 * one of digits alone is warned about, as a year mistyped. */
static int
script_parens(struct script_parser *p, const struct script_line *l,
    size_t *i, struct title *t)
{
	const char *close;
	size_t j = *i, k, n;

	while (j < l->len && l->s[j] == '(' &&
	    (close = memchr(l->s + j, ')', l->len - j)) != NULL) {
		n = close - (l->s + j) + 1;
		for (k = 1; k < n - 1 && script_digit(l->s[j + k]); k++)
			;
		if (n == 6 && k == 5 && t->year == 0) {
			for (k = 1; k <= 4; k++)
				t->year = t->year * 10 + (l->s[j + k] - '0');
		} else {
			if (k == n - 1 && n > 2)
				script_warn(p->opts, l->no, "'%.*s' is not a "
				    "year (four digits): it is kept in the "
				    "title", (int)n, l->s + j);
			if (script_add_paren(p, l, j, n, t) == -1)
				return -1;
		}
		j = script_skip_space(l, j + n);
	}
	*i = j;
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
	    (a = fold_space_len(l->s + start, stop - start)) > 0; start += a)
		;
	while ((a = fold_space_end(l->s + start, stop - start)) > 0)
		stop -= a;
	if ((t->text = script_clean(l->s + start, stop - start)) == NULL)
		return script_nomem(p);
	script_unemph(t->text);
	if (t->text[0] == '\0')
		return script_fail(p, l->no, "empty title in quotes");
	*i = script_skip_space(l, j + q);
	return script_parens(p, l, i, t);
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
		if ((m = fold_word(s, n, lg->and)) > 0)
			return m;
	if (p->opts != NULL && p->opts->and != NULL &&
	    (m = fold_word(s, n, p->opts->and)) > 0)
		return m;
	return 0;
}

/* What leads a credit on the title's line at i: a dash and a space, or
 * the word "by" of a language of lang.h; where the credit starts, or 0. */
static size_t
script_credit_at(const struct script_line *l, size_t i)
{
	const struct lang *lg;
	size_t k, m;

	if ((m = script_dash(l->s + i, l->len - i)) == 0)
		for (k = 0; (lg = lang_at(k)) != NULL && m == 0; k++)
			if ((m = fold_word(l->s + i, l->len - i, lg->by)) > 0 &&
			    (i + m == l->len || fold_space_len(l->s + i + m,
			    l->len - i - m) == 0))
				m = 0;
	return m > 0 ? script_skip_space(l, i + m) : 0;
}

/* The length of s (n bytes) without "(YEAR)" at its end, spaces before it
 * too; *year the year (when it is 0), n when there is none. */
static size_t
script_year_end(const char *s, size_t n, int *year)
{
	size_t k;
	int y = 0;

	if (n < 6 || s[n - 1] != ')' || s[n - 6] != '(')
		return n;
	for (k = n - 5; k < n - 1; k++) {
		if (!script_digit(s[k]))
			return n;
		y = y * 10 + (s[k] - '0');
	}
	if (*year == 0)
		*year = y;
	for (n -= 6; n > 0 && fold_space(s[n - 1]); n--)
		;
	return n;
}

/* A copy of n bytes at s, cleaned and without emphasis; NULL in *out when
 * nothing is left. */
static int
script_words(struct script_parser *p, const char *s, size_t n, char **out)
{
	if ((*out = script_clean(s, n)) == NULL)
		return script_nomem(p);
	script_unemph(*out);
	if ((*out)[0] == '\0') {
		free(*out);
		*out = NULL;
	}
	return 0;
}

/* The credit on the title's line, from i to its end; a year at its end
 * is the title's when it has none ("Umbrella" by Rihanna (2007)). */
static int
script_line_credit(struct script_parser *p, const struct script_line *l,
    size_t i, struct title *t, char **credit)
{
	size_t n = i + script_year_end(l->s + i, l->len - i, &t->year);

	return script_words(p, l->s + i, n - i, credit);
}

/* A title without quotes: the rest of the line; its year at its end, a
 * credit after the first dash between spaces (" – ", " - "). A "by" is
 * not looked for: it may be the title's own ("Stand by Me"). */
static int
script_bare_title(struct script_parser *p, const struct script_line *l,
    size_t i, struct title *t, char **credit)
{
	size_t n, k, d = 0, stop;

	n = i + script_year_end(l->s + i, l->len - i, &t->year);
	for (k = i; k < n; k++)
		if (fold_space(l->s[k]) &&
		    (d = script_dash(l->s + k + 1, n - k - 1)) > 0)
			break;
	stop = i + script_year_end(l->s + i, k - i, &t->year);
	if (script_words(p, l->s + i, stop - i, &t->text) == -1)
		return -1;
	if (t->text == NULL)
		return script_fail(p, l->no, "entry header has no title");
	/* the credit last: on an error the entry holds all there is */
	if (k < n)
		return script_words(p, l->s + k + 1 + d, n - k - 1 - d, credit);
	return 0;
}

/* The titles of a header or a mention from i to the end of its line: in
 * quotes, joined by '&' or "and" (when join), or without quotes the rest
 * of the line; then perhaps a credit (*credit, else NULL) and a year. */
static int
script_title_line(struct script_parser *p, const struct script_line *l,
    size_t i, struct entry *e, int join, char **credit)
{
	struct title *t;
	size_t j, at;

	if ((t = script_add_title(p, e)) == NULL)
		return -1;
	if (script_open_quote(l->s + i, l->len - i, NULL) == 0) {
		if (script_dash(l->s + i, l->len - i) > 0 || i == l->len)
			return script_fail(p, l->no, "entry header has no "
			    "title");
		return script_bare_title(p, l, i, t, credit);
	}
	for (;;) {
		if (script_title(p, l, &i, t) == -1)
			return -1;
		if (i == l->len)
			return 0;
		if ((j = script_credit_at(l, i)) > 0)
			return script_line_credit(p, l, j, t, credit);
		if (!join || (j = script_join(p, l->s + i, l->len - i)) == 0)
			return script_trailing(p, l, i);
		at = i;
		i = script_skip_space(l, i + j);
		if (script_open_quote(l->s + i, l->len - i, NULL) == 0)
			return script_fail(p, l->no, "expected a title in "
			    "quotes after '%.*s'", (int)j, l->s + at);
		if ((t = script_add_title(p, e)) == NULL)
			return -1;
	}
}

/* A line of three or more of one of - * _ = alone: a Markdown rule or
 * underline, which says nothing. */
static int
script_is_rule(const struct script_line *l)
{
	size_t i;

	if (l->len < 3 || strchr("-*_=", l->s[0]) == NULL)
		return 0;
	for (i = 1; i < l->len; i++)
		if (l->s[i] != l->s[0] && !fold_space(l->s[i]))
			return 0;
	return 1;
}

/* A body line: blank lines end a paragraph, and so does a line that ends
 * a sentence; other lines were wrapped by hand and go on. A line of the
 * countdown's header form that is not its next header is text, and said
 * so. */
static int
script_text(struct script_parser *p, struct entry *e,
    const struct script_line *l)
{
	struct script_line in;
	struct script_head h;
	size_t emph;
	int level;

	if (l->len == 0 || script_is_rule(l)) {
		script_tell(p->opts, l->no, l->len == 0 ? SCRIPT_BLANK :
		    SCRIPT_IGNORED, l->s, l->len, e, NULL);
		p->list = 0;
		return script_flush(p, e);
	}
	if (!script_head(l, &h))
		p->list = script_starts_list(p, l, p->nranked > 0);
	else if (!p->markers && script_same_form(&h, &p->form))
		script_warn(p->opts, l->no, "'%.*s' is read as text: it looks "
		    "like a header, but %s", script_snip(l->s, l->len), l->s,
		    l->no < p->run_line ? "comes before the countdown's first" :
		    p->list ? "is in the list the line before it leads" :
		    "its rank does not follow the one before by one");
	else if (p->markers && script_open_quote(h.inner.s + h.title,
	    h.inner.len - h.title, NULL) > 0)	/* "Number 3: "Title"" */
		script_warn(p->opts, l->no, "'%.*s' is read as text: this "
		    "script's headers start with '#' or a marker like 'Nr.'",
		    script_snip(l->s, l->len), l->s);
	script_tell(p->opts, l->no, e->kind == ENTRY_INTRO ? SCRIPT_INTRO :
	    SCRIPT_BODY, l->s, l->len, e, NULL);
	in = script_markdown(l, &level, &emph);
	if (level > 0) {	/* a heading in the body: a paragraph of its own,
				 * its '#'s not said */
		if (script_flush(p, e) == -1 || script_append(p, &in) == -1)
			return -1;
		return script_flush(p, e);
	}
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

/* The title line ("# Title" in Markdown) and the intro up to the first
 * header. */
static int
script_intro(struct script_parser *p)
{
	struct script_line l, in;
	struct entry *e;
	size_t emph;
	int level;

	script_read(&p->rd, &l);
	in = script_markdown(&l, &level, &emph);
	if ((p->s->title = script_clean(in.s, in.len)) == NULL)
		return script_nomem(p);
	if ((e = script_entry(p, ENTRY_INTRO, l.no)) == NULL)
		return -1;
	if ((e->lead = strdup(p->s->title)) == NULL)
		return script_nomem(p);
	script_tell(p->opts, l.no, SCRIPT_TITLE, l.s, l.len, e, NULL);
	return script_body(p, e);
}

/* The rank of a header, remembered to catch it again. */
static int
script_rank(struct script_parser *p, const struct script_head *h,
    struct entry *e)
{
	const struct script_line *l = &h->inner;
	size_t j = h->end;

	e->rank = h->rank;
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
	return 0;
}

/* A header ("#RANK: "Title" (Year) & ...", "## 7. Title – Credit"), the
 * credit line when the header has none, the body. */
static int
script_ranked(struct script_parser *p)
{
	struct script_line l;
	struct script_head h;
	struct entry *e;

	script_read(&p->rd, &l);
	script_head(&l, &h);
	if ((e = script_entry(p, ENTRY_RANKED, l.no)) == NULL)
		return -1;
	if (script_rank(p, &h, e) == -1 ||
	    script_title_line(p, &h.inner, h.title, e, 1, &e->credit) == -1)
		return -1;
	p->nranked++;
	if (h.kind != SCRIPT_FORM_MARKER) {
		if (p->last_rank != 0 && p->dir == 0)
			p->dir = e->rank - p->last_rank;
		p->last_rank = e->rank;
	}
	script_tell(p->opts, l.no, SCRIPT_HEADER, l.s, l.len, e, NULL);
	if (e->credit == NULL && script_credit(p, e, &e->credit) == -1)
		return -1;
	return script_body(p, e);
}

/* The length of a list item's bullet at the start of l ("- ", "* ", "+ ",
 * "• "), 0 if none. */
static size_t
script_bullet(const struct script_line *l)
{
	size_t b = 0;

	if (l->len >= 1 && strchr("-*+", l->s[0]) != NULL)
		b = 1;
	else if (l->len >= 3 && memcmp(l->s, "\u2022", 3) == 0)
		b = 3;
	return b > 0 && b < l->len && fold_space_len(l->s + b,
	    l->len - b) > 0 ? script_skip_space(l, b) : 0;
}

/* An honorable mention: "Title" (Year) alone on its line, then its
 * credit line; or a list item, "- Title (Year) – Credit", its credit on
 * its line. */
static int
script_item(struct script_parser *p, const struct script_line *l,
    size_t bullet, struct entry *e)
{
	struct title *t;
	char *credit = NULL;

	if (script_title_line(p, l, bullet, e, 0, &credit) == -1)
		return -1;
	t = &e->titles[e->ntitles - 1];
	t->credit = credit;
	script_tell(p->opts, l->no, SCRIPT_MENTION, l->s, l->len, e, t);
	if (bullet > 0 || credit != NULL)
		return 0;
	return script_credit(p, e, &t->credit);
}

/* The lead line, then items up to the next header; lines that are no
 * item are the block's paragraphs. */
static int
script_mentions(struct script_parser *p)
{
	struct script_line l, lead, in;
	struct entry *e;
	size_t bullet, emph;
	int level;

	script_read(&p->rd, &lead);
	if ((e = script_entry(p, ENTRY_MENTIONS, lead.no)) == NULL)
		return -1;
	script_is_lead(p, &lead, &e->bare_lead);
	in = script_markdown(&lead, &level, &emph);
	if ((e->lead = script_clean(in.s, in.len)) == NULL)
		return script_nomem(p);
	script_tell(p->opts, lead.no, SCRIPT_LEAD, lead.s, lead.len, e, NULL);
	while (script_peek(p, &l) && !script_is_stop(p, &l)) {
		script_read(&p->rd, &l);
		bullet = script_bullet(&l);
		if (bullet == 0 && script_open_quote(l.s, l.len, NULL) == 0) {
			if (script_text(p, e, &l) == -1)
				return -1;
		} else if (script_flush(p, e) == -1 ||
		    script_item(p, &l, bullet, e) == -1)
			return -1;
	}
	if (script_flush(p, e) == -1)
		return -1;
	if (e->ntitles == 0)
		return script_fail(p, lead.no, "honorable mentions with no "
		    "titles after them (in quotes, or as a list: '- Title')");
	return 0;
}

static int
script_top(struct script_parser *p)
{
	struct script_line l;
	struct script_head h;
	const struct entry *first;

	script_prescan(p);
	script_skip_blank(p, NULL);
	if (!script_peek(p, &l))
		return script_fail(p, 0, "empty script");
	if (!script_is_header(p, &l, &h) && script_intro(p) == -1)
		return -1;
	while (script_peek(p, &l)) {
		if (script_is_header(p, &l, &h) ? script_ranked(p) == -1 :
		    script_mentions(p) == -1)
			return -1;
	}
	if (p->nranked > 0)
		return 0;
	first = &p->s->entries[0];
	if (p->s->nentries == 1 && first->nparagraphs == 0)
		return script_fail(p, first->line, "only a title, no entries "
		    "(expected headers like '#10: \"Title\"' or '10. Title'; "
		    "countdownd --explain shows how each line was read)");
	return script_fail(p, first->line, "no entries (expected headers like "
	    "'#10: \"Title\"' or '10. Title'; countdownd --explain shows how "
	    "each line was read)");
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
	ext = strrchr(path, '.');
	if (ext != NULL && strcasecmp(ext, ".csv") == 0)
		rc = script_csv_parse(text, len, ',', opts, s, err);
	else if (ext != NULL && strcasecmp(ext, ".tsv") == 0)
		rc = script_csv_parse(text, len, '\t', opts, s, err);
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
