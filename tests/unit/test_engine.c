/* SPDX-License-Identifier: GPL-3.0-or-later */
/* engine: its commands against the file output (audio.output "file" into a
 * temp dir, paced like a device) and the real synth thread: what each
 * command does, and the reason it gives when it does nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/engine.h"
#include "output/outputs.h"
#include "util/loop.h"
#include "util/timer.h"
#include "unit.h"

static const char text[] =
    "Top 3 Tests\n\nIn.\n\n"
    "#3: \"Alpha\"\nA Band\nOne.\n\n"
    "#2: \"Bravo\"\nB Band\nA body long enough that the entry is still "
    "playing when the test looks at it, a few seconds of speech at least, "
    "which this sentence should give.\n\n"
    "#1: \"Charlie\"\nC Band\nThree.\n";

static struct tts *tts;
static struct loop *loop;	/* the main loop, as the daemon's */
static char dir[128];	/* unit_tmpdir's */

static int
setup(void **state)
{
	(void)state;
	if (unit_tmpdir(dir, sizeof dir) == -1 || (tts = tts_start()) == NULL ||
	    (loop = loop_new()) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	loop_free(loop);
	tts_stop(tts);
	return unit_tmpdir_remove(dir);
}

/* an engine over the script above, its output the file dir/name */
static struct engine *
start(const char *name, enum conf_on_busy on_busy)
{
	struct conf c;
	struct script s;
	struct lexicon lx = { 0 };
	struct script_error err;
	struct engine_parts parts = { &c, &s, &lx };
	struct engine *e;

	conf_defaults(&c);
	c.audio.output = outputs_find("file");
	assert_true(asprintf(&c.audio.path, "%s/%s", dir, name) > 0);
	c.schedule.on_busy = on_busy;
	assert_int_equal(script_parse(text, sizeof text - 1, NULL, &s, &err), 0);
	assert_non_null(e = engine_new(&parts, tts, loop));
	return e;
}

/* run the engine's events until it is in state st, at entry current when
 * that is not PLAYLIST_NONE (at most 20 s) */
static void
until_at(struct engine *e, enum engine_state st, size_t current)
{
	double end = timer_now(CLOCK_MONOTONIC) + 20;
	struct engine_info in;

	for (;;) {
		engine_info(e, &in);
		if (in.state == st && (current == PLAYLIST_NONE ||
		    in.current == current))
			return;
		assert_true(timer_now(CLOCK_MONOTONIC) < end);
		assert_true(loop_round(loop, 1000) >= 0);
	}
}

static void
until(struct engine *e, enum engine_state st)
{
	until_at(e, st, PLAYLIST_NONE);
}

static struct engine_info
info(struct engine *e)
{
	struct engine_info in;

	engine_info(e, &in);
	return in;
}

static void
test_next_at_the_end(void **state)
{
	struct engine *e = start("end.wav", BUSY_SKIP);
	char buf[256];

	(void)state;
	assert_int_equal(engine_goto(e, 3), ENGINE_OK);
	until(e, ENGINE_PLAYING);
	assert_int_equal(info(e).current, 3);
	assert_false(info(e).can_next);
	assert_int_equal(engine_stop(e), ENGINE_OK);
	assert_int_equal(info(e).next, PLAYLIST_NONE);
	assert_int_equal(engine_next(e), ENGINE_AT_END);
	assert_int_equal(info(e).state, ENGINE_IDLE);
	assert_string_equal(engine_result_text(e, ENGINE_AT_END, buf, sizeof buf),
	    "the countdown is over (\"goto 1\" starts it again)");
	assert_string_equal(engine_result_kind(ENGINE_AT_END), "state");
	engine_free(e);
	/* its fds went with it: a round finds no source (a closed fd left
	 * behind would be POLLNVAL at once) */
	assert_int_equal(loop_round(loop, 0), 0);
}

static void
test_pause_and_resume(void **state)
{
	struct engine *e = start("pause.wav", BUSY_SKIP);
	unsigned long changes;

	(void)state;
	assert_int_equal(engine_pause(e), ENGINE_NOTHING_PLAYS);
	assert_int_equal(engine_resume(e), ENGINE_NOT_PAUSED);
	changes = engine_changes(e);
	assert_int_equal(engine_goto(e, 2), ENGINE_OK);
	until(e, ENGINE_PLAYING);
	assert_true(engine_changes(e) > changes);
	assert_int_equal(engine_pause(e), ENGINE_OK);
	assert_int_equal(info(e).state, ENGINE_PAUSED);
	assert_true(info(e).total > 0);
	assert_int_equal(engine_pause(e), ENGINE_ALREADY_PAUSED);
	assert_int_equal(engine_resume(e), ENGINE_OK);
	assert_int_equal(info(e).state, ENGINE_PLAYING);
	assert_int_equal(engine_resume(e), ENGINE_NOT_PAUSED);
	engine_free(e);
}

static void
test_busy_skip(void **state)
{
	struct engine *e = start("skip.wav", BUSY_SKIP);

	(void)state;
	assert_int_equal(engine_goto(e, 2), ENGINE_OK);
	until(e, ENGINE_PLAYING);
	assert_true(info(e).can_next);
	assert_int_equal(engine_next(e), ENGINE_OK);
	until(e, ENGINE_PLAYING);
	assert_int_equal(info(e).current, 3);
	engine_free(e);
}

static void
test_busy_queue(void **state)
{
	struct engine *e = start("queue.wav", BUSY_QUEUE);

	(void)state;
	assert_int_equal(engine_goto(e, 1), ENGINE_OK);
	until(e, ENGINE_PLAYING);
	assert_int_equal(engine_next(e), ENGINE_QUEUED);
	assert_true(info(e).queued);
	assert_int_equal(info(e).current, 1);	/* it plays on */
	assert_int_equal(info(e).next, 2);
	/* once it ends, the queued next starts by itself */
	until_at(e, ENGINE_PLAYING, 2);
	assert_false(info(e).queued);
	/* the last entry: nothing to queue, and it plays on */
	assert_int_equal(engine_goto(e, 3), ENGINE_OK);
	until_at(e, ENGINE_PLAYING, 3);
	assert_int_equal(engine_next(e), ENGINE_AT_END);
	assert_false(info(e).queued);
	assert_int_equal(info(e).state, ENGINE_PLAYING);
	engine_free(e);
}

static void
test_busy_ignore(void **state)
{
	struct engine *e = start("ignore.wav", BUSY_IGNORE);
	char buf[256];

	(void)state;
	assert_int_equal(engine_goto(e, 2), ENGINE_OK);
	until(e, ENGINE_PLAYING);
	assert_false(info(e).can_next);
	assert_int_equal(engine_next(e), ENGINE_IGNORED_BUSY);
	assert_int_equal(info(e).current, 2);
	assert_string_equal(engine_result_text(e, ENGINE_IGNORED_BUSY, buf,
	    sizeof buf), "3/4 is playing, and schedule.on_busy is \"ignore\"");
	engine_free(e);
}

static void
test_goto_and_prev(void **state)
{
	struct engine *e = start("goto.wav", BUSY_SKIP);
	char buf[256];

	(void)state;
	assert_int_equal(engine_goto(e, 4), ENGINE_NO_ENTRY);
	assert_int_equal(engine_goto(e, PLAYLIST_NONE), ENGINE_NO_ENTRY);
	assert_string_equal(engine_result_kind(ENGINE_NO_ENTRY), "range");
	assert_int_equal(info(e).state, ENGINE_IDLE);
	/* at the top, prev plays the first entry */
	assert_false(info(e).can_prev);
	assert_int_equal(engine_prev(e), ENGINE_OK);
	until(e, ENGINE_PLAYING);
	assert_int_equal(info(e).current, 0);
	assert_int_equal(engine_goto(e, 2), ENGINE_OK);
	until(e, ENGINE_PLAYING);
	assert_true(info(e).can_prev);
	assert_int_equal(engine_prev(e), ENGINE_OK);
	until(e, ENGINE_PLAYING);
	assert_int_equal(info(e).current, 1);
	assert_int_equal(engine_replay(e), ENGINE_OK);
	until(e, ENGINE_PLAYING);
	assert_int_equal(info(e).current, 1);
	assert_string_equal(engine_result_text(e, ENGINE_NO_AUDIO, buf, sizeof buf),
	    "cannot play: no audio device (the log says more)");
	engine_free(e);
}

static void
test_wait(void **state)
{
	struct engine *e = start("wait.wav", BUSY_SKIP);
	unsigned long ticket;

	(void)state;
	assert_false(engine_wait_ticket(e, &ticket));
	assert_int_equal(engine_goto(e, 2), ENGINE_OK);
	/* still being made: the wait is for that entry */
	assert_true(engine_wait_ticket(e, &ticket));
	assert_false(engine_wait_over(e, ticket));
	until(e, ENGINE_PLAYING);
	assert_false(engine_wait_over(e, ticket));
	engine_stop(e);
	assert_true(engine_wait_over(e, ticket));
	engine_free(e);
}

static bool
exists(const char *name)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return stat(path, &st) == 0 && st.st_size > 0;
}

static void
test_reload_output(void **state)
{
	struct engine *e = start("before.wav", BUSY_SKIP);
	struct conf c;
	struct script s;
	struct lexicon lx = { 0 };
	struct script_error err;
	struct engine_parts parts = { &c, &s, &lx };

	(void)state;
	assert_int_equal(engine_probe_output(e), 0);
	assert_int_equal(engine_goto(e, 2), ENGINE_OK);
	until(e, ENGINE_PLAYING);
	conf_defaults(&c);
	c.audio.output = outputs_find("file");
	assert_true(asprintf(&c.audio.path, "%s/after.wav", dir) > 0);
	assert_int_equal(script_parse(text, sizeof text - 1, NULL, &s, &err), 0);
	engine_reload(e, &parts);
	/* the entry playing finishes where it began */
	assert_int_equal(info(e).state, ENGINE_PLAYING);
	assert_int_equal(info(e).current, 2);
	assert_non_null(strstr(engine_conf(e)->audio.path, "/after.wav"));
	assert_false(exists("after.wav"));
	/* the next play goes to the new file */
	assert_int_equal(engine_next(e), ENGINE_OK);
	until(e, ENGINE_PLAYING);
	assert_int_equal(info(e).current, 3);
	assert_true(exists("after.wav"));
	assert_true(exists("before.wav"));
	engine_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_at_the_end),
		cmocka_unit_test(test_pause_and_resume),
		cmocka_unit_test(test_busy_skip),
		cmocka_unit_test(test_busy_queue),
		cmocka_unit_test(test_busy_ignore),
		cmocka_unit_test(test_goto_and_prev),
		cmocka_unit_test(test_wait),
		cmocka_unit_test(test_reload_output),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
