/* SPDX-License-Identifier: GPL-3.0-or-later */
/* player: what it answers the engine (its state, the clip's length, where
 * a played clip lies in the output's file, the probe) through the file
 * output, into a private folder, with clips made here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "core/player.h"
#include "output/outputs.h"
#include "util/log.h"
#include "unit.h"

/* n samples of a square wave: a clip that is not silence */
static struct clip *
tone(size_t n)
{
	struct clip *c = clip_new(0, CLIP_RATE);
	size_t i;
	int16_t s;

	assert_non_null(c);
	for (i = 0; i < n; i++) {
		s = (i / 50) % 2 ? 8000 : -8000;
		assert_int_equal(clip_append(c, &s, 1), 0);
	}
	return c;
}

/* the end of the clip, as the engine learns of it */
static enum player_outcome
played(struct player *p)
{
	struct pollfd pfd = { .fd = player_fd(p), .events = POLLIN };

	assert_int_equal(poll(&pfd, 1, 5000), 1);
	return player_check(p);
}

static void
test_questions(void **state)
{
	struct conf c;
	struct player p;
	struct clip *clip;
	const struct clip *rec;
	size_t start = 99;

	conf_defaults(&c);
	c.audio.output = outputs_find("file");
	assert_true(asprintf(&c.audio.path, "%s/out.wav", (char *)*state) > 0);
	assert_int_equal(player_init(&p, &c), 0);
	assert_int_equal(player_probe(&p), 0);
	assert_int_equal(player_state(&p), PLAYER_IDLE);
	assert_true(player_length(&p) == 0);
	assert_null(player_recorded(&p, &start));
	assert_int_equal(start, 99);

	/* the first clip starts the file */
	clip = tone(CLIP_RATE / 5);
	assert_int_equal(player_play(&p, clip), 0);
	assert_int_equal(player_state(&p), PLAYER_PLAYING);
	assert_float_equal(player_length(&p), 0.2, 1e-9);
	assert_int_equal(played(&p), PLAYER_ENDED);
	assert_ptr_equal(player_recorded(&p, &start), clip);
	assert_int_equal(start, 0);
	player_stop(&p);
	assert_null(player_recorded(&p, &start));

	/* the second one comes after it */
	clip = tone(CLIP_RATE / 10);
	assert_int_equal(player_play(&p, clip), 0);
	assert_int_equal(player_pause(&p), 0);
	assert_int_equal(player_state(&p), PLAYER_PAUSED);
	assert_float_equal(player_length(&p), 0.1, 1e-9);
	assert_int_equal(player_resume(&p), 0);
	assert_int_equal(played(&p), PLAYER_ENDED);
	rec = player_recorded(&p, &start);
	assert_ptr_equal(rec, clip);
	assert_int_equal(start, CLIP_RATE / 5);
	player_stop(&p);
	assert_int_equal(player_state(&p), PLAYER_IDLE);
	assert_true(player_length(&p) == 0);
	player_free(&p);
	conf_free(&c);
}

/* an output that cannot open: the probe says so */
static void
test_probe_fails(void **state)
{
	struct conf c;
	struct player p;

	conf_defaults(&c);
	c.audio.output = outputs_find("file");
	assert_true(asprintf(&c.audio.path, "%s/no/such/folder/out.wav",
	    (char *)*state) > 0);
	assert_int_equal(player_init(&p, &c), 0);
	assert_int_equal(player_probe(&p), -1);
	assert_int_equal(player_state(&p), PLAYER_IDLE);
	player_free(&p);
	conf_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_questions,
		    unit_tmpdir_setup, unit_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_probe_fails,
		    unit_tmpdir_setup, unit_tmpdir_teardown),
	};

	log_init(-1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
