/* SPDX-License-Identifier: GPL-3.0-or-later */
/* loop: sources on pipes: what is called when, the events and timeouts a
 * source asks for, the afters in order, and sources removed while a round
 * runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/loop.h"
#include "util/timer.h"

/* a pipe and what was called on its source */
struct src {
	int		 fd[2];
	struct loop	*loop;
	struct loop_src	*src;
	short		 events;	/* what events() answers */
	int		 timeout;	/* what it asks, -1 none */
	int		 readies;
	short		 revents;	/* at the last ready */
	int		 afters;
	int		*order;		/* afters append their number here */
	int		 number;
	struct src	*victim;	/* removed by this one's ready */
	struct src	*spawn;		/* added by this one's ready */
	bool		 del_self;	/* removes itself in its after */
};

static const struct loop_ops src_ops;

static short
src_events(void *arg, int *timeout)
{
	struct src *s = arg;

	if (s->timeout >= 0 && (*timeout < 0 || s->timeout < *timeout))
		*timeout = s->timeout;
	return s->events;
}

static void
src_ready(void *arg, short revents)
{
	struct src *s = arg;
	char c;

	s->readies++;
	s->revents = revents;
	if (revents & POLLIN)
		(void)read(s->fd[0], &c, 1);
	if (s->victim) {
		loop_del(s->loop, s->victim->src);
		s->victim->src = NULL;
	}
	if (s->spawn)
		assert_non_null(s->spawn->src = loop_add(s->loop,
		    s->spawn->fd[0], &src_ops, s->spawn));
}

static void
src_after(void *arg)
{
	struct src *s = arg;

	s->afters++;
	if (s->order)
		*s->order++ = s->number;
	if (s->del_self) {
		loop_del(s->loop, s->src);
		s->src = NULL;
	}
}

static const struct loop_ops src_ops = { src_events, src_ready, src_after };
static const struct loop_ops plain_ops = { NULL, src_ready, NULL };

static void
src_open(struct src *s, struct loop *l, const struct loop_ops *ops)
{
	memset(s, 0, sizeof *s);
	assert_int_equal(pipe(s->fd), 0);
	s->loop = l;
	s->events = POLLIN;
	s->timeout = -1;
	assert_non_null(s->src = loop_add(l, s->fd[0], ops, s));
}

static void
src_close(struct src *s)
{
	loop_del(s->loop, s->src);
	close(s->fd[0]);
	if (s->fd[1] != -1)
		close(s->fd[1]);
}

static void
src_poke(struct src *s)
{
	assert_int_equal(write(s->fd[1], "x", 1), 1);
}

static void
test_ready(void **state)
{
	struct loop *l = loop_new();
	struct src a, b;

	(void)state;
	assert_non_null(l);
	src_open(&a, l, &src_ops);
	src_open(&b, l, &plain_ops);
	/* nothing ready: a timeout of 0 comes back at once, afters called */
	assert_int_equal(loop_round(l, 0), 0);
	assert_int_equal(a.readies + b.readies, 0);
	assert_int_equal(a.afters, 1);
	src_poke(&b);
	assert_int_equal(loop_round(l, 1000), 1);
	assert_int_equal(a.readies, 0);
	assert_int_equal(b.readies, 1);
	assert_int_equal(b.revents, POLLIN);
	assert_int_equal(a.afters, 2);
	src_poke(&a);
	src_poke(&b);
	assert_int_equal(loop_round(l, 1000), 2);
	assert_int_equal(a.readies, 1);
	assert_int_equal(b.readies, 2);
	/* a hangup is handed on */
	close(a.fd[1]);
	a.fd[1] = -1;
	assert_int_equal(loop_round(l, 1000), 1);
	assert_true(a.revents & POLLHUP);
	src_close(&a);
	src_close(&b);
	loop_free(l);
}

/* the events a source asks for, none leaving its fd out */
static void
test_events(void **state)
{
	struct loop *l = loop_new();
	struct src a;

	(void)state;
	src_open(&a, l, &src_ops);
	src_poke(&a);
	a.events = 0;
	assert_int_equal(loop_round(l, 0), 0);
	assert_int_equal(a.readies, 0);
	assert_int_equal(a.afters, 1);
	/* POLLOUT on the write end: always ready */
	src_close(&a);
	src_open(&a, l, &src_ops);
	loop_del(l, a.src);
	a.events = POLLOUT;
	assert_non_null(a.src = loop_add(l, a.fd[1], &src_ops, &a));
	assert_int_equal(loop_round(l, 1000), 1);
	assert_int_equal(a.revents, POLLOUT);
	src_close(&a);
	loop_free(l);
}

/* a timeout asked by a source ends the round; the shorter one wins, and
 * the caller's is lowered, never raised */
static void
test_timeout(void **state)
{
	struct loop *l = loop_new();
	struct src a, b;
	double t0, took;

	(void)state;
	src_open(&a, l, &src_ops);
	src_open(&b, l, &src_ops);
	a.timeout = 200;
	b.timeout = 20;
	t0 = timer_now(CLOCK_MONOTONIC);
	assert_int_equal(loop_round(l, -1), 0);
	took = timer_now(CLOCK_MONOTONIC) - t0;
	assert_true(took >= 0.015 && took < 0.15);
	assert_int_equal(a.afters, 1);
	assert_int_equal(b.afters, 1);
	t0 = timer_now(CLOCK_MONOTONIC);
	assert_int_equal(loop_round(l, 0), 0);
	assert_true(timer_now(CLOCK_MONOTONIC) - t0 < 0.015);
	src_close(&a);
	src_close(&b);
	loop_free(l);
}

/* afters in the order the sources were added, whichever was ready */
static void
test_after_order(void **state)
{
	struct loop *l = loop_new();
	struct src s[12];
	int order[12], i;

	(void)state;
	/* more than the first pollfd array holds */
	for (i = 0; i < 12; i++) {
		src_open(&s[i], l, &src_ops);
		s[i].number = i;
	}
	for (i = 0; i < 12; i++)
		s[i].order = &order[i];
	src_poke(&s[11]);
	src_poke(&s[3]);
	assert_int_equal(loop_round(l, 1000), 2);
	for (i = 0; i < 12; i++) {
		assert_int_equal(order[i], i);
		assert_int_equal(s[i].readies, i == 3 || i == 11);
	}
	for (i = 0; i < 12; i++)
		src_close(&s[i]);
	loop_free(l);
}

/* one source's ready removes another that is ready too: it is called
 * neither for its fd nor after; one removes itself in its after */
static void
test_del_in_round(void **state)
{
	struct loop *l = loop_new();
	struct src a, b, c;

	(void)state;
	src_open(&a, l, &src_ops);
	src_open(&b, l, &src_ops);
	src_open(&c, l, &src_ops);
	a.victim = &b;
	c.del_self = true;
	src_poke(&a);
	src_poke(&b);
	src_poke(&c);
	assert_int_equal(loop_round(l, 1000), 3);
	assert_int_equal(a.readies, 1);
	assert_int_equal(b.readies, 0);
	assert_int_equal(b.afters, 0);
	assert_int_equal(c.readies, 1);
	assert_int_equal(c.afters, 1);
	/* the next round has a alone: b's byte stays unread */
	a.victim = NULL;
	assert_int_equal(loop_round(l, 0), 0);
	assert_int_equal(a.afters, 2);
	assert_int_equal(b.readies + b.afters, 0);
	assert_int_equal(c.afters, 1);
	src_close(&a);
	src_close(&b);
	src_close(&c);
	loop_free(l);
}

/* a source added in a round is polled from the next one on */
static void
test_add_in_round(void **state)
{
	struct loop *l = loop_new();
	struct src a, b;

	(void)state;
	src_open(&a, l, &src_ops);
	src_open(&b, l, &src_ops);
	loop_del(l, b.src);
	b.src = NULL;
	a.spawn = &b;
	src_poke(&a);
	src_poke(&b);
	assert_int_equal(loop_round(l, 1000), 1);
	assert_int_equal(a.readies, 1);
	assert_int_equal(b.readies, 0);
	a.spawn = NULL;
	assert_int_equal(loop_round(l, 1000), 1);
	assert_int_equal(b.readies, 1);
	src_close(&a);
	src_close(&b);
	/* with nothing in it, a round with a timeout just waits */
	assert_int_equal(loop_round(l, 10), 0);
	loop_free(l);
	loop_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ready),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_after_order),
		cmocka_unit_test(test_del_in_round),
		cmocka_unit_test(test_add_in_round),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
