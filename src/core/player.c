/* SPDX-License-Identifier: GPL-3.0-or-later */
/* player: owns the clip while the audio thread reads it. */
#include "core/player.h"

#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "util/log.h"

/* audio thread: copy, nothing else */
static size_t
player_fill(void *arg, int16_t *out, size_t n)
{
	struct player *p = arg;
	size_t pos = atomic_load_explicit(&p->pos, memory_order_relaxed);
	size_t left = p->clip->nsamples - pos;

	if (n > left)
		n = left;
	memcpy(out, p->clip->pcm + pos, n * sizeof *out);
	atomic_store_explicit(&p->pos, pos + n, memory_order_relaxed);
	return n;
}

/* audio thread: the stream stopped (played out, aborted, or failed) */
static void
player_done(void *arg)
{
	struct player *p = arg;

	atomic_store(&p->done, true);
	eventfd_write(p->efd, 1);
}

int
player_init(struct player *p, const struct conf *c)
{
	memset(p, 0, sizeof *p);
	atomic_init(&p->pos, 0);
	atomic_init(&p->done, false);
	if ((p->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1)
		return -1;
	if ((p->sink = sink_new(c, player_fill, player_done, p)) == NULL) {
		close(p->efd);
		return -1;
	}
	return 0;
}

void
player_free(struct player *p)
{
	player_stop(p);
	sink_free(p->sink);
	close(p->efd);
}

int
player_set_output(struct player *p, const struct conf *c)
{
	struct sink *s = sink_new(c, player_fill, player_done, p);

	if (s == NULL)
		return -1;
	player_stop(p);
	sink_free(p->sink);
	p->sink = s;
	return 0;
}

int
player_play(struct player *p, struct clip *clip)
{
	player_stop(p);
	if (sink_open(p->sink) == -1)
		return -1;
	if (clip->rate != sink_rate(p->sink) &&
	    clip_resample(clip, sink_rate(p->sink)) == -1) {
		log_errorx("audio: cannot resample to %u Hz", sink_rate(p->sink));
		return -1;
	}
	p->clip = clip;
	atomic_store(&p->pos, 0);
	atomic_store(&p->done, false);
	if (sink_start(p->sink) == -1) {
		p->clip = NULL;
		player_reset(p);
		return -1;
	}
	p->state = PLAYER_PLAYING;
	return 0;
}

void
player_stop(struct player *p)
{
	eventfd_t v;

	/* closed while idle: an open stream keeps the audio server, and its
	 * client thread in this process, waking up */
	if (p->state != PLAYER_IDLE)
		sink_close(p->sink);
	clip_free(p->clip);
	p->clip = NULL;
	p->state = PLAYER_IDLE;
	atomic_store(&p->done, false);
	eventfd_read(p->efd, &v);	/* the stop's own "done" is not an end */
}

int
player_pause(struct player *p)
{
	eventfd_t v;

	size_t pos, unheard;

	if (p->state != PLAYER_PLAYING)
		return -1;
	sink_stop(p->sink);
	/* resume where the listener stopped hearing, not where the device
	 * had been fed up to */
	pos = atomic_load(&p->pos);
	unheard = sink_unheard(p->sink);
	atomic_store(&p->pos, pos > unheard ? pos - unheard : 0);
	atomic_store(&p->done, false);
	eventfd_read(p->efd, &v);
	p->state = PLAYER_PAUSED;
	return 0;
}

int
player_resume(struct player *p)
{
	if (p->state != PLAYER_PAUSED)
		return -1;
	if (sink_start(p->sink) == -1)
		return -1;
	p->state = PLAYER_PLAYING;
	return 0;
}

int
player_fd(const struct player *p)
{
	return p->efd;
}

enum player_outcome
player_check(struct player *p)
{
	eventfd_t v;

	eventfd_read(p->efd, &v);
	if (p->state != PLAYER_PLAYING || !atomic_load(&p->done))
		return PLAYER_NOTHING;
	sink_stop(p->sink);
	if (atomic_load(&p->pos) >= p->clip->nsamples)
		return PLAYER_ENDED;
	return PLAYER_FAILED;
}

void
player_reset(struct player *p)
{
	player_stop(p);
	sink_reset(p->sink);
}

/* what has been heard: a sink with a delay (snapcast) is still playing
 * out what it was handed, while paused too */
double
player_elapsed(const struct player *p)
{
	size_t pos, delay;

	if (p->clip == NULL || p->clip->rate == 0)
		return 0;
	pos = atomic_load(&p->pos);
	delay = sink_delay(p->sink);
	return (double)(pos > delay ? pos - delay : 0) / p->clip->rate;
}

enum player_state
player_state(const struct player *p)
{
	return p->state;
}

double
player_length(const struct player *p)
{
	return p->clip ? clip_seconds(p->clip) : 0;
}

const struct clip *
player_recorded(const struct player *p, size_t *start)
{
	size_t frames;

	if (p->clip == NULL)
		return NULL;
	frames = sink_frames(p->sink);
	if (frames < p->clip->nsamples)
		return NULL;
	*start = frames - p->clip->nsamples;
	return p->clip;
}

int
player_probe(struct player *p)
{
	if (sink_open(p->sink) == -1)
		return -1;
	sink_close(p->sink);
	return 0;
}
