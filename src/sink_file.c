/* sink_file: clips appended to a WAV or FLAC file (libsndfile), paced like a
 * real device by a thread that pulls one period every 10 ms of wall time.
 * The thread sleeps on a condition variable between clips. */
#include "sink.h"

#include <errno.h>
#include <pthread.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "clip.h"
#include "log.h"

#define SINK_FILE_PERIOD_NS 10000000L

struct sink_file {
	SNDFILE		*sf;
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	bool		 running;	/* pulling from fill */
	bool		 busy;		/* inside fill, write or done */
	bool		 quit;
};

static int
sink_file_format(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot && strcasecmp(dot, ".flac") == 0)
		return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
	return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
}

/* FLAC cannot be appended to by libsndfile: it starts anew */
SNDFILE *
sink_file_create(const char *path, unsigned *rate, bool append)
{
	SF_INFO info = { 0 };
	SNDFILE *sf;

	if (append && (sink_file_format(path) & SF_FORMAT_WAV) &&
	    (sf = sf_open(path, SFM_RDWR, &info)) != NULL) {
		if (info.channels == 1 && sf_seek(sf, 0, SEEK_END) != -1) {
			*rate = (unsigned)info.samplerate;
			return sf;
		}
		sf_close(sf);
	}
	memset(&info, 0, sizeof info);
	info.samplerate = (int)*rate;
	info.channels = 1;
	info.format = sink_file_format(path);
	if ((sf = sf_open(path, SFM_WRITE, &info)) == NULL)
		log_warnx("audio: cannot write %s: %s", path, sf_strerror(NULL));
	return sf;
}

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
		sf_write_short(f->sf, buf, (sf_count_t)n);
		if (n < period) {
			sf_command(f->sf, SFC_UPDATE_HEADER_NOW, NULL, 0);
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

static int
sink_file_open(struct sink *s)
{
	struct sink_file *f = calloc(1, sizeof *f);

	s->rate = CLIP_RATE;
	if (f == NULL || (f->sf = sink_file_create(s->path, &s->rate, true)) == NULL) {
		free(f);
		return -1;
	}
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cv, NULL);
	s->priv = f;
	if (pthread_create(&f->thread, NULL, sink_file_main, s) != 0) {
		sf_close(f->sf);
		free(f);
		s->priv = NULL;
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
	sf_command(f->sf, SFC_UPDATE_HEADER_NOW, NULL, 0);
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
	sf_close(f->sf);
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->cv);
	free(f);
	s->priv = NULL;
}

static void
sink_file_reset(struct sink *s)
{
	(void)s;
}

/* what the thread pulled is written at once: nothing is in flight */
static size_t
sink_file_unheard(struct sink *s)
{
	(void)s;
	return 0;
}

const struct sink_ops sink_file_ops = {
	.open = sink_file_open,
	.start = sink_file_start,
	.stop = sink_file_stop,
	.close = sink_file_close,
	.reset = sink_file_reset,
	.unheard = sink_file_unheard,
};
