/* SPDX-License-Identifier: GPL-3.0-or-later */
/* script_priv: what script.c and script_csv.c share to build a struct
 * script and to tell what they read (script_opts' warn and took). */
#ifndef SCRIPT_PRIV_H
#define SCRIPT_PRIV_H

#include <stddef.h>

#include "text/script.h"
#include "util/log.h"

/* a countdown longer than this is a mistake, and the bound keeps the
 * duplicate check a flat table instead of a search */
#define SCRIPT_RANK_MAX		9999

/* Room for element n of an array of cap elements: the array itself, a
 * larger copy of it, or NULL (with arr untouched) when memory is out. */
void	*script_grow(void *arr, size_t *cap, size_t n, size_t size);
/* The room of the arrays a script is built in: its entries, and the
 * titles and paragraphs of its last entry. */
struct script_room {
	size_t	entries, titles, paragraphs;
};
/* A new entry at the end of s, zeroed but for kind and line (the room of
 * its titles and paragraphs none yet); NULL when memory is out. */
struct entry *script_new_entry(struct script *s, struct script_room *r,
	    enum entry_kind kind, int line);
/* A new title at the end of e's, zeroed; NULL when memory is out. */
struct title *script_new_title(struct entry *e, struct script_room *r);
/* text as e's next paragraph (taken over); -1 when memory is out (text
 * still the caller's). */
int	 script_add_paragraph(struct entry *e, struct script_room *r,
	    char *text);
/* A copy of s with its runs of space (control characters included) made
 * one space, trimmed; NULL when memory is out. */
char	*script_clean(const char *s, size_t len);
/* opts->took of one line, when there is one */
void	 script_tell(const struct script_opts *opts, int line,
	    enum script_role role, const char *text, size_t len,
	    const struct entry *e, const struct title *t);
/* opts->warn of one line, when there is one */
void	 script_warn(const struct script_opts *opts, int line,
	    const char *fmt, ...) LOG_PRINTF(3, 4);

#endif
