#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What libconfig 1.5 does wrong on a bad file costs a refused reload, not
# the daemon (conf.c reads the file in a short-lived child first):
# - it leaks the string that is the culprit of a syntax error ("rate =
#   16"aaa..."5;"). A config with a 60 KB string there, reloaded 200 times
#   with SIGHUP: each reload is refused with FILE:LINE, and the running
#   daemon's anonymous memory stays flat (it grew by 12 MB before). Both
#   builds: the release one for the memory (the sanitized one keeps freed
#   memory in quarantine), the sanitized one for LeakSanitizer at exit;
# - its scanner calls exit(2) on an @include of a folder (@include ""),
#   which ended the daemon on a reload.
. "$(dirname "$0")/lib.sh"
t_setup
printf 'script = "%s";\naudio = { output = "file"; path = "%s"; };\ncontrol = { socket = "%s"; };\n' \
	"$PWD/tests/data/short.txt" "$T/out.wav" "$T/ctl" >"$T/good.conf"
{
	cat "$T/good.conf"
	printf 'voice = {\n\trate = 16"'
	head -c 61440 /dev/zero | tr '\0' a
	printf '"5;\n};\n'
} >"$T/bad.conf"

# reloads DAEMON LOG N: N SIGHUPs, each waited for; RssAnon (kB) sampled
# after each into $T/rss
reloads() {
	local pid=$1 log=$2 i
	: >"$T/rss"
	for (( i = 1; i <= $3; i++ )); do
		kill -HUP "$pid"
		wait_count "$log" 'reload refused' "$i" 30 || { diag "reload $i not refused"; return 1; }
		rss_anon "$pid" >>"$T/rss"
	done
}

cp "$T/good.conf" "$T/c.conf"
spawn release build/countdownd -f "$T/c.conf"
RPID=$SPAWNED
wait_line "$T/release.err" '^ready: ' 10
before=$(rss_anon "$RPID")
cp "$T/bad.conf" "$T/c.conf"
reloads "$RPID" "$T/release.err" 200
read -r first max last < <(awk 'NR == 1 { f = $1 } $1 > m { m = $1 } { l = $1 } END { print f, m, l }' "$T/rss")
diag "RssAnon before ${before} kB; over 200 refused reloads: first ${first} kB, max ${max} kB, last ${last} kB"
check "200 reloads refused, each with FILE:LINE" \
	test "$(grep -c "^$T/c.conf:5: syntax error$" "$T/release.err")" = 200
check "RssAnon flat over 200 refused reloads (max - first < 512 kB)" \
	test $(( max - first )) -lt 512
{ cat "$T/good.conf"; printf '@include ""\n'; } >"$T/c.conf"
kill -HUP "$RPID"
wait_count "$T/release.err" 'reload refused' 201 10
check "@include of a folder: refused, the file named" \
	grep -q "^$T/c.conf: libconfig gave up reading it (exit status 2)$" "$T/release.err"
check "... and the daemon lives on" kill -0 "$RPID"
cp "$T/good.conf" "$T/c.conf"
kill -HUP "$RPID"
wait_line "$T/release.err" '^reloaded: ' 10
check "the fixed config is taken again" grep -q '^reloaded: 4 entries' "$T/release.err"
stop_pid "$RPID"

# the sanitized daemon: no leak reported at exit (the exit status says)
cp "$T/good.conf" "$T/c.conf"
daemon_start -f "$T/c.conf"
wait_line "$T/daemon.log" '^ready: ' 20
cp "$T/bad.conf" "$T/c.conf"
reloads "$DPID" "$T/daemon.log" 20
{ cat "$T/good.conf"; printf '@include ""\n'; } >"$T/c.conf"
kill -HUP "$DPID"
wait_count "$T/daemon.log" 'reload refused' 21 20
check "sanitized daemon: @include of a folder refused (the child's exit runs no leak check)" \
	grep -q "^$T/c.conf: libconfig gave up reading it (exit status 2)$" "$T/daemon.log"
daemon_stop TERM 10
check "sanitized daemon: 21 refused reloads, exit 0 (no leak reported)" test "${DRC:-x}" = 0
