/* output: the one-shot commands that print or render the countdown
 * (--list, --narration, --render) instead of running the daemon. */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdio.h>

#include "conf.h"
#include "lexicon.h"
#include "script.h"
#include "tts.h"

/* INDEX KIND RANK TITLES CREDIT YEARS, tab-separated, one line an entry */
void	output_list(FILE *fp, const struct script *s);
/* "--- INDEX KIND RANK", then the text to be spoken, one segment a line */
int	output_narration(FILE *fp, const struct script *s, const struct conf *c,
	    const struct lexicon *lx);
/* the whole countdown, entries and pauses and gaps, into a WAV or FLAC */
int	output_render(const char *path, struct tts *tts, const struct script *s,
	    const struct conf *c, const struct lexicon *lx);

#endif
