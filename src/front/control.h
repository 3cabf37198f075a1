/* SPDX-License-Identifier: GPL-3.0-or-later */
/* control: the unix control socket and its line protocol (countdownctl(1)).
 * One command a line; a reply is "key: value" lines ending in "OK" or
 * "ERR CODE MESSAGE". Served on the main loop (loop.h) through one fd (an
 * epoll set of the socket, its clients and their idle timer), and after
 * each of its rounds for the clients that "wait": nothing blocks, and a
 * slow or bad client costs the others nothing. */
#ifndef CONTROL_H
#define CONTROL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/engine.h"
#include "text/script.h"

struct control;
struct loop;

/* reload config and script as SIGHUP does: 0, or -1 when refused */
typedef int (*control_reload_fn)(void *arg);

/* a socket path from control.socket, beside sockpath.h's kinds of default */
#define CONTROL_CONFIGURED	(-2)

/* Where the socket goes: configured (control.socket; NULL for the default
 * of sockpath.h). CONTROL_CONFIGURED or the default's sockpath_kind; -1
 * when it does not fit in a socket address. */
int	control_path(const char *configured, char *buf, size_t len);
/* Listen at control.socket (NULL: the default, its folder made when it is
 * ours to make), mode 0660, served on l. A stale socket there is
 * replaced; a live one (another daemon answers) is left alone. NULL, with
 * a warning, when the socket cannot be made: the daemon runs on without
 * it. */
struct control *control_open(const char *configured, struct engine *e,
	    struct loop *l, control_reload_fn reload, void *arg);
/* Drop the clients, remove the socket, leave the loop. NULL is fine. */
void	control_close(struct control *c);

/* The parts of the protocol without I/O (unit-tested). */

/* Split a line of len bytes (its newline removed, a NUL after it) into a
 * command and an optional argument, in place: 0; 1 for a blank line; -1
 * when the line is not printable ASCII (a NUL byte in it included); -2 when
 * it has more than one argument. */
int	control_split(char *line, size_t len, const char **cmd, const char **arg);
/* goto's argument: "3" is the third entry (as "3/12" in status, INDEX in
 * --list); "#3" the entry of rank 3. 0 and the 0-based index, or -1 with
 * a reason in err. */
int	control_goto_index(const struct script *s, const char *arg, size_t *index,
	    char *err, size_t errlen);

#endif
