/* SPDX-License-Identifier: GPL-3.0-or-later */
/* control_table: the control commands, each with its argument (NULL for
 * none) and its help line. The one list of them: the daemon's table
 * (control_cmd.c, where NAME runs control_cmd_NAME) and countdownctl, which
 * refuses a command the daemon does not know, or one without the argument it
 * needs, before it connects, are both made from it. Macros only, so the
 * client links none of the daemon's code. */
#ifndef CONTROL_TABLE_H
#define CONTROL_TABLE_H

/* X(NAME, ARG, HELP) for each command, in help's order */
#define CONTROL_COMMANDS(X)						\
	X(next, NULL, "play the next entry")				\
	X(replay, NULL, "play the current (or last) entry again")	\
	X(prev, NULL, "play the entry before the current one")		\
	X(goto, "INDEX|#RANK", "play entry INDEX, or the entry of rank RANK") \
	X(stop, NULL, "stop the sound")					\
	X(pause, NULL, "pause the entry playing")			\
	X(resume, NULL, "resume it from where it paused")		\
	X(play, NULL, "resume when paused, else (when nothing plays) "	\
	    "the next entry")						\
	X(playpause, NULL, "pause when playing, else play")		\
	X(status, NULL, "what plays, what is next and when")		\
	X(list, NULL, "the entries")					\
	X(reload, NULL, "reload config and script (as SIGHUP)")	\
	X(wait, NULL, "answer when the entry playing ends")		\
	X(help, NULL, "the commands")

#endif
