/* SPDX-License-Identifier: GPL-3.0-or-later */
/* conf: libconfig file -> struct conf, every setting validated.
 * Errors read "FILE:LINE: setting: what is wrong (allowed: ...)". */
#ifndef CONF_H
#define CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/limits.h"

struct output;

enum conf_mode { MODE_SIGNAL, MODE_CONTINUOUS, MODE_INTERVAL, MODE_DAILY };
enum conf_on_busy { BUSY_SKIP, BUSY_QUEUE, BUSY_IGNORE };
enum conf_mpris { MPRIS_AUTO, MPRIS_YES, MPRIS_NO };

struct conf_voice {
	char	*name;		/* eSpeak NG voice, "+variant" allowed */
	int	 rate;		/* words per minute, 80..450 */
	int	 pitch;		/* 0..100 */
	int	 range;		/* 0..100 */
	int	 volume;	/* 0..200 */
};

/* a list of strings */
struct conf_strings {
	char	**v;
	size_t	  n;
};

struct conf {
	char	*path;		/* the file it was read from */
	char	*script;	/* absolute, or relative to the config's folder resolved;
				 * NULL when the config names none (-s must) */
	struct conf_strings script_mentions;	/* more phrases that lead a
						 * mentions block (script_mentions) */
	char	*lexicon;	/* NULL when not set */
	struct conf_voice voice;
	struct {
		char	*voice;	/* NULL when "" (use voice.name) */
		char	*entry;	/* template */
		char	*mentions;	/* said for a mentions lead that is a bare
					 * heading; NULL when "" (say the lead) */
		char	*and;	/* joins several titles */
		char	*item;	/* template of one honorable mention */
		char	*number;	/* said for a '#' before a digit */
	} announcer;
	struct {
		double	after_announcement;
		double	between_paragraphs;
	} pause;
	struct {
		const struct output *output;	/* its row (output/outputs.h) */
		char	*device;
		double	 latency;
		char	*path;	/* NULL when "" */
		char	*captions;	/* beside path, or NULL */
		char	*chapters;	/* beside path (.ffmeta), or NULL */
		int	 rate;	/* snapcast: Hz written to the FIFO */
	} audio;
	struct {
		enum conf_mode mode;
		double	gap;
		double	every;
		int	at[CONF_MAX_AT];	/* minutes after local midnight, sorted */
		size_t	nat;
		bool	loop;
		enum conf_on_busy on_busy;
	} schedule;
	struct {
		double	loudness;	/* LUFS, a mono file counted as on two speakers */
		double	true_peak;	/* dBTP */
	} render;
	char	*control_socket;	/* NULL when "" (the default applies) */
	struct {
		enum conf_mpris enable;
		char	*name;	/* org.mpris.MediaPlayer2.NAME */
	} mpris;
	char	*state_file;		/* NULL when "" */
};

/* Says whether an eSpeak NG voice name (with an optional "+variant") exists. */
typedef bool (*conf_voice_check)(const char *name, void *arg);

/* Fill *c with the defaults of DESIGN.md (the announcer's in English). */
void	conf_defaults(struct conf *c);
/* Read and validate path. Returns 0, or EX_NOINPUT (file missing) or
 * EX_CONFIG (bad config) with a "FILE:LINE: ..." message in err. Warnings
 * (unknown settings) go to log_warnx. voice_ok may be NULL (no voice check).
 * Relative paths inside resolve against the config file's folder.
 * The announcer's words the file leaves out follow voice.name's language
 * (lang.h); a language without them is one log_info line.
 * *c starts from conf_defaults, so it needs no initialising (and must not
 * hold a loaded config: it would leak). On failure *c is left empty, and
 * conf_free on it is harmless; so a reload loads into a fresh struct conf
 * and swaps only on success. */
int	conf_load(struct conf *c, const char *path, conf_voice_check voice_ok,
	    void *arg, char *err, size_t errlen);
void	conf_free(struct conf *c);
/* Whether a and b agree on every setting under group ("audio" for
 * audio.*), as the settings table lists them: a reload that changes one
 * needs the output set up again, and a new setting is compared as soon
 * as it is in the table. */
bool	conf_same_group(const struct conf *a, const struct conf *b,
	    const char *group);

#endif
