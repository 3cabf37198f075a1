/* SPDX-License-Identifier: GPL-3.0-or-later */
/* loop: owns the list of sources and the pollfd array built from it each
 * round. A source removed while a round runs (by its own callback or
 * another's) is only marked, and freed once the round is over, so that
 * the walk over the list never meets freed memory. */
#include "util/loop.h"

#include <stdbool.h>
#include <stdlib.h>
#include <sys/queue.h>

struct loop_src {
	TAILQ_ENTRY(loop_src)	 link;
	int			 fd;
	const struct loop_ops	*ops;
	void			*arg;
	int			 slot;	/* its pollfd this round, or -1 */
	bool			 gone;	/* removed during the round */
};

struct loop {
	TAILQ_HEAD(, loop_src)	 srcs;
	size_t			 nsrcs;
	struct pollfd		*pfd;	/* room for every source */
	size_t			 room;
	bool			 in_round;
};

struct loop *
loop_new(void)
{
	struct loop *l = calloc(1, sizeof *l);

	if (l != NULL)
		TAILQ_INIT(&l->srcs);
	return l;
}

static void
loop_unlink(struct loop *l, struct loop_src *src)
{
	TAILQ_REMOVE(&l->srcs, src, link);
	l->nsrcs--;
	free(src);
}

void
loop_free(struct loop *l)
{
	struct loop_src *src;

	if (l == NULL)
		return;
	while ((src = TAILQ_FIRST(&l->srcs)) != NULL)
		loop_unlink(l, src);
	free(l->pfd);
	free(l);
}

struct loop_src *
loop_add(struct loop *l, int fd, const struct loop_ops *ops, void *arg)
{
	struct loop_src *src;
	struct pollfd *pfd;
	size_t room;

	if (l->nsrcs == l->room) {
		room = l->room ? l->room * 2 : 8;
		if ((pfd = reallocarray(l->pfd, room, sizeof *pfd)) == NULL)
			return NULL;
		l->pfd = pfd;
		l->room = room;
	}
	if ((src = calloc(1, sizeof *src)) == NULL)
		return NULL;
	src->fd = fd;
	src->ops = ops;
	src->arg = arg;
	src->slot = -1;		/* added during a round: not polled in it */
	TAILQ_INSERT_TAIL(&l->srcs, src, link);
	l->nsrcs++;
	return src;
}

void
loop_del(struct loop *l, struct loop_src *src)
{
	if (src == NULL)
		return;
	if (l->in_round)
		src->gone = true;
	else
		loop_unlink(l, src);
}

int
loop_round(struct loop *l, int timeout)
{
	struct loop_src *src, *next;
	nfds_t n = 0;
	short events;
	int ready;

	TAILQ_FOREACH(src, &l->srcs, link) {
		events = src->ops->events ? src->ops->events(src->arg, &timeout) :
		    POLLIN;
		src->slot = events ? (int)n : -1;
		if (events)
			l->pfd[n++] = (struct pollfd){ .fd = src->fd, .events = events };
	}
	if ((ready = poll(l->pfd, n, timeout)) == -1)
		return -1;
	l->in_round = true;
	TAILQ_FOREACH(src, &l->srcs, link)
		if (!src->gone && src->slot != -1 && l->pfd[src->slot].revents &&
		    src->ops->ready)
			src->ops->ready(src->arg, l->pfd[src->slot].revents);
	TAILQ_FOREACH(src, &l->srcs, link)
		if (!src->gone && src->ops->after)
			src->ops->after(src->arg);
	l->in_round = false;
	for (src = TAILQ_FIRST(&l->srcs); src != NULL; src = next) {
		next = TAILQ_NEXT(src, link);
		if (src->gone)
			loop_unlink(l, src);
	}
	return ready;
}
