/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sink_file: clips appended to a WAV or FLAC file (audiofile), paced like
 * a real device by a thread that pulls one period every 10 ms of wall time.
 * The thread sleeps on a condition variable between clips. The file stays
 * open from the first play until the sink is reset or freed, so that every
 * entry of a session goes into one file whatever its format. */
#include "output/sink_backend.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "production/audiofile.h"
#include "speech/clip.h"
#include "util/log.h"

#define SINK_FILE_PERIOD_NS 10000000L

struct sink_file {
	struct audiofile *af;
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	bool		 running;	/* pulling from fill */
	bool		 busy;		/* inside fill, write or done */
	bool		 quit;
};

static void
sink_file_tick(struct timespec *t)
{
	t->tv_nsec += SINK_FILE_PERIOD_NS;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_nsec -= 1000000000L;
		t->tv_sec++;
	}
}

static void *
sink_file_main(void *arg)
{
	struct sink *s = arg;
	struct sink_file *f = s->priv;
	size_t period = (size_t)s->rate * SINK_FILE_PERIOD_NS / 1000000000L;
	int16_t *buf = calloc(period, sizeof *buf);
	struct timespec due;
	char err[128];

	/* start may come before this thread first runs: then there is no
	 * wait below to set the first due time */
	clock_gettime(CLOCK_MONOTONIC, &due);
	pthread_mutex_lock(&f->mu);
	while (!f->quit && buf != NULL) {
		size_t n;

		if (!f->running) {
			pthread_cond_wait(&f->cv, &f->mu);
			clock_gettime(CLOCK_MONOTONIC, &due);
			continue;
		}
		f->busy = true;
		pthread_mutex_unlock(&f->mu);
		n = s->fill(s->arg, buf, period);
		/* a failed write shows as a clip that did not play out */
		if (audiofile_write(f->af, buf, n, err, sizeof err) == -1)
			n = 0;
		if (n < period) {
			audiofile_sync(f->af);
			s->done(s->arg);
		}
		pthread_mutex_lock(&f->mu);
		f->busy = false;
		if (n < period)
			f->running = false;
		pthread_cond_broadcast(&f->cv);
		if (!f->running)
			continue;
		pthread_mutex_unlock(&f->mu);
		sink_file_tick(&due);
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL) == EINTR)
			;
		pthread_mutex_lock(&f->mu);
	}
	pthread_mutex_unlock(&f->mu);
	free(buf);
	return NULL;
}

/* the file is opened once (backend_up) and kept; the thread is per open */
static int
sink_file_open(struct sink *s)
{
	struct sink_file *f = s->priv;

	if (f == NULL) {
		if ((f = calloc(1, sizeof *f)) == NULL)
			return -1;
		s->rate = CLIP_RATE;
		if ((f->af = audiofile_append(s->path, &s->rate)) == NULL) {
			free(f);
			return -1;
		}
		pthread_mutex_init(&f->mu, NULL);
		pthread_cond_init(&f->cv, NULL);
		s->priv = f;
		s->backend_up = true;
	}
	f->quit = f->running = false;
	if (pthread_create(&f->thread, NULL, sink_file_main, s) != 0) {
		log_warnx("audio: cannot start the file output's thread");
		return -1;
	}
	return 0;
}

static int
sink_file_start(struct sink *s)
{
	struct sink_file *f = s->priv;

	pthread_mutex_lock(&f->mu);
	f->running = true;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	return 0;
}

static void
sink_file_stop(struct sink *s)
{
	struct sink_file *f = s->priv;

	pthread_mutex_lock(&f->mu);
	f->running = false;
	while (f->busy)
		pthread_cond_wait(&f->cv, &f->mu);
	audiofile_sync(f->af);
	pthread_mutex_unlock(&f->mu);
}

static void
sink_file_close(struct sink *s)
{
	struct sink_file *f = s->priv;

	pthread_mutex_lock(&f->mu);
	f->quit = true;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	pthread_join(f->thread, NULL);
}

/* the file is closed: a FLAC's header is written only now */
static void
sink_file_reset(struct sink *s)
{
	struct sink_file *f = s->priv;
	char err[128];

	if (f == NULL)
		return;
	if (audiofile_close(f->af, err, sizeof err) == -1)
		log_warnx("audio: %s: %s", s->path, err);
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->cv);
	free(f);
	s->priv = NULL;
}

/* what the thread pulled is written at once: nothing is in flight */
static size_t
sink_file_unheard(struct sink *s)
{
	(void)s;
	return 0;
}

/* asked while stopped: the thread is not writing */
static size_t
sink_file_frames(struct sink *s)
{
	struct sink_file *f = s->priv;

	return audiofile_frames(f->af);
}

static const struct sink_ops sink_file_ops = {
	.open = sink_file_open,
	.start = sink_file_start,
	.stop = sink_file_stop,
	.close = sink_file_close,
	.reset = sink_file_reset,
	.unheard = sink_file_unheard,
	.frames = sink_file_frames,
};

/* A file that could not be appended to would lose every entry after the
 * first; it is refused when the config is read. */
static const char *
sink_file_check(const struct conf *c, char *why, size_t len)
{
	const char *e;

	if ((e = audiofile_why_not_appendable(c->audio.path)) == NULL)
		return NULL;
	snprintf(why, len, "output \"file\" cannot append to \"%s\": %s",
	    c->audio.path, e);
	return "audio.path";
}

const struct output sink_file_output = {
	.name = "file",
	.ops = &sink_file_ops,
	.needs_path = true,
	.check = sink_file_check,
};
