# SPDX-License-Identifier: GPL-3.0-or-later
# countdownd: make [all] | run | check | stress | bench | fuzz | deps | install | uninstall
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR     = $(PREFIX)/bin
SBINDIR    = $(PREFIX)/sbin
DATADIR    = $(PREFIX)/share/countdownd
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
MANDIR     = $(PREFIX)/share/man
LIBEXECDIR = $(PREFIX)/libexec/countdownd
APPDIR     = $(PREFIX)/share/applications
UNITDIR   ?= $(PREFIX)/lib/systemd/system
USERUNITDIR ?= $(PREFIX)/lib/systemd/user

B          = build
VERSION    = 0.2
CC       ?= cc
CFLAGS   ?= -O2 -g
# a packager's flags: CPPFLAGS and CFLAGS reach every compile line, CFLAGS
# and LDFLAGS (then LDLIBS) every link line, of every build below
CPPFLAGS ?=
LDFLAGS  ?=
LDLIBS   ?=
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# the daemon's libraries, and the speech worker's (countdownd-speech): only
# the worker links libespeak-ng
PKGS      = portaudio-2.0 libpulse libconfig libsystemd sndfile samplerate alsa libebur128
SPEECH_PKGS = espeak-ng libseccomp
# The libraries' flags are asked of pkg-config in $(B)/config.mk, which make
# makes before anything is built and then reads itself again with. Goals
# that build nothing skip it.
NOBUILD_GOALS = deps deps-test clean uninstall
ifneq ($(filter-out $(NOBUILD_GOALS),$(or $(MAKECMDGOALS),all)),)
include $(B)/config.mk
endif
ALL_CPPFLAGS = -D_GNU_SOURCE -iquote src $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(PKG_CFLAGS) $(SPEECH_CFLAGS) -MMD -MP
LIBS       = $(PKG_LIBS) -lpthread -lm

# the sanitized build that `make check` tests
SAN        = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
CHECK_CFLAGS = -O1 -g -Werror $(SAN)

# the ThreadSanitizer build (build/tsan/) that tests/integration/tsan.sh runs
# the signals, control and faults scenarios against
TSAN_CFLAGS = -O1 -g -Werror -fsanitize=thread -fno-omit-frame-pointer

# the speech worker: its main, eSpeak NG and the sandbox are its alone
# src/ is in layers, a folder each (HACKING.md draws them); every include
# names its folder ("core/engine.h"), from -iquote src
WORKER_OWN := src/speech/speech.c src/speech/speech_espeak.c src/speech/speech_sandbox.c
WORKER_SRC := $(WORKER_OWN) src/speech/speech_proto.c src/util/textbuf.c src/util/utf8.c \
  src/util/log.c
DAEMON_MAIN := src/core/countdownd.c
CTL_MAIN  := src/ctl/countdownctl.c
LIB_SRC   := $(filter-out $(DAEMON_MAIN) $(CTL_MAIN) $(WORKER_OWN),$(wildcard src/*/*.c))
# the client needs nothing but libc (and where the socket is)
CTL_SRC   := $(CTL_MAIN) src/util/sockpath.c
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))

# Debian packages, in two sets: what building and running need (make,
# make run, make install), and what testing and benchmarking add (make check,
# make bench, make fuzz). No sound server is installed where a PulseAudio
# compatible one (PipeWire's pipewire-pulse) is already there.
DEB_BUILD = build-essential pkg-config libespeak-ng-dev portaudio19-dev libconfig-dev \
  libsystemd-dev libsndfile1-dev libsamplerate0-dev libebur128-dev libasound2-dev libpulse-dev \
  libseccomp-dev
DEB_TEST = clang libclang-rt-14-dev libcmocka-dev espeak-ng pulseaudio-utils \
  libasound2-plugins alsa-utils sox valgrind groff-base man-db systemd util-linux \
  procps perl ffmpeg dbus-daemon playerctl snapserver snapclient
SOUND_SERVER = $(if $(shell dpkg-query -W -f='$${Status}' pipewire-pulse 2>/dev/null | \
  grep 'install ok installed'),,pulseaudio)

.PHONY: all run check stress bench fuzz fuzz-run deps deps-test install uninstall clean FORCE
# a recipe that fails leaves no half-made target behind
.DELETE_ON_ERROR:

all: $(B)/countdownd $(B)/countdownctl $(B)/countdownd-speech

define objs
$(patsubst src/%.c,$(1)/%.o,$(2))
endef

# the installed configuration (countdownd's default -f) and data folder (the
# built-in defaults' script): compiled in, and compiled again when they change
# (make install PREFIX=... after make)
PATH_DEFS  = -DCOUNTDOWND_CONF='"$(SYSCONFDIR)/countdownd.conf"' \
  -DCOUNTDOWND_DATADIR='"$(DATADIR)"' -DCOUNTDOWND_VERSION='"$(VERSION)"' \
  -DCOUNTDOWND_LIBEXECDIR='"$(LIBEXECDIR)"'
$(B)/paths.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(PATH_DEFS)' | cmp -s - $@ || echo '$(PATH_DEFS)' >$@

# One build variant, the rules every variant shares: $(1) the folder of its
# objects, $(2) the folder of its programs, $(3) the name of the variable
# with its own flags (on its compile and link lines, after CPPFLAGS and
# CFLAGS: the sanitized builds' -O1 wins), $(4) "worker" when it links a
# speech worker of its own. countdownd.o and tts_worker.o (where the daemon
# looks for its speech worker when none is beside it) have PATH_DEFS.
define variant
$(1)/%.o: src/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CPPFLAGS) $$(ALL_CFLAGS) $$($(3)) -c -o $$@ $$<

$(1)/core/countdownd.o $(1)/speech/tts_worker.o: ALL_CPPFLAGS += $$(PATH_DEFS)
$(1)/core/countdownd.o $(1)/speech/tts_worker.o: $(B)/paths.stamp

$(2)/countdownd: $(call objs,$(1),$(DAEMON_MAIN) $(LIB_SRC))
	$$(CC) $$(CFLAGS) $$($(3)) $$(LDFLAGS) -o $$@ $$^ $$(LIBS) $$(LDLIBS)

$(2)/countdownctl: $(call objs,$(1),$(CTL_SRC))
	$$(CC) $$(CFLAGS) $$($(3)) $$(LDFLAGS) -o $$@ $$^ $$(LDLIBS)

ifeq ($(4),worker)
$(2)/countdownd-speech: $(call objs,$(1),$(WORKER_SRC))
	$$(CC) $$(CFLAGS) $$($(3)) $$(LDFLAGS) -o $$@ $$^ $$(SPEECH_LIBS) $$(LDLIBS)
endif
endef

# release: build/obj/ -> build/countdownd, build/countdownctl, build/countdownd-speech
$(eval $(call variant,$(B)/obj,$(B),,worker))
# sanitized (make check): build/check/
$(eval $(call variant,$(B)/check,$(B)/check,CHECK_CFLAGS,worker))
# ThreadSanitizer: build/tsan/, objects of its own
$(eval $(call variant,$(B)/tsan,$(B)/tsan,TSAN_CFLAGS))

# The speech worker, found by the daemon beside its own executable, else
# in LIBEXECDIR. The test build's may be told to crash on a word
# (COUNTDOWND_SPEECH_FAULT, tests/integration/speech_crash.sh); the
# release worker cannot.
$(B)/check/speech/speech.o: ALL_CPPFLAGS += -DSPEECH_FAULTS

# the ThreadSanitizer daemon's worker is the test build's (one thread:
# nothing for TSan to see)
$(B)/tsan/countdownd-speech: $(B)/check/countdownd-speech
	@mkdir -p $(@D)
	cp $< $@

# unit tests: each linked with the sanitized objects of all of src/ but the mains
$(B)/check/test_%: tests/unit/test_%.c $(call objs,$(B)/check,$(LIB_SRC)) | deps-test $(B)/check/countdownd-speech
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(CHECK_CFLAGS) $(LDFLAGS) -o $@ \
	    $(filter %.c %.o,$^) $(LIBS) -lcmocka $(LDLIBS)

# test helpers written in C (recorders, notify listeners)
$(B)/check/tool_%: tests/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -O2 $(LDFLAGS) -o $@ $< \
	    $(shell pkg-config --cflags --libs libpulse-simple libsystemd) -lsndfile -lm $(LDLIBS)

TOOLS := $(patsubst tests/tools/%.c,$(B)/check/tool_%,$(wildcard tests/tools/*.c))

run: all
	$(B)/countdownd -f etc/countdownd.conf

check: deps-test $(B)/check/countdownd $(B)/check/countdownctl $(B)/check/countdownd-speech \
    $(B)/countdownd $(B)/countdownctl $(B)/countdownd-speech \
    $(B)/tsan/countdownd $(B)/tsan/countdownctl $(B)/tsan/countdownd-speech \
    $(patsubst tests/unit/test_%.c,$(B)/check/test_%,$(UNIT_SRC)) $(TOOLS) \
    $(addprefix $(B)/check/replay_,$(FUZZ_NAMES))
	@tests/run $(B)

# the soak and valgrind over every output (~13 minutes): tests/stress/run
stress: deps-test all $(TOOLS)
	@tests/stress/run $(B)

bench: deps-test all $(TOOLS)
	@tests/bench/run $(B)

# libFuzzer harnesses: tests/fuzz/fuzz_NAME.c, each with its seed corpus
# corpus_NAME/, dictionary fuzz_NAME.dict and crash inputs kept in
# regress_NAME/. `make fuzz` builds build/fuzz/fuzz_NAME; `make fuzz-run`
# runs each for FUZZ_SECONDS (make -j2 fuzz-run: two at a time), new inputs
# kept in build/fuzz/corpus_NAME, crashes in build/fuzz/crash_NAME/ (the
# shipped corpus stays as it is). `make check` links each harness with
# tests/fuzz/replay.c instead of libFuzzer and replays corpus and regress.
FUZZ_SECONDS ?= 300
# fuzz_espeak calls eSpeak NG itself, in the harness's process
$(B)/fuzz/fuzz_espeak: $(B)/fuzz/obj/speech/speech_espeak.o
$(B)/fuzz/fuzz_espeak: LIBS += $(SPEECH_LIBS)
$(B)/check/replay_espeak: $(B)/check/speech/speech_espeak.o
$(B)/check/replay_espeak: LIBS += $(SPEECH_LIBS)
FUZZ_LIB    = tests/fuzz/fuzz.c
# CFLAGS first: the harnesses' -O1 wins
FUZZ_CFLAGS = -std=c11 $(CFLAGS) -g -O1 $(PKG_CFLAGS) $(SPEECH_CFLAGS) \
  -DFUZZ_TOP='"$(CURDIR)"' \
  -fsanitize=address,undefined -fno-sanitize-recover=undefined
# more seeds, and limits: eSpeak NG takes about a second for 2 KB of text
FUZZ_SEEDS_script = data/scripts
FUZZ_SEEDS_narrate = data/scripts
FUZZ_OPTS_espeak = -max_len=2048
FUZZ_OPTS_control = -max_len=8192

fuzz: $(addprefix $(B)/fuzz/fuzz_,$(FUZZ_NAMES))
fuzz-run: $(addprefix fuzz-run-,$(FUZZ_NAMES))

fuzz-run-%: $(B)/fuzz/fuzz_%
	@mkdir -p $(B)/fuzz/corpus_$* $(B)/fuzz/crash_$*
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	$< -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=20 \
	    -print_final_stats=1 -close_fd_mask=2 $(FUZZ_OPTS_$*) \
	    -dict=tests/fuzz/fuzz_$*.dict -artifact_prefix=$(B)/fuzz/crash_$*/ \
	    $(B)/fuzz/corpus_$* tests/fuzz/corpus_$* $(wildcard tests/fuzz/regress_$*) \
	    $(FUZZ_SEEDS_$*)

$(B)/fuzz/obj/%.o: src/%.c | deps-test
	@mkdir -p $(@D)
	clang $(ALL_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB) $(call objs,$(B)/fuzz/obj,$(LIB_SRC))
	clang $(ALL_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -iquote tests/fuzz -o $@ \
	    $(filter %.c %.o,$^) $(LIBS) $(LDLIBS)

$(B)/check/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_LIB) \
    $(call objs,$(B)/check,$(LIB_SRC))
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(CHECK_CFLAGS) $(LDFLAGS) -DFUZZ_TOP='"$(CURDIR)"' \
	    -iquote tests/fuzz -o $@ $(filter %.c %.o,$^) $(LIBS) $(LDLIBS)

# the Debian packages of a list that are not installed, into $missing
define deb_missing
missing=; for p in $(1); do \
    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
done
endef

# install what is missing, with apt-get (as root, or through sudo)
define apt_install
	@$(call deb_missing,$(1)); \
	if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(DEB_BUILD))

deps-test: deps
	$(call apt_install,$(DEB_TEST) $(SOUND_SERVER))

# The libraries' flags. The README's commands that run or test (make run,
# check, stress, bench, fuzz) install what is missing first (`make deps`), so
# that the first command on a fresh machine installs and builds in one run.
# A plain make, make install or a single file never installs anything (no
# apt-get, no sudo): a library pkg-config cannot find stops it, naming the
# Debian packages to install.
INSTALL_GOALS = run check stress bench fuzz fuzz-run fuzz-run-%
$(B)/config.mk: Makefile
	$(if $(filter $(INSTALL_GOALS),$(MAKECMDGOALS)),@$(MAKE) --no-print-directory deps)
	@mkdir -p $(@D)
	@if ! pkg-config --exists $(PKGS) $(SPEECH_PKGS) 2>/dev/null; then \
	    $(call deb_missing,$(DEB_BUILD)); \
	    notfound=; for m in $(PKGS) $(SPEECH_PKGS); do \
	        pkg-config --exists $$m 2>/dev/null || notfound="$$notfound $$m"; done; \
	    echo "countdownd: pkg-config cannot find:$$notfound" >&2; \
	    echo "countdownd: install the Debian packages:$${missing:- $(DEB_BUILD)}" >&2; \
	    echo "countdownd: \`make deps' installs them (apt-get, through sudo unless root)" >&2; \
	    exit 1; \
	fi
	@cflags=$$(pkg-config --cflags $(PKGS)) && libs=$$(pkg-config --libs $(PKGS)) && \
	scflags=$$(pkg-config --cflags $(SPEECH_PKGS)) && slibs=$$(pkg-config --libs $(SPEECH_PKGS)) || \
	    { echo "countdownd: pkg-config failed on: $(PKGS) $(SPEECH_PKGS)" >&2; exit 1; }; \
	printf 'PKG_CFLAGS = %s\nPKG_LIBS = %s\nSPEECH_CFLAGS = %s\nSPEECH_LIBS = %s\n' \
	    "$$cflags" "$$libs" "$$scflags" "$$slibs" >$@.tmp && mv $@.tmp $@

# --- install, uninstall ---------------------------------------------------
# The daemon is an administrator's program (section 8): SBINDIR; the client
# is everyone's: BINDIR. The units and the configuration name the installed
# paths: systemd/ holds units for the default PREFIX (/usr/local), which
# $(B)/install/ gets rewritten for this one, and the configuration's
# "../data/" becomes DATADIR. A copy of the configuration as installed,
# DATADIR/countdownd.conf.dist, tells whether the user changed it: a changed
# one is never overwritten or removed.
# data/countdownd.desktop goes where the desktop looks (MPRIS's DesktopEntry)
DATA_FILES := $(filter-out data/countdownd.desktop,$(shell find data -type f))
MAN_PAGES  := $(wildcard man/*.[0-9])
GEN        = $(B)/install
SED_PATHS  = sed -e 's|/usr/local/sbin|$(SBINDIR)|g' -e 's|/usr/local/libexec/countdownd|$(LIBEXECDIR)|g' -e 's|/usr/local/bin|$(BINDIR)|g' \
  -e 's|/usr/local/etc|$(SYSCONFDIR)|g' -e 's|/usr/local/share/countdownd|$(DATADIR)|g' \
  -e 's|^\.Os countdownd.*|.Os countdownd $(VERSION)|'
# unit files: source in systemd/ -> name installed
SYSTEM_UNITS = countdownd.service:countdownd.service \
  countdownd-next.service:countdownd-next.service countdownd-next.timer:countdownd-next.timer
USER_UNITS   = countdownd-user.service:countdownd.service \
  countdownd-next-user.service:countdownd-next.service countdownd-next.timer:countdownd-next.timer

install: all
	@rm -rf $(GEN) && mkdir -p $(GEN)/system $(GEN)/user
	sed 's|"\.\./data/|"$(DATADIR)/|' etc/countdownd.conf >$(GEN)/countdownd.conf
	@for u in $(SYSTEM_UNITS); do $(SED_PATHS) systemd/$${u%%:*} >$(GEN)/system/$${u#*:}; done
	@for u in $(USER_UNITS); do $(SED_PATHS) systemd/$${u%%:*} >$(GEN)/user/$${u#*:}; done
	install -D -m 755 $(B)/countdownd $(DESTDIR)$(SBINDIR)/countdownd
	install -D -m 755 $(B)/countdownctl $(DESTDIR)$(BINDIR)/countdownctl
	install -D -m 755 $(B)/countdownd-speech $(DESTDIR)$(LIBEXECDIR)/countdownd-speech
	@for f in $(DATA_FILES); do \
	    install -D -m 644 $$f $(DESTDIR)$(DATADIR)/$${f#data/} || exit 1; done
	install -D -m 644 data/countdownd.desktop $(DESTDIR)$(APPDIR)/countdownd.desktop
	@conf=$(DESTDIR)$(SYSCONFDIR)/countdownd.conf dist=$(DESTDIR)$(DATADIR)/countdownd.conf.dist; \
	if [ ! -e $$conf ] || cmp -s $$conf $$dist || cmp -s $$conf $(GEN)/countdownd.conf; then \
	    echo "install $$conf"; install -D -m 644 $(GEN)/countdownd.conf $$conf; \
	else \
	    echo "keeping $$conf: changed since it was installed; the new default is $$dist"; \
	fi; \
	install -D -m 644 $(GEN)/countdownd.conf $$dist
	@for f in $(GEN)/system/*; do install -D -m 644 $$f $(DESTDIR)$(UNITDIR)/$${f##*/} || exit 1; done
	@for f in $(GEN)/user/*; do install -D -m 644 $$f $(DESTDIR)$(USERUNITDIR)/$${f##*/} || exit 1; done
	@for m in $(MAN_PAGES); do mkdir -p $(DESTDIR)$(MANDIR)/man$${m##*.} && \
	    $(SED_PATHS) $$m >$(DESTDIR)$(MANDIR)/man$${m##*.}/$${m##*/} || exit 1; done
	@echo "installed into $(DESTDIR)$(PREFIX); as a service: systemctl daemon-reload && systemctl enable --now countdownd"

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/countdownd $(DESTDIR)$(BINDIR)/countdownctl
	rm -f $(DESTDIR)$(LIBEXECDIR)/countdownd-speech
	@[ ! -d $(DESTDIR)$(LIBEXECDIR) ] || rmdir $(DESTDIR)$(LIBEXECDIR)
	rm -f $(DESTDIR)$(APPDIR)/countdownd.desktop
	rm -f $(foreach u,$(SYSTEM_UNITS),$(DESTDIR)$(UNITDIR)/$(lastword $(subst :, ,$(u)))) \
	    $(foreach u,$(USER_UNITS),$(DESTDIR)$(USERUNITDIR)/$(lastword $(subst :, ,$(u))))
	rm -f $(foreach m,$(MAN_PAGES),$(DESTDIR)$(MANDIR)/man$(subst .,,$(suffix $(m)))/$(notdir $(m)))
	@conf=$(DESTDIR)$(SYSCONFDIR)/countdownd.conf dist=$(DESTDIR)$(DATADIR)/countdownd.conf.dist; \
	if [ -e $$conf ] && ! cmp -s $$conf $$dist; then \
	    echo "keeping $$conf: changed since it was installed"; \
	else \
	    rm -f $$conf; \
	fi
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(patsubst data/%,%,$(DATA_FILES)) countdownd.conf.dist)
	@[ ! -d $(DESTDIR)$(DATADIR) ] || find $(DESTDIR)$(DATADIR) -depth -type d -empty -delete

clean:
	rm -rf $(B)

-include $(shell find $(B) -name "*.d" 2>/dev/null)
