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
	struct state_pos	 unsaved;	/* the position to write ... */
	bool			 save_due;	/* ... when the last try failed */
	int			 save_errno;	/* ... and why */
	int			 savefd;	/* when to try it again */
	size_t			 skipped;	/* the entry last skipped since one
						 * played, or NONE ... */
	enum engine_result	 skip_why;	/* ... and why */
	unsigned long		 plays;		/* entries started so far (the wait) */
	unsigned long		 changes;	/* engine_changes() */
};

/* a clip may take this much longer than its length before the device is
 * taken for dead (a server that vanished stops calling back) */
#define ENGINE_DEVICE_GRACE 2.0
/* A position that could not be written (the folder read-only or full) is
 * tried again this often until it is, and on the way out: otherwise it
 * would wait for the next play, and a crash meanwhile would lose it. The
 * timer runs only while a position waits. */
#define ENGINE_SAVE_RETRY 5.0

static double
engine_now(void)
{
	return timer_now(CLOCK_REALTIME);
}

void
engine_info(const struct engine *e, struct engine_info *in)
{
	struct playlist after = e->pl;
	struct sched_due due;
	size_t prev = playlist_prev(&e->pl);

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
	    !(e->player.state == PLAYER_PLAYING &&
	    e->conf.schedule.on_busy == BUSY_IGNORE);
	in->can_prev = prev != PLAYLIST_NONE && prev != playlist_replay(&e->pl);
	if (e->player.state != PLAYER_IDLE) {
		in->state = e->player.state == PLAYER_PAUSED ? ENGINE_PAUSED :
		    ENGINE_PLAYING;
		in->current = e->pl.current;
		in->elapsed = player_elapsed(&e->player);
		in->total = clip_seconds(e->player.clip);
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

/* Write e->unsaved. A failure is logged once, and again only when its
 * reason changes; the success that ends it is logged too. */
static void
engine_write_pos(struct engine *e)
{
	const char *path = e->conf.state_file;
	int err;

	if (path != NULL && state_save(path, &e->unsaved) == -1) {
		err = errno;
		if (!e->save_due || err != e->save_errno)
			log_warnx("cannot save the position to %s: %s; trying "
			    "again every %g s", path, strerror(err),
			    ENGINE_SAVE_RETRY);
		if (!e->save_due)
			timer_set(e->savefd, ENGINE_SAVE_RETRY, ENGINE_SAVE_RETRY, 0);
		e->save_due = true;
		e->save_errno = err;
		return;
	}
	if (e->save_due) {
		if (path != NULL)
			log_info("position saved again to %s", path);
		timer_set(e->savefd, 0, 0, 0);
		e->save_due = false;
	}
}

/* the position to save: the entry the next play should start */
static void
engine_save(struct engine *e, size_t next)
{
	if (e->conf.state_file == NULL)
		return;
	state_pos_set(&e->unsaved, &e->script, next);
	engine_write_pos(e);
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
	const struct clip *c = e->player.clip;
	double left = c ? clip_seconds(c) - player_elapsed(&e->player) : 0;

	timer_set(e->deadfd, c ? timer_now(CLOCK_MONOTONIC) + left +
	    e->conf.audio.latency + ENGINE_DEVICE_GRACE : 0, 0, TFD_TIMER_ABSTIME);
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
	if (!e->output_stale || e->player.state != PLAYER_IDLE)
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
	sched_finished(&e->ss, engine_now(), e->pl.next >= e->pl.n);
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
	const struct clip *c = e->player.clip;
	size_t frames;

	if (e->conf.audio.captions == NULL && e->conf.audio.chapters == NULL)
		return;
	frames = sink_frames(e->player.sink);
	if (c == NULL || frames < c->nsamples)
		return;
	sidecar_entry(&e->conf, &e->script.entries[index], c,
	    frames - c->nsamples);
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

static void
engine_on_tts(struct engine *e)
{
	struct clip *c = tts_collect(e->tts);

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
	size_t index = e->pl.current;
	bool last = e->pl.next >= e->pl.n;

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

static void
engine_on_timer(struct engine *e)
{
	uint64_t n;
	struct sched_due due;
	double now = engine_now();

	/* ECANCELED: the clock was set; asking again re-plans */
	if (read(e->timerfd, &n, sizeof n) == -1 && errno == ECANCELED)
		log_info("the clock changed; schedule re-planned");
	due = sched_next(&e->sp, &e->ss, now);
	if (due.at >= 0 && due.at <= now && e->player.state == PLAYER_IDLE &&
	    e->pending == PLAYLIST_NONE) {
		if (due.from_top)
			playlist_rewind(&e->pl);
		engine_play(e, due.from_top ? 0 : playlist_peek(&e->pl), due.from_top);
		return;
	}
	engine_replan(e);
}

int
engine_fds(const struct engine *e, int fds[ENGINE_NFDS])
{
	fds[0] = tts_fd(e->tts);
	fds[1] = player_fd(&e->player);
	fds[2] = e->timerfd;
	fds[3] = e->deadfd;
	fds[4] = e->savefd;
	return ENGINE_NFDS;
}

void
engine_on_fd(struct engine *e, int fd)
{
	uint64_t n;

	if (fd == tts_fd(e->tts))
		engine_on_tts(e);
	else if (fd == player_fd(&e->player)) {
		enum player_outcome o = player_check(&e->player);

		if (o != PLAYER_NOTHING)
			engine_ended(e, o == PLAYER_ENDED);
	} else if (fd == e->timerfd)
		engine_on_timer(e);
	else if (fd == e->deadfd && read(fd, &n, sizeof n) > 0 &&
	    e->player.state == PLAYER_PLAYING)
		engine_ended(e, false);
	else if (fd == e->savefd && read(fd, &n, sizeof n) > 0 && e->save_due)
		engine_write_pos(e);
}

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

	if (e->player.state == PLAYER_PLAYING) {
		switch (e->conf.schedule.on_busy) {
		case BUSY_QUEUE:
			if (next == PLAYLIST_NONE)	/* says so; this plays on */
				return engine_play(e, next, false);
			e->queued = true;
			e->changes++;
			log_info("next queued after %zu/%zu", e->pl.current + 1,
			    e->script.nentries);
			return ENGINE_QUEUED;
		case BUSY_IGNORE:
			log_info("next ignored: %zu/%zu is playing", e->pl.current + 1,
			    e->script.nentries);
			return ENGINE_IGNORED_BUSY;
		case BUSY_SKIP:
			log_info("skipped %zu/%zu", e->pl.current + 1, e->script.nentries);
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
	if (e->player.state != PLAYER_IDLE)
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
	if (e->player.state == PLAYER_IDLE) {
		if (called_off)		/* STATUS= said "starting" */
			engine_changed(e);
		return ENGINE_OK;
	}
	engine_cut(e);
	log_info("stopped %zu/%zu", e->pl.current + 1, e->script.nentries);
	engine_replan(e);
	return ENGINE_OK;
}

enum engine_result
engine_pause(struct engine *e)
{
	if (e->player.state == PLAYER_PAUSED)
		return ENGINE_ALREADY_PAUSED;
	if (player_pause(&e->player) == -1)
		return ENGINE_NOTHING_PLAYS;
	timer_set(e->deadfd, 0, 0, 0);
	log_info("paused %zu/%zu", e->pl.current + 1, e->script.nentries);
	engine_changed(e);
	return ENGINE_OK;
}

enum engine_result
engine_resume(struct engine *e)
{
	if (e->player.state != PLAYER_PAUSED)
		return ENGINE_NOT_PAUSED;
	if (player_resume(&e->player) == -1)
		return ENGINE_RESUME_FAILED;
	engine_arm_deadline(e);
	log_info("resumed %zu/%zu", e->pl.current + 1, e->script.nentries);
	engine_changed(e);
	return ENGINE_OK;
}

enum engine_result
engine_resume_or_next(struct engine *e)
{
	if (e->player.state == PLAYER_PAUSED)
		return engine_resume(e);
	if (e->player.state != PLAYER_IDLE || e->pending != PLAYLIST_NONE)
		return ENGINE_OK;
	return engine_next(e);
}

enum engine_result
engine_play_pause(struct engine *e)
{
	if (e->player.state == PLAYER_PLAYING)
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
	    e->pl.current + 1, e->script.nentries, at + 2);
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
	if (e->player.state == PLAYER_IDLE && e->pending == PLAYLIST_NONE)
		return false;
	/* an entry still being made is one play further on */
	*ticket = e->plays + (e->player.state == PLAYER_IDLE);
	return true;
}

bool
engine_wait_over(const struct engine *e, unsigned long ticket)
{
	if (e->plays > ticket)
		return true;
	if (e->plays == ticket)
		return e->player.state == PLAYER_IDLE;
	/* its entry was being made: over if that play was called off */
	return e->player.state == PLAYER_IDLE && e->pending == PLAYLIST_NONE;
}

int
engine_probe_output(struct engine *e)
{
	/* a probe: the stream is opened again for each play */
	if (sink_open(e->player.sink) == -1)
		return -1;
	sink_close(e->player.sink);
	return 0;
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

struct engine *
engine_new(struct engine_parts *parts, struct tts *tts)
{
	struct engine *e = calloc(1, sizeof *e);

	if (e == NULL) {
		log_error("engine");
		return NULL;
	}
	e->tts = tts;
	e->preparing = e->pending = e->skipped = PLAYLIST_NONE;
	e->timerfd = timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
	e->deadfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	e->savefd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (e->timerfd == -1 || e->deadfd == -1 || e->savefd == -1 ||
	    player_init(&e->player, parts->conf) == -1) {
		log_error("cannot set up timers and audio");
		if (e->timerfd != -1)
			close(e->timerfd);
		if (e->deadfd != -1)
			close(e->deadfd);
		if (e->savefd != -1)
			close(e->savefd);
		free(e);
		return NULL;
	}
	engine_take(e, parts);
	playlist_init(&e->pl, e->script.nentries, engine_load_position(e),
	    e->conf.schedule.loop);
	sched_init(&e->ss, engine_now(), e->pl.next >= e->pl.n);
	engine_prepare(e, playlist_peek(&e->pl));
	/* continuous, interval, daily: the first play counts from start-up;
	 * its time is in the ready line, not logged before it */
	e->announced = sched_next(&e->sp, &e->ss, engine_now()).at;
	engine_replan(e);
	return e;
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	player_free(&e->player);
	clip_free(e->ready);
	close(e->timerfd);
	close(e->deadfd);
	close(e->savefd);
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
	size_t current = e->pl.current;
	bool audio_changed = !conf_same_group(&oldconf, parts->conf, "audio");

	engine_take(e, parts);
	/* the entry playing is followed into the new script; one played
	 * before keeps its index (replay, prev count from it) */
	if (current != PLAYLIST_NONE && e->player.state != PLAYER_IDLE)
		current = engine_rematch(&oldscript, current, &e->script);
	playlist_reset(&e->pl, e->script.nentries,
	    engine_rematch(&oldscript, e->pl.next, &e->script), current,
	    e->conf.schedule.loop);
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
	if (e->player.state != PLAYER_IDLE) {
		player_stop(&e->player);
		engine_save(e, e->pl.current);	/* cut short: it plays again */
	} else if (e->save_due)
		engine_write_pos(e);	/* a last try, before it is lost */
}
