/* SPDX-License-Identifier: GPL-3.0-or-later */
/* parec_events: record a PulseAudio source (default the null sink's monitor)
 * in 2 ms fragments and print, line-buffered, when sound starts and ends:
 *
 *   ready MONO_NS     connected, the first fragment has been read
 *   sound MONO_NS     a fragment's peak went above the threshold after silence
 *   silence MONO_NS   the silence after it has lasted -s ms; the time is that
 *                     of the last loud fragment, i.e. when the sound ended
 *
 * MONO_NS is CLOCK_MONOTONIC in ns, taken when the fragment was read: parec
 * drops the start of a recording and its file clock drifts from the wall
 * clock, so onsets are timed here, sample by sample, instead.
 *
 * usage: parec_events [-d SOURCE]... [-l LEVEL] [-s SILENCE_MS] [-w OUT.wav]
 *                     [-t SECONDS]
 * With several -d (rooms of a multi-room test), each source is read by a
 * thread of its own, in the same process and on the same clock, and each
 * line ends with the source's name: "sound MONO_NS roomA.monitor". -w then
 * records the first source only.
 * Stops after -t seconds, on SIGTERM/SIGINT, or when the server goes away;
 * the WAV header is finished in every case (and kept current every 0.5 s,
 * so even a killed recorder leaves a readable file). */
#include <math.h>
#include <pthread.h>
#include <pulse/error.h>
#include <pulse/simple.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tool.h"

#define RATE 16000
#define FRAG 32		/* samples per read: 2 ms, the fragsize asked of the server */
#define MAXSRC 8

struct rec {
	const char	*source;
	const char	*tag;		/* " SOURCE" with several sources, else "" */
	FILE		*out;		/* the WAV, or NULL */
	long		 level, silence_ms;
	double		 seconds;
	int		 rc;
};


static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* 44-byte RIFF header for s16le mono RATE with `bytes` of data */
static void wav_header(FILE *f, uint32_t bytes)
{
	unsigned char h[44] = "RIFF....WAVEfmt \x10\0\0\0\1\0\1\0........\2\0\x10\0data....";

	put32(h + 4, 36 + bytes);
	put32(h + 24, RATE);
	put32(h + 28, RATE * 2);
	put32(h + 40, bytes);
	rewind(f);
	fwrite(h, 1, sizeof h, f);
	fseek(f, 0, SEEK_END);
	fflush(f);
}

/* one source, until stopped; the result in r->rc */
static void *rec_run(void *arg)
{
	struct rec *r = arg;
	static const pa_sample_spec ss = { PA_SAMPLE_S16LE, RATE, 1 };
	/* fragsize 64 bytes: the server hands us data every 2 ms, and its
	 * monitor source (hence the null sink) runs at that latency too */
	const pa_buffer_attr attr = {
		.maxlength = (uint32_t)-1, .fragsize = FRAG * 2,
		.tlength = (uint32_t)-1, .prebuf = (uint32_t)-1, .minreq = (uint32_t)-1,
	};
	int err;
	pa_simple *pa = pa_simple_new(NULL, "parec_events", PA_STREAM_RECORD, r->source,
				      "monitor", &ss, NULL, &attr, &err);
	if (!pa) {
		fprintf(stderr, "parec_events: %s: %s\n", r->source, pa_strerror(err));
		r->rc = 69;
		tool_stop = 1;
		return NULL;
	}

	int16_t buf[FRAG];
	uint32_t bytes = 0, since_header = 0;
	long long start = 0, last_loud = 0;
	long quiet = 0, quiet_needed = r->silence_ms * RATE / 1000;
	int loud = 0;

	while (!tool_stop) {
		if (pa_simple_read(pa, buf, sizeof buf, &err) < 0) {
			/* e.g. the server was killed by a fault test */
			fprintf(stderr, "parec_events: read: %s\n", pa_strerror(err));
			r->rc = 1;
			break;
		}
		long long now = tool_mono_ns();
		if (!start) {
			start = now;
			printf("ready %lld%s\n", now, r->tag);
		}
		int peak = 0;
		for (int i = 0; i < FRAG; i++)
			peak = abs(buf[i]) > peak ? abs(buf[i]) : peak;
		if (peak > r->level) {
			if (!loud)
				printf("sound %lld%s\n", now, r->tag);
			loud = 1;
			quiet = 0;
			last_loud = now;
		} else if (loud && (quiet += FRAG) >= quiet_needed) {
			/* silence counted in samples, not wall time: robust to a
			 * late read that returns several fragments at once */
			printf("silence %lld%s\n", last_loud, r->tag);
			loud = 0;
		}
		if (r->out) {
			fwrite(buf, sizeof buf, 1, r->out);
			bytes += sizeof buf;
			if ((since_header += sizeof buf) >= RATE) {
				wav_header(r->out, bytes);
				since_header = 0;
			}
		}
		if (r->seconds > 0 && now - start >= (long long)(r->seconds * 1e9))
			break;
	}
	if (loud)	/* sound still going when we stopped: no end to report */
		fprintf(stderr, "parec_events: %s: stopped during sound\n", r->source);
	pa_simple_free(pa);
	if (r->out)
		wav_header(r->out, bytes);
	/* one source gone (its server killed, -t reached) ends the recording */
	tool_stop = 1;
	return NULL;
}

int main(int argc, char **argv)
{
	const char *sources[MAXSRC] = { "nullsink.monitor" }, *wav = NULL;
	struct rec recs[MAXSRC];
	pthread_t threads[MAXSRC];
	char tags[MAXSRC][128];
	long level = 500, silence_ms = 300;
	double seconds = 0;
	int opt, n = 0, rc = 0;

	while ((opt = getopt(argc, argv, "d:l:s:w:t:")) != -1) {
		switch (opt) {
		case 'd':
			if (n == MAXSRC) {
				fprintf(stderr, "parec_events: at most %d sources\n", MAXSRC);
				return 64;
			}
			sources[n++] = optarg;
			break;
		case 'l': level = atol(optarg); break;
		case 's': silence_ms = atol(optarg); break;
		case 'w': wav = optarg; break;
		case 't': seconds = atof(optarg); break;
		default:
			fprintf(stderr, "usage: parec_events [-d SOURCE]... [-l LEVEL] "
				"[-s SILENCE_MS] [-w OUT.wav] [-t SECONDS]\n");
			return 64;
		}
	}
	if (n == 0)
		n = 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	tool_catch_stop();	/* seen within one 2 ms fragment */

	FILE *out = NULL;
	if (wav) {
		if (!(out = fopen(wav, "wb"))) {
			perror(wav);
			return 1;
		}
		wav_header(out, 0);
	}
	for (int i = 0; i < n; i++) {
		tags[i][0] = '\0';
		if (n > 1)
			snprintf(tags[i], sizeof tags[i], " %s", sources[i]);
		recs[i] = (struct rec){ sources[i], tags[i], i == 0 ? out : NULL,
			level, silence_ms, seconds, 0 };
		if (pthread_create(&threads[i], NULL, rec_run, &recs[i]) != 0) {
			fprintf(stderr, "parec_events: cannot start a thread\n");
			tool_stop = 1;
			n = i;
			rc = 1;
			break;
		}
	}
	for (int i = 0; i < n; i++) {
		pthread_join(threads[i], NULL);
		if (recs[i].rc != 0 && rc == 0)
			rc = recs[i].rc;
	}
	if (out)
		fclose(out);
	return rc;
}
