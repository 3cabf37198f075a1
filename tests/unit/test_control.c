/* SPDX-License-Identifier: GPL-3.0-or-later */
/* control: the parts of the protocol without I/O: a command line split into
 * command and argument, goto's argument read as an index or a rank, and
 * where the socket goes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "front/control.h"
#include "util/sockpath.h"

/* split a copy of line; the words joined by '|' ("" for none), or the
 * return code as "rc=N" */
static const char *
split(const char *line)
{
	static char buf[8192];
	char copy[8192];
	const char *cmd = NULL, *arg = NULL;
	int rc;

	snprintf(copy, sizeof copy, "%s", line);
	if ((rc = control_split(copy, strlen(copy), &cmd, &arg)) != 0)
		snprintf(buf, sizeof buf, "rc=%d", rc);
	else
		snprintf(buf, sizeof buf, "%s|%s", cmd, arg ? arg : "");
	return buf;
}

static void
test_split_words(void **state)
{
	(void)state;
	assert_string_equal(split("status"), "status|");
	assert_string_equal(split("goto 3"), "goto|3");
	assert_string_equal(split("goto #3"), "goto|#3");
	assert_string_equal(split("  goto \t #3\t "), "goto|#3");
	assert_string_equal(split("\tnext"), "next|");
}

static void
test_split_blank(void **state)
{
	(void)state;
	assert_string_equal(split(""), "rc=1");
	assert_string_equal(split("   \t "), "rc=1");
}

static void
test_split_too_many(void **state)
{
	(void)state;
	assert_string_equal(split("goto 1 2"), "rc=-2");
	assert_string_equal(split("a b c d e f"), "rc=-2");
}

static void
test_split_not_ascii(void **state)
{
	(void)state;
	assert_string_equal(split("st\x01tus"), "rc=-1");
	assert_string_equal(split("status\x7f"), "rc=-1");
	assert_string_equal(split("goto \xc3\xa9"), "rc=-1");
	assert_string_equal(split("\x1b[2Jnext"), "rc=-1");
	assert_string_equal(split("next\r"), "rc=-1");	/* CR goes before */
}

/* a NUL byte inside the line is not the line's end */
static void
test_split_nul(void **state)
{
	char line[] = "next\0stop";
	const char *cmd, *arg;

	(void)state;
	assert_int_equal(control_split(line, sizeof line - 1, &cmd, &arg), -1);
}

static void
test_split_long(void **state)
{
	char line[4200];

	(void)state;
	memset(line, 'x', sizeof line - 1);
	line[sizeof line - 1] = '\0';
	assert_int_equal(strlen(split(line)), sizeof line - 1 + 1);
}

/* intro, #3 A, #2 B, mentions, #1 C */
static struct title t_a[] = { { "A", 0, NULL } };
static struct title t_b[] = { { "B", 0, NULL } };
static struct title t_c[] = { { "C", 0, NULL } };

static struct script
script(struct entry *e)
{
	struct script s = { "Top 3", e, 5 };

	memset(e, 0, 5 * sizeof *e);
	e[0].kind = ENTRY_INTRO;
	e[1] = (struct entry){ .kind = ENTRY_RANKED, .rank = 3, .titles = t_a, .ntitles = 1 };
	e[2] = (struct entry){ .kind = ENTRY_RANKED, .rank = 2, .titles = t_b, .ntitles = 1 };
	e[3].kind = ENTRY_MENTIONS;
	e[4] = (struct entry){ .kind = ENTRY_RANKED, .rank = 1, .titles = t_c, .ntitles = 1 };
	return s;
}

/* the 1-based entry goto's argument names, or -1 with err */
static long
go(const char *arg, char *err, size_t errlen)
{
	struct entry e[5];
	struct script s = script(e);
	size_t index;

	err[0] = '\0';
	if (control_goto_index(&s, arg, &index, err, errlen) == -1)
		return -1;
	return (long)index + 1;
}

static void
test_goto_index(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(go("1", err, sizeof err), 1);
	assert_int_equal(go("3", err, sizeof err), 3);
	assert_int_equal(go("5", err, sizeof err), 5);
	assert_int_equal(go("007", err, sizeof err), -1);
	assert_string_equal(err, "no entry 7: the countdown has entries 1 to 5");
	assert_int_equal(go("0", err, sizeof err), -1);
	assert_string_equal(err, "no entry 0: the countdown has entries 1 to 5");
}

static void
test_goto_rank(void **state)
{
	char err[256];

	(void)state;
	/* #3 is the second entry: ranks count down, places count up */
	assert_int_equal(go("#3", err, sizeof err), 2);
	assert_int_equal(go("#2", err, sizeof err), 3);
	assert_int_equal(go("#1", err, sizeof err), 5);
	assert_int_equal(go("#4", err, sizeof err), -1);
	assert_string_equal(err, "no entry of rank #4");
	/* the intro and the mentions have no rank 0 */
	assert_int_equal(go("#0", err, sizeof err), -1);
}

static void
test_goto_bad(void **state)
{
	static const char *bad[] = {
		"", "#", "x", "3x", "-1", "+1", " 1", "#-1", "##1", "1.5",
		"99999999999999999999999999", "#99999999999999999999999999"
	};
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(go(bad[i], err, sizeof err), -1);
		assert_true(strlen(err) > 0);
	}
	assert_int_equal(go("x", err, sizeof err), -1);
	assert_string_equal(err, "goto takes an entry (goto 3) or a rank (goto #3), not \"x\"");
}

static void
test_path(void **state)
{
	char buf[256];

	(void)state;
	assert_int_equal(control_path("/tmp/c.sock", buf, sizeof buf), CONTROL_CONFIGURED);
	assert_string_equal(buf, "/tmp/c.sock");
	setenv("RUNTIME_DIRECTORY", "/run/countdownd:/run/other", 1);
	setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
	assert_int_equal(control_path(NULL, buf, sizeof buf), SOCKPATH_SERVICE);
	assert_string_equal(buf, "/run/countdownd/control");
	unsetenv("RUNTIME_DIRECTORY");
	assert_int_equal(control_path(NULL, buf, sizeof buf), SOCKPATH_SESSION);
	assert_string_equal(buf, "/run/user/1000/countdownd.sock");
	unsetenv("XDG_RUNTIME_DIR");
	if (geteuid() == 0) {
		assert_int_equal(control_path(NULL, buf, sizeof buf), SOCKPATH_RUN);
		assert_string_equal(buf, "/run/countdownd/control");
	} else {
		assert_int_equal(control_path(NULL, buf, sizeof buf), SOCKPATH_PRIVATE);
		assert_true(strncmp(buf, "/tmp/countdownd-", 16) == 0);
	}
}

/* countdownctl looks where the daemon listens, in the daemon's order, and
 * at the system service's socket last */
static void
test_places(void **state)
{
	char places[SOCKPATH_MAX_PLACES][SOCKPATH_LEN], daemon[SOCKPATH_LEN];
	size_t n, i;
	bool found;

	(void)state;
	setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
	n = sockpath_places(places, SOCKPATH_MAX_PLACES);
	assert_true(n >= 3);
	assert_string_equal(places[0], "/run/user/1000/countdownd/control");
	assert_string_equal(places[1], "/run/user/1000/countdownd.sock");
	assert_string_equal(places[n - 1], "/run/countdownd/control");
	unsetenv("XDG_RUNTIME_DIR");
	n = sockpath_places(places, SOCKPATH_MAX_PLACES);
	assert_int_not_equal(sockpath_daemon(daemon, sizeof daemon), -1);
	for (i = 0, found = false; i < n; i++)
		found |= strcmp(places[i], daemon) == 0;
	assert_true(found);
	assert_int_equal(sockpath_places(places, 1), 1);
}

static void
test_path_too_long(void **state)
{
	struct sockaddr_un sun;
	char name[sizeof sun.sun_path + 1], buf[512];

	(void)state;
	memset(name, 'a', sizeof name - 1);
	name[0] = '/';
	name[sizeof name - 1] = '\0';
	assert_int_equal(control_path(name, buf, sizeof buf), -1);
	name[sizeof name - 2] = '\0';	/* sun_path - 1 bytes and its NUL: fits */
	assert_int_equal(control_path(name, buf, sizeof buf), CONTROL_CONFIGURED);
	assert_int_equal(control_path("/tmp/c.sock", buf, 5), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_words),
		cmocka_unit_test(test_split_blank),
		cmocka_unit_test(test_split_too_many),
		cmocka_unit_test(test_split_not_ascii),
		cmocka_unit_test(test_split_nul),
		cmocka_unit_test(test_split_long),
		cmocka_unit_test(test_goto_index),
		cmocka_unit_test(test_goto_rank),
		cmocka_unit_test(test_goto_bad),
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_places),
		cmocka_unit_test(test_path_too_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
