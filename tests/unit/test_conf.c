/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_conf: the configuration loader, against config files written to a
 * temporary folder: defaults, every setting, each error with its exact
 * FILE:LINE and setting, warnings, paths, the voice hook. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "core/conf.h"
#include "core/limits.h"
#include "output/outputs.h"
#include "text/lang.h"
#include "unit.h"

struct fixture {
	char	dir[PATH_MAX];	/* a fresh temporary folder, absolute and real */
};

/* The voice hook's stand-in: a few known voices, and a count of calls. */
struct voices {
	int	calls;
	char	last[64];
};

static bool
stub_voice(const char *name, void *arg)
{
	static const char *const known[] = { "en-us", "en-gb", "en-us+f3" };
	struct voices *v = arg;
	size_t i;

	v->calls++;
	snprintf(v->last, sizeof v->last, "%s", name);
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i], name) == 0)
			return true;
	return false;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (f == NULL || unit_tmpdir(f->dir, sizeof f->dir) == -1) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	int rc = unit_tmpdir_remove(f->dir);

	free(f);
	return rc;
}

/* Writes text to DIR/name (creating a sub-folder when name has one) and
 * returns the file's path. */
static char *
write_file(const struct fixture *f, const char *name, const char *text)
{
	char *path, *sub;
	FILE *fp;

	assert_true(asprintf(&path, "%s/%s", f->dir, name) != -1);
	if (strchr(name, '/') != NULL) {
		assert_non_null(sub = strdup(path));
		*strrchr(sub, '/') = '\0';
		assert_true(mkdir(sub, 0700) == 0 || errno == EEXIST);
		free(sub);
	}
	assert_non_null(fp = fopen(path, "w"));
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* stderr, redirected to a temporary file while a load runs */
struct capture {
	FILE	*f;
	int	 saved;
};

static void
capture_begin(struct capture *cap)
{
	fflush(stderr);
	assert_non_null(cap->f = tmpfile());
	assert_true((cap->saved = dup(2)) != -1);
	assert_true(dup2(fileno(cap->f), 2) != -1);
}

static char *
capture_end(struct capture *cap)
{
	char *text;
	long n;

	fflush(stderr);
	assert_true(dup2(cap->saved, 2) != -1);
	close(cap->saved);
	n = ftell(cap->f);
	assert_true(n >= 0);
	assert_non_null(text = calloc(1, n + 1));
	rewind(cap->f);
	assert_int_equal(fread(text, 1, n, cap->f), (size_t)n);
	fclose(cap->f);
	return text;
}

/* Loads text as DIR/c.conf with the stub voice hook; the warnings it
 * printed come back in *warnings when that is not NULL. */
static int
load_text(const struct fixture *f, const char *text, struct conf *c,
    char *err, size_t errlen, char **warnings, char **path)
{
	struct voices v = { 0 };
	struct capture cap;
	int rc;

	*path = write_file(f, "c.conf", text);
	capture_begin(&cap);
	rc = conf_load(c, *path, stub_voice, &v, err, errlen);
	if (warnings != NULL)
		*warnings = capture_end(&cap);
	else
		free(capture_end(&cap));
	return rc;
}

/* Loads text that must be fine and warning-free. */
static void
load_ok(const struct fixture *f, const char *text, struct conf *c)
{
	char err[512] = "", *warnings, *path;

	assert_int_equal(load_text(f, text, c, err, sizeof err, &warnings,
	    &path), 0);
	assert_string_equal(err, "");
	assert_string_equal(warnings, "");
	assert_string_equal(c->path, path);
	free(warnings);
	free(path);
}

/* Loads text that must fail with EX_CONFIG and "PATH" + where_what. */
static void
load_bad(const struct fixture *f, const char *text, const char *where_what)
{
	struct conf c;
	char err[512], *path, *want;

	assert_int_equal(load_text(f, text, &c, err, sizeof err, NULL, &path),
	    EX_CONFIG);
	assert_true(asprintf(&want, "%s%s", path, where_what) != -1);
	assert_string_equal(err, want);
	assert_null(c.path);	/* a failed load leaves nothing to free */
	conf_free(&c);
	free(want);
	free(path);
}

static void
assert_defaults(const struct conf *c)
{
	assert_null(c->script);
	assert_null(c->lexicon);
	assert_string_equal(c->voice.name, "en-us");
	assert_int_equal(c->voice.rate, 165);
	assert_int_equal(c->voice.pitch, 50);
	assert_int_equal(c->voice.range, 50);
	assert_int_equal(c->voice.volume, 100);
	assert_null(c->announcer.voice);
	assert_string_equal(c->announcer.entry,
	    "Number {rank}: {titles}[, by {artist}].");
	assert_true(c->pause.after_announcement == 0.7);
	assert_true(c->pause.between_paragraphs == 0.4);
	assert_ptr_equal(c->audio.output, outputs_find("auto"));
	assert_string_equal(c->audio.device, "default");
	assert_true(c->audio.latency == 0.05);
	assert_null(c->audio.path);
	assert_int_equal(c->audio.rate, 22050);
	assert_int_equal(c->schedule.mode, MODE_SIGNAL);
	assert_true(c->schedule.gap == 3.0);
	assert_true(c->schedule.every == 3600.0);
	assert_int_equal(c->schedule.nat, 1);
	assert_int_equal(c->schedule.at[0], 20 * 60);
	assert_false(c->schedule.loop);
	assert_int_equal(c->schedule.on_busy, BUSY_SKIP);
	assert_null(c->control_socket);
	assert_int_equal(c->mpris.enable, MPRIS_AUTO);
	assert_string_equal(c->mpris.name, "countdownd");
	assert_null(c->state_file);
}

static void
test_defaults(void **state)
{
	struct conf c;

	(void)state;
	conf_defaults(&c);
	assert_null(c.path);
	assert_defaults(&c);
	conf_free(&c);
	conf_free(&c);		/* harmless twice */
}

static void
test_empty_file_is_defaults(void **state)
{
	struct conf c;

	load_ok(*state, "# nothing set\n", &c);
	assert_defaults(&c);
	conf_free(&c);
}

static void
test_every_setting(void **state)
{
	const struct fixture *f = *state;
	struct conf c;
	char want[PATH_MAX + 64];

	load_ok(f,
	    "script = \"/srv/countdown.txt\";\n"
	    "lexicon = \"lex.txt\";\n"
	    "voice = { name = \"en-gb\"; rate = 200; pitch = 0; range = 100;"
	    " volume = 200; };\n"
	    "announcer = { voice = \"en-us+f3\"; entry = \"At {rank}, {titles}"
	    "[ ({year})][ by {artist}]\"; };\n"
	    "pause = { after_announcement = 1.5; between_paragraphs = 0; };\n"
	    "audio = { output = \"file\"; device = \"hw:1\"; latency = 2;"
	    " path = \"out.flac\"; rate = 48000; };\n"
	    "schedule = { mode = \"daily\"; gap = 0.5; every = 60;"
	    " at = [ \"21:30\", \"07:05\" ]; loop = true; on_busy = \"queue\"; };\n"
	    "control = { socket = \"/run/cd.sock\"; };\n"
	    "mpris = { enable = \"no\"; name = \"countdown_2\"; };\n"
	    "state = { file = \"pos\"; };\n", &c);
	assert_string_equal(c.script, "/srv/countdown.txt");
	snprintf(want, sizeof want, "%s/lex.txt", f->dir);
	assert_string_equal(c.lexicon, want);
	assert_string_equal(c.voice.name, "en-gb");
	assert_int_equal(c.voice.rate, 200);
	assert_int_equal(c.voice.pitch, 0);
	assert_int_equal(c.voice.range, 100);
	assert_int_equal(c.voice.volume, 200);
	assert_string_equal(c.announcer.voice, "en-us+f3");
	assert_string_equal(c.announcer.entry,
	    "At {rank}, {titles}[ ({year})][ by {artist}]");
	assert_true(c.pause.after_announcement == 1.5);
	assert_true(c.pause.between_paragraphs == 0);
	assert_ptr_equal(c.audio.output, outputs_find("file"));
	assert_string_equal(c.audio.device, "hw:1");
	assert_true(c.audio.latency == 2);
	assert_int_equal(c.audio.rate, 48000);
	snprintf(want, sizeof want, "%s/out.flac", f->dir);
	assert_string_equal(c.audio.path, want);
	assert_int_equal(c.schedule.mode, MODE_DAILY);
	assert_true(c.schedule.gap == 0.5);
	assert_true(c.schedule.every == 60);
	assert_int_equal(c.schedule.nat, 2);
	assert_int_equal(c.schedule.at[0], 7 * 60 + 5);
	assert_int_equal(c.schedule.at[1], 21 * 60 + 30);
	assert_true(c.schedule.loop);
	assert_int_equal(c.schedule.on_busy, BUSY_QUEUE);
	assert_string_equal(c.control_socket, "/run/cd.sock");
	assert_int_equal(c.mpris.enable, MPRIS_NO);
	assert_string_equal(c.mpris.name, "countdown_2");
	snprintf(want, sizeof want, "%s/pos", f->dir);
	assert_string_equal(c.state_file, want);
	conf_free(&c);
}

static void
test_each_enum_value(void **state)
{
	static const struct {
		const char	*text;
		int		 mode, busy;
		const char	*output;
	} cases[] = {
		{ "schedule = { mode = \"signal\"; on_busy = \"skip\"; };",
		    MODE_SIGNAL, BUSY_SKIP, "auto" },
		{ "schedule = { mode = \"continuous\"; on_busy = \"queue\"; };"
		    "audio = { output = \"pulse\"; };",
		    MODE_CONTINUOUS, BUSY_QUEUE, "pulse" },
		{ "schedule = { mode = \"interval\"; on_busy = \"ignore\"; };"
		    "audio = { output = \"portaudio\"; };",
		    MODE_INTERVAL, BUSY_IGNORE, "portaudio" },
		{ "schedule = { mode = \"daily\"; };"
		    "audio = { output = \"file\"; path = \"/tmp/x.wav\"; };",
		    MODE_DAILY, BUSY_SKIP, "file" },
		{ "audio = { output = \"snapcast\"; path = \"/run/x/snapfifo\"; };",
		    MODE_SIGNAL, BUSY_SKIP, "snapcast" },
	};
	struct conf c;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		load_ok(*state, cases[i].text, &c);
		assert_int_equal(c.schedule.mode, cases[i].mode);
		assert_int_equal(c.schedule.on_busy, cases[i].busy);
		assert_string_equal(c.audio.output->name, cases[i].output);
		conf_free(&c);
	}
}

/* libconfig does not convert: an integer where a float is usual and a
 * float where an integer is usual must both work. */
static void
test_int_or_float(void **state)
{
	struct conf c;

	load_ok(*state,
	    "voice = { rate = 200.0; pitch = 7L; volume = 1e2; };\n"
	    "pause = { after_announcement = 1; between_paragraphs = 2L; };\n"
	    "audio = { latency = 1; };\n"
	    "schedule = { gap = 3; every = 7200; };\n", &c);
	assert_int_equal(c.voice.rate, 200);
	assert_int_equal(c.voice.pitch, 7);
	assert_int_equal(c.voice.volume, 100);
	assert_true(c.pause.after_announcement == 1.0);
	assert_true(c.pause.between_paragraphs == 2.0);
	assert_true(c.audio.latency == 1.0);
	assert_true(c.schedule.gap == 3.0);
	assert_true(c.schedule.every == 7200.0);
	conf_free(&c);
}

static void
test_range_limits_accepted(void **state)
{
	struct conf c;

	load_ok(*state,
	    "voice = { rate = 80; pitch = 100; range = 0; volume = 0; };\n"
	    "pause = { after_announcement = 60; between_paragraphs = 60.0; };\n"
	    "audio = { latency = 0.001; };\n"
	    "schedule = { gap = 86400; every = 604800; };\n", &c);
	assert_int_equal(c.voice.rate, 80);
	assert_true(c.audio.latency == 0.001);
	assert_true(c.schedule.every == 604800);
	conf_free(&c);
	load_ok(*state, "voice = { rate = 450; };\n"
	    "audio = { latency = 2.0; };\nschedule = { every = 1; gap = 0; };\n",
	    &c);
	assert_int_equal(c.voice.rate, 450);
	conf_free(&c);
}

static void
test_numbers_bad(void **state)
{
	const struct fixture *f = *state;

	load_bad(f, "voice = {\n\tname = \"en-us\";\n\trate = 500;\n};\n",
	    ":3: voice.rate: 500 is out of range "
	    "(allowed: 80..450 words per minute)");
	load_bad(f, "voice = { rate = 79; };",
	    ":1: voice.rate: 79 is out of range "
	    "(allowed: 80..450 words per minute)");
	load_bad(f, "voice = { rate = 165.5; };",
	    ":1: voice.rate: 165.5 is not a whole number "
	    "(allowed: 80..450 words per minute)");
	load_bad(f, "voice = { pitch = 101; };",
	    ":1: voice.pitch: 101 is out of range (allowed: 0..100)");
	load_bad(f, "voice = { range = -1; };",
	    ":1: voice.range: -1 is out of range (allowed: 0..100)");
	load_bad(f, "voice = { volume = 201L; };",
	    ":1: voice.volume: 201 is out of range (allowed: 0..200)");
	load_bad(f, "voice = { pitch = \"high\"; };",
	    ":1: voice.pitch: wrong type, a string (allowed: 0..100)");
	load_bad(f, "voice = { volume = true; };",
	    ":1: voice.volume: wrong type, true/false (allowed: 0..200)");
	load_bad(f, "\npause = { after_announcement = 61; };",
	    ":2: pause.after_announcement: 61 is out of range "
	    "(allowed: 0..60 seconds)");
	load_bad(f, "pause = { between_paragraphs = -0.5; };",
	    ":1: pause.between_paragraphs: -0.5 is out of range "
	    "(allowed: 0..60 seconds)");
	load_bad(f, "pause = { between_paragraphs = [ 1 ]; };",
	    ":1: pause.between_paragraphs: wrong type, an array "
	    "(allowed: 0..60 seconds)");
	load_bad(f, "audio = { rate = 4000; };",
	    ":1: audio.rate: 4000 is out of range (allowed: 8000..192000 Hz)");
	load_bad(f, "audio = { latency = 0; };",
	    ":1: audio.latency: 0 is out of range (allowed: 0.001..2 seconds)");
	load_bad(f, "audio = { latency = 2.5; };",
	    ":1: audio.latency: 2.5 is out of range (allowed: 0.001..2 seconds)");
	load_bad(f, "audio = { latency = \"50ms\"; };",
	    ":1: audio.latency: wrong type, a string "
	    "(allowed: 0.001..2 seconds)");
	load_bad(f, "schedule = { gap = 86401; };",
	    ":1: schedule.gap: 86401 is out of range (allowed: 0..86400 seconds)");
	load_bad(f, "schedule = { every = 0.5; };",
	    ":1: schedule.every: 0.5 is out of range "
	    "(allowed: 1..604800 seconds)");
	load_bad(f, "schedule = { every = 604801; };",
	    ":1: schedule.every: 604801 is out of range "
	    "(allowed: 1..604800 seconds)");
	load_bad(f, "schedule = { every = 1e400; };",
	    ":1: schedule.every: inf is out of range "
	    "(allowed: 1..604800 seconds)");
}

static void
test_strings_bad(void **state)
{
	const struct fixture *f = *state;

	load_bad(f, "script = \"\";",
	    ":1: script: must not be empty (allowed: a countdown script file)");
	load_bad(f, "script = 3;",
	    ":1: script: wrong type, a number "
	    "(allowed: a countdown script file)");
	load_bad(f, "lexicon = [];",
	    ":1: lexicon: wrong type, an array "
	    "(allowed: a lexicon file, or \"\" for none)");
	load_bad(f, "voice = { name = \"\"; };",
	    ":1: voice.name: must not be empty (allowed: an eSpeak NG voice "
	    "such as \"en-us\" or \"en-us+f3\")");
	load_bad(f, "audio = {\n\tdevice = \"\";\n};",
	    ":2: audio.device: must not be empty "
	    "(allowed: a PortAudio device or pulse sink name, or \"default\")");
	load_bad(f, "audio = { path = 1.5; };",
	    ":1: audio.path: wrong type, a number "
	    "(allowed: a .wav or .flac file, or snapserver's FIFO)");
	load_bad(f, "control = { socket = 5; };",
	    ":1: control.socket: wrong type, a number "
	    "(allowed: a socket path, or \"\" for the default)");
	load_bad(f, "state = { file = true; };",
	    ":1: state.file: wrong type, true/false "
	    "(allowed: a file path, or \"\" for none)");
	load_bad(f, "state = { file = { x = 1; }; };",
	    ":1: state.file: wrong type, a group "
	    "(allowed: a file path, or \"\" for none)");
}

static void
test_groups_bad(void **state)
{
	const struct fixture *f = *state;

	load_bad(f, "voice = \"en-us\";",
	    ":1: voice: wrong type, a string (allowed: a group { ... })");
	load_bad(f, "\n\npause = 0.5;",
	    ":3: pause: wrong type, a number (allowed: a group { ... })");
	load_bad(f, "schedule = ( \"daily\" );",
	    ":1: schedule: wrong type, a list (allowed: a group { ... })");
	load_bad(f, "state = \"/var/lib/x\";",
	    ":1: state: wrong type, a string (allowed: a group { ... })");
}

static void
test_enums_bad(void **state)
{
	const struct fixture *f = *state;

	load_bad(f, "audio = { output = \"alsa\"; };",
	    ":1: audio.output: unknown value \"alsa\" "
	    "(allowed: \"portaudio\", \"file\", \"pulse\", \"auto\", \"snapcast\")");
	load_bad(f, "audio = { output = 1; };",
	    ":1: audio.output: wrong type, a number "
	    "(allowed: \"portaudio\", \"file\", \"pulse\", \"auto\", \"snapcast\")");
	load_bad(f, "mpris = { enable = true; };",
	    ":1: mpris.enable: wrong type, true/false "
	    "(allowed: \"auto\", \"yes\", \"no\")");
	load_bad(f, "mpris = { name = \"count.down\"; };",
	    ":1: mpris.name: \"count.down\" cannot be part of a D-Bus name "
	    "(allowed: a name such as \"countdownd\": letters, digits and _)");
	load_bad(f, "mpris = { name = \"2cd\"; };",
	    ":1: mpris.name: \"2cd\" cannot be part of a D-Bus name "
	    "(allowed: a name such as \"countdownd\": letters, digits and _)");
	load_bad(f, "schedule = {\n\tmode = \"weekly\";\n};",
	    ":2: schedule.mode: unknown value \"weekly\" (allowed: \"signal\", "
	    "\"continuous\", \"interval\", \"daily\")");
	load_bad(f, "schedule = { mode = \"Signal\"; };",
	    ":1: schedule.mode: unknown value \"Signal\" (allowed: \"signal\", "
	    "\"continuous\", \"interval\", \"daily\")");
	load_bad(f, "schedule = { on_busy = \"drop\"; };",
	    ":1: schedule.on_busy: unknown value \"drop\" "
	    "(allowed: \"skip\", \"queue\", \"ignore\")");
	load_bad(f, "schedule = { loop = 1; };",
	    ":1: schedule.loop: wrong type, a number (allowed: true or false)");
	load_bad(f, "schedule = { loop = \"yes\"; };",
	    ":1: schedule.loop: wrong type, a string (allowed: true or false)");
}

#define AT_ALLOWED	"(allowed: a list of \"HH:MM\" times such as " \
			"[ \"07:30\", \"20:00\" ])"

static void
test_at_bad(void **state)
{
	const struct fixture *f = *state;

	load_bad(f, "schedule = { at = [ \"25:00\" ]; };",
	    ":1: schedule.at: \"25:00\" is not a time " AT_ALLOWED);
	load_bad(f, "schedule = { at = [ \"12:60\" ]; };",
	    ":1: schedule.at: \"12:60\" is not a time " AT_ALLOWED);
	load_bad(f, "schedule = { at = [ \"7:30\" ]; };",
	    ":1: schedule.at: \"7:30\" is not a time " AT_ALLOWED);
	load_bad(f, "schedule = { at = [ \"12:5\" ]; };",
	    ":1: schedule.at: \"12:5\" is not a time " AT_ALLOWED);
	load_bad(f, "schedule = { at = [ \"12:30:00\" ]; };",
	    ":1: schedule.at: \"12:30:00\" is not a time " AT_ALLOWED);
	load_bad(f, "schedule = { at = [ \"noon\" ]; };",
	    ":1: schedule.at: \"noon\" is not a time " AT_ALLOWED);
	load_bad(f, "schedule = { at = [ \"\" ]; };",
	    ":1: schedule.at: \"\" is not a time " AT_ALLOWED);
	/* the line of the element, not of the list (libconfig dates an
	 * element by the token after it: a comma here) */
	load_bad(f, "schedule = {\n\tat = (\n\t\t\"08:00\",\n\t\t\"8pm\",\n"
	    "\t\t\"21:00\"\n\t);\n};",
	    ":4: schedule.at: \"8pm\" is not a time " AT_ALLOWED);
	load_bad(f, "schedule = { at = ( \"08:00\", 1200 ); };",
	    ":1: schedule.at: wrong type, a number " AT_ALLOWED);
	load_bad(f, "schedule = { at = \"20:00\"; };",
	    ":1: schedule.at: wrong type, a string " AT_ALLOWED);
}

static void
test_at_sorted_deduplicated(void **state)
{
	struct conf c;

	load_ok(*state, "schedule = { at = ( \"23:59\", \"00:00\", \"12:30\","
	    " \"00:00\", \"12:30\" ); };", &c);
	assert_int_equal(c.schedule.nat, 3);
	assert_int_equal(c.schedule.at[0], 0);
	assert_int_equal(c.schedule.at[1], 12 * 60 + 30);
	assert_int_equal(c.schedule.at[2], 23 * 60 + 59);
	conf_free(&c);
	load_ok(*state, "schedule = { at = []; };", &c);	/* fine unless daily */
	assert_int_equal(c.schedule.nat, 0);
	conf_free(&c);
}

/* at most CONF_MAX_AT times: the limit itself is fine, one more is not */
static void
test_at_limit(void **state)
{
	char text[CONF_MAX_AT * 12 + 64], want[64];
	struct conf c;
	size_t n;
	int i;

	n = snprintf(text, sizeof text, "schedule = { at = [");
	for (i = 0; i < CONF_MAX_AT; i++)
		n += snprintf(text + n, sizeof text - n, "%s\"%02d:%02d\"",
		    i ? ", " : " ", i / 60, i % 60);
	snprintf(text + n, sizeof text - n, " ]; };");
	load_ok(*state, text, &c);
	assert_int_equal(c.schedule.nat, CONF_MAX_AT);
	assert_int_equal(c.schedule.at[CONF_MAX_AT - 1], CONF_MAX_AT - 1);
	conf_free(&c);

	snprintf(text + n, sizeof text - n, ", \"23:00\" ]; };");
	snprintf(want, sizeof want, ":1: schedule.at: %d times "
	    "(allowed: at most %d)", CONF_MAX_AT + 1, CONF_MAX_AT);
	load_bad(*state, text, want);
}

static void
test_pairs_bad(void **state)
{
	const struct fixture *f = *state;

	/* named at the missing setting's partner, or at its own line */
	load_bad(f, "audio = {\n\toutput = \"file\";\n};",
	    ":2: audio.path: output \"file\" needs a file "
	    "(allowed: a .wav or .flac file, or snapserver's FIFO)");
	load_bad(f, "audio = {\n\toutput = \"file\";\n\tpath = \"\";\n};",
	    ":3: audio.path: output \"file\" needs a file "
	    "(allowed: a .wav or .flac file, or snapserver's FIFO)");
	load_bad(f, "audio = {\n\toutput = \"snapcast\";\n};",
	    ":2: audio.path: output \"snapcast\" needs a file "
	    "(allowed: a .wav or .flac file, or snapserver's FIFO)");
	load_bad(f, "schedule = {\n\tmode = \"daily\";\n\tat = [];\n};",
	    ":3: schedule.at: mode \"daily\" needs at least one time "
	    AT_ALLOWED);
}

#define TPL_ALLOWED	"(allowed: text with {rank} {titles} {artist} {year} " \
			"and [optional parts])"

static void
test_template_bad(void **state)
{
	const struct fixture *f = *state;

	load_bad(f, "announcer = {\n\tentry = \"Number {ranks}: {titles}\";\n};",
	    ":2: announcer.entry: unknown placeholder \"{ranks}\" " TPL_ALLOWED);
	load_bad(f, "announcer = { entry = \"{}\"; };",
	    ":1: announcer.entry: unknown placeholder \"{}\" " TPL_ALLOWED);
	load_bad(f, "announcer = { entry = \"{Rank}\"; };",
	    ":1: announcer.entry: unknown placeholder \"{Rank}\" " TPL_ALLOWED);
	load_bad(f, "announcer = { entry = \"Number {rank\"; };",
	    ":1: announcer.entry: \"{\" without \"}\" " TPL_ALLOWED);
	load_bad(f, "announcer = { entry = \"{rank {titles}\"; };",
	    ":1: announcer.entry: \"{\" without \"}\" " TPL_ALLOWED);
	load_bad(f, "announcer = { entry = \"rank} {titles}\"; };",
	    ":1: announcer.entry: \"}\" without \"{\" " TPL_ALLOWED);
	load_bad(f, "announcer = { entry = \"{titles}[, by {artist}\"; };",
	    ":1: announcer.entry: \"[\" without \"]\" " TPL_ALLOWED);
	load_bad(f, "announcer = { entry = \"{titles}, by {artist}]\"; };",
	    ":1: announcer.entry: \"]\" without \"[\" " TPL_ALLOWED);
	load_bad(f, "announcer = { entry = \"{titles}[ by {artist}[ in {year}]]\"; };",
	    ":1: announcer.entry: \"[\" inside [ ] " TPL_ALLOWED);
	load_bad(f, "announcer = { entry = \"{ra[nk}]\"; };",
	    ":1: announcer.entry: \"{\" without \"}\" " TPL_ALLOWED);
	load_bad(f, "announcer = { entry = 10; };",
	    ":1: announcer.entry: wrong type, a number " TPL_ALLOWED);
}

static void
test_template_ok(void **state)
{
	static const char *const ok[] = {
		"",
		"{rank}",
		"Number {rank}: {titles}[, by {artist}][, from {year}].",
		"[{year}: ]{titles}",
		"{artist}{titles}{year}{rank} plain text, no markup.",
	};
	char text[256];
	struct conf c;
	size_t i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		snprintf(text, sizeof text, "announcer = { entry = \"%s\"; };",
		    ok[i]);
		load_ok(*state, text, &c);
		assert_string_equal(c.announcer.entry, ok[i]);
		conf_free(&c);
	}
}

static void
test_voice_check(void **state)
{
	const struct fixture *f = *state;
	struct voices v = { 0 };
	struct conf c;
	char err[512], *path;

	load_bad(f, "voice = {\n\tname = \"xx\";\n};",
	    ":2: voice.name: no such eSpeak NG voice \"xx\" "
	    "(see countdownd --list-voices)");
	load_bad(f, "announcer = { voice = \"en-us+nope\"; };",
	    ":1: announcer.voice: no such eSpeak NG voice \"en-us+nope\" "
	    "(see countdownd --list-voices)");

	/* both voices asked about; "" for the announcer is not a voice */
	path = write_file(f, "v.conf", "voice = { name = \"en-gb\"; };\n"
	    "announcer = { voice = \"en-us+f3\"; };");
	assert_int_equal(conf_load(&c, path, stub_voice, &v, err, sizeof err), 0);
	assert_int_equal(v.calls, 2);
	assert_string_equal(v.last, "en-us+f3");
	conf_free(&c);
	free(path);

	memset(&v, 0, sizeof v);
	path = write_file(f, "v.conf", "announcer = { voice = \"\"; };");
	assert_int_equal(conf_load(&c, path, stub_voice, &v, err, sizeof err), 0);
	assert_null(c.announcer.voice);
	assert_int_equal(v.calls, 0);	/* only settings written are checked */
	conf_free(&c);

	/* no hook: no check */
	free(path);
	path = write_file(f, "v.conf", "voice = { name = \"xx\"; };");
	assert_int_equal(conf_load(&c, path, NULL, NULL, err, sizeof err), 0);
	assert_string_equal(c.voice.name, "xx");
	conf_free(&c);
	free(path);
}

static void
test_syntax_error(void **state)
{
	const struct fixture *f = *state;

	load_bad(f, "voice = {\n\trate = ;\n};", ":2: syntax error");
	load_bad(f, "script = \"unterminated;\n", ":2: syntax error");
	load_bad(f, "a = 1;\nvoice = { rate = 100; rate = 200; };",
	    ":2: duplicate setting name");
	load_bad(f, "schedule = { at = [ \"20:00\", 5 ]; };",
	    ":1: mismatched element type in array");
	/* libconfig 1.5 leaks the string that is the culprit of a syntax
	 * error: read by a child first, it is refused with its line and
	 * nothing leaks here (LeakSanitizer would fail this test) */
	load_bad(f, "voice = {\n\trate = 16\"aaaaaaaa\"5;\n};", ":2: syntax error");
	load_bad(f, "\"a string where a name goes\" = 1;", ":1: syntax error");
}

static void
test_missing_file(void **state)
{
	const struct fixture *f = *state;
	struct conf c;
	char err[512], path[PATH_MAX + 16], want[PATH_MAX + 64];

	snprintf(path, sizeof path, "%s/nope.conf", f->dir);
	assert_int_equal(conf_load(&c, path, NULL, NULL, err, sizeof err),
	    EX_NOINPUT);
	snprintf(want, sizeof want, "%s: No such file or directory", path);
	assert_string_equal(err, want);
	assert_null(c.path);
	conf_free(&c);

	/* a folder opens, but is no config */
	assert_int_equal(conf_load(&c, f->dir, NULL, NULL, err, sizeof err),
	    EX_NOINPUT);
	snprintf(want, sizeof want, "%s: Is a directory", f->dir);
	assert_string_equal(err, want);
	conf_free(&c);
}

static void
test_unknown_settings_warn(void **state)
{
	const struct fixture *f = *state;
	struct conf c;
	char err[512], *warnings, *path, *want;

	assert_int_equal(load_text(f,
	    "voice = {\n"
	    "\trat = 200;\n"			/* 2: a typo */
	    "};\n"
	    "shedule = { mode = \"x\"; };\n"	/* 4: a group, not looked in */
	    "rate = 100;\n"			/* 5: in the wrong group */
	    "audio = { outptu = \"file\"; every = 5; };\n"	/* 6 */
	    "colour = \"blue\";\n"		/* 7: nothing near */
	    "pause = { x = 1; };\n",		/* 8: too short to guess */
	    &c, err, sizeof err, &warnings, &path), 0);
	assert_true(asprintf(&want,
	    "%1$s:2: unknown setting \"voice.rat\" (did you mean \"voice.rate\"?)\n"
	    "%1$s:4: unknown setting \"shedule\" (did you mean \"schedule\"?)\n"
	    "%1$s:5: unknown setting \"rate\" (did you mean \"voice.rate\"?)\n"
	    "%1$s:6: unknown setting \"audio.outptu\" "
	    "(did you mean \"audio.output\"?)\n"
	    "%1$s:6: unknown setting \"audio.every\" "
	    "(did you mean \"schedule.every\"?)\n"
	    "%1$s:7: unknown setting \"colour\"\n"
	    "%1$s:8: unknown setting \"pause.x\"\n", path) != -1);
	assert_string_equal(warnings, want);
	assert_int_equal(c.voice.rate, 165);	/* ignored, not applied */
	assert_int_equal(c.schedule.mode, MODE_SIGNAL);
	conf_free(&c);
	free(want);
	free(warnings);
	free(path);
}

/* A typo inside a group is suggested as one at the top level is: two
 * letters swapped are one slip, so a short name gets its suggestion too. */
static void
test_unknown_in_group_suggest(void **state)
{
	const struct fixture *f = *state;
	struct conf c;
	char err[512], *warnings, *path, *want;

	assert_int_equal(load_text(f,
	    "voice = { nmae = \"en-us\"; };\n"		/* 1 */
	    "schedule = {\n"
	    "\tmdoe = \"daily\";\n"			/* 3 */
	    "\tgpa = 5;\n"				/* 4 */
	    "\tgxx = 5;\n"				/* 5: two slips in three */
	    "};\n"
	    "scirpt = \"s.txt\";\n"			/* 7: top level, swapped */
	    "announcer = { nubmer = \"nr\"; };\n",	/* 8 */
	    &c, err, sizeof err, &warnings, &path), 0);
	assert_true(asprintf(&want,
	    "%1$s:1: unknown setting \"voice.nmae\" (did you mean \"voice.name\"?)\n"
	    "%1$s:3: unknown setting \"schedule.mdoe\" "
	    "(did you mean \"schedule.mode\"?)\n"
	    "%1$s:4: unknown setting \"schedule.gpa\" "
	    "(did you mean \"schedule.gap\"?)\n"
	    "%1$s:5: unknown setting \"schedule.gxx\"\n"
	    "%1$s:7: unknown setting \"scirpt\" (did you mean \"script\"?)\n"
	    "%1$s:8: unknown setting \"announcer.nubmer\" "
	    "(did you mean \"announcer.number\"?)\n", path) != -1);
	assert_string_equal(warnings, want);
	assert_int_equal(c.schedule.mode, MODE_SIGNAL);	/* ignored */
	conf_free(&c);
	free(want);
	free(warnings);
	free(path);
}

/* Warnings come before the error, so a typo that caused it is seen. */
static void
test_unknown_then_error(void **state)
{
	struct conf c;
	char err[512], *warnings, *path, *want;

	assert_int_equal(load_text(*state,
	    "audio = { outpt = \"file\"; latency = 9; };",
	    &c, err, sizeof err, &warnings, &path), EX_CONFIG);
	assert_true(asprintf(&want, "%s:1: unknown setting \"audio.outpt\" "
	    "(did you mean \"audio.output\"?)\n", path) != -1);
	assert_string_equal(warnings, want);
	free(want);
	assert_true(asprintf(&want, "%s:1: audio.latency: 9 is out of range "
	    "(allowed: 0.001..2 seconds)", path) != -1);
	assert_string_equal(err, want);
	free(want);
	free(warnings);
	free(path);
}

static void
test_relative_paths(void **state)
{
	const struct fixture *f = *state;
	struct conf c;
	char err[512], want[PATH_MAX + 64], *path, *link;
	int cwd;

	path = write_file(f, "sub/c.conf",
	    "script = \"s.txt\";\n"
	    "lexicon = \"../lex.txt\";\n"
	    "audio = { path = \"/abs/out.wav\"; };\n"
	    "control = { socket = \"run/sock\"; };\n"
	    "state = { file = \"\"; };\n");
	assert_int_equal(conf_load(&c, path, NULL, NULL, err, sizeof err), 0);
	snprintf(want, sizeof want, "%s/sub/s.txt", f->dir);
	assert_string_equal(c.script, want);
	snprintf(want, sizeof want, "%s/sub/../lex.txt", f->dir);
	assert_string_equal(c.lexicon, want);
	assert_string_equal(c.audio.path, "/abs/out.wav");
	snprintf(want, sizeof want, "%s/sub/run/sock", f->dir);
	assert_string_equal(c.control_socket, want);
	assert_null(c.state_file);
	conf_free(&c);

	/* a config named relative to the working directory still yields
	 * absolute paths, which survive a later chdir */
	assert_true((cwd = open(".", O_RDONLY | O_DIRECTORY)) != -1);
	assert_int_equal(chdir(f->dir), 0);
	assert_int_equal(conf_load(&c, "sub/c.conf", NULL, NULL, err,
	    sizeof err), 0);
	assert_int_equal(fchdir(cwd), 0);
	close(cwd);
	assert_string_equal(c.path, "sub/c.conf");
	snprintf(want, sizeof want, "%s/sub/s.txt", f->dir);
	assert_string_equal(c.script, want);
	conf_free(&c);

	/* the folder is the one the config is named in, not a link's target */
	assert_true(asprintf(&link, "%s/link.conf", f->dir) != -1);
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(conf_load(&c, link, NULL, NULL, err, sizeof err), 0);
	snprintf(want, sizeof want, "%s/s.txt", f->dir);
	assert_string_equal(c.script, want);
	conf_free(&c);
	free(link);
	free(path);
}

static void
test_include(void **state)
{
	const struct fixture *f = *state;
	struct conf c;
	char err[512], *path;

	free(write_file(f, "voice.inc", "voice = { rate = 300; };\n"));
	free(write_file(f, "bad.inc", "\nschedule = { gap = -1; };\n"));
	path = write_file(f, "i.conf", "@include \"voice.inc\"\n");
	assert_int_equal(conf_load(&c, path, NULL, NULL, err, sizeof err), 0);
	assert_int_equal(c.voice.rate, 300);
	conf_free(&c);
	free(path);

	/* an error inside an included file names that file */
	path = write_file(f, "i.conf", "@include \"bad.inc\"\n");
	assert_int_equal(conf_load(&c, path, NULL, NULL, err, sizeof err),
	    EX_CONFIG);
	assert_string_equal(err, "bad.inc:2: schedule.gap: -1 is out of range "
	    "(allowed: 0..86400 seconds)");
	free(path);

	/* so does a syntax error there, found by the syntax check's child */
	free(write_file(f, "syntax.inc", "\n\nvoice = { rate = 1 \"x\"; };\n"));
	path = write_file(f, "i.conf", "\n@include \"syntax.inc\"\n");
	assert_int_equal(conf_load(&c, path, NULL, NULL, err, sizeof err),
	    EX_CONFIG);
	assert_string_equal(err, "syntax.inc:3: syntax error");
	free(path);
}

/* SIGHUP's way: load into a fresh struct; on failure the old one stands. */
static void
test_reload_pattern(void **state)
{
	struct conf old, fresh;
	char err[512], *path;

	load_ok(*state, "voice = { rate = 300; };", &old);
	assert_int_equal(load_text(*state, "voice = { rate = 3000; };", &fresh,
	    err, sizeof err, NULL, &path), EX_CONFIG);
	conf_free(&fresh);		/* harmless after a failure */
	assert_int_equal(old.voice.rate, 300);
	assert_string_equal(old.voice.name, "en-us");
	conf_free(&old);
	free(path);
}

static void
test_small_error_buffer(void **state)
{
	struct conf c;
	char err[8], *path;

	assert_int_equal(load_text(*state, "voice = { rate = 1; };", &c, err,
	    sizeof err, NULL, &path), EX_CONFIG);
	assert_int_equal(strlen(err), sizeof err - 1);
	assert_memory_equal(err, path, sizeof err - 1);
	free(path);
}

/* The shipped configuration: no error, no warning, the documented values. */
static void
test_default_config(void **state)
{
	struct voices v = { 0 };
	struct capture cap;
	struct conf c;
	char err[512] = "", real[PATH_MAX], want[PATH_MAX + 64], *warnings;
	int rc;

	(void)state;
	capture_begin(&cap);
	rc = conf_load(&c, "etc/countdownd.conf", stub_voice, &v, err,
	    sizeof err);
	warnings = capture_end(&cap);
	assert_string_equal(err, "");
	assert_int_equal(rc, 0);
	assert_string_equal(warnings, "");
	assert_int_equal(v.calls, 1);
	assert_non_null(realpath("etc", real));
	snprintf(want, sizeof want, "%s/../data/scripts/saddest-kpop-mvs.txt",
	    real);
	assert_string_equal(c.script, want);
	snprintf(want, sizeof want, "%s/../data/lexicon.txt", real);
	assert_string_equal(c.lexicon, want);
	assert_ptr_equal(c.audio.output, outputs_find("auto"));
	assert_string_equal(c.audio.device, "default");
	assert_int_equal(c.schedule.mode, MODE_SIGNAL);
	/* every other value is the default it documents */
	free(c.script);
	free(c.lexicon);
	c.script = c.lexicon = NULL;
	assert_defaults(&c);
	conf_free(&c);
	free(warnings);
}

/* ---- languages (issue 14) ---- */

/* Loads text with no voice check (any voice goes); stderr comes back in
 * *out. */
static int
load_any_voice(const struct fixture *f, const char *text, struct conf *c,
    char **out)
{
	struct capture cap;
	char err[512] = "", *path;
	int rc;

	path = write_file(f, "c.conf", text);
	capture_begin(&cap);
	rc = conf_load(c, path, NULL, NULL, err, sizeof err);
	*out = capture_end(&cap);
	if (rc != 0)
		fail_msg("%s", err);
	free(path);
	return rc;
}

static void
assert_words(const struct conf *c, const char *entry, const char *mentions,
    const char *and, const char *item)
{
	assert_string_equal(c->announcer.entry, entry);
	assert_string_equal(c->announcer.mentions, mentions);
	assert_string_equal(c->announcer.and, and);
	assert_string_equal(c->announcer.item, item);
}

static void
test_new_settings_defaults(void **state)
{
	struct conf c;

	(void)state;
	conf_defaults(&c);
	assert_words(&c, "Number {rank}: {titles}[, by {artist}].",
	    "Honorable mentions.", "and", "{titles}[, by {artist}].");
	assert_int_equal(c.script_mentions.n, 0);
	conf_free(&c);
}

static void
test_new_settings(void **state)
{
	struct conf c;

	load_ok(*state, "script_mentions = [ \"Bonusrunde\", \"Extras\" ];\n"
	    "announcer = { mentions = \"\"; and = \"och\";\n"
	    "\titem = \"{titles}[ ({artist})]\"; };\n", &c);
	assert_int_equal(c.script_mentions.n, 2);
	assert_string_equal(c.script_mentions.v[0], "Bonusrunde");
	assert_string_equal(c.script_mentions.v[1], "Extras");
	assert_null(c.announcer.mentions);	/* "": say the lead */
	assert_string_equal(c.announcer.and, "och");
	assert_string_equal(c.announcer.item, "{titles}[ ({artist})]");
	conf_free(&c);
	load_ok(*state, "script_mentions = ( \"Bonusrunde\" );\n", &c);
	assert_int_equal(c.script_mentions.n, 1);
	conf_free(&c);
}

static void
test_new_settings_bad(void **state)
{
	const struct fixture *f = *state;

	load_bad(f, "script_mentions = \"Bonusrunde\";",
	    ":1: script_mentions: wrong type, a string (allowed: a list of "
	    "phrases such as [ \"Bonusrunde\" ])");
	load_bad(f, "script_mentions = [ \"A\", \"\" ];",
	    ":1: script_mentions: an empty phrase (allowed: a list of "
	    "phrases such as [ \"Bonusrunde\" ])");
	load_bad(f, "script_mentions = ( \"A\", 3 );",
	    ":1: script_mentions: wrong type, a number (allowed: a list of "
	    "phrases such as [ \"Bonusrunde\" ])");
	load_bad(f, "announcer = {\n\tand = \"\";\n};",
	    ":2: announcer.and: must not be empty (allowed: the word that "
	    "joins two titles, such as \"and\")");
	load_bad(f, "announcer = { item = \"{titles}[, by {artist}\"; };",
	    ":1: announcer.item: \"[\" without \"]\" (allowed: text with "
	    "{titles} {artist} {year} and [optional parts])");
	load_bad(f, "announcer = { mentions = 1; };",
	    ":1: announcer.mentions: wrong type, a number (allowed: text, or "
	    "\"\" to say the script's lead line)");
}

static void
test_language_defaults(void **state)
{
	static const struct {
		const char	*voice;
		const char	*entry, *mentions, *and, *by, *number;
	} langs[] = {
		{ "de", "Platz", "Ehrenvolle Erw\u00e4hnungen.", "und", "von",
		    "Nummer" },
		{ "de+f3", "Platz", "Ehrenvolle Erw\u00e4hnungen.", "und", "von",
		    "Nummer" },
		{ "fr", "Num\u00e9ro", "Mentions honorables.", "et", "par",
		    "num\u00e9ro" },
		{ "fr-be", "Num\u00e9ro", "Mentions honorables.", "et", "par",
		    "num\u00e9ro" },
		{ "roa/fr", "Num\u00e9ro", "Mentions honorables.", "et", "par",
		    "num\u00e9ro" },
		{ "es", "N\u00famero", "Menciones honor\u00edficas.", "y", "de",
		    "n\u00famero" },
		{ "it", "Numero", "Menzioni d'onore.", "e", "di", "numero" },
		{ "pt-br", "N\u00famero", "Men\u00e7\u00f5es honrosas.", "e",
		    "de", "n\u00famero" },
		{ "nl", "Nummer", "Eervolle vermeldingen.", "en", "van",
		    "nummer" },
		{ "en-gb", "Number", "Honorable mentions.", "and", "by",
		    "number" },
	};
	char text[128], *out, entry[128], item[64];
	struct conf c;
	size_t i;

	for (i = 0; i < sizeof langs / sizeof langs[0]; i++) {
		snprintf(text, sizeof text, "voice = { name = \"%s\"; };\n",
		    langs[i].voice);
		load_any_voice(*state, text, &c, &out);
		snprintf(entry, sizeof entry, "%s {rank}%s: {titles}[, %s "
		    "{artist}].", langs[i].entry,
		    strcmp(langs[i].and, "et") == 0 ? " " : "", langs[i].by);
		snprintf(item, sizeof item, "{titles}[, %s {artist}].",
		    langs[i].by);
		assert_words(&c, entry, langs[i].mentions, langs[i].and, item);
		assert_string_equal(c.announcer.number, langs[i].number);
		assert_string_equal(out, "");	/* a known language: quiet */
		free(out);
		conf_free(&c);
	}
}

/* Each row's templates pass the check a user's would. */
static void
test_language_templates_valid(void **state)
{
	const struct lang *lg;
	char text[512];
	struct conf c;
	size_t i;

	for (i = 0; (lg = lang_at(i)) != NULL; i++) {
		snprintf(text, sizeof text, "announcer = { entry = \"%s\";\n"
		    "item = \"%s\"; mentions = \"%s\"; and = \"%s\";\n"
		    "number = \"%s\"; };\n", lg->entry, lg->item,
		    lg->mentions, lg->and, lg->number);
		load_ok(*state, text, &c);
		conf_free(&c);
	}
}

static void
test_language_written_wins(void **state)
{
	struct conf c;
	char *out;

	load_any_voice(*state, "voice = { name = \"de\"; };\n"
	    "announcer = { and = \"sowie\"; entry = \"Nummer {rank}\"; };\n",
	    &c, &out);
	assert_words(&c, "Nummer {rank}", "Ehrenvolle Erw\u00e4hnungen.",
	    "sowie", "{titles}[, von {artist}].");
	assert_string_equal(out, "");
	free(out);
	conf_free(&c);
	/* "" is written too: no German heading then */
	load_any_voice(*state, "voice = { name = \"de\"; };\n"
	    "announcer = { mentions = \"\"; };\n", &c, &out);
	assert_null(c.announcer.mentions);
	assert_string_equal(c.announcer.and, "und");
	free(out);
	conf_free(&c);
}

static void
test_language_unknown(void **state)
{
	struct conf c;
	char *out;

	load_any_voice(*state, "voice = { name = \"ru\"; };\n", &c, &out);
	assert_words(&c, "Number {rank}: {titles}[, by {artist}].",
	    "Honorable mentions.", "and", "{titles}[, by {artist}].");
	/* one line says so */
	assert_non_null(strstr(out, "\"ru\""));
	assert_non_null(strstr(out, "English"));
	assert_non_null(strchr(out, '\n'));
	assert_string_equal(strchr(out, '\n'), "\n");
	free(out);
	conf_free(&c);
	/* nothing to say when every word is written */
	load_any_voice(*state, "voice = { name = \"sv\"; };\n"
	    "announcer = { entry = \"Plats {rank}: {titles}\"; mentions = "
	    "\"\"; and = \"och\"; item = \"{titles}\"; number = "
	    "\"nummer\"; };\n", &c, &out);
	assert_string_equal(out, "");
	assert_string_equal(c.announcer.and, "och");
	free(out);
	conf_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test_setup_teardown(test_empty_file_is_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_setting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_enum_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int_or_float, setup, teardown),
		cmocka_unit_test_setup_teardown(test_range_limits_accepted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strings_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_groups_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enums_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_at_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_at_sorted_deduplicated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_at_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pairs_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_template_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_template_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_voice_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_in_group_suggest,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_settings_warn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_then_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relative_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_include, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reload_pattern, setup, teardown),
		cmocka_unit_test_setup_teardown(test_small_error_buffer, setup, teardown),
		cmocka_unit_test(test_default_config),
		cmocka_unit_test(test_new_settings_defaults),
		cmocka_unit_test_setup_teardown(test_new_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_settings_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_language_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_language_templates_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_language_written_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_language_unknown, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
