/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lexicon: word replacements before text reaches the synthesizer. */
#include "text/lexicon.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "core/limits.h"
#include "util/textbuf.h"
#include "util/utf8.h"

static int
lexicon_cmp_longest(const void *a, const void *b)
{
	const struct lexicon_entry *x = a, *y = b;

	return (x->len < y->len) - (x->len > y->len);
}

static char *
lexicon_trimdup(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return strndup(s, n);
}

static int
lexicon_add(struct lexicon *lx, const char *line, size_t n)
{
	const char *tab = memchr(line, '\t', n);
	struct lexicon_entry *v, e;

	if (tab == NULL)
		return -1;
	e.written = lexicon_trimdup(line, (size_t)(tab - line));
	e.spoken = lexicon_trimdup(tab + 1, n - (size_t)(tab + 1 - line));
	if (e.written == NULL || e.spoken == NULL || *e.written == '\0' ||
	    (v = realloc(lx->v, (lx->n + 1) * sizeof *v)) == NULL) {
		free(e.written);
		free(e.spoken);
		return -1;
	}
	e.len = strlen(e.written);
	lx->v = v;
	lx->v[lx->n++] = e;
	return 0;
}

int
lexicon_parse(const char *text, size_t len, struct lexicon *lx, int *line)
{
	const char *p = text, *end = text + len;

	memset(lx, 0, sizeof *lx);
	for (*line = 1; p < end; (*line)++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		const char *q = p;

		if (n > 0 && p[n - 1] == '\r')
			n--;
		while (q < p + n && isspace((unsigned char)*q))
			q++;
		if (q < p + n && *q != '#' && lexicon_add(lx, p, n) == -1) {
			lexicon_free(lx);
			return -1;
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (lx->n > 1)
		qsort(lx->v, lx->n, sizeof *lx->v, lexicon_cmp_longest);
	*line = 0;
	return 0;
}

int
lexicon_load(const char *path, struct lexicon *lx, char *err, size_t errlen)
{
	size_t len;
	char *text = textbuf_read_file(path, LEXICON_FILE_MAX, &len);
	int line;

	memset(lx, 0, sizeof *lx);
	if (text == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return EX_NOINPUT;
	}
	if (lexicon_parse(text, len, lx, &line) == -1) {
		snprintf(err, errlen, "%s:%d: expected \"written<TAB>spoken\"",
		    path, line);
		free(text);
		return EX_DATAERR;
	}
	free(text);
	return 0;
}

/* Is the character that starts at s[i] part of a word? Letters and digits
 * are, and so is any other non-ASCII character but the spaces and marks of
 * U+00A0..U+00BF and U+2000..U+206F (no-break space, guillemets, dashes,
 * curly quotes and apostrophes, the ellipsis): "In-guk\u2019s" holds the
 * word "In-guk". */
static bool
lexicon_is_word_char(const char *s, size_t i)
{
	uint32_t c;

	if ((unsigned char)s[i] < 0x80)
		return isalnum((unsigned char)s[i]);
	/* a byte that is not UTF-8 counts as a letter, as other characters do */
	if (utf8_decode(s + i, strnlen(s + i, UTF8_MAX), &c) == 0)
		return true;
	return !(c >= 0xa0 && c <= 0xbf) && !(c >= 0x2000 && c <= 0x206f);
}

/* Is the character that ends just before s[i] (i > 0) part of a word? */
static bool
lexicon_is_word_char_before(const char *s, size_t i)
{
	return lexicon_is_word_char(s, utf8_back(s, i));
}

/* the entry whose written form stands at s+i as a whole word, or NULL */
static const struct lexicon_entry *
lexicon_match(const struct lexicon *lx, const char *s, size_t i)
{
	size_t k;

	if (i > 0 && lexicon_is_word_char_before(s, i))
		return NULL;
	for (k = 0; k < lx->n; k++) {
		const struct lexicon_entry *e = &lx->v[k];

		if (strncmp(s + i, e->written, e->len) == 0 &&
		    !lexicon_is_word_char(s, i + e->len))
			return e;
	}
	return NULL;
}

/* map[k] = i: byte k of the output says what starts at byte i of text */
static int
lexicon_map_add(size_t **map, size_t *cap, size_t k, size_t n, size_t i)
{
	size_t *m;

	if (k + n + 1 > *cap) {
		size_t c = *cap ? *cap : 256;

		while (c < k + n + 1)
			c *= 2;
		if ((m = realloc(*map, c * sizeof *m)) == NULL)
			return -1;
		*map = m;
		*cap = c;
	}
	while (n-- > 0)
		(*map)[k++] = i;
	(*map)[k] = i;
	return 0;
}

char *
lexicon_apply_map(const struct lexicon *lx, const char *text, size_t **map)
{
	struct textbuf out = TEXTBUF_INIT;
	size_t i = 0, cap = 0;
	char *s;

	if (map != NULL)
		*map = NULL;
	while (text[i] != '\0') {
		const struct lexicon_entry *e = lx ? lexicon_match(lx, text, i) : NULL;
		size_t k = out.len;

		if (e != NULL)
			textbuf_puts(&out, e->spoken);
		else
			textbuf_putc(&out, text[i]);
		if (map != NULL && lexicon_map_add(map, &cap, k, out.len - k, i) == -1)
			out.failed = 1;
		i += e != NULL ? e->len : 1;
	}
	if (map != NULL && lexicon_map_add(map, &cap, out.len, 0, i) == -1)
		out.failed = 1;
	if ((s = textbuf_finish(&out)) == NULL && map != NULL) {
		free(*map);
		*map = NULL;
	}
	return s;
}

char *
lexicon_apply(const struct lexicon *lx, const char *text)
{
	return lexicon_apply_map(lx, text, NULL);
}

void
lexicon_free(struct lexicon *lx)
{
	size_t i;

	for (i = 0; i < lx->n; i++) {
		free(lx->v[i].written);
		free(lx->v[i].spoken);
	}
	free(lx->v);
	memset(lx, 0, sizeof *lx);
}
