/* SPDX-License-Identifier: GPL-3.0-or-later */
/* listing: the listings (--list, --narration). */
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

