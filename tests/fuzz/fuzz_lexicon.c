/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_lexicon: lexicon_parse on any bytes, then lexicon_apply of what it
 * parsed to any text. The input is the lexicon, a NUL byte, and the text
 * (without a NUL, the input is both). A parse returns 0 with entries as
 * lexicon.h promises (written forms trimmed and not empty, longest first)
 * or -1 with the bad line and nothing kept; apply returns a string, the
 * text itself when the lexicon is empty; never a crash, leak or over-read.
 * Run: make fuzz-run-lexicon (FUZZ_SECONDS=300) */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "text/lexicon.h"

static void
fuzz_check(const struct lexicon *lx)
{
	size_t i;

	for (i = 0; i < lx->n; i++) {
		const struct lexicon_entry *e = &lx->v[i];

		if (e->len == 0 || e->len != strlen(e->written) || e->spoken == NULL)
			fuzz_fail("an empty written form", e->written);
		if (isspace((unsigned char)e->written[0]) ||
		    isspace((unsigned char)e->written[e->len - 1]) ||
		    strchr(e->written, '\t') || strchr(e->written, '\n'))
			fuzz_fail("a written form not trimmed", e->written);
		if (i > 0 && lx->v[i - 1].len < e->len)
			fuzz_fail("not longest first", e->written);
	}
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
	const uint8_t *nul = memchr(data, '\0', size);
	size_t n = nul ? (size_t)(nul - data) : size;
	char *text = fuzz_strndup(nul ? nul + 1 : data,
	    nul ? size - n - 1 : size), *out;
	struct lexicon lx;
	int line;

	if (lexicon_parse((const char *)data, n, &lx, &line) == -1) {
		if (line < 1 || lx.n != 0 || lx.v != NULL)
			fuzz_fail("a refused lexicon without its line", text);
	} else {
		if (line != 0)
			fuzz_fail("a line for a good lexicon", text);
		fuzz_check(&lx);
	}
	if ((out = lexicon_apply(&lx, text)) == NULL)
		fuzz_fail("apply returned NULL", text);
	if (lx.n == 0 && strcmp(out, text) != 0)
		fuzz_fail("an empty lexicon changed the text", text);
	free(out);
	lexicon_free(&lx);
	free(text);
	return 0;
}
