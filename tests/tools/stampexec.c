/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stampexec FILE CMD [ARG...]: write CLOCK_MONOTONIC in ns to FILE, then
 * exec CMD. The time is taken immediately before execvp(2), so a benchmark
 * that triggers by starting a program (countdownctl next, spd-say,
 * espeak-ng from cold, the daemon's own start-up) counts the program's whole
 * start (loading, linking, connecting) and none of the shell's fork. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tool.h"

int main(int argc, char **argv)
{
	char buf[32];
	int fd, n;

	if (argc < 3) {
		fprintf(stderr, "usage: stampexec FILE CMD [ARG...]\n");
		return 64;
	}
	if ((fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
		perror(argv[1]);
		return 1;
	}
	n = snprintf(buf, sizeof buf, "%lld\n", tool_mono_ns());
	if (write(fd, buf, (size_t)n) != n) {
		perror(argv[1]);
		return 1;
	}
	close(fd);
	execvp(argv[2], argv + 2);
	fprintf(stderr, "stampexec: %s: %s\n", argv[2], strerror(errno));
	return 127;
}
