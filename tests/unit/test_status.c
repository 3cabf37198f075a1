/* SPDX-License-Identifier: GPL-3.0-or-later */
/* status: the texts about the countdown's state, over a parsed script and
 * engine_info values made by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/status.h"

static const char text[] =
    "Top 4 Tests\n\nAn intro.\n\n"
    "#3: \"Alpha\" (2001)\nFirst Band\nAlpha is short.\n\n"
    "#2: \"Bravo\" & \"Brava\" (2002)\nBravo has no credit line of its own "
    "because this body line is long and ends with a full stop.\n\n"
    "Before the top pick, a few honorable mentions:\n"
    "\"Delta\" (1999)\nD Band\n\"Echo\"\nE Band\n\n"
    "#1: \"Charlie\" (2003)\nThird Band\nCharlie ends it.\n";

static struct script s;

static int
setup(void **state)
{
	struct script_error err;

	(void)state;
	if (script_parse(text, sizeof text - 1, NULL, &s, &err) != 0) {
		fprintf(stderr, "line %d: %s\n", err.line, err.msg);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	script_free(&s);
	return 0;
}

/* what one status_* call appended, as a string that stays until the next */
static struct textbuf out;

static const char *
got(void)
{
	static char buf[4096];

	snprintf(buf, sizeof buf, "%s", textbuf_str(&out));
	textbuf_reset(&out);
	return buf;
}

static void
test_describe(void **state)
{
	(void)state;
	assert_int_equal(s.nentries, 5);
	status_describe(&out, &s.entries[0]);
	assert_string_equal(got(), "intro");
	status_describe(&out, &s.entries[1]);
	assert_string_equal(got(), "#3 \"Alpha\" by First Band");
	status_describe(&out, &s.entries[2]);
	assert_string_equal(got(), "#2 \"Bravo\" & \"Brava\"");
	status_describe(&out, &s.entries[3]);
	assert_string_equal(got(), "honorable mentions");
	status_entry(&out, &s, 4);
	assert_string_equal(got(), "5/5: #1 \"Charlie\" by Third Band");
}

static void
test_bar(void **state)
{
	(void)state;
	status_bar(&out, 21.9, 43.2);
	assert_string_equal(got(), "  [######------] 0:21 / 0:43");
	status_bar(&out, 0, 125);
	assert_string_equal(got(), "  [------------] 0:00 / 2:05");
	status_bar(&out, 12, 12);
	assert_string_equal(got(), "  [############] 0:12 / 0:12");
}

static struct engine_info
info(enum engine_state st, size_t current, size_t next)
{
	struct engine_info in = {
		.state = st, .nentries = 5, .current = current, .next = next,
		.elapsed = 3.5, .total = 12.25, .due = -1, .now = 1000,
		.skipped = PLAYLIST_NONE,
	};

	return in;
}

static void
test_words(void **state)
{
	struct engine_info in = info(ENGINE_PLAYING, 1, 2);

	(void)state;
	assert_string_equal(status_state(ENGINE_IDLE), "idle");
	assert_string_equal(status_state(ENGINE_STARTING), "starting");
	assert_string_equal(status_state(ENGINE_PAUSED), "paused");
	status_now(&out, &s, &in, true);
	assert_string_equal(got(), "playing 2/5: #3 \"Alpha\" by First Band"
	    "  [###---------] 0:03 / 0:12");
	status_line(&out, &s, &in);
	assert_string_equal(got(), "playing 2/5: #3 \"Alpha\" by First Band; "
	    "next: 3/5: #2 \"Bravo\" & \"Brava\"");
	/* starting: no clip yet, so no bar even when asked */
	in = info(ENGINE_STARTING, 3, 4);
	in.total = 0;
	status_now(&out, &s, &in, true);
	assert_string_equal(got(), "starting 4/5: honorable mentions");
	/* idle: when the schedule plays next */
	in = info(ENGINE_IDLE, PLAYLIST_NONE, 0);
	status_line(&out, &s, &in);
	assert_string_equal(got(), "idle; next: 1/5: intro; no play scheduled");
	in.due = 1003;
	status_next(&out, &s, &in);
	assert_string_equal(got(), "next: 1/5: intro; next in 3.0 s");
	in = info(ENGINE_IDLE, PLAYLIST_NONE, PLAYLIST_NONE);
	status_line(&out, &s, &in);
	assert_string_equal(got(), "idle; end of the countdown");
	/* an entry skipped says so until the next one plays */
	in = info(ENGINE_IDLE, PLAYLIST_NONE, 2);
	in.skipped = 1;
	in.skipped_speech = true;
	status_line(&out, &s, &in);
	assert_string_equal(got(), "idle; skipped 2/5: #3 \"Alpha\" by First Band "
	    "(eSpeak NG failed on it); next: 3/5: #2 \"Bravo\" & \"Brava\"; "
	    "no play scheduled");
}

static void
test_list_line(void **state)
{
	(void)state;
	status_list_line(&out, &s, 0);
	assert_string_equal(got(), "1\tintro\t\t\t\t");
	status_list_line(&out, &s, 1);
	assert_string_equal(got(), "2\tentry\t3\tAlpha\tFirst Band\t2001");
	status_list_line(&out, &s, 2);
	assert_string_equal(got(), "3\tentry\t2\tBravo & Brava\t\t2002");
	status_list_line(&out, &s, 3);
	assert_string_equal(got(), "4\tmentions\t\tDelta & Echo\tD Band & E Band\t1999");
}

/* the pairs a reply hands out, as "key=value|" */
static void
put(void *arg, const char *key, const char *value)
{
	textbuf_printf(arg, "%s=%s|", key, value);
}

static void
test_replies(void **state)
{
	struct engine_info in = info(ENGINE_PAUSED, 4, PLAYLIST_NONE);

	(void)state;
	status_reply(&s, &in, put, &out);
	assert_string_equal(got(), "state=paused|entries=5|index=5|kind=entry|"
	    "rank=1|entry=#1 \"Charlie\" by Third Band|elapsed=3.50|total=12.25|"
	    "text=paused 5/5: #1 \"Charlie\" by Third Band  [###---------] 0:03 / 0:12|"
	    "next_text=end of the countdown|");
	in = info(ENGINE_IDLE, PLAYLIST_NONE, 3);
	in.due = 1002.5;
	status_reply(&s, &in, put, &out);
	assert_string_equal(got(), "state=idle|entries=5|next=4|"
	    "next_entry=honorable mentions|due=1002.500|text=idle|"
	    "next_text=next: 4/5: honorable mentions; next in 2.5 s|");
	in = info(ENGINE_PLAYING, 1, 2);
	status_list_reply(&s, &in, put, &out);
	assert_string_equal(got(), "current=2|next=3|"
	    "entry=1\tintro\t\t\t\t\tintro|"
	    "entry=2\tentry\t3\tAlpha\tFirst Band\t2001\t#3 \"Alpha\" by First Band|"
	    "entry=3\tentry\t2\tBravo & Brava\t\t2002\t#2 \"Bravo\" & \"Brava\"|"
	    "entry=4\tmentions\t\tDelta & Echo\tD Band & E Band\t1999\thonorable mentions|"
	    "entry=5\tentry\t1\tCharlie\tThird Band\t2003\t#1 \"Charlie\" by Third Band|");
}

/* MPRIS's texts: which entry, its id, title and artists */
static void
test_track(void **state)
{
	struct engine_info in = info(ENGINE_PLAYING, 1, 2);

	(void)state;
	assert_int_equal(status_track(&in), 1);
	in = info(ENGINE_IDLE, PLAYLIST_NONE, 3);
	assert_int_equal(status_track(&in), 3);
	in = info(ENGINE_IDLE, PLAYLIST_NONE, PLAYLIST_NONE);
	assert_int_equal(status_track(&in), PLAYLIST_NONE);
	status_track_id(&out, 3);
	assert_string_equal(got(), "/org/countdownd/entry/4");
	status_track_title(&out, &s.entries[2]);
	assert_string_equal(got(), "#2 Bravo & Brava");
	status_track_title(&out, &s.entries[4]);
	assert_string_equal(got(), "#1 Charlie");
	status_track_title(&out, &s.entries[0]);
	assert_string_equal(got(), "intro");
	status_track_artists(&s.entries[1], put, &out);
	assert_string_equal(got(), "xesam:artist=First Band|");
	status_track_artists(&s.entries[2], put, &out);	/* no credit */
	assert_string_equal(got(), "");
	status_track_artists(&s.entries[0], put, &out);
	assert_string_equal(got(), "");
	status_track_artists(&s.entries[3], put, &out);	/* each item's */
	assert_string_equal(got(), "xesam:artist=D Band|xesam:artist=E Band|");
}

/* what leaves for the bus: invalid UTF-8 and control characters replaced */
static void
test_utf8(void **state)
{
	(void)state;
	textbuf_put_utf8(&out, "Caf\xc3\xa9 \xe2\x80\x94 \xea\xb0\x80");
	assert_string_equal(got(), "Caf\xc3\xa9 \xe2\x80\x94 \xea\xb0\x80");
	textbuf_put_utf8(&out, "a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d\xe2\x80");
	assert_string_equal(got(), "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd"
	    "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "d\xef\xbf\xbd\xef\xbf\xbd");
	textbuf_put_utf8(&out, "tab\there\x01\x7f");
	assert_string_equal(got(), "tab\there\xef\xbf\xbd\xef\xbf\xbd");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_bar),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_list_line),
		cmocka_unit_test(test_replies),
		cmocka_unit_test(test_track),
		cmocka_unit_test(test_utf8),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
