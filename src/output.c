/* output: the listings (--list, --narration). */
#include "output.h"

#include <stdlib.h>
#include <sysexits.h>

#include "narrate.h"

/* the titles, credits or years of e joined with " & " */
static void
output_joined(FILE *fp, const struct entry *e, char what)
{
	size_t i, n = 0;

	for (i = 0; i < e->ntitles; i++) {
		const struct title *t = &e->titles[i];
		const char *sep = n ? " & " : "";

		if (what == 't')
			n += fprintf(fp, "%s%s", sep, t->text) > 0;
		else if (what == 'c' && t->credit)
			n += fprintf(fp, "%s%s", sep, t->credit) > 0;
		else if (what == 'y' && t->year)
			n += fprintf(fp, "%s%d", sep, t->year) > 0;
	}
}

void
output_list(FILE *fp, const struct script *s)
{
	size_t i;

	for (i = 0; i < s->nentries; i++) {
		const struct entry *e = &s->entries[i];

		fprintf(fp, "%zu\t%s\t", i + 1, script_kind_name(e->kind));
		if (e->kind == ENTRY_RANKED)
			fprintf(fp, "%d", e->rank);
		fputc('\t', fp);
		output_joined(fp, e, 't');
		fputc('\t', fp);
		if (e->kind == ENTRY_MENTIONS)
			output_joined(fp, e, 'c');
		else if (e->credit)
			fputs(e->credit, fp);
		fputc('\t', fp);
		output_joined(fp, e, 'y');
		fputc('\n', fp);
	}
}

int
output_narration(FILE *fp, const struct script *s, const struct conf *c,
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
		if (e->kind == ENTRY_RANKED)
			fprintf(fp, "%d", e->rank);
		fputc('\n', fp);
		for (k = 0; k < n.nsegs; k++)
			fprintf(fp, "%s\n", n.segs[k].text);
		narrate_free(&n);
	}
	return 0;
}

