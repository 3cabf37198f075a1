/* engine: what plays, when, and what happens when it ends or fails. */
#include "engine.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "narrate.h"
#include "notify.h"
#include "state.h"

/* a clip may take this much longer than its length before the device is
 * taken for dead (a server that vanished stops calling back) */
#define ENGINE_DEVICE_GRACE 2.0

static double
engine_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
engine_arm(int fd, double at, int flags)
{
	struct itimerspec its = { 0 };

	if (at > 0) {
		its.it_value.tv_sec = (time_t)at;
		its.it_value.tv_nsec = (long)((at - floor(at)) * 1e9);
		if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
			its.it_value.tv_nsec = 1;
	}
	if (timerfd_settime(fd, flags, &its, NULL) == -1)
		log_warn("timerfd");
}

void
engine_describe(const struct entry *en, char *buf, size_t len)
{
	size_t i, n = 0;

	if (en->kind == ENTRY_INTRO) {
		snprintf(buf, len, "intro");
		return;
	}
	if (en->kind == ENTRY_MENTIONS) {
		snprintf(buf, len, "honorable mentions");
		return;
	}
	n = (size_t)snprintf(buf, len, "#%d", en->rank);
	for (i = 0; i < en->ntitles && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s\"%s\"",
		    i ? " & " : " ", en->titles[i].text);
	if (en->credit && n < len)
		snprintf(buf + n, len - n, " by %s", en->credit);
}

static void
engine_entry_line(const struct engine *e, size_t index, char *buf, size_t len)
{
	char desc[512];

	engine_describe(&e->script.entries[index], desc, sizeof desc);
	snprintf(buf, len, "%zu/%zu: %s", index + 1, e->script.nentries, desc);
}

void
engine_info(const struct engine *e, struct engine_info *in)
{
	struct playlist after = e->pl;
	struct sched_due due;

	memset(in, 0, sizeof *in);
	in->now = engine_now();
	in->state = "idle";
	in->current = PLAYLIST_NONE;
	in->next = playlist_peek(&e->pl);
	in->due = -1;
	if (e->player.state != PLAYER_IDLE) {
		in->state = e->player.state == PLAYER_PAUSED ? "paused" : "playing";
		in->current = e->pl.current;
		in->elapsed = player_elapsed(&e->player);
		in->total = clip_seconds(e->player.clip);
	} else if (e->pending != PLAYLIST_NONE) {
		/* the position moves once the clip is made and plays */
		in->state = "starting";
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

/* "[######------] 0:21 / 0:43": whole seconds, so elapsed never shows
 * more than the total */
static void
engine_bar(char *buf, size_t len, double elapsed, double total)
{
	char cells[13];
	int i, full = total > 0 ? (int)lround(12 * elapsed / total) : 0;
	long e = (long)elapsed, t = (long)total;

	for (i = 0; i < 12; i++)
		cells[i] = i < full ? '#' : '-';
	cells[12] = '\0';
	snprintf(buf, len, "  [%s] %ld:%02ld / %ld:%02ld", cells, e / 60, e % 60,
	    t / 60, t % 60);
}

void
engine_status_words(const struct engine *e, const struct engine_info *in,
    bool bar, char *now, size_t nowlen, char *next, size_t nextlen)
{
	char line[600], when[128], progress[128] = "";

	if (in->current == PLAYLIST_NONE)
		snprintf(now, nowlen, "%s", in->state);
	else {
		engine_entry_line(e, in->current, line, sizeof line);
		if (bar && in->total > 0)
			engine_bar(progress, sizeof progress, in->elapsed, in->total);
		snprintf(now, nowlen, "%s %s%s", in->state, line, progress);
	}
	if (in->next == PLAYLIST_NONE) {
		snprintf(next, nextlen, "end of the countdown");
		return;
	}
	engine_entry_line(e, in->next, line, sizeof line);
	if (in->current != PLAYLIST_NONE) {
		snprintf(next, nextlen, "next: %s", line);
		return;
	}
	sched_describe(when, sizeof when, in->due, in->now);
	snprintf(next, nextlen, "next: %s; %s", line, when);
}

void
engine_status(const struct engine *e, char *buf, size_t len)
{
	struct engine_info in;
	char now[700], next[700];

	engine_info(e, &in);
	engine_status_words(e, &in, false, now, sizeof now, next, sizeof next);
	snprintf(buf, len, "%s; %s", now, next);
}

static void
engine_notify_status(const struct engine *e)
{
	char buf[1536];

	engine_status(e, buf, sizeof buf);
	notify_status("%s", buf);
}

/* the position to save: the entry the next play should start */
static void
engine_save(const struct engine *e, size_t next)
{
	struct state_pos pos;

	if (e->conf.state_file == NULL)
		return;
	state_pos_set(&pos, &e->script, next);
	if (state_save(e->conf.state_file, &pos) == -1)
		log_warn("cannot save the position to %s", e->conf.state_file);
}

/* Ask the synth thread for entry index, unless it is ready or under way. */
static void
engine_prepare(struct engine *e, size_t index)
{
	struct narrate_params np;
	struct narration n;
	struct tts_job *job;

	if (index == PLAYLIST_NONE || index == e->preparing ||
	    (e->ready && e->ready->index == index))
		return;
	narrate_params_set(&np, &e->conf, &e->lexicon);
	clip_free(e->ready);
	e->ready = NULL;
	e->preparing = PLAYLIST_NONE;
	if (narrate_entry(&e->script.entries[index], &np, &n) == -1 ||
	    (job = tts_job_new(index, &n, &e->conf)) == NULL) {
		narrate_free(&n);
		log_errorx("out of memory preparing entry %zu", index + 1);
		return;
	}
	e->preparing = index;
	tts_submit(e->tts, job);
}

static void
engine_arm_deadline(struct engine *e)
{
	struct timespec ts;
	const struct clip *c = e->player.clip;
	double left = c ? clip_seconds(c) - player_elapsed(&e->player) : 0;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	engine_arm(e->deadfd, c ? ts.tv_sec + ts.tv_nsec / 1e9 + left +
	    e->conf.audio.latency + ENGINE_DEVICE_GRACE : 0, TFD_TIMER_ABSTIME);
}

static void
engine_replan(struct engine *e)
{
	double now = engine_now();
	struct sched_due due = sched_next(&e->sp, &e->ss, now);
	char when[128];

	engine_arm(e->timerfd, due.at < 0 ? 0 : due.at,
	    TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET);
	/* the log says when the schedule plays next, once per due time */
	if (due.at > now && due.at != e->announced) {
		log_info("%s", sched_describe(when, sizeof when, due.at, now));
		e->announced = due.at;
	}
	engine_notify_status(e);
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

/* Start entry index now if its clip is ready, else as soon as it is. */
static int
engine_play(struct engine *e, size_t index, bool from_top)
{
	char line[600];

	if (index == PLAYLIST_NONE) {
		log_info("end of the countdown: nothing left to play "
		    "(SIGUSR2 replays the last entry; schedule.loop starts over)");
		return -1;
	}
	player_stop(&e->player);
	engine_apply_output(e);
	if (e->ready == NULL || e->ready->index != index) {
		engine_prepare(e, index);
		e->pending = index;
		e->pending_top = from_top;
		return 0;
	}
	e->pending = PLAYLIST_NONE;
	engine_entry_line(e, index, line, sizeof line);
	if (player_play(&e->player, e->ready) == -1) {
		log_errorx("cannot play %s: no audio device; it stays next", line);
		playlist_failed(&e->pl, index);
		engine_replan(e);
		return -1;
	}
	e->ready = NULL;
	e->plays++;
	log_info("playing %s", line);
	playlist_started(&e->pl, index);
	sched_started(&e->ss, engine_now(), from_top);
	engine_save(e, index);
	engine_arm_deadline(e);
	engine_prepare(e, playlist_peek(&e->pl));
	engine_replan(e);
	return 0;
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

	engine_arm(e->deadfd, 0, 0);
	player_stop(&e->player);
	if (ok) {
		log_info("finished %zu/%zu", index + 1, e->script.nentries);
		engine_save(e, playlist_peek(&e->pl) == PLAYLIST_NONE ?
		    e->script.nentries : playlist_peek(&e->pl));
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
			e->pl.next = 0;
		engine_play(e, due.from_top ? 0 : playlist_peek(&e->pl), due.from_top);
		return;
	}
	engine_replan(e);
}

int
engine_fds(const struct engine *e, int fds[4])
{
	fds[0] = tts_fd(e->tts);
	fds[1] = player_fd(&e->player);
	fds[2] = e->timerfd;
	fds[3] = e->deadfd;
	return 4;
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
}

int
engine_next(struct engine *e)
{
	if (e->player.state == PLAYER_PLAYING) {
		switch (e->conf.schedule.on_busy) {
		case BUSY_QUEUE:
			e->queued = true;
			log_info("next queued after %zu/%zu", e->pl.current + 1,
			    e->script.nentries);
			return 0;
		case BUSY_IGNORE:
			log_info("next ignored: %zu/%zu is playing", e->pl.current + 1,
			    e->script.nentries);
			return -1;
		case BUSY_SKIP:
			log_info("skipped %zu/%zu", e->pl.current + 1, e->script.nentries);
			engine_arm(e->deadfd, 0, 0);
			player_stop(&e->player);
			sched_finished(&e->ss, engine_now(), false);
			break;
		}
	}
	return engine_play(e, playlist_peek(&e->pl), false);
}

int
engine_replay(struct engine *e)
{
	return engine_goto(e, playlist_replay(&e->pl));
}

int
engine_goto(struct engine *e, size_t index)
{
	if (index >= e->script.nentries)
		return -1;
	if (e->player.state != PLAYER_IDLE) {
		player_stop(&e->player);
		sched_finished(&e->ss, engine_now(), false);
	}
	e->queued = false;
	return engine_play(e, index, false);
}

void
engine_stop(struct engine *e)
{
	e->pending = PLAYLIST_NONE;
	e->queued = false;
	if (e->player.state == PLAYER_IDLE)
		return;
	engine_arm(e->deadfd, 0, 0);
	player_stop(&e->player);
	log_info("stopped %zu/%zu", e->pl.current + 1, e->script.nentries);
	sched_finished(&e->ss, engine_now(), false);
	engine_replan(e);
}

int
engine_pause(struct engine *e)
{
	if (player_pause(&e->player) == -1)
		return -1;
	engine_arm(e->deadfd, 0, 0);
	log_info("paused %zu/%zu", e->pl.current + 1, e->script.nentries);
	engine_notify_status(e);
	return 0;
}

int
engine_resume(struct engine *e)
{
	if (player_resume(&e->player) == -1)
		return -1;
	engine_arm_deadline(e);
	log_info("resumed %zu/%zu", e->pl.current + 1, e->script.nentries);
	engine_notify_status(e);
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

int
engine_init(struct engine *e, struct engine_parts *parts, struct tts *tts)
{
	memset(e, 0, sizeof *e);
	e->tts = tts;
	e->preparing = e->pending = PLAYLIST_NONE;
	e->timerfd = timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
	e->deadfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (e->timerfd == -1 || e->deadfd == -1 ||
	    player_init(&e->player, parts->conf) == -1) {
		log_error("cannot set up timers and audio");
		if (e->timerfd != -1)
			close(e->timerfd);
		if (e->deadfd != -1)
			close(e->deadfd);
		return -1;
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
	return 0;
}

void
engine_free(struct engine *e)
{
	player_free(&e->player);
	clip_free(e->ready);
	close(e->timerfd);
	close(e->deadfd);
	conf_free(&e->conf);
	script_free(&e->script);
	lexicon_free(&e->lexicon);
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
	size_t next = e->pl.next, current = e->pl.current;
	bool audio_changed = oldconf.audio.output != parts->conf->audio.output ||
	    strcmp(oldconf.audio.device, parts->conf->audio.device) != 0 ||
	    (oldconf.audio.path == NULL) != (parts->conf->audio.path == NULL) ||
	    (oldconf.audio.path && strcmp(oldconf.audio.path, parts->conf->audio.path)) ||
	    oldconf.audio.latency != parts->conf->audio.latency ||
	    oldconf.audio.rate != parts->conf->audio.rate;

	engine_take(e, parts);
	playlist_resize(&e->pl, e->script.nentries);
	e->pl.next = engine_rematch(&oldscript, next, &e->script);
	e->pl.loop = e->conf.schedule.loop;
	if (current != PLAYLIST_NONE && e->player.state != PLAYER_IDLE)
		e->pl.current = engine_rematch(&oldscript, current, &e->script);
	/* a clip made with the old voice or text is not played */
	clip_free(e->ready);
	e->ready = NULL;
	e->preparing = e->pending = PLAYLIST_NONE;
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
	}
}
