/* SPDX-License-Identifier: GPL-3.0-or-later */
/* control: the commands of the line protocol and their replies. A command
 * puts its whole reply in the client's output, which control.c sends ("wait"
 * is answered later, by control_check). */
#include "front/control_priv.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "front/control_table.h"

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
	struct textbuf b = TEXTBUF_INIT;

	status_entry(&b, engine_script(c->engine), index);
	control_key(cl, key, textbuf_str(&b));
	textbuf_reset(&b);
}

/* a command the engine did not carry out: "ERR KIND WHY" */
static void
control_refused(struct control *c, struct control_client *cl,
    enum engine_result r)
{
	char buf[256];

	control_err(cl, engine_result_kind(r), "%s",
	    engine_result_text(c->engine, r, buf, sizeof buf));
}

/* the reply to a command that starts an entry: what plays now (or what
 * is queued), or why not */
static void
control_result(struct control *c, struct control_client *cl,
    enum engine_result r)
{
	struct engine_info in;

	if (r != ENGINE_OK && r != ENGINE_QUEUED) {
		control_refused(c, cl, r);
		return;
	}
	engine_info(c->engine, &in);
	if (r == ENGINE_QUEUED)
		control_entry(c, cl, "queued", in.next);
	else if (in.current != PLAYLIST_NONE)
		control_entry(c, cl, status_state(in.state), in.current);
	control_ok(cl);
}

/* ---- commands ---- */

static void
control_cmd_next(struct control *c, struct control_client *cl, const char *arg)
{
	(void)arg;
	control_result(c, cl, engine_next(c->engine));
}

static void
control_cmd_replay(struct control *c, struct control_client *cl, const char *arg)
{
	(void)arg;
	control_result(c, cl, engine_replay(c->engine));
}

static void
control_cmd_prev(struct control *c, struct control_client *cl, const char *arg)
{
	(void)arg;
	control_result(c, cl, engine_prev(c->engine));
}

static void
control_cmd_goto(struct control *c, struct control_client *cl, const char *arg)
{
	char err[256];
	size_t index;

	if (control_goto_index(engine_script(c->engine), arg, &index, err,
	    sizeof err) == -1)
		control_err(cl, "range", "%s", err);
	else
		control_result(c, cl, engine_goto(c->engine, index));
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
	enum engine_result r = engine_pause(c->engine);
	struct engine_info in;

	(void)arg;
	if (r != ENGINE_OK) {
		control_refused(c, cl, r);
		return;
	}
	engine_info(c->engine, &in);
	control_entry(c, cl, "paused", in.current);
	control_keyf(cl, "elapsed", "%.2f", in.elapsed);
	control_ok(cl);
}

static void
control_cmd_resume(struct control *c, struct control_client *cl, const char *arg)
{
	(void)arg;
	control_result(c, cl, engine_resume(c->engine));
}

/* a media player's Play and PlayPause (MPRIS's too) */
static void
control_cmd_play(struct control *c, struct control_client *cl, const char *arg)
{
	(void)arg;
	control_result(c, cl, engine_resume_or_next(c->engine));
}

static void
control_cmd_playpause(struct control *c, struct control_client *cl,
    const char *arg)
{
	(void)arg;
	control_result(c, cl, engine_play_pause(c->engine));
}

/* status.c's "key: value" pairs into the reply */
static void
control_put(void *arg, const char *key, const char *value)
{
	control_key(arg, key, value);
}

static void
control_cmd_status(struct control *c, struct control_client *cl, const char *arg)
{
	struct engine_info in;

	(void)arg;
	engine_info(c->engine, &in);
	status_reply(engine_script(c->engine), &in, control_put, cl);
	control_ok(cl);
}

/* the lines of countdownd --list, each with the entry's description */
static void
control_cmd_list(struct control *c, struct control_client *cl, const char *arg)
{
	struct engine_info in;

	(void)arg;
	engine_info(c->engine, &in);
	status_list_reply(engine_script(c->engine), &in, control_put, cl);
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
	control_keyf(cl, "entries", "%zu", engine_script(c->engine)->nentries);
	control_ok(cl);
}

/* the client is answered when the entry playing now (or about to) ends */
static void
control_cmd_wait(struct control *c, struct control_client *cl, const char *arg)
{
	(void)arg;
	if (!engine_wait_ticket(c->engine, &cl->wait_for)) {
		control_ok(cl);
		return;
	}
	cl->waiting = true;
	c->nwaiting++;
}

static void control_cmd_help(struct control *, struct control_client *, const char *);

#define CONTROL_ROW(name, arg, help) { #name, arg, control_cmd_##name, help },
static const struct control_command control_commands[] = {
	CONTROL_COMMANDS(CONTROL_ROW)
};
#undef CONTROL_ROW

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
		if (script_kind(s->entries[i].kind)->ranked &&
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
