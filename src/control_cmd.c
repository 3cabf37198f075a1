/* control: the commands of the line protocol and their replies. A command
 * puts its whole reply in the client's output, which control.c sends ("wait"
 * is answered later, by control_check). */
#include "control_priv.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

struct control_command {
	const char	*name;
	const char	*arg;		/* its argument, NULL for none */
	void		(*run)(struct control *, struct control_client *, const char *);
	const char	*help;
};

/* ---- replies ---- */

/* control characters would break the line protocol: spaces instead (tabs
 * separate the fields of list's entries, and stay) */
static void
control_put_clean(struct textbuf *b, const char *s)
{
	for (; *s; s++)
		textbuf_putc(b, ((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f ?
		    ' ' : *s);
}

static void
control_key(struct control_client *cl, const char *key, const char *value)
{
	textbuf_printf(&cl->out, "%s: ", key);
	control_put_clean(&cl->out, value);
	textbuf_putc(&cl->out, '\n');
}

static void control_keyf(struct control_client *, const char *, const char *, ...)
    LOG_PRINTF(3, 4);

static void
control_keyf(struct control_client *cl, const char *key, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	control_key(cl, key, buf);
}

void
control_ok(struct control_client *cl)
{
	textbuf_puts(&cl->out, "OK\n");
}

void
control_err(struct control_client *cl, const char *code, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	textbuf_printf(&cl->out, "ERR %s ", code);
	control_put_clean(&cl->out, buf);
	textbuf_putc(&cl->out, '\n');
}

/* "playing: 5/12: #7 \"The Day Before\" by Nell" */
static void
control_entry(struct control *c, struct control_client *cl, const char *key,
    size_t index)
{
	char desc[600];

	engine_describe(&c->engine->script.entries[index], desc, sizeof desc);
	control_keyf(cl, key, "%zu/%zu: %s", index + 1, c->engine->script.nentries, desc);
}

/* the reply to a command that started an entry: what plays now */
static void
control_started(struct control *c, struct control_client *cl)
{
	struct engine_info in;

	engine_info(c->engine, &in);
	if (in.current != PLAYLIST_NONE)
		control_entry(c, cl, in.state, in.current);
	control_ok(cl);
}

/* ---- commands ---- */

static void
control_cmd_next(struct control *c, struct control_client *cl, const char *arg)
{
	struct engine *e = c->engine;
	bool busy = e->player.state == PLAYER_PLAYING;
	size_t next = playlist_peek(&e->pl);

	(void)arg;
	if (engine_next(e) == 0) {
		if (!e->queued) {
			control_started(c, cl);
			return;
		}
		control_entry(c, cl, "queued", next);
		control_ok(cl);
	} else if (busy && e->conf.schedule.on_busy == BUSY_IGNORE)
		control_err(cl, "state", "%zu/%zu is playing, and schedule.on_busy "
		    "is \"ignore\"", e->pl.current + 1, e->script.nentries);
	else if (next == PLAYLIST_NONE)
		control_err(cl, "state", "the countdown is over (\"goto 1\" starts "
		    "it again)");
	else
		control_err(cl, "audio", "cannot play: no audio device (the log "
		    "says more)");
}

static void
control_play(struct control *c, struct control_client *cl, size_t index)
{
	if (engine_goto(c->engine, index) == 0)
		control_started(c, cl);
	else
		control_err(cl, "audio", "cannot play: no audio device (the log "
		    "says more)");
}

static void
control_cmd_replay(struct control *c, struct control_client *cl, const char *arg)
{
	size_t index = playlist_replay(&c->engine->pl);

	(void)arg;
	if (index == PLAYLIST_NONE)
		control_err(cl, "state", "nothing to replay: the countdown is over "
		    "(\"goto 1\" starts it again)");
	else
		control_play(c, cl, index);
}

static void
control_cmd_prev(struct control *c, struct control_client *cl, const char *arg)
{
	size_t index = playlist_prev(&c->engine->pl);

	(void)arg;
	if (index == PLAYLIST_NONE)
		control_err(cl, "state", "the countdown has no entries");
	else
		control_play(c, cl, index);
}

static void
control_cmd_goto(struct control *c, struct control_client *cl, const char *arg)
{
	char err[256];
	size_t index;

	if (control_goto_index(&c->engine->script, arg, &index, err, sizeof err) == -1)
		control_err(cl, "range", "%s", err);
	else
		control_play(c, cl, index);
}

static void
control_cmd_stop(struct control *c, struct control_client *cl, const char *arg)
{
	struct engine_info in;

	(void)arg;
	engine_info(c->engine, &in);
	engine_stop(c->engine);
	if (in.current != PLAYLIST_NONE)
		control_entry(c, cl, "stopped", in.current);
	control_ok(cl);
}

static void
control_cmd_pause(struct control *c, struct control_client *cl, const char *arg)
{
	struct engine *e = c->engine;

	(void)arg;
	if (engine_pause(e) == -1) {
		control_err(cl, "state", "%s", e->player.state == PLAYER_PAUSED ?
		    "already paused" : "nothing plays");
		return;
	}
	control_entry(c, cl, "paused", e->pl.current);
	control_keyf(cl, "elapsed", "%.2f", player_elapsed(&e->player));
	control_ok(cl);
}

static void
control_cmd_resume(struct control *c, struct control_client *cl, const char *arg)
{
	struct engine *e = c->engine;
	bool paused = e->player.state == PLAYER_PAUSED;

	(void)arg;
	if (engine_resume(e) == 0)
		control_started(c, cl);
	else if (!paused)
		control_err(cl, "state", "nothing is paused");
	else
		control_err(cl, "audio", "cannot resume: the audio device failed "
		    "(the log says more)");
}

static void
control_cmd_status(struct control *c, struct control_client *cl, const char *arg)
{
	struct engine *e = c->engine;
	const struct entry *en;
	struct engine_info in;
	char now[1024], next[1024], desc[600];

	(void)arg;
	engine_info(e, &in);
	engine_status_words(e, &in, true, now, sizeof now, next, sizeof next);
	control_key(cl, "state", in.state);
	control_keyf(cl, "entries", "%zu", e->script.nentries);
	if (in.current != PLAYLIST_NONE) {
		en = &e->script.entries[in.current];
		control_keyf(cl, "index", "%zu", in.current + 1);
		control_key(cl, "kind", script_kind_name(en->kind));
		if (en->kind == ENTRY_RANKED)
			control_keyf(cl, "rank", "%d", en->rank);
		engine_describe(en, desc, sizeof desc);
		control_key(cl, "entry", desc);
		control_keyf(cl, "elapsed", "%.2f", in.elapsed);
		control_keyf(cl, "total", "%.2f", in.total);
	}
	if (in.next != PLAYLIST_NONE) {
		control_keyf(cl, "next", "%zu", in.next + 1);
		engine_describe(&e->script.entries[in.next], desc, sizeof desc);
		control_key(cl, "next_entry", desc);
	}
	if (in.due >= 0)
		control_keyf(cl, "due", "%.3f", in.due);
	control_key(cl, "text", now);
	control_key(cl, "next_text", next);
	control_ok(cl);
}

/* the lines of countdownd --list, each with the entry's description */
static void
control_cmd_list(struct control *c, struct control_client *cl, const char *arg)
{
	struct engine *e = c->engine;
	struct engine_info in;
	char *text = NULL, *line, *nl, desc[600];
	size_t len = 0, i;
	FILE *fp;

	(void)arg;
	if ((fp = open_memstream(&text, &len)) == NULL) {
		control_err(cl, "memory", "out of memory");
		return;
	}
	output_list(fp, &e->script);
	if (fclose(fp) != 0) {
		free(text);
		control_err(cl, "memory", "out of memory");
		return;
	}
	engine_info(e, &in);
	if (in.current != PLAYLIST_NONE)
		control_keyf(cl, "current", "%zu", in.current + 1);
	if (in.next != PLAYLIST_NONE)
		control_keyf(cl, "next", "%zu", in.next + 1);
	line = text;
	for (i = 0; i < e->script.nentries && (nl = strchr(line, '\n')); i++) {
		*nl = '\0';
		engine_describe(&e->script.entries[i], desc, sizeof desc);
		textbuf_puts(&cl->out, "entry: ");
		control_put_clean(&cl->out, line);
		textbuf_putc(&cl->out, '\t');
		control_put_clean(&cl->out, desc);
		textbuf_putc(&cl->out, '\n');
		line = nl + 1;
	}
	free(text);
	control_ok(cl);
}

static void
control_cmd_reload(struct control *c, struct control_client *cl, const char *arg)
{
	(void)arg;
	if (c->reload(c->reload_arg) == -1) {
		control_err(cl, "config", "reload refused; the running configuration "
		    "stays (the log says why)");
		return;
	}
	control_keyf(cl, "entries", "%zu", c->engine->script.nentries);
	control_ok(cl);
}

/* the client is answered when the entry playing now (or about to) ends */
static void
control_cmd_wait(struct control *c, struct control_client *cl, const char *arg)
{
	struct engine *e = c->engine;

	(void)arg;
	if (e->player.state == PLAYER_IDLE && e->pending == PLAYLIST_NONE) {
		control_ok(cl);
		return;
	}
	cl->waiting = true;
	/* an entry still being made is one play further on */
	cl->wait_for = e->plays + (e->player.state == PLAYER_IDLE);
	c->nwaiting++;
}

static void control_cmd_help(struct control *, struct control_client *, const char *);

static const struct control_command control_commands[] = {
	{ "next", NULL, control_cmd_next, "play the next entry" },
	{ "replay", NULL, control_cmd_replay, "play the current (or last) entry again" },
	{ "prev", NULL, control_cmd_prev, "play the entry before the current one" },
	{ "goto", "INDEX|#RANK", control_cmd_goto, "play entry INDEX, or the entry of rank RANK" },
	{ "stop", NULL, control_cmd_stop, "stop the sound" },
	{ "pause", NULL, control_cmd_pause, "pause the entry playing" },
	{ "resume", NULL, control_cmd_resume, "resume it from where it paused" },
	{ "status", NULL, control_cmd_status, "what plays, what is next and when" },
	{ "list", NULL, control_cmd_list, "the entries" },
	{ "reload", NULL, control_cmd_reload, "reload config and script (as SIGHUP)" },
	{ "wait", NULL, control_cmd_wait, "answer when the entry playing ends" },
	{ "help", NULL, control_cmd_help, "the commands" },
};

#define CONTROL_NCOMMANDS (sizeof control_commands / sizeof control_commands[0])

static void
control_cmd_help(struct control *c, struct control_client *cl, const char *arg)
{
	const struct control_command *cmd;
	size_t i;

	(void)c;
	(void)arg;
	for (i = 0; i < CONTROL_NCOMMANDS; i++) {
		cmd = &control_commands[i];
		control_keyf(cl, "command", "%s%s%s: %s", cmd->name, cmd->arg ? " " : "",
		    cmd->arg ? cmd->arg : "", cmd->help);
	}
	control_ok(cl);
}

int
control_split(char *line, size_t len, const char **cmd, const char **arg)
{
	char *p, *words[3] = { NULL, NULL, NULL };
	size_t n = 0;

	for (p = line; p < line + len; p++)	/* a NUL byte is refused too */
		if ((*p < 0x20 || *p > 0x7e) && *p != '\t')
			return -1;
	for (p = line; *p; ) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (*p == '\0')
			break;
		if (n == 3)
			break;
		words[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	if (n == 0)
		return 1;
	if (n > 2)
		return -2;
	*cmd = words[0];
	*arg = words[1];
	return 0;
}

int
control_goto_index(const struct script *s, const char *arg, size_t *index,
    char *err, size_t errlen)
{
	const char *p = arg + (*arg == '#');
	unsigned long v;
	char *end;
	size_t i;

	errno = 0;
	v = strtoul(p, &end, 10);
	if (!isdigit((unsigned char)*p) || *end != '\0' || errno != 0) {
		snprintf(err, errlen, "goto takes an entry (goto 3) or a rank "
		    "(goto #3), not \"%.32s\"", arg);
		return -1;
	}
	if (*arg != '#') {
		if (v < 1 || v > s->nentries) {
			snprintf(err, errlen, "no entry %lu: the countdown has "
			    "entries 1 to %zu", v, s->nentries);
			return -1;
		}
		*index = v - 1;
		return 0;
	}
	for (i = 0; i < s->nentries; i++)
		if (s->entries[i].kind == ENTRY_RANKED &&
		    (unsigned long)s->entries[i].rank == v) {
			*index = i;
			return 0;
		}
	snprintf(err, errlen, "no entry of rank #%lu", v);
	return -1;
}

void
control_run(struct control *c, struct control_client *cl, char *line,
    size_t len)
{
	const struct control_command *cmd = NULL;
	const char *name, *arg;
	size_t i;

	switch (control_split(line, len, &name, &arg)) {
	case 1:
		return;		/* a blank line asks nothing */
	case -1:
		control_err(cl, "usage", "not a command: printable ASCII, one "
		    "command a line (\"help\" lists them)");
		return;
	case -2:
		control_err(cl, "usage", "one argument at most");
		return;
	}
	for (i = 0; i < CONTROL_NCOMMANDS && cmd == NULL; i++)
		if (strcmp(name, control_commands[i].name) == 0)
			cmd = &control_commands[i];
	if (cmd == NULL)
		control_err(cl, "usage", "unknown command \"%.32s\" (\"help\" lists "
		    "them)", name);
	else if (cmd->arg && arg == NULL)
		control_err(cl, "usage", "%s needs an argument: %s %s", cmd->name,
		    cmd->name, cmd->arg);
	else if (cmd->arg == NULL && arg)
		control_err(cl, "usage", "%s takes no argument", cmd->name);
	else {
		log_debug("control: %s%s%s", name, arg ? " " : "", arg ? arg : "");
		cmd->run(c, cl, arg);
	}
}
