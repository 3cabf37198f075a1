/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_conf: the configuration loader on any file. conf_load must return 0
 * with every setting as conf.h promises it (in range, paths absolute, the
 * pairs that belong together), or EX_CONFIG with "FILE:LINE: ..." and
 * nothing left to free; never crash, leak or hang. The file is written to a
 * temporary folder beside an include file (the dictionary has its
 * @include), so that libconfig's @include and the syntax check's child
 * are reached too. A libconfig that hangs in the child is a finding; one
 * that exits or crashes there is refused, as the daemon refuses it.
 * Run: make fuzz-run-conf (FUZZ_SECONDS=300) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "core/conf.h"
#include "core/limits.h"
#include "fuzz.h"
#include "output/outputs.h"
#include "text/narrate.h"

/* the voice hook's stand-in: a few names and variants */
static bool
fuzz_voice(const char *name, void *arg)
{
	static const char *const known[] = { "en-us", "en", "de", "en-us+f3" };
	size_t i;

	(void)arg;
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i], name) == 0)
			return true;
	return false;
}

static void
fuzz_range(double v, double lo, double hi, const char *name)
{
	if (!(v >= lo && v <= hi))
		fuzz_fail("out of range", name);
}

static void
fuzz_path(const char *p, const char *name)
{
	if (p != NULL && p[0] != '/')
		fuzz_fail("a path not made absolute", name);
}

static void
fuzz_check(const struct conf *c)
{
	struct title t = { "Title", 2009, NULL };
	struct entry e = { .kind = ENTRY_RANKED, .rank = 1, .titles = &t,
	    .ntitles = 1, .credit = "Artist" };
	char *s;
	size_t i;

	if (c->voice.name == NULL || !fuzz_voice(c->voice.name, NULL))
		fuzz_fail("voice.name not checked", c->voice.name);
	if (c->announcer.voice && !fuzz_voice(c->announcer.voice, NULL))
		fuzz_fail("announcer.voice not checked", c->announcer.voice);
	fuzz_range(c->voice.rate, 80, 450, "voice.rate");
	fuzz_range(c->voice.pitch, 0, 100, "voice.pitch");
	fuzz_range(c->voice.range, 0, 100, "voice.range");
	fuzz_range(c->voice.volume, 0, 200, "voice.volume");
	fuzz_range(c->pause.after_announcement, 0, 60, "pause.after_announcement");
	fuzz_range(c->pause.between_paragraphs, 0, 60, "pause.between_paragraphs");
	fuzz_range(c->audio.latency, 0.001, 2, "audio.latency");
	fuzz_range(c->schedule.gap, 0, 86400, "schedule.gap");
	fuzz_range(c->schedule.every, 1, 604800, "schedule.every");
	if (c->audio.output == NULL ||
	    outputs_find(c->audio.output->name) != c->audio.output)
		fuzz_fail("audio.output not a row of the registry", NULL);
	fuzz_range(c->schedule.mode, MODE_SIGNAL, MODE_DAILY, "schedule.mode");
	fuzz_range(c->schedule.on_busy, BUSY_SKIP, BUSY_IGNORE, "schedule.on_busy");
	fuzz_range(c->mpris.enable, MPRIS_AUTO, MPRIS_NO, "mpris.enable");
	fuzz_range(c->render.loudness, -40, -5, "render.loudness");
	fuzz_range(c->render.true_peak, -9, 0, "render.true_peak");
	if (c->announcer.and == NULL || c->announcer.and[0] == '\0' ||
	    c->announcer.number == NULL || c->announcer.number[0] == '\0' ||
	    c->mpris.name == NULL || c->mpris.name[0] == '\0')
		fuzz_fail("announcer.and, .number or mpris.name empty",
		    c->announcer.and);
	for (i = 0; i < c->script_mentions.n; i++)
		if (c->script_mentions.v[i] == NULL || c->script_mentions.v[i][0] == '\0')
			fuzz_fail("an empty script_mentions phrase", NULL);
	if (c->audio.device == NULL || c->audio.device[0] == '\0')
		fuzz_fail("audio.device empty", c->audio.device);
	if (c->script != NULL && c->script[0] == '\0')
		fuzz_fail("script empty", c->script);
	fuzz_path(c->script, "script");
	fuzz_path(c->lexicon, "lexicon");
	fuzz_path(c->audio.path, "audio.path");
	fuzz_path(c->control_socket, "control.socket");
	fuzz_path(c->state_file, "state.file");
	if (c->audio.output->needs_path && c->audio.path == NULL)
		fuzz_fail("an output that needs a path without one", NULL);
	if (c->schedule.nat > CONF_MAX_AT ||
	    (c->schedule.mode == MODE_DAILY && c->schedule.nat == 0))
		fuzz_fail("schedule.at count", NULL);
	for (i = 0; i < c->schedule.nat; i++)
		if (c->schedule.at[i] < 0 || c->schedule.at[i] >= 24 * 60 ||
		    (i > 0 && c->schedule.at[i] <= c->schedule.at[i - 1]))
			fuzz_fail("schedule.at not sorted times", NULL);
	/* the accepted templates expand */
	if ((s = narrate_template(c->announcer.entry, &e, c->announcer.and)) == NULL)
		fuzz_fail("template", c->announcer.entry);
	free(s);
	if ((s = narrate_template(c->announcer.item, &e, c->announcer.and)) == NULL)
		fuzz_fail("template", c->announcer.item);
	free(s);
}

/* "FILE:LINE: " at the start of err, FILE the config or the include; or
 * "FILE: libconfig gave up ...": libconfig exited or crashed in the syntax
 * check's child (an @include of a folder makes it exit), which the daemon
 * survives */
static void
fuzz_check_error(const char *err, const char *path)
{
	static const char gave_up[] = ": libconfig gave up reading it";
	size_t n = strlen(path), digits;

	if (strncmp(err, path, n) == 0 &&
	    strncmp(err + n, gave_up, sizeof gave_up - 1) == 0)
		return;
	if (strncmp(err, path, n) != 0) {
		n = strlen("inc.conf");
		if (strncmp(err, "inc.conf", n) != 0)
			fuzz_fail("an error without its file", err);
	}
	digits = strspn(err + n + 1, "0123456789");
	if (err[n] != ':' || digits == 0 || err[n + 1 + digits] != ':' ||
	    err[n + 2 + digits] != ' ')
		fuzz_fail("an error without its line", err);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char inc[] = "voice = { rate = 300; };\n";

	(void)argc, (void)argv;
	log_init(-1);
	fuzz_write("inc.conf", inc, sizeof inc - 1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("c.conf", data, size);
	char err[1024] = "";
	struct conf c;
	int rc;

	rc = conf_load(&c, path, fuzz_voice, NULL, err, sizeof err);
	if (rc == 0) {
		if (err[0] != '\0')
			fuzz_fail("loaded with an error", err);
		fuzz_check(&c);
	} else if (rc == EX_CONFIG) {
		if (c.path != NULL)
			fuzz_fail("a refused config left behind", c.path);
		fuzz_check_error(err, path);
	} else
		fuzz_fail("unexpected return", err);
	conf_free(&c);
	return 0;
}
