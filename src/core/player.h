/* SPDX-License-Identifier: GPL-3.0-or-later */
/* player: one clip at a time on a sink — start, stop, pause, resume, and
 * how far it got. The audio thread only copies samples and raises a flag;
 * the main thread learns of the end through player_fd(). */
#ifndef PLAYER_H
#define PLAYER_H

#include <stdatomic.h>
#include <stdbool.h>

#include "core/conf.h"
#include "output/sink.h"
#include "speech/clip.h"

enum player_state { PLAYER_IDLE, PLAYER_PLAYING, PLAYER_PAUSED };

/* what became of the clip, asked when player_fd() is readable */
enum player_outcome { PLAYER_NOTHING, PLAYER_ENDED, PLAYER_FAILED };

struct player {
	struct sink		*sink;
	struct clip		*clip;		/* on the sink, or NULL */
	enum player_state	 state;
	atomic_size_t		 pos;		/* next sample the sink gets */
	atomic_bool		 done;		/* the stream stopped by itself */
	int			 efd;		/* written when done is raised */
};

int	player_init(struct player *p, const struct conf *c);
void	player_free(struct player *p);
/* The output of a new config, while idle: -1 (the old one stays) when it
 * cannot be set up. */
int	player_set_output(struct player *p, const struct conf *c);
/* Play clip from its start (the player owns it from then on). -1 when the
 * device cannot play: the clip is left with the caller. */
int	player_play(struct player *p, struct clip *clip);
/* Stop at once and drop the clip. */
void	player_stop(struct player *p);
int	player_pause(struct player *p);
int	player_resume(struct player *p);
int	player_fd(const struct player *p);
/* After player_fd() was readable: did the clip end, or the device fail? */
enum player_outcome player_check(struct player *p);
/* After a failure: close the device and look for devices afresh. */
void	player_reset(struct player *p);
double	player_elapsed(const struct player *p);
enum player_state player_state(const struct player *p);
/* the length of the clip on the sink in seconds; 0 when idle */
double	player_length(const struct player *p);
/* The clip that has just played out and, in *start, the frame of the
 * output's file it begins at: NULL when idle, or when the output holds
 * less than the clip (a device holds nothing). */
const struct clip *player_recorded(const struct player *p, size_t *start);
/* open the output and close it again: 0 when a device answers (the
 * stream is opened again for each play) */
int	player_probe(struct player *p);

#endif
