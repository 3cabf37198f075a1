/* SPDX-License-Identifier: GPL-3.0-or-later */
/* control: the socket and its clients; the commands are in control_cmd.c.
 *
 * Each client has a fixed input buffer (one line at most) and one reply
 * being sent. A client is read from only while it has no reply pending and
 * does not wait: one that sends and never reads fills its own socket, not
 * our memory. Clients are kept in order of their last activity, so the
 * first one that does not wait is the next to time out: one timerfd serves
 * them all, armed only while there are clients. */
#include "front/control_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "core/limits.h"
#include "util/loop.h"
#include "util/sockpath.h"
#include "util/timer.h"

/* events taken from the epoll set in one go */
#define CONTROL_EVENTS	32
/* connections accepted in one go, so that a flood does not starve the rest */
#define CONTROL_ACCEPTS	16

static double
control_now(void)
{
	return timer_now(CLOCK_MONOTONIC);
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
	timer_set(c->tfd, at, 0, TFD_TIMER_ABSTIME);
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
	control_run(c, cl, line, n);
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

/* after every round of the main loop: whatever happened may have ended
 * the entry a client waits for */
static void
control_check(void *arg)
{
	struct control *c = arg;
	struct control_client *cl, *next;

	if (c->nwaiting == 0)
		return;
	for (cl = TAILQ_FIRST(&c->clients); cl; cl = next) {
		next = TAILQ_NEXT(cl, link);
		if (!cl->waiting || !engine_wait_over(c->engine, cl->wait_for))
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

static void
control_on_fd(void *arg, short revents)
{
	struct control *c = arg;
	struct epoll_event ev[CONTROL_EVENTS];
	int i, n;

	(void)revents;
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
	int n;

	if (configured == NULL)
		return sockpath_daemon(buf, len);
	n = snprintf(buf, len, "%s", configured);
	return n < 0 || (size_t)n >= len || (size_t)n >= sizeof sun.sun_path ?
	    -1 : CONTROL_CONFIGURED;
}

/* the folder of the socket at path */
static void
control_dir(const char *path, char *dir, size_t len)
{
	snprintf(dir, len, "%.*s", (int)(strrchr(path, '/') - path), path);
}

/* the folder control_folder made, removed if it is still the one it made
 * and nothing is left in it (nobody's files are removed with it) */
static void
control_folder_remove(const char *path, dev_t dev, ino_t ino)
{
	char dir[sizeof ((struct sockaddr_un *)0)->sun_path];
	struct stat st;

	control_dir(path, dir, sizeof dir);
	if (lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_dev == dev &&
	    st.st_ino == ino && rmdir(dir) == -1 && errno != ENOTEMPTY &&
	    errno != EEXIST)
		log_warn("control: cannot remove %s", dir);
}

/* The folder of a default socket that is ours to make: /run/countdownd for
 * root (0755: the socket's own mode keeps others out), or the user's own
 * /tmp/countdownd-UID (0700), which must be a folder of this user's that no
 * one else may enter: /tmp is everyone's, and anyone could have made it
 * first. 0, or -1 with a warning. *made is set when the folder was made
 * here (*st then what it is), so that it goes when the daemon does. */
static int
control_folder(const char *path, int kind, bool *made, struct stat *st)
{
	char dir[sizeof ((struct sockaddr_un *)0)->sun_path];
	mode_t mode = kind == SOCKPATH_RUN ? 0755 : 0700;

	*made = false;
	if (kind != SOCKPATH_RUN && kind != SOCKPATH_PRIVATE)
		return 0;
	control_dir(path, dir, sizeof dir);
	if (mkdir(dir, mode) == 0) {
		/* the mode exactly, whatever the umask */
		if (chmod(dir, mode) == -1 || lstat(dir, st) == -1) {
			log_warn("control: %s", dir);
			rmdir(dir);
			return -1;
		}
		*made = true;
		return 0;
	}
	if (errno != EEXIST) {
		log_warn("control: cannot make %s", dir);
		return -1;
	}
	if (lstat(dir, st) == -1) {
		log_warn("control: %s", dir);
		return -1;
	}
	if (kind == SOCKPATH_PRIVATE && (!S_ISDIR(st->st_mode) ||
	    st->st_uid != geteuid() || (st->st_mode & 077) != 0)) {
		log_warnx("control: %s is not a private folder of this user's "
		    "(mode 0700, owner uid %u): not using it; remove it, or set "
		    "control.socket", dir, (unsigned)geteuid());
		return -1;
	}
	return 0;
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

static const struct loop_ops control_ops = {
	.ready = control_on_fd,
	.after = control_check,
};

struct control *
control_open(const char *configured, struct engine *e, struct loop *l,
    control_reload_fn reload, void *arg)
{
	char path[sizeof ((struct sockaddr_un *)0)->sun_path];
	struct control *c;
	struct stat dst = { 0 };
	bool made;
	int kind;

	if ((kind = control_path(configured, path, sizeof path)) == -1) {
		log_warnx("control: socket path too long; no control socket");
		return NULL;
	}
	if (control_folder(path, kind, &made, &dst) == -1) {
		log_warnx("control: no control socket; signals still work");
		return NULL;
	}
	if ((c = calloc(1, sizeof *c)) == NULL || (c->path = strdup(path)) == NULL) {
		free(c);
		if (made)
			control_folder_remove(path, dst.st_dev, dst.st_ino);
		log_warnx("control: out of memory");
		return NULL;
	}
	c->made_dir = made;
	c->dir_dev = dst.st_dev;
	c->dir_ino = dst.st_ino;
	c->engine = e;
	c->reload = reload;
	c->reload_arg = arg;
	c->lfd = c->epfd = c->tfd = -1;
	c->loop = l;
	TAILQ_INIT(&c->clients);
	TAILQ_INIT(&c->dead);
	if (control_listen(c) == -1)
		goto fail;
	if ((c->epfd = epoll_create1(EPOLL_CLOEXEC)) == -1 ||
	    (c->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK)) == -1 ||
	    control_add(c, c->lfd, &c->lfd) == -1 || control_add(c, c->tfd, &c->tfd) == -1 ||
	    (c->src = loop_add(l, c->epfd, &control_ops, c)) == NULL) {
		log_warn("control: epoll");
		goto fail;
	}
	c->accepting = true;
	log_debug("control: listening on %s", c->path);
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
	if (c->made_dir)
		control_folder_remove(c->path, c->dir_dev, c->dir_ino);
	loop_del(c->loop, c->src);
	if (c->lfd != -1)
		close(c->lfd);
	if (c->epfd != -1)
		close(c->epfd);
	if (c->tfd != -1)
		close(c->tfd);
	free(c->path);
	free(c);
}
