/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_playlist: which entry plays next: through to the end, looping,
 * replay, previous, an entry that failed, and a reload that changes the
 * number of entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>

#include "core/playlist.h"

#define NONE	PLAYLIST_NONE

/* "next" as the engine does it: peek, then start what it gave */
static size_t
play_next(struct playlist *pl)
{
	size_t i = playlist_peek(pl);

	if (i != NONE)
		playlist_started(pl, i);
	return i;
}

static void
test_init(void **state)
{
	struct playlist pl;

	(void)state;
	playlist_init(&pl, 12, 0, false);
	assert_int_equal(pl.n, 12);
	assert_int_equal(playlist_peek(&pl), 0);
	assert_int_equal(pl.current, NONE);
	/* nothing played yet: replay plays the next one, prev stays first */
	assert_int_equal(playlist_replay(&pl), 0);
	assert_int_equal(playlist_prev(&pl), 0);

	/* a saved position */
	playlist_init(&pl, 12, 5, false);
	assert_int_equal(playlist_peek(&pl), 5);
	assert_int_equal(playlist_replay(&pl), 5);
	assert_int_equal(playlist_prev(&pl), 4);

	/* a saved position past the end: at the end */
	playlist_init(&pl, 12, 40, false);
	assert_int_equal(pl.next, 12);
	assert_int_equal(playlist_peek(&pl), NONE);
	playlist_init(&pl, 12, 40, true);
	assert_int_equal(playlist_peek(&pl), 0);
}

static void
test_empty(void **state)
{
	struct playlist pl;

	(void)state;
	playlist_init(&pl, 0, 0, false);
	assert_int_equal(playlist_peek(&pl), NONE);
	assert_int_equal(playlist_replay(&pl), NONE);
	assert_int_equal(playlist_prev(&pl), NONE);
	playlist_init(&pl, 0, 3, true);
	assert_int_equal(playlist_peek(&pl), NONE);
	assert_int_equal(playlist_prev(&pl), NONE);
	playlist_started(&pl, 0);
	assert_int_equal(pl.current, NONE);
	assert_int_equal(playlist_peek(&pl), NONE);
}

static void
test_through_to_the_end(void **state)
{
	struct playlist pl;
	size_t i;

	(void)state;
	playlist_init(&pl, 4, 0, false);
	for (i = 0; i < 4; i++) {
		assert_int_equal(play_next(&pl), i);
		assert_int_equal(pl.current, i);
		assert_int_equal(playlist_replay(&pl), i);
	}
	/* the end without loop: nothing more */
	assert_int_equal(playlist_peek(&pl), NONE);
	assert_int_equal(play_next(&pl), NONE);
	assert_int_equal(playlist_peek(&pl), NONE);
	/* the last entry can still be replayed, and the one before it */
	assert_int_equal(playlist_replay(&pl), 3);
	assert_int_equal(playlist_prev(&pl), 2);
}

static void
test_loop(void **state)
{
	struct playlist pl;
	size_t i;

	(void)state;
	playlist_init(&pl, 3, 0, true);
	for (i = 0; i < 10; i++)
		assert_int_equal(play_next(&pl), i % 3);
	/* at the last entry, the first comes next */
	playlist_init(&pl, 3, 2, true);
	assert_int_equal(play_next(&pl), 2);
	assert_int_equal(playlist_peek(&pl), 0);
	assert_int_equal(playlist_replay(&pl), 2);
	/* one entry, looping */
	playlist_init(&pl, 1, 0, true);
	assert_int_equal(play_next(&pl), 0);
	assert_int_equal(play_next(&pl), 0);
}

static void
test_started_anywhere(void **state)
{
	struct playlist pl;

	(void)state;
	/* goto: the entry after the one started comes next */
	playlist_init(&pl, 12, 0, false);
	playlist_started(&pl, 7);
	assert_int_equal(pl.current, 7);
	assert_int_equal(playlist_peek(&pl), 8);
	playlist_started(&pl, 2);
	assert_int_equal(playlist_peek(&pl), 3);
	/* an index out of range changes nothing */
	playlist_started(&pl, 12);
	playlist_started(&pl, NONE);
	assert_int_equal(pl.current, 2);
	assert_int_equal(playlist_peek(&pl), 3);
}

static void
test_failed(void **state)
{
	struct playlist pl;

	(void)state;
	/* an entry that could not play to its end stays next: nothing is
	 * skipped */
	playlist_init(&pl, 5, 0, false);
	assert_int_equal(play_next(&pl), 0);
	assert_int_equal(play_next(&pl), 1);
	playlist_failed(&pl, 1);
	assert_int_equal(playlist_peek(&pl), 1);
	assert_int_equal(play_next(&pl), 1);
	assert_int_equal(playlist_peek(&pl), 2);

	/* the last entry failed, without loop: it is still to play */
	playlist_init(&pl, 5, 4, false);
	assert_int_equal(play_next(&pl), 4);
	assert_int_equal(playlist_peek(&pl), NONE);
	playlist_failed(&pl, 4);
	assert_int_equal(playlist_peek(&pl), 4);

	/* with loop: the failed last entry comes again, not the first */
	playlist_init(&pl, 5, 4, true);
	assert_int_equal(play_next(&pl), 4);
	assert_int_equal(playlist_peek(&pl), 0);
	playlist_failed(&pl, 4);
	assert_int_equal(playlist_peek(&pl), 4);

	/* an index out of range changes nothing */
	playlist_init(&pl, 5, 2, false);
	playlist_failed(&pl, 5);
	playlist_failed(&pl, NONE);
	assert_int_equal(playlist_peek(&pl), 2);
}

static void
test_replay_and_prev(void **state)
{
	struct playlist pl;

	(void)state;
	playlist_init(&pl, 12, 0, false);
	playlist_started(&pl, 5);
	assert_int_equal(playlist_replay(&pl), 5);
	assert_int_equal(playlist_prev(&pl), 4);
	/* replay and prev only tell; they move nothing */
	assert_int_equal(playlist_peek(&pl), 6);
	assert_int_equal(pl.current, 5);
	/* prev of the first stays the first */
	playlist_started(&pl, 0);
	assert_int_equal(playlist_prev(&pl), 0);
	/* at the end without a current entry (a saved position): the last */
	playlist_init(&pl, 12, 12, false);
	assert_int_equal(playlist_prev(&pl), 11);
	assert_int_equal(playlist_replay(&pl), NONE);
	/* at the end with loop: replay is the next, the first */
	playlist_init(&pl, 12, 12, true);
	assert_int_equal(playlist_replay(&pl), 0);
}

static void
test_resize(void **state)
{
	struct playlist pl;

	(void)state;
	/* a reload with fewer entries: next stays in bounds */
	playlist_init(&pl, 12, 0, false);
	playlist_started(&pl, 8);
	playlist_reset(&pl, 5, pl.next, pl.current, pl.loop);
	assert_int_equal(pl.n, 5);
	assert_true(pl.next <= pl.n);
	assert_int_equal(playlist_peek(&pl), NONE);
	/* the entry that was current is gone */
	assert_int_equal(pl.current, NONE);
	assert_int_equal(playlist_replay(&pl), NONE);
	assert_int_equal(playlist_prev(&pl), 4);

	/* the same, looping: the top comes next */
	playlist_init(&pl, 12, 0, true);
	playlist_started(&pl, 8);
	playlist_reset(&pl, 5, pl.next, pl.current, pl.loop);
	assert_int_equal(playlist_peek(&pl), 0);

	/* a reload that keeps the position in range keeps it */
	playlist_init(&pl, 12, 0, false);
	playlist_started(&pl, 3);
	playlist_reset(&pl, 10, pl.next, pl.current, pl.loop);
	assert_int_equal(pl.current, 3);
	assert_int_equal(playlist_peek(&pl), 4);
	playlist_reset(&pl, 20, pl.next, pl.current, pl.loop);
	assert_int_equal(pl.current, 3);
	assert_int_equal(playlist_peek(&pl), 4);

	/* the current entry is now the last: the end comes next */
	playlist_reset(&pl, 4, pl.next, pl.current, pl.loop);
	assert_int_equal(pl.current, 3);
	assert_int_equal(playlist_peek(&pl), NONE);

	/* at the end, new entries added: they play next */
	playlist_init(&pl, 4, 4, false);
	assert_int_equal(playlist_peek(&pl), NONE);
	playlist_reset(&pl, 6, pl.next, pl.current, pl.loop);
	assert_int_equal(playlist_peek(&pl), 4);

	/* down to nothing */
	playlist_init(&pl, 4, 2, true);
	playlist_reset(&pl, 0, pl.next, pl.current, pl.loop);
	assert_int_equal(playlist_peek(&pl), NONE);
	assert_int_equal(playlist_replay(&pl), NONE);
	assert_int_equal(playlist_prev(&pl), NONE);

	/* the same entries moved in the new script: next and current follow */
	playlist_init(&pl, 12, 0, false);
	playlist_started(&pl, 3);
	playlist_reset(&pl, 13, 5, 4, true);
	assert_int_equal(pl.current, 4);
	assert_int_equal(playlist_peek(&pl), 5);
	assert_true(pl.loop);
}

static void
test_rewind(void **state)
{
	struct playlist pl;

	(void)state;
	playlist_init(&pl, 12, 12, false);
	assert_int_equal(playlist_peek(&pl), NONE);
	playlist_rewind(&pl);
	assert_int_equal(playlist_peek(&pl), 0);
}

/* what the engine asks instead of reading the fields */
static void
test_questions(void **state)
{
	struct playlist pl;

	(void)state;
	playlist_init(&pl, 3, 1, false);
	assert_int_equal(playlist_current(&pl), NONE);
	assert_int_equal(playlist_next(&pl), 1);
	assert_false(playlist_at_end(&pl));
	playlist_started(&pl, 2);
	assert_int_equal(playlist_current(&pl), 2);
	assert_int_equal(playlist_next(&pl), 3);
	assert_true(playlist_at_end(&pl));
	/* with loop the end is still the end: a next starts at the top */
	playlist_init(&pl, 3, 2, true);
	playlist_started(&pl, 2);
	assert_true(playlist_at_end(&pl));
	assert_int_equal(playlist_next(&pl), 3);
	assert_int_equal(playlist_peek(&pl), 0);
	playlist_started(&pl, 0);
	assert_false(playlist_at_end(&pl));
	/* a failed entry stays next: not the end */
	playlist_init(&pl, 3, 2, false);
	playlist_started(&pl, 2);
	playlist_failed(&pl, 2);
	assert_int_equal(playlist_current(&pl), 2);
	assert_int_equal(playlist_next(&pl), 2);
	assert_false(playlist_at_end(&pl));
	/* no entries: always at the end */
	playlist_init(&pl, 0, 0, true);
	assert_true(playlist_at_end(&pl));
	assert_int_equal(playlist_current(&pl), NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_through_to_the_end),
		cmocka_unit_test(test_loop),
		cmocka_unit_test(test_started_anywhere),
		cmocka_unit_test(test_failed),
		cmocka_unit_test(test_replay_and_prev),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_rewind),
		cmocka_unit_test(test_questions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
