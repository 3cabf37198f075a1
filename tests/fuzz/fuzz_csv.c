/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_csv: script_csv_parse on any bytes, as CSV and as TSV, must return,
 * not crash, leak or read out of bounds; a parsed spreadsheet must hold
 * what script.h promises, and each row told (--explain) lie in the input,
 * in order. Run: make fuzz-run-csv (FUZZ_SECONDS=300) */
#include <stdint.h>

#include "fuzz.h"
#include "text/script_csv.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	log_init(-1);
	return 0;
}

static void
fuzz_csv_sep(const uint8_t *data, size_t size, char sep)
{
	struct fuzz_took ft = { (const char *)data, (const char *)data + size,
	    1 };
	const struct script_opts opts = { .took = fuzz_took, .arg = &ft };
	struct script s;
	struct script_error err;

	if (script_csv_parse((const char *)data, size, sep, &opts, &s,
	    &err) == 0) {
		fuzz_script_check(&s);
		script_free(&s);
	} else if (err.msg[0] == '\0' || s.nentries != 0 || s.title != NULL)
		fuzz_fail("a failed parse without a message or with entries",
		    err.msg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_csv_sep(data, size, ',');
	fuzz_csv_sep(data, size, '\t');
	return 0;
}
