/* script: countdown script text -> struct script (countdown-script(5)).
 * Pure: no I/O but script_load's read of one file. */
#ifndef SCRIPT_H
#define SCRIPT_H

#include <stddef.h>

enum entry_kind { ENTRY_INTRO, ENTRY_RANKED, ENTRY_MENTIONS };

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

/* What a script is read with beyond the built-in languages (lang.h). */
struct script_opts {
	char *const	*mentions;	/* more phrases that lead a mentions block */
	size_t		 nmentions;
	const char	*and;		/* one more word joining titles, or NULL */
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
/* Read and parse a file. Returns 0, or a sysexits code: EX_NOINPUT when the
 * file cannot be read (err->msg says why), EX_DATAERR for a bad script. */
int	script_load(const char *path, const struct script_opts *opts,
	    struct script *s, struct script_error *err);
void	script_free(struct script *s);

/* "intro", "entry", "mentions" */
const char *script_kind_name(enum entry_kind kind);

#endif
