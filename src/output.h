/* SPDX-License-Identifier: GPL-3.0-or-later */
/* output: the one-shot commands that print the countdown (--list,
 * --narration) instead of running the daemon; --render is render.h's. */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdio.h>

#include "conf.h"
#include "lexicon.h"
#include "script.h"

/* INDEX KIND RANK TITLES CREDIT YEARS, tab-separated, one line an entry */
void	output_list(FILE *fp, const struct script *s);
/* "--- INDEX KIND RANK", then the text to be spoken, one segment a line */
int	output_narration(FILE *fp, const struct script *s, const struct conf *c,
	    const struct lexicon *lx);

#endif
