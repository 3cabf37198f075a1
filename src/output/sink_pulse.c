/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sink_pulse: libpulse directly, for machines with a PulseAudio or PipeWire
 * server. The connection is kept between plays, and the stream for the next
 * clip is made as soon as the last one ends, corked: a corked stream asks
 * nothing of the server (its sink may suspend) and wakes nothing here, and a
 * play is only "write, uncork", with no round trip to wait for. */
#include "output/sink_backend.h"

#include <pulse/pulseaudio.h>
#include <stdlib.h>
#include <string.h>

#include "speech/clip.h"
#include "util/log.h"

struct sink_pulse {
	pa_threaded_mainloop	*ml;
	pa_context		*ctx;
	pa_stream		*st;		/* corked and waiting, or playing */
	bool			 playing;	/* st belongs to a clip */
	bool			 ended;		/* fill came up short: draining */
};

static const pa_sample_spec sink_pulse_spec = { PA_SAMPLE_S16LE, CLIP_RATE, 1 };

/* All on_ functions run in the mainloop thread, with its lock held. */

static void
sink_pulse_on_drained(pa_stream *st, int success, void *arg)
{
	struct sink *s = arg;
	struct sink_pulse *p = s->priv;

	if (st == p->st && p->playing && success)
		s->done(s->arg);
}

/* hand the server what it asks for, straight from fill */
static void
sink_pulse_feed(struct sink *s)
{
	struct sink_pulse *p = s->priv;
	size_t len = pa_stream_writable_size(p->st), n;
	pa_operation *o;
	void *data;

	if (!p->playing || p->ended || len == (size_t)-1 || len < sizeof(int16_t) ||
	    pa_stream_begin_write(p->st, &data, &len) < 0)
		return;
	n = s->fill(s->arg, data, len / sizeof(int16_t));
	if (n > 0)
		pa_stream_write(p->st, data, n * sizeof(int16_t), NULL, 0, PA_SEEK_RELATIVE);
	else
		pa_stream_cancel_write(p->st);
	if (n < len / sizeof(int16_t)) {
		p->ended = true;
		if ((o = pa_stream_drain(p->st, sink_pulse_on_drained, s)) != NULL)
			pa_operation_unref(o);
	}
}

static void
sink_pulse_on_write(pa_stream *st, size_t len, void *arg)
{
	struct sink *s = arg;
	struct sink_pulse *p = s->priv;

	(void)len;
	if (st == p->st)
		sink_pulse_feed(s);
}

/* a stream that became ready after its play began starts now; one that
 * failed ends its clip short of the end (the player sees a failure) */
static void
sink_pulse_on_stream_state(pa_stream *st, void *arg)
{
	struct sink *s = arg;
	struct sink_pulse *p = s->priv;
	pa_operation *o;

	if (st != p->st || !p->playing)
		return;
	if (pa_stream_get_state(st) == PA_STREAM_READY) {
		sink_pulse_feed(s);
		if ((o = pa_stream_cork(st, 0, NULL, NULL)) != NULL)
			pa_operation_unref(o);
	} else if (!PA_STREAM_IS_GOOD(pa_stream_get_state(st)))
		s->done(s->arg);
}

static void
sink_pulse_on_context_state(pa_context *ctx, void *arg)
{
	struct sink *s = arg;
	struct sink_pulse *p = s->priv;

	(void)ctx;
	pa_threaded_mainloop_signal(p->ml, 0);
}

/* Drop the stream; with the lock held. */
static void
sink_pulse_drop(struct sink_pulse *p)
{
	if (p->st == NULL)
		return;
	pa_stream_disconnect(p->st);
	pa_stream_unref(p->st);
	p->st = NULL;
	p->playing = false;
}

/* Make the corked stream for the next clip; with the lock held. */
static int
sink_pulse_prepare(struct sink *s)
{
	struct sink_pulse *p = s->priv;
	const char *dev = strcmp(s->device, "default") == 0 ? NULL : s->device;
	pa_buffer_attr attr = {
		.maxlength = (uint32_t)-1,
		.tlength = (uint32_t)pa_usec_to_bytes((pa_usec_t)(s->latency * 1e6),
		    &sink_pulse_spec),
		.prebuf = sizeof(int16_t),	/* start on the first frame */
		.minreq = (uint32_t)-1,
		.fragsize = (uint32_t)-1,
	};

	if (p->st != NULL && PA_STREAM_IS_GOOD(pa_stream_get_state(p->st)))
		return 0;
	sink_pulse_drop(p);
	if ((p->st = pa_stream_new(p->ctx, "countdown", &sink_pulse_spec, NULL)) == NULL)
		return -1;
	pa_stream_set_state_callback(p->st, sink_pulse_on_stream_state, s);
	pa_stream_set_write_callback(p->st, sink_pulse_on_write, s);
	if (pa_stream_connect_playback(p->st, dev, &attr,
	    PA_STREAM_ADJUST_LATENCY | PA_STREAM_START_CORKED, NULL, NULL) < 0) {
		sink_pulse_drop(p);
		return -1;
	}
	return 0;
}

static void
sink_pulse_reset(struct sink *s)
{
	struct sink_pulse *p = s->priv;

	if (p == NULL)
		return;
	if (p->ml)
		pa_threaded_mainloop_stop(p->ml);
	sink_pulse_drop(p);
	if (p->ctx) {
		pa_context_disconnect(p->ctx);
		pa_context_unref(p->ctx);
	}
	if (p->ml)
		pa_threaded_mainloop_free(p->ml);
	free(p);
	s->priv = NULL;
}

/* connect to the server, once; 0 or -1 */
static int
sink_pulse_connect(struct sink *s)
{
	struct sink_pulse *p = calloc(1, sizeof *p);
	pa_context_state_t state;

	if ((s->priv = p) == NULL || (p->ml = pa_threaded_mainloop_new()) == NULL ||
	    (p->ctx = pa_context_new(pa_threaded_mainloop_get_api(p->ml),
	    "countdownd")) == NULL) {
		sink_pulse_reset(s);
		return -1;
	}
	pa_context_set_state_callback(p->ctx, sink_pulse_on_context_state, s);
	pa_threaded_mainloop_lock(p->ml);
	if (pa_context_connect(p->ctx, NULL, PA_CONTEXT_NOAUTOSPAWN, NULL) == 0 &&
	    pa_threaded_mainloop_start(p->ml) == 0)
		while ((state = pa_context_get_state(p->ctx)) != PA_CONTEXT_READY &&
		    PA_CONTEXT_IS_GOOD(state))
			pa_threaded_mainloop_wait(p->ml);
	state = pa_context_get_state(p->ctx);
	pa_threaded_mainloop_unlock(p->ml);
	if (state != PA_CONTEXT_READY) {
		/* under "auto" a missing server only means PortAudio is next */
		(s->automatic ? log_debug : log_warnx)("audio: no PulseAudio server: %s",
		    pa_strerror(pa_context_errno(p->ctx)));
		sink_pulse_reset(s);
		return -1;
	}
	return 0;
}

static int
sink_pulse_open(struct sink *s)
{
	struct sink_pulse *p = s->priv;
	int rc;

	s->rate = CLIP_RATE;	/* the server resamples for its sink */
	/* a server that went away since: connect again. The mainloop
	 * thread changes the context's state: it is read under the lock */
	if (p) {
		pa_threaded_mainloop_lock(p->ml);
		rc = pa_context_get_state(p->ctx) == PA_CONTEXT_READY;
		pa_threaded_mainloop_unlock(p->ml);
		if (!rc)
			sink_pulse_reset(s);
	}
	if (s->priv == NULL && sink_pulse_connect(s) == -1)
		return -1;
	p = s->priv;
	pa_threaded_mainloop_lock(p->ml);
	rc = sink_pulse_prepare(s);
	pa_threaded_mainloop_unlock(p->ml);
	if (rc == -1)	/* a failed open leaves the backend down */
		sink_pulse_reset(s);
	return rc;
}

static int
sink_pulse_start(struct sink *s)
{
	struct sink_pulse *p = s->priv;

	pa_threaded_mainloop_lock(p->ml);
	p->playing = true;
	p->ended = false;
	/* not ready yet (a play right after a skip): it starts when it is */
	if (pa_stream_get_state(p->st) == PA_STREAM_READY)
		sink_pulse_on_stream_state(p->st, s);
	pa_threaded_mainloop_unlock(p->ml);
	return 0;
}

/* the clip's stream goes, and the next one is made ready at once */
static void
sink_pulse_stop(struct sink *s)
{
	struct sink_pulse *p = s->priv;

	pa_threaded_mainloop_lock(p->ml);
	if (p->playing) {
		sink_pulse_drop(p);
		if (pa_context_get_state(p->ctx) == PA_CONTEXT_READY)
			sink_pulse_prepare(s);
	}
	pa_threaded_mainloop_unlock(p->ml);
}

/* the connection and the waiting stream stay between plays */
static void
sink_pulse_close(struct sink *s)
{
	(void)s;
}

static size_t
sink_pulse_unheard(struct sink *s)
{
	return (size_t)(s->latency * s->rate);
}

static const struct sink_ops sink_pulse_ops = {
	.open = sink_pulse_open,
	.start = sink_pulse_start,
	.stop = sink_pulse_stop,
	.close = sink_pulse_close,
	.reset = sink_pulse_reset,
	.unheard = sink_pulse_unheard,
};

struct sink_pulse_listing {
	struct sink	*s;
	FILE		*fp;
	char		*def;		/* the server's default sink */
	int		 found;
	bool		 done;
};

static void
sink_pulse_on_server(pa_context *ctx, const pa_server_info *i, void *arg)
{
	struct sink_pulse_listing *l = arg;
	struct sink_pulse *p = l->s->priv;

	(void)ctx;
	if (i && i->default_sink_name)
		l->def = strdup(i->default_sink_name);
	l->done = true;
	pa_threaded_mainloop_signal(p->ml, 0);
}

static void
sink_pulse_on_sink(pa_context *ctx, const pa_sink_info *i, int eol, void *arg)
{
	struct sink_pulse_listing *l = arg;
	struct sink_pulse *p = l->s->priv;

	(void)ctx;
	if (eol || i == NULL) {
		l->done = true;
		pa_threaded_mainloop_signal(p->ml, 0);
		return;
	}
	fprintf(l->fp, "%s%s\tlibpulse: %s, %u channels, %u Hz\n",
	    l->def && strcmp(l->def, i->name) == 0 ? "* " : "  ", i->name,
	    i->description ? i->description : "", i->sample_spec.channels,
	    i->sample_spec.rate);
	l->found++;
}

/* run operation o to its end; with the lock held */
static void
sink_pulse_wait(struct sink_pulse *p, pa_operation *o, bool *done)
{
	if (o == NULL)
		return;
	while (!*done && pa_operation_get_state(o) == PA_OPERATION_RUNNING)
		pa_threaded_mainloop_wait(p->ml);
	pa_operation_unref(o);
}

static int
sink_pulse_list(FILE *fp)
{
	struct sink s = { .automatic = true };	/* no server: said at debug level */
	struct sink_pulse_listing l = { .s = &s, .fp = fp };
	struct sink_pulse *p;

	if (sink_pulse_connect(&s) == -1)
		return -1;
	p = s.priv;
	pa_threaded_mainloop_lock(p->ml);
	sink_pulse_wait(p, pa_context_get_server_info(p->ctx, sink_pulse_on_server,
	    &l), &l.done);
	l.done = false;
	sink_pulse_wait(p, pa_context_get_sink_info_list(p->ctx, sink_pulse_on_sink,
	    &l), &l.done);
	pa_threaded_mainloop_unlock(p->ml);
	sink_pulse_reset(&s);
	free(l.def);
	return l.found;
}

const struct output sink_pulse_output = {
	.name = "pulse",
	.ops = &sink_pulse_ops,
	.via = "libpulse",
	.list = sink_pulse_list,
};
