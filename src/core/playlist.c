/* SPDX-License-Identifier: GPL-3.0-or-later */
/* playlist: position logic, kept apart from the event loop so that it is
 * unit-tested on its own. */
#include "core/playlist.h"

void
playlist_init(struct playlist *pl, size_t n, size_t next, bool loop)
{
	pl->n = n;
	pl->next = next < n ? next : n;
	pl->current = PLAYLIST_NONE;
	pl->loop = loop;
}

size_t
playlist_peek(const struct playlist *pl)
{
	if (pl->n == 0)
		return PLAYLIST_NONE;
	if (pl->next < pl->n)
		return pl->next;
	return pl->loop ? 0 : PLAYLIST_NONE;
}

void
playlist_started(struct playlist *pl, size_t index)
{
	if (index >= pl->n)
		return;
	pl->current = index;
	pl->next = index + 1;
}

void
playlist_failed(struct playlist *pl, size_t index)
{
	if (index < pl->n)
		pl->next = index;
}

size_t
playlist_current(const struct playlist *pl)
{
	return pl->current;
}

size_t
playlist_next(const struct playlist *pl)
{
	return pl->next;
}

bool
playlist_at_end(const struct playlist *pl)
{
	return pl->next >= pl->n;
}

size_t
playlist_replay(const struct playlist *pl)
{
	return pl->current != PLAYLIST_NONE ? pl->current : playlist_peek(pl);
}

size_t
playlist_prev(const struct playlist *pl)
{
	size_t at = pl->current != PLAYLIST_NONE ? pl->current : pl->next;

	if (pl->n == 0)
		return PLAYLIST_NONE;
	if (at >= pl->n)
		return pl->n - 1;
	return at > 0 ? at - 1 : 0;
}

void
playlist_reset(struct playlist *pl, size_t n, size_t next, size_t current,
    bool loop)
{
	pl->n = n;
	pl->next = next < n ? next : n;
	pl->current = current < n ? current : PLAYLIST_NONE;
	pl->loop = loop;
}

void
playlist_rewind(struct playlist *pl)
{
	pl->next = 0;
}
