/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_outputs: the registry of audio outputs: its names in the order the
 * messages list them, the lookup, what "auto" tries, and the rows' own
 * checks of their settings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/conf.h"
#include "output/outputs.h"

static void
test_names_in_order(void **state)
{
	static const char *const want[] = {
		"portaudio", "file", "pulse", "auto", "snapcast"
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_non_null(outputs_at(i));
		assert_string_equal(outputs_at(i)->name, want[i]);
		assert_ptr_equal(outputs_find(want[i]), outputs_at(i));
	}
	assert_null(outputs_at(i));
}

static void
test_find_unknown(void **state)
{
	(void)state;
	assert_null(outputs_find("alsa"));
	assert_null(outputs_find(""));
	assert_null(outputs_find("Pulse"));	/* names are exact */
	assert_null(outputs_find("file "));
}

/* every row but "auto" has a backend; "auto" tries pulse, then PortAudio,
 * and each has devices to list and a name for the log */
static void
test_auto(void **state)
{
	const struct output *o;
	size_t i;

	(void)state;
	for (i = 0; (o = outputs_at(i)) != NULL; i++)
		if (strcmp(o->name, "auto") == 0)
			assert_null(o->ops);
		else
			assert_non_null(o->ops);
	assert_ptr_equal(outputs_auto(0), outputs_find("pulse"));
	assert_ptr_equal(outputs_auto(1), outputs_find("portaudio"));
	assert_null(outputs_auto(2));
	for (i = 0; (o = outputs_auto(i)) != NULL; i++) {
		assert_non_null(o->list);
		assert_non_null(o->via);
	}
}

static void
test_needs_path(void **state)
{
	const struct output *o;
	size_t i;

	(void)state;
	for (i = 0; (o = outputs_at(i)) != NULL; i++)
		assert_int_equal(o->needs_path, strcmp(o->name, "file") == 0 ||
		    strcmp(o->name, "snapcast") == 0);
}

/* the file output appends, so a format that cannot be continued is
 * refused, at audio.path */
static void
test_file_check(void **state)
{
	const struct output *o = outputs_find("file");
	struct conf c;
	char why[256];

	(void)state;
	conf_defaults(&c);
	c.audio.output = o;
	assert_non_null(o->check);
	c.audio.path = "/tmp/show.wav";
	assert_null(o->check(&c, why, sizeof why));
	c.audio.path = "/tmp/show.flac";
	assert_null(o->check(&c, why, sizeof why));
	c.audio.path = "/tmp/show.mp3";
	assert_string_equal(o->check(&c, why, sizeof why), "audio.path");
	assert_non_null(strstr(why, "output \"file\" cannot append to "
	    "\"/tmp/show.mp3\": "));
	c.audio.path = NULL;
	conf_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_in_order),
		cmocka_unit_test(test_find_unknown),
		cmocka_unit_test(test_auto),
		cmocka_unit_test(test_needs_path),
		cmocka_unit_test(test_file_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
