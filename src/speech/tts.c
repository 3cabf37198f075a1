/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tts: the daemon's side of the speech worker (countdownd-speech,
 * speech.c). One thread here, the keeper, owns the worker: it hands it
 * the segments of a job one at a time, builds the clip from what comes
 * back, checks every frame, and when the worker crashes, hangs or talks
 * nonsense it logs why, starts another one and tries the entry again.
 * Between jobs the keeper sleeps in poll() on the worker's socket (which
 * says when the worker dies) and an eventfd that tts_submit writes. */
#include "speech/tts.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "core/limits.h"
#include "speech/speech_proto.h"
#include "speech/tts_voice.h"
#include "speech/tts_worker.h"
#include "util/log.h"
#include "util/utf8.h"

enum tts_outcome { TTS_DONE, TTS_CANCELLED, TTS_CUT, TTS_FAULT };

struct tts {
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	struct tts_job		*pending;	/* waiting for the keeper */
	struct clip		*done;		/* ready for the main thread */
	bool			 quit;
	int			 efd;		/* a clip is ready */
	int			 kick;		/* a job came, or quit */
	char			*path;		/* the worker's executable */
	unsigned		 rate;
	struct tts_voices	 voices;	/* from the first worker's HELLO */
	/* the keeper's own */
	struct tts_worker	 w;
	unsigned		 faults;	/* in a row, with no clip made */
	const struct tts_job	*job;		/* being made */
};

/* a fault the keeper saw itself: the worker is killed for it */
static enum tts_outcome
tts_fault(struct tts *t, const char *cause)
{
	tts_worker_fault(&t->w, cause);
	return TTS_FAULT;
}

static int
tts_start_worker(struct tts *t)
{
	return tts_worker_start(&t->w, t->path, &t->rate, &t->voices);
}

static bool
tts_job_stale(struct tts *t)
{
	bool stale;

	pthread_mutex_lock(&t->mu);
	stale = t->pending != NULL || t->quit;
	pthread_mutex_unlock(&t->mu);
	return stale;
}

/* Is there room in the clip for n more samples? One that would pass
 * CLIP_MAX_SECONDS is cut off here, whatever the estimate said when the
 * script was loaded, so that no text makes memory grow without bound. */
static bool
tts_room(struct clip *c, size_t n)
{
	if (c->nsamples + n <= (size_t)CLIP_MAX_SECONDS * c->rate)
		return true;
	c->cut = true;
	return false;
}

/* eSpeak NG counts UTF-8 characters from 1; the byte where one starts */
static size_t
tts_byte_offset(const char *s, uint32_t pos)
{
	return utf8_skip(s, SIZE_MAX, pos > 1 ? pos - 1 : 0);
}

/* The text for a last try: ASCII letters, digits and plain punctuation,
 * every other byte a space, so that the word marks still point into the
 * text as written. What eSpeak NG 1.51 has been seen to crash on is in
 * the rest (signs, emoji, scripts mixed in a word). */
static char *
tts_plain(const char *s)
{
	char *p = strdup(s), *q;

	for (q = p; q && *q; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		    (*q >= '0' && *q <= '9') || strchr(" .,;:!?'-", *q)))
			*q = ' ';
	return p;
}

/* n word marks of segment seg (its text), which starts at base in c */
static int
tts_marks(struct tts *t, struct clip *c, size_t base, size_t seg,
    const char *text, const struct speech_mark *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (m[i].sample > (uint64_t)CLIP_MAX_SECONDS * c->rate ||
		    c->nmarks > TTS_MARKS_MAX) {
			tts_fault(t, "sent garbage");
			return -1;
		}
		if (clip_add_text_mark(c, base + m[i].sample,
		    m[i].kind == SPEECH_MARK_WORD ? MARK_WORD : MARK_SENTENCE,
		    seg, tts_byte_offset(text, m[i].text_position)) == -1) {
			tts_fault(t, "cannot be heard: out of memory");
			return -1;
		}
	}
	return 0;
}

/* Say one segment into c. */
static enum tts_outcome
tts_say(struct tts *t, struct clip *c, size_t seg, const char *voice,
    const char *text)
{
	const struct conf_voice *v = &t->job->voice;
	struct speech_say p = { v->rate, v->pitch, v->range, v->volume };
	size_t base = c->nsamples, vlen = strlen(voice) + 1;
	char *msg = malloc(vlen + strlen(text) + 1);
	union {
		int16_t			pcm[SPEECH_AUDIO_MAX];
		struct speech_mark	marks[SPEECH_MARKS_MAX];
		uint32_t		status;
	} in;
	struct speech_frame f;
	bool cancelled = false;
	int rc;

	if (msg == NULL)
		return tts_fault(t, "cannot be given the text: out of memory");
	memcpy(msg, voice, vlen);
	memcpy(msg + vlen, text, strlen(text) + 1);
	rc = speech_send(t->w.fd, SPEECH_SAY, &p, sizeof p, msg, vlen + strlen(text) + 1);
	free(msg);
	if (rc == -1) {
		tts_worker_reap(&t->w, false);
		return TTS_FAULT;
	}
	for (;;) {
		switch (tts_worker_wait(t->w.fd, cancelled ? -1 : t->kick, TTS_HANG_MS)) {
		case TTS_TIMEOUT:
			return tts_fault(t, "hung (no progress in " TTS_HANG_TEXT ")");
		case TTS_KICKED:
			if (tts_job_stale(t)) {
				speech_send(t->w.fd, SPEECH_CANCEL, NULL, 0, NULL, 0);
				cancelled = true;
			}
			continue;
		case TTS_READABLE:
			break;
		}
		if (tts_worker_recv_frame(&t->w, &f, &in, sizeof in) == -1)
			return TTS_FAULT;
		switch (f.type) {
		case SPEECH_AUDIO:
			if (cancelled)
				break;
			if (!tts_room(c, f.len / 2)) {
				speech_send(t->w.fd, SPEECH_CANCEL, NULL, 0, NULL, 0);
				cancelled = true;
			} else if (clip_append(c, in.pcm, f.len / 2) == -1)
				return tts_fault(t, "cannot be heard: out of memory");
			break;
		case SPEECH_MARK:
			if (!cancelled && tts_marks(t, c, base, seg, text, in.marks,
			    f.len / sizeof *in.marks) == -1)
				return TTS_FAULT;
			break;
		case SPEECH_DONE:
			if (cancelled || in.status == SPEECH_CANCELLED)
				return c->cut ? TTS_CUT : TTS_CANCELLED;
			if (in.status == SPEECH_OK)
				return TTS_DONE;
			snprintf(t->w.cause, sizeof t->w.cause, in.status == SPEECH_NO_VOICE ?
			    "cannot select voice \"%s\"" : "refused the text", voice);
			return TTS_FAULT;	/* the worker itself is fine */
		default:
			return tts_fault(t, "sent garbage");
		}
	}
}

/* Every segment of the job, in plain letters or not, into c. */
static enum tts_outcome
tts_speak(struct tts *t, struct clip *c, bool plain)
{
	const struct tts_job *job = t->job;
	char voice[256], announcer[256];
	size_t i;

	if (!tts_voices_resolve(&t->voices, job->voice.name, voice, sizeof voice))
		snprintf(voice, sizeof voice, "%s", job->voice.name);
	if (!job->announcer ||
	    !tts_voices_resolve(&t->voices, job->announcer, announcer, sizeof announcer))
		snprintf(announcer, sizeof announcer, "%s",
		    job->announcer ? job->announcer : voice);
	for (i = 0; i < job->narration.nsegs; i++) {
		const struct segment *s = &job->narration.segs[i];
		char *text = plain ? tts_plain(s->text) : NULL;
		enum tts_outcome o;

		if (plain && text == NULL)
			return tts_fault(t, "cannot be given the text: out of memory");
		o = tts_say(t, c, i, s->announcer ? announcer : voice,
		    text ? text : s->text);
		free(text);
		if (o != TTS_DONE)
			return o;
		if (clip_add_text_mark(c, c->nsamples, MARK_END, i,
		    strlen(s->text)) == -1 ||
		    clip_append_silence(c, s->pause_after) == -1)
			return tts_fault(t, "cannot be heard: out of memory");
		if (!tts_room(c, 0))
			return TTS_CUT;
	}
	return TTS_DONE;
}

/* Before a new worker after faults in a row: none for the first two
 * (a crash, and the try again it calls for), then 1, 2, 4 ... 60 s, so
 * that a worker that cannot work does not loop. false when a new job or
 * tts_stop cuts the wait short. */
static bool
tts_backoff(struct tts *t)
{
	int ms;

	if (t->faults < 3)
		return true;
	ms = t->faults - 3 < 6 ? 1000 << (t->faults - 3) : 60000;
	log_warnx("speech: %u faults in a row; the next worker starts in %d s",
	    t->faults, ms / 1000);
	while (tts_worker_wait(-1, t->kick, ms) == TTS_KICKED)
		if (tts_job_stale(t))
			return false;
	return true;
}

static const char *const tts_next_try[TTS_TRIES] = {
	"trying again", "trying again in plain letters", "it is skipped",
};

/* The job's clip: the worker tries it twice as written (a worker killed
 * from outside is not the text's fault) and once in plain letters; after
 * that the clip comes back empty with failed set. NULL when a newer job
 * or tts_stop made it stale. */
static struct clip *
tts_make(struct tts *t)
{
	const struct tts_job *job = t->job;
	struct clip *c = clip_new(job->index, t->rate ? t->rate : CLIP_RATE);
	size_t try;

	for (try = 0; c != NULL && try < TTS_TRIES; try++) {
		enum tts_outcome o = TTS_FAULT;

		if (t->w.pid == 0 && (!tts_backoff(t) || tts_job_stale(t)))
			o = TTS_CANCELLED;
		else if (t->w.pid != 0 || tts_start_worker(t) == 0)
			o = tts_speak(t, c, try == TTS_TRIES - 1);
		if (o == TTS_CANCELLED)
			break;
		if (o == TTS_DONE) {
			t->faults = 0;
			clip_trim_lead(c);
			return c;
		}
		if (o == TTS_CUT) {
			/* handed over without its sound: the engine says
			 * that the entry is too long, and skips it */
			clip_empty(c);
			return c;
		}
		t->faults++;
		log_errorx("speech: eSpeak NG %s on %s; %s", t->w.cause,
		    job->label ? job->label : "an entry", tts_next_try[try]);
		clip_empty(c);
		c->cut = false;
	}
	if (c != NULL && try == TTS_TRIES) {
		c->failed = true;
		return c;
	}
	clip_free(c);
	return NULL;
}

/* Between jobs: the worker's death is noticed and logged here, when it
 * happens, and another one started, so that the next entry finds it
 * ready. */
static void
tts_idle(struct tts *t)
{
	char buf;

	if (t->w.pid == 0 || tts_worker_wait(t->w.fd, t->kick, -1) != TTS_READABLE) {
		if (t->w.pid == 0)
			tts_worker_wait(-1, t->kick, -1);
		return;
	}
	/* nothing is due from a worker between jobs */
	if (read(t->w.fd, &buf, 1) == 1)
		tts_fault(t, "sent garbage");
	else
		tts_worker_reap(&t->w, false);
	t->faults++;
	log_errorx("speech: eSpeak NG %s between entries; starting another", t->w.cause);
	if (tts_backoff(t) && !tts_job_stale(t) && tts_start_worker(t) == -1) {
		t->faults++;
		log_errorx("speech: eSpeak NG %s as it started; the next entry "
		    "tries again", t->w.cause);
	}
}

static void *
tts_main(void *arg)
{
	struct tts *t = arg;

	pthread_mutex_lock(&t->mu);
	while (!t->quit) {
		struct tts_job *job = t->pending;
		struct clip *c;

		if (job == NULL) {
			pthread_mutex_unlock(&t->mu);
			tts_idle(t);
			pthread_mutex_lock(&t->mu);
			continue;
		}
		t->pending = NULL;
		pthread_mutex_unlock(&t->mu);
		t->job = job;
		c = tts_make(t);
		t->job = NULL;
		if (c != NULL) {	/* the narration goes on with its clip */
			c->narration = job->narration;
			memset(&job->narration, 0, sizeof job->narration);
		}
		tts_job_free(job);
		pthread_mutex_lock(&t->mu);
		if (c != NULL && t->pending == NULL && !t->quit) {
			clip_free(t->done);
			t->done = c;
			eventfd_write(t->efd, 1);
		} else
			clip_free(c);
	}
	pthread_mutex_unlock(&t->mu);
	return NULL;
}

/* ---- the interface --------------------------------------------------- */

bool
tts_voice_exists(const char *name, void *arg)
{
	const struct tts *t = arg;
	char buf[256];

	return tts_voices_resolve(&t->voices, name, buf, sizeof buf);
}

void
tts_list_voices(const struct tts *t, FILE *fp)
{
	tts_voices_list(&t->voices, fp);
}

static void
tts_free(struct tts *t)
{
	tts_worker_reap(&t->w, true);
	tts_job_free(t->pending);
	clip_free(t->done);
	tts_voices_free(&t->voices);
	free(t->path);
	if (t->efd != -1)
		close(t->efd);
	if (t->kick != -1)
		close(t->kick);
	pthread_mutex_destroy(&t->mu);
	free(t);
}

struct tts *
tts_start(void)
{
	struct tts *t = calloc(1, sizeof *t);

	if (t == NULL)
		return NULL;
	pthread_mutex_init(&t->mu, NULL);
	t->w.fd = -1;
	t->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	t->kick = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (t->efd == -1 || t->kick == -1 || (t->path = tts_worker_path()) == NULL) {
		log_error("tts: cannot start");
		tts_free(t);
		return NULL;
	}
	if (tts_start_worker(t) == -1) {
		log_errorx("eSpeak NG: the speech worker %s", t->w.cause);
		tts_free(t);
		return NULL;
	}
	if (pthread_create(&t->thread, NULL, tts_main, t) != 0) {
		log_errorx("tts: cannot start the speech worker's thread");
		tts_free(t);
		return NULL;
	}
	return t;
}

void
tts_stop(struct tts *t)
{
	if (t == NULL)
		return;
	pthread_mutex_lock(&t->mu);
	t->quit = true;
	pthread_mutex_unlock(&t->mu);
	eventfd_write(t->kick, 1);
	pthread_join(t->thread, NULL);
	tts_free(t);
}

int
tts_fd(const struct tts *t)
{
	return t->efd;
}

void
tts_submit(struct tts *t, struct tts_job *job)
{
	pthread_mutex_lock(&t->mu);
	tts_job_free(t->pending);
	t->pending = job;
	clip_free(t->done);	/* whatever was made is stale */
	t->done = NULL;
	pthread_mutex_unlock(&t->mu);
	eventfd_write(t->kick, 1);
}

struct clip *
tts_collect(struct tts *t)
{
	struct clip *c;
	eventfd_t v;

	eventfd_read(t->efd, &v);
	pthread_mutex_lock(&t->mu);
	c = t->done;
	t->done = NULL;
	pthread_mutex_unlock(&t->mu);
	return c;
}

struct tts_job *
tts_job_new(size_t index, struct narration *n, const struct conf *c,
    const char *label)
{
	struct tts_job *job = calloc(1, sizeof *job);

	if (job == NULL)
		return NULL;
	job->index = index;
	job->narration = *n;
	memset(n, 0, sizeof *n);
	job->voice = c->voice;
	job->voice.name = strdup(c->voice.name);
	job->announcer = c->announcer.voice ? strdup(c->announcer.voice) : NULL;
	job->label = label ? strdup(label) : NULL;
	if (job->voice.name == NULL || (c->announcer.voice && !job->announcer) ||
	    (label && !job->label)) {
		tts_job_free(job);
		return NULL;
	}
	return job;
}

void
tts_job_free(struct tts_job *job)
{
	if (job == NULL)
		return;
	narrate_free(&job->narration);
	free(job->voice.name);
	free(job->announcer);
	free(job->label);
	free(job);
}
