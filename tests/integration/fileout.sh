#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The file output: what is played is appended to a WAV, sample for sample
# what --render makes (valgrind.sh runs valgrind over the file output).
. "$(dirname "$0")/lib.sh"
t_setup
printf 'script = "%s";\naudio = { output = "file"; path = "%s"; };\nschedule = { gap = 0; };\n' \
	"$PWD/tests/data/short.txt" "$T/out.wav" >"$T/file.conf"

play3() {	# play3 LOG: three entries, one SIGUSR1 each, waiting for each end
	local i
	for i in 1 2 3; do
		kill -USR1 "$DPID"
		wait_line "$1" "^finished $i/4" 30 || return 1
	done
}

daemon_start -f "$T/file.conf"
wait_line "$T/daemon.log" '^ready: ' 10
play3 "$T/daemon.log"
check "three entries played to the file" grep -q '^finished 3/4' "$T/daemon.log"
daemon_stop TERM 10
check "exit 0" test "${DRC:-x}" = 0

build/countdownd -f "$T/file.conf" --render "$T/render.wav" --loudness off
sox "$T/out.wav" -t raw "$T/out.raw"
sox "$T/render.wav" -t raw "$T/render.raw"
n=$(stat -c %s "$T/out.raw")
check "the file holds what was played ($n bytes)" test "$n" -gt 100000
check "the file is sample for sample the first three entries of --render" \
	cmp -n "$n" "$T/out.raw" "$T/render.raw"
check "... and not the fourth" test "$(stat -c %s "$T/render.raw")" -gt "$n"

# a second run appends to the same WAV
daemon_start -f "$T/file.conf"
wait_line "$T/daemon.log" '^ready: ' 10
kill -USR1 "$DPID"
wait_line "$T/daemon.log" '^finished 4/4' 30
daemon_stop TERM 10

check "a restart resumes at the saved position or the top, and appends" \
	test "$(soxi -s "$T/out.wav")" -gt "$(( n / 2 ))"

# a reload that changes the output: the entry playing ends where it began,
# the next one goes to the new file
sed "s|$T/out.wav|$T/second.wav|" "$T/file.conf" >"$T/second.conf"
cp "$T/file.conf" "$T/switch.conf"
daemon_start -f "$T/switch.conf"
wait_line "$T/daemon.log" '^ready: ' 10
kill -USR2 "$DPID"
wait_line "$T/daemon.log" '^playing ' 10
cp "$T/second.conf" "$T/switch.conf"
kill -HUP "$DPID"
wait_line "$T/daemon.log" '^reloaded' 10
wait_line "$T/daemon.log" '^finished ' 30
check "reload: the entry under way is not cut" grep -q '^finished ' "$T/daemon.log"
check "reload: the new output is not used before the next entry" test ! -e "$T/second.wav"
kill -USR1 "$DPID"
wait_count "$T/daemon.log" '^finished ' 2 30
daemon_stop TERM 10
check "reload: the next entry goes to the new output file" test "$(soxi -s "$T/second.wav" 2>/dev/null || echo 0)" -gt 10000
