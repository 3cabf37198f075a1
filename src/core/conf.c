/* SPDX-License-Identifier: GPL-3.0-or-later */
/* conf: libconfig file -> struct conf. One table describes every setting;
 * the readers, the unknown-setting warnings, the suggestions (conf_suggest.c)
 * and conf_free all walk it, so a new setting is a line in the table and a
 * field. The checks across settings are conf_check.c's, the syntax check's
 * child conf_child.c's; conf_priv.h is what they share. */
#include "core/conf_priv.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "core/limits.h"
#include "output/outputs.h"
#include "text/lang.h"
#include "text/narrate.h"

/* Enum settings are stored through an int pointer. */
_Static_assert(sizeof(enum conf_mode) == sizeof(int), "enum size");
_Static_assert(sizeof(enum conf_on_busy) == sizeof(int), "enum size");
_Static_assert(sizeof(enum conf_mpris) == sizeof(int), "enum size");

/* each enum's values by name, in enum order, NULL-ended */
static const char *const conf_modes[] = {
	[MODE_SIGNAL] = "signal",
	[MODE_CONTINUOUS] = "continuous",
	[MODE_INTERVAL] = "interval",
	[MODE_DAILY] = "daily",
	[MODE_DAILY + 1] = NULL
};
static const char *const conf_busy[] = {
	[BUSY_SKIP] = "skip",
	[BUSY_QUEUE] = "queue",
	[BUSY_IGNORE] = "ignore",
	[BUSY_IGNORE + 1] = NULL
};
static const char *const conf_mpris_enable[] = {
	[MPRIS_AUTO] = "auto",
	[MPRIS_YES] = "yes",
	[MPRIS_NO] = "no",
	[MPRIS_NO + 1] = NULL
};

#define F(field)	offsetof(struct conf, field)
#define GROUP(n)	{ .name = n, .type = CT_GROUP }
#define NUMBER(n, t, field, lo, hi, unit) \
	{ .name = n, .type = t, .off = F(field), .min = lo, .max = hi, .help = unit }
#define STRING(n, t, field, fl, what) \
	{ .name = n, .type = t, .off = F(field), .flags = fl, .help = what }
#define ENUM(n, field, v) \
	{ .name = n, .type = CT_ENUM, .off = F(field), .values = v }

/* Parents come before their children: a group of the wrong type is
 * reported before anything is looked up inside it. */
const struct conf_setting conf_settings[] = {
	STRING("script", CT_PATH, script, CF_NONEMPTY,
	    "a countdown script file"),
	STRING("script_mentions", CT_STRINGS, script_mentions, 0,
	    "a list of phrases such as [ \"Bonusrunde\" ]"),
	STRING("lexicon", CT_PATH, lexicon, CF_EMPTY_NULL,
	    "a lexicon file, or \"\" for none"),
	GROUP("voice"),
	STRING("voice.name", CT_STRING, voice.name, CF_NONEMPTY | CF_VOICE,
	    "an eSpeak NG voice such as \"en-us\" or \"en-us+f3\""),
	NUMBER("voice.rate", CT_INT, voice.rate, 80, 450, "words per minute"),
	NUMBER("voice.pitch", CT_INT, voice.pitch, 0, 100, NULL),
	NUMBER("voice.range", CT_INT, voice.range, 0, 100, NULL),
	NUMBER("voice.volume", CT_INT, voice.volume, 0, 200, NULL),
	GROUP("announcer"),
	STRING("announcer.voice", CT_STRING, announcer.voice,
	    CF_EMPTY_NULL | CF_VOICE,
	    "an eSpeak NG voice, or \"\" for voice.name"),
	STRING("announcer.entry", CT_STRING, announcer.entry, CF_TEMPLATE,
	    "text with {rank} {titles} {artist} {year} and [optional parts]"),
	STRING("announcer.mentions", CT_STRING, announcer.mentions,
	    CF_EMPTY_NULL, "text, or \"\" to say the script's lead line"),
	STRING("announcer.and", CT_STRING, announcer.and, CF_NONEMPTY,
	    "the word that joins two titles, such as \"and\""),
	STRING("announcer.item", CT_STRING, announcer.item, CF_TEMPLATE,
	    "text with {titles} {artist} {year} and [optional parts]"),
	STRING("announcer.number", CT_STRING, announcer.number, CF_NONEMPTY,
	    "the word said for \"#\" before a number, such as \"number\""),
	GROUP("pause"),
	NUMBER("pause.after_announcement", CT_DOUBLE, pause.after_announcement,
	    0, 60, "seconds"),
	NUMBER("pause.between_paragraphs", CT_DOUBLE, pause.between_paragraphs,
	    0, 60, "seconds"),
	GROUP("audio"),
	{ .name = "audio.output", .type = CT_OUTPUT, .off = F(audio.output) },
	STRING("audio.device", CT_STRING, audio.device, CF_NONEMPTY,
	    "a PortAudio device or pulse sink name, or \"default\""),
	NUMBER("audio.latency", CT_DOUBLE, audio.latency, 0.001, 2, "seconds"),
	STRING("audio.path", CT_PATH, audio.path, CF_EMPTY_NULL,
	    "a .wav or .flac file, or snapserver's FIFO"),
	STRING("audio.captions", CT_PATH, audio.captions, CF_EMPTY_NULL,
	    "a .vtt or .srt file, or \"\" for none"),
	STRING("audio.chapters", CT_PATH, audio.chapters, CF_EMPTY_NULL,
	    "an .ffmeta file, or \"\" for none"),
	NUMBER("audio.rate", CT_INT, audio.rate, 8000, 192000, "Hz"),
	GROUP("schedule"),
	ENUM("schedule.mode", schedule.mode, conf_modes),
	NUMBER("schedule.gap", CT_DOUBLE, schedule.gap, 0, 86400, "seconds"),
	NUMBER("schedule.every", CT_DOUBLE, schedule.every, 1, 604800, "seconds"),
	{ .name = "schedule.at", .type = CT_TIMES,	/* has its own reader */
	    .help = "a list of \"HH:MM\" times such as [ \"07:30\", \"20:00\" ]" },
	{ .name = "schedule.loop", .type = CT_BOOL, .off = F(schedule.loop) },
	ENUM("schedule.on_busy", schedule.on_busy, conf_busy),
	GROUP("control"),
	STRING("control.socket", CT_PATH, control_socket, CF_EMPTY_NULL,
	    "a socket path, or \"\" for the default"),
	GROUP("mpris"),
	ENUM("mpris.enable", mpris.enable, conf_mpris_enable),
	STRING("mpris.name", CT_STRING, mpris.name, CF_NONEMPTY | CF_BUSNAME,
	    "a name such as \"countdownd\": letters, digits and _"),
	GROUP("render"),
	NUMBER("render.loudness", CT_DOUBLE, render.loudness, -40, -5, "LUFS"),
	NUMBER("render.true_peak", CT_DOUBLE, render.true_peak, -9, 0, "dBTP"),
	GROUP("state"),
	STRING("state.file", CT_PATH, state_file, CF_EMPTY_NULL,
	    "a file path, or \"\" for none"),
};
const size_t conf_nsettings = sizeof conf_settings / sizeof conf_settings[0];

typedef int (*conf_reader)(const struct conf_ctx *, const struct conf_setting *,
    const config_setting_t *);

/* Out of memory while reading a config is not worth a recovery path. */
static char *
conf_strdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		fatalx(EX_OSERR, "out of memory");
	return p;
}

/* The announcer's words that follow the language, and where each is in
 * struct lang. */
static const struct {
	const char	*name;
	size_t		 off;
} conf_lang_words[] = {
	{ "announcer.entry", offsetof(struct lang, entry) },
	{ "announcer.mentions", offsetof(struct lang, mentions) },
	{ "announcer.and", offsetof(struct lang, and) },
	{ "announcer.item", offsetof(struct lang, item) },
	{ "announcer.number", offsetof(struct lang, number) },
};

#define CONF_NLANG_WORDS	(sizeof conf_lang_words / sizeof conf_lang_words[0])
#define CONF_LANG_WORD(lg, i) \
	(*(const char *const *)(const void *)((const char *)(lg) + \
	    conf_lang_words[i].off))

/* The announcer's words in language lg; a word the config file wrote
 * (cfg not NULL) stays. Returns how many it set. */
static size_t
conf_set_words(struct conf *c, const struct lang *lg, const config_t *cfg)
{
	const struct conf_setting *set;
	size_t i, n = 0;
	char **field;

	for (i = 0; i < CONF_NLANG_WORDS; i++) {
		if (cfg != NULL && config_lookup(cfg, conf_lang_words[i].name))
			continue;
		set = conf_find(conf_lang_words[i].name);
		field = CONF_FIELD(c, set, char *);
		free(*field);
		*field = conf_strdup(CONF_LANG_WORD(lg, i));
		n++;
	}
	return n;
}

void
conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof *c);
	c->voice.name = conf_strdup("en-us");
	c->voice.rate = 165;
	c->voice.pitch = 50;
	c->voice.range = 50;
	c->voice.volume = 100;
	conf_set_words(c, lang_at(0), NULL);
	c->pause.after_announcement = 0.7;
	c->pause.between_paragraphs = 0.4;
	c->audio.output = outputs_find("auto");
	c->audio.device = conf_strdup("default");
	c->audio.latency = 0.05;
	c->audio.rate = 22050;
	c->schedule.mode = MODE_SIGNAL;
	c->schedule.gap = 3.0;
	c->schedule.every = 3600.0;
	c->schedule.at[0] = 20 * 60;
	c->schedule.nat = 1;
	c->schedule.loop = false;
	c->schedule.on_busy = BUSY_SKIP;
	c->mpris.enable = MPRIS_AUTO;
	c->mpris.name = conf_strdup("countdownd");
	c->render.loudness = -16.0;
	c->render.true_peak = -1.0;
}

void
conf_free(struct conf *c)
{
	struct conf_strings *l;
	size_t i, k;

	for (i = 0; i < conf_nsettings; i++) {
		if (conf_settings[i].type == CT_STRING ||
		    conf_settings[i].type == CT_PATH)
			free(*CONF_FIELD(c, &conf_settings[i], char *));
		if (conf_settings[i].type != CT_STRINGS)
			continue;
		l = CONF_FIELD(c, &conf_settings[i], struct conf_strings);
		for (k = 0; k < l->n; k++)
			free(l->v[k]);
		free(l->v);
	}
	free(c->path);
	memset(c, 0, sizeof *c);
}

/* the same value in a and b for set */
static bool
conf_same(const struct conf *a, const struct conf *b,
    const struct conf_setting *set)
{
	const struct conf_strings *la, *lb;
	const char *sa, *sb;
	size_t i;

	switch (set->type) {
	case CT_STRING:
	case CT_PATH:
		sa = *CONF_FIELD(a, set, char *);
		sb = *CONF_FIELD(b, set, char *);
		return sa == sb || (sa && sb && strcmp(sa, sb) == 0);
	case CT_INT:
	case CT_ENUM:
		return *CONF_FIELD(a, set, int) == *CONF_FIELD(b, set, int);
	case CT_DOUBLE:
		return *CONF_FIELD(a, set, double) == *CONF_FIELD(b, set, double);
	case CT_BOOL:
		return *CONF_FIELD(a, set, bool) == *CONF_FIELD(b, set, bool);
	case CT_OUTPUT:
		return *CONF_FIELD(a, set, const struct output *) ==
		    *CONF_FIELD(b, set, const struct output *);
	case CT_TIMES:
		return a->schedule.nat == b->schedule.nat &&
		    memcmp(a->schedule.at, b->schedule.at,
		    a->schedule.nat * sizeof a->schedule.at[0]) == 0;
	case CT_STRINGS:
		la = CONF_FIELD(a, set, struct conf_strings);
		lb = CONF_FIELD(b, set, struct conf_strings);
		for (i = 0; la->n == lb->n && i < la->n; i++)
			if (strcmp(la->v[i], lb->v[i]) != 0)
				return false;
		return la->n == lb->n;
	case CT_GROUP:
		break;
	}
	return true;
}

bool
conf_same_group(const struct conf *a, const struct conf *b, const char *group)
{
	size_t i, n = strlen(group);

	for (i = 0; i < conf_nsettings; i++)
		if (strncmp(conf_settings[i].name, group, n) == 0 &&
		    conf_settings[i].name[n] == '.' &&
		    !conf_same(a, b, &conf_settings[i]))
			return false;
	return true;
}

const struct conf_setting *
conf_find(const char *name)
{
	size_t i;

	for (i = 0; i < conf_nsettings; i++)
		if (strcmp(conf_settings[i].name, name) == 0)
			return &conf_settings[i];
	return NULL;
}

static const char *
conf_file(const struct conf_ctx *ctx, const config_setting_t *s)
{
	const char *file = config_setting_source_file(s);

	/* libconfig names only @included files; the rest are ours */
	return file != NULL ? file : ctx->c->path;
}

int
conf_fail(const struct conf_ctx *ctx, const config_setting_t *s,
    const char *name, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(ctx->err, ctx->errlen, "%s:%d: %s: ", conf_file(ctx, s),
	    config_setting_source_line(s), name);
	if (n >= 0 && (size_t)n < ctx->errlen) {
		va_start(ap, fmt);
		vsnprintf(ctx->err + n, ctx->errlen - n, fmt, ap);
		va_end(ap);
	}
	return EX_CONFIG;
}

/* The i-th value an enum setting takes, or NULL past the last: its own
 * values[], or audio.output's from the outputs' registry. */
static const char *
conf_value(const struct conf_setting *set, size_t i)
{
	const struct output *o;

	if (set->type == CT_OUTPUT)
		return (o = outputs_at(i)) != NULL ? o->name : NULL;
	return set->values[i];
}

/* The "allowed: ..." part of a message about set. */
static void
conf_allowed(const struct conf_setting *set, char *buf, size_t len)
{
	const char *v;
	size_t i, n;

	switch (set->type) {
	case CT_GROUP:
		snprintf(buf, len, "a group { ... }");
		break;
	case CT_BOOL:
		snprintf(buf, len, "true or false");
		break;
	case CT_INT:
	case CT_DOUBLE:
		snprintf(buf, len, "%g..%g%s%s", set->min, set->max,
		    set->help != NULL ? " " : "",
		    set->help != NULL ? set->help : "");
		break;
	case CT_ENUM:
	case CT_OUTPUT:
		buf[0] = '\0';
		for (i = 0, n = 0; (v = conf_value(set, i)) != NULL && n < len; i++)
			n += snprintf(buf + n, len - n, "%s\"%s\"",
			    i == 0 ? "" : ", ", v);
		break;
	default:
		snprintf(buf, len, "%s", set->help);
		break;
	}
}

static const char *
conf_type_name(const config_setting_t *s)
{
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_GROUP:
		return "a group";
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
	case CONFIG_TYPE_FLOAT:
		return "a number";
	case CONFIG_TYPE_STRING:
		return "a string";
	case CONFIG_TYPE_BOOL:
		return "true/false";
	case CONFIG_TYPE_ARRAY:
		return "an array";
	case CONFIG_TYPE_LIST:
		return "a list";
	default:
		return "nothing";
	}
}

static int
conf_wrong_type(const struct conf_ctx *ctx, const struct conf_setting *set,
    const config_setting_t *s)
{
	char allowed[256];

	conf_allowed(set, allowed, sizeof allowed);
	return conf_fail(ctx, s, set->name, "wrong type, %s (allowed: %s)",
	    conf_type_name(s), allowed);
}

static int
conf_read_group(const struct conf_ctx *ctx, const struct conf_setting *set,
    const config_setting_t *s)
{
	return config_setting_is_group(s) ? 0 : conf_wrong_type(ctx, set, s);
}

static int
conf_read_bool(const struct conf_ctx *ctx, const struct conf_setting *set,
    const config_setting_t *s)
{
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		return conf_wrong_type(ctx, set, s);
	*CONF_FIELD(ctx->c, set, bool) = config_setting_get_bool(s);
	return 0;
}

/* libconfig 1.5 converts neither way between integers and floats, and
 * users write "gap = 3;" as readily as "rate = 165.0;": take both. */
static int
conf_read_number(const struct conf_ctx *ctx, const struct conf_setting *set,
    const config_setting_t *s)
{
	char allowed[128], value[64];
	double v;

	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		v = (double)config_setting_get_int64(s);
		snprintf(value, sizeof value, "%lld", config_setting_get_int64(s));
		break;
	case CONFIG_TYPE_FLOAT:
		v = config_setting_get_float(s);
		snprintf(value, sizeof value, "%g", v);
		break;
	default:
		return conf_wrong_type(ctx, set, s);
	}
	conf_allowed(set, allowed, sizeof allowed);
	if (set->type == CT_INT && v != floor(v))
		return conf_fail(ctx, s, set->name,
		    "%s is not a whole number (allowed: %s)", value, allowed);
	if (!(v >= set->min && v <= set->max))	/* NaN fails too */
		return conf_fail(ctx, s, set->name,
		    "%s is out of range (allowed: %s)", value, allowed);
	if (set->type == CT_INT)
		*CONF_FIELD(ctx->c, set, int) = (int)v;
	else
		*CONF_FIELD(ctx->c, set, double) = v;
	return 0;
}

static int
conf_read_enum(const struct conf_ctx *ctx, const struct conf_setting *set,
    const config_setting_t *s)
{
	char allowed[128];
	const char *v, *name;
	size_t i;

	if ((v = config_setting_get_string(s)) == NULL)
		return conf_wrong_type(ctx, set, s);
	for (i = 0; (name = conf_value(set, i)) != NULL; i++) {
		if (strcmp(name, v) != 0)
			continue;
		if (set->type == CT_OUTPUT)
			*CONF_FIELD(ctx->c, set, const struct output *) =
			    outputs_at(i);
		else
			*CONF_FIELD(ctx->c, set, int) = (int)i;
		return 0;
	}
	conf_allowed(set, allowed, sizeof allowed);
	return conf_fail(ctx, s, set->name, "unknown value \"%s\" (allowed: %s)",
	    v, allowed);
}

static bool LOG_PRINTF(3, 4)
conf_why(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return false;
}

/* The placeholders narrate_template fills in, and its one level of
 * [optional part]: anything else would be spoken literally. */
static bool
conf_template_ok(const char *tpl, char *why, size_t len)
{
	const char *p;
	bool in_part = false;
	size_t n;

	for (p = tpl; *p != '\0'; p++) {
		switch (*p) {
		case '[':
			if (in_part)
				return conf_why(why, len, "\"[\" inside [ ]");
			in_part = true;
			break;
		case ']':
			if (!in_part)
				return conf_why(why, len, "\"]\" without \"[\"");
			in_part = false;
			break;
		case '}':
			return conf_why(why, len, "\"}\" without \"{\"");
		case '{':
			n = strcspn(p + 1, "{}[]") + 2;
			if (p[n - 1] != '}')
				return conf_why(why, len, "\"{\" without \"}\"");
			if (narrate_field(p + 1, n - 2) == -1)
				return conf_why(why, len,
				    "unknown placeholder \"%.*s\"", (int)n, p);
			p += n - 1;
			break;
		}
	}
	if (in_part)
		return conf_why(why, len, "\"[\" without \"]\"");
	return true;
}

/* Relative paths are relative to the config file, not to wherever the
 * daemon happened to be started from. */
static char *
conf_resolve(const char *dir, const char *path)
{
	char *p;

	if (path[0] == '/')
		return conf_strdup(path);
	if (asprintf(&p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
	    path) == -1)
		fatalx(EX_OSERR, "out of memory");
	return p;
}

static int
conf_read_string(const struct conf_ctx *ctx, const struct conf_setting *set,
    const config_setting_t *s)
{
	char **field = CONF_FIELD(ctx->c, set, char *);
	char why[128];
	const char *v;

	if ((v = config_setting_get_string(s)) == NULL)
		return conf_wrong_type(ctx, set, s);
	if (*v == '\0' && set->flags & CF_NONEMPTY)
		return conf_fail(ctx, s, set->name,
		    "must not be empty (allowed: %s)", set->help);
	if (*v != '\0' && set->flags & CF_VOICE && ctx->voice_ok != NULL &&
	    !ctx->voice_ok(v, ctx->arg))
		return conf_fail(ctx, s, set->name, "no such eSpeak NG voice "
		    "\"%s\" (see countdownd --list-voices)", v);
	if (set->flags & CF_BUSNAME && (strlen(v) > 200 || isdigit((unsigned char)*v) ||
	    strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_") != strlen(v)))
		return conf_fail(ctx, s, set->name, "\"%.32s\" cannot be part of a "
		    "D-Bus name (allowed: %s)", v, set->help);
	if (set->flags & CF_TEMPLATE && !conf_template_ok(v, why, sizeof why))
		return conf_fail(ctx, s, set->name, "%s (allowed: %s)", why,
		    set->help);
	free(*field);
	if (*v == '\0' && set->flags & CF_EMPTY_NULL)
		*field = NULL;
	else if (set->type == CT_PATH)
		*field = conf_resolve(ctx->dir, v);
	else
		*field = conf_strdup(v);
	return 0;
}

/* "HH:MM" -> minutes after midnight, or -1. */
static int
conf_minutes(const char *s)
{
	int h, m;

	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    s[2] != ':' || !isdigit((unsigned char)s[3]) ||
	    !isdigit((unsigned char)s[4]) || s[5] != '\0')
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 && m < 60 ? h * 60 + m : -1;
}

static int
conf_cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
conf_read_times(const struct conf_ctx *ctx, const struct conf_setting *set,
    const config_setting_t *s)
{
	char allowed[128];
	const config_setting_t *e;
	int *at = ctx->c->schedule.at;
	size_t *nat = &ctx->c->schedule.nat;
	int i, n;

	if (!config_setting_is_array(s) && !config_setting_is_list(s))
		return conf_wrong_type(ctx, set, s);
	if ((n = config_setting_length(s)) > CONF_MAX_AT)
		return conf_fail(ctx, s, set->name,
		    "%d times (allowed: at most %d)", n, CONF_MAX_AT);
	conf_allowed(set, allowed, sizeof allowed);
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, i);
		if (config_setting_type(e) != CONFIG_TYPE_STRING)
			return conf_wrong_type(ctx, set, e);
		if ((at[i] = conf_minutes(config_setting_get_string(e))) == -1)
			return conf_fail(ctx, e, set->name,
			    "\"%s\" is not a time (allowed: %s)",
			    config_setting_get_string(e), allowed);
	}
	qsort(at, n, sizeof *at, conf_cmp_int);
	for (*nat = 0, i = 0; i < n; i++)
		if (*nat == 0 || at[*nat - 1] != at[i])
			at[(*nat)++] = at[i];
	return 0;
}

static int
conf_read_strings(const struct conf_ctx *ctx, const struct conf_setting *set,
    const config_setting_t *s)
{
	struct conf_strings *l = CONF_FIELD(ctx->c, set, struct conf_strings);
	const config_setting_t *e;
	const char *v;
	int i, n;

	if (!config_setting_is_array(s) && !config_setting_is_list(s))
		return conf_wrong_type(ctx, set, s);
	n = config_setting_length(s);
	if ((l->v = calloc(n > 0 ? n : 1, sizeof *l->v)) == NULL)
		fatalx(EX_OSERR, "out of memory");
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, i);
		if ((v = config_setting_get_string(e)) == NULL)
			return conf_wrong_type(ctx, set, e);
		if (v[strspn(v, " \t")] == '\0')
			return conf_fail(ctx, e, set->name, "an empty phrase "
			    "(allowed: %s)", set->help);
		l->v[l->n++] = conf_strdup(v);
	}
	return 0;
}

static const conf_reader conf_readers[] = {
	[CT_GROUP] = conf_read_group,
	[CT_STRING] = conf_read_string,
	[CT_PATH] = conf_read_string,
	[CT_INT] = conf_read_number,
	[CT_DOUBLE] = conf_read_number,
	[CT_BOOL] = conf_read_bool,
	[CT_ENUM] = conf_read_enum,
	[CT_OUTPUT] = conf_read_enum,
	[CT_TIMES] = conf_read_times,
	[CT_STRINGS] = conf_read_strings,
};

/* Unknown settings are likely typos, so they are named, but they do not
 * stop the daemon: an old config keeps working after a setting is gone. */
static void
conf_warn_unknown(const struct conf_ctx *ctx, const config_setting_t *group,
    const char *prefix)
{
	const struct conf_setting *set;
	const config_setting_t *s;
	const char *near;
	char name[CONF_NAME_MAX * 2];
	int i;

	for (i = 0; (s = config_setting_get_elem(group, i)) != NULL; i++) {
		snprintf(name, sizeof name, "%s%s%s", prefix,
		    *prefix != '\0' ? "." : "", config_setting_name(s));
		if ((set = conf_find(name)) != NULL) {
			if (set->type == CT_GROUP && config_setting_is_group(s))
				conf_warn_unknown(ctx, s, name);
		} else if ((near = conf_suggest(name)) != NULL)
			log_warnx("%s:%d: unknown setting \"%s\" "
			    "(did you mean \"%s\"?)", conf_file(ctx, s),
			    config_setting_source_line(s), name, near);
		else
			log_warnx("%s:%d: unknown setting \"%s\"",
			    conf_file(ctx, s), config_setting_source_line(s),
			    name);
	}
}

/* The announcer's words the file leaves out follow voice.name's
 * language; a language lang.h lacks keeps them English, and says so. */
static void
conf_language(const struct conf_ctx *ctx, const config_t *cfg)
{
	const struct lang *lg = lang_of_voice(ctx->c->voice.name);
	char code[32];
	size_t i;

	if (lg != NULL) {
		conf_set_words(ctx->c, lg, cfg);
		return;
	}
	for (i = 0; i < CONF_NLANG_WORDS; i++)
		if (config_lookup(cfg, conf_lang_words[i].name) == NULL)
			break;
	if (i == CONF_NLANG_WORDS)
		return;
	lang_code(ctx->c->voice.name, code, sizeof code);
	log_info("%s: no announcer words for language \"%s\" (voice.name "
	    "\"%s\"): the announcer speaks English where announcer.entry, "
	    ".mentions, .and, .item or .number are not set", ctx->c->path, code,
	    ctx->c->voice.name);
}

static int
conf_apply(const struct conf_ctx *ctx, const config_t *cfg)
{
	const config_setting_t *s;
	size_t i;
	int rc;

	conf_warn_unknown(ctx, config_root_setting(cfg), "");
	for (i = 0; i < conf_nsettings; i++) {
		if ((s = config_lookup(cfg, conf_settings[i].name)) == NULL)
			continue;
		rc = conf_readers[conf_settings[i].type](ctx, &conf_settings[i], s);
		if (rc != 0)
			return rc;
	}
	conf_language(ctx, cfg);
	return conf_check(ctx, cfg);
}

/* The folder of the config as named (not of a symlink's target), made
 * absolute so that paths resolved against it survive a chdir. */
static char *
conf_folder(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *folder, *real;
	int saved;

	if (slash == NULL)
		folder = conf_strdup(".");
	else if ((folder = strndup(path, slash - path + 1)) == NULL)
		fatalx(EX_OSERR, "out of memory");
	real = realpath(folder, NULL);
	saved = errno;
	free(folder);
	errno = saved;
	return real;
}

/* The open config, and its folder; *regular says whether it is a regular
 * file, which can be read twice. */
static FILE *
conf_open(const char *path, char **dir, bool *regular)
{
	struct stat st;
	FILE *fp;
	int saved;

	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	if (fstat(fileno(fp), &st) == -1)
		goto fail;
	if (S_ISDIR(st.st_mode)) {	/* fopen takes a folder, read would not */
		errno = EISDIR;
		goto fail;
	}
	*regular = S_ISREG(st.st_mode);
	if ((*dir = conf_folder(path)) == NULL)
		goto fail;
	return fp;
fail:
	saved = errno;
	fclose(fp);
	errno = saved;
	return NULL;
}

void
conf_parse_error(const config_t *cfg, const char *path, char *err,
    size_t errlen)
{
	const char *file = config_error_file(cfg);

	snprintf(err, errlen, "%s:%d: %s", file != NULL ? file : path,
	    config_error_line(cfg), config_error_text(cfg));
}

void
conf_init_libconfig(config_t *cfg, const char *dir)
{
	config_init(cfg);
	/* @include "x" is found next to the config, like every other path */
	config_set_include_dir(cfg, dir);
}

int
conf_load(struct conf *c, const char *path, conf_voice_check voice_ok,
    void *arg, char *err, size_t errlen)
{
	struct conf_ctx ctx = { c, NULL, voice_ok, arg, err, errlen };
	config_t cfg;
	bool regular = false;
	FILE *fp;
	int rc;

	conf_defaults(c);
	c->path = conf_strdup(path);
	if ((fp = conf_open(path, &ctx.dir, &regular)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		conf_free(c);
		return EX_NOINPUT;
	}
	/* a pipe cannot be read twice: it is read here alone */
	if (regular && (rc = conf_child_check(fp, path, ctx.dir, err,
	    errlen)) != 0)
		goto done;
	conf_init_libconfig(&cfg, ctx.dir);
	if (config_read(&cfg, fp) == CONFIG_TRUE)
		rc = conf_apply(&ctx, &cfg);
	else {
		conf_parse_error(&cfg, path, err, errlen);
		rc = EX_CONFIG;
	}
	config_destroy(&cfg);
done:
	fclose(fp);
	free(ctx.dir);
	if (rc != 0)
		conf_free(c);
	return rc;
}
