#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The synth thread busy with entries that take eSpeak NG long: bodies as
# long as the daemon accepts (1 MB, or the longest a bound on an entry's
# length lets through, found by halving and bisecting with -n). While one
# is being made, status, SIGUSR1, a goto and SIGTERM are answered at once:
# the main loop never waits for synthesis, and a newer job or the way out
# cancels the one under way. "Being made" is seen, not assumed: the entry is
# "starting" (its clip not ready) when the command comes, which it does at
# once (an entry of 5 minutes is made in some 0.3 s of CPU). A signal's answer
# is the first STATUS= the daemon sends after it; each time is printed.
. "$(dirname "$0")/lib.sh"
t_setup
CTL=$B/countdownctl
BOUND=${STATUS_BOUND_MS:-1000}

# script BYTES: an intro, three entries with bodies of BYTES, a short one
script() {
	awk -v n="$1" 'BEGIN {
		s = "The rain falls on Seoul, and the song goes on for a long while. "
		while (length(b) < n) b = b s
		b = substr(b, 1, n)
		printf "Top 4 Long Ones\n\nA countdown that takes its time.\n"
		for (r = 4; r >= 2; r--) printf "\n#%d: \"Long %d\"\nA Band\n%s\n", r, r, b
		printf "\n#1: \"Short\"\nC Band\nShort.\n"
	}' >"$T/long.txt"
}
accepted() { script "$1"; build/countdownd -n -f "$T/c.conf" >"$T/n.out" 2>&1; }
cat >"$T/c.conf" <<EOF
script = "$T/long.txt";
audio = { output = "file"; path = "$T/out.wav"; };
state = { file = "$T/position"; };
EOF
hi=1048576
if accepted "$hi"; then
	bytes=$hi
else
	lo=$(( hi / 2 ))
	until accepted "$lo"; do
		[ "$lo" -gt 256 ] || { not_ok "a long entry is accepted" "$(cat "$T/n.out")"; exit 1; }
		hi=$lo lo=$(( lo / 2 ))
	done
	while [ $(( hi - lo )) -gt $(( lo / 32 )) ]; do
		mid=$(( (lo + hi) / 2 ))
		if accepted "$mid"; then lo=$mid; else hi=$mid; fi
	done
	bytes=$lo
	diag "longer bodies are refused: $(grep -m1 . "$T/n.out")"
fi
script "$bytes"
diag "entry bodies of $bytes bytes"

# answered NAME T0: the first STATUS= at or after T0, in ms, within BOUND
answered() {
	local at end=$(( $(_now_us) + 10000000 ))
	until at=$(awk -v t="$2" '$1 >= t && $2 ~ /^STATUS=/ { print $1; exit }' "$T/notify"); [ -n "$at" ]; do
		[ "$(_now_us)" -lt "$end" ] || break
		sleep 0.01
	done
	ANSWER_MS=$(ms_between "$2" "$at")
	if num_lt "$ANSWER_MS" "$BOUND"; then
		ok "$1: answered in $ANSWER_MS ms"
	else
		not_ok "$1: answered in time" "${ANSWER_MS} ms"
	fi
}
# starting N: status says entry N waits for its clip (the synth thread is on it)
starting() {
	ctl_status
	check "$2: status says $1/5 is being made (answered in $STATUS_MS ms)" grep -q "^starting $1/5" "$T/status"
}

notify_start
daemon_start -f "$T/c.conf"
wait_line "$T/daemon.log" '^ready: ' 30 || { not_ok "daemon ready"; exit 1; }
sleep 0.5	# the intro is made

# the intro plays, and #4 is handed to the synth thread: the main thread
# narrates it first (text work in proportion to the entry, which an entry
# length bound keeps small; a quadratic loop once made it 30 s for 1 MB),
# then STATUS= says what plays
t0=$(send_sig USR1 "$DPID")
wait_line "$T/notify" 'STATUS=playing 1/5' 20
at=$(awk -v t="$t0" '$1 >= t && /STATUS=playing 1\/5/ { print $1; exit }' "$T/notify")
ms=$(ms_between "$t0" "$at")
if num_lt "$ms" 5000; then ok "the intro plays; #4 narrated and handed over in $ms ms"; else not_ok "#4 narrated and handed over in time" "$ms ms"; fi
# SIGUSR1 cuts the intro while the synth thread makes #4
t0=$(send_sig USR1 "$DPID")
answered "SIGUSR1 while #4 is being made" "$t0"
starting 2 "SIGUSR1"
check "... the intro was cut, said in the log" grep -q '^skipped 1/5' "$T/daemon.log"

# goto the short one: the long job is cancelled, the short one made and played
t0=$(mono_now)
"$CTL" goto 5 >/dev/null
wait_line "$T/notify" 'STATUS=playing 5/5' 10
at=$(awk -v t="$t0" '$1 >= t && /STATUS=playing 5\/5/ { print $1; exit }' "$T/notify")
ms=$(ms_between "$t0" "$at")
if num_lt "$ms" 2000; then ok "goto 5 while #4 is being made: it plays after $ms ms"; else not_ok "goto 5 while #4 is being made plays soon" "$ms ms"; fi
check "... and #4, called off, never played" bash -c "! grep -q '^playing 2/5' '$T/daemon.log'"
wait_line "$T/daemon.log" '^finished 5/5' 20

# goto a long one; SIGTERM while it is being made
"$CTL" goto 3 >/dev/null
starting 3 "goto 3"
t0=$(send_sig TERM "$DPID")
wait "$DPID"
DRC=$?
t1=$(mono_now)
stopping=$(awk '$2 == "STOPPING=1" { print $1; exit }' "$T/notify")
ms=$(ms_between "$t0" "$stopping")
if num_lt "$ms" "$BOUND"; then ok "SIGTERM while #3 is being made: STOPPING=1 in $ms ms"; else not_ok "SIGTERM answered in time" "STOPPING=1 after $ms ms"; fi
ms=$(ms_between "$t0" "$t1")
if num_lt "$ms" 3000; then ok "... the daemon exited after $ms ms (the synthesis cancelled; LeakSanitizer's check included)"; else not_ok "SIGTERM: the daemon exits soon" "$ms ms"; fi
check "SIGTERM: exit 0" test "$DRC" = 0
check "the saved position is the last one reached: the end" grep -qx 'index end' "$T/position"
