/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lang: what countdownd itself says and reads in each language it knows:
 * the announcer's words (the defaults of announcer.*, chosen by
 * voice.name's language) and the phrases that lead an honorable-mentions
 * block in a script. Pure: a constant table. */
#ifndef LANG_H
#define LANG_H

#include <stddef.h>

struct lang {
	const char		*code;		/* "de": voice.name up to "-" or "+" */
	const char		*entry;		/* announcer.entry */
	const char		*mentions;	/* announcer.mentions */
	const char		*and;		/* announcer.and */
	const char		*item;		/* announcer.item */
	/* what leads a mentions block, each word matching a word's start
	 * ("mention" finds "mentions"), NULL-ended */
	const char *const	*leads;
	const char		*number;	/* announcer.number: a '#' before a digit */
	/* the words a spoken header starts with ("Number 10:"), NULL-ended */
	const char *const	*ranks;
	const char		*by;		/* what leads a credit on a header
						 * line ("\"Umbrella\" by Rihanna") */
};

/* The i-th language of the table, NULL past the last one. The first is
 * English, the defaults of struct conf. */
const struct lang *lang_at(size_t i);
/* The row for an eSpeak NG voice name's language ("fr", "de+f3",
 * "pt-br", "roa/fr"), or NULL when the table has none. */
const struct lang *lang_of_voice(const char *voice);
/* The language part of a voice name, for messages: at most len - 1
 * characters of it into buf. */
void	lang_code(const char *voice, char *buf, size_t len);

#endif
