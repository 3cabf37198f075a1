#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every input eSpeak NG 1.51 was found to fail on (tests/fuzz/regress_espeak/,
# its first byte the voice and rate, as fuzz_espeak reads it) is played as
# an entry of a script by the release daemon through the file output, with
# an entry after it: the daemon survives each, and the entry after plays.
# Each entry is started and then skipped by the next SIGUSR1 (on_busy
# "skip"): what can fail is making its clip, ahead of time, while the entry
# before it plays.
. "$(dirname "$0")/lib.sh"
t_setup
COUNTDOWND=${COUNTDOWND:-$B/countdownd}
D=$COUNTDOWND
voices=(en-us en-gb de fr-fr es it pt ru pl nl sv fi cs hu tr el hi vi cmn yue ja
	ko ar he ta th ka hy fa ur en-us+f3)
rates=(165 80 300 450)

n=0
for f in tests/fuzz/regress_espeak/*; do
	n=$((n + 1))
	b=$(od -An -tu1 -N1 "$f" | tr -d ' ')
	voice=${voices[b % 31]} rate=${rates[b / 31 % 4]}
	name=$(basename "$f")
	{
		printf 'Regression %s\n\n#2: "Input"\n' "$name"
		# the entry's text: the input but its first byte, as one
		# paragraph; bytes that are not UTF-8 dropped, since a script
		# must be UTF-8 without NUL (they never reach eSpeak NG from a script)
		tail -c +2 "$f" | tr '\n\0' '  ' | iconv -c -f UTF-8 -t UTF-8 2>/dev/null
		printf '\n\n#1: "After"\nThe entry after it.\n'
	} >"$T/$n.txt"
	printf 'script = "%s";\naudio = { output = "file"; path = "%s"; };\n%s\n' \
		"$T/$n.txt" "$T/$n.wav" "voice = { name = \"$voice\"; rate = $rate; };" >"$T/$n.conf"
	if ! "$D" -n -f "$T/$n.conf" >"$T/$n.check" 2>&1; then
		not_ok "$name: the script is accepted" "$(cat "$T/$n.check")"
		continue
	fi
	daemon_start -f "$T/$n.conf"
	wait_line "$T/daemon.log" '^ready: ' 10
	# the intro (the title), the input, the entry after it
	kill -USR1 "$DPID"
	wait_line "$T/daemon.log" '^playing 1/3' 30
	kill -USR1 "$DPID"
	wait_line "$T/daemon.log" '^playing 2/3|^skipped 2/3' 60
	kill -USR1 "$DPID"
	wait_line "$T/daemon.log" '^playing 3/3' 60
	if ! _alive "$DPID"; then
		not_ok "$name ($voice, $rate wpm): the daemon survives" "$(tail -5 "$T/daemon.log")"
		continue
	fi
	check "$name ($voice, $rate wpm): the daemon survives and plays the entry after it" \
		grep -q '^playing 3/3' "$T/daemon.log"
	faults=$(count_lines "$T/daemon.log" '^speech: ')
	[ "$faults" = 0 ] || diag "$name: $faults worker faults: $(grep '^speech: ' "$T/daemon.log" | head -3)"
	grep -q '^playing 2/3' "$T/daemon.log" || diag "$name: skipped: $(grep '^skipped 2/3' "$T/daemon.log")"
	daemon_stop TERM 10
	check "$name: exit 0" test "${DRC:-x}" = 0
done
