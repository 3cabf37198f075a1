/* SPDX-License-Identifier: GPL-3.0-or-later */
/* engine: the running countdown. It owns the config, the script, the
 * playlist position, the speech worker's work, the player, the schedule
 * timer and the saved position. Its fds are on the main loop (loop.h);
 * it never blocks.
 *
 * The one door for every front end (signals, the control socket, MPRIS):
 * struct engine is opaque; commands say what they did or why not (enum
 * engine_result, one table of messages); what plays is read through
 * engine_info(), the script and config through engine_script() and
 * engine_conf(). The texts about the state are status.h's. */
#ifndef ENGINE_H
#define ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/conf.h"
#include "core/engine_info.h"
#include "core/playlist.h"
#include "speech/tts.h"
#include "text/lexicon.h"
#include "text/script.h"

struct engine;
struct loop;

/* What a command did, or why it did nothing. engine_result_text() has the
 * words, one table for every front end. */
enum engine_result {
	ENGINE_OK,		/* done: an entry started (or starts once its
				 * clip is made), stopped, paused, resumed */
	ENGINE_QUEUED,		/* on_busy "queue": next plays when this ends */
	ENGINE_AT_END,		/* next: the countdown is over */
	ENGINE_NO_REPLAY,	/* replay: nothing played, and it is over */
	ENGINE_EMPTY,		/* prev: the script has no entries */
	ENGINE_NO_ENTRY,	/* goto: no such entry */
	ENGINE_IGNORED_BUSY,	/* next while one plays, on_busy "ignore" */
	ENGINE_NOTHING_PLAYS,	/* pause: nothing is playing */
	ENGINE_ALREADY_PAUSED,	/* pause: it is paused already */
	ENGINE_NOT_PAUSED,	/* resume: nothing is paused */
	ENGINE_NO_AUDIO,	/* the device cannot play; the entry stays next */
	ENGINE_RESUME_FAILED,	/* the device failed on resume */
	ENGINE_TOO_LONG,	/* its speech passed CLIP_MAX_SECONDS while being
				 * made: skipped, the position moved past it */
	ENGINE_SPEECH_FAILED,	/* the speech worker failed on it TTS_TRIES
				 * times: skipped, the position moved past it */
};

/* What the engine is made of; the engine takes these over (on success). */
struct engine_parts {
	struct conf	*conf;
	struct script	*script;
	struct lexicon	*lexicon;
};

/* Its fds (the keeper's and the player's eventfds, the schedule's and the
 * device deadline's timerfds, the position's retry timer) go on l until
 * engine_free. NULL, with the reason logged, when timers or audio cannot
 * be set up. */
struct engine *engine_new(struct engine_parts *parts, struct tts *tts,
	    struct loop *l);
void	engine_free(struct engine *e);

/* Commands, from signals or a front end. Their effects are logged. */
enum engine_result engine_next(struct engine *e);	/* on_busy decides */
enum engine_result engine_replay(struct engine *e);	/* the current (or next) again */
enum engine_result engine_prev(struct engine *e);	/* the one before the current */
enum engine_result engine_goto(struct engine *e, size_t index);	/* 0-based */
enum engine_result engine_stop(struct engine *e);	/* always ENGINE_OK */
enum engine_result engine_pause(struct engine *e);
enum engine_result engine_resume(struct engine *e);
/* a media player's Play: resume when paused, nothing while an entry plays
 * or starts, else next */
enum engine_result engine_resume_or_next(struct engine *e);
/* its PlayPause: pause while an entry plays, else engine_resume_or_next */
enum engine_result engine_play_pause(struct engine *e);

/* The words for a result: "the countdown is over (\"goto 1\" starts it
 * again)"; ENGINE_IGNORED_BUSY names the entry playing, so e is asked. */
const char *engine_result_text(const struct engine *e, enum engine_result r,
	    char *buf, size_t len);
/* What kind of refusal it is: "state" (not now), "range" (no such
 * entry), "audio" (the device), "length" (an entry too long to play) or
 * "speech" (eSpeak NG failed on it),
 * the control protocol's ERR code; "ok"
 * for ENGINE_OK and ENGINE_QUEUED. */
const char *engine_result_kind(enum engine_result r);

/* swap in a new config, script and lexicon, keeping the position */
void	engine_reload(struct engine *e, struct engine_parts *parts);
/* stop the sound and save the position: the daemon is about to exit */
void	engine_shutdown(struct engine *e);
/* open the audio output and close it again: 0 when a device answers */
int	engine_probe_output(struct engine *e);

void	engine_info(const struct engine *e, struct engine_info *in);
const struct script *engine_script(const struct engine *e);
const struct conf *engine_conf(const struct engine *e);

/* "Wait until this entry is over" (countdownctl wait): false when nothing
 * plays or is starting (it is over already); else true with a ticket that
 * engine_wait_over() is asked about after each round of the main loop. An
 * entry still being made counts as the one waited for. */
bool	engine_wait_ticket(const struct engine *e, unsigned long *ticket);
bool	engine_wait_over(const struct engine *e, unsigned long ticket);

/* A number that grows whenever what engine_info() says may have changed
 * (a play, an end, a pause, a resume, a stop, a reload, the schedule
 * re-planned): a front end that shows the state (MPRIS) keeps the last
 * one it saw, compares after each round of the main loop, and reads
 * engine_info() again when it differs. Not every step is a real change. */
unsigned long engine_changes(const struct engine *e);

#endif
