/* SPDX-License-Identifier: GPL-3.0-or-later */
/* notify_listen PATH: a stand-in for systemd's NOTIFY_SOCKET. Binds a unix
 * datagram socket at PATH ("@name" for the abstract namespace, as systemd
 * allows) and prints every line of every datagram as "MONO_NS LINE", the
 * time being CLOCK_MONOTONIC when the datagram was received, so tests can
 * check READY=1, STATUS=, RELOADING=1, STOPPING=1 and time the start-up.
 * Prints "MONO_NS listening PATH" once bound. Exits 0 on SIGTERM/SIGINT and
 * removes the socket file. */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "tool.h"


int main(int argc, char **argv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	static char buf[65536];
	socklen_t salen;
	size_t len;
	int fd;

	if (argc != 2 || (len = strlen(argv[1])) == 0 || len >= sizeof sa.sun_path) {
		fprintf(stderr, "usage: notify_listen PATH\n");
		return 64;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	tool_catch_stop();	/* it interrupts recv() */

	memcpy(sa.sun_path, argv[1], len);
	if (sa.sun_path[0] == '@')
		sa.sun_path[0] = '\0';
	else
		unlink(argv[1]);
	salen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, salen) < 0) {
		perror("notify_listen");
		return 1;
	}
	printf("%lld listening %s\n", tool_mono_ns(), argv[1]);

	while (!tool_stop) {
		ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
		long long t = tool_mono_ns();

		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("notify_listen: recv");
			break;
		}
		buf[n] = '\0';
		/* a datagram holds newline-separated assignments */
		for (char *line = buf, *nl; *line; line = nl) {
			nl = strchr(line, '\n');
			if (nl)
				*nl++ = '\0';
			else
				nl = line + strlen(line);
			if (*line)
				printf("%lld %s\n", t, line);
		}
	}
	if (argv[1][0] != '@')
		unlink(argv[1]);
	return tool_stop ? 0 : 1;
}
