/* SPDX-License-Identifier: GPL-3.0-or-later */
/* countdownd-speech: the speech worker. countdownd starts it with its end
 * of a socket as fd 3 and feeds it segments of text to say; it answers
 * with the sound and the word marks (speech_proto.h). It exists so that
 * libespeak-ng, which some texts crash, hangs or make read freed memory,
 * runs in a process of its own: when it dies, the daemon logs it, starts
 * another one and goes on. It gives up what it does not need before it
 * reads its first job (speech_sandbox.c), and ends when the socket does. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "speech/speech_espeak.h"
#include "speech/speech_proto.h"
#include "speech/speech_sandbox.h"
#include "util/textbuf.h"

struct worker {
	int		 fd;
	/* eSpeak NG's chunks are some 60 ms: sent a frame each, the daemon
	 * would read six thousand frames for a 5-minute render */
	int16_t		 pcm[SPEECH_AUDIO_MAX];
	size_t		 npcm;
	struct speech_mark marks[SPEECH_MARKS_MAX];
	size_t		 nmarks;
	unsigned	 chunks;	/* since the last look for a CANCEL */
	const char	*fault;		/* test builds: a word to fail on ... */
	char		 how;		/* ... 'a'bort, 'g'arbage, 'h'ang */
};

static int
worker_read(int fd, void *buf, size_t n)
{
	char *p = buf;

	while (n > 0) {
		ssize_t r = read(fd, p, n);

		if (r == 0 || (r == -1 && errno != EINTR))
			return -1;
		if (r > 0)
			p += r, n -= (size_t)r;
	}
	return 0;
}

/* what is gathered, marks first (they say where they are in samples, so
 * they need not come with their sound) */
static int
worker_flush(struct worker *w)
{
	size_t n = w->npcm, m = w->nmarks;

	w->npcm = w->nmarks = 0;
	if (m && speech_send(w->fd, SPEECH_MARK, w->marks, m * sizeof *w->marks,
	    NULL, 0) == -1)
		return -1;
	return n ? speech_send(w->fd, SPEECH_AUDIO, w->pcm, n * sizeof *w->pcm,
	    NULL, 0) : 0;
}

/* the sound, in frames of up to SPEECH_AUDIO_MAX samples */
static int
worker_audio(void *arg, const int16_t *pcm, size_t n)
{
	struct worker *w = arg;

	while (n > 0) {
		size_t k = SPEECH_AUDIO_MAX - w->npcm;

		if (k > n)
			k = n;
		memcpy(w->pcm + w->npcm, pcm, k * sizeof *pcm);
		w->npcm += k, pcm += k, n -= k;
		if (w->npcm == SPEECH_AUDIO_MAX && worker_flush(w) == -1)
			return -1;
	}
	return 0;
}

static int
worker_mark(void *arg, const struct speech_mark *m)
{
	struct worker *w = arg;

	w->marks[w->nmarks++] = *m;
	return w->nmarks == SPEECH_MARKS_MAX ? worker_flush(w) : 0;
}

/* The daemon sends nothing while a SAY is under way but a CANCEL: anything
 * waiting on the socket ends the segment (and is read afterwards). It is
 * looked for every 8th chunk, about half a second of sound, a few ms of
 * the worker's time. */
static bool
worker_cancelled(void *arg)
{
	struct worker *w = arg;
	struct pollfd p = { .fd = w->fd, .events = POLLIN };

	return ++w->chunks % 8 == 0 && poll(&p, 1, 0) == 1;
}

static void
worker_say(struct worker *w, char *payload, size_t len)
{
	struct speech_out out = {
		worker_audio, worker_mark, worker_cancelled, w,
	};
	struct speech_say p;
	const char *voice, *text;
	size_t vlen;
	uint32_t status;

	memcpy(&p, payload, sizeof p);
	payload[len - 1] = '\0';
	voice = payload + sizeof p;
	vlen = strlen(voice);
	text = voice + vlen + (voice + vlen < payload + len - 1);
#ifdef SPEECH_FAULTS
	/* tests: a fault on a chosen word, never in a release build */
	if (w->fault != NULL && strstr(text, w->fault) != NULL) {
		static const uint32_t junk[2] = { 0x4a554e4b, 0xffffffff };

		if (w->how == 'g') {
			(void)!write(w->fd, junk, sizeof junk);
			return;
		}
		if (w->how == 'h')
			for (;;)
				;
		abort();
	}
#endif
	speech_sandbox_cpu();
	status = speech_espeak_say(voice, &p, text, &out);
	if (status == SPEECH_OK && worker_flush(w) == -1)
		status = SPEECH_FAILED;
	w->npcm = w->nmarks = 0;
	speech_send(w->fd, SPEECH_DONE, &status, sizeof status, NULL, 0);
}

/* A signal meant for the daemon (a terminal's ^C, systemd's SIGTERM to
 * the whole service) is not the worker's: it ends when its socket does. */
static void
worker_detach(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT,
	    SIGUSR1, SIGUSR2, SIGPIPE };
	size_t i;

	for (i = 0; i < sizeof sigs / sizeof *sigs; i++)
		signal(sigs[i], SIG_IGN);
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
}

int
main(int argc, char **argv)
{
	/* static: its buffers are 36 kB */
	static struct worker w = { .fd = SPEECH_FD };
	struct textbuf hello = TEXTBUF_INIT;
	struct speech_frame f;
	struct stat st;
	uint32_t head[2] = { SPEECH_VERSION, 0 };
	int rate;

	(void)argv;
	if (argc != 1 || fstat(SPEECH_FD, &st) == -1 || !S_ISSOCK(st.st_mode)) {
		fprintf(stderr, "countdownd-speech: countdownd starts this, "
		    "with its socket as fd %d\n", SPEECH_FD);
		return 64;
	}
	worker_detach();
	close_range(SPEECH_FD + 1, ~0u, 0);
#ifdef SPEECH_FAULTS
	/* "WORD" aborts, "garbage:WORD" answers with a frame no daemon
	 * takes, "hang:WORD" spins */
	if ((w.fault = getenv("COUNTDOWND_SPEECH_FAULT")) != NULL) {
		w.how = 'a';
		if (strncmp(w.fault, "garbage:", 8) == 0)
			w.how = 'g', w.fault += 8;
		else if (strncmp(w.fault, "hang:", 5) == 0)
			w.how = 'h', w.fault += 5;
	}
#endif
	if (speech_sandbox_enter() == -1)
		return 71;
	if ((rate = speech_espeak_init()) == -1) {
		fprintf(stderr, "countdownd-speech: eSpeak NG cannot be "
		    "initialized (is espeak-ng-data installed?)\n");
		return 69;
	}
	/* a library's handler for the crash signals (one installs them for
	 * SIGSEGV, SIGBUS and SIGFPE) would die of the sandbox instead, and
	 * the daemon would log SIGSYS: the crash is what it should see */
	signal(SIGSEGV, SIG_DFL);
	signal(SIGBUS, SIG_DFL);
	signal(SIGFPE, SIG_DFL);
	signal(SIGILL, SIG_DFL);
	if (speech_sandbox_lock() == -1)
		return 71;
	head[1] = (uint32_t)rate;
	speech_espeak_voices(&hello);
	if (hello.failed || speech_send(w.fd, SPEECH_HELLO, head, sizeof head,
	    hello.s, hello.len) == -1)
		return 71;
	textbuf_reset(&hello);
	while (worker_read(w.fd, &f, sizeof f) == 0 && speech_frame_valid(&f)) {
		char *payload = f.len ? malloc(f.len) : NULL;

		if (f.len && (payload == NULL || worker_read(w.fd, payload, f.len) == -1)) {
			free(payload);
			break;
		}
		if (f.type == SPEECH_SAY)
			worker_say(&w, payload, f.len);
		free(payload);	/* a CANCEL after its SAY ended: nothing to do */
	}
	/* no exit-time work: the sanitizers' leak check cannot run here */
	_exit(0);
}
