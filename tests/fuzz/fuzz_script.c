/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_script: script_parse on any bytes must return, not crash, leak or
 * read out of bounds; a parsed script must hold what script.h promises.
 * Run: make fuzz-run-script (FUZZ_SECONDS=300) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "text/script.h"

static void
fuzz_check(const struct script *s)
{
	size_t i, j, ranked = 0;

	for (i = 0; i < s->nentries; i++) {
		const struct entry *e = &s->entries[i];

		if (e->kind == ENTRY_RANKED && (e->rank < 1 || e->ntitles == 0))
			abort();
		if (e->kind != ENTRY_RANKED && e->rank != 0)
			abort();
		if (e->kind == ENTRY_INTRO && (i != 0 || e->lead == NULL))
			abort();
		if (e->kind == ENTRY_MENTIONS && (e->lead == NULL ||
		    e->ntitles == 0))
			abort();
		for (j = 0; j < e->ntitles; j++)
			if (e->titles[j].text[0] == '\0')
				abort();
		for (j = 0; j < e->nparagraphs; j++)
			if (strlen(e->paragraphs[j]) == 0)
				abort();
		ranked += e->kind == ENTRY_RANKED;
	}
	if (ranked == 0)
		abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	log_init(-1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a configured phrase and word of their own, as countdownd passes */
	static char *const mentions[] = { "bonus tracks", "ok\xff" };
	static const struct script_opts opts = { .mentions = mentions,
	    .nmentions = 2, .and = "och" };
	struct script s;
	struct script_error err;

	if (script_parse((const char *)data, size, &opts, &s, &err) == 0) {
		fuzz_check(&s);
		script_free(&s);
	} else if (err.msg[0] == '\0' || s.nentries != 0)
		abort();
	return 0;
}
