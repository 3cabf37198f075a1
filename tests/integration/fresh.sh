#!/usr/bin/env bash
# A fresh machine: in a copy of the tree, with stand-ins for dpkg-query,
# apt-get and pkg-config that report nothing installed until the stand-in
# apt-get has run, the first `make -j2` and the first `make run` each
# install, build and start in that one command.
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

# stand-ins: $1/installed appears once "apt-get install" has run
stubs() {
	local d=$1/stubs
	mkdir -p "$d"
	cat >"$d/dpkg-query" <<-EOF
	#!/bin/sh
	[ -e "$1/installed" ] && exec /usr/bin/dpkg-query "\$@"
	echo "dpkg-query: no packages found matching \$*" >&2; exit 1
	EOF
	cat >"$d/apt-get" <<-EOF
	#!/bin/sh
	echo "\$*" >>"$1/apt.log"
	case " \$* " in *" install "*) touch "$1/installed" ;; esac
	EOF
	cat >"$d/pkg-config" <<-EOF
	#!/bin/sh
	[ -e "$1/installed" ] && exec /usr/bin/pkg-config "\$@"
	echo "Package was not found in the pkg-config search path" >&2; exit 1
	EOF
	printf '#!/bin/sh\nexec "$@"\n' >"$d/sudo"
	chmod +x "$d"/*
}

# 1. plain make, in parallel: installs the build set only, then builds
A=$T/a/countdownd
copy_tree "$A"
stubs "$T/a"
( cd "$A" && PATH=$T/a/stubs:$PATH timeout 300 make -j2 ) >"$T/make-a.log" 2>&1
rc=$?
check "first make on a fresh machine exits 0" test "$rc" = 0
check "it built the daemon and the client" test -x "$A/build/countdownd" -a -x "$A/build/countdownctl"
check "it installed the build packages" grep -q 'install .*libespeak-ng-dev' "$T/a/apt.log"
if grep -Eq 'install .*(pulseaudio|clang|valgrind|cmocka)' "$T/a/apt.log"; then
	not_ok "make installs no test tools" "$(cat "$T/a/apt.log")"
else
	ok "make installs no test tools"
fi
[ "$rc" = 0 ] || tail -n 20 "$T/make-a.log" | sed 's/^/#   /'

# 2. make run, the first command of another copy: it reaches its ready line
pulse_start || { not_ok "private audio server"; exit 0; }
R=$T/r/countdownd
copy_tree "$R"
stubs "$T/r"
spawn make-r env -C "$R" PATH="$T/r/stubs:$PATH" timeout 300 make run
MPID=$SPAWNED
if wait_line "$T/make-r.err" 'ready: ' 300; then
	ok "first make run on a fresh machine starts the daemon"
	pid=$(sed -n 's/.*kill -USR1 \([0-9]*\).*/\1/p' "$T/make-r.err" | head -n 1)
	check "the ready line names the client by a path that works from there" \
		grep -q 'build/countdownctl next' "$T/make-r.err"
	out=$(cd "$R" && build/countdownctl status 2>&1)
	check "build/countdownctl reaches it from the tree" grep -q '^idle' <<<"$out"
	[ -z "$pid" ] || kill -TERM "$pid"
else
	not_ok "first make run on a fresh machine starts the daemon" \
		"$(tail -n 20 "$T/make-r.err" "$T/make-r")"
fi
stop_pid "$MPID" TERM 10
