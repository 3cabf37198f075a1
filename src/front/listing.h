/* SPDX-License-Identifier: GPL-3.0-or-later */
/* listing: the one-shot commands that print the countdown (--list,
 * --narration, --explain) instead of running the daemon; --render is
 * render.h's. */
#ifndef LISTING_H
#define LISTING_H

#include <stdio.h>

#include "core/conf.h"
#include "text/lexicon.h"
#include "text/script.h"

/* INDEX KIND RANK TITLES CREDIT YEARS, tab-separated, one line an entry */
void	listing_entries(FILE *fp, const struct script *s);
/* "--- INDEX KIND RANK", then the text to be spoken, one segment a line */
int	listing_narration(FILE *fp, const struct script *s, const struct conf *c,
	    const struct lexicon *lx);

/* --explain: script_opts' took, one line "LINE: ROLE[ WHAT]: TEXT" on the
 * FILE * arg for each line of the script as it is read (WHAT: a header's
 * rank, titles, years and credit; a mention's), and its warn, "LINE:
 * warning: MSG" among them */
void	listing_explain_line(void *arg, const struct script_took *t);
void	listing_explain_warn(void *arg, int line, const char *msg);

#endif
