/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audiofile: mono s16 audio written to a file whose format follows its
 * extension (libsndfile), for --render and the file output. No libsndfile
 * type shows here. */
#ifndef AUDIOFILE_H
#define AUDIOFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AUDIOFILE_EXTENSIONS ".wav .flac .ogg .opus .mp3"

struct audiofile;

/* Is the extension one of AUDIOFILE_EXTENSIONS ("-" is WAV)? */
bool		 audiofile_known(const char *path);
/* The rate a render to path uses unless told: 48000 for .opus (the
 * highest it takes), else rate. */
unsigned	 audiofile_rate(const char *path, unsigned rate);
/* Why the file output cannot append to path, or NULL when it can. */
const char	*audiofile_why_not_appendable(const char *path);
/* Write a new file in path's format at rate into fd (the caller's, left
 * open). A fd that cannot seek (a pipe) gets the file once it is whole, at
 * close. NULL with the reason in err. */
struct audiofile *audiofile_create(int fd, const char *path, unsigned rate,
		    char *err, size_t errlen);
/* The file output: continue path, or start it when it is not there. A WAV
 * is continued in place; a FLAC is copied into a new file that replaces
 * it (libsndfile cannot reopen one for writing). *rate is the rate to
 * write at, and becomes the existing file's. NULL with a logged reason. */
struct audiofile *audiofile_append(const char *path, unsigned *rate);
/* 0, or -1 with the reason in err */
int		 audiofile_write(struct audiofile *af, const int16_t *pcm, size_t n,
		    char *err, size_t errlen);
/* frames in the file, those before an append included */
size_t		 audiofile_frames(const struct audiofile *af);
/* make what was written readable by others (the header brought up to date) */
void		 audiofile_sync(struct audiofile *af);
/* 0, or -1 with the reason in err (err may be NULL) */
int		 audiofile_close(struct audiofile *af, char *err, size_t errlen);

#endif
