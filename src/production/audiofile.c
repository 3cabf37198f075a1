/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audiofile: the format table, and a file written or continued through
 * libsndfile. */
#include "production/audiofile.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/log.h"

struct audiofile_format {
	const char	*ext;
	int		 format;	/* libsndfile's major | subtype */
	unsigned	 rate;		/* the rate it needs, 0: any */
	const char	*no_append;	/* why the file output refuses it */
};

/* What Debian 12's libsndfile 1.2.0 writes: Vorbis and Opus in Ogg, MPEG
 * Layer III through LAME. Opus takes 8, 12, 16, 24 or 48 kHz only. A lossy
 * file could be continued only by decoding and encoding again what it
 * holds, at every restart: the file output refuses those. */
static const struct audiofile_format audiofile_formats[] = {
	{ ".wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 0, NULL },
	{ ".flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 0, NULL },
	{ ".ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 0, "Ogg Vorbis" },
	{ ".opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, 48000, "Opus" },
	{ ".mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 0, "MP3" },
};

struct audiofile {
	SNDFILE		*sf;
	size_t		 frames;
	int		 pipe_fd;	/* -1, or where mem goes at close */
	int		 own_fd;	/* -1, or a fd to close with the file */
	unsigned char	*mem;		/* the whole file, for a fd that cannot seek */
	size_t		 len, cap, pos;
};

static const struct audiofile_format *
audiofile_find(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	size_t i;

	if (strcmp(path, "-") == 0)
		return &audiofile_formats[0];
	if (dot == NULL || (slash != NULL && dot < slash))
		return NULL;
	for (i = 0; i < sizeof audiofile_formats / sizeof *audiofile_formats; i++)
		if (strcasecmp(dot, audiofile_formats[i].ext) == 0)
			return &audiofile_formats[i];
	return NULL;
}

bool
audiofile_known(const char *path)
{
	return audiofile_find(path) != NULL;
}

unsigned
audiofile_rate(const char *path, unsigned rate)
{
	const struct audiofile_format *f = audiofile_find(path);

	return f != NULL && f->rate != 0 ? f->rate : rate;
}

const char *
audiofile_why_not_appendable(const char *path)
{
	const struct audiofile_format *f = audiofile_find(path);

	if (f == NULL || strcmp(path, "-") == 0)
		return "not a .wav or .flac file";
	if (f->no_append != NULL)
		return "a lossy format cannot be continued without encoding "
		    "it again: use .wav or .flac";
	return NULL;
}

/* libsndfile's virtual I/O over af->mem */
static sf_count_t
audiofile_vlen(void *arg)
{
	return (sf_count_t)((struct audiofile *)arg)->len;
}

static sf_count_t
audiofile_vseek(sf_count_t off, int whence, void *arg)
{
	struct audiofile *af = arg;
	sf_count_t base = whence == SEEK_CUR ? (sf_count_t)af->pos :
	    whence == SEEK_END ? (sf_count_t)af->len : 0;

	if (base + off < 0)
		return -1;
	af->pos = (size_t)(base + off);
	return (sf_count_t)af->pos;
}

static sf_count_t
audiofile_vread(void *ptr, sf_count_t n, void *arg)
{
	struct audiofile *af = arg;
	size_t k = af->pos < af->len ? af->len - af->pos : 0;

	if ((size_t)n < k)
		k = (size_t)n;
	memcpy(ptr, af->mem + af->pos, k);
	af->pos += k;
	return (sf_count_t)k;
}

static sf_count_t
audiofile_vwrite(const void *ptr, sf_count_t n, void *arg)
{
	struct audiofile *af = arg;
	size_t end = af->pos + (size_t)n, cap = af->cap ? af->cap : 65536;
	unsigned char *p;

	while (cap < end)
		cap *= 2;
	if (cap != af->cap) {
		if ((p = realloc(af->mem, cap)) == NULL)
			return 0;
		af->mem = p;
		af->cap = cap;
	}
	if (af->pos > af->len)		/* a seek past the end: zeros between */
		memset(af->mem + af->len, 0, af->pos - af->len);
	memcpy(af->mem + af->pos, ptr, (size_t)n);
	af->pos = end;
	if (end > af->len)
		af->len = end;
	return n;
}

static sf_count_t
audiofile_vtell(void *arg)
{
	return (sf_count_t)((struct audiofile *)arg)->pos;
}

static SF_VIRTUAL_IO audiofile_vio = {
	audiofile_vlen, audiofile_vseek, audiofile_vread, audiofile_vwrite,
	audiofile_vtell
};

struct audiofile *
audiofile_create(int fd, const char *path, unsigned rate, char *err,
    size_t errlen)
{
	const struct audiofile_format *f = audiofile_find(path);
	struct audiofile *af;
	SF_INFO info = { 0 };

	if (f == NULL) {
		snprintf(err, errlen, "%s: unknown format (known: %s)", path,
		    AUDIOFILE_EXTENSIONS);
		return NULL;
	}
	if ((af = calloc(1, sizeof *af)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	af->pipe_fd = af->own_fd = -1;
	info.samplerate = (int)rate;
	info.channels = 1;
	info.format = f->format;
	if (lseek(fd, 0, SEEK_CUR) == -1 && errno == ESPIPE) {
		af->pipe_fd = fd;
		af->sf = sf_open_virtual(&audiofile_vio, SFM_WRITE, &info, af);
	} else
		af->sf = sf_open_fd(fd, SFM_WRITE, &info, SF_FALSE);
	if (af->sf == NULL) {
		snprintf(err, errlen, "%s: %s", path, sf_strerror(NULL));
		free(af->mem);
		free(af);
		return NULL;
	}
	return af;
}

int
audiofile_write(struct audiofile *af, const int16_t *pcm, size_t n, char *err,
    size_t errlen)
{
	if (sf_write_short(af->sf, pcm, (sf_count_t)n) != (sf_count_t)n) {
		snprintf(err, errlen, "%s", sf_strerror(af->sf));
		return -1;
	}
	af->frames += n;
	return 0;
}

size_t
audiofile_frames(const struct audiofile *af)
{
	return af->frames;
}

void
audiofile_sync(struct audiofile *af)
{
	sf_command(af->sf, SFC_UPDATE_HEADER_NOW, NULL, 0);
}

static int
audiofile_flush_mem(struct audiofile *af, char *err, size_t errlen)
{
	size_t off = 0;
	ssize_t n;

	while (off < af->len) {
		if ((n = write(af->pipe_fd, af->mem + off, af->len - off)) == -1) {
			if (errno == EINTR)
				continue;
			if (err != NULL)
				snprintf(err, errlen, "%s", strerror(errno));
			return -1;
		}
		off += (size_t)n;
	}
	return 0;
}

int
audiofile_close(struct audiofile *af, char *err, size_t errlen)
{
	int rc = 0;

	if (af == NULL)
		return 0;
	if (sf_close(af->sf) != 0) {
		if (err != NULL)
			snprintf(err, errlen, "%s", sf_strerror(NULL));
		rc = -1;
	}
	if (rc == 0 && af->pipe_fd != -1)
		rc = audiofile_flush_mem(af, err, errlen);
	if (af->own_fd != -1)
		close(af->own_fd);
	free(af->mem);
	free(af);
	return rc;
}

/* Copy what path holds into a new file beside it, which then takes its
 * name; the new file stays open for more. */
static struct audiofile *
audiofile_copy(const char *path, SNDFILE *in, const SF_INFO *in_info)
{
	char tmp[PATH_MAX], err[256];
	struct audiofile *af = NULL;
	int16_t buf[4096];
	sf_count_t n;
	int fd;

	if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp ||
	    (fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		log_warn("audio: cannot continue %s: a file beside it", path);
		return NULL;
	}
	/* the format is path's: the temporary name has no extension */
	if ((af = audiofile_create(fd, path, (unsigned)in_info->samplerate, err,
	    sizeof err)) == NULL) {
		log_warnx("audio: cannot continue %s", err);
		goto fail;
	}
	while ((n = sf_read_short(in, buf, sizeof buf / sizeof *buf)) > 0)
		if (audiofile_write(af, buf, (size_t)n, err, sizeof err) == -1) {
			log_warnx("audio: cannot continue %s: %s", path, err);
			goto fail;
		}
	if (rename(tmp, path) == -1) {
		log_warn("audio: cannot continue %s: rename", path);
		goto fail;
	}
	af->own_fd = fd;
	return af;
fail:
	if (af != NULL)
		audiofile_close(af, NULL, 0);
	unlink(tmp);
	close(fd);
	return NULL;
}

struct audiofile *
audiofile_append(const char *path, unsigned *rate)
{
	const struct audiofile_format *f = audiofile_find(path);
	struct audiofile *af;
	SF_INFO info = { 0 };
	struct stat st;
	SNDFILE *sf;
	char err[256];
	int fd;

	if (f == NULL || f->no_append != NULL) {	/* conf refuses these */
		log_warnx("audio: cannot append to %s", path);
		return NULL;
	}
	if ((sf = sf_open(path, f == &audiofile_formats[0] ? SFM_RDWR : SFM_READ,
	    &info)) != NULL) {
		if (info.channels != 1 || (info.format & SF_FORMAT_TYPEMASK) !=
		    (f->format & SF_FORMAT_TYPEMASK)) {
			log_warnx("audio: %s is not a mono %s file: not touched",
			    path, f->ext);
			sf_close(sf);
			return NULL;
		}
		*rate = (unsigned)info.samplerate;
		if (f != &audiofile_formats[0]) {
			af = audiofile_copy(path, sf, &info);
			sf_close(sf);
		} else if (sf_seek(sf, 0, SEEK_END) == -1 ||
		    (af = calloc(1, sizeof *af)) == NULL) {
			log_warnx("audio: cannot append to %s", path);
			sf_close(sf);
			return NULL;
		} else {
			af->sf = sf;
			af->pipe_fd = af->own_fd = -1;
		}
		if (af != NULL)
			af->frames = (size_t)info.frames;
		return af;
	}
	/* an empty file is started; anything else libsndfile cannot read
	 * is somebody's, and left alone */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666)) == -1 ||
	    (st.st_size = 0, fstat(fd, &st)) == -1 || st.st_size > 0) {
		if (fd != -1 && st.st_size > 0)
			log_warnx("audio: %s: %s: not touched", path,
			    sf_strerror(NULL));
		else
			log_warn("audio: cannot write %s", path);
		if (fd != -1)
			close(fd);
		return NULL;
	}
	if ((af = audiofile_create(fd, path, *rate, err, sizeof err)) == NULL) {
		log_warnx("audio: cannot write %s", err);
		close(fd);
		return NULL;
	}
	af->own_fd = fd;
	return af;
}
