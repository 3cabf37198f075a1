#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A fresh machine: in a copy of the tree, with stand-ins for dpkg-query,
# apt-get and pkg-config that report a package installed only once the
# stand-in apt-get has installed it. A plain `make` (and `make install`)
# installs nothing: it stops, naming the packages and `make deps`; after
# `make deps` it builds. The first `make run` and the first `make check`
# install what they need themselves.
. "$(dirname "$0")/lib.sh"
t_setup

# the tree as a clone would have it: tracked files and new ones not ignored
copy_tree() {
	mkdir -p "$1"
	git ls-files -z --cached --others --exclude-standard |
		xargs -0 cp --parents -t "$1" 2>/dev/null
	# one folder up, as in the real layout: the seed the tests read
	[ -e "$1/../shared" ] || ln -s "$(cd .. && pwd)/shared" "$1/../shared"
}

# stand-ins: "apt-get install" adds its packages to $1/installed.list (and
# makes $1/installed); dpkg-query knows only those; pkg-config finds nothing
# before the first install. Every apt-get and sudo is logged.
stubs() {
	local d=$1/stubs
	mkdir -p "$d"
	cat >"$d/dpkg-query" <<-EOF
	#!/bin/sh
	for p; do :; done
	grep -qx -- "\$p" "$1/installed.list" 2>/dev/null && exec /usr/bin/dpkg-query "\$@"
	echo "dpkg-query: no packages found matching \$p" >&2; exit 1
	EOF
	cat >"$d/apt-get" <<-EOF
	#!/bin/sh
	echo "\$*" >>"$1/apt.log"
	case " \$* " in *" install "*)
		for p; do case \$p in -*|install) ;; *) echo "\$p" >>"$1/installed.list" ;; esac; done
		touch "$1/installed" ;;
	esac
	EOF
	cat >"$d/pkg-config" <<-EOF
	#!/bin/sh
	[ -e "$1/installed" ] && exec /usr/bin/pkg-config "\$@"
	echo "Package was not found in the pkg-config search path" >&2; exit 1
	EOF
	printf '#!/bin/sh\necho "$*" >>"%s/sudo.log"\nexec "$@"\n' "$1" >"$d/sudo"
	chmod +x "$d"/*
}

# 1. plain make, in parallel, with a library missing: it stops with the
# packages to install and `make deps`, and calls neither apt-get nor sudo
A=$T/a/countdownd
copy_tree "$A"
stubs "$T/a"
( cd "$A" && PATH=$T/a/stubs:$PATH timeout 300 make -j2 ) >"$T/make-a0.log" 2>&1
rc=$?
check "plain make with a library missing fails" test "$rc" != 0
check "... naming the Debian packages to install" grep -q 'install the Debian packages:.* libespeak-ng-dev' "$T/make-a0.log"
check "... and that make deps installs them" grep -q 'make deps.* installs them' "$T/make-a0.log"
check "... calling no apt-get and no sudo" test ! -e "$T/a/apt.log" -a ! -e "$T/a/sudo.log"
check "... building nothing" test ! -e "$A/build/countdownd"
[ "$rc" != 0 ] || tail -n 20 "$T/make-a0.log" | sed 's/^/#   /'
# make install builds first: the same stop, nothing installed
( cd "$A" && PATH=$T/a/stubs:$PATH timeout 300 make install PREFIX="$T/a/prefix" ) >"$T/make-a1.log" 2>&1
rc=$?
check "make install with a library missing fails, naming the packages" \
	eval 'test "$rc" != 0 && grep -q "install the Debian packages:.* libespeak-ng-dev" "$T/make-a1.log"'
check "... calling no apt-get and no sudo, installing nothing" \
	test ! -e "$T/a/apt.log" -a ! -e "$T/a/sudo.log" -a ! -e "$T/a/prefix"

# then make deps, as the message says, and make -j2: the build set only, then it builds
( cd "$A" && PATH=$T/a/stubs:$PATH timeout 300 make deps && PATH=$T/a/stubs:$PATH timeout 300 make -j2 ) \
	>"$T/make-a.log" 2>&1
rc=$?
check "make deps, then make, exits 0" test "$rc" = 0
check "it built the daemon and the client" test -x "$A/build/countdownd" -a -x "$A/build/countdownctl"
check "make deps installed the build packages" grep -q 'install .*libespeak-ng-dev' "$T/a/apt.log"
if grep -Eq 'install .*(pulseaudio|clang|valgrind|cmocka)' "$T/a/apt.log"; then
	not_ok "make deps installs no test tools" "$(cat "$T/a/apt.log")"
else
	ok "make deps installs no test tools"
fi
[ "$rc" = 0 ] || tail -n 20 "$T/make-a.log" | sed 's/^/#   /'

# 2. make check's path, in another copy: it installs the build set, then the
# test set. The compiler is a stand-in that fails (CC=false), so that it
# stops at the first compile line instead of building and running every
# test: what it installed before that is what is checked.
C=$T/c/countdownd
copy_tree "$C"
stubs "$T/c"
( cd "$C" && PATH=$T/c/stubs:$PATH timeout 300 make check CC=false ) >"$T/make-c.log" 2>&1
check "make check on a fresh machine installs the build packages" grep -q 'install .*libespeak-ng-dev' "$T/c/apt.log"
check "... and the test packages" grep -Eq 'install .*libcmocka-dev.*valgrind' "$T/c/apt.log"
check "... and then goes on to build (the stand-in compiler)" grep -q '^false .* -c -o build/' "$T/make-c.log"
grep -q 'install .*libcmocka-dev' "$T/c/apt.log" 2>/dev/null || tail -n 20 "$T/make-c.log" | sed 's/^/#   /'

# 3. make run, the first command of a third copy: it reaches its ready line;
# then the README's quick start, to the letter, from a second "terminal"
pulse_start || { not_ok "private audio server"; exit 0; }
rec_start || exit 1
R=$T/r/countdownd
copy_tree "$R"
stubs "$T/r"
spawn make-r env -C "$R" PATH="$T/r/stubs:$PATH" timeout 300 make run
MPID=$SPAWNED
LOG=$T/make-r.err
if ! wait_line "$LOG" 'ready: ' 300; then
	not_ok "first make run on a fresh machine starts the daemon" \
		"$(tail -n 20 "$LOG" "$T/make-r")"
	exit 0
fi
ok "first make run on a fresh machine starts the daemon"
pid=$(sed -n 's/.*kill -USR1 \([0-9]*\).*/\1/p' "$LOG" | head -n 1)
check "the ready line names the client by a path that works from there" \
	grep -q 'or build/countdownctl next' "$LOG"

# the quick start's commands, as a user types them in the tree
qs() { (cd "$R" && "$@" 2>&1); }
t0=$(mono_now)
out=$(qs build/countdownctl next)
check "countdownctl next: the intro plays" grep -Eq '^(starting|playing): 1/12: intro' <<<"$out"
check "... and is heard" event_after sound "$t0" 5
wait_line "$LOG" 'playing 1/12' 10
out=$(qs build/countdownctl pause)
check "countdownctl pause" grep -q '^paused: 1/12' <<<"$out"
out=$(qs build/countdownctl resume)
check "countdownctl resume" grep -q '^playing: 1/12' <<<"$out"
out=$(qs build/countdownctl stop)
check "countdownctl stop" grep -q '^stopped: 1/12' <<<"$out"
out=$(qs build/countdownctl status)
check "countdownctl status: idle, what is next" grep -q '^idle' <<<"$out"
out=$(qs build/countdownctl goto '#1')
check "countdownctl goto '#1': the entry of rank 1" grep -Eq '^(starting|playing): 12/12: #1 ' <<<"$out"
qs build/countdownctl stop >/dev/null
check "countdownd --list-voices lists en-gb" bash -c "cd '$R' && build/countdownd --list-voices | grep -q '^en-gb'"
sed -i 's/name *= *"en-us";/name   = "en-gb+f3";/' "$R/etc/countdownd.conf"
check "the voice set in etc/countdownd.conf" grep -q '"en-gb+f3"' "$R/etc/countdownd.conf"
out=$(qs build/countdownctl reload)
check "countdownctl reload takes it" grep -q '^entries: 12' <<<"$out"
kill -INT "$pid"
check "Ctrl-C stops the daemon" wait_exit "$MPID" 10
cp tests/data/short.txt "$R/my-countdown.txt"
out=$(qs build/countdownd -f etc/countdownd.conf -s my-countdown.txt --list)
check "your own script: -s" test "$(printf '%s\n' "$out" | grep -c entry)" = 3
qs build/countdownd -s my-countdown.txt --render countdown.wav >/dev/null
check "the whole countdown at once: --render" test -s "$R/countdown.wav"
stop_pid "$MPID" TERM 10
