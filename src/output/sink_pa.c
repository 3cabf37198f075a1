/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sink_pa: PortAudio in callback mode. The stream is opened for each play
 * and closed after it: a stopped but open ALSA-pulse stream still wakes a
 * thread twice a second, and idle means idle. PortAudio itself stays
 * initialized between plays (until a reset), so an open is quick. */
#include "output/sink_backend.h"

#include <alsa/asoundlib.h>
#include <dlfcn.h>
#include <portaudio.h>
#include <stdlib.h>
#include <string.h>

#include "speech/clip.h"
#include "util/log.h"

static void
sink_pa_alsa_silent(const char *file, int line, const char *fn, int err,
    const char *fmt, ...)
{
	(void)file, (void)line, (void)fn, (void)err, (void)fmt;
}

static void
sink_pa_jack_silent(const char *msg)
{
	(void)msg;
}

/* Keep ALSA's and JACK's library chatter off stderr (Pa_Initialize probes
 * every device and each library prints its failures). */
static void
sink_pa_quiet(void)
{
	void (*set)(void (*)(const char *));

	snd_lib_error_set_handler(sink_pa_alsa_silent);
	/* libjack comes in through PortAudio; look it up rather than link it */
	if ((*(void **)&set = dlsym(RTLD_DEFAULT, "jack_set_error_function")))
		set(sink_pa_jack_silent);
	if ((*(void **)&set = dlsym(RTLD_DEFAULT, "jack_set_info_function")))
		set(sink_pa_jack_silent);
}

struct sink_pa {
	PaStream	*stream;
	unsigned long	 tail;		/* frames of silence still to send */
	unsigned long	 tail_frames;	/* the device latency, in frames */
};

/* PortAudio drops what the device still holds when a callback returns
 * paComplete; the clip's last words would go with it. So the callback
 * sends a latency's worth of silence after the end before completing. */
static int
sink_pa_callback(const void *in, void *out, unsigned long frames,
    const PaStreamCallbackTimeInfo *ti, PaStreamCallbackFlags flags, void *arg)
{
	struct sink *s = arg;
	struct sink_pa *pa = s->priv;
	int16_t *pcm = out;
	size_t n = pa->tail == pa->tail_frames ? s->fill(s->arg, pcm, frames) : 0;

	(void)in, (void)ti, (void)flags;
	if (n == frames)
		return paContinue;
	memset(pcm + n, 0, (frames - n) * sizeof *pcm);
	if (pa->tail <= frames - n)
		return paComplete;
	pa->tail -= frames - n;
	return paContinue;
}

static void
sink_pa_finished(void *arg)
{
	struct sink *s = arg;

	s->done(s->arg);
}

static PaDeviceIndex
sink_pa_find(const char *name)
{
	PaDeviceIndex i, n = Pa_GetDeviceCount();

	if (strcmp(name, "default") == 0)
		return Pa_GetDefaultOutputDevice();
	for (i = 0; i < n; i++) {
		const PaDeviceInfo *d = Pa_GetDeviceInfo(i);

		if (d && d->maxOutputChannels > 0 && strcmp(d->name, name) == 0)
			return i;
	}
	return paNoDevice;
}

static PaError
sink_pa_open_stream(struct sink *s, struct sink_pa *pa,
    const PaStreamParameters *out, double rate)
{
	return Pa_OpenStream(&pa->stream, NULL, out, rate, paFramesPerBufferUnspecified,
	    paClipOff | paPrimeOutputBuffersUsingStreamCallback, sink_pa_callback, s);
}

/* terminate, so that the next open sees devices that came or went */
static void
sink_pa_reset(struct sink *s)
{
	(void)s;
	Pa_Terminate();
}

static int
sink_pa_open(struct sink *s)
{
	PaStreamParameters out = { 0 };
	const PaStreamInfo *info;
	struct sink_pa *pa;
	PaError e;
	double rate = CLIP_RATE;

	if (!s->backend_up) {
		sink_pa_quiet();
		if ((e = Pa_Initialize()) != paNoError) {
			log_warnx("audio: PortAudio: %s", Pa_GetErrorText(e));
			return -1;
		}
	}
	if ((out.device = sink_pa_find(s->device)) == paNoDevice) {
		log_warnx("audio: no output device \"%s\" (see countdownd --list-devices)",
		    s->device);
		sink_pa_reset(s);
		return -1;
	}
	out.channelCount = 1;
	out.sampleFormat = paInt16;
	out.suggestedLatency = s->latency;
	if ((pa = calloc(1, sizeof *pa)) == NULL) {
		sink_pa_reset(s);
		return -1;
	}
	/* a device that does not take eSpeak NG's rate gets resampled clips;
	 * asked by trying, since Pa_IsFormatSupported opens the device too */
	e = sink_pa_open_stream(s, pa, &out, rate);
	if (e == paInvalidSampleRate) {
		rate = Pa_GetDeviceInfo(out.device)->defaultSampleRate;
		e = sink_pa_open_stream(s, pa, &out, rate);
	}
	if (e == paNoError)
		e = Pa_SetStreamFinishedCallback(pa->stream, sink_pa_finished);
	if (e != paNoError) {
		log_warnx("audio: cannot open \"%s\": %s", s->device, Pa_GetErrorText(e));
		if (pa->stream)
			Pa_CloseStream(pa->stream);
		free(pa);
		sink_pa_reset(s);
		return -1;
	}
	info = Pa_GetStreamInfo(pa->stream);
	pa->tail_frames = (unsigned long)((info ? info->outputLatency : s->latency) *
	    rate) + 1;
	s->priv = pa;
	s->rate = (unsigned)rate;
	log_debug("audio: \"%s\" open at %u Hz", Pa_GetDeviceInfo(out.device)->name,
	    s->rate);
	return 0;
}

static int
sink_pa_start(struct sink *s)
{
	struct sink_pa *pa = s->priv;
	PaError e;

	pa->tail = pa->tail_frames;
	if ((e = Pa_StartStream(pa->stream)) != paNoError) {
		log_errorx("audio: cannot start \"%s\": %s", s->device,
		    Pa_GetErrorText(e));
		return -1;
	}
	return 0;
}

static void
sink_pa_stop(struct sink *s)
{
	/* abort drops what the device holds: a skip is heard at once */
	struct sink_pa *pa = s->priv;

	if (Pa_IsStreamStopped(pa->stream) == 0)
		Pa_AbortStream(pa->stream);
}

static void
sink_pa_close(struct sink *s)
{
	struct sink_pa *pa = s->priv;

	Pa_CloseStream(pa->stream);
	free(pa);
	s->priv = NULL;
}

/* the device's buffer: an abort drops about that much */
static size_t
sink_pa_unheard(struct sink *s)
{
	struct sink_pa *pa = s->priv;

	return pa->tail_frames;
}

static const struct sink_ops sink_pa_ops = {
	.open = sink_pa_open,
	.start = sink_pa_start,
	.stop = sink_pa_stop,
	.close = sink_pa_close,
	.reset = sink_pa_reset,
	.unheard = sink_pa_unheard,
};

static int
sink_pa_list(FILE *fp)
{
	PaDeviceIndex i, n, def;
	int found = 0;

	sink_pa_quiet();
	if (Pa_Initialize() != paNoError)
		return -1;
	n = Pa_GetDeviceCount();
	def = Pa_GetDefaultOutputDevice();
	for (i = 0; i < n; i++) {
		const PaDeviceInfo *d = Pa_GetDeviceInfo(i);

		if (d == NULL || d->maxOutputChannels <= 0)
			continue;
		fprintf(fp, "%s%s\t%s, %d channels, %.0f Hz\n", i == def ? "* " : "  ",
		    d->name, Pa_GetHostApiInfo(d->hostApi)->name,
		    d->maxOutputChannels, d->defaultSampleRate);
		found++;
	}
	Pa_Terminate();
	return found;
}

const struct output sink_pa_output = {
	.name = "portaudio",
	.ops = &sink_pa_ops,
	.via = "PortAudio",
	.list = sink_pa_list,
};
