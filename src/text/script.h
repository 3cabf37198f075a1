/* SPDX-License-Identifier: GPL-3.0-or-later */
/* script: countdown script text -> struct script (countdown-script(5)).
 * Pure: no I/O but script_load's read of one file. */
#ifndef SCRIPT_H
#define SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

enum entry_kind { ENTRY_INTRO, ENTRY_RANKED, ENTRY_MENTIONS, ENTRY_NKINDS };

/* What each kind of entry is: the one table (script.c) that narrate,
 * output, state, status and control read instead of naming kinds. */
struct entry_kind_info {
	const char	*name;		/* --list's KIND, the state file's, status's */
	const char	*label;		/* how status names the entry ("intro"); NULL:
					 * by its rank, titles and credit */
	bool		 ranked;	/* has a rank: RANK in --list, "goto #RANK",
					 * announced with announcer.entry */
	bool		 items;		/* its titles are items, each with its own
					 * credit (the mentions block) */
};

/* One title. For a ranked entry the credit is the entry's (entry.credit);
 * for an honorable-mentions item each title carries its own credit. */
struct title {
	char	*text;		/* without quotes */
	int	 year;		/* 0 when none was written */
	char	*credit;	/* mentions items only; NULL elsewhere or when missing */
};

struct entry {
	enum entry_kind	 kind;
	int		 line;		/* line of the header (intro: of the title) */
	int		 rank;		/* ENTRY_RANKED only, else 0 */
	struct title	*titles;	/* ranked: its titles; mentions: its items */
	size_t		 ntitles;
	char		*credit;	/* ranked: the artist line, or NULL */
	char		*lead;		/* mentions: the lead line ("... honorable mentions:");
					 * intro: the script's title line; else NULL */
	int		 bare_lead;	/* mentions: the lead is the phrase alone
					 * ("Honorable mentions:"), a heading that
					 * the announcer says in its own words */
	char	       **paragraphs;	/* body text, one string per paragraph */
	size_t		 nparagraphs;
};

struct script {
	char		*title;
	struct entry	*entries;	/* in playing order: intro first when there is one */
	size_t		 nentries;
};

/* What a line of the script was taken for (countdownd --explain); a
 * spreadsheet's row is one "line", its header row SCRIPT_COLUMNS. */
enum script_role {
	SCRIPT_BLANK, SCRIPT_TITLE, SCRIPT_INTRO, SCRIPT_HEADER, SCRIPT_CREDIT,
	SCRIPT_BODY, SCRIPT_LEAD, SCRIPT_MENTION, SCRIPT_IGNORED,
	SCRIPT_COLUMNS
};

/* One line as it was read: handed to script_opts.took as the parser goes,
 * so that a script that fails shows its lines up to the error. */
struct script_took {
	int			 line;
	enum script_role	 role;
	const char		*text;	/* the line as written, trimmed; not
					 * NUL-terminated */
	size_t			 len;
	const struct entry	*entry;	/* the entry it went into (a header's,
					 * its rank and titles), or NULL */
	const struct title	*title;	/* SCRIPT_MENTION: its item, else NULL */
};

/* What a script is read with beyond the built-in languages (lang.h). */
struct script_opts {
	char *const	*mentions;	/* more phrases that lead a mentions block */
	size_t		 nmentions;
	const char	*and;		/* one more word joining titles, or NULL */
	/* a line that is read, but perhaps not as meant (a spreadsheet's
	 * unknown column); NULL: not told */
	void		(*warn)(void *arg, int line, const char *msg);
	/* each line as it is read (countdownd --explain); NULL: not told */
	void		(*took)(void *arg, const struct script_took *t);
	void		*arg;		/* what warn and took are handed */
};

struct script_error {
	int	line;		/* 1-based; 0 when the error has no line */
	char	msg[256];
};

/* Parse len bytes of text; opts may be NULL (the built-in languages only).
 * On success fills *s and returns 0; on a bad script returns -1 with *err
 * set (and *s left empty). Never crashes on any input; answers a
 * multi-megabyte file in linear time (for given opts). */
int	script_parse(const char *text, size_t len, const struct script_opts *opts,
	    struct script *s, struct script_error *err);
/* Read and parse a file: a spreadsheet (script_csv.h) when its name ends
 * in .csv or .tsv, else a script. Returns 0, or a sysexits code:
 * EX_NOINPUT when the file cannot be read (err->msg says why), EX_DATAERR
 * for a bad script or one larger than 4 MB. */
int	script_load(const char *path, const struct script_opts *opts,
	    struct script *s, struct script_error *err);
/* Frees what *s holds and leaves it empty (all zero): freeing an empty
 * script, or one twice, is harmless. */
void	script_free(struct script *s);

/* the word --explain shows for a role ("header") */
const char *script_role_name(enum script_role role);

/* the kind's row of the table; script_kind_name is its name ("intro",
 * "entry", "mentions") */
const struct entry_kind_info *script_kind(enum entry_kind kind);
const char *script_kind_name(enum entry_kind kind);
/* the kind whose name is name: 0, or -1 when none is */
int	script_kind_by_name(const char *name, enum entry_kind *kind);

#endif
