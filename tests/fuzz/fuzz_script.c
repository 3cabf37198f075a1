/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_script: script_parse on any bytes must return, not crash, leak or
 * read out of bounds; a parsed script must hold what script.h promises.
 * Run: make fuzz-run-script (FUZZ_SECONDS=300) */
#include <stdint.h>

#include "fuzz.h"
#include "text/script.h"

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
	struct fuzz_took ft = { (const char *)data, (const char *)data + size,
	    1 };
	const struct script_opts opts = { .mentions = mentions,
	    .nmentions = 2, .and = "och", .took = fuzz_took, .arg = &ft };
	struct script s;
	struct script_error err;

	if (script_parse((const char *)data, size, &opts, &s, &err) == 0) {
		fuzz_script_check(&s);
		script_free(&s);
	} else if (err.msg[0] == '\0' || s.nentries != 0)
		fuzz_fail("a failed parse without a message or with entries",
		    err.msg);
	return 0;
}
