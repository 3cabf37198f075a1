/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpris: org.mpris.MediaPlayer2 on the session bus (sd-bus), a front end
 * beside the control socket: the desktop's media keys and panels,
 * playerctl, and phones through KDE Connect or GSConnect. It goes through
 * engine.h alone and takes its texts from status.h. */
#ifndef MPRIS_H
#define MPRIS_H

#include <poll.h>

#include "core/engine.h"

struct mpris;

/* Owns org.mpris.MediaPlayer2.NAME (mpris.name; taken already: NAME.
 * instance<PID>) on the session bus. NULL when mpris.enable is "no", when
 * "auto" finds no session bus (quietly: the system service has none), or
 * when "yes" cannot (with a warning). mpris.* are read here only: a
 * reload does not change them. */
struct mpris *mpris_open(struct engine *e);
void	mpris_close(struct mpris *m);

/* The bus's fd and the events it waits for into *pfd, and *timeout (ms,
 * as poll() takes it) lowered to when the bus wants to be called again:
 * 0 when there is no bus (m NULL or lost), 1 when *pfd is set. */
int	mpris_pollfd(struct mpris *m, struct pollfd *pfd, int *timeout);
/* the fd mpris_pollfd gave, -1 when none */
int	mpris_fd(const struct mpris *m);
/* After each round of the main loop: the bus's messages handled (method
 * calls run engine commands), then PropertiesChanged for what changed. A
 * bus that went away is logged and let go. */
void	mpris_check(struct mpris *m);

#endif
