/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_narrate: template expansion and narration of a parsed script. The
 * input's first line is the announcer template (any text: conf checks the
 * configured one, narrate must cope with the rest too), the rest a script;
 * the lexicon is data/lexicon.txt. Each entry of a script that parses is
 * narrated, and each segment must be what narrate.h promises the voice:
 * not empty, no control characters, no markup left ('#', '&', double
 * quote marks, runs of dots), nothing but spaces between words, and a map
 * from each spoken byte into the text shown, in order; never a crash, leak
 * or over-read.
 * Run: make fuzz-run-narrate (FUZZ_SECONDS=300) */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "text/narrate.h"

static struct lexicon fuzz_lexicon;
static struct conf fuzz_conf;	/* the default announcer's words */

static void
fuzz_check(const struct segment *s)
{
	static const char *const markup[] = { "#", "&", "\"", "..",
	    "\xe2\x80\x9c", "\xe2\x80\x9d", "\xc2\xab", "\xc2\xbb",
	    "\xe2\x80\xa6", "  " };
	const unsigned char *p;
	size_t i, n = strlen(s->text);

	if (n == 0)
		fuzz_fail("an empty segment", s->text);
	if (s->text[0] == ' ' || s->text[n - 1] == ' ')
		fuzz_fail("a segment with spaces at an end", s->text);
	for (p = (const unsigned char *)s->text; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			fuzz_fail("a control character", s->text);
	for (i = 0; i < sizeof markup / sizeof markup[0]; i++)
		if (strstr(s->text, markup[i]) != NULL)
			fuzz_fail("markup left", s->text);
	if (s->pause_after < 0)
		fuzz_fail("a negative pause", s->text);
	/* each spoken byte, and the end, maps into what is shown, in order */
	for (i = 0; i <= n; i++)
		if (s->map[i] > strlen(s->display) || (i > 0 && s->map[i] < s->map[i - 1]))
			fuzz_fail("a map out of the display text", s->display);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[512];

	(void)argc, (void)argv;
	log_init(-1);
	if (lexicon_load("data/lexicon.txt", &fuzz_lexicon, err, sizeof err) != 0)
		fuzz_fail("run from the top of the tree", err);
	conf_defaults(&fuzz_conf);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size, i, j;
	char *tpl = fuzz_strndup(data, n);
	struct narrate_params p;
	struct script_error err;
	struct narration nar;
	struct script s;

	narrate_params_set(&p, &fuzz_conf, &fuzz_lexicon);
	p.entry_template = tpl;
	if (nl != NULL &&
	    script_parse((const char *)nl + 1, size - n - 1, NULL, &s, &err) == 0) {
		for (i = 0; i < s.nentries; i++) {
			if (narrate_entry(&s.entries[i], &p, &nar) == -1)
				fuzz_fail("narrate_entry failed", tpl);
			for (j = 0; j < nar.nsegs; j++)
				fuzz_check(&nar.segs[j]);
			narrate_free(&nar);
		}
		script_free(&s);
	}
	free(tpl);
	return 0;
}
