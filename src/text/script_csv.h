/* SPDX-License-Identifier: GPL-3.0-or-later */
/* script_csv: a countdown as a spreadsheet exports it (CSV or TSV, RFC
 * 4180 quoting) -> struct script; the columns are in countdown-script(5),
 * SPREADSHEETS. Pure: no I/O. */
#ifndef SCRIPT_CSV_H
#define SCRIPT_CSV_H

#include <stddef.h>

#include "text/script.h"

/* Parse len bytes of rows whose fields sep (',' or '\t') divides, the
 * first row naming the columns; as script_parse: 0 with *s filled, or -1
 * with *err set (its message names the row and the column) and *s empty.
 * Never crashes on any input; linear in its length. */
int	script_csv_parse(const char *text, size_t len, char sep,
	    const struct script_opts *opts, struct script *s,
	    struct script_error *err);

#endif
