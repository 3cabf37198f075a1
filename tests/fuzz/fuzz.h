/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz: what the libFuzzer harnesses (fuzz_NAME.c) share. Each harness
 * defines LLVMFuzzerTestOneInput and is linked either with libFuzzer
 * (make fuzz) or with replay.c (make check replays its corpus and its
 * regression inputs). A harness checks what its module promises and calls
 * fuzz_fail when a promise is broken: an abort, which both report. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "text/script.h"
#include "util/log.h"

/* once, before the first input (every harness has one: it quiets the log) */
int	LLVMFuzzerInitialize(int *argc, char ***argv);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* a private temporary folder, made on first use and removed at exit */
const char *fuzz_dir(void);
/* data written to fuzz_dir()/name; the path (fuzz_dir's, kept until the
 * next call with the same name) */
const char *fuzz_write(const char *name, const void *data, size_t size);
/* a NUL-terminated copy of size bytes (a NUL inside ends the string early) */
char	*fuzz_strndup(const void *data, size_t size);
/* what script.h promises of a parsed script, whatever its form (fuzz_script,
 * fuzz_csv): a ranked entry, ranks from 1, titles and paragraphs never
 * empty, the intro first */
void	fuzz_script_check(const struct script *s);
/* script_opts.took for the harnesses: each line told lies in the input,
 * in order, with a role of the enum */
struct fuzz_took {
	const char	*start, *end;	/* the input */
	int		 line;		/* the last line told */
};
void	fuzz_took(void *arg, const struct script_took *t);
/* say which promise broke (and the text concerned), then abort */
noreturn void fuzz_fail(const char *what, const char *text);

#endif
