/* SPDX-License-Identifier: GPL-3.0-or-later */
/* narrate: a playlist entry -> the segments of text to speak, with pauses.
 * Pure: what --narration prints is exactly what the synthesizer gets. */
#ifndef NARRATE_H
#define NARRATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/conf.h"
#include "text/lexicon.h"
#include "text/script.h"

struct narrate_params {
	const char		*entry_template;	/* announcer.entry */
	double			 after_announcement;	/* seconds */
	double			 between_paragraphs;
	const struct lexicon	*lexicon;		/* NULL: none */
	const char		*mentions;	/* announcer.mentions, said for a
						 * bare mentions heading; NULL:
						 * the lead as written */
	const char		*and;		/* announcer.and: joins titles */
	const char		*item;		/* announcer.item: one mention */
	const char		*number;	/* announcer.number: said for a
						 * '#' before a digit */
	bool			 spoken_only;	/* segments without display
						 * text or map (a length
						 * check needs neither) */
};

struct segment {
	char	*text;		/* clean text, ready for the voice */
	bool	 announcer;	/* spoken in the announcer's voice */
	double	 pause_after;	/* seconds of silence after it */
	char	*display;	/* the same as a reader sees it: the written
				 * words (no lexicon), quote marks kept */
	size_t	*map;		/* for each byte of text and its end, the
				 * offset in display of what it says */
};

struct narration {
	struct segment	*segs;
	size_t		 nsegs;
};

/* the parameters the config gives (the lexicon may be NULL) */
void	narrate_params_set(struct narrate_params *p, const struct conf *c,
	    const struct lexicon *lx);
/* Returns 0, or -1 when out of memory. */
int	narrate_entry(const struct entry *e, const struct narrate_params *p,
	    struct narration *n);
void	narrate_free(struct narration *n);
/* The spoken length of a narration at rate words per minute, its pauses
 * included: an estimate from above for ordinary text, made from the text
 * alone (espeak_text.h says how), to refuse an entry before synthesizing
 * it. */
double	narrate_seconds(const struct narration *n, int rate);
/* Is every entry of s shorter than CLIP_MAX_SECONDS by that estimate, with
 * c's templates, pauses and voice.rate? 0 when it is; 1 when entry *index
 * is not (*seconds its estimate); -1 when out of memory. */
int	narrate_check_length(const struct script *s, const struct conf *c,
	    const struct lexicon *lx, size_t *index, double *seconds);
/* The placeholders a template may hold, by name without braces: the one
 * list that narrate_template fills in and conf checks announcer.entry
 * against. The index of name (len bytes) in it, or -1. */
enum narrate_field { NARRATE_RANK, NARRATE_TITLES, NARRATE_ARTIST, NARRATE_YEAR };
int	narrate_field(const char *name, size_t len);
/* The template with {rank} {titles} {artist} {year} filled in (several
 * titles or years joined by the word and), and each [part] whose
 * placeholders are all empty left out. Not yet cleaned. */
char	*narrate_template(const char *tpl, const struct entry *e,
	    const char *and);
/* Markup removed: a lone '#', quote marks, years in parentheses, runs of
 * dots (eSpeak NG 1.51 misbehaves on ".."), control characters; '&' said as
 * p->and, a '#' before a digit as p->number ("#1" is "number 1": the
 * voices of other languages read '#' as "hash sign" or not at all). And
 * what eSpeak NG 1.51 cannot take: bytes that are not UTF-8 and the
 * characters it frees its translator on are said as nothing, a digit of any
 * script as its ASCII digit, a word that mixes an alphabet it speaks in a
 * language of its own with anything else as two, and punctuation after a
 * sign read by its name ('+', '©', an emoji) stands apart, a dot
 * there said as a comma. */
char	*narrate_clean(const char *text, const struct narrate_params *p);

#endif
