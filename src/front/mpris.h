/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpris: org.mpris.MediaPlayer2 on the session bus (sd-bus), a front end
 * beside the control socket: the desktop's media keys and panels,
 * playerctl, and phones through KDE Connect or GSConnect. It goes through
 * engine.h alone and takes its texts from status.h. */
#ifndef MPRIS_H
#define MPRIS_H

#include "core/engine.h"

struct mpris;
struct loop;

/* Owns org.mpris.MediaPlayer2.NAME (mpris.name; taken already: NAME.
 * instance<PID>) on the session bus, served on l: the bus's fd with the
 * events and timeout sd-bus asks for, its messages handled and
 * PropertiesChanged sent after each round. NULL when mpris.enable is
 * "no", when "auto" finds no session bus (quietly: the system service has
 * none), or when "yes" cannot (with a warning). mpris.* are read here
 * only: a reload does not change them. A bus that goes away is logged and
 * let go. */
struct mpris *mpris_open(struct engine *e, struct loop *l);
void	mpris_close(struct mpris *m);

#endif
