/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_sink_snapcast: the snapcast output against a FIFO that the test reads
 * as snapserver does (a chunk every 20 ms, without blocking): the samples
 * arrive whole and in order, paced rather than dumped, the end is reported
 * only once the rooms have heard it (audio.latency later), a FIFO that
 * nothing reads fails the clip, and a path that is not a FIFO is refused.
 * Timing bounds are generous: the machine is shared. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "output/outputs.h"
#include "output/sink.h"
#include "unit.h"

#define RATE	8000
#define CLIP	(2 * RATE)	/* two seconds: more than the stall time */
#define LATENCY	0.2

struct feed {
	atomic_size_t	 pos;	/* frames handed out */
	atomic_llong	 done;	/* when done came, ns; 0 before */
	char		 dir[64];
	char		 path[96];
	struct conf	 conf;
};

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

/* a ramp: sample i is (int16_t)i, so order and loss show */
static size_t
feed_fill(void *arg, int16_t *out, size_t n)
{
	struct feed *f = arg;
	size_t pos = atomic_load(&f->pos), i;

	if (n > CLIP - pos)
		n = CLIP - pos;
	for (i = 0; i < n; i++)
		out[i] = (int16_t)(pos + i);
	atomic_store(&f->pos, pos + n);
	return n;
}

static void
feed_done(void *arg)
{
	struct feed *f = arg;

	atomic_store(&f->done, now_ns());
}

static int
setup(void **state)
{
	struct feed *f = calloc(1, sizeof *f);

	assert_non_null(f);
	assert_int_equal(unit_tmpdir(f->dir, sizeof f->dir), 0);
	snprintf(f->path, sizeof f->path, "%s/fifo", f->dir);
	conf_defaults(&f->conf);
	f->conf.audio.output = outputs_find("snapcast");
	f->conf.audio.path = f->path;
	f->conf.audio.rate = RATE;
	f->conf.audio.latency = LATENCY;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct feed *f = *state;

	int rc = unit_tmpdir_remove(f->dir);

	f->conf.audio.path = NULL;	/* not conf_free's */
	conf_free(&f->conf);
	free(f);
	return rc;
}

static struct sink *
new_sink(struct feed *f)
{
	struct sink *s = sink_new(&f->conf, feed_fill, feed_done, f);

	assert_non_null(s);
	assert_int_equal(sink_rate(s), RATE);
	return s;
}

static void
test_paced_whole_heard_late(void **state)
{
	struct feed *f = *state;
	struct sink *s = new_sink(f);
	struct stat st;
	int16_t buf[CLIP + 16];
	size_t got = 0, at300 = 0, i;
	long long t0, done;
	ssize_t n;
	int rd;

	/* the FIFO is made, readable by snapserver's user */
	assert_int_equal(sink_open(s), 0);
	assert_int_equal(stat(f->path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0644);
	rd = open(f->path, O_RDONLY | O_NONBLOCK);
	assert_true(rd != -1);
	sleep_ms(1100);		/* held open since "start-up": no silence first */

	t0 = now_ns();
	assert_int_equal(sink_start(s), 0);
	while (now_ns() - t0 < 5000000000LL && atomic_load(&f->done) == 0) {
		n = read(rd, (char *)buf + got * 2, sizeof buf - got * 2);
		if (n > 0)
			got += (size_t)n / 2;
		if (at300 == 0 && now_ns() - t0 >= 300000000LL)
			at300 = got;
		sleep_ms(20);
	}
	done = atomic_load(&f->done);
	assert_true(done != 0);
	assert_int_equal(got, CLIP);
	for (i = 0; i < CLIP; i++)
		if (buf[i] != (int16_t)i)
			fail_msg("sample %zu is %d", i, buf[i]);
	/* paced: not the whole clip at once (0.3 s + the 0.1 s lead) */
	assert_true(at300 > 0);
	assert_true(at300 < RATE * 7 / 10);
	/* done when the rooms heard the end: 2 s + the latency after start */
	assert_true(done - t0 >= (long long)((2.0 + LATENCY - 0.02) * 1e9));
	assert_int_equal(sink_delay(s), 0);
	close(rd);
	sink_free(s);
}

/* written but not heard yet, while playing and after a stop (a pause):
 * a stop drops nothing, what snapserver has is heard all the same */
static void
test_delay_after_stop(void **state)
{
	struct feed *f = *state;
	struct sink *s = new_sink(f);
	size_t pos, d;
	char sink_buf[4096];
	int rd, i;

	assert_int_equal(sink_open(s), 0);
	rd = open(f->path, O_RDONLY | O_NONBLOCK);
	assert_int_equal(sink_start(s), 0);
	for (i = 0; i < 15; i++) {	/* 0.3 s, read as snapserver would */
		while (read(rd, sink_buf, sizeof sink_buf) > 0)
			;
		sleep_ms(20);
	}
	d = sink_delay(s);
	/* 0.3 s played and 0.1 s ahead: 0.2 s of latency unheard, plus the lead */
	assert_true(d > RATE * (LATENCY / 2));
	assert_true(d < RATE * (LATENCY + 0.3));
	sink_stop(s);
	assert_int_equal(sink_unheard(s), 0);
	pos = atomic_load(&f->pos);
	sleep_ms(400);
	assert_int_equal(atomic_load(&f->pos), pos);	/* no fill after stop */
	assert_int_equal(atomic_load(&f->done), 0);
	assert_int_equal(sink_delay(s), 0);		/* all heard by now */
	close(rd);
	sink_free(s);
}

/* a FIFO opened for this very play: a second of silence comes first, then
 * the clip whole */
static void
test_preroll(void **state)
{
	struct feed *f = *state;
	struct sink *s = new_sink(f);
	static int16_t buf[4 * RATE];
	size_t got = 0, first = 0;
	long long t0;
	ssize_t n;
	int rd;

	assert_int_equal(sink_open(s), 0);
	rd = open(f->path, O_RDONLY | O_NONBLOCK);
	t0 = now_ns();
	assert_int_equal(sink_start(s), 0);
	while (atomic_load(&f->done) == 0 && now_ns() - t0 < 6000000000LL) {
		n = read(rd, (char *)buf + got * 2, sizeof buf - got * 2);
		if (n > 0)
			got += (size_t)n / 2;
		sleep_ms(20);
	}
	while ((n = read(rd, (char *)buf + got * 2, sizeof buf - got * 2)) > 0)
		got += (size_t)n / 2;
	assert_true(atomic_load(&f->done) != 0);
	while (first < got && buf[first] == 0)
		first++;
	/* the ramp's sample 1 is its first nonzero one */
	assert_true(first > RATE * 9 / 10 && first <= RATE + 1);
	assert_int_equal(got, first - 1 + CLIP);
	close(rd);
	sink_free(s);
}

/* nothing reads the FIFO: the clip fails within the stall time, short of
 * its end, and a reader that comes later gets the next play */
static void
test_nothing_reads(void **state)
{
	struct feed *f = *state;
	struct sink *s = new_sink(f);
	long long t0;

	assert_int_equal(sink_open(s), 0);
	t0 = now_ns();
	assert_int_equal(sink_start(s), 0);
	while (atomic_load(&f->done) == 0 && now_ns() - t0 < 5000000000LL)
		sleep_ms(10);
	assert_true(atomic_load(&f->done) != 0);
	assert_true(atomic_load(&f->pos) < CLIP);
	sink_stop(s);
	sink_reset(s);		/* what the player does after a failure */
	assert_int_equal(sink_open(s), 0);
	sink_free(s);
}

static void
test_not_a_fifo(void **state)
{
	struct feed *f = *state;
	struct sink *s = new_sink(f);
	struct stat st;
	FILE *fp = fopen(f->path, "w");

	assert_non_null(fp);
	fputs("keep", fp);
	fclose(fp);
	assert_int_equal(sink_open(s), -1);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_size, 4);	/* left alone */
	sink_free(s);
}

static void
test_no_folder(void **state)
{
	struct feed *f = *state;
	struct sink *s;

	f->conf.audio.path = "/nonexistent-countdownd/fifo";
	s = new_sink(f);
	assert_int_equal(sink_open(s), -1);
	sink_free(s);
	f->conf.audio.path = f->path;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_paced_whole_heard_late, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delay_after_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_preroll, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_folder, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
