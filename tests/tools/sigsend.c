/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigsend SIG PID [COUNT]: send a signal and print the CLOCK_MONOTONIC time
 * (ns) taken immediately before kill(2). The time is printed after the kill,
 * so that neither the printing nor the shell's fork of `monotime` sits
 * between the timestamp and the trigger. SIG is a name (USR1, SIGUSR1) or a
 * number. COUNT (1) sends it that many times back to back: a burst; the
 * time is that of the first. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <time.h>

#include "tool.h"

static const struct { const char *name; int sig; } sigs[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },
	{ "TERM", SIGTERM }, { "CONT", SIGCONT }, { "STOP", SIGSTOP },
	{ "ALRM", SIGALRM },
};

static int parse_sig(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s && !*end)
		return n > 0 && n < NSIG ? (int)n : -1;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (strcasecmp(s, sigs[i].name) == 0)
			return sigs[i].sig;
	return -1;
}

int main(int argc, char **argv)
{
	long long t;
	int sig;
	long pid, count = 1, i;

	if ((argc != 3 && argc != 4) || (sig = parse_sig(argv[1])) < 0 ||
	    (pid = atol(argv[2])) <= 0 || (argc == 4 && (count = atol(argv[3])) <= 0)) {
		fprintf(stderr, "usage: sigsend SIG PID [COUNT]\n");
		return 64;
	}
	t = tool_mono_ns();
	for (i = 0; i < count; i++) {
		if (kill((pid_t)pid, sig) < 0) {
			perror("sigsend: kill");
			return 1;
		}
	}
	printf("%lld\n", t);
	return 0;
}
