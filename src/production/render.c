/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render: synthesize every entry into one buffer, measure and scale it
 * once, then write the audio, the captions, the chapters and the parts. */
#include "production/render.h"

#include <sys/signalfd.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "core/status.h"
#include "production/audiofile.h"
#include "production/captions.h"
#include "production/chapters.h"
#include "production/loudness.h"
#include "production/progress.h"
#include "speech/clip.h"
#include "text/narrate.h"
#include "util/log.h"

/* a file being written under a temporary name */
struct render_tmp {
	char	*path;		/* its name once done */
	char	 tmp[PATH_MAX];
	int	 fd;
};

struct render {
	const struct render_opts *o;
	const struct script	*script;
	const struct conf	*conf;
	int			 sigfd;
	int			 signo;		/* the signal that stopped it */
	unsigned		 rate;
	struct clip		*all;		/* the whole render */
	size_t			*start, *end;	/* of each entry's sound in all */
	struct captions		 captions;
	struct chapters		 chapters;
	struct render_tmp	*tmp;
	size_t			 ntmp;
	struct audiofile	*af;		/* OUT */
	int			 af_fd;		/* its fd: -1, or one of tmp */
};

int
render_check(const struct render_opts *o)
{
	struct stat st;

	if (!audiofile_known(o->out)) {
		log_errorx("%s: unknown audio format (known: %s, - for WAV on "
		    "standard output)", o->out, AUDIOFILE_EXTENSIONS);
		return EX_USAGE;
	}
	if (o->captions && captions_format(o->captions) == -1) {
		log_errorx("%s: unknown captions format (known: .vtt .srt)",
		    o->captions);
		return EX_USAGE;
	}
	if (o->chapters && chapters_format(o->chapters) == -1) {
		log_errorx("%s: unknown chapters format (known: .txt .ffmeta .json)",
		    o->chapters);
		return EX_USAGE;
	}
	if (o->split && (stat(o->split, &st) == -1 || !S_ISDIR(st.st_mode))) {
		log_errorx("--split %s: not a folder", o->split);
		return EX_USAGE;
	}
	if (o->rate != 0 && (o->rate < 8000 || o->rate > 192000)) {
		log_errorx("--rate %u: out of range (allowed: 8000..192000)", o->rate);
		return EX_USAGE;
	}
	return 0;
}

static mode_t
render_umask(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
}

/* a temporary file beside path, to become path at the end */
static int
render_tmp_open(struct render *r, const char *path)
{
	const char *slash = strrchr(path, '/');
	struct render_tmp *t;
	int n;

	if ((t = realloc(r->tmp, (r->ntmp + 1) * sizeof *t)) == NULL)
		return -1;
	r->tmp = t;
	t = &r->tmp[r->ntmp];
	n = slash ? snprintf(t->tmp, sizeof t->tmp, "%.*s/.%s.XXXXXX",
	    (int)(slash - path), path, slash + 1) :
	    snprintf(t->tmp, sizeof t->tmp, ".%s.XXXXXX", path);
	if (n < 0 || (size_t)n >= sizeof t->tmp) {
		errno = ENAMETOOLONG;
		log_error("%s", path);
		return -1;
	}
	if ((t->path = strdup(path)) == NULL)
		return -1;
	if ((t->fd = mkostemp(t->tmp, O_CLOEXEC)) == -1) {
		log_error("%s", path);
		free(t->path);
		return -1;
	}
	/* what mkostemp makes is 0600: a render is an ordinary file */
	fchmod(t->fd, 0666 & ~render_umask());
	return (int)r->ntmp++;
}

/* the temporary files become what they were made for */
static int
render_commit(struct render *r)
{
	size_t i;

	for (i = 0; i < r->ntmp; i++) {
		struct render_tmp *t = &r->tmp[i];

		if (t->fd != -1 && close(t->fd) == -1) {
			t->fd = -1;
			log_error("%s", t->path);
			return EX_IOERR;
		}
		t->fd = -1;
		if (rename(t->tmp, t->path) == -1) {
			log_error("%s", t->path);
			return EX_CANTCREAT;
		}
		t->tmp[0] = '\0';
	}
	return 0;
}

/* whatever was not committed goes */
static void
render_discard(struct render *r)
{
	size_t i;

	for (i = 0; i < r->ntmp; i++) {
		if (r->tmp[i].fd != -1)
			close(r->tmp[i].fd);
		if (r->tmp[i].tmp[0] != '\0')
			unlink(r->tmp[i].tmp);
		free(r->tmp[i].path);
	}
	free(r->tmp);
	r->tmp = NULL;
	r->ntmp = 0;
}

/* the temporary file i as a stdio stream (which closes it) */
static FILE *
render_stream(struct render *r, int i)
{
	FILE *fp = fdopen(r->tmp[i].fd, "w");

	if (fp == NULL)
		log_error("%s", r->tmp[i].path);
	else
		r->tmp[i].fd = -1;
	return fp;
}

static bool
render_stopped(struct render *r)
{
	struct signalfd_siginfo si;

	if (r->signo == 0 && read(r->sigfd, &si, sizeof si) == sizeof si)
		r->signo = (int)si.ssi_signo;
	return r->signo != 0;
}

/* the clip of the job just submitted, or NULL when stopped */
static struct clip *
render_wait(struct render *r, struct tts *tts)
{
	struct pollfd pfd[2] = {
		{ .fd = tts_fd(tts), .events = POLLIN },
		{ .fd = r->sigfd, .events = POLLIN },
	};
	struct clip *c;

	while ((c = tts_collect(tts)) == NULL) {
		if (render_stopped(r))
			return NULL;
		if (poll(pfd, 2, -1) == -1 && errno != EINTR)
			return NULL;
	}
	return c;
}

/* entry i was cut off at CLIP_MAX_SECONDS, or the speech worker failed
 * on it (the log has said how, each time) */
static void
render_lost(const struct render *r, size_t i, bool failed)
{
	struct textbuf b = TEXTBUF_INIT;

	status_lost(&b, r->script, i, failed);
	log_errorx("%s", textbuf_str(&b));
	textbuf_reset(&b);
}

/* one entry synthesized and added to the whole */
static int
render_entry(struct render *r, struct tts *tts, size_t i,
    const struct narrate_params *np)
{
	const struct entry *e = &r->script->entries[i];
	struct narration n;
	struct textbuf label = TEXTBUF_INIT;
	struct tts_job *job;
	struct clip *clip;
	int rc = EX_OSERR;

	if (narrate_entry(e, np, &n) == -1)
		return EX_OSERR;
	status_entry(&label, r->script, i);
	/* the job takes n, and its clip keeps it for the captions */
	if ((job = tts_job_new(i, &n, r->conf, textbuf_str(&label))) == NULL) {
		narrate_free(&n);
		textbuf_reset(&label);
		return EX_OSERR;
	}
	textbuf_reset(&label);
	tts_submit(tts, job);
	if ((clip = render_wait(r, tts)) == NULL)
		return r->signo ? 128 + r->signo : EX_OSERR;
	if (clip->cut || clip->failed) {
		/* the render would not be what the script says */
		render_lost(r, i, clip->failed);
		rc = EX_DATAERR;
		goto done;
	}
	if (clip_resample(clip, r->rate) == -1) {
		log_errorx("cannot resample to %u Hz", r->rate);
		goto done;
	}
	r->start[i] = r->all->nsamples;
	if (clip_append(r->all, clip->pcm, clip->nsamples) == -1 ||
	    (r->o->captions &&
	    captions_add(&r->captions, clip, r->start[i]) == -1) ||
	    chapters_add(&r->chapters, (double)r->start[i] / r->rate, e) == -1)
		goto done;
	r->end[i] = r->all->nsamples;
	if (i + 1 < r->script->nentries &&
	    clip_append_silence(r->all, r->conf->schedule.gap) == -1)
		goto done;
	rc = 0;
done:
	clip_free(clip);
	return rc;
}

static int
render_entries(struct render *r, struct tts *tts, const struct lexicon *lx,
    struct progress *pg)
{
	struct narrate_params np;
	size_t i;
	int rc;

	narrate_params_set(&np, r->conf, lx);
	for (i = 0; i < r->script->nentries; i++) {
		if ((rc = render_entry(r, tts, i, &np)) != 0)
			return rc;
		progress_update(pg, i + 1, (double)r->all->nsamples / r->rate);
	}
	return 0;
}

/* samples [from, to) of the whole into af, a second at a time */
static int
render_audio(struct render *r, struct audiofile *af, const char *name,
    size_t from, size_t to)
{
	char err[256];
	size_t k, n;

	for (k = from; k < to; k += n) {
		if (render_stopped(r))
			return 128 + r->signo;
		n = to - k < r->rate ? to - k : r->rate;
		if (audiofile_write(af, r->all->pcm + k, n, err, sizeof err) == -1) {
			log_errorx("%s: %s", name, err);
			return EX_IOERR;
		}
	}
	return 0;
}

static int
render_loudness(struct render *r, char *summary, size_t len)
{
	struct loudness *l = loudness_new(r->rate);
	struct loudness_result res;
	double target = r->conf->render.loudness, limit = r->conf->render.true_peak;

	if (l == NULL || loudness_add(l, r->all->pcm, r->all->nsamples) == -1) {
		loudness_free(l);
		log_errorx("loudness: cannot measure at %u Hz", r->rate);
		return EX_SOFTWARE;
	}
	if (loudness_gain(l, target, limit, &res) == -1) {
		loudness_free(l);
		log_warnx("loudness: too quiet to measure; the level stays");
		return 0;
	}
	loudness_free(l);
	if (res.limited)
		log_warnx("loudness: %.1f LUFS would put the true peak at %+.1f "
		    "dBTP, over the limit of %.1f dBTP: %.1f LU short, %.1f LUFS",
		    target, res.dbtp + target - res.lufs, limit, res.shortfall,
		    res.out_lufs);
	loudness_apply(r->all->pcm, r->all->nsamples, res.gain);
	snprintf(summary, len, ", %.1f LUFS, %.1f dBTP", res.out_lufs,
	    res.out_dbtp);
	return 0;
}

static int
render_captions(struct render *r, const char *path, size_t from, size_t to)
{
	int i = render_tmp_open(r, path);
	FILE *fp;
	int rc;

	if (i == -1 || (fp = render_stream(r, i)) == NULL)
		return EX_CANTCREAT;
	rc = captions_write(&r->captions, fp, captions_format(path), from, to);
	if (fclose(fp) != 0 || rc == -1) {
		log_error("%s", path);
		return EX_IOERR;
	}
	return 0;
}

static int
render_chapters(struct render *r)
{
	int i = render_tmp_open(r, r->o->chapters), rc;
	char err[256];
	FILE *fp;

	if (i == -1 || (fp = render_stream(r, i)) == NULL)
		return EX_CANTCREAT;
	rc = chapters_write(&r->chapters, fp, chapters_format(r->o->chapters),
	    (double)r->all->nsamples / r->rate, err, sizeof err);
	if (fclose(fp) != 0 && rc == 0) {
		log_error("%s", r->o->chapters);
		return EX_IOERR;
	}
	if (rc == -1) {
		log_errorx("%s: %s", r->o->chapters, err);
		return EX_DATAERR;
	}
	return 0;
}

/* "02-10-you-and-i": index, rank, the first title in lower-case ASCII */
static void
render_slug(char *buf, size_t len, size_t i, size_t n, const struct entry *e)
{
	const char *t = e->kind == ENTRY_INTRO ? "intro" :
	    e->kind == ENTRY_MENTIONS ? "honorable mentions" :
	    e->ntitles > 0 ? e->titles[0].text : "";
	size_t k = (size_t)snprintf(buf, len, "%0*zu", n >= 100 ? 3 : 2, i + 1);
	bool sep;

	if (e->kind == ENTRY_RANKED && k < len)
		k += (size_t)snprintf(buf + k, len - k, "-%d", e->rank);
	for (sep = true; *t != '\0' && k + 2 < len && k < 48; t++) {
		if (*t == '\'' || strncmp(t, "\xe2\x80\x99", 3) == 0) {
			t += *t == '\'' ? 0 : 2;	/* "don't" is "dont" */
			continue;
		}
		if (!isalnum((unsigned char)*t) || (unsigned char)*t >= 0x80) {
			sep = true;
			continue;
		}
		if (sep)
			buf[k++] = '-';
		buf[k++] = (char)tolower((unsigned char)*t);
		sep = false;
	}
	buf[k] = '\0';
}

/* --split: each entry's sound (and its captions) in a file of its own */
static int
render_split(struct render *r)
{
	const char *ext = strcmp(r->o->out, "-") == 0 ? ".wav" :
	    strrchr(r->o->out, '.');
	char slug[64], path[PATH_MAX], err[256];
	struct audiofile *af;
	size_t i;
	int k, rc;

	for (i = 0; i < r->script->nentries; i++) {
		render_slug(slug, sizeof slug, i, r->script->nentries,
		    &r->script->entries[i]);
		if ((size_t)snprintf(path, sizeof path, "%s/%s%s", r->o->split,
		    slug, ext) >= sizeof path || (k = render_tmp_open(r, path)) == -1)
			return EX_CANTCREAT;
		if ((af = audiofile_create(r->tmp[k].fd, path, r->rate, err,
		    sizeof err)) == NULL) {
			log_errorx("%s", err);
			return EX_CANTCREAT;
		}
		rc = render_audio(r, af, path, r->start[i], r->end[i]);
		if (audiofile_close(af, err, sizeof err) == -1 && rc == 0) {
			log_errorx("%s: %s", path, err);
			rc = EX_IOERR;
		}
		if (rc != 0)
			return rc;
		if (r->o->captions == NULL)
			continue;
		snprintf(path, sizeof path, "%s/%s%s", r->o->split, slug,
		    strrchr(r->o->captions, '.'));
		if ((rc = render_captions(r, path, r->start[i], r->end[i])) != 0)
			return rc;
	}
	return 0;
}

/* everything after the synthesis: loudness, then each file */
static int
render_write(struct render *r, char *summary, size_t len)
{
	char err[256];
	int rc;

	if (!r->o->loudness_off && (rc = render_loudness(r, summary, len)) != 0)
		return rc;
	rc = render_audio(r, r->af, r->o->out, 0, r->all->nsamples);
	if (audiofile_close(r->af, err, sizeof err) == -1 && rc == 0) {
		log_errorx("%s: %s", r->o->out, err);
		rc = EX_IOERR;
	}
	r->af = NULL;
	if (rc == 0 && r->o->captions)
		rc = render_captions(r, r->o->captions, 0, SIZE_MAX);
	if (rc == 0 && r->o->chapters)
		rc = render_chapters(r);
	if (rc == 0 && r->o->split)
		rc = render_split(r);
	return rc;
}

/* OUT opened before any synthesis, so that a folder that cannot be
 * written or a rate the format refuses is said at once */
static int
render_open(struct render *r)
{
	char err[256];
	int fd = STDOUT_FILENO, i;

	if (strcmp(r->o->out, "-") != 0) {
		if ((i = render_tmp_open(r, r->o->out)) == -1)
			return EX_CANTCREAT;
		fd = r->tmp[i].fd;
	}
	if ((r->af = audiofile_create(fd, r->o->out, r->rate, err,
	    sizeof err)) == NULL) {
		log_errorx("%s", err);
		return EX_CANTCREAT;
	}
	return 0;
}

static int
render_init(struct render *r, const struct render_opts *o,
    const struct script *s, const struct conf *c, const sigset_t *stop)
{
	memset(r, 0, sizeof *r);
	r->o = o;
	r->script = s;
	r->conf = c;
	r->rate = o->rate ? o->rate : audiofile_rate(o->out, CLIP_RATE);
	captions_init(&r->captions, r->rate);
	if ((r->sigfd = signalfd(-1, stop, SFD_CLOEXEC | SFD_NONBLOCK)) == -1 ||
	    (r->all = clip_new(0, r->rate)) == NULL ||
	    (r->start = calloc(s->nentries, sizeof *r->start)) == NULL ||
	    (r->end = calloc(s->nentries, sizeof *r->end)) == NULL) {
		log_error("render");
		return EX_OSERR;
	}
	return 0;
}

static void
render_free(struct render *r)
{
	audiofile_close(r->af, NULL, 0);
	render_discard(r);
	captions_free(&r->captions);
	chapters_free(&r->chapters);
	clip_free(r->all);
	free(r->start);
	free(r->end);
	if (r->sigfd != -1)
		close(r->sigfd);
}

int
render_run(const struct render_opts *o, struct tts *tts, const struct script *s,
    const struct conf *c, const struct lexicon *lx, const sigset_t *stop)
{
	struct render r;
	struct progress pg;
	char loud[64] = "", clock[16];
	double took;
	int rc;

	if ((rc = render_init(&r, o, s, c, stop)) == 0 &&
	    (rc = render_open(&r)) == 0) {
		progress_start(&pg, s->nentries);
		rc = render_entries(&r, tts, lx, &pg);
		if (rc == 0)
			rc = render_write(&r, loud, sizeof loud);
		if (rc == 0)
			rc = render_commit(&r);
		took = progress_end(&pg);
		if (rc == 0) {
			progress_clock(clock, sizeof clock,
			    (double)r.all->nsamples / r.rate);
			log_info("rendered %zu entries, %s of audio%s, in %.1f s",
			    s->nentries, clock, loud, took);
		} else if (r.signo != 0)
			log_errorx("render stopped by signal %d: nothing written",
			    r.signo);
	}
	render_free(&r);
	return rc;
}
