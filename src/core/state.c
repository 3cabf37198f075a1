/* SPDX-License-Identifier: GPL-3.0-or-later */
/* state: the saved position. Written so that a crash at any moment leaves
 * either the old file or the new one; read so that no content, however
 * broken, does more than produce an error message. */
#include "core/state.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "util/log.h"
#include "util/loop.h"
#include "util/timer.h"
#include "util/utf8.h"

#define STATE_HEADER	"countdownd-state"
#define STATE_VERSION	"1"
#define STATE_NUMBER_MAX 999999999	/* 9 digits: no overflow on reading */

/* keys seen while reading, as bits */
#define STATE_INDEX	0x1
#define STATE_KIND	0x2
#define STATE_RANK	0x4
#define STATE_TITLE	0x8

/* a title in the form it is saved and compared in */
static void
state_title(char *dst, const char *title)
{
	size_t n = 0, i;

	if (title != NULL) {
		n = strnlen(title, STATE_TITLE_MAX);
		if (n == STATE_TITLE_MAX) {
			/* cut before the character that does not fit whole */
			n = utf8_cut(title, n - 1);
		}
		memcpy(dst, title, n);
	}
	dst[n] = '\0';
	for (i = 0; i < n; i++)
		if ((unsigned char)dst[i] < 0x20 || dst[i] == 0x7f)
			dst[i] = ' ';
}

void
state_pos_set(struct state_pos *pos, const struct script *s, size_t i)
{
	const struct entry *e;

	memset(pos, 0, sizeof(*pos));
	if (i >= s->nentries) {
		pos->end = true;
		pos->index = s->nentries;
		return;
	}
	e = &s->entries[i];
	pos->index = i;
	pos->kind = e->kind;
	pos->rank = e->rank;
	state_title(pos->title, e->ntitles > 0 ? e->titles[0].text : NULL);
}

/* the file's text into buf; its length, or -1 (EINVAL) for a bad pos */
static int
state_format(char *buf, size_t len, const struct state_pos *pos)
{
	char title[STATE_TITLE_MAX];

	if (pos->end)
		return snprintf(buf, len, "%s %s\nindex end\n", STATE_HEADER,
		    STATE_VERSION);
	if (pos->index >= STATE_NUMBER_MAX || pos->rank < 0 ||
	    pos->rank > STATE_NUMBER_MAX ||
	    (unsigned)pos->kind >= ENTRY_NKINDS) {
		errno = EINVAL;
		return -1;
	}
	state_title(title, pos->title);
	return snprintf(buf, len, "%s %s\nindex %zu\nkind %s\nrank %d\n"
	    "title %s\n", STATE_HEADER, STATE_VERSION, pos->index + 1,
	    script_kind_name(pos->kind), pos->rank, title);
}

static int
state_write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* make the rename itself durable: fsync the folder that holds path */
static int
state_sync_dir(const char *path)
{
	char dir[PATH_MAX];
	char *slash;
	int fd, r, saved;

	snprintf(dir, sizeof(dir), "%s", path);	/* fits: the save checked */
	slash = strrchr(dir, '/');
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	r = fsync(fd);
	/* some file systems cannot sync a folder; the rename stands anyway */
	if (r == -1 && errno == EINVAL)
		r = 0;
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int
state_save(const char *path, const struct state_pos *pos)
{
	char text[STATE_FILE_MAX], tmp[PATH_MAX];
	int len, fd, saved;

	if ((len = state_format(text, sizeof(text), pos)) == -1)
		return -1;
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path) >=
	    sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1)
		return -1;
	if (state_write_all(fd, text, (size_t)len) == -1 || fsync(fd) == -1) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		saved = errno;
		goto fail;
	}
	return state_sync_dir(path);
fail:
	unlink(tmp);
	errno = saved;
	return -1;
}

/* read at most STATE_FILE_MAX + 1 bytes of path into buf: 0, 1 no file,
 * -1 with err set */
static int
state_read(const char *path, char *buf, size_t *len, char *err,
    size_t errlen)
{
	const char *why = NULL;
	struct stat st;
	ssize_t n;
	int fd;

	*len = 0;
	/* O_NONBLOCK: a FIFO at path must not hang the start-up */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd == -1) {
		if (errno == ENOENT)
			return 1;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	while (why == NULL && *len <= STATE_FILE_MAX) {
		n = read(fd, buf + *len, STATE_FILE_MAX + 1 - *len);
		if (n == -1 && errno != EINTR)
			why = strerror(errno);
		else if (n == 0)
			break;
		else if (n > 0)
			*len += (size_t)n;
	}
	close(fd);
	if (why == NULL)
		return 0;
	snprintf(err, errlen, "%s: %s", path, why);
	return -1;
}

/* 1 to 9 decimal digits (at most STATE_NUMBER_MAX), nothing else */
static int
state_number(const char *s, int *out)
{
	size_t n = strspn(s, "0123456789");

	if (n == 0 || n > 9 || s[n] != '\0')
		return -1;
	*out = atoi(s);
	return 0;
}

/* the value of one "key value" line into pos; NULL, or what is wrong */
static const char *
state_value(unsigned key, const char *val, struct state_pos *pos)
{
	int n;

	switch (key) {
	case STATE_INDEX:
		if (strcmp(val, "end") == 0) {
			pos->end = true;
			return NULL;
		}
		if (state_number(val, &n) == -1 || n < 1)
			return "bad index";
		pos->index = (size_t)n - 1;
		return NULL;
	case STATE_KIND:
		return script_kind_by_name(val, &pos->kind) == -1 ? "bad kind" : NULL;
	case STATE_RANK:
		return state_number(val, &pos->rank) == -1 ? "bad rank" : NULL;
	default:
		if (strlen(val) >= STATE_TITLE_MAX)
			return "title too long";
		state_title(pos->title, val);
		return NULL;
	}
}

/* one line after the header; NULL, or what is wrong with it */
static const char *
state_line(char *line, struct state_pos *pos, unsigned *seen)
{
	static const struct {
		const char	*name;
		unsigned	 bit;
		const char	*twice;
	} keys[] = {
		{ "index", STATE_INDEX, "index given twice" },
		{ "kind", STATE_KIND, "kind given twice" },
		{ "rank", STATE_RANK, "rank given twice" },
		{ "title", STATE_TITLE, "title given twice" },
	};
	char *val = line + strcspn(line, " ");
	size_t i;

	if (*val != '\0')
		*val++ = '\0';
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(line, keys[i].name) != 0)
			continue;
		if (*seen & keys[i].bit)
			return keys[i].twice;
		*seen |= keys[i].bit;
		return state_value(keys[i].bit, val, pos);
	}
	return "unknown key";
}

static const char *
state_header(const char *line)
{
	if (strcmp(line, STATE_HEADER " " STATE_VERSION) == 0)
		return NULL;
	if (strncmp(line, STATE_HEADER " ", strlen(STATE_HEADER " ")) == 0)
		return "unsupported version (this countdownd reads version "
		    STATE_VERSION ")";
	return "not a countdownd state file";
}

/* what the whole file lacks, or NULL */
static const char *
state_complete(unsigned seen, const struct state_pos *pos)
{
	if (!(seen & STATE_INDEX))
		return "no index";
	if (pos->end)
		return NULL;
	if (!(seen & STATE_KIND))
		return "no kind";
	if (!(seen & STATE_RANK))
		return "no rank";
	if (!(seen & STATE_TITLE))
		return "no title";
	return NULL;
}

/* the first line of buf[0..len) with a byte that is not text, or 0 */
static int
state_binary(const char *buf, size_t len)
{
	int line = 1;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\n')
			line++;
		else if (c < 0x20 || c == 0x7f)
			return line;
	}
	return 0;
}

static int
state_parse(const char *path, char *buf, size_t len, struct state_pos *pos,
    char *err, size_t errlen)
{
	const char *why = NULL;
	unsigned seen = 0;
	char *line = buf, *nl;
	int lineno;

	if ((lineno = state_binary(buf, len)) != 0) {
		snprintf(err, errlen, "%s:%d: not text", path, lineno);
		return -1;
	}
	buf[len] = '\0';
	for (lineno = 1; why == NULL && *line != '\0'; lineno++) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		if (lineno == 1)
			why = state_header(line);
		else if (*line != '\0')
			why = state_line(line, pos, &seen);
		if (why == NULL && nl == NULL)
			why = "truncated: no newline at the end";
		line = nl != NULL ? nl + 1 : line + strlen(line);
	}
	if (why != NULL) {
		snprintf(err, errlen, "%s:%d: %s", path, lineno - 1, why);
		return -1;
	}
	if ((why = state_complete(seen, pos)) != NULL) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	return 0;
}

int
state_load(const char *path, struct state_pos *pos, char *err,
    size_t errlen)
{
	char buf[STATE_FILE_MAX + 2];
	size_t len;
	int r;

	memset(pos, 0, sizeof(*pos));
	if ((r = state_read(path, buf, &len, err, errlen)) != 0)
		return r;
	if (len == 0) {
		snprintf(err, errlen, "%s: empty", path);
		return -1;
	}
	if (len > STATE_FILE_MAX) {
		snprintf(err, errlen, "%s: too large for a state file", path);
		return -1;
	}
	if (state_parse(path, buf, len, pos, err, errlen) == 0)
		return 0;
	memset(pos, 0, sizeof(*pos));
	return -1;
}

/* the same entry: kind, rank and first title alike */
static bool
state_same(const struct state_pos *pos, const struct entry *e)
{
	char title[STATE_TITLE_MAX];

	if (e->kind != pos->kind || e->rank != pos->rank)
		return false;
	state_title(title, e->ntitles > 0 ? e->titles[0].text : NULL);
	return strcmp(title, pos->title) == 0;
}

size_t
state_match(const struct state_pos *pos, const struct script *s,
    bool *matched)
{
	size_t i;

	*matched = true;
	if (pos->end)
		return s->nentries;
	if (pos->index < s->nentries && state_same(pos, &s->entries[pos->index]))
		return pos->index;
	for (i = 0; i < s->nentries; i++)
		if (state_same(pos, &s->entries[i]))
			return i;
	*matched = false;
	return 0;
}

struct state_writer {
	const char	*path;		/* borrowed; NULL: no persistence */
	struct state_pos pos;		/* the position to write ... */
	bool		 due;		/* ... when the last try failed */
	int		 err;		/* ... and why */
	int		 fd;		/* when to try it again */
	struct loop	*loop;
	struct loop_src	*src;
};

/* Write w->pos: a failure is logged once per reason and arms the retry;
 * the success after one disarms it. */
static void
state_writer_write(struct state_writer *w)
{
	int err;

	if (w->path != NULL && state_save(w->path, &w->pos) == -1) {
		err = errno;
		if (!w->due || err != w->err)
			log_warnx("cannot save the position to %s: %s; trying "
			    "again every %g s", w->path, strerror(err),
			    STATE_RETRY_SECONDS);
		if (!w->due)
			timer_set(w->fd, STATE_RETRY_SECONDS, STATE_RETRY_SECONDS, 0);
		w->due = true;
		w->err = err;
		return;
	}
	if (w->due) {
		if (w->path != NULL)
			log_info("position saved again to %s", w->path);
		timer_set(w->fd, 0, 0, 0);
		w->due = false;
	}
}

static void
state_writer_retry(void *arg, short revents)
{
	struct state_writer *w = arg;
	uint64_t n;

	(void)revents;
	if (read(w->fd, &n, sizeof n) > 0 && w->due)
		state_writer_write(w);
}

static const struct loop_ops state_writer_ops = {
	.ready = state_writer_retry,
};

struct state_writer *
state_writer_new(struct loop *l)
{
	struct state_writer *w = calloc(1, sizeof *w);

	if (w != NULL && (w->fd = timerfd_create(CLOCK_MONOTONIC,
	    TFD_CLOEXEC | TFD_NONBLOCK)) != -1) {
		w->loop = l;
		if ((w->src = loop_add(l, w->fd, &state_writer_ops, w)) != NULL)
			return w;
		close(w->fd);
	}
	free(w);
	return NULL;
}

void
state_writer_free(struct state_writer *w)
{
	if (w == NULL)
		return;
	loop_del(w->loop, w->src);
	close(w->fd);
	free(w);
}

void
state_writer_path(struct state_writer *w, const char *path)
{
	w->path = path;
}

void
state_writer_save(struct state_writer *w, const struct script *s, size_t i)
{
	if (w->path == NULL)
		return;
	state_pos_set(&w->pos, s, i);
	state_writer_write(w);
}

void
state_writer_flush(struct state_writer *w)
{
	if (w->due)
		state_writer_write(w);
}
