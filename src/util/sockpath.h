/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sockpath: where the control socket is when control.socket is not set.
 * Shared by countdownd and countdownctl (which links libc and this alone),
 * so that the client looks where the daemon listens, in the same order. */
#ifndef SOCKPATH_H
#define SOCKPATH_H

#include <stddef.h>

#define SOCKPATH_RUN_DIR	"/run/countdownd"
#define SOCKPATH_MAX_PLACES	4
#define SOCKPATH_LEN		108	/* a socket address's sun_path on Linux */

/* where the daemon's default socket is, and whose its folder is to make */
enum sockpath_kind {
	SOCKPATH_SERVICE,	/* $RUNTIME_DIRECTORY/control: systemd made it */
	SOCKPATH_SESSION,	/* $XDG_RUNTIME_DIR/countdownd.sock: the session's */
	SOCKPATH_RUN,		/* /run/countdownd/control: root makes it, 0755 */
	SOCKPATH_PRIVATE	/* /tmp/countdownd-UID/control: the user's, 0700 */
};

/* The daemon's socket: $RUNTIME_DIRECTORY/control, else
 * $XDG_RUNTIME_DIR/countdownd.sock, else /run/countdownd/control for root,
 * else /tmp/countdownd-UID/control. Its kind, or -1 when the path does not
 * fit in len or in a socket address. */
int	sockpath_daemon(char *buf, size_t len);
/* The places the client tries, in order: the user unit's
 * $XDG_RUNTIME_DIR/countdownd/control, then the daemon's order (the
 * session's, the private folder or /run/countdownd), then the system
 * service's /run/countdownd/control. Paths that do not fit are left out.
 * Returns how many were written to places (at most SOCKPATH_MAX_PLACES). */
size_t	sockpath_places(char places[][SOCKPATH_LEN], size_t max);

#endif
