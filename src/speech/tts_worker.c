/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tts_worker: starting, reading and ending a speech worker. */
#include "speech/tts_worker.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/limits.h"
#include "speech/tts.h"

#ifndef COUNTDOWND_LIBEXECDIR
#define COUNTDOWND_LIBEXECDIR "/usr/local/libexec/countdownd"
#endif
#define TTS_WORKER	"countdownd-speech"

/* what the worker's environment keeps of the daemon's: eSpeak NG's data
 * folder, and the test build's sanitizer settings and fault word */
static const char *const tts_worker_env_kept[] = {
	"ESPEAK_DATA_PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS",
	"COUNTDOWND_SPEECH_FAULT",
};

/* next to the daemon's own executable (a build tree), else installed */
char *
tts_worker_path(void)
{
	char self[PATH_MAX], *slash, *path;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL &&
		    asprintf(&path, "%.*s/%s", (int)(slash - self), self,
		    TTS_WORKER) != -1) {
			if (access(path, X_OK) == 0)
				return path;
			free(path);
		}
	}
	return strdup(COUNTDOWND_LIBEXECDIR "/" TTS_WORKER);
}

static char **
tts_worker_env(void)
{
	size_t i, n = 0, max = sizeof tts_worker_env_kept / sizeof *tts_worker_env_kept;
	char **env = calloc(max + 1, sizeof *env);

	for (i = 0; env && i < max; i++) {
		const char *v = getenv(tts_worker_env_kept[i]);

		if (v && asprintf(&env[n], "%s=%s", tts_worker_env_kept[i], v) != -1)
			n++;
	}
	return env;
}

static void
tts_worker_env_free(char **env)
{
	size_t i;

	for (i = 0; env && env[i]; i++)
		free(env[i]);
	free(env);
}

/* the worker's socket as fd 3, /dev/null as stdin and stdout, stderr the
 * daemon's (its rare complaints belong in the same log), all signals
 * unblocked and at their defaults, a process group of its own (a
 * terminal's ^C is the daemon's to handle) */
static int
tts_worker_spawn(struct tts_worker *t, const char *path)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, all;
	char *argv[] = { TTS_WORKER, NULL }, **env = tts_worker_env();
	int sv[2], rc;

	if (env == NULL || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		tts_worker_env_free(env);
		snprintf(t->cause, sizeof t->cause, "cannot be started: %s",
		    strerror(errno));
		return -1;
	}
	if (sv[1] == SPEECH_FD) {	/* dup2 onto itself would keep CLOEXEC */
		int fd = fcntl(sv[1], F_DUPFD_CLOEXEC, SPEECH_FD + 1);

		close(sv[1]);
		sv[1] = fd;
	}
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, sv[1], SPEECH_FD);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
	    POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setpgroup(&attr, 0);
	rc = posix_spawn(&t->pid, path, &fa, &attr, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	tts_worker_env_free(env);
	close(sv[1]);
	if (rc != 0) {
		close(sv[0]);
		t->pid = 0;
		snprintf(t->cause, sizeof t->cause, "cannot be started (%s): %s",
		    path, strerror(rc));
		return -1;
	}
	t->fd = sv[0];
	fcntl(t->fd, F_SETFL, O_NONBLOCK);
	return 0;
}

static void
tts_worker_signal(char *buf, size_t len, int sig)
{
	const char *abbrev = sigabbrev_np(sig);

	if (abbrev)
		snprintf(buf, len, "SIG%s", abbrev);
	else
		snprintf(buf, len, "signal %d", sig);
}

/* The worker is done for: killed (it may be stopped or looping), reaped,
 * and the cause said, unless the keeper has given one already. */
void
tts_worker_reap(struct tts_worker *t, bool killed)
{
	char sig[32];
	int status;

	if (t->pid == 0)
		return;
	kill(t->pid, SIGKILL);
	while (waitpid(t->pid, &status, 0) == -1 && errno == EINTR)
		;
	close(t->fd);
	t->pid = 0;
	t->fd = -1;
	if (killed)
		return;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		snprintf(t->cause, sizeof t->cause, "was killed (SIGKILL)");
	else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS)
		snprintf(t->cause, sizeof t->cause, "tried a system call outside "
		    "its sandbox (SIGSYS)");
	else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
		snprintf(t->cause, sizeof t->cause, "used up its CPU time (SIGXCPU)");
	else if (WIFSIGNALED(status)) {
		tts_worker_signal(sig, sizeof sig, WTERMSIG(status));
		snprintf(t->cause, sizeof t->cause, "crashed (%s)", sig);
	} else
		snprintf(t->cause, sizeof t->cause, "exited with status %d",
		    WEXITSTATUS(status));
}

void
tts_worker_fault(struct tts_worker *t, const char *cause)
{
	snprintf(t->cause, sizeof t->cause, "%s", cause);
	tts_worker_reap(t, true);
}

enum tts_wait
tts_worker_wait(int fd, int kick, int ms)
{
	struct pollfd p[2] = {
		{ .fd = fd, .events = POLLIN },
		{ .fd = kick, .events = POLLIN },
	};
	eventfd_t v;
	int n;

	while ((n = poll(p, 2, ms)) == -1 && errno == EINTR)
		;
	if (n <= 0)
		return TTS_TIMEOUT;
	if (p[1].revents) {
		eventfd_read(kick, &v);
		return TTS_KICKED;
	}
	return TTS_READABLE;
}

int
tts_worker_recv(struct tts_worker *t, void *buf, size_t n)
{
	char *p = buf;

	while (n > 0) {
		ssize_t r = read(t->fd, p, n);

		if (r > 0) {
			p += r, n -= (size_t)r;
			continue;
		}
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1 && errno == EAGAIN) {
			if (tts_worker_wait(t->fd, -1, TTS_HANG_MS) == TTS_READABLE)
				continue;
			tts_worker_fault(t, "hung (no progress in " TTS_HANG_TEXT ")");
			return -1;
		}
		tts_worker_reap(t, false);	/* the end of the socket: it died */
		return -1;
	}
	return 0;
}

int
tts_worker_recv_frame(struct tts_worker *t, struct speech_frame *f,
    void *buf, size_t max)
{
	if (tts_worker_recv(t, f, sizeof *f) == -1)
		return -1;
	if (!speech_frame_valid(f) || f->len > max) {
		tts_worker_fault(t, "sent garbage");
		return -1;
	}
	return tts_worker_recv(t, buf, f->len);
}

int
tts_worker_start(struct tts_worker *t, const char *path, unsigned *rate,
    struct tts_voices *vs)
{
	struct speech_frame f;
	uint32_t head[2];
	char *voices = NULL;

	if (tts_worker_spawn(t, path) == -1 || tts_worker_recv(t, &f, sizeof f) == -1)
		return -1;
	if (f.type != SPEECH_HELLO || !speech_frame_valid(&f) ||
	    f.len > TTS_HELLO_MAX) {
		tts_worker_fault(t, "sent garbage");
		return -1;
	}
	if ((voices = malloc(f.len - sizeof head + 1)) == NULL) {
		tts_worker_fault(t, "cannot be started: out of memory");
		return -1;
	}
	if (tts_worker_recv(t, head, sizeof head) == -1 ||
	    tts_worker_recv(t, voices, f.len - sizeof head) == -1)
		goto fail;
	if (head[0] != SPEECH_VERSION || head[1] < 8000 || head[1] > 48000 ||
	    (*rate && head[1] != *rate)) {
		tts_worker_fault(t, "is not this countdownd's (another version?)");
		goto fail;
	}
	if (*rate == 0 && !tts_voices_read(vs, voices, f.len - sizeof head)) {
		tts_worker_fault(t, "sent garbage");
		goto fail;
	}
	*rate = head[1];
	free(voices);
	return 0;
fail:
	free(voices);
	return -1;
}
