/* SPDX-License-Identifier: GPL-3.0-or-later */
/* loop: the main thread's one poll(), after OpenBSD sndiod's file_new()
 * and file_poll(). A module adds each fd it serves with what to call when
 * it is ready, and removes it when it closes the fd; nobody else knows
 * its fds. The loop adds no timeout of its own: while no source asks for
 * one, a round sleeps until an fd is ready, so an idle daemon never
 * wakes. */
#ifndef LOOP_H
#define LOOP_H

#include <poll.h>

struct loop;
struct loop_src;

/* What a source is called for; every member may be NULL. */
struct loop_ops {
	/* Before each round: the poll() events to wait for (POLLIN when
	 * NULL; 0 leaves the fd out of this round), and *timeout (ms, -1
	 * none) lowered when the source must be called back by then even
	 * if its fd stays quiet (sd-bus). */
	short	(*events)(void *arg, int *timeout);
	/* the fd is ready: revents as poll() set them (an error or hangup
	 * included) */
	void	(*ready)(void *arg, short revents);
	/* after each round, whatever was ready, in the order the sources
	 * were added: for what any event may have changed (a client that
	 * waits for the entry to end, the desktop's view of it) */
	void	(*after)(void *arg);
};

/* NULL, with errno, when out of memory */
struct loop *loop_new(void);
/* frees what sources are left; their fds are their modules' */
void	loop_free(struct loop *l);
/* Serve fd with ops and arg (ops is kept, not copied) until loop_del. NULL,
 * with errno, when out of memory. */
struct loop_src *loop_add(struct loop *l, int fd, const struct loop_ops *ops,
	    void *arg);
/* Stop serving it, before its fd is closed; it is not called again, even
 * in the round under way. NULL is fine. */
void	loop_del(struct loop *l, struct loop_src *src);
/* One round: poll() every source for at most timeout ms (-1: until one
 * is ready or asks a timeout), call the ready ones, then every after.
 * Returns how many were ready (0: timed out, the afters called all the
 * same), or -1 with errno when poll() failed (EINTR included), nothing
 * called. */
int	loop_round(struct loop *l, int timeout);

#endif
