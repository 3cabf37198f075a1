/* SPDX-License-Identifier: GPL-3.0-or-later */
/* replay: a harness without libFuzzer, for make check (no libFuzzer
 * runtime needed, any compiler): each file named, or each file in a folder
 * named (in name order), is passed once to LLVMFuzzerTestOneInput. One line
 * an input, "ok - PATH"; a crash or a sanitizer report ends the run, the
 * input last named "replaying" being the culprit; an input that runs for
 * REPLAY_SECONDS is taken for a hang ("not ok - PATH: ..."), exit 1.
 * LLVMFuzzerInitialize runs first, as libFuzzer runs it. */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "util/textbuf.h"

#define REPLAY_SECONDS	60
#define REPLAY_MAX	(16u << 20)	/* no input of a corpus is larger */

static char replay_hung[4200];	/* what SIGALRM says: the input named */

static void
replay_hang(int sig)
{
	(void)sig;
	(void)!write(1, replay_hung, strlen(replay_hung));
	_exit(1);
}

static void
replay_file(const char *path)
{
	size_t len;
	char *data;

	if ((data = textbuf_read_file(path, REPLAY_MAX, &len)) == NULL) {
		printf("not ok - %s: cannot be read\n", path);
		exit(1);
	}
	snprintf(replay_hung, sizeof replay_hung, "not ok - %s: still running "
	    "after %d s: a hang\n", path, REPLAY_SECONDS);
	fprintf(stderr, "replaying %s\n", path);
	alarm(REPLAY_SECONDS);
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	alarm(0);
	free(data);
	printf("ok - %s\n", path);
	fflush(stdout);
}

static int
replay_name(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

int
main(int argc, char **argv)
{
	struct dirent **names;
	struct stat st;
	char path[4096];
	int i, j, n;

	signal(SIGALRM, replay_hang);
	if (LLVMFuzzerInitialize(&argc, &argv) != 0)
		return 1;
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == -1 || !S_ISDIR(st.st_mode)) {
			replay_file(argv[i]);
			continue;
		}
		if ((n = scandir(argv[i], &names, replay_name, alphasort)) == -1) {
			printf("not ok - %s: cannot be read\n", argv[i]);
			return 1;
		}
		for (j = 0; j < n; j++) {
			snprintf(path, sizeof path, "%s/%s", argv[i], names[j]->d_name);
			replay_file(path);
			free(names[j]);
		}
		free(names);
	}
	return 0;
}
