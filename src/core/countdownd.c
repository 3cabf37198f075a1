/* SPDX-License-Identifier: GPL-3.0-or-later */
/* countdownd: options, start-up, the poll() loop, shutdown. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sysexits.h>
#include <unistd.h>

#include "core/conf.h"
#include "core/engine.h"
#include "core/limits.h"
#include "core/status.h"
#include "front/control.h"
#include "front/listing.h"
#include "front/mpris.h"
#include "front/notify.h"
#include "output/sink.h"
#include "production/render.h"
#include "speech/tts.h"
#include "text/lexicon.h"
#include "text/narrate.h"
#include "text/script.h"
#include "util/log.h"
#include "util/loop.h"
#include "util/timer.h"

#ifndef COUNTDOWND_CONF
#define COUNTDOWND_CONF "/usr/local/etc/countdownd.conf"
#endif
#ifndef COUNTDOWND_DATADIR
#define COUNTDOWND_DATADIR "/usr/local/share/countdownd"
#endif
/* what the built-in defaults play, from the data folder */
#define BUNDLED_SCRIPT	"scripts/saddest-kpop-mvs.txt"
#define BUNDLED_LEXICON	"lexicon.txt"
#ifndef COUNTDOWND_VERSION
#define COUNTDOWND_VERSION "0.2"
#endif

enum action { RUN, CHECK, LIST, NARRATION, EXPLAIN, LIST_VOICES, LIST_DEVICES,
    RENDER };

struct options {
	const char	*conf;		/* -f, or NULL: the installed one, else
					 * the built-in defaults */
	const char	*script;
	struct render_opts render;
	bool		 render_extras;	/* an option only --render takes */
	enum action	 action;
	int		 verbosity;
};

/* -h: the usage on stdout, exit 0; a wrong option: on stderr, exit 64 */
static noreturn void
usage(FILE *fp, int rc)
{
	fprintf(fp, "usage: countdownd [-f CONFIG] [-s SCRIPT] [-n] [--list] "
	    "[--narration] [--explain]\n                  [--list-voices] "
	    "[--list-devices] "
	    "[-v] [-q] [-V]\n                  [--render OUT [--captions FILE] "
	    "[--chapters FILE] [--split DIR]\n                   [--rate HZ] "
	    "[--loudness off]]\n");
	exit(rc);
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "list", no_argument, NULL, 'L' },
		{ "narration", no_argument, NULL, 'N' },
		{ "explain", no_argument, NULL, 'E' },
		{ "list-voices", no_argument, NULL, 'O' },
		{ "list-devices", no_argument, NULL, 'D' },
		{ "render", required_argument, NULL, 'R' },
		{ "captions", required_argument, NULL, 'C' },
		{ "chapters", required_argument, NULL, 'H' },
		{ "split", required_argument, NULL, 'S' },
		{ "rate", required_argument, NULL, 'r' },
		{ "loudness", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	int ch;

	memset(o, 0, sizeof *o);
	while ((ch = getopt_long(argc, argv, "f:s:nvqVh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f': o->conf = optarg; break;
		case 's': o->script = optarg; break;
		case 'n': o->action = CHECK; break;
		case 'L': o->action = LIST; break;
		case 'N': o->action = NARRATION; break;
		case 'E': o->action = EXPLAIN; break;
		case 'O': o->action = LIST_VOICES; break;
		case 'D': o->action = LIST_DEVICES; break;
		case 'R': o->action = RENDER; o->render.out = optarg; break;
		case 'C': o->render.captions = optarg; o->render_extras = true; break;
		case 'H': o->render.chapters = optarg; o->render_extras = true; break;
		case 'S': o->render.split = optarg; o->render_extras = true; break;
		case 'r':
			o->render.rate = (unsigned)strtoul(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || o->render.rate == 0)
				usage(stderr, EX_USAGE);
			o->render_extras = true;
			break;
		case 'l':
			if (strcmp(optarg, "off") != 0)
				usage(stderr, EX_USAGE);
			o->render.loudness_off = true;
			o->render_extras = true;
			break;
		case 'v': o->verbosity = 1; break;
		case 'q': o->verbosity = -1; break;
		case 'V':
			printf("countdownd %s\n", COUNTDOWND_VERSION);
			exit(0);
		case 'h':
			usage(stdout, 0);
		default:
			usage(stderr, EX_USAGE);
		}
	}
	if (optind != argc || (o->render_extras && o->action != RENDER))
		usage(stderr, EX_USAGE);
}

/* state.file "": $STATE_DIRECTORY/position when systemd gave the service a
 * state directory (the first, when it lists several), else no persistence */
static int
state_file_default(struct conf *c)
{
	const char *dir = getenv("STATE_DIRECTORY");
	size_t len;

	if (c->state_file != NULL || dir == NULL || *dir == '\0')
		return 0;
	len = strcspn(dir, ":");
	if (asprintf(&c->state_file, "%.*s/position", (int)len, dir) == -1) {
		c->state_file = NULL;
		return -1;
	}
	return 0;
}

static const char *
conf_name(const struct options *o)
{
	return o->conf ? o->conf : COUNTDOWND_CONF;
}

/* A file of the bundled data: the installed data folder's, else that of the
 * source tree the binary was built in (build/countdownd, build/check/...);
 * NULL when neither has it. */
static char *
bundled_file(const char *rel)
{
	static const char *const up[] = { "..", "../.." };
	char exe[PATH_MAX], try[PATH_MAX + 64], *path, *slash;
	ssize_t n;
	size_t i;

	snprintf(try, sizeof try, "%s/%s", COUNTDOWND_DATADIR, rel);
	if ((path = realpath(try, NULL)) != NULL)
		return path;
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	for (i = 0; i < sizeof up / sizeof up[0] && path == NULL; i++) {
		snprintf(try, sizeof try, "%s/%s/data/%s", exe, up[i], rel);
		path = realpath(try, NULL);
	}
	return path;
}

/* -f CONFIG; without -f the installed configuration, and when there is none
 * the built-in defaults (etc/countdownd.conf's values) with the bundled
 * script and lexicon. An -f that is not there is EX_NOINPUT. */
static int
load_conf(const struct options *o, struct tts *tts, struct conf *c, char *err,
    size_t errlen)
{
	if (o->conf == NULL && access(COUNTDOWND_CONF, F_OK) == -1 &&
	    errno == ENOENT) {
		log_info("no %s: using the built-in defaults", COUNTDOWND_CONF);
		conf_defaults(c);
		c->script = bundled_file(BUNDLED_SCRIPT);
		c->lexicon = bundled_file(BUNDLED_LEXICON);
		return 0;
	}
	return conf_load(c, conf_name(o), tts ? tts_voice_exists : NULL, tts,
	    err, errlen);
}

/* An entry whose speech would pass CLIP_MAX_SECONDS by narrate's estimate
 * is refused before anything is synthesized (countdown-script(5), LIMITS):
 * at most two clips are in memory, so that bounds the daemon's memory. */
static int
check_length(const char *path, const struct conf *c, const struct script *s,
    const struct lexicon *lx)
{
	struct textbuf b = TEXTBUF_INIT;
	double seconds;
	size_t i;
	int rc = narrate_check_length(s, c, lx, &i, &seconds);

	if (rc == -1) {
		log_errorx("out of memory");
		return EX_OSERR;
	}
	if (rc == 0)
		return 0;
	status_entry(&b, s, i);
	log_errorx("%s:%d: entry %s: about %.1f minutes of speech at voice.rate "
	    "%d, and an entry may last at most %d minutes (countdown-script(5), "
	    "LIMITS): split it", path, s->entries[i].line, textbuf_str(&b),
	    seconds / 60, c->voice.rate, CLIP_MAX_SECONDS / 60);
	textbuf_reset(&b);
	return EX_DATAERR;
}

/* a script's warning, with its file and line: script_opts' warn */
static void
load_warn(void *arg, int line, const char *msg)
{
	log_warnx("%s:%d: warning: %s", (const char *)arg, line, msg);
}

/* config, script and lexicon, each checked; exits with its sysexits code */
static int
load_parts(const struct options *o, struct tts *tts, struct conf *c,
    struct script *s, struct lexicon *lx)
{
	char err[1024];
	struct script_error serr;
	struct script_opts sopts;
	const char *path;
	int rc;

	if ((rc = load_conf(o, tts, c, err, sizeof err)) != 0) {
		log_errorx("%s", err);
		return rc;
	}
	if (state_file_default(c) == -1) {
		log_error("state file");
		conf_free(c);
		return EX_OSERR;
	}
	if ((path = o->script ? o->script : c->script) == NULL) {
		rc = c->path ? EX_CONFIG : EX_USAGE;
		if (c->path)
			log_errorx("%s: no script: set \"script\" or give -s SCRIPT",
			    c->path);
		else
			log_errorx("no script: give one with -s SCRIPT "
			    "(countdown-script(5)), or a configuration that names "
			    "one with -f CONFIG; the bundled %s/%s is not installed",
			    COUNTDOWND_DATADIR, BUNDLED_SCRIPT);
		conf_free(c);
		return rc;
	}
	memset(&sopts, 0, sizeof sopts);
	/* --explain tells each line, and the warnings among them, as read */
	if (o->action == EXPLAIN) {
		sopts.took = listing_explain_line;
		sopts.warn = listing_explain_warn;
		sopts.arg = stdout;
	} else {
		sopts.warn = load_warn;
		sopts.arg = (void *)path;
	}
	sopts.mentions = c->script_mentions.v;
	sopts.nmentions = c->script_mentions.n;
	sopts.and = c->announcer.and;
	if ((rc = script_load(path, &sopts, s, &serr)) != 0) {
		if (serr.line > 0)
			log_errorx("%s:%d: %s", path, serr.line, serr.msg);
		else
			log_errorx("%s: %s", path, serr.msg);
		conf_free(c);
		return rc;
	}
	memset(lx, 0, sizeof *lx);
	if (c->lexicon && (rc = lexicon_load(c->lexicon, lx, err, sizeof err)) != 0) {
		log_errorx("%s", err);
		script_free(s);
		conf_free(c);
		return rc;
	}
	/* the listings show a script as it is; what is spoken is checked */
	if (o->action != LIST && o->action != NARRATION &&
	    o->action != EXPLAIN && (rc = check_length(path, c, s, lx)) != 0) {
		lexicon_free(lx);
		script_free(s);
		conf_free(c);
		return rc;
	}
	return 0;
}

static int
block_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGUSR1);
	sigaddset(set, SIGUSR2);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	signal(SIGPIPE, SIG_IGN);
	/* before any thread starts, so that every thread inherits the mask
	 * and the signals only ever arrive through the signalfd */
	return pthread_sigmask(SIG_BLOCK, set, NULL) == 0 ? 0 : -1;
}

struct daemon {
	const struct options	*opt;
	struct tts		*tts;
	struct loop		*loop;
	struct engine		*engine;
	struct control		*ctl;		/* NULL without a control socket */
	struct mpris		*mpris;		/* NULL without a session bus */
	int			 sigfd;
	struct loop_src		*on_signal;
	int			 wdfd;		/* watchdog pings, -1 when off */
	struct loop_src		*on_watchdog;
	bool			 quit;
};

static int
daemon_reload(struct daemon *d)
{
	struct conf c;
	struct script s;
	struct lexicon lx;
	struct engine_parts parts = { &c, &s, &lx };

	notify_reloading();
	log_info("reloading %s", conf_name(d->opt));
	if (load_parts(d->opt, d->tts, &c, &s, &lx) != 0) {
		log_errorx("reload refused: the running configuration stays");
		notify_ready();
		return -1;
	}
	engine_reload(d->engine, &parts);
	log_info("reloaded: %zu entries", engine_script(d->engine)->nentries);
	notify_ready();
	return 0;
}

/* countdownctl reload */
static int
daemon_control_reload(void *arg)
{
	return daemon_reload(arg);
}

/* One read per round of the loop, not a read until none is left: in a storm
 * of signals, new ones arrive while these are handled, and the control
 * socket and the engine's own events would wait behind them for as long as
 * it lasts. Each signal is pending at most once, so one read takes them all.
 * The signalfd is the loop's first source, so a round serves it first. */
static void
daemon_on_signal(void *arg, short revents)
{
	struct daemon *d = arg;
	struct signalfd_siginfo si[8];
	ssize_t n = read(d->sigfd, si, sizeof si);
	size_t i;

	(void)revents;
	for (i = 0; n > 0 && i < (size_t)n / sizeof si[0]; i++) {
		switch (si[i].ssi_signo) {
		case SIGUSR1: engine_next(d->engine); break;
		case SIGUSR2: engine_replay(d->engine); break;
		case SIGHUP: daemon_reload(d); break;
		default: d->quit = true; break;
		}
	}
}

static void
daemon_on_watchdog(void *arg, short revents)
{
	struct daemon *d = arg;
	uint64_t ticks;

	(void)revents;
	if (read(d->wdfd, &ticks, sizeof ticks) > 0)
		notify_watchdog();
}

static const struct loop_ops daemon_signal_ops = { .ready = daemon_on_signal };
static const struct loop_ops daemon_watchdog_ops = {
	.ready = daemon_on_watchdog,
};

/* WATCHDOG=1 as often as systemd asks (WatchdogSec=); none without */
static void
daemon_watchdog(struct daemon *d)
{
	double every = notify_watchdog_usec() / 1e6;

	if (every <= 0)
		return;
	if ((d->wdfd = timerfd_create(CLOCK_MONOTONIC,
	    TFD_CLOEXEC | TFD_NONBLOCK)) == -1 ||
	    (d->on_watchdog = loop_add(d->loop, d->wdfd, &daemon_watchdog_ops,
	    d)) == NULL) {
		log_warn("no watchdog pings");
		if (d->wdfd != -1)
			close(d->wdfd);
		d->wdfd = -1;
		return;
	}
	timer_set(d->wdfd, every, every, 0);
}

static int
daemon_loop(struct daemon *d)
{
	while (!d->quit) {
		if (loop_round(d->loop, -1) == -1 && errno != EINTR) {
			log_error("poll");
			return EX_OSERR;
		}
	}
	return 0;
}

/* the engine and the loop's own sources, taken down in the reverse order
 * of daemon_run's setting up (the front ends are closed before) */
static void
daemon_close(struct daemon *d)
{
	engine_free(d->engine);
	loop_del(d->loop, d->on_watchdog);
	if (d->wdfd != -1)
		close(d->wdfd);
	loop_del(d->loop, d->on_signal);
	if (d->sigfd != -1)
		close(d->sigfd);
	loop_free(d->loop);
}

/* The client as the user can run it from where the daemon was started: the
 * countdownctl beside this binary (a build tree), relative to the current
 * folder when it is below it; else the one on PATH. */
static void
client_hint(char *buf, size_t len)
{
	char exe[PATH_MAX], cwd[PATH_MAX], *slash;
	ssize_t n;
	size_t cwdlen;

	snprintf(buf, len, "countdownctl");
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL ||
	    (size_t)(slash - exe) + sizeof "/countdownctl" > sizeof exe)
		return;
	strcpy(slash + 1, "countdownctl");
	if (access(exe, X_OK) == -1)
		return;
	if (getcwd(cwd, sizeof cwd) && (cwdlen = strlen(cwd)) > 1 &&
	    strncmp(exe, cwd, cwdlen) == 0 && exe[cwdlen] == '/')
		snprintf(buf, len, "%s", exe + cwdlen + 1);
	else
		snprintf(buf, len, "%s", exe);
}

static int
daemon_run(const struct options *o, struct tts *tts, struct engine_parts *parts,
    const sigset_t *set)
{
	struct daemon d = { .opt = o, .tts = tts, .sigfd = -1, .wdfd = -1 };
	struct engine_info in;
	struct textbuf now = TEXTBUF_INIT, next = TEXTBUF_INIT;
	const struct script *s;
	const char *sock;
	char client[PATH_MAX];
	const char *script;
	int rc;

	/* the signalfd first: each round serves signals before the rest */
	if ((d.loop = loop_new()) == NULL ||
	    (d.sigfd = signalfd(-1, set, SFD_CLOEXEC | SFD_NONBLOCK)) == -1 ||
	    (d.on_signal = loop_add(d.loop, d.sigfd, &daemon_signal_ops,
	    &d)) == NULL) {
		log_error("signalfd");
		daemon_close(&d);
		return EX_OSERR;
	}
	if ((d.engine = engine_new(parts, tts, d.loop)) == NULL) {
		daemon_close(&d);
		return EX_OSERR;
	}
	script = o->script ? o->script : engine_conf(d.engine)->script;
	if (engine_probe_output(d.engine) == -1) {
		if (!notify_under_systemd()) {
			log_errorx("no audio device: see countdownd --list-devices; "
			    "without sound, set audio.output = \"file\" (a recording), "
			    "or make the whole countdown a file with "
			    "countdownd --render countdown.wav%s",
			    getenv("SUDO_USER") ? "; under sudo, a desktop's sound "
			    "server (your session's) is out of reach: run it as "
			    "yourself" : "");
			daemon_close(&d);
			return EX_UNAVAILABLE;
		}
		log_warnx("no audio device yet; trying again at each play");
	}
	daemon_watchdog(&d);
	d.ctl = control_open(engine_conf(d.engine)->control_socket, d.engine,
	    d.loop, daemon_control_reload, &d);
	d.mpris = mpris_open(d.engine, d.loop);
	s = engine_script(d.engine);
	sock = engine_conf(d.engine)->control_socket;
	engine_info(d.engine, &in);
	status_now(&now, s, &in, false);
	status_next(&next, s, &in);
	client_hint(client, sizeof client);
	/* countdownctl finds a socket at its default place by itself */
	log_info("ready: %zu entries from %s; %s; advance with: kill -USR1 %d%s%s%s%s%s",
	    s->nentries, strrchr(script, '/') ? strrchr(script, '/') + 1 : script,
	    textbuf_str(&next), (int)getpid(),
	    d.ctl ? " or " : "", d.ctl ? client : "",
	    d.ctl && sock ? " -s " : "", d.ctl && sock ? sock : "",
	    d.ctl ? " next" : "");
	notify_ready();
	notify_status("%s; %s", textbuf_str(&now), textbuf_str(&next));
	textbuf_reset(&now);
	textbuf_reset(&next);
	rc = daemon_loop(&d);
	notify_stopping();
	control_close(d.ctl);
	mpris_close(d.mpris);
	engine_shutdown(d.engine);
	log_info("stopped");
	daemon_close(&d);
	return rc;
}

static int
run_action(const struct options *o, struct tts *tts, struct engine_parts *p,
    const sigset_t *set)
{
	switch (o->action) {
	case LIST:
		listing_entries(stdout, p->script);
		return 0;
	case NARRATION:
		return listing_narration(stdout, p->script, p->conf, p->lexicon);
	case EXPLAIN:	/* told as it was read */
		return 0;
	case CHECK:
		printf("%s: ok; %s: %zu entries; voice %s\n", p->conf->path ?
		    p->conf->path : "built-in defaults",
		    o->script ? o->script : p->conf->script, p->script->nentries,
		    p->conf->voice.name);
		return 0;
	case RENDER:
		return render_run(&o->render, tts, p->script, p->conf, p->lexicon,
		    set);
	default:
		return daemon_run(o, tts, p, set);
	}
}

int
main(int argc, char **argv)
{
	struct options o;
	struct tts *tts = NULL;
	struct conf c;
	struct script s = { 0 };
	struct lexicon lx = { 0 };
	struct engine_parts parts = { &c, &s, &lx };
	sigset_t set;
	int rc;

	parse_options(argc, argv, &o);
	log_init(o.verbosity);
	setvbuf(stderr, NULL, _IOLBF, 0);
	if (o.action == RENDER && (rc = render_check(&o.render)) != 0)
		return rc;
	if (o.action == LIST_DEVICES)
		return sink_list_devices(stdout);
	if (block_signals(&set) == -1)
		fatalx(EX_OSERR, "cannot block signals");
	/* listings need no voice; everything else starts the speech worker */
	if (o.action != LIST && o.action != NARRATION && o.action != EXPLAIN &&
	    (tts = tts_start()) == NULL)
		return EX_UNAVAILABLE;
	if (o.action == LIST_VOICES) {
		tts_list_voices(tts, stdout);
		tts_stop(tts);
		return 0;
	}
	if ((rc = load_parts(&o, tts, &c, &s, &lx)) == 0) {
		rc = run_action(&o, tts, &parts, &set);
		conf_free(&c);
		script_free(&s);
		lexicon_free(&lx);
	}
	tts_stop(tts);
	return rc;
}
