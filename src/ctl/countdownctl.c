/* SPDX-License-Identifier: GPL-3.0-or-later */
/* countdownctl: the control client of countdownd (countdownctl(1)). It
 * sends one command line on the control socket and prints the reply, whose
 * "key: value" lines end in "OK" or "ERR CODE MESSAGE". Exit status: 0 OK,
 * 1 ERR, 2 no daemon to ask, 64 usage. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "core/limits.h"
#include "front/control_table.h"
#include "util/sockpath.h"

#define CTL_OK		0
#define CTL_ERR		1
#define CTL_UNREACHABLE	2

#define CTL_FOLLOW_MS	500	/* between two redraws of status --follow */

struct ctl_conn {
	int		 fd;
	char		 path[PATH_MAX];	/* where it answered */
	char		*buf;		/* what came and is not a line yet */
	size_t		 len, cap;
	char		*line;		/* the line ctl_getline returned */
};

/* one reply: its "key: value" lines, and the error after ERR */
struct ctl_reply {
	char	**keys;
	char	**values;
	size_t	  n;
	char	 *err;		/* "CODE MESSAGE", or NULL after OK */
};

struct ctl_options {
	const char	*socket;
	const char	*cmd;
	const char	*arg;
	bool		 json;
	bool		 follow;
};

/* the daemon's commands (control_table.h): a command it does not know, or
 * without the argument it needs, is refused here before connecting */
struct ctl_command {
	const char	*name;
	const char	*arg;		/* its argument, NULL for none */
};

#define CTL_ROW(name, arg, help) { #name, arg },
static const struct ctl_command ctl_commands[] = {
	CONTROL_COMMANDS(CTL_ROW)
};
#undef CTL_ROW

#define CTL_NCOMMANDS (sizeof ctl_commands / sizeof ctl_commands[0])

static noreturn void
ctl_usage(int rc)
{
	FILE *out = rc ? stderr : stdout;
	size_t i, col, w;

	fprintf(out, "usage: countdownctl [-s SOCKET] COMMAND [ARG]\n"
	    "       countdownctl [-s SOCKET] status [--json | --follow]\n"
	    "       countdownctl [-s SOCKET] list [--json]\n"
	    "commands:");
	for (i = 0, col = 9; i < CTL_NCOMMANDS; i++) {
		w = strlen(ctl_commands[i].name) + (ctl_commands[i].arg ?
		    strlen(ctl_commands[i].arg) + 1 : 0);
		if (i > 0 && col + 2 + w > 72) {
			fprintf(out, ",\n         ");
			col = 9;
		} else if (i > 0) {
			fputc(',', out);
			col++;
		}
		fprintf(out, " %s%s%s", ctl_commands[i].name, ctl_commands[i].arg ?
		    " " : "", ctl_commands[i].arg ? ctl_commands[i].arg : "");
		col += 1 + w;
	}
	fputc('\n', out);
	exit(rc);
}

/* what the daemon would answer "ERR usage" to, said here: exit 64 */
static void
ctl_check_command(const char *cmd, const char *arg)
{
	const struct ctl_command *c = NULL;
	size_t i;

	for (i = 0; i < CTL_NCOMMANDS && c == NULL; i++)
		if (strcmp(cmd, ctl_commands[i].name) == 0)
			c = &ctl_commands[i];
	if (c == NULL)
		fprintf(stderr, "countdownctl: unknown command \"%s\"\n", cmd);
	else if (c->arg && arg == NULL)
		fprintf(stderr, "countdownctl: %s needs an argument: %s %s\n",
		    c->name, c->name, c->arg);
	else if (c->arg == NULL && arg)
		fprintf(stderr, "countdownctl: %s takes no argument\n", c->name);
	else
		return;
	ctl_usage(EX_USAGE);
}

static void *
ctl_alloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		fprintf(stderr, "countdownctl: out of memory\n");
		exit(CTL_ERR);
	}
	return p;
}

static char *
ctl_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(ctl_alloc(NULL, n), s, n);
}

static noreturn void
ctl_unreachable(const char *path, const char *why)
{
	fprintf(stderr, "countdownctl: cannot reach countdownd at %s: %s\n"
	    "countdownctl: is countdownd running? Its socket is control.socket in "
	    "countdownd.conf(5); give it with -s SOCKET\n", path, why);
	exit(CTL_UNREACHABLE);
}

/* 0, or an errno */
static int
ctl_connect(struct ctl_conn *c, const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, err;

	if (strlen(path) >= sizeof sun.sun_path)
		return ENAMETOOLONG;
	strcpy(sun.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return errno;
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) == -1) {
		err = errno;
		close(fd);
		return err;
	}
	c->fd = fd;
	snprintf(c->path, sizeof c->path, "%s", path);
	return 0;
}

/* Without -s: where the daemon puts its socket by default, in its order
 * (sockpath.h): the user service, a daemon started by hand, the system
 * service. */
static void
ctl_open(struct ctl_conn *c, const char *path)
{
	char tried[SOCKPATH_MAX_PLACES][SOCKPATH_LEN];
	int err[SOCKPATH_MAX_PLACES];
	size_t n, i;

	memset(c, 0, sizeof *c);
	if (path) {
		if ((err[0] = ctl_connect(c, path)) != 0)
			ctl_unreachable(path, strerror(err[0]));
		return;
	}
	n = sockpath_places(tried, SOCKPATH_MAX_PLACES);
	for (i = 0; i < n; i++)
		if ((err[i] = ctl_connect(c, tried[i])) == 0)
			return;
	fprintf(stderr, "countdownctl: cannot reach countdownd; tried:\n");
	for (i = 0; i < n; i++)
		fprintf(stderr, "countdownctl:   %s: %s\n", tried[i],
		    err[i] == ENOENT ? "no socket there" : strerror(err[i]));
	fprintf(stderr, "countdownctl: is countdownd running? Give its socket "
	    "(control.socket in countdownd.conf(5)) with -s SOCKET\n");
	exit(CTL_UNREACHABLE);
}

/* The daemon hung up before the command went: it may have said why
 * ("ERR busy", too many clients) before it did. */
static noreturn void
ctl_refused(struct ctl_conn *c)
{
	char buf[512], *nl;
	ssize_t n;
	int err = errno;

	n = recv(c->fd, buf, sizeof buf - 1, MSG_DONTWAIT);
	if (n > 4 && strncmp(buf, "ERR ", 4) == 0) {
		buf[n] = '\0';
		if ((nl = strchr(buf, '\n')) != NULL)
			*nl = '\0';
		nl = strchr(buf + 4, ' ');
		fprintf(stderr, "countdownctl: %s\n", nl ? nl + 1 : buf + 4);
		exit(CTL_ERR);
	}
	ctl_unreachable(c->path, strerror(err));
}

static void
ctl_send(struct ctl_conn *c, const char *cmd, const char *arg)
{
	char line[4096];
	size_t len, off = 0;
	ssize_t n;
	int w;

	w = snprintf(line, sizeof line, "%s%s%s\n", cmd, arg ? " " : "", arg ? arg : "");
	if (w < 0 || (size_t)w >= sizeof line) {
		fprintf(stderr, "countdownctl: command too long\n");
		ctl_usage(EX_USAGE);
	}
	for (len = (size_t)w; off < len; off += (size_t)n)
		if ((n = send(c->fd, line + off, len - off, MSG_NOSIGNAL)) == -1) {
			if (errno != EINTR)
				ctl_refused(c);
			n = 0;
		}
}

/* the next line, without its newline (valid until the next call) */
static char *
ctl_getline(struct ctl_conn *c, int timeout_ms)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	char *nl;
	size_t n;
	ssize_t r;

	while ((nl = c->len ? memchr(c->buf, '\n', c->len) : NULL) == NULL) {
		if (c->cap - c->len < 4096)
			c->buf = ctl_alloc(c->buf, c->cap = c->cap * 2 + 4096);
		if ((r = poll(&pfd, 1, timeout_ms)) == 0) {
			fprintf(stderr, "countdownctl: no answer from countdownd at %s "
			    "within %d s\n", c->path, timeout_ms / 1000);
			exit(CTL_UNREACHABLE);
		}
		if (r == 1)
			r = read(c->fd, c->buf + c->len, c->cap - c->len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			ctl_unreachable(c->path, r == 0 ? "it hung up before it "
			    "answered" : strerror(errno));
		c->len += (size_t)r;
	}
	n = (size_t)(nl - c->buf);
	c->line = ctl_alloc(c->line, n + 1);
	memcpy(c->line, c->buf, n);
	c->line[n] = '\0';
	memmove(c->buf, nl + 1, c->len - n - 1);
	c->len -= n + 1;
	return c->line;
}

static void
ctl_reply_free(struct ctl_reply *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->keys[i]);
		free(r->values[i]);
	}
	free(r->keys);
	free(r->values);
	free(r->err);
	memset(r, 0, sizeof *r);
}

static void
ctl_receive(struct ctl_conn *c, struct ctl_reply *r, int timeout_ms)
{
	char *line, *colon;

	ctl_reply_free(r);
	for (;;) {
		line = ctl_getline(c, timeout_ms);
		if (strcmp(line, "OK") == 0)
			return;
		if (strncmp(line, "ERR ", 4) == 0) {
			r->err = ctl_strdup(line + 4);
			return;
		}
		if ((colon = strstr(line, ": ")) == NULL)
			continue;	/* not ours to read: skipped */
		*colon = '\0';
		r->keys = ctl_alloc(r->keys, (r->n + 1) * sizeof *r->keys);
		r->values = ctl_alloc(r->values, (r->n + 1) * sizeof *r->values);
		r->keys[r->n] = ctl_strdup(line);
		r->values[r->n] = ctl_strdup(colon + 2);
		r->n++;
	}
}

static const char *
ctl_get(const struct ctl_reply *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->keys[i], key) == 0)
			return r->values[i];
	return NULL;
}

/* ERR CODE MESSAGE: the message is for people */
static int
ctl_error(const struct ctl_reply *r)
{
	const char *msg = strchr(r->err, ' ');

	fprintf(stderr, "countdownctl: %s\n", msg ? msg + 1 : r->err);
	return CTL_ERR;
}

/* ---- JSON ---- */

static void
ctl_json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", (unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

/* numbers are numbers; an empty one is null */
static void
ctl_json_value(const char *key, const char *value)
{
	static const char *numbers[] = {
		"entries", "index", "rank", "elapsed", "total", "next", "due",
		"current", NULL
	};
	size_t i;

	for (i = 0; numbers[i]; i++)
		if (strcmp(key, numbers[i]) == 0) {
			printf("%s", *value ? value : "null");
			return;
		}
	ctl_json_string(value);
}

static void
ctl_json_object(const struct ctl_reply *r)
{
	size_t i;

	putchar('{');
	for (i = 0; i < r->n; i++) {
		printf("%s", i ? ", " : "");
		ctl_json_string(r->keys[i]);
		printf(": ");
		ctl_json_value(r->keys[i], r->values[i]);
	}
	printf("}\n");
}

/* ---- commands ---- */

static int
ctl_status(struct ctl_conn *c, const struct ctl_options *o)
{
	struct ctl_reply r = { 0 };
	const char *text, *next;
	int rc = CTL_OK;

	ctl_send(c, "status", NULL);
	ctl_receive(c, &r, CTL_TIMEOUT_MS);
	if (r.err)
		rc = ctl_error(&r);
	else if (o->json)
		ctl_json_object(&r);
	else {
		text = ctl_get(&r, "text");
		next = ctl_get(&r, "next_text");
		printf("%s\n%s\n", text ? text : "?", next ? next : "?");
	}
	ctl_reply_free(&r);
	return rc;
}

static void
ctl_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* The progress line, redrawn in place on a terminal (else one line each
 * time it changes) until the entry that plays now ends. */
static int
ctl_follow(struct ctl_conn *c)
{
	struct ctl_reply r = { 0 };
	char *index = NULL, *last = NULL;
	const char *state, *text, *i;
	bool tty = isatty(STDOUT_FILENO);

	for (;;) {
		ctl_send(c, "status", NULL);
		ctl_receive(c, &r, CTL_TIMEOUT_MS);
		if (r.err)
			return ctl_error(&r);
		state = ctl_get(&r, "state");
		text = ctl_get(&r, "text");
		i = ctl_get(&r, "index");
		if (state == NULL || text == NULL || strcmp(state, "idle") == 0 ||
		    (index && (i == NULL || strcmp(i, index) != 0)))
			break;
		if (index == NULL)
			index = ctl_strdup(i ? i : "");
		if (tty)
			printf("\r\033[K%s", text);
		else if (last == NULL || strcmp(last, text) != 0)
			printf("%s\n", text);
		fflush(stdout);
		free(last);
		last = ctl_strdup(text);
		ctl_sleep_ms(CTL_FOLLOW_MS);
	}
	if (index == NULL)	/* nothing played: the status, once */
		printf("%s\n%s\n", text ? text : "?", ctl_get(&r, "next_text") ?
		    ctl_get(&r, "next_text") : "?");
	else if (tty)
		putchar('\n');
	free(index);
	free(last);
	ctl_reply_free(&r);
	return CTL_OK;
}

/* an entry line: INDEX KIND RANK TITLES CREDIT YEARS DESCRIPTION, tabs */
static size_t
ctl_fields(char *line, char *f[7])
{
	size_t n = 0;

	f[n++] = line;
	while (n < 7 && (line = strchr(line, '\t')) != NULL) {
		*line++ = '\0';
		f[n++] = line;
	}
	return n;
}

static void
ctl_list_json(const struct ctl_reply *r, const char *current, const char *next)
{
	static const char *names[] = {
		"index", "kind", "rank", "titles", "credit", "years", "entry"
	};
	char *f[7];
	size_t i, k, n, count = 0;

	putchar('[');
	for (i = 0; i < r->n; i++) {
		if (strcmp(r->keys[i], "entry") != 0 ||
		    (n = ctl_fields(r->values[i], f)) != 7)
			continue;
		printf("%s\n  {", count++ ? "," : "");
		for (k = 0; k < n; k++) {
			printf("%s\"%s\": ", k ? ", " : "", names[k]);
			ctl_json_value(names[k], f[k]);
		}
		printf(", \"current\": %s, \"next\": %s}",
		    current && strcmp(current, f[0]) == 0 ? "true" : "false",
		    next && strcmp(next, f[0]) == 0 ? "true" : "false");
	}
	printf("%s]\n", count ? "\n" : "");
}

/* "> 4  #8 ...": > plays (or is paused, or starting), * plays next */
static int
ctl_list(struct ctl_conn *c, const struct ctl_options *o)
{
	struct ctl_reply r = { 0 };
	const char *current, *next;
	char *f[7];
	size_t i;
	int rc = CTL_OK;

	ctl_send(c, "list", NULL);
	ctl_receive(c, &r, CTL_TIMEOUT_MS);
	current = ctl_get(&r, "current");
	next = ctl_get(&r, "next");
	if (r.err)
		rc = ctl_error(&r);
	else if (o->json)
		ctl_list_json(&r, current, next);
	else
		for (i = 0; i < r.n; i++) {
			if (strcmp(r.keys[i], "entry") != 0 ||
			    ctl_fields(r.values[i], f) != 7)
				continue;
			printf("%c %2s  %s\n", current && strcmp(current, f[0]) == 0 ?
			    '>' : next && strcmp(next, f[0]) == 0 ? '*' : ' ', f[0], f[6]);
		}
	ctl_reply_free(&r);
	return rc;
}

/* any other command: its reply lines as they come */
static int
ctl_command(struct ctl_conn *c, const struct ctl_options *o)
{
	struct ctl_reply r = { 0 };
	size_t i;
	int rc = CTL_OK;

	ctl_send(c, o->cmd, o->arg);
	/* wait's answer comes when the entry ends, however long it is */
	ctl_receive(c, &r, strcmp(o->cmd, "wait") == 0 ? -1 : CTL_TIMEOUT_MS);
	for (i = 0; i < r.n; i++)
		printf("%s: %s\n", r.keys[i], r.values[i]);
	if (r.err)
		rc = ctl_error(&r);
	ctl_reply_free(&r);
	return rc;
}

static void
ctl_parse(int argc, char **argv, struct ctl_options *o)
{
	static const struct option longopts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "follow", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof *o);
	while ((ch = getopt_long(argc, argv, "s:jfh", longopts, NULL)) != -1) {
		switch (ch) {
		case 's': o->socket = optarg; break;
		case 'j': o->json = true; break;
		case 'f': o->follow = true; break;
		case 'h': ctl_usage(0);
		default: ctl_usage(EX_USAGE);
		}
	}
	if (optind == argc || argc - optind > 2)
		ctl_usage(EX_USAGE);
	o->cmd = argv[optind];
	o->arg = argv[optind + 1];
	/* one line, one command: no newline may smuggle in a second */
	if (strpbrk(o->cmd, "\r\n") || (o->arg && strpbrk(o->arg, "\r\n")))
		ctl_usage(EX_USAGE);
	if (o->json && strcmp(o->cmd, "status") != 0 && strcmp(o->cmd, "list") != 0)
		ctl_usage(EX_USAGE);
	if (o->follow && (strcmp(o->cmd, "status") != 0 || o->json))
		ctl_usage(EX_USAGE);
	ctl_check_command(o->cmd, o->arg);
}

int
main(int argc, char **argv)
{
	struct ctl_options o;
	struct ctl_conn c;
	int rc;

	ctl_parse(argc, argv, &o);
	ctl_open(&c, o.socket);
	if (strcmp(o.cmd, "status") == 0)
		rc = o.follow ? ctl_follow(&c) : ctl_status(&c, &o);
	else if (strcmp(o.cmd, "list") == 0)
		rc = ctl_list(&c, &o);
	else
		rc = ctl_command(&c, &o);
	close(c.fd);
	free(c.buf);
	free(c.line);
	return rc;
}
