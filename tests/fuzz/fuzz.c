/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz: the harnesses' temporary folder and checks. */
#include "fuzz.h"

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fuzz_tmp[PATH_MAX];

static int
fuzz_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void
fuzz_cleanup(void)
{
	if (fuzz_tmp[0] != '\0')
		nftw(fuzz_tmp, fuzz_rm, 8, FTW_DEPTH | FTW_PHYS);
}

const char *
fuzz_dir(void)
{
	const char *base = getenv("TMPDIR");

	if (fuzz_tmp[0] != '\0')
		return fuzz_tmp;
	/* millions of small files written and read back: memory, where
	 * there is a tmpfs for it */
	if (base == NULL || *base == '\0')
		base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(fuzz_tmp, sizeof fuzz_tmp, "%s/countdownd-fuzz.XXXXXX", base);
	if (mkdtemp(fuzz_tmp) == NULL) {
		perror(fuzz_tmp);
		abort();
	}
	atexit(fuzz_cleanup);
	return fuzz_tmp;
}

const char *
fuzz_write(const char *name, const void *data, size_t size)
{
	static char path[PATH_MAX];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
	if ((fp = fopen(path, "w")) == NULL ||
	    fwrite(data, 1, size, fp) != size || fclose(fp) != 0) {
		perror(path);
		abort();
	}
	return path;
}

char *
fuzz_strndup(const void *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

void
fuzz_fail(const char *what, const char *text)
{
	fprintf(stderr, "fuzz: %s: \"%s\"\n", what, text ? text : "(null)");
	abort();
}
