/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_conf_suggest: "did you mean": the known setting nearest to an
 * unknown name, at the top level and inside a group; a known leaf in the
 * wrong group; no guess for a name too far from any. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/conf_priv.h"

static void
want(const char *typo, const char *name)
{
	const char *got = conf_suggest(typo);

	if (name == NULL) {
		if (got != NULL)
			fail_msg("\"%s\": no suggestion expected, got \"%s\"",
			    typo, got);
		return;
	}
	if (got == NULL)
		fail_msg("\"%s\": expected \"%s\", got none", typo, name);
	assert_string_equal(got, name);
}

static void
test_top_level(void **state)
{
	(void)state;
	want("shedule", "schedule");
	want("scirpt", "script");		/* two letters swapped */
	want("lexcon", "lexicon");
	want("voise", "voice");
}

/* inside a group, the group's own settings are as near as a top-level
 * name is to its neighbours */
static void
test_in_group(void **state)
{
	(void)state;
	want("voice.nmae", "voice.name");
	want("voice.rat", "voice.rate");
	want("schedule.mdoe", "schedule.mode");
	want("schedule.gpa", "schedule.gap");	/* a 3-letter name, one swap */
	want("audio.outptu", "audio.output");
	want("announcer.numbr", "announcer.number");
	want("mpris.nmae", "mpris.name");
}

/* a typo in the group's name as well as one in the leaf */
static void
test_group_misspelt(void **state)
{
	(void)state;
	want("shedule.mode", "schedule.mode");
	want("vocie.pitch", "voice.pitch");
}

/* a known leaf under the wrong group, or at the top level */
static void
test_wrong_group(void **state)
{
	(void)state;
	want("rate", "voice.rate");
	want("voice.gap", "schedule.gap");
	want("audio.socket", "control.socket");
	want("render.every", "schedule.every");
}

/* too far from every name: no guess at all */
static void
test_none(void **state)
{
	(void)state;
	want("bogus", NULL);
	want("voice.zz", NULL);
	want("x", NULL);
	want("audio.qqqqqq", NULL);
	want("schedule.gxx", NULL);	/* two edits of three letters */
}

/* the distance is taken over names up to CONF_NAME_MAX: a longer one in
 * the table could never be suggested */
static void
test_names_fit(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < conf_nsettings; i++)
		assert_in_range(strlen(conf_settings[i].name), 1, CONF_NAME_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_top_level),
		cmocka_unit_test(test_in_group),
		cmocka_unit_test(test_group_misspelt),
		cmocka_unit_test(test_wrong_group),
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_names_fit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
