/* sink_pulse: libpulse directly, for machines with a PulseAudio or PipeWire
 * server. The connection to the server is kept between plays (it costs
 * nothing while no stream exists); each clip gets a stream of its own that
 * starts on its first frame, so sound follows a play within a round trip,
 * and no stream is left open while idle. */
#include "sink.h"

#include <pulse/pulseaudio.h>
#include <stdlib.h>
#include <string.h>

#include "clip.h"
#include "log.h"

struct sink_pulse {
	pa_threaded_mainloop	*ml;
	pa_context		*ctx;
	pa_stream		*st;		/* the clip's stream, NULL between clips */
	bool			 ended;		/* fill came up short: draining */
};

static const pa_sample_spec sink_pulse_spec = { PA_SAMPLE_S16LE, CLIP_RATE, 1 };

static void
sink_pulse_on_drained(pa_stream *st, int success, void *arg)
{
	struct sink *s = arg;
	struct sink_pulse *p = s->priv;

	if (st == p->st && success)
		s->done(s->arg);
}

/* mainloop thread: hand the server what it asks for, straight from fill */
static void
sink_pulse_on_write(pa_stream *st, size_t len, void *arg)
{
	struct sink *s = arg;
	struct sink_pulse *p = s->priv;
	void *data;
	size_t n;

	if (st != p->st || p->ended)
		return;
	if (pa_stream_begin_write(st, &data, &len) < 0 || len < sizeof(int16_t))
		return;
	n = s->fill(s->arg, data, len / sizeof(int16_t));
	if (n > 0)
		pa_stream_write(st, data, n * sizeof(int16_t), NULL, 0, PA_SEEK_RELATIVE);
	else
		pa_stream_cancel_write(st);
	if (n < len / sizeof(int16_t)) {
		pa_operation *o = pa_stream_drain(st, sink_pulse_on_drained, s);

		p->ended = true;
		if (o != NULL)
			pa_operation_unref(o);
	}
}

/* mainloop thread: a stream or the connection that failed ends the clip
 * (short of its end: the player sees a failure) */
static void
sink_pulse_on_stream_state(pa_stream *st, void *arg)
{
	struct sink *s = arg;
	struct sink_pulse *p = s->priv;

	if (st == p->st && pa_stream_get_state(st) == PA_STREAM_FAILED)
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

static void
sink_pulse_reset(struct sink *s)
{
	struct sink_pulse *p = s->priv;

	if (p == NULL)
		return;
	if (p->ml)
		pa_threaded_mainloop_stop(p->ml);
	if (p->ctx) {
		pa_context_disconnect(p->ctx);
		pa_context_unref(p->ctx);
	}
	if (p->ml)
		pa_threaded_mainloop_free(p->ml);
	free(p);
	s->priv = NULL;
	s->backend_up = false;
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
	s->backend_up = true;
	return 0;
}

static int
sink_pulse_open(struct sink *s)
{
	s->rate = CLIP_RATE;	/* the server resamples for its sink */
	return s->backend_up ? 0 : sink_pulse_connect(s);
}

static int
sink_pulse_start(struct sink *s)
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
	int rc = -1;

	pa_threaded_mainloop_lock(p->ml);
	p->ended = false;
	if ((p->st = pa_stream_new(p->ctx, "countdown", &sink_pulse_spec, NULL)) != NULL) {
		pa_stream_set_state_callback(p->st, sink_pulse_on_stream_state, s);
		pa_stream_set_write_callback(p->st, sink_pulse_on_write, s);
		rc = pa_stream_connect_playback(p->st, dev, &attr,
		    PA_STREAM_ADJUST_LATENCY, NULL, NULL);
	}
	if (rc < 0) {
		log_errorx("audio: cannot play on \"%s\": %s", s->device,
		    pa_strerror(pa_context_errno(p->ctx)));
		if (p->st)
			pa_stream_unref(p->st);
		p->st = NULL;
	}
	pa_threaded_mainloop_unlock(p->ml);
	return rc < 0 ? -1 : 0;
}

static void
sink_pulse_stop(struct sink *s)
{
	struct sink_pulse *p = s->priv;
	pa_stream *st;

	pa_threaded_mainloop_lock(p->ml);
	if ((st = p->st) != NULL) {
		p->st = NULL;	/* its callbacks see it is not current */
		pa_stream_disconnect(st);
		pa_stream_unref(st);
	}
	pa_threaded_mainloop_unlock(p->ml);
}

/* the connection stays up between plays; the stream is already gone */
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

const struct sink_ops sink_pulse_ops = {
	sink_pulse_open, sink_pulse_start, sink_pulse_stop, sink_pulse_close,
	sink_pulse_reset, sink_pulse_unheard
};
