/* engine: the running countdown. It owns the config, the script, the
 * playlist position, the synth thread, the player, the schedule timer and
 * the saved position. The main loop feeds it events; it never blocks. */
#ifndef ENGINE_H
#define ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "lexicon.h"
#include "player.h"
#include "playlist.h"
#include "sched.h"
#include "script.h"
#include "tts.h"

struct engine {
	struct conf		 conf;
	struct script		 script;
	struct lexicon		 lexicon;
	struct playlist		 pl;
	struct tts		*tts;
	struct player		 player;
	struct clip		*ready;		/* synthesized ahead, not yet played */
	size_t			 preparing;	/* entry asked of the synth thread, or NONE */
	size_t			 pending;	/* a play waiting for its clip, or NONE */
	bool			 pending_top;	/* ... started by the schedule from the top */
	bool			 queued;	/* on_busy "queue": a next is waiting */
	bool			 output_stale;	/* a reload changed the audio settings */
	struct sched_params	 sp;
	struct sched_state	 ss;
	int			 timerfd;	/* the schedule's next due time */
	double			 announced;	/* the due time last logged */
	int			 deadfd;	/* a playing clip's latest end */
	unsigned long		 plays;		/* entries started so far (control's wait) */
};

/* the status in numbers: what plays and what is next */
struct engine_info {
	const char	*state;		/* "idle", "starting" (its clip is being
					 * made), "playing", "paused" */
	size_t		 current;	/* the entry starting, playing or paused;
					 * PLAYLIST_NONE when idle */
	double		 elapsed;	/* seconds of current's clip played */
	double		 total;		/* its length; 0 while starting */
	size_t		 next;		/* what next (or the schedule) plays;
					 * PLAYLIST_NONE at the end */
	double		 due;		/* when the schedule plays it (seconds
					 * since the epoch); -1 none, or busy */
	double		 now;
};

/* What the engine is made of; the engine takes these over (on success). */
struct engine_parts {
	struct conf	*conf;
	struct script	*script;
	struct lexicon	*lexicon;
};

int	engine_init(struct engine *e, struct engine_parts *parts, struct tts *tts);
void	engine_free(struct engine *e);

/* the fds the main loop polls, and what to call when each is readable */
int	engine_fds(const struct engine *e, int fds[4]);
void	engine_on_fd(struct engine *e, int fd);

/* commands, from signals or the control socket; 0 or -1 with a reason */
int	engine_next(struct engine *e);
int	engine_replay(struct engine *e);
int	engine_goto(struct engine *e, size_t index);
void	engine_stop(struct engine *e);
int	engine_pause(struct engine *e);
int	engine_resume(struct engine *e);
/* swap in a new config, script and lexicon, keeping the position */
void	engine_reload(struct engine *e, struct engine_parts *parts);
/* stop the sound and save the position: the daemon is about to exit */
void	engine_shutdown(struct engine *e);

/* "#10 \"You and I\" by Park Bom", "intro", "honorable mentions" */
void	engine_describe(const struct entry *en, char *buf, size_t len);
void	engine_info(const struct engine *e, struct engine_info *in);
/* The status in words, one formatter for STATUS= and countdownctl status:
 * now "playing 4/12: #8 ...", with "  [######------] 0:21 / 0:43" after
 * it when bar is set; next "next: 5/12: ...; next in 3.0 s". */
void	engine_status_words(const struct engine *e, const struct engine_info *in,
	    bool bar, char *now, size_t nowlen, char *next, size_t nextlen);
/* both in one line, without the bar: "NOW; NEXT" (log, STATUS=) */
void	engine_status(const struct engine *e, char *buf, size_t len);

#endif
