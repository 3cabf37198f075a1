/* tts: the synth thread. It sleeps on a condition variable while there is
 * nothing to say, so an idle daemon has no thread waking up. */
#include "tts.h"

#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "log.h"

struct tts_voiceinfo {
	char	*name;		/* "English_(America)" */
	char	*ident;		/* "gmw/en-US" */
	char	*langs;		/* "en-us en" */
	bool	 variant;
};

struct tts {
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct tts_job		*pending;	/* waiting for the thread */
	struct clip		*done;		/* ready for the main thread */
	bool			 quit;
	bool			 started;	/* the thread finished initializing */
	bool			 init_ok;
	atomic_bool		 cancel;	/* drop the clip being made */
	int			 efd;
	struct tts_voiceinfo	*voices;	/* written once before tts_start returns */
	size_t			 nvoices;
	struct clip		*making;	/* the synth thread's own */
	size_t			 seg_base;	/* where the segment being spoken starts */
	size_t			 seg;		/* its index in the narration */
	const char		*seg_text;
};

static char *
tts_langs(const char *l)
{
	char buf[256];
	size_t n = 0;

	/* pairs of (priority byte, NUL-terminated language), ended by a 0 byte */
	while (*l != '\0' && n < sizeof buf - 64) {
		size_t len = strlen(l + 1);

		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s",
		    n ? " " : "", l + 1);
		l += len + 2;
	}
	buf[n] = '\0';
	return strdup(buf);
}

/* append one of eSpeak NG's voice lists; the next ListVoices call may
 * reuse its memory, so it is copied at once */
static void
tts_add_voices(struct tts *t, const espeak_VOICE **list, bool variant)
{
	const espeak_VOICE **v;
	struct tts_voiceinfo *vi;
	size_t n = 0;

	for (v = list; v && *v; v++)
		n++;
	if ((vi = realloc(t->voices, (t->nvoices + n) * sizeof *vi)) == NULL)
		return;
	t->voices = vi;
	for (v = list; v && *v; v++, t->nvoices++) {
		vi = &t->voices[t->nvoices];
		vi->name = strdup((*v)->name ? (*v)->name : "");
		vi->ident = strdup((*v)->identifier ? (*v)->identifier : "");
		vi->langs = tts_langs((*v)->languages ? (*v)->languages : "");
		vi->variant = variant;
	}
}

static void
tts_read_voices(struct tts *t)
{
	espeak_VOICE spec = { .languages = "variant" };

	tts_add_voices(t, espeak_ListVoices(NULL), false);
	tts_add_voices(t, espeak_ListVoices(&spec), true);
}

static bool
tts_word_in(const char *word, size_t n, const char *list)
{
	while (*list != '\0') {
		size_t len = strcspn(list, " ");

		if (len == n && strncasecmp(word, list, n) == 0)
			return true;
		list += len;
		list += *list == ' ';
	}
	return false;
}

static bool
tts_voice_matches(const struct tts_voiceinfo *v, const char *s, size_t n)
{
	const char *base = strrchr(v->ident, '/');

	base = base ? base + 1 : v->ident;
	if ((strlen(v->name) == n && strncasecmp(v->name, s, n) == 0) ||
	    (strlen(v->ident) == n && strncasecmp(v->ident, s, n) == 0) ||
	    (strlen(base) == n && strncasecmp(base, s, n) == 0))
		return true;
	return !v->variant && tts_word_in(s, n, v->langs);
}

bool
tts_voice_exists(const char *name, void *arg)
{
	const struct tts *t = arg;
	const char *plus = strchr(name, '+');
	size_t n = plus ? (size_t)(plus - name) : strlen(name), i;
	bool base = false, variant = plus == NULL;

	for (i = 0; i < t->nvoices; i++) {
		const struct tts_voiceinfo *v = &t->voices[i];

		if (!v->variant && tts_voice_matches(v, name, n))
			base = true;
		if (plus && v->variant &&
		    tts_voice_matches(v, plus + 1, strlen(plus + 1)))
			variant = true;
	}
	return n > 0 && base && variant;
}

void
tts_list_voices(const struct tts *t, FILE *fp)
{
	size_t i;

	fprintf(fp, "# voice (language)\tname\tfile; add +VARIANT to a voice\n");
	for (i = 0; i < t->nvoices; i++) {
		const struct tts_voiceinfo *v = &t->voices[i];

		if (v->variant)
			fprintf(fp, "+%s\t%s\tvariant\n",
			    strrchr(v->ident, '/') ? strrchr(v->ident, '/') + 1 : v->ident,
			    v->name);
		else
			fprintf(fp, "%s\t%s\t%s\n", v->langs, v->name, v->ident);
	}
}

/* eSpeak NG counts UTF-8 characters from 1; the byte where one starts */
static size_t
tts_byte_offset(const char *s, int pos)
{
	size_t i = 0;

	for (; pos > 1 && s[i] != '\0'; pos--)
		for (i++; ((unsigned char)s[i] & 0xc0) == 0x80; i++)
			;
	return i;
}

/* eSpeak NG hands over audio and events in chunks; returning 1 aborts */
static int
tts_on_audio(short *wav, int nsamples, espeak_EVENT *ev)
{
	struct tts *t = ev ? ev->user_data : NULL;
	struct clip *c;

	if (t == NULL || (c = t->making) == NULL)
		return 0;
	if (atomic_load(&t->cancel))
		return 1;
	/* ev->sample counts from the start of the espeak_Synth call */
	for (; ev->type != espeakEVENT_LIST_TERMINATED; ev++) {
		if (ev->type == espeakEVENT_WORD || ev->type == espeakEVENT_SENTENCE)
			clip_add_text_mark(c, t->seg_base + (size_t)ev->sample,
			    ev->type == espeakEVENT_WORD ? MARK_WORD : MARK_SENTENCE,
			    t->seg, tts_byte_offset(t->seg_text, ev->text_position));
	}
	if (wav != NULL && nsamples > 0 && clip_append(c, wav, (size_t)nsamples) == -1)
		return 1;
	return 0;
}

static void
tts_set_voice(const char *name, const struct conf_voice *v)
{
	if (espeak_SetVoiceByName(name) != EE_OK)
		log_warnx("eSpeak NG: cannot select voice \"%s\"", name);
	espeak_SetParameter(espeakRATE, v->rate, 0);
	espeak_SetParameter(espeakPITCH, v->pitch, 0);
	espeak_SetParameter(espeakRANGE, v->range, 0);
	espeak_SetParameter(espeakVOLUME, v->volume, 0);
}

/* Speak one job into t->making; false when cancelled or failed. */
static bool
tts_synth(struct tts *t, const struct tts_job *job)
{
	const char *current = NULL;
	size_t i;

	for (i = 0; i < job->narration.nsegs; i++) {
		const struct segment *s = &job->narration.segs[i];
		const char *voice = s->announcer && job->announcer ?
		    job->announcer : job->voice.name;
		if (current == NULL || strcmp(current, voice) != 0)
			tts_set_voice(voice, &job->voice);
		current = voice;
		t->seg_base = t->making->nsamples;
		t->seg = i;
		t->seg_text = s->text;
		if (espeak_Synth(s->text, strlen(s->text) + 1, 0, POS_CHARACTER, 0,
		    espeakCHARS_UTF8, NULL, t) != EE_OK || atomic_load(&t->cancel))
			return false;
		if (clip_add_text_mark(t->making, t->making->nsamples, MARK_END, i,
		    strlen(s->text)) == -1)
			return false;
		if (clip_append_silence(t->making, s->pause_after) == -1)
			return false;
	}
	return true;
}

static void *
tts_main(void *arg)
{
	struct tts *t = arg;
	int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL,
	    espeakINITIALIZE_DONT_EXIT);

	pthread_mutex_lock(&t->mu);
	t->init_ok = rate > 0;
	if (t->init_ok) {
		espeak_SetSynthCallback(tts_on_audio);
		tts_read_voices(t);
	}
	t->started = true;
	pthread_cond_broadcast(&t->cv);
	while (t->init_ok && !t->quit) {
		struct tts_job *job = t->pending;
		bool ok;

		if (job == NULL) {
			pthread_cond_wait(&t->cv, &t->mu);
			continue;
		}
		t->pending = NULL;
		atomic_store(&t->cancel, false);
		pthread_mutex_unlock(&t->mu);

		t->making = clip_new(job->index, (unsigned)rate);
		ok = t->making != NULL && tts_synth(t, job);
		if (ok)
			clip_trim_lead(t->making);
		tts_job_free(job);

		pthread_mutex_lock(&t->mu);
		if (ok && t->pending == NULL && !t->quit) {
			clip_free(t->done);
			t->done = t->making;
			eventfd_write(t->efd, 1);
		} else
			clip_free(t->making);
		t->making = NULL;
	}
	pthread_mutex_unlock(&t->mu);
	if (t->init_ok)
		espeak_Terminate();
	return NULL;
}

struct tts *
tts_start(void)
{
	struct tts *t = calloc(1, sizeof *t);

	if (t == NULL)
		return NULL;
	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->cv, NULL);
	atomic_init(&t->cancel, false);
	if ((t->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1 ||
	    pthread_create(&t->thread, NULL, tts_main, t) != 0) {
		log_error("tts: cannot start the synth thread");
		if (t->efd != -1)
			close(t->efd);
		free(t);
		return NULL;
	}
	pthread_mutex_lock(&t->mu);
	while (!t->started)
		pthread_cond_wait(&t->cv, &t->mu);
	pthread_mutex_unlock(&t->mu);
	if (!t->init_ok) {
		log_errorx("eSpeak NG cannot be initialized (is espeak-ng-data installed?)");
		tts_stop(t);
		return NULL;
	}
	return t;
}

void
tts_stop(struct tts *t)
{
	size_t i;

	if (t == NULL)
		return;
	pthread_mutex_lock(&t->mu);
	t->quit = true;
	atomic_store(&t->cancel, true);
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
	pthread_join(t->thread, NULL);
	tts_job_free(t->pending);
	clip_free(t->done);
	for (i = 0; i < t->nvoices; i++) {
		free(t->voices[i].name);
		free(t->voices[i].ident);
		free(t->voices[i].langs);
	}
	free(t->voices);
	close(t->efd);
	pthread_mutex_destroy(&t->mu);
	pthread_cond_destroy(&t->cv);
	free(t);
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
	atomic_store(&t->cancel, true);	/* whatever is being made is stale */
	clip_free(t->done);
	t->done = NULL;
	pthread_cond_signal(&t->cv);
	pthread_mutex_unlock(&t->mu);
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
tts_job_new(size_t index, struct narration *n, const struct conf *c)
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
	if (job->voice.name == NULL || (c->announcer.voice && !job->announcer)) {
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
	free(job);
}
