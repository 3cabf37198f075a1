/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outputs: the registry of audio outputs, one row each, as MPD's output
 * plugins: audio.output's values, what each plays through, its devices
 * and its settings' checks. A new output is a sink_NAME.c that defines
 * its row and that row's line in outputs.c. */
#ifndef OUTPUTS_H
#define OUTPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct conf;
struct sink_ops;

struct output {
	const char		*name;		/* audio.output's value */
	const struct sink_ops	*ops;		/* sink_backend.h; NULL for "auto",
						 * which opens the first of
						 * outputs_auto() that answers */
	const char		*via;		/* what it plays through, for
						 * the log (those "auto" tries) */
	/* What audio.device can name, one a line, "*" before the default:
	 * how many, or -1 when the backend does not answer. NULL: no
	 * devices. --list-devices asks those "auto" tries. */
	int			(*list)(FILE *fp);
	bool			 needs_path;	/* audio.path names its file */
	/* Its other settings, once each is valid alone: NULL when they fit,
	 * else the setting at fault (its line is the message's) and why. */
	const char		*(*check)(const struct conf *c, char *why,
				    size_t len);
};

/* the row named name, or NULL */
const struct output	*outputs_find(const char *name);
/* the i-th row, in the order messages list them; NULL past the last */
const struct output	*outputs_at(size_t i);
/* the i-th output "auto" tries; NULL past the last */
const struct output	*outputs_auto(size_t i);

#endif
