/* SPDX-License-Identifier: GPL-3.0-or-later */
/* conf_priv: what the configuration's parts share: the settings table's
 * types and the context of one load. Included by conf.c (the table and
 * its readers), conf_check.c (the checks across settings), conf_suggest.c
 * (the "did you mean") and conf_child.c (the syntax check's child) only;
 * conf.h is everyone else's. */
#ifndef CONF_PRIV_H
#define CONF_PRIV_H

#include <libconfig.h>
#include <stddef.h>
#include <stdio.h>

#include "core/conf.h"
#include "util/log.h"

#define CONF_NAME_MAX		64	/* no name in the table is longer */

enum conf_type {
	CT_GROUP,	/* { ... } holding the settings named below it */
	CT_STRING,
	CT_PATH,	/* a string; relative means "from the config's folder" */
	CT_INT,		/* an integer, or a float with no fraction */
	CT_DOUBLE,	/* an integer or a float */
	CT_BOOL,
	CT_ENUM,	/* one string of values[], stored as its index */
	CT_OUTPUT,	/* a name in the outputs' registry, stored as its row */
	CT_TIMES,	/* schedule.at: "HH:MM" strings */
	CT_STRINGS	/* a list of non-empty strings, a struct conf_strings */
};

#define CF_NONEMPTY	0x1	/* "" is an error */
#define CF_EMPTY_NULL	0x2	/* "" means "not set" and is stored as NULL */
#define CF_VOICE	0x4	/* an eSpeak NG voice, checked by the caller's hook */
#define CF_TEMPLATE	0x8	/* an announcement template */
#define CF_BUSNAME	0x10	/* one element of a D-Bus name: [A-Za-z0-9_],
				 * not a digit first, short enough for the
				 * bus's 255 with ".instance<PID>" after it */

struct conf_setting {
	const char		*name;		/* full dotted path */
	enum conf_type		 type;
	size_t			 off;		/* of its field in struct conf */
	double			 min, max;	/* CT_INT, CT_DOUBLE */
	const char		*help;		/* numbers: the unit; strings: what fits */
	const char *const	*values;	/* CT_ENUM, in enum order, NULL-ended */
	int			 flags;
};

/* every setting; parents come before their children */
extern const struct conf_setting	conf_settings[];
extern const size_t			conf_nsettings;

#define CONF_FIELD(c, set, type)	((type *)(void *)((char *)(c) + (set)->off))

/* What one conf_load needs to read a setting and to report on it. */
struct conf_ctx {
	struct conf		*c;
	char			*dir;	/* the config's folder, absolute */
	conf_voice_check	 voice_ok;
	void			*arg;
	char			*err;
	size_t			 errlen;
};

/* the setting named name (full dotted path), or NULL */
const struct conf_setting	*conf_find(const char *name);
/* Writes "FILE:LINE: name: message" into ctx's buffer; EX_CONFIG. */
int	conf_fail(const struct conf_ctx *ctx, const config_setting_t *s,
	    const char *name, const char *fmt, ...) LOG_PRINTF(4, 5);
/* a config_t that finds @include "x" next to the config */
void	conf_init_libconfig(config_t *cfg, const char *dir);
/* "FILE:LINE: what libconfig says" for a file it could not read */
void	conf_parse_error(const config_t *cfg, const char *path, char *err,
	    size_t errlen);

/* conf_check.c: the settings that only make sense together, once each is
 * valid alone; 0 or EX_CONFIG */
int	conf_check(const struct conf_ctx *ctx, const config_t *cfg);
/* conf_suggest.c: the known name an unknown one was probably meant to
 * be, at any depth, or NULL */
const char	*conf_suggest(const char *name);
/* conf_child.c: fp read whole by a short-lived child: 0 (fp rewound), or
 * EX_CONFIG with "FILE:LINE: message" in err */
int	conf_child_check(FILE *fp, const char *path, const char *dir,
	    char *err, size_t errlen);

#endif
