/* SPDX-License-Identifier: GPL-3.0-or-later */
/* conf_suggest: "did you mean": the known setting nearest to an unknown
 * name, at any depth of groups, from the settings table. Pure. */
#include "core/conf_priv.h"

#include <stdint.h>
#include <string.h>

/* Edit distance (optimal string alignment: Levenshtein's insertions,
 * deletions and substitutions, and a swap of two neighbours, each 1: "nmae"
 * is one edit from "name", as a reader sees it); b is a name from the
 * table. */
static size_t
conf_suggest_distance(const char *a, const char *b)
{
	size_t rows[3][CONF_NAME_MAX + 1], *prev2, *prev, *row, *t;
	size_t i, j, lb = strlen(b), best;

	if (lb > CONF_NAME_MAX)
		return SIZE_MAX;
	prev2 = rows[0], prev = rows[1], row = rows[2];
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; a[i - 1] != '\0'; i++) {
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			best = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			row[j] = best;
		}
		t = prev2, prev2 = prev, prev = row, row = t;
	}
	return prev[lb];
}

static const char *
conf_suggest_leaf(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot != NULL ? dot + 1 : name;
}

/* The known name an unknown one was probably meant to be, or NULL: a
 * known setting put in the wrong group, else a near spelling (a short
 * name needs a closer match, or everything would be "near"). */
const char *
conf_suggest(const char *name)
{
	const char *leaf = conf_suggest_leaf(name), *best = NULL;
	size_t i, d, bestd = SIZE_MAX;

	for (i = 0; i < conf_nsettings; i++)
		if (strcmp(leaf, conf_suggest_leaf(conf_settings[i].name)) == 0)
			return conf_settings[i].name;
	for (i = 0; i < conf_nsettings; i++) {
		if ((d = conf_suggest_distance(name, conf_settings[i].name)) < bestd) {
			bestd = d;
			best = conf_settings[i].name;
		}
	}
	return bestd <= 2 && 3 * bestd <= strlen(leaf) ? best : NULL;
}
