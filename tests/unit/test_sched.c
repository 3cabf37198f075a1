/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sched: every mode over fixed times; daily times in Europe/Berlin across
 * midnight and both DST changes of 2024 (spring forward 2024-03-31 02:00 CET
 * -> 03:00 CEST, fall back 2024-10-27 03:00 CEST -> 02:00 CET). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/limits.h"
#include "core/sched.h"

/* an instant given in UTC: unambiguous, also inside DST changes */
static double
utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
	    .tm_hour = h, .tm_min = mi, .tm_sec = s };

	return (double)timegm(&tm);
}

/* an instant given in local time, away from DST changes */
static double
local(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
	    .tm_hour = h, .tm_min = mi, .tm_sec = s, .tm_isdst = -1 };

	return (double)mktime(&tm);
}

static struct sched_params
params(enum conf_mode mode)
{
	struct sched_params p;

	memset(&p, 0, sizeof(p));
	p.mode = mode;
	p.gap = 3;
	p.every = 3600;
	return p;
}

static void
daily_at(struct sched_params *p, int hh, int mm)
{
	p->at[p->nat++] = hh * 60 + mm;
}

/* one entry played from start to end */
static void
play(struct sched_state *st, double start, double end, bool from_top,
    bool last)
{
	sched_started(st, start, from_top);
	sched_finished(st, end, last);
}

static int
berlin(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	return 0;
}

static void
test_signal_never_due(void **state)
{
	struct sched_params p = params(MODE_SIGNAL);
	struct sched_state st;
	struct sched_due d;

	(void)state;
	sched_init(&st, 1000, false);
	assert_true(sched_next(&p, &st, 1000).at < 0);
	play(&st, 1010, 1020, false, false);
	d = sched_next(&p, &st, 1020);
	assert_true(d.at < 0);
	assert_false(d.from_top);
	p.loop = true;
	play(&st, 1030, 1040, false, true);
	assert_true(sched_next(&p, &st, 5000).at < 0);
}

static void
test_continuous_back_to_back(void **state)
{
	struct sched_params p = params(MODE_CONTINUOUS);
	struct sched_state st;
	struct sched_due d;

	(void)state;
	sched_init(&st, 1000, false);
	d = sched_next(&p, &st, 1000);
	assert_true(d.at == 1000);	/* the first one at start-up */
	assert_false(d.from_top);
	sched_started(&st, 1000, false);
	assert_true(sched_next(&p, &st, 1001).at < 0);	/* never two at once */
	sched_finished(&st, 1040.5, false);
	d = sched_next(&p, &st, 1040.5);
	assert_true(d.at == 1043.5);
	assert_false(d.from_top);
	play(&st, 1043.5, 1100, false, true);
	assert_true(sched_next(&p, &st, 1100).at < 0);	/* none after the end */
	assert_true(sched_next(&p, &st, 99999).at < 0);
}

static void
test_continuous_loop(void **state)
{
	struct sched_params p = params(MODE_CONTINUOUS);
	struct sched_state st;
	struct sched_due d;

	(void)state;
	p.loop = true;
	sched_init(&st, 1000, false);
	play(&st, 1000, 1100, false, true);
	d = sched_next(&p, &st, 1100);
	assert_true(d.at == 1103);
	assert_true(d.from_top);	/* round again */
	play(&st, 1103, 1200, true, false);
	d = sched_next(&p, &st, 1200);
	assert_true(d.at == 1203);
	assert_false(d.from_top);
}

static void
test_continuous_saved_at_end(void **state)
{
	struct sched_params p = params(MODE_CONTINUOUS);
	struct sched_state st;
	struct sched_due d;

	(void)state;
	sched_init(&st, 1000, true);
	assert_true(sched_next(&p, &st, 1000).at < 0);
	p.loop = true;
	d = sched_next(&p, &st, 1000);
	assert_true(d.at == 1000);
	assert_true(d.from_top);
}

static void
test_interval_start_to_start(void **state)
{
	struct sched_params p = params(MODE_INTERVAL);
	struct sched_state st;
	struct sched_due d;

	(void)state;
	p.every = 600;
	sched_init(&st, 1000, false);
	d = sched_next(&p, &st, 1000);
	assert_true(d.at == 1600);	/* `every` after start-up */
	assert_false(d.from_top);
	sched_started(&st, 1600, false);
	assert_true(sched_next(&p, &st, 1601).at < 0);
	sched_finished(&st, 1650, false);
	assert_true(sched_next(&p, &st, 1650).at == 2200);
	/* a manual play restarts the count */
	play(&st, 1800, 1830, false, false);
	assert_true(sched_next(&p, &st, 1830).at == 2400);
	play(&st, 2400, 2430, false, true);
	assert_true(sched_next(&p, &st, 2430).at < 0);
	p.loop = true;
	d = sched_next(&p, &st, 2430);
	assert_true(d.at == 3000);
	assert_true(d.from_top);
}

static void
test_interval_long_entries(void **state)
{
	struct sched_params p = params(MODE_INTERVAL);
	struct sched_state st;

	(void)state;
	p.every = 60;
	sched_init(&st, 0, false);
	/* an entry of 200 s: the next is due as it finishes, not before */
	sched_started(&st, 60, false);
	assert_true(sched_next(&p, &st, 130).at < 0);
	sched_finished(&st, 260, false);
	assert_true(sched_next(&p, &st, 260).at == 260);
	assert_true(sched_next(&p, &st, 260.5).at == 260);	/* asked again */
	/* it plays at once; the one after is measured from its start, not
	 * from the missed slots at 180 and 240: no burst */
	sched_started(&st, 260.5, false);
	sched_finished(&st, 270, false);
	assert_true(sched_next(&p, &st, 270).at == 320.5);
}

static void
test_interval_clock_changes(void **state)
{
	struct sched_params p = params(MODE_INTERVAL);
	struct sched_state st;
	struct sched_due d;

	(void)state;
	sched_init(&st, 1000, false);
	play(&st, 4600, 4610, false, false);
	/* forward by a day: the one missed play is due at once, once */
	d = sched_next(&p, &st, 90000);
	assert_true(d.at == 8200);
	play(&st, 90000, 90010, false, false);
	assert_true(sched_next(&p, &st, 90010).at == 93600);
	/* back behind the last start: due at once rather than in a day */
	d = sched_next(&p, &st, 5000);
	assert_true(d.at == 5000);
	play(&st, 5000, 5010, false, false);
	assert_true(sched_next(&p, &st, 5010).at == 8600);
}

static void
test_continuous_clock_back(void **state)
{
	struct sched_params p = params(MODE_CONTINUOUS);
	struct sched_state st;

	(void)state;
	p.gap = 30;
	sched_init(&st, 1000, false);
	play(&st, 1000, 1100, false, false);
	assert_true(sched_next(&p, &st, 1100).at == 1130);
	assert_true(sched_next(&p, &st, 500).at == 500);
	play(&st, 500, 600, false, false);
	assert_true(sched_next(&p, &st, 600).at == 630);
}

static void
test_daily_run(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;
	struct sched_due d;
	double t = local(2024, 6, 1, 20, 0, 0);

	(void)state;
	daily_at(&p, 20, 0);
	sched_init(&st, local(2024, 6, 1, 12, 0, 0), false);
	d = sched_next(&p, &st, local(2024, 6, 1, 12, 0, 0));
	assert_true(d.at == t);
	assert_true(d.from_top);
	/* the timer fires a little late: still due, and asking again agrees */
	d = sched_next(&p, &st, t + 0.002);
	assert_true(d.at == t);
	assert_true(d.from_top);
	assert_true(sched_next(&p, &st, t + 0.002).at == t);
	sched_started(&st, t + 0.002, true);
	assert_true(sched_next(&p, &st, t + 10).at < 0);
	sched_finished(&st, t + 40, false);
	d = sched_next(&p, &st, t + 40);
	assert_true(d.at == t + 43);	/* the run goes on with `gap` */
	assert_false(d.from_top);
	play(&st, t + 43, t + 90, false, true);
	d = sched_next(&p, &st, t + 90);
	assert_true(d.at == local(2024, 6, 2, 20, 0, 0));
	assert_true(d.from_top);
}

static void
test_daily_loop_is_one_pass(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;
	double t = local(2024, 6, 1, 20, 0, 0);

	(void)state;
	daily_at(&p, 20, 0);
	p.loop = true;
	sched_init(&st, t - 60, false);
	play(&st, t, t + 40, true, true);
	assert_true(sched_next(&p, &st, t + 40).at ==
	    local(2024, 6, 2, 20, 0, 0));
}

static void
test_daily_across_midnight(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;
	struct sched_due d;
	double t = local(2024, 6, 1, 23, 59, 0);

	(void)state;
	daily_at(&p, 0, 10);
	daily_at(&p, 23, 59);
	sched_init(&st, local(2024, 6, 1, 23, 0, 0), false);
	assert_true(sched_next(&p, &st, st.start).at == t);
	/* a run that goes on past midnight */
	play(&st, t, t + 50, true, false);
	d = sched_next(&p, &st, t + 50);
	assert_true(d.at == t + 53);
	assert_false(d.from_top);
	play(&st, t + 53, t + 120, false, true);
	d = sched_next(&p, &st, t + 120);
	assert_true(d.at == local(2024, 6, 2, 0, 10, 0));
	assert_true(d.from_top);
	/* started after the last time of the day: the first of tomorrow */
	sched_init(&st, local(2024, 6, 2, 23, 59, 30), false);
	assert_true(sched_next(&p, &st, st.start).at ==
	    local(2024, 6, 3, 0, 10, 0));
}

static void
test_daily_missed_not_played_late(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;

	(void)state;
	daily_at(&p, 8, 0);
	daily_at(&p, 20, 0);
	/* started 5 s after 20:00: that one passed while the daemon was down */
	sched_init(&st, local(2024, 6, 1, 20, 0, 5), false);
	assert_true(sched_next(&p, &st, st.start).at ==
	    local(2024, 6, 2, 8, 0, 0));
	/* started right at it: only times strictly after now count */
	sched_init(&st, local(2024, 6, 1, 20, 0, 0), false);
	assert_true(sched_next(&p, &st, st.start).at ==
	    local(2024, 6, 2, 8, 0, 0));
	sched_init(&st, local(2024, 6, 1, 7, 59, 59), false);
	assert_true(sched_next(&p, &st, st.start).at ==
	    local(2024, 6, 1, 8, 0, 0));
}

static void
test_daily_clock_forward(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;
	struct sched_due d;
	double t = local(2024, 6, 1, 20, 0, 0);

	(void)state;
	daily_at(&p, 20, 0);
	sched_init(&st, t - 3600, false);
	/* stepped a little past 20:00: played at once */
	d = sched_next(&p, &st, t + 30);
	assert_true(d.at == t);
	assert_true(d.from_top);
	/* stepped (or woke up) well past it: missed, tomorrow's is next */
	d = sched_next(&p, &st, t + SCHED_LATE_MAX + 1);
	assert_true(d.at == local(2024, 6, 2, 20, 0, 0));
	d = sched_next(&p, &st, local(2024, 6, 4, 9, 0, 0));
	assert_true(d.at == local(2024, 6, 4, 20, 0, 0));
}

static void
test_daily_clock_back_no_repeat(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;
	struct sched_due d;
	double t = local(2024, 6, 1, 20, 0, 0);

	(void)state;
	daily_at(&p, 20, 0);
	sched_init(&st, t - 3600, false);
	play(&st, t, t + 40, true, false);
	/* set back ten minutes mid-run: the run goes on at once, 20:00 does
	 * not come again today */
	d = sched_next(&p, &st, t - 600);
	assert_true(d.at == t - 600);
	assert_false(d.from_top);
	play(&st, t - 600, t - 560, false, true);
	d = sched_next(&p, &st, t - 560);
	assert_true(d.at == local(2024, 6, 2, 20, 0, 0));
	/* set back a whole day: still no repeat of the run */
	d = sched_next(&p, &st, t - 86400 - 60);
	assert_true(d.at == local(2024, 6, 2, 20, 0, 0));
}

static void
test_daily_time_while_playing(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;
	struct sched_due d;
	double t = local(2024, 6, 1, 20, 0, 0);

	(void)state;
	daily_at(&p, 20, 0);
	sched_init(&st, t - 3600, false);
	/* a manual play from 19:59:30 to 20:02: not interrupted, and the run
	 * starts as it ends (two minutes late) */
	sched_started(&st, t - 30, false);
	assert_true(sched_next(&p, &st, t).at < 0);
	sched_finished(&st, t + 120, false);
	d = sched_next(&p, &st, t + 120);
	assert_true(d.at == t);
	assert_true(d.from_top);
	sched_started(&st, t + 120, true);
	sched_finished(&st, t + 160, false);
	d = sched_next(&p, &st, t + 160);
	assert_true(d.at == t + 163);
	assert_false(d.from_top);
}

static void
test_daily_manual_play_no_run(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;
	double t = local(2024, 6, 1, 12, 0, 0);

	(void)state;
	daily_at(&p, 20, 0);
	sched_init(&st, t, false);
	/* SIGUSR1 outside a run plays one entry and no more */
	play(&st, t + 10, t + 50, false, false);
	assert_true(sched_next(&p, &st, t + 50).at ==
	    local(2024, 6, 1, 20, 0, 0));
}

static void
test_daily_time_restarts_run(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;
	struct sched_due d;
	double t = local(2024, 6, 1, 20, 0, 0);

	(void)state;
	daily_at(&p, 20, 0);
	daily_at(&p, 20, 1);
	p.gap = 30;
	sched_init(&st, t - 60, false);
	play(&st, t, t + 50, true, false);
	/* 20:01 comes before the run's next entry (20:01:20): from the top */
	d = sched_next(&p, &st, t + 50);
	assert_true(d.at == t + 60);
	assert_true(d.from_top);
}

static void
test_dst_spring_forward(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;
	struct sched_due d;
	double t = utc(2024, 3, 31, 1, 30, 0);	/* 03:30 CEST */
	char buf[64];

	(void)state;
	daily_at(&p, 2, 30);
	sched_init(&st, utc(2024, 3, 29, 21, 0, 0), false);
	assert_true(sched_next(&p, &st, st.start).at ==
	    utc(2024, 3, 30, 1, 30, 0));	/* 02:30 CET */
	/* 02:30 does not exist on the 31st: shifted by the jump */
	sched_init(&st, utc(2024, 3, 30, 21, 0, 0), false);
	d = sched_next(&p, &st, st.start);
	assert_true(d.at == t);
	assert_true(d.from_top);
	assert_string_equal(sched_describe(buf, sizeof(buf), d.at,
	    utc(2024, 3, 31, 0, 0, 0)), "next at 03:30");
	/* once */
	play(&st, t, t + 60, true, true);
	assert_true(sched_next(&p, &st, t + 60).at ==
	    utc(2024, 4, 1, 0, 30, 0));	/* 02:30 CEST */
}

static void
test_dst_spring_forward_two_times(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;
	double a = utc(2024, 3, 31, 1, 15, 0), b = utc(2024, 3, 31, 1, 30, 0);

	(void)state;
	/* 02:30 shifts to 03:30, after 03:15: both play, once each */
	daily_at(&p, 2, 30);
	daily_at(&p, 3, 15);
	sched_init(&st, utc(2024, 3, 30, 21, 0, 0), false);
	assert_true(sched_next(&p, &st, st.start).at == a);
	play(&st, a, a + 60, true, true);
	assert_true(sched_next(&p, &st, a + 60).at == b);
	play(&st, b, b + 60, true, true);
	assert_true(sched_next(&p, &st, b + 60).at ==
	    utc(2024, 4, 1, 0, 30, 0));
}

static void
test_dst_fall_back(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;
	double first = utc(2024, 10, 27, 0, 30, 0);	/* 02:30 CEST */
	double second = utc(2024, 10, 27, 1, 30, 0);	/* 02:30 CET */
	double next = utc(2024, 10, 28, 1, 30, 0);	/* 02:30 CET */

	(void)state;
	daily_at(&p, 2, 30);
	sched_init(&st, utc(2024, 10, 26, 20, 0, 0), false);
	assert_true(sched_next(&p, &st, st.start).at == first);
	play(&st, first, first + 60, true, true);
	assert_true(sched_next(&p, &st, first + 60).at == next);
	/* asked again around the second 02:30: still tomorrow */
	assert_true(sched_next(&p, &st, second - 1).at == next);
	assert_true(sched_next(&p, &st, second + 1).at == next);
	/* started between the two: no play at the second one */
	sched_init(&st, utc(2024, 10, 27, 1, 0, 0), false);
	assert_true(sched_next(&p, &st, st.start).at == next);
}

static void
test_describe(void **state)
{
	char buf[64], small[8];
	double now = local(2024, 6, 1, 12, 0, 0);

	(void)state;
	assert_string_equal(sched_describe(buf, sizeof(buf), -1, now),
	    "no play scheduled");
	assert_string_equal(sched_describe(buf, sizeof(buf), now - 5, now),
	    "next now");
	assert_string_equal(sched_describe(buf, sizeof(buf), now, now),
	    "next now");
	assert_string_equal(sched_describe(buf, sizeof(buf), now + 3, now),
	    "next in 3.0 s");
	assert_string_equal(sched_describe(buf, sizeof(buf),
	    local(2024, 6, 1, 20, 0, 0), now), "next at 20:00");
	assert_string_equal(sched_describe(buf, sizeof(buf),
	    local(2024, 6, 1, 13, 34, 56) + 0.25, now), "next at 13:34:56");
	assert_string_equal(sched_describe(buf, sizeof(buf),
	    local(2024, 6, 2, 20, 0, 0), now), "next at 2024-06-02 20:00");
	sched_describe(small, sizeof(small), now + 3, now);
	assert_string_equal(small, "next in");
	sched_describe(small, sizeof(small), local(2024, 6, 2, 20, 0, 0),
	    now);
	assert_string_equal(small, "");
	assert_ptr_equal(sched_describe(small, 0, now, now), small);
}

static void
test_params_from_conf(void **state)
{
	struct conf c;
	struct sched_params p;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.schedule.mode = MODE_DAILY;
	c.schedule.gap = 2.5;
	c.schedule.every = 90;
	c.schedule.at[0] = 480;
	c.schedule.at[1] = 1200;
	c.schedule.nat = 2;
	c.schedule.loop = true;
	sched_params_from_conf(&p, &c);
	assert_int_equal(p.mode, MODE_DAILY);
	assert_true(p.gap == 2.5);
	assert_true(p.every == 90);
	assert_int_equal(p.nat, 2);
	assert_int_equal(p.at[0], 480);
	assert_int_equal(p.at[1], 1200);
	assert_true(p.loop);
}

static void
test_wild_times(void **state)
{
	struct sched_params p = params(MODE_DAILY);
	struct sched_state st;
	char buf[64];

	(void)state;
	daily_at(&p, 20, 0);
	sched_init(&st, 1e300, false);
	(void)sched_next(&p, &st, 1e300);
	(void)sched_next(&p, &st, -1e300);
	(void)sched_describe(buf, sizeof(buf), 1e300, 0);
	p.nat = 0;
	assert_true(sched_next(&p, &st, 1000).at < 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signal_never_due),
		cmocka_unit_test(test_continuous_back_to_back),
		cmocka_unit_test(test_continuous_loop),
		cmocka_unit_test(test_continuous_saved_at_end),
		cmocka_unit_test(test_continuous_clock_back),
		cmocka_unit_test(test_interval_start_to_start),
		cmocka_unit_test(test_interval_long_entries),
		cmocka_unit_test(test_interval_clock_changes),
		cmocka_unit_test(test_daily_run),
		cmocka_unit_test(test_daily_loop_is_one_pass),
		cmocka_unit_test(test_daily_across_midnight),
		cmocka_unit_test(test_daily_missed_not_played_late),
		cmocka_unit_test(test_daily_clock_forward),
		cmocka_unit_test(test_daily_clock_back_no_repeat),
		cmocka_unit_test(test_daily_time_while_playing),
		cmocka_unit_test(test_daily_manual_play_no_run),
		cmocka_unit_test(test_daily_time_restarts_run),
		cmocka_unit_test(test_dst_spring_forward),
		cmocka_unit_test(test_dst_spring_forward_two_times),
		cmocka_unit_test(test_dst_fall_back),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_params_from_conf),
		cmocka_unit_test(test_wild_times),
	};

	return cmocka_run_group_tests(tests, berlin, NULL);
}
