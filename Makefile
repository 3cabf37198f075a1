# countdownd: make [all] | run | check | bench | fuzz | deps | install | uninstall
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR     = $(PREFIX)/bin
SBINDIR    = $(PREFIX)/sbin
DATADIR    = $(PREFIX)/share/countdownd
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
MANDIR     = $(PREFIX)/share/man
UNITDIR   ?= $(PREFIX)/lib/systemd/system
USERUNITDIR ?= $(PREFIX)/lib/systemd/user

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
PKGS      = espeak-ng portaudio-2.0 libconfig libsystemd sndfile samplerate alsa
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP
LIBS       = $(PKG_LIBS) -lpthread -lm

# the sanitized build that `make check` tests
SAN        = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
CHECK_CFLAGS = -O1 -g -Werror $(SAN)

B          = build
LIB_SRC   := $(filter-out src/countdownd.c src/countdownctl.c,$(wildcard src/*.c))
UNIT_SRC  := $(wildcard tests/unit/test_*.c)

# Debian packages for building, testing and benchmarking
DEB_PKGS = build-essential pkg-config clang libespeak-ng-dev espeak-ng portaudio19-dev \
  libconfig-dev libsystemd-dev libsndfile1-dev libsamplerate0-dev libasound2-dev \
  libcmocka-dev libpulse-dev pulseaudio pulseaudio-utils libasound2-plugins alsa-utils \
  sox valgrind groff-base man-db systemd libclang-rt-14-dev util-linux procps

.PHONY: all run check bench fuzz deps install uninstall clean

all: $(B)/countdownd $(B)/countdownctl

define objs
$(patsubst src/%.c,$(1)/%.o,$(2))
endef

$(B)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/check/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(B)/countdownd: $(call objs,$(B)/obj,src/countdownd.c $(LIB_SRC))
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

$(B)/countdownctl: $(call objs,$(B)/obj,src/countdownctl.c src/log.c)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

# sanitized daemon, client and unit tests
$(B)/check/countdownd: $(call objs,$(B)/check,src/countdownd.c $(LIB_SRC))
	$(CC) $(CHECK_CFLAGS) -o $@ $^ $(LIBS)

$(B)/check/countdownctl: $(call objs,$(B)/check,src/countdownctl.c src/log.c)
	$(CC) $(CHECK_CFLAGS) -o $@ $^ $(LIBS)

$(B)/check/test_%: tests/unit/test_%.c $(call objs,$(B)/check,$(LIB_SRC))
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -iquote src -o $@ $(filter %.c %.o,$^) $(LIBS) -lcmocka

# test helpers written in C (recorders, notify listeners)
$(B)/check/tool_%: tests/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O2 -o $@ $< $(shell pkg-config --cflags --libs libpulse-simple) -lm

TOOLS := $(patsubst tests/tools/%.c,$(B)/check/tool_%,$(wildcard tests/tools/*.c))

run: deps all
	$(B)/countdownd -f etc/countdownd.conf

check: deps $(B)/check/countdownd $(B)/check/countdownctl $(B)/countdownd $(B)/countdownctl \
    $(patsubst tests/unit/test_%.c,$(B)/check/test_%,$(UNIT_SRC)) $(TOOLS)
	@tests/run $(B)

bench: deps all $(TOOLS)
	@tests/bench/run $(B)

# libFuzzer harnesses: build/fuzz/fuzz_NAME; run one with build/fuzz/fuzz_script -max_total_time=300
fuzz: $(patsubst tests/fuzz/fuzz_%.c,$(B)/fuzz/fuzz_%,$(wildcard tests/fuzz/fuzz_*.c))

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRC)
	@mkdir -p $(@D)
	clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -iquote src \
	    $(PKG_CFLAGS) -o $@ $^ $(LIBS)

# install what is missing, with apt-get (as root, or through sudo)
deps:
	@missing=; for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

clean:
	rm -rf $(B)

-include $(wildcard $(B)/obj/*.d $(B)/check/*.d)
