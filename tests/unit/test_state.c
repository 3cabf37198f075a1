/* SPDX-License-Identifier: GPL-3.0-or-later */
/* state: the position file round trip, its atomic write, every kind of
 * broken file, and matching a saved position against a changed script.
 * Each test works in a fresh temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/state.h"
#include "util/log.h"
#include "util/loop.h"
#include "unit.h"

struct fixture {
	char	dir[64];
	char	path[128];	/* dir/position */
};

/* intro, #3 Alpha, #2 Beta, #1 Gamma, mentions (Delta, Epsilon) */
static struct title t_alpha[] = { { "Alpha", 2011, NULL } };
static struct title t_beta[] = { { "Beta", 2012, NULL },
    { "Beta Two", 0, NULL } };
static struct title t_gamma[] = { { "Gamma", 0, NULL } };
static struct title t_mentions[] = { { "Delta", 2001, "D" },
    { "Epsilon", 0, "E" } };

static struct entry
entry(enum entry_kind kind, int rank, struct title *t, size_t nt)
{
	struct entry e;

	memset(&e, 0, sizeof(e));
	e.kind = kind;
	e.rank = rank;
	e.titles = t;
	e.ntitles = nt;
	return e;
}

/* the five entries of the test script into e[] */
static struct script
script(struct entry *e)
{
	struct script s = { "Top 3", e, 5 };

	e[0] = entry(ENTRY_INTRO, 0, NULL, 0);
	e[1] = entry(ENTRY_RANKED, 3, t_alpha, 1);
	e[2] = entry(ENTRY_RANKED, 2, t_beta, 2);
	e[3] = entry(ENTRY_RANKED, 1, t_gamma, 1);
	e[4] = entry(ENTRY_MENTIONS, 0, t_mentions, 2);
	return s;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	if (unit_tmpdir(f->dir, sizeof(f->dir)) == -1) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/position", f->dir);
	*state = f;
	return 0;
}

/* remove the folder and whatever a test left in it */
static int
teardown(void **state)
{
	struct fixture *f = *state;
	int rc = unit_tmpdir_remove(f->dir);

	free(f);
	return rc;
}

static void
put(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void
puts_file(const char *path, const char *text)
{
	put(path, text, strlen(text));
}

/* the whole of a small file, NUL-terminated */
static void
get(const char *path, char *buf, size_t len)
{
	FILE *fp = fopen(path, "rb");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, len - 1, fp);
	buf[n] = '\0';
	fclose(fp);
}

/* names in dir, but . and .. */
static int
count_files(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* load must fail with a message that contains want */
static void
corrupt(const char *path, const char *want)
{
	struct state_pos pos;
	char err[512];

	err[0] = '\0';
	assert_int_equal(state_load(path, &pos, err, sizeof(err)), -1);
	if (strstr(err, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", err, want);
	assert_false(pos.end);
	assert_int_equal(pos.index, 0);
}

static void
test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct entry e[5];
	struct script s = script(e);
	struct state_pos pos, back;
	char err[256], text[512];
	size_t i;
	bool matched;

	for (i = 0; i <= s.nentries; i++) {
		state_pos_set(&pos, &s, i);
		assert_int_equal(state_save(f->path, &pos), 0);
		assert_int_equal(state_load(f->path, &back, err, sizeof(err)), 0);
		assert_int_equal(back.end, i == s.nentries);
		if (!back.end) {
			assert_int_equal(back.index, i);
			assert_int_equal(back.kind, e[i].kind);
			assert_int_equal(back.rank, e[i].rank);
			assert_string_equal(back.title, pos.title);
		}
		assert_int_equal(state_match(&back, &s, &matched), i);
		assert_true(matched);
	}
	state_pos_set(&pos, &s, 2);
	assert_int_equal(state_save(f->path, &pos), 0);
	get(f->path, text, sizeof(text));
	assert_string_equal(text, "countdownd-state 1\nindex 3\nkind entry\n"
	    "rank 2\ntitle Beta\n");
	state_pos_set(&pos, &s, 4);
	assert_int_equal(state_save(f->path, &pos), 0);
	get(f->path, text, sizeof(text));
	assert_string_equal(text, "countdownd-state 1\nindex 5\nkind mentions\n"
	    "rank 0\ntitle Delta\n");
	state_pos_set(&pos, &s, 99);
	assert_int_equal(state_save(f->path, &pos), 0);
	get(f->path, text, sizeof(text));
	assert_string_equal(text, "countdownd-state 1\nindex end\n");
}

static void
test_intro_has_empty_title(void **state)
{
	struct fixture *f = *state;
	struct entry e[5];
	struct script s = script(e);
	struct state_pos pos;
	char err[256], text[512];

	state_pos_set(&pos, &s, 0);
	assert_int_equal(state_save(f->path, &pos), 0);
	get(f->path, text, sizeof(text));
	assert_string_equal(text, "countdownd-state 1\nindex 1\nkind intro\n"
	    "rank 0\ntitle \n");
	assert_int_equal(state_load(f->path, &pos, err, sizeof(err)), 0);
	assert_string_equal(pos.title, "");
	/* written by hand without the space */
	puts_file(f->path, "countdownd-state 1\nindex 1\nkind intro\nrank 0\n"
	    "title\n");
	assert_int_equal(state_load(f->path, &pos, err, sizeof(err)), 0);
	assert_string_equal(pos.title, "");
}

static void
test_atomic_no_temp_left(void **state)
{
	struct fixture *f = *state;
	struct entry e[5];
	struct script s = script(e);
	struct state_pos pos;
	size_t i;

	for (i = 0; i < 20; i++) {
		state_pos_set(&pos, &s, i % 6);
		assert_int_equal(state_save(f->path, &pos), 0);
		assert_int_equal(count_files(f->dir), 1);
	}
}

static void
test_save_failures(void **state)
{
	struct fixture *f = *state;
	struct entry e[5];
	struct script s = script(e);
	struct state_pos pos;
	char p[256], err[256], longp[5000];

	state_pos_set(&pos, &s, 1);
	/* no such folder */
	snprintf(p, sizeof(p), "%s/none/position", f->dir);
	assert_int_equal(state_save(p, &pos), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(count_files(f->dir), 0);
	/* the rename fails (a folder is in the way): the temporary file goes */
	assert_int_equal(mkdir(f->path, 0700), 0);
	assert_int_equal(state_save(f->path, &pos), -1);
	assert_int_equal(errno, EISDIR);
	assert_int_equal(count_files(f->dir), 1);
	/* a bad position is refused, and the old file stays */
	assert_int_equal(rmdir(f->path), 0);
	assert_int_equal(state_save(f->path, &pos), 0);
	pos.kind = (enum entry_kind)42;
	assert_int_equal(state_save(f->path, &pos), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(state_load(f->path, &pos, err, sizeof(err)), 0);
	assert_int_equal(pos.index, 1);
	/* a path too long for the temporary name */
	memset(longp, 'a', sizeof(longp));
	longp[sizeof(longp) - 1] = '\0';
	assert_int_equal(state_save(longp, &pos), -1);
	assert_int_equal(errno, ENAMETOOLONG);
}

static void
test_save_relative_path(void **state)
{
	struct fixture *f = *state;
	struct entry e[5];
	struct script s = script(e);
	struct state_pos pos;
	char err[256];
	int cwd = open(".", O_RDONLY | O_DIRECTORY);

	assert_true(cwd >= 0);
	assert_int_equal(chdir(f->dir), 0);
	state_pos_set(&pos, &s, 3);
	assert_int_equal(state_save("position", &pos), 0);
	assert_int_equal(fchdir(cwd), 0);
	close(cwd);
	assert_int_equal(state_load(f->path, &pos, err, sizeof(err)), 0);
	assert_int_equal(pos.index, 3);
	assert_int_equal(count_files(f->dir), 1);
}

static void
test_no_file(void **state)
{
	struct fixture *f = *state;
	struct state_pos pos;
	char err[256];

	assert_int_equal(state_load(f->path, &pos, err, sizeof(err)), 1);
}

static void
test_corrupt_garbage(void **state)
{
	struct fixture *f = *state;
	static const char bytes[] = { 'c', 'o', '\0', '\x01', '\xff', '\n' };
	static const char high[] = "\xe2\x80\x9c\xff\xfe\xc3\n\xff\n";

	puts_file(f->path, "hello world\nthis is not a state file\n");
	corrupt(f->path, "position:1: not a countdownd state file");
	put(f->path, bytes, sizeof(bytes));
	corrupt(f->path, "position:1: not text");
	put(f->path, high, sizeof(high) - 1);
	corrupt(f->path, "position:1: not a countdownd state file");
	puts_file(f->path, "countdownd-state 1\r\nindex end\r\n");
	corrupt(f->path, "position:1: not text");
	puts_file(f->path, "\n");
	corrupt(f->path, "position:1: not a countdownd state file");
}

static void
test_corrupt_empty(void **state)
{
	struct fixture *f = *state;

	puts_file(f->path, "");
	corrupt(f->path, "position: empty");
}

static void
test_corrupt_version(void **state)
{
	struct fixture *f = *state;

	puts_file(f->path, "countdownd-state 2\nindex end\n");
	corrupt(f->path, "position:1: unsupported version");
	puts_file(f->path, "countdownd-state\nindex end\n");
	corrupt(f->path, "position:1: not a countdownd state file");
	puts_file(f->path, "countdownd-state 1 \nindex end\n");
	corrupt(f->path, "position:1: unsupported version");
}

/* every cut of a valid file is refused: the end of a file is checked */
static void
test_corrupt_truncated(void **state)
{
	struct fixture *f = *state;
	static const char full[] = "countdownd-state 1\nindex 3\nkind entry\n"
	    "rank 2\ntitle The Day Before\n";
	struct state_pos pos;
	char err[256];
	size_t n;

	for (n = 0; n < sizeof(full) - 1; n++) {
		put(f->path, full, n);
		assert_int_equal(state_load(f->path, &pos, err, sizeof(err)), -1);
	}
	put(f->path, full, sizeof(full) - 2);
	corrupt(f->path, "position:5: truncated");
	put(f->path, full, 27);
	corrupt(f->path, "position: no kind");
	put(f->path, full, sizeof(full) - 1);
	assert_int_equal(state_load(f->path, &pos, err, sizeof(err)), 0);
	assert_string_equal(pos.title, "The Day Before");
}

static void
test_corrupt_values(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char	*text;
		const char	*err;
	} cases[] = {
		{ "countdownd-state 1\nindex 0\n", "position:2: bad index" },
		{ "countdownd-state 1\nindex -1\n", "position:2: bad index" },
		{ "countdownd-state 1\nindex +1\n", "position:2: bad index" },
		{ "countdownd-state 1\nindex 9999999999\n",
		    "position:2: bad index" },
		{ "countdownd-state 1\nindex 1x\n", "position:2: bad index" },
		{ "countdownd-state 1\nindex\n", "position:2: bad index" },
		{ "countdownd-state 1\nindex  1\n", "position:2: bad index" },
		{ "countdownd-state 1\nindex 1\nkind song\n",
		    "position:3: bad kind" },
		{ "countdownd-state 1\nindex 1\nkind entry\nrank seven\n",
		    "position:4: bad rank" },
		{ "countdownd-state 1\nindex 1\nindex 2\n",
		    "position:3: index given twice" },
		{ "countdownd-state 1\nindex 1\ncolour blue\n",
		    "position:3: unknown key" },
		{ "countdownd-state 1\nkind entry\nrank 1\ntitle A\n",
		    "position: no index" },
		{ "countdownd-state 1\nindex 1\nkind entry\ntitle A\n",
		    "position: no rank" },
		{ "countdownd-state 1\nindex 1\nkind entry\nrank 1\n",
		    "position: no title" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		puts_file(f->path, cases[i].text);
		corrupt(f->path, cases[i].err);
	}
}

static void
test_corrupt_huge(void **state)
{
	struct fixture *f = *state;
	size_t big = 1 << 20;
	char *buf = malloc(big);
	char line[STATE_TITLE_MAX + 64];

	assert_non_null(buf);
	/* one huge line */
	memset(buf, 'a', big);
	put(f->path, buf, big);
	corrupt(f->path, "position: too large");
	/* a valid start and a long tail */
	memcpy(buf, "countdownd-state 1\nindex end\n", 29);
	put(f->path, buf, STATE_FILE_MAX + 1);
	corrupt(f->path, "position: too large");
	/* a title longer than is kept */
	memset(line, 'x', sizeof(line));
	snprintf(buf, big, "countdownd-state 1\nindex 1\nkind entry\nrank 1\n"
	    "title %.*s\n", (int)sizeof(line), line);
	puts_file(f->path, buf);
	corrupt(f->path, "position:5: title too long");
	free(buf);
}

static void
test_unreadable(void **state)
{
	struct fixture *f = *state;
	struct state_pos pos;
	char p[256], err[256];

	/* a folder */
	assert_int_equal(mkdir(f->path, 0700), 0);
	corrupt(f->path, "position: not a regular file");
	assert_int_equal(rmdir(f->path), 0);
	/* a FIFO: refused, and without waiting for a writer */
	assert_int_equal(mkfifo(f->path, 0600), 0);
	corrupt(f->path, "position: not a regular file");
	assert_int_equal(unlink(f->path), 0);
	/* a file where a folder should be */
	puts_file(f->path, "countdownd-state 1\nindex end\n");
	snprintf(p, sizeof(p), "%s/x", f->path);
	assert_int_equal(state_load(p, &pos, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "Not a directory"));
	/* no permission (root reads anything, so only as another user) */
	if (geteuid() == 0)
		return;
	assert_int_equal(chmod(f->path, 0), 0);
	corrupt(f->path, "position: Permission denied");
}

static void
test_err_may_be_empty(void **state)
{
	struct fixture *f = *state;
	struct state_pos pos;
	char err[8];

	puts_file(f->path, "countdownd-state 1\nindex 0\n");
	assert_int_equal(state_load(f->path, &pos, NULL, 0), -1);
	assert_int_equal(state_load(f->path, &pos, err, sizeof(err)), -1);
	assert_int_equal(strlen(err), sizeof(err) - 1);
}

static void
test_blank_lines(void **state)
{
	struct fixture *f = *state;
	struct state_pos pos;
	char err[256];

	puts_file(f->path, "countdownd-state 1\n\nindex 2\nkind entry\n\n"
	    "rank 3\ntitle  Alpha \n\n");
	assert_int_equal(state_load(f->path, &pos, err, sizeof(err)), 0);
	assert_int_equal(pos.index, 1);
	assert_string_equal(pos.title, " Alpha ");
}

static void
test_long_and_odd_titles(void **state)
{
	struct fixture *f = *state;
	struct title t[1];
	struct entry e[1];
	struct script s = { "x", e, 1 };
	struct state_pos pos;
	char title[600], err[256];
	size_t i;
	bool matched;

	/* 298 bytes of "é": the cut falls inside a character */
	for (i = 0; i + 2 < sizeof(title) / 2; i += 2)
		memcpy(title + i, "\xc3\xa9", 2);
	title[i] = '\0';
	t[0].text = title;
	t[0].year = 0;
	t[0].credit = NULL;
	e[0] = entry(ENTRY_RANKED, 1, t, 1);
	state_pos_set(&pos, &s, 0);
	assert_int_equal(strlen(pos.title), STATE_TITLE_MAX - 2);
	assert_int_equal(state_save(f->path, &pos), 0);
	assert_int_equal(state_load(f->path, &pos, err, sizeof(err)), 0);
	assert_int_equal(state_match(&pos, &s, &matched), 0);
	assert_true(matched);
	/* control characters would break the one-line format */
	t[0].text = "A\nB\tC";
	state_pos_set(&pos, &s, 0);
	assert_string_equal(pos.title, "A B C");
	assert_int_equal(state_save(f->path, &pos), 0);
	assert_int_equal(state_load(f->path, &pos, err, sizeof(err)), 0);
	assert_string_equal(pos.title, "A B C");
	assert_int_equal(state_match(&pos, &s, &matched), 0);
	assert_true(matched);
}

static void
test_match_changed_script(void **state)
{
	struct entry e[5], moved[5];
	struct script s = script(e), m;
	struct state_pos pos;
	bool matched;

	(void)state;
	state_pos_set(&pos, &s, 2);	/* #2 Beta */
	/* unchanged */
	assert_int_equal(state_match(&pos, &s, &matched), 2);
	assert_true(matched);
	/* the intro was removed: Beta moved up one */
	m.title = s.title;
	m.entries = moved;
	m.nentries = 4;
	memcpy(moved, e + 1, 4 * sizeof(e[0]));
	assert_int_equal(state_match(&pos, &m, &matched), 1);
	assert_true(matched);
	/* Beta removed: from the top */
	moved[0] = e[0];
	moved[1] = e[1];
	moved[2] = e[3];
	moved[3] = e[4];
	assert_int_equal(state_match(&pos, &m, &matched), 0);
	assert_false(matched);
	/* same rank, another title: not the same entry */
	moved[2] = entry(ENTRY_RANKED, 2, t_gamma, 1);
	m.nentries = 3;
	assert_int_equal(state_match(&pos, &m, &matched), 0);
	assert_false(matched);
	/* same title, another rank: not the same entry either */
	moved[2] = entry(ENTRY_RANKED, 5, t_beta, 2);
	assert_int_equal(state_match(&pos, &m, &matched), 0);
	assert_false(matched);
	/* a script shrunk below the saved index, the entry still in it */
	moved[0] = e[2];
	m.nentries = 1;
	assert_int_equal(state_match(&pos, &m, &matched), 0);
	assert_true(matched);
}

static void
test_match_end(void **state)
{
	struct entry e[5];
	struct script s = script(e);
	struct state_pos pos;
	bool matched = false;

	(void)state;
	state_pos_set(&pos, &s, 5);
	assert_true(pos.end);
	assert_int_equal(state_match(&pos, &s, &matched), 5);
	assert_true(matched);
	s.nentries = 3;
	assert_int_equal(state_match(&pos, &s, &matched), 3);
	assert_true(matched);
}

/* the position as the file at path has it */
static struct state_pos
loaded(const char *path)
{
	struct state_pos pos;
	char err[512];

	assert_int_equal(state_load(path, &pos, err, sizeof(err)), 0);
	return pos;
}

/* the writer writes what it is handed, where it is told, and nothing
 * without a path */
static void
test_writer_saves(void **state)
{
	struct fixture *f = *state;
	struct entry e[5];
	struct script s = script(e);
	struct loop *l = loop_new();
	struct state_writer *w;

	assert_non_null(l);
	assert_non_null(w = state_writer_new(l));
	state_writer_save(w, &s, 2);
	assert_int_equal(count_files(f->dir), 0);
	state_writer_path(w, f->path);
	state_writer_save(w, &s, 2);
	assert_int_equal(loaded(f->path).index, 2);
	assert_string_equal(loaded(f->path).title, "Beta");
	state_writer_save(w, &s, 5);
	assert_true(loaded(f->path).end);
	/* nothing waits: the flush writes nothing */
	unlink(f->path);
	state_writer_flush(w);
	assert_int_equal(count_files(f->dir), 0);
	state_writer_free(w);
	/* its timer left the loop with it */
	assert_int_equal(loop_round(l, 0), 0);
	loop_free(l);
}

/* A position that cannot be written waits: tried again by the timer
 * STATE_RETRY_SECONDS later, which is disarmed once it is written, and
 * by a flush. */
static void
test_writer_retries(void **state)
{
	struct fixture *f = *state;
	struct entry e[5];
	struct script s = script(e);
	struct loop *l = loop_new();
	struct state_writer *w;
	char sub[128], path[192];

	snprintf(sub, sizeof(sub), "%s/sub", f->dir);
	snprintf(path, sizeof(path), "%s/position", sub);
	assert_non_null(w = state_writer_new(l));
	state_writer_path(w, path);
	state_writer_save(w, &s, 3);
	assert_int_equal(loop_round(l, 0), 0);	/* not yet */
	assert_int_equal(mkdir(sub, 0700), 0);
	assert_int_equal(loop_round(l, (int)(STATE_RETRY_SECONDS * 1000) + 1000), 1);
	assert_int_equal(loaded(path).index, 3);
	/* written: the timer is off */
	assert_int_equal(loop_round(l, (int)(STATE_RETRY_SECONDS * 1000) + 500), 0);

	/* a reload's new path, not there either: the flush on the way out */
	unlink(path);
	rmdir(sub);
	state_writer_save(w, &s, 1);
	state_writer_path(w, f->path);
	state_writer_flush(w);
	assert_int_equal(loaded(f->path).index, 1);
	state_writer_free(w);
	loop_free(l);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_round_trip),
		T(test_intro_has_empty_title),
		T(test_atomic_no_temp_left),
		T(test_save_failures),
		T(test_save_relative_path),
		T(test_no_file),
		T(test_corrupt_garbage),
		T(test_corrupt_empty),
		T(test_corrupt_version),
		T(test_corrupt_truncated),
		T(test_corrupt_values),
		T(test_corrupt_huge),
		T(test_unreadable),
		T(test_err_may_be_empty),
		T(test_blank_lines),
		T(test_long_and_odd_titles),
		T(test_match_changed_script),
		T(test_match_end),
		T(test_writer_saves),
		T(test_writer_retries),
	};
#undef T

	log_init(-1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
