/* SPDX-License-Identifier: GPL-3.0-or-later */
/* conf_child: the syntax check in a short-lived child, which contains what
 * libconfig 1.5 does wrong on a bad file (leaks, exit(), crashes, hangs)
 * at the cost of a refused load. */
#include "core/conf_priv.h"

#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "core/limits.h"

/* libconfig's scanner calls exit() when a read fails: in the child, none
 * of the parent's atexit handlers (a sanitizer's leak check, a fuzzer's
 * report) and none of its stdio buffers may run or be flushed */
static void
conf_child_exit(void)
{
	_exit(2);
}

/* The syntax check's child: writes "0" to fd when libconfig reads fp, else
 * "1" and the error, then kills itself. No exit of any kind: an exit-time
 * check (a sanitizer's, valgrind's) would count the parent's memory, whose
 * threads are not here, and report it lost. */
static noreturn void
conf_child_run(FILE *fp, const char *path, const char *dir, int fd)
{
	char msg[PIPE_BUF] = "0";	/* written whole, read whole */
	config_t cfg;

	atexit(conf_child_exit);	/* the last registered runs first */
	conf_init_libconfig(&cfg, dir);
	if (config_read(&cfg, fp) != CONFIG_TRUE) {
		msg[0] = '1';
		conf_parse_error(&cfg, path, msg + 1, sizeof msg - 1);
	}
	if (write(fd, msg, strlen(msg)) == -1)
		_exit(2);
	kill(getpid(), SIGKILL);
	_exit(2);
}

/*
 * libconfig 1.5 leaks on a syntax error whose culprit is a string: its
 * parser drops the string token it has just read without freeing it, so a
 * 60 KB string before a typo cost a running daemon 60 KB on every refused
 * reload, for ever. Here a short-lived child parses the file first and its
 * memory, leak and all, goes with it; the caller parses only a file the
 * child read whole, and a syntax error the daemon never parses cannot leak.
 * Whatever else libconfig does wrong on a bad file costs a refused load,
 * not the daemon: its scanner calls exit(2) when a read fails (@include ""
 * opens the folder), it may crash, or an @include of a FIFO may hang.
 *
 * 0 when the child read fp whole (or none could be started: then the
 * caller reads it as before), fp rewound; else EX_CONFIG with
 * "FILE:LINE: message" in err.
 */
int
conf_child_check(FILE *fp, const char *path, const char *dir, char *err,
    size_t errlen)
{
	struct pollfd pfd;
	ssize_t n = 0;
	pid_t pid;
	int p[2], status, ready;

	if (pipe2(p, O_CLOEXEC) == -1)
		return 0;
	if ((pid = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		return 0;
	}
	if (pid == 0) {
		close(p[0]);
		conf_child_run(fp, path, dir, p[1]);
	}
	close(p[1]);
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	while ((ready = poll(&pfd, 1, CONF_CHECK_SECONDS * 1000)) == -1 &&
	    errno == EINTR)
		;
	if (ready == 1 && (n = read(p[0], err, errlen - 1)) < 0)
		n = 0;
	err[n] = '\0';
	close(p[0]);
	if (ready != 1)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (ready != 1)
		snprintf(err, errlen, "%s: not read within %d s (an @include of "
		    "a FIFO or device?)", path, CONF_CHECK_SECONDS);
	else if (n == 1 && err[0] == '0') {
		err[0] = '\0';
		rewind(fp);	/* the child read through the same offset */
		return 0;
	} else if (n > 1 && err[0] == '1')
		memmove(err, err + 1, (size_t)n);	/* its NUL too */
	else
		/* libconfig's scanner exits on a read error (an @include of a
		 * folder: "input in flex scanner failed", its own line above) */
		snprintf(err, errlen, "%s: libconfig gave up reading it (%s %d)",
		    path, WIFSIGNALED(status) ? "signal" : "exit status",
		    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	return EX_CONFIG;
}
