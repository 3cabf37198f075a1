/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tts_voice: the voices and the names that select them. */
#include "speech/tts_voice.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool
tts_word_is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && strncasecmp(word, s, n) == 0;
}

/* the priority with which v speaks language s (n bytes), or INT_MAX */
static int
tts_lang_priority(const struct tts_voice *v, const char *s, size_t n)
{
	const char *l = v->langs;

	while (*l != '\0') {
		size_t len = strcspn(l, " ");

		if (len > 1 && len - 1 == n && strncasecmp(l + 1, s, n) == 0)
			return *l - '0';
		l += len;
		l += *l == ' ';
	}
	return INT_MAX;
}

static const char *
tts_basename(const char *ident)
{
	const char *slash = strrchr(ident, '/');

	return slash ? slash + 1 : ident;
}

/* The voice (or variant) that s names: by its name, its file or the
 * file's last part, else (a voice, not a variant) by language, the one
 * that speaks it first. MBROLA voices are chosen only by name: they need
 * the mbrola program and its voices, which eSpeak NG lists regardless. */
static const struct tts_voice *
tts_voices_find(const struct tts_voices *vs, const char *s, size_t n,
    bool variant)
{
	const struct tts_voice *best = NULL;
	int prio = INT_MAX;
	size_t i;

	if (n == 0)
		return NULL;
	for (i = 0; i < vs->n; i++) {
		const struct tts_voice *v = &vs->v[i];

		if (v->variant == variant && (tts_word_is(s, n, v->name) ||
		    tts_word_is(s, n, v->ident) ||
		    tts_word_is(s, n, tts_basename(v->ident))))
			return v;
	}
	for (i = 0; i < vs->n && !variant; i++) {
		const struct tts_voice *v = &vs->v[i];
		int p = tts_lang_priority(v, s, n);

		if (!v->variant && strncmp(v->ident, "mb/", 3) != 0 && p < prio)
			best = v, prio = p;
	}
	return best;
}

bool
tts_voices_resolve(const struct tts_voices *vs, const char *name, char *buf,
    size_t len)
{
	const char *plus = strchr(name, '+');
	size_t n = plus ? (size_t)(plus - name) : strlen(name);
	const struct tts_voice *v = tts_voices_find(vs, name, n, false), *var = NULL;

	if (v == NULL || (plus && (var = tts_voices_find(vs, plus + 1,
	    strlen(plus + 1), true)) == NULL))
		return false;
	snprintf(buf, len, "%s%s%s", v->ident, var ? "+" : "",
	    var ? tts_basename(var->ident) : "");
	return true;
}

void
tts_voices_list(const struct tts_voices *vs, FILE *fp)
{
	size_t i;

	fprintf(fp, "# voice (language)\tname\tfile; add +VARIANT to a voice\n");
	for (i = 0; i < vs->n; i++) {
		const struct tts_voice *v = &vs->v[i];
		const char *l;

		if (v->variant) {
			fprintf(fp, "+%s\t%s\tvariant\n", tts_basename(v->ident),
			    v->name);
			continue;
		}
		/* the languages without their priorities */
		for (l = v->langs; *l != '\0'; ) {
			size_t len = strcspn(l, " ");

			fprintf(fp, "%s%.*s", l == v->langs ? "" : " ",
			    len ? (int)len - 1 : 0, l + 1);
			l += len;
			l += *l == ' ';
		}
		fprintf(fp, "\t%s\t%s\n", v->name, v->ident);
	}
}

bool
tts_voices_read(struct tts_voices *vs, const char *p, size_t len)
{
	const char *end = p + len;

	while (p < end) {
		struct tts_voice *vi, v = { .variant = *p++ != 0 };
		const char *s[3];
		size_t k;

		for (k = 0; k < 3; k++) {
			const char *nul = memchr(p, '\0', (size_t)(end - p));

			if (p >= end || nul == NULL)
				return false;
			s[k] = p;
			p = nul + 1;
		}
		if ((vi = realloc(vs->v, (vs->n + 1) * sizeof *vi)) == NULL)
			return false;
		vs->v = vi;
		v.name = strdup(s[0]);
		v.ident = strdup(s[1]);
		v.langs = strdup(s[2]);
		vs->v[vs->n++] = v;
		if (!v.name || !v.ident || !v.langs)
			return false;
	}
	return true;
}

void
tts_voices_free(struct tts_voices *vs)
{
	size_t i;

	for (i = 0; i < vs->n; i++) {
		free(vs->v[i].name);
		free(vs->v[i].ident);
		free(vs->v[i].langs);
	}
	free(vs->v);
	vs->v = NULL;
	vs->n = 0;
}
