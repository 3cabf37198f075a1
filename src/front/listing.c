/* SPDX-License-Identifier: GPL-3.0-or-later */
/* listing: the listings (--list, --narration, --explain). */
#include "front/listing.h"

#include <stdlib.h>
#include <sysexits.h>

#include "core/status.h"
#include "output/sink.h"
#include "text/narrate.h"

void
listing_entries(FILE *fp, const struct script *s)
{
	struct textbuf b = TEXTBUF_INIT;
	size_t i;

	for (i = 0; i < s->nentries; i++) {
		status_list_line(&b, s, i);
		fprintf(fp, "%s\n", textbuf_str(&b));
		textbuf_reset(&b);
	}
}

int
listing_narration(FILE *fp, const struct script *s, const struct conf *c,
    const struct lexicon *lx)
{
	struct narrate_params np;
	struct narration n;
	size_t i, k;

	narrate_params_set(&np, c, lx);
	for (i = 0; i < s->nentries; i++) {
		const struct entry *e = &s->entries[i];

		if (narrate_entry(e, &np, &n) == -1)
			return EX_OSERR;
		fprintf(fp, "--- %zu %s ", i + 1, script_kind_name(e->kind));
		if (script_kind(e->kind)->ranked)
			fprintf(fp, "%d", e->rank);
		fputc('\n', fp);
		for (k = 0; k < n.nsegs; k++)
			fprintf(fp, "%s\n", n.segs[k].text);
		narrate_free(&n);
	}
	return 0;
}


/* "Title" (Year), by Credit */
static void
listing_title(struct textbuf *b, const struct title *t, const char *credit)
{
	textbuf_printf(b, "\"%s\"", t->text);
	if (t->year != 0)
		textbuf_printf(b, " (%d)", t->year);
	if (credit != NULL)
		textbuf_printf(b, ", by %s", credit);
}

void
listing_explain_line(void *arg, const struct script_took *t)
{
	struct textbuf b = TEXTBUF_INIT;
	FILE *fp = arg;
	size_t i;

	textbuf_printf(&b, "%d: %s", t->line, script_role_name(t->role));
	if (t->role == SCRIPT_HEADER) {
		textbuf_printf(&b, " #%d ", t->entry->rank);
		for (i = 0; i < t->entry->ntitles; i++) {
			if (i > 0)
				textbuf_puts(&b, " & ");
			listing_title(&b, &t->entry->titles[i], i + 1 ==
			    t->entry->ntitles ? t->entry->credit : NULL);
		}
	} else if (t->role == SCRIPT_MENTION) {
		textbuf_putc(&b, ' ');
		listing_title(&b, t->title, t->title->credit);
	}
	if (t->len > 0)
		textbuf_puts(&b, ": ");
	/* a spreadsheet's row may hold newlines and tabs */
	for (i = 0; i < t->len; i++)
		textbuf_putc(&b, (unsigned char)t->text[i] < ' ' ? ' ' :
		    t->text[i]);
	fprintf(fp, "%s\n", textbuf_str(&b));
	textbuf_reset(&b);
}

void
listing_explain_warn(void *arg, int line, const char *msg)
{
	fprintf(arg, "%d: warning: %s\n", line, msg);
}
