/* SPDX-License-Identifier: GPL-3.0-or-later */
/* playlist: which entry plays next. Pure logic over indices (0-based). */
#ifndef PLAYLIST_H
#define PLAYLIST_H

#include <stdbool.h>
#include <stddef.h>

#define PLAYLIST_NONE ((size_t)-1)

struct playlist {
	size_t	n;		/* entries */
	size_t	next;		/* the entry the next play starts; n = at the end */
	size_t	current;	/* the entry playing or last played, or NONE */
	bool	loop;		/* after the last entry, start again at the top */
};

void	playlist_init(struct playlist *pl, size_t n, size_t next, bool loop);
/* the entry a "next" would play, or NONE at the end without loop */
size_t	playlist_peek(const struct playlist *pl);
/* an entry starts playing: it becomes current, the one after it next */
void	playlist_started(struct playlist *pl, size_t index);
/* an entry could not play to its end: it stays next, so nothing is skipped */
void	playlist_failed(struct playlist *pl, size_t index);
/* the entry playing or last played, or NONE */
size_t	playlist_current(const struct playlist *pl);
/* the entry the next play starts, n past the last one (loop or not: a
 * reload matches this against the new script) */
size_t	playlist_next(const struct playlist *pl);
/* the last entry has played: the countdown is over (or, with loop, starts
 * again at the top) */
bool	playlist_at_end(const struct playlist *pl);
/* the entry a "replay" plays: the current one, else the next */
size_t	playlist_replay(const struct playlist *pl);
/* the entry before the current one (the first one stays first) */
size_t	playlist_prev(const struct playlist *pl);
/* a reload: n entries now, next and current (NONE, or one not below n,
 * for none) where the same entries are in the new script */
void	playlist_reset(struct playlist *pl, size_t n, size_t next, size_t current,
	    bool loop);
/* the schedule starts the countdown again: the first entry is next */
void	playlist_rewind(struct playlist *pl);

#endif
