/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sched: when the next play is due. Pure logic over time values: no timers,
 * no I/O. Times are seconds since the epoch (CLOCK_REALTIME) as doubles;
 * daily times are local wall-clock times (TZ, localtime_r).
 *
 * The main loop keeps a struct sched_state, tells it about events with
 * sched_init, sched_started and sched_finished, and after each event (and
 * after a clock change: TFD_TIMER_CANCEL_ON_SET) asks sched_next for the
 * next due time, arms its timer for it and, when it fires, asks again: a
 * due time at or before now means "play at once". sched_next is a pure
 * function of its arguments, so asking twice never plays twice.
 *
 * Modes (struct conf's schedule):
 * - signal: nothing is ever due by itself.
 * - continuous: the first play is due at start-up, each next one `gap`
 *   seconds after the previous entry finished; none after the last entry
 *   unless loop (then from the top).
 * - interval: a play every `every` seconds, measured from one entry's start
 *   to the next's (so a manual play restarts the count); the first is due
 *   `every` after start-up. An entry longer than `every` delays the next
 *   until it finishes: one play then, never a burst of catch-up plays.
 *   None after the last entry unless loop.
 * - daily: at each time in `at` the countdown from the top, one pass, with
 *   `gap` between entries (loop does not make a daily run go round: each
 *   time in `at` starts it again anyway). A daily time that arrives while
 *   an entry plays starts its run when that entry ends, even in the middle
 *   of another run.
 *
 * Nothing is ever due while an entry plays: never two at once.
 *
 * Daily times and the clock:
 * - A time that passed while the daemon was down is not played late: at
 *   start-up only times after now count. A restart also ends a daily run.
 * - A time at most SCHED_LATE_MAX seconds in the past (the clock stepped a
 *   little past it, a late wake-up) still plays, at once; one further back
 *   is missed, like one that passed while the daemon was down.
 * - Each time plays at most once a day, and a time at or before the start
 *   of the last daily run never plays: a clock set back (even a whole day)
 *   does not repeat a run; the daily plays resume once the clock passes
 *   the last run again.
 * - DST spring-forward: a time in the skipped hour (02:30 in Europe/Berlin
 *   on the last Sunday in March) plays once, shifted by the jump, read as if
 *   the clocks had not moved yet (02:30 CET = 03:30 CEST).
 * - DST fall-back: a time that the clocks show twice plays at the first of
 *   the two only; a daemon started between the two waits for the next day.
 *
 * Relative waits (gap, every) are measured on the same wall clock. When the
 * clock steps forward past one, that play is due at once; when it steps back
 * behind the moment a wait started, the play is due at once too (rather
 * than after a wait of unknown length). Either way it is one play. */
#ifndef SCHED_H
#define SCHED_H

#include <stdbool.h>
#include <stddef.h>

#include "core/conf.h"
#include "core/limits.h"

/* the schedule settings, copied from struct conf (sched_params_from_conf) */
struct sched_params {
	enum conf_mode	mode;
	double		gap;		/* seconds after an entry ends */
	double		every;		/* interval: seconds, start to start */
	int		at[CONF_MAX_AT];/* daily: minutes after midnight, sorted */
	size_t		nat;
	bool		loop;
};

/* what the schedule knows of the past; only the sched_ functions change it */
struct sched_state {
	double	start;		/* start-up */
	double	last_start;	/* start of the latest entry, -1 none */
	double	last_end;	/* end of the latest entry, -1 none */
	double	run_start;	/* start of the latest play from the top, -1 none */
	bool	playing;	/* an entry plays now */
	bool	in_run;		/* daily: a run from the top is under way */
	bool	after_last;	/* the position is past the last entry */
};

struct sched_due {
	double	at;		/* seconds since the epoch; -1 none; <= now: at once */
	bool	from_top;	/* play entry 1 (a daily run, a loop going round);
				 * else the entry at the position */
};

void	sched_params_from_conf(struct sched_params *p, const struct conf *c);
/* start-up at now; at_end: the saved position is past the last entry */
void	sched_init(struct sched_state *st, double now, bool at_end);
/* an entry started playing at now; from_top: because of a due from_top */
void	sched_started(struct sched_state *st, double now, bool from_top);
/* the entry playing ended (or was stopped) at now; last: it was the last */
void	sched_finished(struct sched_state *st, double now, bool last);
/* the next play due after the events in st, asked at now */
struct sched_due sched_next(const struct sched_params *p,
	    const struct sched_state *st, double now);
/* "next at 20:00", "next at 2025-03-30 03:30", "next in 3.0 s",
 * "next now", "no play scheduled" (local time); returns buf */
const char *sched_describe(char *buf, size_t len, double due, double now);

#endif
