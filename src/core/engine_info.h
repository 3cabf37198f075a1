/* SPDX-License-Identifier: GPL-3.0-or-later */
/* engine_info: the countdown's state in numbers, as the engine reports it
 * (engine_info()) and status.h puts it into words. A header of its own, so
 * that status, which the engine uses for its texts, needs nothing else of
 * the engine's. */
#ifndef ENGINE_INFO_H
#define ENGINE_INFO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/playlist.h"

enum engine_state {
	ENGINE_IDLE,		/* nothing plays */
	ENGINE_STARTING,	/* an entry waits for its clip to be made */
	ENGINE_PLAYING,
	ENGINE_PAUSED,
};

/* the status in numbers: what plays and what is next */
struct engine_info {
	enum engine_state state;
	size_t		 nentries;	/* in the script */
	size_t		 current;	/* the entry starting, playing or paused;
					 * PLAYLIST_NONE when idle */
	double		 elapsed;	/* seconds of current's clip played */
	double		 total;		/* its length; 0 while starting (no clip yet) */
	size_t		 next;		/* what next (or the schedule) plays;
					 * PLAYLIST_NONE at the end */
	bool		 queued;	/* on_busy "queue": next plays when current ends */
	double		 due;		/* when the schedule plays it (seconds
					 * since the epoch); -1 none, or busy */
	double		 now;		/* the time these numbers were read */
	bool		 can_next;	/* engine_next would start an entry (not
					 * at the end, or schedule.loop) */
	bool		 can_prev;	/* engine_prev would start an entry other
					 * than the current one */
	size_t		 skipped;	/* the entry last skipped (too long, or
					 * the speech failed) since one played;
					 * PLAYLIST_NONE when none */
	bool		 skipped_speech;	/* ... because the speech failed */
};

#endif
