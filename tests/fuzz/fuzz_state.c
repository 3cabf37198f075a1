/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_state: the state file reader on any file. state_load returns 0 with
 * a position as state.h promises it (a known kind, a rank of 0 or more, a
 * title that fits, without control characters), or -1 with "PATH:LINE: why"
 * or "PATH: why"; a position read is saved and read back the same;
 * state_match maps it into a script within range; never a crash, leak or
 * over-read.
 * Run: make fuzz-run-state (FUZZ_SECONDS=300) */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "core/state.h"

static struct script fuzz_script;

static void
fuzz_check(const struct state_pos *pos)
{
	const unsigned char *p;

	if (pos->end)
		return;
	if ((unsigned)pos->kind >= ENTRY_NKINDS || pos->rank < 0)
		fuzz_fail("a bad kind or rank", pos->title);
	if (strnlen(pos->title, STATE_TITLE_MAX) == STATE_TITLE_MAX)
		fuzz_fail("a title without its NUL", NULL);
	for (p = (const unsigned char *)pos->title; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			fuzz_fail("a control character in the title", pos->title);
}

/* saved and read back, the same position */
static void
fuzz_roundtrip(const struct state_pos *pos)
{
	const char *path = fuzz_write("again", "", 0);
	struct state_pos again;
	char err[512];

	if (state_save(path, pos) == -1)
		fuzz_fail("cannot save what was read", pos->title);
	if (state_load(path, &again, err, sizeof err) != 0)
		fuzz_fail("cannot read what was saved", err);
	if (again.end != pos->end || (!pos->end && (again.index != pos->index ||
	    again.kind != pos->kind || again.rank != pos->rank ||
	    strcmp(again.title, pos->title) != 0)))
		fuzz_fail("read back otherwise", again.title);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char text[] = "Top 3\n\nIntro.\n\n#3: \"Alpha\"\nA Band\n\n"
	    "#2: \"Bravo\"\n\nHonorable mentions:\n\"Delta\" (2001)\nD Band\n\n"
	    "#1: \"Charlie\"\n";
	struct script_error err;

	(void)argc, (void)argv;
	log_init(-1);
	if (script_parse(text, sizeof text - 1, NULL, &fuzz_script, &err) != 0)
		fuzz_fail("the harness's script", err.msg);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("position", data, size);
	struct state_pos pos;
	char err[512] = "";
	size_t n = strlen(path), i;
	bool matched;
	int rc;

	rc = state_load(path, &pos, err, sizeof err);
	if (rc == 0) {
		fuzz_check(&pos);
		i = state_match(&pos, &fuzz_script, &matched);
		if (i > fuzz_script.nentries || (!pos.end && i == fuzz_script.nentries))
			fuzz_fail("matched out of range", pos.title);
		fuzz_roundtrip(&pos);
	} else if (rc != -1 || strncmp(err, path, n) != 0 || err[n] != ':')
		fuzz_fail("a refusal without the file's name", err);
	return 0;
}
