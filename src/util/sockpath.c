/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sockpath: the control socket's default places (see sockpath.h). */
#include "util/sockpath.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

static const char *
sockpath_env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* 0 when path fits in len and in a socket address */
static int
sockpath_fits(int n, size_t len)
{
	struct sockaddr_un sun;

	return n < 0 || (size_t)n >= len || (size_t)n >= sizeof sun.sun_path ?
	    -1 : 0;
}

int
sockpath_daemon(char *buf, size_t len)
{
	const char *dir;
	int n, kind;

	if ((dir = sockpath_env("RUNTIME_DIRECTORY")) != NULL) {
		/* several RuntimeDirectory= are joined with ':': the first */
		n = snprintf(buf, len, "%.*s/control", (int)strcspn(dir, ":"), dir);
		kind = SOCKPATH_SERVICE;
	} else if ((dir = sockpath_env("XDG_RUNTIME_DIR")) != NULL) {
		n = snprintf(buf, len, "%s/countdownd.sock", dir);
		kind = SOCKPATH_SESSION;
	} else if (geteuid() == 0) {
		n = snprintf(buf, len, SOCKPATH_RUN_DIR "/control");
		kind = SOCKPATH_RUN;
	} else {
		n = snprintf(buf, len, "/tmp/countdownd-%u/control",
		    (unsigned)geteuid());
		kind = SOCKPATH_PRIVATE;
	}
	return sockpath_fits(n, len) == 0 ? kind : -1;
}

/* add a place when it fits */
static void
sockpath_add(char places[][SOCKPATH_LEN], size_t *n, size_t max,
    const char *fmt, ...)
{
	va_list ap;
	int len;

	if (*n >= max)
		return;
	va_start(ap, fmt);
	len = vsnprintf(places[*n], SOCKPATH_LEN, fmt, ap);
	va_end(ap);
	if (sockpath_fits(len, SOCKPATH_LEN) == 0)
		(*n)++;
}

size_t
sockpath_places(char places[][SOCKPATH_LEN], size_t max)
{
	const char *xdg = sockpath_env("XDG_RUNTIME_DIR");
	size_t n = 0;

	if (xdg) {
		sockpath_add(places, &n, max, "%s/countdownd/control", xdg);
		sockpath_add(places, &n, max, "%s/countdownd.sock", xdg);
	}
	if (geteuid() != 0)
		sockpath_add(places, &n, max, "/tmp/countdownd-%u/control",
		    (unsigned)geteuid());
	sockpath_add(places, &n, max, "%s/control", SOCKPATH_RUN_DIR);
	return n;
}
