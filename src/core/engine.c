/* SPDX-License-Identifier: GPL-3.0-or-later */
/* engine: what plays, when, and what happens when it ends or fails. */
#include "core/engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "core/player.h"
#include "core/sched.h"
#include "core/state.h"
#include "core/status.h"
#include "front/notify.h"
#include "production/sidecar.h"
#include "text/narrate.h"
#include "util/log.h"
#include "util/loop.h"
#include "util/timer.h"

struct engine {
	struct conf		 conf;
	struct script		 script;
	struct lexicon		 lexicon;
	struct playlist		 pl;
	struct tts		*tts;
	struct player		 player;
	struct clip		*ready;		/* synthesized ahead, not yet played */
	size_t			 preparing;	/* entry asked of the speech worker, or NONE */
	size_t			 pending;	/* a play waiting for its clip, or NONE */
	bool			 pending_top;	/* ... started by the schedule from the top */
	bool			 queued;	/* on_busy "queue": a next is waiting */
	bool			 output_stale;	/* a reload changed the audio settings */
	struct sched_params	 sp;
	struct sched_state	 ss;
	int			 timerfd;	/* the schedule's next due time */
	double			 announced;	/* the due time last logged */
	int			 deadfd;	/* a playing clip's latest end */
	struct state_writer	*saver;		/* the position's */
	struct loop		*loop;
	struct loop_src		*on_tts, *on_player, *on_timer, *on_deadline;
	size_t			 skipped;	/* the entry last skipped since one
						 * played, or NONE ... */
	enum engine_result	 skip_why;	/* ... and why */
	unsigned long		 plays;		/* entries started so far (the wait) */
	unsigned long		 changes;	/* engine_changes() */
};

/* a clip may take this much longer than its length before the device is
 * taken for dead (a server that vanished stops calling back) */
#define ENGINE_DEVICE_GRACE 2.0

static double
engine_now(void)
{
	return timer_now(CLOCK_REALTIME);
}

/* the current entry as the log counts them, from 1 */
static size_t
engine_number(const struct engine *e)
{
	return playlist_current(&e->pl) + 1;
}

/* nothing plays, is paused or waits for its clip (ENGINE_IDLE) */
static bool
engine_idle(const struct engine *e)
{
	return player_state(&e->player) == PLAYER_IDLE &&
	    e->pending == PLAYLIST_NONE;
}

void
engine_info(const struct engine *e, struct engine_info *in)
{
	struct playlist after = e->pl;
	struct sched_due due;
	size_t prev = playlist_prev(&e->pl);
	enum player_state ps = player_state(&e->player);

	memset(in, 0, sizeof *in);
	in->now = engine_now();
	in->state = ENGINE_IDLE;
	in->nentries = e->script.nentries;
	in->current = PLAYLIST_NONE;
	in->next = playlist_peek(&e->pl);
	in->queued = e->queued;
	in->due = -1;
	in->skipped = e->skipped;
	in->skipped_speech = e->skip_why == ENGINE_SPEECH_FAILED;
	in->can_next = in->next != PLAYLIST_NONE &&
	    !(ps == PLAYER_PLAYING && e->conf.schedule.on_busy == BUSY_IGNORE);
	in->can_prev = prev != PLAYLIST_NONE && prev != playlist_replay(&e->pl);
	if (ps != PLAYER_IDLE) {
		in->state = ps == PLAYER_PAUSED ? ENGINE_PAUSED : ENGINE_PLAYING;
		in->current = playlist_current(&e->pl);
		in->elapsed = player_elapsed(&e->player);
		in->total = player_length(&e->player);
	} else if (e->pending != PLAYLIST_NONE) {
		/* the position moves once the clip is made and plays */
		in->state = ENGINE_STARTING;
		in->current = e->pending;
		playlist_started(&after, e->pending);
		in->next = playlist_peek(&after);
	} else if (in->next != PLAYLIST_NONE) {
		due = sched_next(&e->sp, &e->ss, in->now);
		in->due = due.at;
		if (due.at >= 0 && due.from_top)
			in->next = 0;
	}
}

const struct script *
engine_script(const struct engine *e)
{
	return &e->script;
}

const struct conf *
engine_conf(const struct engine *e)
{
	return &e->conf;
}

unsigned long
engine_changes(const struct engine *e)
{
	return e->changes;
}

/* STATUS= says what plays and what is next; a front end learns that it
 * changed through engine_changes() */
static void
engine_changed(struct engine *e)
{
	struct engine_info in;
	struct textbuf b = TEXTBUF_INIT;

	e->changes++;
	engine_info(e, &in);
	status_line(&b, &e->script, &in);
	notify_status("%s", textbuf_str(&b));
	textbuf_reset(&b);
}

/* the position to save: the entry the next play should start */
static void
engine_save(struct engine *e, size_t next)
{
	state_writer_save(e->saver, &e->script, next);
}

/* the position after the entry that ended: the one a next plays */
static void
engine_save_next(struct engine *e)
{
	size_t next = playlist_peek(&e->pl);

	engine_save(e, next == PLAYLIST_NONE ? e->script.nentries : next);
}

/* Ask the speech worker (tts.h) for entry index, unless it is ready or under way. */
static void
engine_prepare(struct engine *e, size_t index)
{
	struct narrate_params np;
	struct narration n;
	struct textbuf label = TEXTBUF_INIT;
	struct tts_job *job;

	if (index == PLAYLIST_NONE || index == e->preparing ||
	    (e->ready && e->ready->index == index))
		return;
	narrate_params_set(&np, &e->conf, &e->lexicon);
	clip_free(e->ready);
	e->ready = NULL;
	e->preparing = PLAYLIST_NONE;
	status_entry(&label, &e->script, index);
	if (narrate_entry(&e->script.entries[index], &np, &n) == -1 ||
	    (job = tts_job_new(index, &n, &e->conf, textbuf_str(&label))) == NULL) {
		narrate_free(&n);
		textbuf_reset(&label);
		log_errorx("out of memory preparing entry %zu", index + 1);
		return;
	}
	textbuf_reset(&label);
	e->preparing = index;
	tts_submit(e->tts, job);
}

static void
engine_arm_deadline(struct engine *e)
{
	double left = player_length(&e->player) - player_elapsed(&e->player);

	timer_set(e->deadfd, player_state(&e->player) != PLAYER_IDLE ?
	    timer_now(CLOCK_MONOTONIC) + left + e->conf.audio.latency +
	    ENGINE_DEVICE_GRACE : 0, 0, TFD_TIMER_ABSTIME);
}

static void
engine_replan(struct engine *e)
{
	double now = engine_now();
	struct sched_due due = sched_next(&e->sp, &e->ss, now);
	char when[128];

	/* nothing due: disarmed, and deaf to the clock being set too (a
	 * disarmed timerfd armed with TFD_TIMER_CANCEL_ON_SET still wakes
	 * the loop at every clock change) */
	if (due.at < 0)
		timer_set(e->timerfd, 0, 0, 0);
	else
		timer_set(e->timerfd, due.at, 0,
		    TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET);
	/* the log says when the schedule plays next, once per due time */
	if (due.at > now && due.at != e->announced) {
		log_info("%s", sched_describe(when, sizeof when, due.at, now));
		e->announced = due.at;
	}
	engine_changed(e);
}

/* New audio settings from a reload take over once nothing plays: an entry
 * under way finishes on the device it started on. */
static void
engine_apply_output(struct engine *e)
{
	if (!e->output_stale || player_state(&e->player) != PLAYER_IDLE)
		return;
	e->output_stale = false;
	if (player_set_output(&e->player, &e->conf) == -1)
		log_warnx("keeping the old audio settings: cannot set up the new ones");
}

/* An entry whose clip was cut off at CLIP_MAX_SECONDS can never play
 * whole, and one the speech worker failed on cannot play at all: it is
 * skipped with an error, as if it had played in no time (the position
 * moves past it, the schedule goes on). It is made again each time it
 * comes round: nothing about it is remembered. */
static enum engine_result
engine_skip(struct engine *e, size_t index, bool from_top)
{
	struct textbuf line = TEXTBUF_INIT;
	enum engine_result why = e->ready->failed ? ENGINE_SPEECH_FAILED :
	    ENGINE_TOO_LONG;

	status_entry(&line, &e->script, index);
	log_errorx("skipped %s: %s", textbuf_str(&line), why == ENGINE_TOO_LONG ?
	    "too long to play" : "eSpeak NG failed on it");
	textbuf_reset(&line);
	clip_free(e->ready);
	e->ready = NULL;
	playlist_started(&e->pl, index);
	sched_started(&e->ss, engine_now(), from_top);
	engine_save_next(e);
	sched_finished(&e->ss, engine_now(), playlist_at_end(&e->pl));
	engine_prepare(e, playlist_peek(&e->pl));
	e->skipped = index;
	e->skip_why = why;
	engine_replan(e);
	return why;
}

/* The entry that played out goes into the file output's captions and
 * chapters: its clip is the last of what the file holds, and holds the
 * narration it was made from. */
static void
engine_sidecar(struct engine *e, size_t index)
{
	const struct clip *c;
	size_t start;

	if (e->conf.audio.captions == NULL && e->conf.audio.chapters == NULL)
		return;
	if ((c = player_recorded(&e->player, &start)) != NULL)
		sidecar_entry(&e->conf, &e->script.entries[index], c, start);
}

/* Start entry index now if its clip is ready, else as soon as it is. */
static enum engine_result
engine_play(struct engine *e, size_t index, bool from_top)
{
	struct textbuf line = TEXTBUF_INIT;

	if (index == PLAYLIST_NONE) {
		log_info("end of the countdown: nothing left to play "
		    "(SIGUSR2 replays the last entry; schedule.loop starts over)");
		return ENGINE_AT_END;
	}
	player_stop(&e->player);
	engine_apply_output(e);
	if (e->ready == NULL || e->ready->index != index) {
		engine_prepare(e, index);
		e->pending = index;
		e->pending_top = from_top;
		engine_changed(e);	/* STATUS=: "starting", not what was cut */
		return ENGINE_OK;
	}
	e->pending = PLAYLIST_NONE;
	if (e->ready->cut || e->ready->failed)
		return engine_skip(e, index, from_top);
	status_entry(&line, &e->script, index);
	if (player_play(&e->player, e->ready) == -1) {
		log_errorx("cannot play %s: no audio device; it stays next",
		    textbuf_str(&line));
		textbuf_reset(&line);
		playlist_failed(&e->pl, index);
		engine_replan(e);
		return ENGINE_NO_AUDIO;
	}
	e->ready = NULL;
	e->plays++;
	e->skipped = PLAYLIST_NONE;
	log_info("playing %s", textbuf_str(&line));
	textbuf_reset(&line);
	playlist_started(&e->pl, index);
	sched_started(&e->ss, engine_now(), from_top);
	engine_save(e, index);
	engine_arm_deadline(e);
	engine_prepare(e, playlist_peek(&e->pl));
	engine_replan(e);
	return ENGINE_OK;
}

/* the keeper's eventfd: a clip made */
static void
engine_on_tts(void *arg, short revents)
{
	struct engine *e = arg;
	struct clip *c = tts_collect(e->tts);

	(void)revents;
	if (c == NULL)
		return;
	if (c->index != e->preparing) {
		clip_free(c);
		return;
	}
	e->preparing = PLAYLIST_NONE;
	if (c->cut) {
		struct textbuf line = TEXTBUF_INIT;

		status_lost(&line, &e->script, c->index, false);
		log_errorx("%s; cut off: it is skipped", textbuf_str(&line));
		textbuf_reset(&line);
	}
	clip_free(e->ready);
	e->ready = c;
	if (e->pending == c->index)
		engine_play(e, c->index, e->pending_top);
}

static void
engine_ended(struct engine *e, bool ok)
{
	size_t index = playlist_current(&e->pl);
	bool last = playlist_at_end(&e->pl);

	timer_set(e->deadfd, 0, 0, 0);
	if (ok)
		engine_sidecar(e, index);
	player_stop(&e->player);
	if (ok) {
		log_info("finished %zu/%zu", index + 1, e->script.nentries);
		engine_save_next(e);
	} else {
		log_errorx("audio device failed during %zu/%zu; it plays again next time",
		    index + 1, e->script.nentries);
		player_reset(&e->player);
		playlist_failed(&e->pl, index);
		engine_prepare(e, index);
	}
	sched_finished(&e->ss, engine_now(), ok && last);
	if (e->queued) {
		e->queued = false;
		engine_play(e, playlist_peek(&e->pl), false);
		return;
	}
	engine_replan(e);
}

/* the schedule's timer, or the clock was set */
static void
engine_on_timer(void *arg, short revents)
{
	struct engine *e = arg;
	uint64_t n;
	struct sched_due due;
	double now = engine_now();

	(void)revents;
	/* ECANCELED: the clock was set; asking again re-plans */
	if (read(e->timerfd, &n, sizeof n) == -1 && errno == ECANCELED)
		log_info("the clock changed; schedule re-planned");
	due = sched_next(&e->sp, &e->ss, now);
	if (due.at >= 0 && due.at <= now && engine_idle(e)) {
		if (due.from_top)
			playlist_rewind(&e->pl);
		engine_play(e, due.from_top ? 0 : playlist_peek(&e->pl), due.from_top);
		return;
	}
	engine_replan(e);
}

/* the player's eventfd: the clip played out, or the stream stopped short */
static void
engine_on_player(void *arg, short revents)
{
	struct engine *e = arg;
	enum player_outcome o = player_check(&e->player);

	(void)revents;
	if (o != PLAYER_NOTHING)
		engine_ended(e, o == PLAYER_ENDED);
}

/* the device deadline: a device that stopped calling back */
static void
engine_on_deadline(void *arg, short revents)
{
	struct engine *e = arg;
	uint64_t n;

	(void)revents;
	if (read(e->deadfd, &n, sizeof n) > 0 &&
	    player_state(&e->player) == PLAYER_PLAYING)
		engine_ended(e, false);
}

static const struct loop_ops engine_tts_ops = { .ready = engine_on_tts };
static const struct loop_ops engine_player_ops = { .ready = engine_on_player };
static const struct loop_ops engine_timer_ops = { .ready = engine_on_timer };
static const struct loop_ops engine_deadline_ops = {
	.ready = engine_on_deadline,
};

/* the entry playing stops short: skipped, stopped, or another one goes */
static void
engine_cut(struct engine *e)
{
	timer_set(e->deadfd, 0, 0, 0);
	player_stop(&e->player);
	sched_finished(&e->ss, engine_now(), false);
}

enum engine_result
engine_next(struct engine *e)
{
	size_t next = playlist_peek(&e->pl);

	if (player_state(&e->player) == PLAYER_PLAYING) {
		switch (e->conf.schedule.on_busy) {
		case BUSY_QUEUE:
			if (next == PLAYLIST_NONE)	/* says so; this plays on */
				return engine_play(e, next, false);
			e->queued = true;
			e->changes++;
			log_info("next queued after %zu/%zu", engine_number(e),
			    e->script.nentries);
			return ENGINE_QUEUED;
		case BUSY_IGNORE:
			log_info("next ignored: %zu/%zu is playing",
			    engine_number(e), e->script.nentries);
			return ENGINE_IGNORED_BUSY;
		case BUSY_SKIP:
			log_info("skipped %zu/%zu", engine_number(e),
			    e->script.nentries);
			engine_cut(e);
			break;
		}
	}
	return engine_play(e, next, false);
}

enum engine_result
engine_replay(struct engine *e)
{
	size_t index = playlist_replay(&e->pl);

	return index == PLAYLIST_NONE ? ENGINE_NO_REPLAY : engine_goto(e, index);
}

enum engine_result
engine_prev(struct engine *e)
{
	size_t index = playlist_prev(&e->pl);

	return index == PLAYLIST_NONE ? ENGINE_EMPTY : engine_goto(e, index);
}

enum engine_result
engine_goto(struct engine *e, size_t index)
{
	if (index >= e->script.nentries)
		return ENGINE_NO_ENTRY;
	if (player_state(&e->player) != PLAYER_IDLE)
		engine_cut(e);
	e->queued = false;
	return engine_play(e, index, false);
}

enum engine_result
engine_stop(struct engine *e)
{
	bool called_off = e->pending != PLAYLIST_NONE || e->queued;

	e->pending = PLAYLIST_NONE;
	e->queued = false;
	if (player_state(&e->player) == PLAYER_IDLE) {
		if (called_off)		/* STATUS= said "starting" */
			engine_changed(e);
		return ENGINE_OK;
	}
	engine_cut(e);
	log_info("stopped %zu/%zu", engine_number(e), e->script.nentries);
	engine_replan(e);
	return ENGINE_OK;
}

enum engine_result
engine_pause(struct engine *e)
{
	if (player_state(&e->player) == PLAYER_PAUSED)
		return ENGINE_ALREADY_PAUSED;
	if (player_pause(&e->player) == -1)
		return ENGINE_NOTHING_PLAYS;
	timer_set(e->deadfd, 0, 0, 0);
	log_info("paused %zu/%zu", engine_number(e), e->script.nentries);
	engine_changed(e);
	return ENGINE_OK;
}

enum engine_result
engine_resume(struct engine *e)
{
	if (player_state(&e->player) != PLAYER_PAUSED)
		return ENGINE_NOT_PAUSED;
	if (player_resume(&e->player) == -1)
		return ENGINE_RESUME_FAILED;
	engine_arm_deadline(e);
	log_info("resumed %zu/%zu", engine_number(e), e->script.nentries);
	engine_changed(e);
	return ENGINE_OK;
}

enum engine_result
engine_resume_or_next(struct engine *e)
{
	if (player_state(&e->player) == PLAYER_PAUSED)
		return engine_resume(e);
	if (!engine_idle(e))
		return ENGINE_OK;
	return engine_next(e);
}

enum engine_result
engine_play_pause(struct engine *e)
{
	if (player_state(&e->player) == PLAYER_PLAYING)
		return engine_pause(e);
	return engine_resume_or_next(e);
}

/* the words for each result, and the kind of refusal (the control
 * protocol's ERR code); "%s" is the entry playing ("4/12") */
static const struct {
	const char	*kind;
	const char	*text;
} engine_results[] = {
	[ENGINE_OK] = { NULL, "done" },
	[ENGINE_QUEUED] = { NULL, "queued: it plays when this entry ends" },
	[ENGINE_AT_END] = { "state",
	    "the countdown is over (\"goto 1\" starts it again)" },
	[ENGINE_NO_REPLAY] = { "state", "nothing to replay: the countdown is "
	    "over (\"goto 1\" starts it again)" },
	[ENGINE_EMPTY] = { "state", "the countdown has no entries" },
	[ENGINE_NO_ENTRY] = { "range", "no such entry" },
	[ENGINE_IGNORED_BUSY] = { "state",
	    "%s is playing, and schedule.on_busy is \"ignore\"" },
	[ENGINE_NOTHING_PLAYS] = { "state", "nothing plays" },
	[ENGINE_ALREADY_PAUSED] = { "state", "already paused" },
	[ENGINE_NOT_PAUSED] = { "state", "nothing is paused" },
	[ENGINE_NO_AUDIO] = { "audio",
	    "cannot play: no audio device (the log says more)" },
	[ENGINE_RESUME_FAILED] = { "audio",
	    "cannot resume: the audio device failed (the log says more)" },
	[ENGINE_TOO_LONG] = { "length", "that entry is too long to play whole "
	    "(countdown-script(5), LIMITS): skipped" },
	[ENGINE_SPEECH_FAILED] = { "speech", "eSpeak NG failed on that entry "
	    "(the log says how): skipped" },
};

const char *
engine_result_text(const struct engine *e, enum engine_result r, char *buf,
    size_t len)
{
	const char *text = engine_results[r].text, *at = strstr(text, "%s");

	if (at == NULL)
		return text;
	/* the entry playing, in the text's one "%s" */
	snprintf(buf, len, "%.*s%zu/%zu%s", (int)(at - text), text,
	    engine_number(e), e->script.nentries, at + 2);
	return buf;
}

const char *
engine_result_kind(enum engine_result r)
{
	return engine_results[r].kind ? engine_results[r].kind : "ok";
}

bool
engine_wait_ticket(const struct engine *e, unsigned long *ticket)
{
	if (engine_idle(e))
		return false;
	/* an entry still being made is one play further on */
	*ticket = e->plays + (player_state(&e->player) == PLAYER_IDLE);
	return true;
}

bool
engine_wait_over(const struct engine *e, unsigned long ticket)
{
	if (e->plays > ticket)
		return true;
	if (e->plays == ticket)
		return player_state(&e->player) == PLAYER_IDLE;
	/* its entry was being made: over if that play was called off */
	return engine_idle(e);
}

int
engine_probe_output(struct engine *e)
{
	return player_probe(&e->player);
}

/* take over the parts: the engine's copies of conf, script, lexicon */
static void
engine_take(struct engine *e, struct engine_parts *parts)
{
	e->conf = *parts->conf;
	e->script = *parts->script;
	e->lexicon = *parts->lexicon;
	memset(parts->conf, 0, sizeof *parts->conf);
	memset(parts->script, 0, sizeof *parts->script);
	memset(parts->lexicon, 0, sizeof *parts->lexicon);
	sched_params_from_conf(&e->sp, &e->conf);
	state_writer_path(e->saver, e->conf.state_file);
}

/* the saved position, matched against the script; 0 without one */
static size_t
engine_load_position(struct engine *e)
{
	struct state_pos pos;
	char err[512];
	bool matched;
	size_t index;
	int rc;

	if (e->conf.state_file == NULL)
		return 0;
	rc = state_load(e->conf.state_file, &pos, err, sizeof err);
	if (rc == 1)
		return 0;
	if (rc == -1) {
		log_warnx("%s; starting from the top", err);
		return 0;
	}
	index = state_match(&pos, &e->script, &matched);
	if (!matched)
		log_warnx("%s: the saved position is not in the script any more; "
		    "starting from the top", e->conf.state_file);
	return index;
}

/* The engine's fds on the main loop, in the order they were polled
 * before the loop took them: a clip made, the player, the schedule, the
 * device deadline. engine_unlisten takes off what was added. */
static int
engine_listen(struct engine *e)
{
	struct loop *l = e->loop;

	if ((e->on_tts = loop_add(l, tts_fd(e->tts), &engine_tts_ops, e)) == NULL ||
	    (e->on_player = loop_add(l, player_fd(&e->player),
	    &engine_player_ops, e)) == NULL ||
	    (e->on_timer = loop_add(l, e->timerfd, &engine_timer_ops, e)) == NULL ||
	    (e->on_deadline = loop_add(l, e->deadfd, &engine_deadline_ops,
	    e)) == NULL)
		return -1;
	return 0;
}

static void
engine_unlisten(struct engine *e)
{
	loop_del(e->loop, e->on_tts);
	loop_del(e->loop, e->on_player);
	loop_del(e->loop, e->on_timer);
	loop_del(e->loop, e->on_deadline);
}

struct engine *
engine_new(struct engine_parts *parts, struct tts *tts, struct loop *l)
{
	struct engine *e = calloc(1, sizeof *e);

	if (e == NULL) {
		log_error("engine");
		return NULL;
	}
	e->tts = tts;
	e->loop = l;
	e->preparing = e->pending = e->skipped = PLAYLIST_NONE;
	e->timerfd = timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
	e->deadfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (e->timerfd == -1 || e->deadfd == -1 ||
	    player_init(&e->player, parts->conf) == -1)
		goto fail;
	if (engine_listen(e) == -1 || (e->saver = state_writer_new(l)) == NULL) {
		engine_unlisten(e);
		player_free(&e->player);
		goto fail;
	}
	engine_take(e, parts);
	playlist_init(&e->pl, e->script.nentries, engine_load_position(e),
	    e->conf.schedule.loop);
	sched_init(&e->ss, engine_now(), playlist_at_end(&e->pl));
	engine_prepare(e, playlist_peek(&e->pl));
	/* continuous, interval, daily: the first play counts from start-up;
	 * its time is in the ready line, not logged before it */
	e->announced = sched_next(&e->sp, &e->ss, engine_now()).at;
	engine_replan(e);
	return e;
fail:
	log_error("cannot set up timers and audio");
	if (e->timerfd != -1)
		close(e->timerfd);
	if (e->deadfd != -1)
		close(e->deadfd);
	free(e);
	return NULL;
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	engine_unlisten(e);
	state_writer_free(e->saver);
	player_free(&e->player);
	clip_free(e->ready);
	close(e->timerfd);
	close(e->deadfd);
	conf_free(&e->conf);
	script_free(&e->script);
	lexicon_free(&e->lexicon);
	free(e);
}

/* the entry in the new script that is the same as index in the old one */
static size_t
engine_rematch(const struct script *old, size_t index, const struct script *new)
{
	struct state_pos pos;
	bool matched;

	if (index >= old->nentries)
		return index >= new->nentries ? new->nentries : index;
	state_pos_set(&pos, old, index);
	return state_match(&pos, new, &matched);
}

void
engine_reload(struct engine *e, struct engine_parts *parts)
{
	struct conf oldconf = e->conf;
	struct script oldscript = e->script;
	struct lexicon oldlex = e->lexicon;
	size_t current = playlist_current(&e->pl);
	bool audio_changed = !conf_same_group(&oldconf, parts->conf, "audio");

	engine_take(e, parts);
	/* the entry playing is followed into the new script; one played
	 * before keeps its index (replay, prev count from it) */
	if (current != PLAYLIST_NONE && player_state(&e->player) != PLAYER_IDLE)
		current = engine_rematch(&oldscript, current, &e->script);
	playlist_reset(&e->pl, e->script.nentries,
	    engine_rematch(&oldscript, playlist_next(&e->pl), &e->script),
	    current, e->conf.schedule.loop);
	/* a clip made with the old voice or text is not played */
	clip_free(e->ready);
	e->ready = NULL;
	e->preparing = e->pending = e->skipped = PLAYLIST_NONE;
	e->output_stale |= audio_changed;
	engine_apply_output(e);
	conf_free(&oldconf);
	script_free(&oldscript);
	lexicon_free(&oldlex);
	engine_prepare(e, playlist_peek(&e->pl));
	engine_replan(e);
}

void
engine_shutdown(struct engine *e)
{
	if (player_state(&e->player) != PLAYER_IDLE) {
		player_stop(&e->player);
		/* cut short: it plays again */
		engine_save(e, playlist_current(&e->pl));
	} else
		state_writer_flush(e->saver);	/* a last try, before it is lost */
}
