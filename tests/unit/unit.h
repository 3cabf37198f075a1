/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit: what the cmocka tests (tests/unit/test_*.c) share. Each test is a
 * program of its own, linked with src/ only, so this is a header alone. */
#ifndef UNIT_H
#define UNIT_H

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A private temporary folder, /tmp/PROGRAM.XXXXXX (test_conf.XXXXXX), made
 * with mode 0700; its real path (no symbolic link in it) into dir, size
 * bytes. 0, or -1. */
static inline int
unit_tmpdir(char *dir, size_t size)
{
	char tmpl[PATH_MAX], real[PATH_MAX];

	if ((size_t)snprintf(tmpl, sizeof tmpl, "/tmp/%s.XXXXXX",
	    program_invocation_short_name) >= sizeof tmpl ||
	    mkdtemp(tmpl) == NULL)
		return -1;
	if (realpath(tmpl, real) == NULL || strlen(real) >= size) {
		rmdir(tmpl);
		return -1;
	}
	strcpy(dir, real);
	return 0;
}

/* path and everything under it, symbolic links not followed; a folder a
 * test made unreadable or read-only is given back its permissions first.
 * 0, or -1 when something could not be removed. */
static inline int
unit_remove(const char *path)
{
	struct stat st;
	struct dirent *de;
	char p[PATH_MAX];
	DIR *d;
	int rc = 0;

	if (lstat(path, &st) == -1)
		return -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	chmod(path, 0700);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(p, sizeof p, "%s/%s", path, de->d_name) >= sizeof p ||
		    unit_remove(p) == -1)
			rc = -1;
	}
	closedir(d);
	return rmdir(path) == -1 ? -1 : rc;
}

/* the folder unit_tmpdir made, removed with whatever a test left in it: 0,
 * or -1 (a teardown returns it, so cmocka reports what was left behind) */
static inline int
unit_tmpdir_remove(const char *dir)
{
	return unit_remove(dir);
}

/* cmocka_unit_test_setup_teardown(test, unit_tmpdir_setup,
 * unit_tmpdir_teardown): *state is the folder's path (a char[PATH_MAX]) */
static inline int
unit_tmpdir_setup(void **state)
{
	char *dir = malloc(PATH_MAX);

	if (dir == NULL || unit_tmpdir(dir, PATH_MAX) == -1) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static inline int
unit_tmpdir_teardown(void **state)
{
	int rc = unit_tmpdir_remove(*state);

	free(*state);
	return rc;
}

#endif
