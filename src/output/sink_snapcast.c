/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sink_snapcast: raw s16le mono PCM written to the FIFO that snapserver reads
 * as a pipe source, so that every snapclient (a room each) plays it in sync.
 *
 * snapserver reads one chunk (chunk_ms, 20 ms by default) every chunk_ms and
 * pads a short read with zeros, which would put gaps inside words: a pacing
 * thread keeps SNAP_LEAD of sound in the pipe ahead of what real time has
 * consumed. The fd is non-blocking: a full pipe only means "try again at the
 * next tick".
 *
 * The FIFO is opened read-write and stays open between entries. A FIFO with
 * no writer makes snapserver read end-of-file, close it and open it again
 * every 100 ms, so a write-only open (which fails without a reader) would
 * almost never find it; held read-write, the FIFO always has a writer, and
 * snapserver, whenever it starts or restarts, stays on it and, with the
 * source's dryout_ms set large, keeps sending silence: the rooms' players
 * stay awake and the start of the next entry is heard. Being a reader too,
 * the sink cannot tell a reader from EPIPE; it tells one from the pipe:
 * sound that stays in it longer than SNAP_STALL means nothing reads it, and
 * the entry fails (it stays next).
 *
 * What was written is heard audio.latency later (snapserver's buffer): the
 * end of a clip is reported then, and sink_delay() counts what is written
 * but not heard yet, so that progress means what the rooms hear. A stop
 * drops nothing: what is in the pipe and in snapserver's buffer plays out. */
#include "output/sink_backend.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/log.h"

#define SNAP_PERIOD_NS	10000000LL	/* the pacing thread's tick */
#define SNAP_LEAD_NS	100000000LL	/* sound kept in the pipe: 5 chunks */
#define SNAP_STALL_NS	1000000000LL	/* more than the lead unread this long:
					 * nothing reads the FIFO */
#define SNAP_PREROLL_NS	1000000000LL	/* silence first, on a FIFO just opened */
#define SNAP_MAX_FRAMES	1920		/* 10 ms at 192 kHz: 3840 bytes, less
					 * than PIPE_BUF, so each write is whole
					 * or refused with EAGAIN */

struct sink_snapcast {
	int		 fd;		/* the FIFO, or -1 */
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;		/* on CLOCK_MONOTONIC */
	bool		 running;	/* pulling from fill */
	bool		 busy;		/* inside fill, write or done */
	bool		 quit;
	long long	 opened;	/* when the FIFO was opened, ns */
	long long	 t0;		/* when this run began writing, ns */
	unsigned long long written;	/* frames written since t0 */
	int		 error;		/* a write's errno, logged at stop */
	/* the pacing thread's alone */
	int16_t		 buf[SNAP_MAX_FRAMES];
	size_t		 pending;	/* frames in buf not written yet */
	size_t		 preroll;	/* frames of silence still to write */
	bool		 ended;		/* fill came up short */
};

static long long
snap_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* wait on cv until ns (CLOCK_MONOTONIC) or a signal; with mu held */
static void
snap_wait_until(struct sink_snapcast *p, long long ns)
{
	struct timespec ts = { ns / 1000000000LL, ns % 1000000000LL };

	pthread_cond_timedwait(&p->cv, &p->mu, &ts);
}

/* frames in the pipe that no reader has taken yet */
static long long
snap_unread(struct sink *s)
{
	struct sink_snapcast *p = s->priv;
	int bytes;

	if (ioctl(p->fd, FIONREAD, &bytes) == -1)
		return 0;
	return bytes / (int)sizeof(int16_t);
}

/* Write what real time asks for, plus the lead. 0: more to come; 1: the
 * clip is all in the pipe; -1: the FIFO failed (errno kept). Called with
 * busy set and mu not held; written is only changed here. */
static int
snap_feed(struct sink *s, unsigned long long *written, int *error)
{
	struct sink_snapcast *p = s->priv;
	size_t period = s->rate * SNAP_PERIOD_NS / 1000000000LL;
	long long ahead = snap_now() - p->t0 + SNAP_LEAD_NS;
	unsigned long long target = (unsigned long long)ahead * s->rate / 1000000000LL;
	ssize_t w;

	while (*written < target) {
		if (p->pending == 0 && p->preroll > 0) {
			p->pending = p->preroll < period ? p->preroll : period;
			p->preroll -= p->pending;
			memset(p->buf, 0, p->pending * sizeof p->buf[0]);
		} else if (p->pending == 0) {
			if (p->ended)
				return 1;
			p->pending = s->fill(s->arg, p->buf, period);
			p->ended = p->pending < period;
			if (p->pending == 0)
				return 1;
		}
		w = write(p->fd, p->buf, p->pending * sizeof p->buf[0]);
		if (w == -1 && errno == EAGAIN)
			return 0;	/* full: snapserver is behind */
		if (w == -1) {
			*error = errno;
			return -1;
		}
		*written += p->pending;
		p->pending = 0;
	}
	if (snap_unread(s) > (SNAP_LEAD_NS + SNAP_STALL_NS) * s->rate / 1000000000LL) {
		*error = ENXIO;
		return -1;
	}
	return p->ended && p->pending == 0 ? 1 : 0;
}

static void *
snap_main(void *arg)
{
	struct sink *s = arg;
	struct sink_snapcast *p = s->priv;
	long long tick = 0, heard;
	unsigned long long written;
	int rc, error = 0;

	pthread_mutex_lock(&p->mu);
	while (!p->quit) {
		if (!p->running) {
			pthread_cond_wait(&p->cv, &p->mu);
			continue;
		}
		p->busy = true;
		written = p->written;
		pthread_mutex_unlock(&p->mu);
		rc = snap_feed(s, &written, &error);
		pthread_mutex_lock(&p->mu);
		p->written = written;
		if (rc == 1) {
			/* all written: done once the rooms have heard the end
			 * (snapserver reads in real time from t0, its clients
			 * play audio.latency later), unless stopped before */
			heard = p->t0 + (long long)(written * 1000000000ULL / s->rate) +
			    (long long)(s->latency * 1e9);
			while (p->running && !p->quit && snap_now() < heard)
				snap_wait_until(p, heard);
		}
		if (rc != 0 && p->running) {
			p->error = error;
			p->running = false;
			s->done(s->arg);
		}
		p->busy = false;
		pthread_cond_broadcast(&p->cv);
		if (rc == 0 && p->running) {
			if (tick < p->t0)	/* a new run */
				tick = p->t0;
			tick += SNAP_PERIOD_NS;
			snap_wait_until(p, tick);
		}
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void
snap_reset(struct sink *s)
{
	struct sink_snapcast *p = s->priv;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->quit = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	if (p->fd != -1)
		close(p->fd);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
	s->priv = NULL;
}

/* the pacing thread, once; 0 or -1 */
static int
snap_setup(struct sink *s)
{
	struct sink_snapcast *p = calloc(1, sizeof *p);
	pthread_condattr_t ca;

	if (p == NULL)
		return -1;
	p->fd = -1;
	pthread_mutex_init(&p->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cv, &ca);
	pthread_condattr_destroy(&ca);
	s->priv = p;
	if (pthread_create(&p->thread, NULL, snap_main, s) != 0) {
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->cv);
		free(p);
		s->priv = NULL;
		log_errorx("audio: cannot start the snapcast thread");
		return -1;
	}
	return 0;
}

/* The FIFO, made when missing (0644: snapserver runs as a user of its own
 * and only reads it), opened read-write (see the top) and large enough
 * for the lead and the stall time at any rate. */
static int
snap_open_fifo(struct sink *s)
{
	struct sink_snapcast *p = s->priv;
	struct stat st;

	if (stat(s->path, &st) == -1) {
		if (errno != ENOENT || mkfifo(s->path, 0644) == -1 ||
		    chmod(s->path, 0644) == -1) {
			log_warn("audio: cannot make the FIFO %s", s->path);
			return -1;
		}
	} else if (!S_ISFIFO(st.st_mode)) {
		log_warnx("audio: %s is not a FIFO (snapserver's pipe source reads one)",
		    s->path);
		return -1;
	}
	if ((p->fd = open(s->path, O_RDWR | O_NONBLOCK | O_CLOEXEC)) == -1) {
		log_warn("audio: %s", s->path);
		return -1;
	}
	p->opened = snap_now();
	/* best effort: 64 KiB, the default, is 1.4 s at 22050 Hz */
	(void)fcntl(p->fd, F_SETPIPE_SZ, (int)(s->rate * sizeof(int16_t) * 2));
	return 0;
}

static int
snap_open(struct sink *s)
{
	/* up since an earlier open: the FIFO is held, nothing to do */
	if (s->backend_up)
		return 0;
	if (snap_setup(s) == -1)
		return -1;
	/* a failed open leaves the backend down (sink_backend.h): the
	 * next entry tries again from scratch */
	if (snap_open_fifo(s) == -1) {
		snap_reset(s);
		return -1;
	}
	return 0;
}

static int
snap_start(struct sink *s)
{
	struct sink_snapcast *p = s->priv;

	pthread_mutex_lock(&p->mu);
	p->t0 = snap_now();
	p->written = 0;
	p->pending = 0;
	/* A FIFO opened for this play (the first one, or after a failure)
	 * starts snapserver's stream with it, and the rooms' clients, seen
	 * here, stretch or cut the first seconds of a stream while they
	 * settle: they get those seconds in silence. One held open since
	 * start-up has been streaming silence all along. */
	p->preroll = p->t0 - p->opened < SNAP_PREROLL_NS ?
	    (size_t)((SNAP_PREROLL_NS - (p->t0 - p->opened)) * s->rate / 1000000000LL) : 0;
	p->ended = false;
	p->running = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

static void
snap_stop(struct sink *s)
{
	struct sink_snapcast *p = s->priv;
	int error;

	pthread_mutex_lock(&p->mu);
	p->running = false;
	pthread_cond_broadcast(&p->cv);
	while (p->busy)
		pthread_cond_wait(&p->cv, &p->mu);
	error = p->error;
	p->error = 0;
	pthread_mutex_unlock(&p->mu);
	if (error == ENXIO)
		log_warnx("audio: nothing reads %s: is snapserver running with it "
		    "as its pipe source?", s->path);
	else if (error != 0)
		log_warnx("audio: writing %s: %s", s->path, strerror(error));
}

/* the FIFO and the thread stay between entries */
static void
snap_close(struct sink *s)
{
	(void)s;
}

/* a stop drops nothing: what was written is heard all the same */
static size_t
snap_unheard(struct sink *s)
{
	(void)s;
	return 0;
}

/* written, and not heard yet in the rooms: heard runs audio.latency
 * behind real time from the run's start, also after a stop */
static size_t
snap_delay(struct sink *s)
{
	struct sink_snapcast *p = s->priv;
	long long since;
	unsigned long long heard;
	size_t delay;

	pthread_mutex_lock(&p->mu);
	since = snap_now() - p->t0 - (long long)(s->latency * 1e9);
	heard = since > 0 ? (unsigned long long)since * s->rate / 1000000000ULL : 0;
	delay = heard < p->written ? (size_t)(p->written - heard) : 0;
	pthread_mutex_unlock(&p->mu);
	return delay;
}

static const struct sink_ops sink_snapcast_ops = {
	.open = snap_open,
	.start = snap_start,
	.stop = snap_stop,
	.close = snap_close,
	.reset = snap_reset,
	.unheard = snap_unheard,
	.delay = snap_delay,
};

const struct output sink_snapcast_output = {
	.name = "snapcast",
	.ops = &sink_snapcast_ops,
	.needs_path = true,	/* the FIFO */
};
