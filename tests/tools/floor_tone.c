/* SPDX-License-Identifier: GPL-3.0-or-later */
/* floor_tone: the least any program can do on the signal-to-sound path, as
 * the benchmark's floor. A PulseAudio playback client, connected in advance
 * with the smallest buffers, that waits in sigwaitinfo() for SIGUSR1 and
 * then writes a 100 ms tone at once. Loops for repeated trials; exits 0 on
 * SIGTERM/SIGINT. Prints "ready" once connected, and after each trial
 * "tone MONO_NS" with the time the signal was taken.
 *
 * usage: floor_tone [-d SINK] */
#include <math.h>
#include <pulse/error.h>
#include <pulse/simple.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "tool.h"

#define RATE 16000
#define TONE (RATE / 10)	/* 100 ms */

int main(int argc, char **argv)
{
	const char *sink = NULL;
	static int16_t tone[TONE];
	sigset_t set;
	int opt, err;

	while ((opt = getopt(argc, argv, "d:")) != -1) {
		if (opt != 'd') {
			fprintf(stderr, "usage: floor_tone [-d SINK]\n");
			return 64;
		}
		sink = optarg;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* blocked before libpulse starts its thread, which inherits the mask:
	 * every signal waits for sigwaitinfo, none lands in the wrong thread */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);

	for (int i = 0; i < TONE; i++)
		tone[i] = (int16_t)(16000 * sin(2 * M_PI * 1000 * i / RATE));

	static const pa_sample_spec ss = { PA_SAMPLE_S16LE, RATE, 1 };
	/* tlength 2 ms keeps the sink's latency (its wake-up period) small;
	 * prebuf of one frame starts playback on the first sample written.
	 * Not prebuf 0: that stream runs on through the idle time, and here
	 * the tone written after a wait was never heard at all */
	const pa_buffer_attr attr = {
		.maxlength = (uint32_t)-1, .tlength = 64, .prebuf = 2,
		.minreq = (uint32_t)-1, .fragsize = (uint32_t)-1,
	};
	pa_simple *pa = pa_simple_new(NULL, "floor_tone", PA_STREAM_PLAYBACK, sink,
				      "tone", &ss, NULL, &attr, &err);
	if (!pa) {
		fprintf(stderr, "floor_tone: %s\n", pa_strerror(err));
		return 69;
	}
	printf("ready\n");

	for (;;) {
		siginfo_t si;
		long long t;

		if (sigwaitinfo(&set, &si) < 0)
			continue;
		if (si.si_signo != SIGUSR1)
			break;
		t = tool_mono_ns();
		if (pa_simple_write(pa, tone, sizeof tone, &err) < 0) {
			fprintf(stderr, "floor_tone: write: %s\n", pa_strerror(err));
			pa_simple_free(pa);
			return 1;
		}
		printf("tone %lld\n", t);
	}
	pa_simple_free(pa);
	return 0;
}
