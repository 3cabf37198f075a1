#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The countdown in every room at once: countdownd writes the FIFO that a
# snapserver on 127.0.0.1 reads; two snapclients ("rooms") play into two
# null sinks of a private PulseAudio, and one recorder, a thread per room,
# times both monitors on one clock. Both rooms hear each entry whole and at
# the same moment, also after more than 9 s of silence (the rooms' players
# let go of their device after 5 s without chunks, unless snapserver keeps
# sending silence), and countdownd survives snapserver going away.
. "$(dirname "$0")/lib.sh"
t_setup
if ! command -v snapserver >/dev/null || ! command -v snapclient >/dev/null; then
	ok "many rooms # SKIP snapserver or snapclient is not installed"
	exit 0
fi
CTL=$B/check/countdownctl
FIFO=$T/snapfifo
printf 'script = "%s";\naudio = { output = "snapcast"; path = "%s"; latency = 0.3; };\nschedule = { gap = 2.0; };\n' \
	"$PWD/tests/data/short.txt" "$FIFO" >"$T/snap.conf"

# each entry's clip, as --render makes it: split at the gaps between entries
build/countdownd -f "$T/snap.conf" --render "$T/ref.wav" 2>/dev/null
sox "$T/ref.wav" "$T/ref-.wav" silence 1 0.01 1% 1 1.5 1% : newfile : restart
CLIPS=()
for f in "$T"/ref-*.wav; do CLIPS+=("$(wav_active_seconds "$f")"); done
diag "clips (s): ${CLIPS[*]}"

pulse_start || { not_ok "pulseaudio starts"; exit 1; }
snap_server_start "$FIFO" 300
snap_client_start roomA && snap_client_start roomB || { not_ok "snapclients start"; exit 1; }
rec_start -s 1000 -d roomA.monitor -d roomB.monitor || { not_ok "recorder starts"; exit 1; }
daemon_start -f "$T/snap.conf"
wait_line "$T/daemon.log" '^ready: ' 10
check "countdownd makes the FIFO, readable by snapserver's user" \
	bash -c "[ -p '$FIFO' ] && [ \"\$(stat -c %a '$FIFO')\" = 644 ]"
sleep 2		# the clients connect, get the stream, open their sinks

# room_event KIND ROOM NS: the first KIND event of ROOM at or after NS
room_event() {
	local end t
	end=$(( $(_now_us) + 20000000 ))
	while :; do
		t=$(awk -v k="$1" -v r="$2.monitor" -v n="$3" '$1 == k && $3 == r && $2 >= n { print $2; exit }' "$T/events")
		[ -z "$t" ] || { echo "$t"; return 0; }
		[ "$(_now_us)" -lt "$end" ] || return 1
		sleep 0.05
	done
}
# heard NAME T0 CLIP_S: both rooms hear one entry started at T0, whole and in sync
heard() {
	local name=$1 t0=$2 clip=$3 a b ea eb skew da db
	a=$(room_event sound roomA "$t0") b=$(room_event sound roomB "$t0")
	ea=$(room_event silence roomA "${a:-$t0}") eb=$(room_event silence roomB "${b:-$t0}")
	skew=$(ms_between "$a" "$b") da=$(ms_between "$a" "$ea") db=$(ms_between "$b" "$eb")
	diag "$name: onset A $(ms_between "$t0" "$a") ms, B $(ms_between "$t0" "$b") ms; heard A $da ms, B $db ms; clip $clip s"
	if awk -v a="$da" -v b="$db" -v c="$clip" 'BEGIN { c *= 1000; exit !(a > c * 0.98 && a < c * 1.02 && b > c * 0.98 && b < c * 1.02) }'; then
		ok "$name: both rooms hear it whole (A $da ms, B $db ms, clip ${clip} s, within 2 %)"
	else
		not_ok "$name: both rooms hear it whole" "A $da ms, B $db ms, clip $clip s"
	fi
	# within 10 ms: what sound travels in 3.4 m, less than a listener in
	# the doorway hears between two rooms' speakers anyway (CI saw 5.9 ms
	# once after the rooms' players had let their sinks go)
	if awk -v s="$skew" 'BEGIN { exit !(s != "?" && s > -10 && s < 10) }'; then
		ok "$name: the rooms start together (B - A = $skew ms)"
	else
		not_ok "$name: the rooms start together" "B - A = $skew ms"
	fi
	END_NS=$ea
}
# finished_at N: when "finished N/4" shows in the log (polled: never early)
finished_at() {
	wait_line "$T/daemon.log" "^finished $1/4" 20 && mono_now
}

t0=$(send_sig USR1 "$DPID")
heard "entry 1 by SIGUSR1" "$t0" "${CLIPS[0]}"
fin=$(finished_at 1)
check "the end is logged once the rooms have heard it ($(ms_between "$END_NS" "$fin") ms after)" \
	num_lt -150 "$(ms_between "$END_NS" "$fin")"

# cold: more than 9 s of silence, then countdownctl next
sleep 9.5
t0=$(mono_now)
"$CTL" next >/dev/null
heard "entry 2 after 9.5 s of silence, by countdownctl next" "$t0" "${CLIPS[1]}"
finished_at 2 >/dev/null
check "the rooms' players did not let go of their sinks" \
	bash -c "! grep -q 'disconnecting from pulse' '$T/snapclient-roomA.err' '$T/snapclient-roomB.err'"

# pause and resume: the rooms stop, and hear the rest, nothing twice
t0=$(mono_now)
"$CTL" next >/dev/null
a=$(room_event sound roomA "$t0")
sleep 1.5
"$CTL" pause >/dev/null
p0=$(mono_now)
s1=$(room_event silence roomA "$a")
check "pause: the rooms fall silent ($(ms_between "$p0" "$s1") ms after; the buffer is 300 ms)" \
	num_lt "$(ms_between "$p0" "$s1")" 600
st=$("$CTL" status | head -1)
sleep 1
check "pause: status holds still at what the rooms heard ($st)" \
	test "$st" = "$("$CTL" status | head -1)"
r0=$(mono_now)
"$CTL" resume >/dev/null
a2=$(room_event sound roomA "$r0")
e2=$(room_event silence roomA "$a2")
total=$(awk -v x="$(ms_between "$a" "$s1")" -v y="$(ms_between "$a2" "$e2")" 'BEGIN { print x + y }')
# a replay of what was buffered at the pause would add 0.4 s (3.5 %); a
# pause that falls between words takes some silence off the count
if awk -v t="$total" -v c="${CLIPS[2]}" 'BEGIN { c *= 1000; exit !(t > c * 0.9 && t < c * 1.02) }'; then
	ok "pause/resume: the rooms hear the entry once ($total ms of ${CLIPS[2]} s)"
else
	not_ok "pause/resume: the rooms hear the entry once" "$total ms heard, clip ${CLIPS[2]} s"
fi
finished_at 3 >/dev/null

# rooms_back: the rooms' clients started again with the server. snapclient
# 0.26 often dies, or plays broken sound, when its server is killed under it;
# countdownd is what is under test here, so the clients are stopped first and
# started afresh, and given time to settle their clocks with the server's
rooms_off() { stop_pid "${SNAP_CLIENT[roomA]}"; stop_pid "${SNAP_CLIENT[roomB]}"; }
rooms_back() {
	snap_client_start roomA && snap_client_start roomB
	sleep 5
}

# snapserver killed and started again between entries
rooms_off
snap_server_stop KILL
snap_server_start "$FIFO" 300
rooms_back
t0=$(send_sig USR1 "$DPID")
heard "entry 4 after snapserver was restarted" "$t0" "${CLIPS[3]}"
finished_at 4 >/dev/null

# nothing reads: a logged fault, the entry stays next, and plays once
# snapserver is back
rooms_off
snap_server_stop KILL
send_sig USR2 "$DPID" >/dev/null	# replay 4/4
wait_line "$T/daemon.log" 'it plays again next time' 5
check "no snapserver: a logged fault" grep -q '^audio: nothing reads .*snapfifo' "$T/daemon.log"
check "no snapserver: the daemon runs on" kill -0 "$DPID"
snap_server_start "$FIFO" 300
rooms_back
t0=$(send_sig USR2 "$DPID")
heard "the failed entry, once snapserver is back" "$t0" "${CLIPS[3]}"
check "the failed entry played again" test "$(count_lines "$T/daemon.log" '^finished 4/4')" = 2

daemon_stop TERM 10
check "exit 0" test "${DRC:-x}" = 0
