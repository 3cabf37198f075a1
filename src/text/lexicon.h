/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lexicon: pronunciation overrides, "written<TAB>spoken" a line, '#' comments.
 * Matches whole words, case-sensitively, longest written form first. */
#ifndef LEXICON_H
#define LEXICON_H

#include <stddef.h>

struct lexicon_entry {
	char	*written;
	char	*spoken;
	size_t	 len;		/* strlen(written) */
};

struct lexicon {
	struct lexicon_entry	*v;
	size_t			 n;
};

/* Parse text; returns 0, or -1 with *line set to the bad line (no tab,
 * empty written form, not UTF-8 is left to the script rules: bytes pass). */
int	lexicon_parse(const char *text, size_t len, struct lexicon *lx, int *line);
/* Read and parse a file: 0, EX_NOINPUT, or EX_DATAERR; err gets "FILE:LINE: ...". */
int	lexicon_load(const char *path, struct lexicon *lx, char *err, size_t errlen);
/* A new string with every whole-word written form replaced; NULL when out of memory. */
char	*lexicon_apply(const struct lexicon *lx, const char *text);
/* The same, and in *map (caller frees) for each byte of the result and
 * its end, the offset in text of what that byte says: a replacement's
 * bytes all point at the start of its written form. */
char	*lexicon_apply_map(const struct lexicon *lx, const char *text, size_t **map);
void	lexicon_free(struct lexicon *lx);

#endif
