/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sched: the next due time, computed afresh from the state on every call so
 * that a re-plan after any event or clock change cannot play twice. */
#include "core/sched.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/limits.h"

#define SCHED_DAY 86400

/* time_t's range is wider than any real clock; clamping keeps a wild value
 * from overflowing the conversion (years 1970..9999) */
static time_t
sched_time(double t)
{
	if (!(t > 0))
		return 0;
	if (t > 253402300799.0)
		return 253402300799;
	return (time_t)floor(t);
}

/* seconds east of UTC of the local time at instant t */
static long
sched_gmtoff(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	return tm.tm_gmtoff;
}

/* The instant a local wall-clock time (seconds since 1970-01-01 00:00 of
 * local time) is shown. Real zones change their offset at most once within
 * a day, so the offsets half a day either side are the only candidates. In
 * a fold both fit: the first wins. In a gap neither fits: the wall time is
 * read with the offset from before the jump, as if the clocks had not moved
 * yet, which lands it after the gap by the size of the jump. */
static time_t
sched_local(time_t wall)
{
	time_t guess = wall - sched_gmtoff(wall);
	long before = sched_gmtoff(guess - SCHED_DAY / 2);
	long after = sched_gmtoff(guess + SCHED_DAY / 2);
	time_t tb = wall - before, ta = wall - after;
	int fits_before = sched_gmtoff(tb) == before;
	int fits_after = sched_gmtoff(ta) == after;

	if (fits_before && fits_after)
		return tb < ta ? tb : ta;
	if (fits_after)
		return ta;
	return tb;
}

/* the first daily time strictly after `after`, or -1 without times */
static double
sched_daily_after(const struct sched_params *p, double after)
{
	time_t t = sched_time(after);
	time_t wall = t + sched_gmtoff(t);
	time_t day = wall - (wall % SCHED_DAY + SCHED_DAY) % SCHED_DAY;
	double best = -1;
	size_t i;
	int k;

	/* from the day before (a shifted time may land past midnight) on;
	 * within three days every time in `at` has come round */
	for (k = -1; k <= 2; k++) {
		for (i = 0; i < p->nat; i++) {
			double o = (double)sched_local(day +
			    (time_t)k * SCHED_DAY + (time_t)p->at[i] * 60);

			if (o > after && (best < 0 || o < best))
				best = o;
		}
	}
	return best;
}

/* the end of a wait of `wait` seconds from ref; a ref in the future means
 * the clock was set back behind it, so the wait is over */
static double
sched_wait(double ref, double wait, double now)
{
	return ref > now ? now : ref + wait;
}

static struct sched_due
sched_continuous(const struct sched_params *p, const struct sched_state *st,
    double now)
{
	struct sched_due d = { -1, false };

	if (st->after_last && !p->loop)
		return d;
	if (st->last_end < 0)
		d.at = sched_wait(st->start, 0, now);
	else
		d.at = sched_wait(st->last_end, p->gap, now);
	d.from_top = st->after_last;
	return d;
}

static struct sched_due
sched_interval(const struct sched_params *p, const struct sched_state *st,
    double now)
{
	struct sched_due d = { -1, false };
	double ref = st->last_start >= 0 ? st->last_start : st->start;

	if (st->after_last && !p->loop)
		return d;
	if (ref > now || st->last_end > now)
		d.at = now;
	else	/* an entry longer than `every` delays the next, no more */
		d.at = fmax(ref + p->every, st->last_end);
	d.from_top = st->after_last;
	return d;
}

/* The daily time to play next: the first after start-up and after the
 * latest run began, and not more than SCHED_LATE_MAX late unless an entry
 * that just ended held it back. */
static double
sched_daily_time(const struct sched_params *p, const struct sched_state *st,
    double now)
{
	double floor_at = fmax(st->start, st->run_start);
	double late = now - SCHED_LATE_MAX;

	if (st->last_end < late && floor_at < late)
		floor_at = late;
	return sched_daily_after(p, floor_at);
}

static struct sched_due
sched_daily(const struct sched_params *p, const struct sched_state *st,
    double now)
{
	struct sched_due d = { -1, false };
	double o = sched_daily_time(p, st, now);

	if (st->in_run && !st->after_last)
		d.at = sched_wait(st->last_end, p->gap, now);
	if (o >= 0 && (d.at < 0 || o <= d.at)) {
		d.at = o;
		d.from_top = true;
	}
	return d;
}

void
sched_params_from_conf(struct sched_params *p, const struct conf *c)
{
	size_t n = c->schedule.nat < CONF_MAX_AT ? c->schedule.nat : CONF_MAX_AT;

	memset(p, 0, sizeof(*p));
	p->mode = c->schedule.mode;
	p->gap = c->schedule.gap;
	p->every = c->schedule.every;
	memcpy(p->at, c->schedule.at, n * sizeof(p->at[0]));
	p->nat = n;
	p->loop = c->schedule.loop;
}

void
sched_init(struct sched_state *st, double now, bool at_end)
{
	st->start = now;
	st->last_start = -1;
	st->last_end = -1;
	st->run_start = -1;
	st->playing = false;
	st->in_run = false;
	st->after_last = at_end;
}

void
sched_started(struct sched_state *st, double now, bool from_top)
{
	st->playing = true;
	st->last_start = now;
	st->after_last = false;
	if (from_top) {
		st->in_run = true;
		st->run_start = now;
	}
}

void
sched_finished(struct sched_state *st, double now, bool last)
{
	st->playing = false;
	st->last_end = now;
	st->after_last = last;
	if (last)
		st->in_run = false;
}

struct sched_due
sched_next(const struct sched_params *p, const struct sched_state *st,
    double now)
{
	struct sched_due none = { -1, false };

	if (st->playing)
		return none;
	switch (p->mode) {
	case MODE_SIGNAL:
		break;
	case MODE_CONTINUOUS:
		return sched_continuous(p, st, now);
	case MODE_INTERVAL:
		return sched_interval(p, st, now);
	case MODE_DAILY:
		return sched_daily(p, st, now);
	}
	return none;
}

/* strftime; buf is left empty rather than undefined when it is too small */
static void
sched_strftime(char *buf, size_t len, const char *fmt, const struct tm *tm)
{
	if (strftime(buf, len, fmt, tm) == 0)
		buf[0] = '\0';
}

const char *
sched_describe(char *buf, size_t len, double due, double now)
{
	struct tm td, tn;
	time_t d = sched_time(due), n = sched_time(now);
	bool today, whole;

	if (len == 0)
		return buf;
	if (due < 0) {
		snprintf(buf, len, "no play scheduled");
		return buf;
	}
	if (due <= now) {
		snprintf(buf, len, "next now");
		return buf;
	}
	if (due - now < 60 || localtime_r(&d, &td) == NULL ||
	    localtime_r(&n, &tn) == NULL) {
		snprintf(buf, len, "next in %.1f s", due - now);
		return buf;
	}
	today = td.tm_year == tn.tm_year && td.tm_yday == tn.tm_yday;
	whole = td.tm_sec == 0;
	if (today)
		sched_strftime(buf, len, whole ? "next at %H:%M" :
		    "next at %H:%M:%S", &td);
	else
		sched_strftime(buf, len, whole ? "next at %Y-%m-%d %H:%M" :
		    "next at %Y-%m-%d %H:%M:%S", &td);
	return buf;
}
