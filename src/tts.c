/* tts: the daemon's side of the speech worker (countdownd-speech,
 * speech.c). One thread here, the keeper, owns the worker: it hands it
 * the segments of a job one at a time, builds the clip from what comes
 * back, checks every frame, and when the worker crashes, hangs or talks
 * nonsense it logs why, starts another one and tries the entry again.
 * Between jobs the keeper sleeps in poll() on the worker's socket (which
 * says when the worker dies) and an eventfd that tts_submit writes. */
#include "tts.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "speech_proto.h"
#include "textbuf.h"

#ifndef COUNTDOWND_LIBEXECDIR
#define COUNTDOWND_LIBEXECDIR "/usr/local/libexec/countdownd"
#endif
#define TTS_WORKER	"countdownd-speech"

/* what the worker's environment keeps of the daemon's: eSpeak NG's data
 * folder, and the test build's sanitizer settings and fault word */
static const char *const tts_env_kept[] = {
	"ESPEAK_DATA_PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS",
	"COUNTDOWND_SPEECH_FAULT",
};

enum tts_outcome { TTS_DONE, TTS_CANCELLED, TTS_CUT, TTS_FAULT };

struct tts_voiceinfo {
	char	*name;		/* "English_(America)" */
	char	*ident;		/* "gmw/en-US" */
	char	*langs;		/* "2en-us 3en": priority, then language */
	bool	 variant;
};

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
	struct tts_voiceinfo	*voices;	/* from the first worker's HELLO */
	size_t			 nvoices;
	/* the keeper's own */
	pid_t			 pid;		/* the worker, or 0 */
	int			 fd;		/* its socket */
	unsigned		 faults;	/* in a row, with no clip made */
	char			 cause[128];	/* why the last fault */
	const struct tts_job	*job;		/* being made */
};

/* ---- the voices ------------------------------------------------------ */

static bool
tts_word_is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && strncasecmp(word, s, n) == 0;
}

/* the priority with which v speaks language s (n bytes), or INT_MAX */
static int
tts_lang_priority(const struct tts_voiceinfo *v, const char *s, size_t n)
{
	const char *l = v->langs;

	while (*l != '\0') {
		size_t len = strcspn(l, " ");

		if (len > 1 && len - 1 == n && strncasecmp(l + 1, s, n) == 0)
			return *l - '0';
		l += len;
		l += *l == ' ';
	}
	return INT_MAX;
}

static const char *
tts_basename(const char *ident)
{
	const char *slash = strrchr(ident, '/');

	return slash ? slash + 1 : ident;
}

/* The voice (or variant) that s names: by its name, its file or the
 * file's last part, else (a voice, not a variant) by language, the one
 * that speaks it first. MBROLA voices are chosen only by name: they need
 * the mbrola program and its voices, which eSpeak NG lists regardless. */
static const struct tts_voiceinfo *
tts_voice_find(const struct tts *t, const char *s, size_t n, bool variant)
{
	const struct tts_voiceinfo *best = NULL;
	int prio = INT_MAX;
	size_t i;

	if (n == 0)
		return NULL;
	for (i = 0; i < t->nvoices; i++) {
		const struct tts_voiceinfo *v = &t->voices[i];

		if (v->variant == variant && (tts_word_is(s, n, v->name) ||
		    tts_word_is(s, n, v->ident) ||
		    tts_word_is(s, n, tts_basename(v->ident))))
			return v;
	}
	for (i = 0; i < t->nvoices && !variant; i++) {
		const struct tts_voiceinfo *v = &t->voices[i];
		int p = tts_lang_priority(v, s, n);

		if (!v->variant && strncmp(v->ident, "mb/", 3) != 0 && p < prio)
			best = v, prio = p;
	}
	return best;
}

/* "en-gb+f3" as eSpeak NG's files name it ("gmw/en+f3"): eSpeak NG 1.51
 * takes a variant only after a voice's file name, and a language code
 * there selects its default voice, without the variant */
static bool
tts_voice_resolve(const struct tts *t, const char *name, char *buf, size_t len)
{
	const char *plus = strchr(name, '+');
	size_t n = plus ? (size_t)(plus - name) : strlen(name);
	const struct tts_voiceinfo *v = tts_voice_find(t, name, n, false), *var = NULL;

	if (v == NULL || (plus && (var = tts_voice_find(t, plus + 1,
	    strlen(plus + 1), true)) == NULL))
		return false;
	snprintf(buf, len, "%s%s%s", v->ident, var ? "+" : "",
	    var ? tts_basename(var->ident) : "");
	return true;
}

bool
tts_voice_exists(const char *name, void *arg)
{
	char buf[256];

	return tts_voice_resolve(arg, name, buf, sizeof buf);
}

void
tts_list_voices(const struct tts *t, FILE *fp)
{
	size_t i;

	fprintf(fp, "# voice (language)\tname\tfile; add +VARIANT to a voice\n");
	for (i = 0; i < t->nvoices; i++) {
		const struct tts_voiceinfo *v = &t->voices[i];
		const char *l;

		if (v->variant) {
			fprintf(fp, "+%s\t%s\tvariant\n", tts_basename(v->ident),
			    v->name);
			continue;
		}
		/* the languages without their priorities */
		for (l = v->langs; *l != '\0'; ) {
			size_t len = strcspn(l, " ");

			fprintf(fp, "%s%.*s", l == v->langs ? "" : " ",
			    len ? (int)len - 1 : 0, l + 1);
			l += len;
			l += *l == ' ';
		}
		fprintf(fp, "\t%s\t%s\n", v->name, v->ident);
	}
}

/* HELLO's voices: each a flag byte and three strings; false on garbage */
static bool
tts_read_voices(struct tts *t, const char *p, size_t len)
{
	const char *end = p + len;

	while (p < end) {
		struct tts_voiceinfo *vi, v = { .variant = *p++ != 0 };
		const char *s[3];
		size_t k;

		for (k = 0; k < 3; k++) {
			const char *nul = memchr(p, '\0', (size_t)(end - p));

			if (p >= end || nul == NULL)
				return false;
			s[k] = p;
			p = nul + 1;
		}
		if ((vi = realloc(t->voices, (t->nvoices + 1) * sizeof *vi)) == NULL)
			return false;
		t->voices = vi;
		v.name = strdup(s[0]);
		v.ident = strdup(s[1]);
		v.langs = strdup(s[2]);
		t->voices[t->nvoices++] = v;
		if (!v.name || !v.ident || !v.langs)
			return false;
	}
	return true;
}

/* ---- the worker ------------------------------------------------------ */

/* next to the daemon's own executable (a build tree), else installed */
static char *
tts_worker_path(void)
{
	char self[PATH_MAX], *slash, *path;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL &&
		    asprintf(&path, "%.*s/%s", (int)(slash - self), self,
		    TTS_WORKER) != -1) {
			if (access(path, X_OK) == 0)
				return path;
			free(path);
		}
	}
	return strdup(COUNTDOWND_LIBEXECDIR "/" TTS_WORKER);
}

static char **
tts_worker_env(void)
{
	size_t i, n = 0, max = sizeof tts_env_kept / sizeof *tts_env_kept;
	char **env = calloc(max + 1, sizeof *env);

	for (i = 0; env && i < max; i++) {
		const char *v = getenv(tts_env_kept[i]);

		if (v && asprintf(&env[n], "%s=%s", tts_env_kept[i], v) != -1)
			n++;
	}
	return env;
}

static void
tts_env_free(char **env)
{
	size_t i;

	for (i = 0; env && env[i]; i++)
		free(env[i]);
	free(env);
}

/* the worker's socket as fd 3, /dev/null as stdin and stdout, stderr the
 * daemon's (its rare complaints belong in the same log), all signals
 * unblocked and at their defaults, a process group of its own (a
 * terminal's ^C is the daemon's to handle) */
static int
tts_spawn(struct tts *t)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, all;
	char *argv[] = { TTS_WORKER, NULL }, **env = tts_worker_env();
	int sv[2], rc;

	if (env == NULL || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		tts_env_free(env);
		snprintf(t->cause, sizeof t->cause, "cannot be started: %s",
		    strerror(errno));
		return -1;
	}
	if (sv[1] == SPEECH_FD) {	/* dup2 onto itself would keep CLOEXEC */
		int fd = fcntl(sv[1], F_DUPFD_CLOEXEC, SPEECH_FD + 1);

		close(sv[1]);
		sv[1] = fd;
	}
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, sv[1], SPEECH_FD);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
	    POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setpgroup(&attr, 0);
	rc = posix_spawn(&t->pid, t->path, &fa, &attr, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	tts_env_free(env);
	close(sv[1]);
	if (rc != 0) {
		close(sv[0]);
		t->pid = 0;
		snprintf(t->cause, sizeof t->cause, "cannot be started (%s): %s",
		    t->path, strerror(rc));
		return -1;
	}
	t->fd = sv[0];
	fcntl(t->fd, F_SETFL, O_NONBLOCK);
	return 0;
}

static void
tts_signal_name(char *buf, size_t len, int sig)
{
	const char *abbrev = sigabbrev_np(sig);

	if (abbrev)
		snprintf(buf, len, "SIG%s", abbrev);
	else
		snprintf(buf, len, "signal %d", sig);
}

/* The worker is done for: killed (it may be stopped or looping), reaped,
 * and the cause said, unless the keeper has given one already. */
static void
tts_reap(struct tts *t, bool killed)
{
	char sig[32];
	int status;

	if (t->pid == 0)
		return;
	kill(t->pid, SIGKILL);
	while (waitpid(t->pid, &status, 0) == -1 && errno == EINTR)
		;
	close(t->fd);
	t->pid = 0;
	t->fd = -1;
	if (killed)
		return;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		snprintf(t->cause, sizeof t->cause, "was killed (SIGKILL)");
	else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS)
		snprintf(t->cause, sizeof t->cause, "tried a system call outside "
		    "its sandbox (SIGSYS)");
	else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
		snprintf(t->cause, sizeof t->cause, "used up its CPU time (SIGXCPU)");
	else if (WIFSIGNALED(status)) {
		tts_signal_name(sig, sizeof sig, WTERMSIG(status));
		snprintf(t->cause, sizeof t->cause, "crashed (%s)", sig);
	} else
		snprintf(t->cause, sizeof t->cause, "exited with status %d",
		    WEXITSTATUS(status));
}

/* a fault the keeper saw itself: the worker is killed for it */
static enum tts_outcome
tts_fault(struct tts *t, const char *cause)
{
	snprintf(t->cause, sizeof t->cause, "%s", cause);
	tts_reap(t, true);
	return TTS_FAULT;
}

enum tts_wait { TTS_READABLE, TTS_KICKED, TTS_TIMEOUT };

/* Wait for the worker (or, with kick, for tts_submit and tts_stop too) up
 * to ms (-1: no bound). */
static enum tts_wait
tts_wait(struct tts *t, int fd, bool kick, int ms)
{
	struct pollfd p[2] = {
		{ .fd = fd, .events = POLLIN },
		{ .fd = kick ? t->kick : -1, .events = POLLIN },
	};
	eventfd_t v;
	int n;

	while ((n = poll(p, 2, ms)) == -1 && errno == EINTR)
		;
	if (n <= 0)
		return TTS_TIMEOUT;
	if (p[1].revents) {
		eventfd_read(t->kick, &v);
		return TTS_KICKED;
	}
	return TTS_READABLE;
}

/* n bytes from the worker, each read within TTS_HANG_MS: 0, or -1 with
 * t->cause (the worker is reaped) */
static int
tts_recv(struct tts *t, void *buf, size_t n)
{
	char *p = buf;

	while (n > 0) {
		ssize_t r = read(t->fd, p, n);

		if (r > 0) {
			p += r, n -= (size_t)r;
			continue;
		}
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1 && errno == EAGAIN) {
			if (tts_wait(t, t->fd, false, TTS_HANG_MS) == TTS_READABLE)
				continue;
			tts_fault(t, "hung (no progress in " TTS_HANG_TEXT ")");
			return -1;
		}
		tts_reap(t, false);	/* the end of the socket: it died */
		return -1;
	}
	return 0;
}

/* one frame: its header checked, its payload (up to max bytes) in buf */
static int
tts_recv_frame(struct tts *t, struct speech_frame *f, void *buf, size_t max)
{
	if (tts_recv(t, f, sizeof *f) == -1)
		return -1;
	if (!speech_frame_valid(f) || f->len > max) {
		tts_fault(t, "sent garbage");
		return -1;
	}
	return tts_recv(t, buf, f->len);
}

/* A new worker, and its HELLO: the first one's voices are kept. */
static int
tts_worker_start(struct tts *t)
{
	struct speech_frame f;
	uint32_t *head;
	char *buf;

	if (tts_spawn(t) == -1)
		return -1;
	if ((buf = malloc(SPEECH_FRAME_MAX)) == NULL) {
		snprintf(t->cause, sizeof t->cause, "cannot be started: out of memory");
		tts_reap(t, true);
		return -1;
	}
	if (tts_recv_frame(t, &f, buf, SPEECH_FRAME_MAX) == -1)
		goto fail;
	head = (uint32_t *)(void *)buf;
	if (f.type != SPEECH_HELLO || head[0] != SPEECH_VERSION ||
	    head[1] < 8000 || head[1] > 48000 || (t->rate && head[1] != t->rate)) {
		tts_fault(t, "is not this countdownd's (another version?)");
		goto fail;
	}
	if (t->rate == 0 && !tts_read_voices(t, buf + 8, f.len - 8)) {
		tts_fault(t, "sent garbage");
		goto fail;
	}
	t->rate = head[1];
	free(buf);
	return 0;
fail:
	free(buf);
	return -1;
}

/* ---- one job --------------------------------------------------------- */

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
	size_t i = 0;

	for (; pos > 1 && s[i] != '\0'; pos--)
		for (i++; ((unsigned char)s[i] & 0xc0) == 0x80; i++)
			;
	return i;
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

/* Say one segment into c, which it starts at base. */
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
		struct speech_mark	mark;
		uint32_t		status;
	} in;
	struct speech_frame f;
	bool cancelled = false;
	int rc;

	if (msg == NULL)
		return tts_fault(t, "cannot be given the text: out of memory");
	memcpy(msg, voice, vlen);
	memcpy(msg + vlen, text, strlen(text) + 1);
	rc = speech_send(t->fd, SPEECH_SAY, &p, sizeof p, msg, vlen + strlen(text) + 1);
	free(msg);
	if (rc == -1) {
		tts_reap(t, false);
		return TTS_FAULT;
	}
	for (;;) {
		switch (tts_wait(t, t->fd, !cancelled, TTS_HANG_MS)) {
		case TTS_TIMEOUT:
			return tts_fault(t, "hung (no progress in " TTS_HANG_TEXT ")");
		case TTS_KICKED:
			if (tts_job_stale(t)) {
				speech_send(t->fd, SPEECH_CANCEL, NULL, 0, NULL, 0);
				cancelled = true;
			}
			continue;
		case TTS_READABLE:
			break;
		}
		if (tts_recv_frame(t, &f, &in, sizeof in) == -1)
			return TTS_FAULT;
		switch (f.type) {
		case SPEECH_AUDIO:
			if (cancelled)
				break;
			if (!tts_room(c, f.len / 2)) {
				speech_send(t->fd, SPEECH_CANCEL, NULL, 0, NULL, 0);
				cancelled = true;
			} else if (clip_append(c, in.pcm, f.len / 2) == -1)
				return tts_fault(t, "cannot be heard: out of memory");
			break;
		case SPEECH_MARK:
			if (in.mark.sample > (uint64_t)CLIP_MAX_SECONDS * c->rate ||
			    c->nmarks > TTS_MARKS_MAX)
				return tts_fault(t, "sent garbage");
			if (!cancelled && clip_add_text_mark(c, base + in.mark.sample,
			    in.mark.kind == SPEECH_MARK_WORD ? MARK_WORD : MARK_SENTENCE,
			    seg, tts_byte_offset(text, in.mark.text_position)) == -1)
				return tts_fault(t, "cannot be heard: out of memory");
			break;
		case SPEECH_DONE:
			if (cancelled || in.status == SPEECH_CANCELLED)
				return c->cut ? TTS_CUT : TTS_CANCELLED;
			if (in.status == SPEECH_OK)
				return TTS_DONE;
			snprintf(t->cause, sizeof t->cause, in.status == SPEECH_NO_VOICE ?
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

	if (!tts_voice_resolve(t, job->voice.name, voice, sizeof voice))
		snprintf(voice, sizeof voice, "%s", job->voice.name);
	if (!job->announcer ||
	    !tts_voice_resolve(t, job->announcer, announcer, sizeof announcer))
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
	while (tts_wait(t, -1, true, ms) == TTS_KICKED)
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

		if (t->pid == 0 && (!tts_backoff(t) || tts_job_stale(t)))
			o = TTS_CANCELLED;
		else if (t->pid != 0 || tts_worker_start(t) == 0)
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
		log_errorx("speech: eSpeak NG %s on %s; %s", t->cause,
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

	if (t->pid == 0 || tts_wait(t, t->fd, true, -1) != TTS_READABLE) {
		if (t->pid == 0)
			tts_wait(t, -1, true, -1);
		return;
	}
	/* nothing is due from a worker between jobs */
	if (read(t->fd, &buf, 1) == 1)
		tts_fault(t, "sent garbage");
	else
		tts_reap(t, false);
	t->faults++;
	log_errorx("speech: eSpeak NG %s between entries; starting another", t->cause);
	if (tts_backoff(t) && !tts_job_stale(t) && tts_worker_start(t) == -1) {
		t->faults++;
		log_errorx("speech: eSpeak NG %s as it started; the next entry "
		    "tries again", t->cause);
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

static void
tts_free(struct tts *t)
{
	size_t i;

	tts_reap(t, true);
	tts_job_free(t->pending);
	clip_free(t->done);
	for (i = 0; i < t->nvoices; i++) {
		free(t->voices[i].name);
		free(t->voices[i].ident);
		free(t->voices[i].langs);
	}
	free(t->voices);
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
	t->fd = -1;
	t->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	t->kick = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (t->efd == -1 || t->kick == -1 || (t->path = tts_worker_path()) == NULL) {
		log_error("tts: cannot start");
		tts_free(t);
		return NULL;
	}
	if (tts_worker_start(t) == -1) {
		log_errorx("eSpeak NG: the speech worker %s", t->cause);
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
