#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The audio server killed (SIGKILL) in the middle of the same entry twice in
# a row, then started again: the next SIGUSR1 plays that entry, whole (the
# time heard against the clip's length), and nothing else moved: no other
# entry played, the saved position stayed on it until it finished. Through
# libpulse ("auto") and through PortAudio.
. "$(dirname "$0")/lib.sh"
t_setup
SHORT=$PWD/tests/data/short.txt
CTL=$B/countdownctl

# playing_kill OUT N: SIGUSR1, entry 3/4 plays for a second, the server dies
playing_kill() {
	send_sig USR1 "$DPID" >/dev/null
	wait_count "$T/daemon.log" '^playing 3/4' "$2" 10
	sleep 1
	rec_stop
	pulse_kill
	wait_count "$T/daemon.log" '^audio device failed during 3/4' "$2" 20
	check "$1: server killed mid-entry ($2): the failure is logged" \
	    test "$(count_lines "$T/daemon.log" '^audio device failed during 3/4')" = "$2"
	check "$1: ... the saved position stays on 3/4" grep -qx 'index 3' "$T/$1.pos"
	answers "$1: server killed ($2)"
	pulse_start || { not_ok "pulseaudio starts"; exit 1; }
}

for out in auto portaudio; do
	printf 'script = "%s";\naudio = { output = "%s"; };\nstate = { file = "%s"; };\n' \
	    "$SHORT" "$out" "$T/$out.pos" >"$T/$out.conf"
	# the long entry, #2 "Bravo", is next
	printf 'countdownd-state 1\nindex 3\nkind entry\nrank 2\ntitle Bravo\n' >"$T/$out.pos"
	pulse_start || { not_ok "pulseaudio starts"; exit 1; }
	rec_start || { not_ok "recorder starts"; exit 1; }
	daemon_start -f "$T/$out.conf"
	wait_line "$T/daemon.log" '^ready: ' 20
	check "$out: the saved position is taken" grep -q 'next: 3/4: #2 "Bravo"' "$T/daemon.log"

	playing_kill "$out" 1
	rec_start || { not_ok "recorder starts"; exit 1; }
	playing_kill "$out" 2

	# -s 1000: the pauses inside the entry (0.7 s at most) are not its end
	rec_start -s 1000 || { not_ok "recorder starts"; exit 1; }
	t0=$(send_sig USR1 "$DPID")
	wait_count "$T/daemon.log" '^playing 3/4' 3 10
	total=$("$CTL" status --json | sed -n 's/.*"total": \([0-9.]*\).*/\1/p')
	on=$(event_after sound "$t0" 10)
	off=$(event_after silence "${on:-$t0}" 30)
	heard=$(ms_between "$on" "$off")
	# the clip ends in eSpeak NG's trailing silence, not heard; played
	# twice would be twice as long (a loaded machine stretched it 3 %)
	if awk -v h="$heard" -v t="$total" 'BEGIN { exit !(h > 0 && t > 0 &&
	    h >= t * 1000 * 0.92 && h <= t * 1000 * 1.1 + 100) }'; then
		ok "$out: then the entry plays whole (heard $heard ms, the clip ${total} s)"
	else
		not_ok "$out: then the entry plays whole" "heard $heard ms, the clip ${total} s"
	fi
	wait_line "$T/daemon.log" '^finished 3/4' 20
	# the position is written just after "finished" is logged: give it a moment
	check "$out: ... to its end, and the position moves on" wait_line "$T/$out.pos" '^index 4$' 2
	check "$out: no other entry played meanwhile" bash -c "grep -E '^(playing|finished|skipped)' '$T/daemon.log' |
	    tr '\n' '|' | grep -qx 'playing 3/4: #2 \"Bravo\"|playing 3/4: #2 \"Bravo\"|playing 3/4: #2 \"Bravo\"|finished 3/4|'"
	answers "$out: after the entry"
	daemon_stop TERM 5
	check "$out: SIGTERM: exit 0" test "${DRC:-x}" = 0
	rec_stop
	pulse_stop
done
