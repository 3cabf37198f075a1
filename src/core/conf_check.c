/* SPDX-License-Identifier: GPL-3.0-or-later */
/* conf_check: the checks across settings, once each setting is valid
 * alone: what the output's registry row needs (output/outputs.h), the
 * file output's captions and chapters, a daily schedule's times. */
#include "core/conf_priv.h"

#include <limits.h>
#include <string.h>

#include "output/outputs.h"
#include "production/captions.h"
#include "production/chapters.h"

/* Settings that only make sense together. Each names the setting that
 * is missing its partner, at its line, or else at its partner's line. */
int
conf_check(const struct conf_ctx *ctx, const config_t *cfg)
{
	const struct conf *c = ctx->c;
	const struct output *o = c->audio.output;
	const config_setting_t *s;
	const char *name;
	char why[PATH_MAX];

	if (o->needs_path && c->audio.path == NULL) {
		if ((s = config_lookup(cfg, "audio.path")) == NULL)
			s = config_lookup(cfg, "audio.output");
		return conf_fail(ctx, s, "audio.path", "output \"%s\" needs "
		    "a file (allowed: %s)", o->name,
		    conf_find("audio.path")->help);
	}
	if (o->check != NULL && (name = o->check(c, why, sizeof why)) != NULL) {
		if ((s = config_lookup(cfg, name)) == NULL)
			s = config_lookup(cfg, "audio.output");
		return conf_fail(ctx, s, name, "%s", why);
	}
	if ((c->audio.captions || c->audio.chapters) &&
	    strcmp(o->name, "file") != 0)
		return conf_fail(ctx, config_lookup(cfg, c->audio.captions ?
		    "audio.captions" : "audio.chapters"), c->audio.captions ?
		    "audio.captions" : "audio.chapters", "needs output \"file\": "
		    "they time what is in audio.path");
	if (c->audio.captions && captions_format(c->audio.captions) == -1)
		return conf_fail(ctx, config_lookup(cfg, "audio.captions"),
		    "audio.captions", "unknown format (allowed: %s)",
		    conf_find("audio.captions")->help);
	if (c->audio.chapters &&
	    chapters_format(c->audio.chapters) != CHAPTERS_FFMETA)
		return conf_fail(ctx, config_lookup(cfg, "audio.chapters"),
		    "audio.chapters", "only .ffmeta grows entry by entry "
		    "(allowed: %s)", conf_find("audio.chapters")->help);
	if (c->schedule.mode == MODE_DAILY && c->schedule.nat == 0) {
		if ((s = config_lookup(cfg, "schedule.at")) == NULL)
			s = config_lookup(cfg, "schedule.mode");
		return conf_fail(ctx, s, "schedule.at", "mode \"daily\" needs at "
		    "least one time (allowed: %s)",
		    conf_find("schedule.at")->help);
	}
	return 0;
}
