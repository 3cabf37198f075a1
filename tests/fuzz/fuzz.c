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

void
fuzz_script_check(const struct script *s)
{
	size_t i, j, ranked = 0;

	for (i = 0; i < s->nentries; i++) {
		const struct entry *e = &s->entries[i];

		if (e->kind == ENTRY_RANKED && (e->rank < 1 || e->ntitles == 0))
			fuzz_fail("a ranked entry without a rank or a title", NULL);
		if (e->kind != ENTRY_RANKED && e->rank != 0)
			fuzz_fail("a rank on an entry that has none", NULL);
		if (e->kind == ENTRY_INTRO && (i != 0 || e->lead == NULL))
			fuzz_fail("an intro that is not first", NULL);
		if (e->kind == ENTRY_MENTIONS && (e->lead == NULL ||
		    e->ntitles == 0))
			fuzz_fail("mentions without a lead or items", NULL);
		for (j = 0; j < e->ntitles; j++)
			if (e->titles[j].text[0] == '\0')
				fuzz_fail("an empty title", NULL);
		for (j = 0; j < e->nparagraphs; j++)
			if (strlen(e->paragraphs[j]) == 0)
				fuzz_fail("an empty paragraph", NULL);
		ranked += e->kind == ENTRY_RANKED;
	}
	if (ranked == 0)
		fuzz_fail("a script without a ranked entry", NULL);
}

void
fuzz_took(void *arg, const struct script_took *t)
{
	struct fuzz_took *ft = arg;

	if (t->line < ft->line || t->line < 1)
		fuzz_fail("a line told out of order", NULL);
	if (t->len > 0 && (t->text < ft->start || t->text + t->len > ft->end))
		fuzz_fail("a line told that is not the input's", NULL);
	if (t->role > SCRIPT_COLUMNS || script_role_name(t->role) == NULL)
		fuzz_fail("a line told with no role", NULL);
	ft->line = t->line;
}
