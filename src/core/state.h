/* SPDX-License-Identifier: GPL-3.0-or-later */
/* state: the saved position, the entry the next play starts.
 *
 * The daemon saves it after each entry starts (that entry itself, so that a
 * daemon killed mid-entry plays it again) and ends (the following one, or
 * the end). The file names the entry by index, kind, rank and first title,
 * so that a changed script can be matched:
 *
 *	countdownd-state 1
 *	index 5
 *	kind entry
 *	rank 7
 *	title The Day Before
 *
 * or, for a countdown played to its end, the header and "index end". INDEX
 * counts from 1 like --list; KIND is intro, entry or mentions; TITLE is the
 * first title (of a mentions block: its first item's), empty where there is
 * none. Nothing here is global; no file content makes it misbehave. */
#ifndef STATE_H
#define STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "text/script.h"

struct loop;

#define STATE_TITLE_MAX	256	/* bytes kept of a title, with its NUL */
#define STATE_FILE_MAX	4096	/* a larger file is not a state file */

struct state_pos {
	bool		end;		/* past the last entry: nothing left */
	size_t		index;		/* 0-based; unused when end */
	enum entry_kind	kind;
	int		rank;		/* 0 but for ENTRY_RANKED */
	char		title[STATE_TITLE_MAX];	/* the first title, see below */
};

/* The position of entry i of s; i >= s->nentries is the end. The title is
 * kept as it is saved: at most STATE_TITLE_MAX - 1 bytes, cut at a UTF-8
 * character boundary, control characters made spaces (one line per key). */
void	state_pos_set(struct state_pos *pos, const struct script *s, size_t i);
/* Write pos to path atomically: a temporary file (mode 0600) in the same
 * folder, written, fsynced, renamed over path, the folder fsynced. Returns
 * 0, or -1 with errno set; a failure before the rename leaves the old file
 * as it was and no temporary file behind. */
int	state_save(const char *path, const struct state_pos *pos);
/* Read path. Returns 0 with *pos filled, 1 when there is no file (a first
 * start), -1 when it cannot be read or is not a valid state file, with err
 * saying why ("PATH:3: bad index", "PATH: Permission denied"). */
int	state_load(const char *path, struct state_pos *pos, char *err,
	    size_t errlen);
/* The 0-based entry of s to play next: the saved index when the entry there
 * is still the same (kind, rank, title), else the same entry found
 * elsewhere (the script was reordered), else 0 with *matched false (it was
 * removed: start from the top). The end maps to s->nentries. */
size_t	state_match(const struct state_pos *pos, const struct script *s,
	    bool *matched);

/* The position's writer, on the main loop. Each position handed to it is
 * written at once. One that cannot be (the folder read-only or full) is
 * warned about once, and again only when the reason changes, and tried
 * again every STATE_RETRY_SECONDS (a timerfd on the loop, armed only
 * meanwhile) and by state_writer_flush() on the way out: otherwise it would
 * wait for the next play, and a crash meanwhile would lose it. The success
 * that ends it is logged too. */
#define STATE_RETRY_SECONDS	5.0

struct state_writer;

/* its retry timer on l; NULL, with errno, when it cannot be made */
struct state_writer *state_writer_new(struct loop *l);
void	state_writer_free(struct state_writer *w);
/* Where positions go: the state file, NULL for nowhere (then nothing is
 * written). path is borrowed: a reload hands the new one before the old
 * one is freed. */
void	state_writer_path(struct state_writer *w, const char *path);
/* entry i of s is the position now (i >= s->nentries: the end) */
void	state_writer_save(struct state_writer *w, const struct script *s,
	    size_t i);
/* the daemon is about to exit: a last try of a position that waits */
void	state_writer_flush(struct state_writer *w);

#endif
