/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpris: org.mpris.MediaPlayer2 and its Player on the session bus. Method
 * calls are engine commands (engine_next, engine_prev, engine_resume_or_next,
 * engine_pause, engine_play_pause, engine_stop: what countdownctl's next,
 * prev, play, pause, playpause and stop run); the properties are read
 * from engine_info() when asked; PropertiesChanged goes out from
 * mpris_check() when engine_changes() moved and what a client shows did
 * change. Every text passes textbuf_put_utf8 on its way out: the bus drops
 * a connection that sends invalid UTF-8. */
#include "front/mpris.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <systemd/sd-bus.h>

#include "core/status.h"
#include "util/log.h"
#include "util/loop.h"
#include "util/textbuf.h"
#include "util/timer.h"

#define MPRIS_PATH	"/org/mpris/MediaPlayer2"
#define MPRIS_ROOT	"org.mpris.MediaPlayer2"
#define MPRIS_PLAYER	"org.mpris.MediaPlayer2.Player"
#define MPRIS_NO_TRACK	"/org/mpris/MediaPlayer2/TrackList/NoTrack"
/* what the engine's refusals are called on the bus, after their kind:
 * org.countdownd.Error.State, .Range, .Audio */
#define MPRIS_ERROR	"org.countdownd.Error."

struct mpris {
	sd_bus		*bus;		/* NULL once the bus is lost */
	struct engine	*engine;
	struct loop	*loop;
	struct loop_src	*src;		/* the bus's fd on the loop */
	unsigned long	 changes;	/* engine_changes() when last compared */
	/* what the signalled properties said when last compared */
	const char	*status;
	size_t		 track;
	bool		 has_length;
	const struct entry *entries;	/* a reload's script has new ones */
	bool		 can_next, can_prev;
};

/* ---- texts and values ---- */

static const char *
mpris_status(const struct engine_info *in)
{
	switch (in->state) {
	case ENGINE_STARTING:
	case ENGINE_PLAYING:
		return "Playing";
	case ENGINE_PAUSED:
		return "Paused";
	default:
		return "Stopped";
	}
}

/* text of type 's' or 'o', made valid UTF-8 first */
static int
mpris_append_text(sd_bus_message *msg, char type, const char *text)
{
	struct textbuf b = TEXTBUF_INIT;
	int r;

	textbuf_put_utf8(&b, text);
	r = b.failed ? -ENOMEM : sd_bus_message_append_basic(msg, type,
	    textbuf_str(&b));
	textbuf_reset(&b);
	return r;
}

/* one "{sv}" of the metadata holding text */
static int
mpris_meta_text(sd_bus_message *msg, const char *key, char type,
    const char *text)
{
	const char sig[2] = { type, '\0' };
	int r;

	if ((r = sd_bus_message_open_container(msg, 'e', "sv")) < 0 ||
	    (r = sd_bus_message_append(msg, "s", key)) < 0 ||
	    (r = sd_bus_message_open_container(msg, 'v', sig)) < 0 ||
	    (r = mpris_append_text(msg, type, text)) < 0 ||
	    (r = sd_bus_message_close_container(msg)) < 0)
		return r;
	return sd_bus_message_close_container(msg);
}

/* status_track_artists hands each name to this */
struct mpris_put {
	sd_bus_message	*msg;
	int		 r;
};

static void
mpris_put_artist(void *arg, const char *key, const char *value)
{
	struct mpris_put *p = arg;

	(void)key;
	if (p->r >= 0)
		p->r = mpris_append_text(p->msg, 's', value);
}

/* ---- properties ---- */

static int
mpris_get_metadata(sd_bus *bus, const char *path, const char *iface,
    const char *prop, sd_bus_message *reply, void *arg, sd_bus_error *err)
{
	struct mpris *m = arg;
	const struct script *s = engine_script(m->engine);
	struct engine_info in;
	struct textbuf b = TEXTBUF_INIT;
	struct mpris_put p = { reply, 0 };
	const struct entry *en;
	size_t track;
	int r;

	(void)bus; (void)path; (void)iface; (void)prop; (void)err;
	engine_info(m->engine, &in);
	track = status_track(&in);
	if ((r = sd_bus_message_open_container(reply, 'a', "{sv}")) < 0)
		return r;
	if (track == PLAYLIST_NONE) {
		if ((r = mpris_meta_text(reply, "mpris:trackid", 'o',
		    MPRIS_NO_TRACK)) < 0)
			return r;
		return sd_bus_message_close_container(reply);
	}
	en = &s->entries[track];
	status_track_id(&b, track);
	r = mpris_meta_text(reply, "mpris:trackid", 'o', textbuf_str(&b));
	textbuf_reset(&b);
	status_track_title(&b, en);
	if (r >= 0)
		r = mpris_meta_text(reply, "xesam:title", 's', textbuf_str(&b));
	textbuf_reset(&b);
	if (r >= 0 && s->title)
		r = mpris_meta_text(reply, "xesam:album", 's', s->title);
	if (r < 0 ||
	    (r = sd_bus_message_append(reply, "{sv}", "xesam:trackNumber", "i",
	    (int)(track + 1))) < 0)
		return r;
	if (in.current == track && in.total > 0 &&
	    (r = sd_bus_message_append(reply, "{sv}", "mpris:length", "x",
	    (int64_t)llround(in.total * 1e6))) < 0)
		return r;
	/* xesam:artist: an array of the credits */
	if ((r = sd_bus_message_open_container(reply, 'e', "sv")) < 0 ||
	    (r = sd_bus_message_append(reply, "s", "xesam:artist")) < 0 ||
	    (r = sd_bus_message_open_container(reply, 'v', "as")) < 0 ||
	    (r = sd_bus_message_open_container(reply, 'a', "s")) < 0)
		return r;
	status_track_artists(en, mpris_put_artist, &p);
	if (p.r < 0)
		return p.r;
	if ((r = sd_bus_message_close_container(reply)) < 0 ||
	    (r = sd_bus_message_close_container(reply)) < 0 ||
	    (r = sd_bus_message_close_container(reply)) < 0)
		return r;
	return sd_bus_message_close_container(reply);
}

static int
mpris_get_status(sd_bus *bus, const char *path, const char *iface,
    const char *prop, sd_bus_message *reply, void *arg, sd_bus_error *err)
{
	struct mpris *m = arg;
	struct engine_info in;

	(void)bus; (void)path; (void)iface; (void)prop; (void)err;
	engine_info(m->engine, &in);
	return sd_bus_message_append(reply, "s", mpris_status(&in));
}

/* in microseconds, within the entry playing or paused */
static int
mpris_get_position(sd_bus *bus, const char *path, const char *iface,
    const char *prop, sd_bus_message *reply, void *arg, sd_bus_error *err)
{
	struct mpris *m = arg;
	struct engine_info in;

	(void)bus; (void)path; (void)iface; (void)prop; (void)err;
	engine_info(m->engine, &in);
	return sd_bus_message_append(reply, "x", (int64_t)llround(in.elapsed * 1e6));
}

static int
mpris_get_can(sd_bus *bus, const char *path, const char *iface,
    const char *prop, sd_bus_message *reply, void *arg, sd_bus_error *err)
{
	struct mpris *m = arg;
	struct engine_info in;

	(void)bus; (void)path; (void)iface; (void)err;
	engine_info(m->engine, &in);
	return sd_bus_message_append(reply, "b", (int)(strcmp(prop, "CanGoNext") == 0 ?
	    in.can_next : in.can_prev));
}

/* Rate, MinimumRate, MaximumRate: speech at its own speed */
static int
mpris_get_rate(sd_bus *bus, const char *path, const char *iface,
    const char *prop, sd_bus_message *reply, void *arg, sd_bus_error *err)
{
	(void)bus; (void)path; (void)iface; (void)prop; (void)arg; (void)err;
	return sd_bus_message_append(reply, "d", 1.0);
}

/* voice.volume, 0..200, as MPRIS's 1.0 for 100 */
static int
mpris_get_volume(sd_bus *bus, const char *path, const char *iface,
    const char *prop, sd_bus_message *reply, void *arg, sd_bus_error *err)
{
	struct mpris *m = arg;

	(void)bus; (void)path; (void)iface; (void)prop; (void)err;
	return sd_bus_message_append(reply, "d",
	    engine_conf(m->engine)->voice.volume / 100.0);
}

static int
mpris_get_true(sd_bus *bus, const char *path, const char *iface,
    const char *prop, sd_bus_message *reply, void *arg, sd_bus_error *err)
{
	(void)bus; (void)path; (void)iface; (void)prop; (void)arg; (void)err;
	return sd_bus_message_append(reply, "b", 1);
}

static int
mpris_get_false(sd_bus *bus, const char *path, const char *iface,
    const char *prop, sd_bus_message *reply, void *arg, sd_bus_error *err)
{
	(void)bus; (void)path; (void)iface; (void)prop; (void)arg; (void)err;
	return sd_bus_message_append(reply, "b", 0);
}

/* Identity and DesktopEntry (data/countdownd.desktop) */
static int
mpris_get_name(sd_bus *bus, const char *path, const char *iface,
    const char *prop, sd_bus_message *reply, void *arg, sd_bus_error *err)
{
	(void)bus; (void)path; (void)iface; (void)prop; (void)arg; (void)err;
	return sd_bus_message_append(reply, "s", "countdownd");
}

/* SupportedUriSchemes, SupportedMimeTypes: it opens nothing */
static int
mpris_get_none(sd_bus *bus, const char *path, const char *iface,
    const char *prop, sd_bus_message *reply, void *arg, sd_bus_error *err)
{
	(void)bus; (void)path; (void)iface; (void)prop; (void)arg; (void)err;
	return sd_bus_message_append(reply, "as", 0);
}

/* ---- methods ---- */

/* the reply to a command: empty, or the engine's refusal as an error
 * named after its kind (org.countdownd.Error.State) */
static int
mpris_reply(sd_bus_message *msg, struct mpris *m, enum engine_result r)
{
	const char *kind = engine_result_kind(r);
	char buf[256], name[64];

	log_debug("mpris: %s from %s: %s", sd_bus_message_get_member(msg),
	    sd_bus_message_get_sender(msg) ? sd_bus_message_get_sender(msg) : "?",
	    kind);
	if (r == ENGINE_OK || r == ENGINE_QUEUED)
		return sd_bus_reply_method_return(msg, NULL);
	snprintf(name, sizeof name, MPRIS_ERROR "%c%s",
	    toupper((unsigned char)kind[0]), kind + 1);
	return sd_bus_reply_method_errorf(msg, name, "%s",
	    engine_result_text(m->engine, r, buf, sizeof buf));
}

static int
mpris_next(sd_bus_message *msg, void *arg, sd_bus_error *err)
{
	struct mpris *m = arg;

	(void)err;
	return mpris_reply(msg, m, engine_next(m->engine));
}

static int
mpris_prev(sd_bus_message *msg, void *arg, sd_bus_error *err)
{
	struct mpris *m = arg;

	(void)err;
	return mpris_reply(msg, m, engine_prev(m->engine));
}

static int
mpris_play(sd_bus_message *msg, void *arg, sd_bus_error *err)
{
	struct mpris *m = arg;

	(void)err;
	return mpris_reply(msg, m, engine_resume_or_next(m->engine));
}

static int
mpris_pause(sd_bus_message *msg, void *arg, sd_bus_error *err)
{
	struct mpris *m = arg;

	(void)err;
	return mpris_reply(msg, m, engine_pause(m->engine));
}

static int
mpris_play_pause(sd_bus_message *msg, void *arg, sd_bus_error *err)
{
	struct mpris *m = arg;

	(void)err;
	return mpris_reply(msg, m, engine_play_pause(m->engine));
}

static int
mpris_stop(sd_bus_message *msg, void *arg, sd_bus_error *err)
{
	struct mpris *m = arg;

	(void)err;
	return mpris_reply(msg, m, engine_stop(m->engine));
}

/* Raise and Quit: CanRaise and CanQuit say it does neither */
static int
mpris_nothing(sd_bus_message *msg, void *arg, sd_bus_error *err)
{
	(void)arg; (void)err;
	return sd_bus_reply_method_return(msg, NULL);
}

/* Seek, SetPosition (CanSeek is false) and OpenUri (no URI schemes) */
static int
mpris_refuse(sd_bus_message *msg, void *arg, sd_bus_error *err)
{
	(void)arg; (void)err;
	return sd_bus_reply_method_errorf(msg, SD_BUS_ERROR_NOT_SUPPORTED,
	    "countdownd cannot %s", sd_bus_message_get_member(msg));
}

#define CONST		SD_BUS_VTABLE_PROPERTY_CONST
#define CHANGES		SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE

static const sd_bus_vtable mpris_root_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("Raise", "", "", mpris_nothing, 0),
	SD_BUS_METHOD("Quit", "", "", mpris_nothing, 0),
	SD_BUS_PROPERTY("CanQuit", "b", mpris_get_false, 0, CONST),
	SD_BUS_PROPERTY("CanRaise", "b", mpris_get_false, 0, CONST),
	SD_BUS_PROPERTY("HasTrackList", "b", mpris_get_false, 0, CONST),
	SD_BUS_PROPERTY("Identity", "s", mpris_get_name, 0, CONST),
	SD_BUS_PROPERTY("DesktopEntry", "s", mpris_get_name, 0, CONST),
	SD_BUS_PROPERTY("SupportedUriSchemes", "as", mpris_get_none, 0, CONST),
	SD_BUS_PROPERTY("SupportedMimeTypes", "as", mpris_get_none, 0, CONST),
	SD_BUS_VTABLE_END
};

/* Position, Volume: read when asked, never signalled (MPRIS's rule for
 * Position; Volume changes only with a reload) */
static const sd_bus_vtable mpris_player_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("Next", "", "", mpris_next, 0),
	SD_BUS_METHOD("Previous", "", "", mpris_prev, 0),
	SD_BUS_METHOD("Pause", "", "", mpris_pause, 0),
	SD_BUS_METHOD("PlayPause", "", "", mpris_play_pause, 0),
	SD_BUS_METHOD("Stop", "", "", mpris_stop, 0),
	SD_BUS_METHOD("Play", "", "", mpris_play, 0),
	SD_BUS_METHOD("Seek", "x", "", mpris_refuse, 0),
	SD_BUS_METHOD("SetPosition", "ox", "", mpris_refuse, 0),
	SD_BUS_METHOD("OpenUri", "s", "", mpris_refuse, 0),
	SD_BUS_SIGNAL("Seeked", "x", 0),
	SD_BUS_PROPERTY("PlaybackStatus", "s", mpris_get_status, 0, CHANGES),
	SD_BUS_PROPERTY("Rate", "d", mpris_get_rate, 0, CONST),
	SD_BUS_PROPERTY("Metadata", "a{sv}", mpris_get_metadata, 0, CHANGES),
	SD_BUS_PROPERTY("Volume", "d", mpris_get_volume, 0, 0),
	SD_BUS_PROPERTY("Position", "x", mpris_get_position, 0, 0),
	SD_BUS_PROPERTY("MinimumRate", "d", mpris_get_rate, 0, CONST),
	SD_BUS_PROPERTY("MaximumRate", "d", mpris_get_rate, 0, CONST),
	SD_BUS_PROPERTY("CanGoNext", "b", mpris_get_can, 0, CHANGES),
	SD_BUS_PROPERTY("CanGoPrevious", "b", mpris_get_can, 0, CHANGES),
	SD_BUS_PROPERTY("CanPlay", "b", mpris_get_true, 0, CONST),
	SD_BUS_PROPERTY("CanPause", "b", mpris_get_true, 0, CONST),
	SD_BUS_PROPERTY("CanSeek", "b", mpris_get_false, 0, CONST),
	SD_BUS_PROPERTY("CanControl", "b", mpris_get_true, 0, CONST),
	SD_BUS_VTABLE_END
};

/* ---- the connection ---- */

/* what the properties that signal their changes say now */
static void
mpris_remember(struct mpris *m)
{
	struct engine_info in;

	engine_info(m->engine, &in);
	m->changes = engine_changes(m->engine);
	m->status = mpris_status(&in);
	m->track = status_track(&in);
	m->has_length = in.current == m->track && in.total > 0;
	m->entries = engine_script(m->engine)->entries;
	m->can_next = in.can_next;
	m->can_prev = in.can_prev;
}

/* org.mpris.MediaPlayer2.NAME, else (taken) NAME.instancePID, as MPRIS
 * says a second instance is named */
static int
mpris_request_name(struct mpris *m, const char *name)
{
	char full[256];
	int r;

	snprintf(full, sizeof full, MPRIS_ROOT ".%s", name);
	if ((r = sd_bus_request_name(m->bus, full, 0)) == -EEXIST) {
		snprintf(full, sizeof full, MPRIS_ROOT ".%s.instance%ld", name,
		    (long)getpid());
		r = sd_bus_request_name(m->bus, full, 0);
	}
	if (r < 0) {
		log_warnx("mpris: cannot own %s on the session bus: %s", full,
		    strerror(-r));
		return -1;
	}
	log_info("mpris: %s on the session bus", full);
	return 0;
}

/* the events the bus waits for, and *timeout (ms, as poll() takes it)
 * lowered to when it wants to be called again: none while no call waits */
static short
mpris_events(void *arg, int *timeout)
{
	struct mpris *m = arg;
	uint64_t at;
	double ms;
	int events;

	if ((events = sd_bus_get_events(m->bus)) < 0)
		return 0;
	if (sd_bus_get_timeout(m->bus, &at) > 0 && at != UINT64_MAX) {
		ms = ceil((double)at / 1e3 - timer_now(CLOCK_MONOTONIC) * 1e3);
		ms = ms < 0 ? 0 : ms > INT_MAX ? INT_MAX : ms;
		if (*timeout < 0 || ms < *timeout)
			*timeout = (int)ms;
	}
	return (short)events;
}

/* the bus's messages, until none is left; false when the bus is lost */
static bool
mpris_process(struct mpris *m)
{
	int r;

	while ((r = sd_bus_process(m->bus, NULL)) > 0)
		;
	if (r == 0)
		return true;
	log_warnx("mpris: the session bus is gone (%s); MPRIS is off until "
	    "a restart", strerror(-r));
	loop_del(m->loop, m->src);
	m->src = NULL;
	sd_bus_close_unref(m->bus);
	m->bus = NULL;
	return false;
}

/* After each round of the main loop, whatever was ready (the bus's fd
 * is read here, not when it is ready): the bus's messages handled (method
 * calls run engine commands), then PropertiesChanged for what changed. */
static void
mpris_check(void *arg)
{
	struct mpris *m = arg;
	const char *names[5];
	struct mpris old;
	size_t n = 0;
	int r;

	if (!mpris_process(m) ||
	    engine_changes(m->engine) == m->changes)
		return;
	old = *m;
	mpris_remember(m);
	if (strcmp(m->status, old.status) != 0)
		names[n++] = "PlaybackStatus";
	if (m->track != old.track || m->has_length != old.has_length ||
	    m->entries != old.entries)
		names[n++] = "Metadata";
	if (m->can_next != old.can_next)
		names[n++] = "CanGoNext";
	if (m->can_prev != old.can_prev)
		names[n++] = "CanGoPrevious";
	names[n] = NULL;
	if (n > 0 && (r = sd_bus_emit_properties_changed_strv(m->bus, MPRIS_PATH,
	    MPRIS_PLAYER, (char **)names)) < 0)
		log_debug("mpris: PropertiesChanged: %s", strerror(-r));
}

static const struct loop_ops mpris_ops = {
	.events = mpris_events,
	.after = mpris_check,
};

struct mpris *
mpris_open(struct engine *e, struct loop *l)
{
	const struct conf *c = engine_conf(e);
	struct mpris *m;
	int r;

	if (c->mpris.enable == MPRIS_NO)
		return NULL;
	if ((m = calloc(1, sizeof *m)) == NULL) {
		log_warn("mpris");
		return NULL;
	}
	m->engine = e;
	m->loop = l;
	if ((r = sd_bus_open_user(&m->bus)) < 0) {
		/* the system service has no session bus: no news */
		if (c->mpris.enable == MPRIS_YES)
			log_warnx("mpris: no session bus: %s", strerror(-r));
		else
			log_debug("mpris: no session bus: %s", strerror(-r));
		free(m);
		return NULL;
	}
	if ((r = sd_bus_add_object_vtable(m->bus, NULL, MPRIS_PATH, MPRIS_ROOT,
	    mpris_root_vtable, m)) < 0 ||
	    (r = sd_bus_add_object_vtable(m->bus, NULL, MPRIS_PATH, MPRIS_PLAYER,
	    mpris_player_vtable, m)) < 0) {
		log_warnx("mpris: %s", strerror(-r));
		mpris_close(m);
		return NULL;
	}
	if (mpris_request_name(m, c->mpris.name) == -1) {
		mpris_close(m);
		return NULL;
	}
	if ((m->src = loop_add(l, sd_bus_get_fd(m->bus), &mpris_ops, m)) == NULL) {
		log_warn("mpris");
		mpris_close(m);
		return NULL;
	}
	mpris_remember(m);
	return m;
}

void
mpris_close(struct mpris *m)
{
	if (m == NULL)
		return;
	loop_del(m->loop, m->src);
	sd_bus_flush_close_unref(m->bus);
	free(m);
}
