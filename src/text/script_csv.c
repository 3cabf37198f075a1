/* SPDX-License-Identifier: GPL-3.0-or-later */
/* script_csv: a spreadsheet's rows -> struct script. The rows are read
 * once, one at a time (a quoted field may hold separators and newlines),
 * and each becomes an entry, a mention or the title and intro as it is
 * read, so that the time is linear in the input. */
#include "text/script_csv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/script_priv.h"
#include "util/textbuf.h"
#include "util/utf8.h"

/* how many of the header row's names errors quote; fields past them are
 * named by their number */
#define SCRIPT_CSV_NAMES	64

enum script_csv_col {
	SCRIPT_CSV_RANK, SCRIPT_CSV_TITLE, SCRIPT_CSV_ARTIST, SCRIPT_CSV_YEAR,
	SCRIPT_CSV_TEXT, SCRIPT_CSV_KIND, SCRIPT_CSV_NCOLS
};

/* the names a header row may give a column, in any case */
static const struct {
	const char		*name;
	enum script_csv_col	 col;
} script_csv_names[] = {
	{ "rank", SCRIPT_CSV_RANK },
	{ "title", SCRIPT_CSV_TITLE },
	{ "artist", SCRIPT_CSV_ARTIST },
	{ "credit", SCRIPT_CSV_ARTIST },
	{ "year", SCRIPT_CSV_YEAR },
	{ "text", SCRIPT_CSV_TEXT },
	{ "kind", SCRIPT_CSV_KIND },
};

#define SCRIPT_CSV_NNAMES \
	(sizeof(script_csv_names) / sizeof(script_csv_names[0]))

/* one field of the row: its text (quotes undone) at off in the row's
 * buffer, NUL-terminated */
struct script_csv_field {
	size_t	off;
	size_t	len;
	int	line;
};

struct script_csv_row {
	struct textbuf		 buf;
	struct script_csv_field	*f;
	size_t			 n, cap;
	int			 no;	/* its row, 1 the header row */
	int			 line;	/* the line it starts on */
	const char		*raw;	/* the row as written, for took */
	size_t			 rawlen;
};

struct script_csv {
	const char		*p, *end;
	char			 sep;
	int			 line;
	int			 rows;
	const struct script_opts *opts;
	struct script		*s;
	struct script_error	*err;
	int			 col[SCRIPT_CSV_NCOLS];	/* field, -1 if none */
	const char		*names[SCRIPT_CSV_NAMES]; /* the header
						 * row's, for errors */
	size_t			 nnames;
	struct textbuf		 names_buf;
	int			*rank_row;	/* rank -> its row */
	struct script_room	 room;
	int			 in_mentions;	/* the last entry takes
						 * mentions */
	size_t			 nranked;
};

static int
script_csv_fail(struct script_csv *c, int line, const char *fmt, ...)
    LOG_PRINTF(3, 4);

static int
script_csv_fail(struct script_csv *c, int line, const char *fmt, ...)
{
	va_list ap;

	c->err->line = line;
	va_start(ap, fmt);
	vsnprintf(c->err->msg, sizeof(c->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static int
script_csv_nomem(struct script_csv *c)
{
	return script_csv_fail(c, 0, "out of memory");
}

/* The name of field k for a message: the header row's, else its number. */
static const char *
script_csv_name(const struct script_csv *c, size_t k, char *buf, size_t len)
{
	if (k < c->nnames && c->names[k][0] != '\0')
		snprintf(buf, len, "%s", c->names[k]);
	else
		snprintf(buf, len, "%zu", k + 1);
	return buf;
}

static int
script_csv_field_fail(struct script_csv *c, const struct script_csv_row *r,
    size_t k, int line, const char *what)
{
	char name[40];

	return script_csv_fail(c, line, "row %d, column %s: %s", r->no,
	    script_csv_name(c, k, name, sizeof(name)), what);
}

static const char *
script_csv_text(const struct script_csv_row *r, size_t k)
{
	return r->buf.s + r->f[k].off;
}

/* Field k's text, "" when the row is shorter. */
static const char *
script_csv_cell(const struct script_csv *c, const struct script_csv_row *r,
    enum script_csv_col col)
{
	int k = c->col[col];

	return k >= 0 && (size_t)k < r->n ? script_csv_text(r, k) : "";
}

static int
script_csv_add_field(struct script_csv *c, struct script_csv_row *r,
    size_t off, int line)
{
	struct script_csv_field *f;

	if ((f = script_grow(r->f, &r->cap, r->n, sizeof(*f))) == NULL)
		return script_csv_nomem(c);
	r->f = f;
	f[r->n].off = off;
	f[r->n].len = r->buf.len - off;
	f[r->n].line = line;
	r->n++;
	textbuf_putc(&r->buf, '\0');
	return r->buf.failed ? script_csv_nomem(c) : 0;
}

/* A field's text must be UTF-8 without NUL, as a script's. */
static int
script_csv_check(struct script_csv *c, const struct script_csv_row *r,
    size_t k)
{
	const char *t = script_csv_text(r, k);
	const unsigned char *u = (const unsigned char *)t;
	size_t i, n, len = r->f[k].len;
	char what[64];

	for (i = 0; i < len; i += n) {
		if (u[i] == '\0')
			return script_csv_field_fail(c, r, k, r->f[k].line,
			    "holds a NUL byte (is the file UTF-16?)");
		if ((n = u[i] < 0x80 ? 1 : utf8_len(t + i, len - i)) == 0) {
			snprintf(what, sizeof(what), "not valid UTF-8 (byte "
			    "0x%02x)", u[i]);
			return script_csv_field_fail(c, r, k, r->f[k].line,
			    what);
		}
	}
	return 0;
}

/* A quoted field from just past its opening quote: "" is a quote, and
 * separators and newlines are text. */
static int
script_csv_quoted(struct script_csv *c, struct script_csv_row *r, int line)
{
	const char *p = c->p;

	for (;;) {
		if (p == c->end) {
			c->p = p;
			return script_csv_field_fail(c, r, r->n, line,
			    "the quote that opens the field is not closed");
		}
		if (*p == '"') {
			if (p + 1 < c->end && p[1] == '"') {
				textbuf_putc(&r->buf, '"');
				p += 2;
				continue;
			}
			p++;
			break;
		}
		if (*p == '\n')
			c->line++;
		textbuf_putc(&r->buf, *p++);
	}
	if (p < c->end && *p == '\r' && p + 1 < c->end && p[1] == '\n')
		p++;
	c->p = p;
	if (p < c->end && *p != c->sep && *p != '\n')
		return script_csv_field_fail(c, r, r->n, c->line,
		    "text after the quote that closes the field");
	return 0;
}

/* The next row; 0 at the end of the text. */
static int
script_csv_read(struct script_csv *c, struct script_csv_row *r)
{
	size_t off;
	int line;

	if (c->p == c->end)
		return 0;
	r->n = 0;
	r->buf.len = 0;
	r->no = ++c->rows;
	r->line = c->line;
	r->raw = c->p;
	for (;;) {
		off = r->buf.len;
		line = c->line;
		if (*c->p == '"') {
			c->p++;
			if (script_csv_quoted(c, r, line) == -1)
				return -1;
		} else {
			while (c->p < c->end && *c->p != c->sep &&
			    *c->p != '\n')
				textbuf_putc(&r->buf, *c->p++);
			if (r->buf.len > off &&
			    r->buf.s[r->buf.len - 1] == '\r')
				r->buf.len--;
		}
		if (script_csv_add_field(c, r, off, line) == -1 ||
		    script_csv_check(c, r, r->n - 1) == -1)
			return -1;
		if (c->p == c->end)
			break;
		if (*c->p++ == '\n') {
			c->line++;
			break;
		}
		if (c->p == c->end) {	/* a separator ends the text */
			if (script_csv_add_field(c, r, r->buf.len, line) == -1)
				return -1;
			break;
		}
	}
	r->rawlen = c->p - r->raw;
	while (r->rawlen > 0 && (unsigned char)r->raw[r->rawlen - 1] <= ' ')
		r->rawlen--;
	return 1;
}

/* A row of nothing but space: a blank line, or ",,," */
static int
script_csv_blank(const struct script_csv_row *r)
{
	size_t k, i;

	for (k = 0; k < r->n; k++)
		for (i = 0; i < r->f[k].len; i++)
			if ((unsigned char)script_csv_text(r, k)[i] > ' ')
				return 0;
	return 1;
}

static void
script_csv_tell(const struct script_csv *c, const struct script_csv_row *r,
    enum script_role role, const struct entry *e, const struct title *t)
{
	script_tell(c->opts, r->line, role, r->raw, r->rawlen, e, t);
}

/* The header row: which field is which column. */
static int
script_csv_columns(struct script_csv *c, const struct script_csv_row *r)
{
	char *name;
	size_t k, i;
	int seen;

	for (k = 0; k < SCRIPT_CSV_NCOLS; k++)
		c->col[k] = -1;
	for (k = 0; k < r->n; k++) {
		if ((name = script_clean(script_csv_text(r, k),
		    r->f[k].len)) == NULL)
			return script_csv_nomem(c);
		if (k < SCRIPT_CSV_NAMES) {
			textbuf_puts(&c->names_buf, name);
			textbuf_putc(&c->names_buf, '\0');
		}
		seen = 0;
		for (i = 0; i < SCRIPT_CSV_NNAMES; i++) {
			if (strcasecmp(name, script_csv_names[i].name) != 0)
				continue;
			seen = 1;
			if (c->col[script_csv_names[i].col] != -1) {
				free(name);
				return script_csv_field_fail(c, r, k, r->line,
				    "a second column of that name");
			}
			c->col[script_csv_names[i].col] = (int)k;
		}
		if (!seen && name[0] != '\0')
			script_warn(c->opts, r->line, "row 1, column %zu: "
			    "'%s' is none of rank, title, artist (or credit), "
			    "year, text, kind: the column is ignored", k + 1,
			    name);
		free(name);
	}
	if (c->names_buf.failed)
		return script_csv_nomem(c);
	/* the names, pointed at once the buffer no longer moves */
	for (c->nnames = i = 0; c->nnames < k && c->nnames < SCRIPT_CSV_NAMES;
	    c->nnames++) {
		c->names[c->nnames] = c->names_buf.s + i;
		i += strlen(c->names[c->nnames]) + 1;
	}
	if (c->col[SCRIPT_CSV_TITLE] == -1)
		return script_csv_fail(c, r->line, "row 1: no column named "
		    "title (the first row names the columns: rank, title, "
		    "artist, year, text)");
	return 0;
}

static struct entry *
script_csv_entry(struct script_csv *c, enum entry_kind kind, int line)
{
	struct entry *e = script_new_entry(c->s, &c->room, kind, line);

	if (e == NULL)
		script_csv_nomem(c);
	return e;
}

static struct title *
script_csv_title(struct script_csv *c, struct entry *e)
{
	struct title *t = script_new_title(e, &c->room);

	if (t == NULL)
		script_csv_nomem(c);
	return t;
}

/* A copy of the cell's text, runs of space one space; NULL when it is
 * empty (*failed says whether memory was out). */
static char *
script_csv_clean(struct script_csv *c, const char *cell, int *failed)
{
	char *t;

	*failed = 0;
	if ((t = script_clean(cell, strlen(cell))) == NULL) {
		*failed = script_csv_nomem(c);
		return NULL;
	}
	if (t[0] == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

/* The text column's paragraphs: blank lines divide them, other newlines
 * are spaces. */
static int
script_csv_paragraphs(struct script_csv *c, struct entry *e, const char *text)
{
	const char *para = text, *l = text, *nl;
	char *t;
	size_t i;
	int blank, last;

	do {
		nl = strchr(l, '\n');
		last = nl == NULL;
		if (last)
			nl = l + strlen(l);
		for (blank = 1, i = 0; l + i < nl; i++)
			blank &= (unsigned char)l[i] <= ' ';
		if (blank || last) {
			if ((t = script_clean(para, (last && !blank ? nl : l) -
			    para)) == NULL)
				return script_csv_nomem(c);
			if (t[0] == '\0') {
				free(t);
			} else if (script_add_paragraph(e, &c->room, t) == -1) {
				free(t);
				return script_csv_nomem(c);
			}
			para = nl;
		}
		l = nl + !last;
	} while (!last);
	return 0;
}

/* The rank column: a whole number from 1, perhaps written "#3" or "3.";
 * 0 when the cell is empty. */
static int
script_csv_rank(struct script_csv *c, const struct script_csv_row *r,
    int *rank)
{
	const char *cell = script_csv_cell(c, r, SCRIPT_CSV_RANK), *p;
	size_t n = strlen(cell);
	int k = c->col[SCRIPT_CSV_RANK];
	char what[96];

	*rank = 0;
	while (n > 0 && (unsigned char)cell[n - 1] <= ' ')
		n--;
	for (p = cell; p < cell + n && (unsigned char)*p <= ' '; p++)
		;
	if (p == cell + n)
		return 0;
	if (*p == '#')
		p++;
	if (n > 0 && cell[n - 1] == '.')
		n--;
	if (p == cell + n)
		goto bad;
	for (; p < cell + n; p++) {
		if (*p < '0' || *p > '9')
			goto bad;
		if (*rank <= SCRIPT_RANK_MAX)
			*rank = *rank * 10 + (*p - '0');
	}
	if (*rank >= 1 && *rank <= SCRIPT_RANK_MAX)
		return 0;
bad:
	snprintf(what, sizeof(what), "'%.30s' is not a rank (a whole number "
	    "from 1 to %d)", cell, SCRIPT_RANK_MAX);
	return script_csv_field_fail(c, r, k, r->f[k].line, what);
}

/* The year column: empty, or four digits. */
static int
script_csv_year(struct script_csv *c, const struct script_csv_row *r,
    struct title *t)
{
	const char *cell = script_csv_cell(c, r, SCRIPT_CSV_YEAR);
	int k = c->col[SCRIPT_CSV_YEAR], i;
	char what[80];

	while ((unsigned char)*cell <= ' ' && *cell != '\0')
		cell++;
	if (*cell == '\0')
		return 0;
	for (i = 0; i < 4 && cell[i] >= '0' && cell[i] <= '9'; i++)
		t->year = t->year * 10 + (cell[i] - '0');
	while ((unsigned char)cell[i] <= ' ' && cell[i] != '\0')
		i++;
	if (i >= 4 && cell[i] == '\0')
		return 0;
	snprintf(what, sizeof(what), "'%.30s' is not a year (four digits)",
	    cell);
	return script_csv_field_fail(c, r, k, r->f[k].line, what);
}

/* The title column, which every row but the header row has; and the
 * year. */
static int
script_csv_title_cells(struct script_csv *c, const struct script_csv_row *r,
    struct title *t)
{
	int failed, k = c->col[SCRIPT_CSV_TITLE];

	if ((t->text = script_csv_clean(c, script_csv_cell(c, r,
	    SCRIPT_CSV_TITLE), &failed)) == NULL)
		return failed ? -1 : script_csv_field_fail(c, r, k, r->line,
		    "no title");
	return script_csv_year(c, r, t);
}

/* The kind column: *kind its kind, or -1 when it is empty. */
static int
script_csv_kind(struct script_csv *c, const struct script_csv_row *r,
    int *kind)
{
	const char *cell = script_csv_cell(c, r, SCRIPT_CSV_KIND);
	enum entry_kind k;
	char *name, *p, what[120];
	int failed, col = c->col[SCRIPT_CSV_KIND];

	*kind = -1;
	if ((name = script_csv_clean(c, cell, &failed)) == NULL)
		return failed ? -1 : 0;
	for (p = name; *p != '\0'; p++)	/* any case */
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	if (script_kind_by_name(name, &k) == 0) {
		*kind = (int)k;
		free(name);
		return 0;
	}
	snprintf(what, sizeof(what), "'%.30s' is no kind (intro, entry or "
	    "mentions)", name);
	free(name);
	return script_csv_field_fail(c, r, col, r->f[col].line, what);
}

/* The first row after the names, without a rank: the title and intro. */
static int
script_csv_intro(struct script_csv *c, const struct script_csv_row *r)
{
	struct title t = { 0 };
	struct entry *e;

	if (script_csv_title_cells(c, r, &t) == -1) {
		free(t.text);
		return -1;
	}
	c->s->title = t.text;
	if ((e = script_csv_entry(c, ENTRY_INTRO, r->line)) == NULL)
		return -1;
	if ((e->lead = strdup(c->s->title)) == NULL)
		return script_csv_nomem(c);
	if (script_csv_paragraphs(c, e, script_csv_cell(c, r,
	    SCRIPT_CSV_TEXT)) == -1)
		return -1;
	script_csv_tell(c, r, SCRIPT_TITLE, e, NULL);
	return 0;
}

static int
script_csv_ranked(struct script_csv *c, const struct script_csv_row *r,
    int rank)
{
	struct entry *e;
	struct title *t;
	int failed, k = c->col[SCRIPT_CSV_RANK];
	char what[80];

	if (c->rank_row[rank] != 0) {
		snprintf(what, sizeof(what), "duplicate rank %d (first in row "
		    "%d)", rank, c->rank_row[rank]);
		return script_csv_field_fail(c, r, k, r->f[k].line, what);
	}
	c->rank_row[rank] = r->no;
	if ((e = script_csv_entry(c, ENTRY_RANKED, r->line)) == NULL)
		return -1;
	e->rank = rank;
	if ((t = script_csv_title(c, e)) == NULL ||
	    script_csv_title_cells(c, r, t) == -1)
		return -1;
	e->credit = script_csv_clean(c, script_csv_cell(c, r,
	    SCRIPT_CSV_ARTIST), &failed);
	if (failed || script_csv_paragraphs(c, e, script_csv_cell(c, r,
	    SCRIPT_CSV_TEXT)) == -1)
		return -1;
	c->nranked++;
	script_csv_tell(c, r, SCRIPT_HEADER, e, NULL);
	return 0;
}

/* A mention: an item of the block the rows before it began, or of a new
 * one, whose lead is the heading the announcer says in its own words. */
static int
script_csv_mention(struct script_csv *c, const struct script_csv_row *r)
{
	struct entry *e;
	struct title *t;
	int failed;

	if (c->in_mentions) {
		e = &c->s->entries[c->s->nentries - 1];
	} else {
		if ((e = script_csv_entry(c, ENTRY_MENTIONS, r->line)) == NULL)
			return -1;
		e->lead = strdup(script_kind(ENTRY_MENTIONS)->label);
		if (e->lead == NULL)
			return script_csv_nomem(c);
		e->bare_lead = 1;
		c->in_mentions = 1;
	}
	if ((t = script_csv_title(c, e)) == NULL ||
	    script_csv_title_cells(c, r, t) == -1)
		return -1;
	t->credit = script_csv_clean(c, script_csv_cell(c, r,
	    SCRIPT_CSV_ARTIST), &failed);
	if (failed || script_csv_paragraphs(c, e, script_csv_cell(c, r,
	    SCRIPT_CSV_TEXT)) == -1)
		return -1;
	script_csv_tell(c, r, SCRIPT_MENTION, e, t);
	return 0;
}

/* A row after the names: by its kind, else by its rank. */
static int
script_csv_row(struct script_csv *c, const struct script_csv_row *r)
{
	char name[40];
	int rank, kind, k;

	if (script_csv_kind(c, r, &kind) == -1 ||
	    script_csv_rank(c, r, &rank) == -1)
		return -1;
	k = c->col[SCRIPT_CSV_RANK];
	if (kind == -1)
		kind = rank > 0 ? ENTRY_RANKED : c->in_mentions ?
		    ENTRY_MENTIONS : ENTRY_INTRO;
	if (kind != ENTRY_RANKED && rank > 0)
		return script_csv_fail(c, r->line, "row %d, column %s: a rank "
		    "in a row of kind %s", r->no, script_csv_name(c, k, name,
		    sizeof(name)), script_kind_name(kind));
	switch (kind) {
	case ENTRY_RANKED:
		if (rank == 0)
			return k == -1 ? script_csv_fail(c, r->line, "row %d: "
			    "an entry needs a rank, and no column is named "
			    "rank", r->no) : script_csv_field_fail(c, r, k,
			    r->line, "an entry needs a rank");
		c->in_mentions = 0;
		return script_csv_ranked(c, r, rank);
	case ENTRY_MENTIONS:
		return script_csv_mention(c, r);
	default:
		if (c->s->nentries > 0)
			return script_csv_fail(c, r->line, "row %d: no rank, "
			    "so it would be the title and intro, which only "
			    "the first row after the names may be", r->no);
		return script_csv_intro(c, r);
	}
}

static int
script_csv_rows(struct script_csv *c)
{
	struct script_csv_row r;
	int rc, names = 0;

	memset(&r, 0, sizeof(r));
	while ((rc = script_csv_read(c, &r)) == 1) {
		if (script_csv_blank(&r)) {
			script_csv_tell(c, &r, SCRIPT_BLANK, NULL, NULL);
			continue;
		}
		if (!names) {
			if ((rc = script_csv_columns(c, &r)) == -1)
				break;
			names = 1;
			script_csv_tell(c, &r, SCRIPT_COLUMNS, NULL, NULL);
		} else if ((rc = script_csv_row(c, &r)) == -1)
			break;
	}
	textbuf_reset(&r.buf);
	free(r.f);
	if (rc == -1)
		return -1;
	if (!names)
		return script_csv_fail(c, 0, "empty spreadsheet (the first "
		    "row names the columns: rank, title, artist, year, text)");
	if (c->nranked == 0)
		return script_csv_fail(c, 0, "no entries (expected rows with "
		    "a rank)");
	return 0;
}

int
script_csv_parse(const char *text, size_t len, char sep,
    const struct script_opts *opts, struct script *s,
    struct script_error *err)
{
	struct script_csv c;
	int rc = -1;

	memset(s, 0, sizeof(*s));
	memset(err, 0, sizeof(*err));
	memset(&c, 0, sizeof(c));
	if (text == NULL)
		text = "";
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	c.p = text;
	c.end = text + len;
	c.sep = sep;
	c.line = 1;
	c.opts = opts;
	c.s = s;
	c.err = err;
	if ((c.rank_row = calloc(SCRIPT_RANK_MAX + 1,
	    sizeof(*c.rank_row))) == NULL)
		script_csv_nomem(&c);
	else
		rc = script_csv_rows(&c);
	free(c.rank_row);
	textbuf_reset(&c.names_buf);
	if (rc == -1)
		script_free(s);
	return rc;
}
