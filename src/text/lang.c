/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lang: the table of languages the announcer speaks and the script
 * parser reads; countdown-script(5) and countdownd.conf(5) list it. */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "text/lang.h"

static const char *const lang_en[] = {
	"honorable mention", "honourable mention", NULL
};
static const char *const lang_de[] = {
	"ehrenvolle Erwähnung", "lobende Erwähnung",
	"ehrenvolle Erwaehnung", "lobende Erwaehnung", NULL
};
static const char *const lang_fr[] = {
	"mention honorable", "mention spéciale", NULL
};
static const char *const lang_es[] = {
	"mención honorífica", NULL
};
static const char *const lang_it[] = {
	"menzione d'onore", "menzioni d'onore", NULL
};
static const char *const lang_pt[] = {
	"menção honrosa", "menções honrosas", NULL
};
static const char *const lang_nl[] = {
	"eervolle vermelding", NULL
};

static const char *const lang_en_ranks[] = { "number", NULL };
static const char *const lang_de_ranks[] = { "Nummer", "Platz", NULL };
static const char *const lang_fr_ranks[] = { "numéro", NULL };
static const char *const lang_es_ranks[] = { "número", "puesto", NULL };
static const char *const lang_it_ranks[] = { "numero", "posto", NULL };
static const char *const lang_pt_ranks[] = { "número", NULL };
static const char *const lang_nl_ranks[] = { "nummer", "plaats", NULL };

static const struct lang lang_table[] = {
	{ "en", "Number {rank}: {titles}[, by {artist}].",
	    "Honorable mentions.", "and", "{titles}[, by {artist}].", lang_en,
	    "number", lang_en_ranks, "by" },
	{ "de", "Platz {rank}: {titles}[, von {artist}].",
	    "Ehrenvolle Erwähnungen.", "und", "{titles}[, von {artist}].",
	    lang_de, "Nummer", lang_de_ranks, "von" },
	{ "fr", "Numéro {rank} : {titles}[, par {artist}].",
	    "Mentions honorables.", "et", "{titles}[, par {artist}].", lang_fr,
	    "numéro", lang_fr_ranks, "par" },
	{ "es", "Número {rank}: {titles}[, de {artist}].",
	    "Menciones honoríficas.", "y", "{titles}[, de {artist}].", lang_es,
	    "número", lang_es_ranks, "de" },
	{ "it", "Numero {rank}: {titles}[, di {artist}].",
	    "Menzioni d'onore.", "e", "{titles}[, di {artist}].", lang_it,
	    "numero", lang_it_ranks, "di" },
	{ "pt", "Número {rank}: {titles}[, de {artist}].",
	    "Menções honrosas.", "e", "{titles}[, de {artist}].", lang_pt,
	    "número", lang_pt_ranks, "de" },
	{ "nl", "Nummer {rank}: {titles}[, van {artist}].",
	    "Eervolle vermeldingen.", "en", "{titles}[, van {artist}].",
	    lang_nl, "nummer", lang_nl_ranks, "van" },
};

#define LANG_N	(sizeof lang_table / sizeof lang_table[0])

const struct lang *
lang_at(size_t i)
{
	return i < LANG_N ? &lang_table[i] : NULL;
}

/* eSpeak NG names a voice by its language ("fr", "en-us"), perhaps after
 * its family ("roa/fr"), perhaps with a variant ("de+f3"). */
static const char *
lang_span(const char *voice, size_t *len)
{
	const char *slash = strrchr(voice, '/');

	if (slash != NULL)
		voice = slash + 1;
	*len = strcspn(voice, "-+");
	return voice;
}

const struct lang *
lang_of_voice(const char *voice)
{
	const char *code;
	size_t i, len;

	code = lang_span(voice, &len);
	for (i = 0; i < LANG_N; i++)
		if (strlen(lang_table[i].code) == len &&
		    strncasecmp(lang_table[i].code, code, len) == 0)
			return &lang_table[i];
	return NULL;
}

void
lang_code(const char *voice, char *buf, size_t len)
{
	const char *code;
	size_t n;

	if (len == 0)
		return;
	code = lang_span(voice, &n);
	if (n >= len)
		n = len - 1;
	memcpy(buf, code, n);
	buf[n] = '\0';
}
