/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_control: the control protocol, its line reading (control.c) and its
 * commands (control_cmd.c), against a real engine: the file output into a
 * temporary folder and the real synth thread, over a short script. Each
 * input is a new engine and a new control socket; the input is what one
 * client sends, all of it, before it shuts its side; the engine has its
 * first entry ready, as a daemon does a moment after it started. Every
 * reply line must
 * be "OK", "ERR CODE MESSAGE" or "key: value", of printable text; the
 * server must close the connection once the client's input is answered
 * ("wait" is ended by a stop); never a crash, leak or hang. Each input's
 * length picks schedule.on_busy (skip, queue, ignore), so that each is
 * reached.
 * Run: make fuzz-run-control (FUZZ_SECONDS=300) */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "front/control_priv.h"
#include "output/outputs.h"
#include "fuzz.h"
#include "util/loop.h"
#include "util/textbuf.h"
#include "util/timer.h"

#define FUZZ_ROUNDS	2000	/* of the loop below: far more than an input needs */

static struct tts *fuzz_tts;
static struct loop *fuzz_loop;
static char fuzz_sock[108];
static int fuzz_reloads;

/* countdownctl reload: refused every other time */
static int
fuzz_reload(void *arg)
{
	(void)arg;
	return fuzz_reloads++ % 2 == 0 ? 0 : -1;
}

static struct engine *
fuzz_engine(size_t size)
{
	static const char text[] = "Top 3\n\nIn.\n\n#3: \"A\"\nX\n\n#2: \"B\"\n\n"
	    "Honorable mentions:\n\"D\" (2001)\nY\n\n#1: \"C\"\n";
	struct conf c;
	struct script s;
	struct lexicon lx = { 0 };
	struct script_error err;
	struct engine_parts parts = { &c, &s, &lx };
	struct engine *e;
	char path[256];
	int ready;

	conf_defaults(&c);
	snprintf(path, sizeof path, "%s/out.wav", fuzz_dir());
	unlink(path);	/* what was played before is of no interest */
	c.audio.output = outputs_find("file");
	c.audio.path = fuzz_strndup(path, strlen(path));
	c.voice.rate = 450;
	c.schedule.on_busy = (enum conf_on_busy)(size % 3);
	if (script_parse(text, sizeof text - 1, NULL, &s, &err) != 0 ||
	    (e = engine_new(&parts, fuzz_tts, fuzz_loop)) == NULL)
		fuzz_fail("the harness's engine", err.msg);
	/* the first entry made, as a daemon has it ready a moment after its
	 * start: a "next" plays at once, and what acts on a playing entry
	 * (pause, resume, on_busy) is reached */
	/* libFuzzer's timer interrupts the wait each second; in signal mode
	 * nothing but the clip can come (no timer is armed, nothing plays) */
	while ((ready = loop_round(fuzz_loop, 10000)) == -1 && errno == EINTR)
		;
	if (ready != 1)
		fuzz_fail("the synth thread made no clip", NULL);
	return e;
}

static int
fuzz_connect(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	snprintf(sun.sun_path, sizeof sun.sun_path, "%s", fuzz_sock);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof sun) == -1)
		fuzz_fail("cannot connect", strerror(errno));
	return fd;
}

/* every line of the replies well-formed */
static void
fuzz_check(const char *out)
{
	const char *line, *nl, *p;
	size_t n;

	for (line = out; *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			fuzz_fail("a reply without its newline", line);
		n = (size_t)(nl - line);
		for (p = line; p < nl; p++)
			if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7f)
				fuzz_fail("a control character in a reply", line);
		if (n == 2 && strncmp(line, "OK", 2) == 0)
			continue;
		if (n > 4 && strncmp(line, "ERR ", 4) == 0 &&
		    strcspn(line + 4, " \n") > 0 && line[4 + strcspn(line + 4, " \n")] == ' ')
			continue;
		p = memchr(line, ':', n);
		if (p == NULL || p == line || p[1] != ' ' ||
		    memchr(line, ' ', (size_t)(p - line)) != NULL)
			fuzz_fail("not a reply line", line);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	log_init(-1);
	snprintf(fuzz_sock, sizeof fuzz_sock, "%s/control", fuzz_dir());
	if ((fuzz_tts = tts_start()) == NULL)
		fuzz_fail("eSpeak NG cannot start", NULL);
	if ((fuzz_loop = loop_new()) == NULL)
		fuzz_fail("no loop", strerror(errno));
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the client's side: read below, on the loop only to end a round */
	static const struct loop_ops client_ops = { 0 };
	struct engine *e = fuzz_engine(size);
	struct control *c = control_open(fuzz_sock, e, fuzz_loop, fuzz_reload,
	    NULL);
	struct textbuf got = TEXTBUF_INIT;
	struct loop_src *client;
	size_t sent = 0;
	int fd, rounds, timeout;
	char buf[4096];
	ssize_t r;

	if (c == NULL)
		fuzz_fail("no control socket", fuzz_sock);
	fd = fuzz_connect();
	if ((client = loop_add(fuzz_loop, fd, &client_ops, NULL)) == NULL)
		fuzz_fail("no loop source", strerror(errno));
	for (rounds = 0; rounds < FUZZ_ROUNDS; rounds++) {
		/* send what the socket takes; all sent, say so */
		if (sent < size && (r = send(fd, data + sent, size - sent,
		    MSG_NOSIGNAL)) > 0 && (sent += (size_t)r) == size)
			shutdown(fd, SHUT_WR);
		if (size == 0 && rounds == 0)
			shutdown(fd, SHUT_WR);
		while ((r = read(fd, buf, sizeof buf)) > 0)
			textbuf_putn(&got, buf, (size_t)r);
		if (r == 0)
			break;		/* the server closed: all answered */
		/* a client that waits for the entry to end: end it, and
		 * the round's afters answer it at once */
		timeout = 100;
		if (sent == size && c->nwaiting > 0) {
			engine_stop(e);
			timeout = 0;
		}
		if (loop_round(fuzz_loop, timeout) == -1 && errno != EINTR)
			fuzz_fail("poll", strerror(errno));
	}
	if (rounds == FUZZ_ROUNDS)
		fuzz_fail("the server never closed the connection", textbuf_str(&got));
	fuzz_check(textbuf_str(&got));
	textbuf_reset(&got);
	loop_del(fuzz_loop, client);
	close(fd);
	control_close(c);
	engine_free(e);
	return 0;
}
