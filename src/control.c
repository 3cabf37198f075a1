/* control: the socket, its clients, and the commands they send.
 *
 * Each client has a fixed input buffer (one line at most) and one reply
 * being sent. A client is read from only while it has no reply pending and
 * does not wait: one that sends and never reads fills its own socket, not
 * our memory. Clients are kept in order of their last activity, so the
 * first one that does not wait is the next to time out: one timerfd serves
 * them all, armed only while there are clients. */
#include "control.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "output.h"
#include "textbuf.h"

/* events taken from the epoll set in one go */
#define CONTROL_EVENTS	32
/* connections accepted in one go, so that a flood does not starve the rest */
#define CONTROL_ACCEPTS	16

struct control_client {
	TAILQ_ENTRY(control_client) link;
	int		 fd;
	uint32_t	 watching;	/* the epoll events asked for now */
	double		 last;		/* last read or write (monotonic) */
	char		 in[CONTROL_LINE_MAX];
	size_t		 inlen;
	struct textbuf	 out;		/* the reply being sent */
	size_t		 sent;
	bool		 eof;		/* the client sends no more */
	bool		 closing;	/* close once the reply is out */
	bool		 dead;		/* closed; freed after this round of events */
	bool		 waiting;	/* "wait" has no reply yet ... */
	unsigned long	 wait_for;	/* ... the engine's plays when it gets one */
};

TAILQ_HEAD(control_list, control_client);

struct control {
	struct engine		*engine;
	control_reload_fn	 reload;
	void			*reload_arg;
	char			*path;
	bool			 bound;		/* path is our socket ... */
	dev_t			 dev;		/* ... this one: removed at exit if */
	ino_t			 ino;		/* nobody replaced it meanwhile */
	int			 lfd, epfd, tfd;
	double			 armed;		/* the timer's deadline; 0 when off */
	bool			 accepting;	/* the listening socket is watched */
	size_t			 nclients;
	size_t			 nwaiting;
	struct control_list	 clients;	/* oldest activity first */
	struct control_list	 dead;
};

struct control_command {
	const char	*name;
	const char	*arg;		/* its argument, NULL for none */
	void		(*run)(struct control *, struct control_client *, const char *);
	const char	*help;
};

static double
control_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

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

static void
control_ok(struct control_client *cl)
{
	textbuf_puts(&cl->out, "OK\n");
}

static void control_err(struct control_client *, const char *, const char *, ...)
    LOG_PRINTF(3, 4);

static void
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
control_split(char *line, const char **cmd, const char **arg)
{
	char *p, *words[3] = { NULL, NULL, NULL };
	size_t n = 0;

	for (p = line; *p; p++)
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

static void
control_run(struct control *c, struct control_client *cl, char *line)
{
	const struct control_command *cmd = NULL;
	const char *name, *arg;
	size_t i;

	switch (control_split(line, &name, &arg)) {
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

/* ---- clients ---- */

static void
control_watch(struct control *c, struct control_client *cl, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = cl };

	if (events == cl->watching)
		return;
	if (epoll_ctl(c->epfd, EPOLL_CTL_MOD, cl->fd, &ev) == -1)
		log_warn("control: epoll_ctl");
	cl->watching = events;
}

static void
control_listen_again(struct control *c)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &c->lfd };

	if (!c->accepting && epoll_ctl(c->epfd, EPOLL_CTL_MOD, c->lfd, &ev) == 0)
		c->accepting = true;
}

/* closed at once; freed when no event of this round can name it any more */
static void
control_drop(struct control *c, struct control_client *cl)
{
	epoll_ctl(c->epfd, EPOLL_CTL_DEL, cl->fd, NULL);
	close(cl->fd);
	textbuf_reset(&cl->out);
	if (cl->waiting)
		c->nwaiting--;
	cl->waiting = false;
	cl->dead = true;
	TAILQ_REMOVE(&c->clients, cl, link);
	TAILQ_INSERT_TAIL(&c->dead, cl, link);
	c->nclients--;
	/* a slot, and an fd, are free again */
	control_listen_again(c);
}

static void
control_reap(struct control *c)
{
	struct control_client *cl;

	while ((cl = TAILQ_FIRST(&c->dead)) != NULL) {
		TAILQ_REMOVE(&c->dead, cl, link);
		free(cl);
	}
}

static void
control_touch(struct control *c, struct control_client *cl)
{
	cl->last = control_now();
	TAILQ_REMOVE(&c->clients, cl, link);
	TAILQ_INSERT_TAIL(&c->clients, cl, link);
}

/* the timer for the client that falls idle first; off without clients */
static void
control_arm(struct control *c)
{
	struct itimerspec its = { 0 };
	struct control_client *cl;
	double at = 0;

	TAILQ_FOREACH(cl, &c->clients, link)
		if (!cl->waiting) {
			at = cl->last + CONTROL_IDLE_SECONDS;
			break;
		}
	if (at == c->armed)
		return;
	c->armed = at;
	its.it_value.tv_sec = (time_t)at;
	its.it_value.tv_nsec = (long)((at - (double)(time_t)at) * 1e9);
	if (timerfd_settime(c->tfd, TFD_TIMER_ABSTIME, &its, NULL) == -1)
		log_warn("control: timerfd");
}

/* a last word, if the socket takes it; nothing waits for it */
static void
control_say(int fd, const char *line)
{
	(void)send(fd, line, strlen(line), MSG_NOSIGNAL | MSG_DONTWAIT);
}

static void
control_expire(struct control *c)
{
	struct control_client *cl, *next;
	double now = control_now();
	char msg[64];
	uint64_t n;

	if (read(c->tfd, &n, sizeof n) == -1)
		n = 0;		/* re-armed meanwhile: look all the same */
	snprintf(msg, sizeof msg, "ERR timeout nothing received for %d s\n",
	    CONTROL_IDLE_SECONDS);
	c->armed = 0;
	for (cl = TAILQ_FIRST(&c->clients); cl; cl = next) {
		next = TAILQ_NEXT(cl, link);
		if (cl->waiting)
			continue;
		/* the timer may round a nanosecond early */
		if (cl->last + CONTROL_IDLE_SECONDS > now + 1e-6)
			break;
		if (cl->out.len == 0)
			control_say(cl->fd, msg);
		log_debug("control: client idle for %d s, dropped", CONTROL_IDLE_SECONDS);
		control_drop(c, cl);
	}
}

static void
control_new(struct control *c, int fd)
{
	struct control_client *cl = calloc(1, sizeof *cl);
	struct epoll_event ev = { .events = EPOLLIN };

	if (cl == NULL) {
		close(fd);
		return;
	}
	cl->fd = fd;
	cl->watching = EPOLLIN;
	cl->last = control_now();
	ev.data.ptr = cl;
	if (epoll_ctl(c->epfd, EPOLL_CTL_ADD, fd, &ev) == -1) {
		log_warn("control: epoll_ctl");
		close(fd);
		free(cl);
		return;
	}
	TAILQ_INSERT_TAIL(&c->clients, cl, link);
	c->nclients++;
}

static void
control_accept(struct control *c)
{
	struct epoll_event ev = { .events = 0, .data.ptr = &c->lfd };
	int fd, i;

	for (i = 0; i < CONTROL_ACCEPTS; i++) {
		fd = accept4(c->lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (fd == -1 && (errno == EMFILE || errno == ENFILE)) {
			/* the listener would stay readable: a busy loop. It is
			 * watched again when a client leaves. */
			log_warn("control: cannot accept a client");
			if (epoll_ctl(c->epfd, EPOLL_CTL_MOD, c->lfd, &ev) == 0)
				c->accepting = false;
			return;
		}
		if (fd == -1)
			return;
		if (c->nclients >= CONTROL_MAX_CLIENTS) {
			control_say(fd, "ERR busy too many clients; try again\n");
			close(fd);
			continue;
		}
		control_new(c, fd);
	}
}

static void
control_read(struct control *c, struct control_client *cl)
{
	ssize_t n;

	if (cl->inlen == sizeof cl->in)
		return;
	n = read(cl->fd, cl->in + cl->inlen, sizeof cl->in - cl->inlen);
	if (n > 0) {
		cl->inlen += (size_t)n;
		control_touch(c, cl);
	} else if (n == 0)
		cl->eof = true;
	else if (errno != EAGAIN && errno != EINTR)
		control_drop(c, cl);
}

/* send what the socket takes; the reply is done once all of it went */
static void
control_send(struct control *c, struct control_client *cl)
{
	ssize_t n;

	if (cl->out.failed) {
		control_drop(c, cl);
		return;
	}
	while (cl->sent < cl->out.len) {
		n = send(cl->fd, cl->out.s + cl->sent, cl->out.len - cl->sent,
		    MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			if (errno != EAGAIN)
				control_drop(c, cl);
			return;
		}
		cl->sent += (size_t)n;
		control_touch(c, cl);
	}
	textbuf_reset(&cl->out);
	cl->sent = 0;
}

/* answer the first len bytes of the input: one line */
static void
control_line(struct control *c, struct control_client *cl, size_t len)
{
	char line[CONTROL_LINE_MAX + 1];
	size_t n = len;

	memcpy(line, cl->in, len);
	memmove(cl->in, cl->in + len, cl->inlen - len);
	cl->inlen -= len;
	if (n > 0 && line[n - 1] == '\n')
		n--;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	if (memchr(line, '\0', n) != NULL)
		control_err(cl, "usage", "not a command: printable ASCII, one "
		    "command a line (\"help\" lists them)");
	else
		control_run(c, cl, line);
}

/* Send the pending reply, then answer lines one by one while each reply
 * goes out at once; then watch for what lets the client go on. */
static void
control_advance(struct control *c, struct control_client *cl)
{
	char *nl;

	while (!cl->dead) {
		if (cl->out.len > 0 || cl->out.failed) {
			control_send(c, cl);
			if (cl->dead || cl->out.len > 0)
				break;
		}
		if (cl->waiting || cl->closing)
			break;
		if ((nl = memchr(cl->in, '\n', cl->inlen)) != NULL)
			control_line(c, cl, (size_t)(nl - cl->in) + 1);
		else if (cl->inlen == sizeof cl->in) {
			control_err(cl, "toolong", "a line is %d bytes at most; "
			    "closing", CONTROL_LINE_MAX);
			cl->closing = true;
		} else if (cl->eof && cl->inlen > 0)
			control_line(c, cl, cl->inlen);
		else if (cl->eof)
			cl->closing = true;
		else
			break;
	}
	if (cl->dead)
		return;
	if (cl->closing && cl->out.len == 0)
		control_drop(c, cl);
	else
		control_watch(c, cl, cl->out.len > 0 ? EPOLLOUT :
		    cl->waiting || cl->closing ? 0 : EPOLLIN);
}

static void
control_event(struct control *c, struct control_client *cl, uint32_t ev)
{
	if (cl->dead)
		return;
	/* hung up while waiting: nobody to answer */
	if (cl->waiting && (ev & (EPOLLHUP | EPOLLERR))) {
		control_drop(c, cl);
		return;
	}
	if ((ev & (EPOLLIN | EPOLLHUP | EPOLLERR)) && (cl->watching & EPOLLIN))
		control_read(c, cl);
	if (!cl->dead)
		control_advance(c, cl);
}

/* ---- the wait for an entry's end ---- */

static bool
control_wait_over(const struct control_client *cl, const struct engine *e)
{
	if (e->plays > cl->wait_for)
		return true;
	if (e->plays == cl->wait_for)
		return e->player.state == PLAYER_IDLE;
	/* its entry was being made: over if that play was called off */
	return e->player.state == PLAYER_IDLE && e->pending == PLAYLIST_NONE;
}

void
control_check(struct control *c)
{
	struct control_client *cl, *next;

	if (c == NULL || c->nwaiting == 0)
		return;
	for (cl = TAILQ_FIRST(&c->clients); cl; cl = next) {
		next = TAILQ_NEXT(cl, link);
		if (!cl->waiting || !control_wait_over(cl, c->engine))
			continue;
		cl->waiting = false;
		c->nwaiting--;
		control_ok(cl);
		control_touch(c, cl);
		control_advance(c, cl);
	}
	control_reap(c);
	control_arm(c);
}

int
control_fd(const struct control *c)
{
	return c->epfd;
}

void
control_on_fd(struct control *c)
{
	struct epoll_event ev[CONTROL_EVENTS];
	int i, n;

	n = epoll_wait(c->epfd, ev, CONTROL_EVENTS, 0);
	for (i = 0; i < n; i++) {
		if (ev[i].data.ptr == &c->lfd)
			control_accept(c);
		else if (ev[i].data.ptr == &c->tfd)
			control_expire(c);
		else
			control_event(c, ev[i].data.ptr, ev[i].events);
	}
	control_reap(c);
	control_arm(c);
}

/* ---- the socket ---- */

int
control_path(const char *configured, char *buf, size_t len)
{
	struct sockaddr_un sun;
	const char *dir;
	int n;

	if (configured)
		n = snprintf(buf, len, "%s", configured);
	else if ((dir = getenv("RUNTIME_DIRECTORY")) && *dir)
		/* several RuntimeDirectory= are joined with ':': the first */
		n = snprintf(buf, len, "%.*s/control", (int)strcspn(dir, ":"), dir);
	else if ((dir = getenv("XDG_RUNTIME_DIR")) && *dir)
		n = snprintf(buf, len, "%s/countdownd.sock", dir);
	else
		n = snprintf(buf, len, "/run/countdownd/control");
	return n < 0 || (size_t)n >= len || (size_t)n >= sizeof sun.sun_path ? -1 : 0;
}

/* Is another daemon listening there? 1 yes, 0 no (a stale socket), -1
 * cannot tell (the reason logged). */
static int
control_live(const struct sockaddr_un *sun)
{
	int fd, rc;

	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) == -1)
		return -1;
	rc = connect(fd, (const struct sockaddr *)sun, sizeof *sun);
	if (rc == 0 || errno == EAGAIN)
		rc = 1;
	else if (errno == ECONNREFUSED)
		rc = 0;
	else
		log_warn("control: %s", sun->sun_path);
	close(fd);
	return rc;
}

static int
control_listen(struct control *c)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct stat st;
	mode_t mask;
	int rc;

	if (strlen(c->path) >= sizeof sun.sun_path) {
		log_warnx("control: %s: path too long for a socket", c->path);
		return -1;
	}
	strcpy(sun.sun_path, c->path);
	if (lstat(c->path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_warnx("control: %s is there and is not a socket", c->path);
			return -1;
		}
		if ((rc = control_live(&sun)) != 0) {
			if (rc == 1)
				log_warnx("control: another countdownd answers at %s",
				    c->path);
			return -1;
		}
		if (unlink(c->path) == -1) {
			log_warn("control: cannot remove the stale socket %s", c->path);
			return -1;
		}
		log_info("control: removed the stale socket %s", c->path);
	}
	if ((c->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0)) == -1) {
		log_warn("control: socket");
		return -1;
	}
	/* the socket's mode comes from the umask: 0660, owner and group */
	mask = umask(0117);
	rc = bind(c->lfd, (struct sockaddr *)&sun, sizeof sun);
	umask(mask);
	if (rc == -1) {
		log_warn("control: cannot bind %s", c->path);
		return -1;
	}
	if (lstat(c->path, &st) == 0) {
		c->bound = true;
		c->dev = st.st_dev;
		c->ino = st.st_ino;
	}
	if (listen(c->lfd, SOMAXCONN) == -1) {
		log_warn("control: cannot listen on %s", c->path);
		return -1;
	}
	return 0;
}

static int
control_add(struct control *c, int fd, void *ptr)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = ptr };

	return epoll_ctl(c->epfd, EPOLL_CTL_ADD, fd, &ev);
}

struct control *
control_open(const char *path, struct engine *e, control_reload_fn reload, void *arg)
{
	struct control *c;

	if ((c = calloc(1, sizeof *c)) == NULL || (c->path = strdup(path)) == NULL) {
		free(c);
		log_warnx("control: out of memory");
		return NULL;
	}
	c->engine = e;
	c->reload = reload;
	c->reload_arg = arg;
	c->lfd = c->epfd = c->tfd = -1;
	TAILQ_INIT(&c->clients);
	TAILQ_INIT(&c->dead);
	if (control_listen(c) == -1)
		goto fail;
	if ((c->epfd = epoll_create1(EPOLL_CLOEXEC)) == -1 ||
	    (c->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK)) == -1 ||
	    control_add(c, c->lfd, &c->lfd) == -1 || control_add(c, c->tfd, &c->tfd) == -1) {
		log_warn("control: epoll");
		goto fail;
	}
	c->accepting = true;
	log_info("control: listening on %s", c->path);
	return c;
fail:
	log_warnx("control: no control socket; signals still work");
	control_close(c);
	return NULL;
}

void
control_close(struct control *c)
{
	struct control_client *cl;
	struct stat st;

	if (c == NULL)
		return;
	while ((cl = TAILQ_FIRST(&c->clients)) != NULL) {
		if (cl->waiting)
			control_say(cl->fd, "ERR stopping countdownd is stopping\n");
		control_drop(c, cl);
	}
	control_reap(c);
	/* remove the socket unless another daemon put its own there */
	if (c->bound && lstat(c->path, &st) == 0 && st.st_dev == c->dev &&
	    st.st_ino == c->ino)
		unlink(c->path);
	if (c->lfd != -1)
		close(c->lfd);
	if (c->epfd != -1)
		close(c->epfd);
	if (c->tfd != -1)
		close(c->tfd);
	free(c->path);
	free(c);
}
