#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The daemon through a real audio server (a private PulseAudio with a null
# sink), driven by signals and heard through the sink's monitor. OUTPUT
# picks audio.output: "auto" (libpulse) by default; signals_portaudio.sh
# runs the same through PortAudio and ALSA's pulse plugin.
. "$(dirname "$0")/lib.sh"
t_setup
SHORT=$PWD/tests/data/short.txt
printf 'script = "%s";\naudio = { output = "%s"; };\n' "$SHORT" "${OUTPUT:-auto}" >"$T/pa.conf"

pulse_start || { not_ok "pulseaudio starts"; exit 1; }
rec_start -s 1000 || { not_ok "recorder starts"; exit 1; }
daemon_start -f "$T/pa.conf"
wait_line "$T/daemon.log" '^ready: ' 10
check "ready line says how to advance" grep -Eq "^ready: 4 entries from short.txt; next: 1/4: intro; .*kill -USR1 $DPID" "$T/daemon.log"
sleep 0.5	# synthesis ahead of time is what is being tested: let it finish

# the intro: sound right after the signal, and as long as eSpeak NG says it
t0=$(send_sig USR1 "$DPID")
on=$(event_after sound "$t0" 5)
ms=$(ms_between "$t0" "$on")
if num_lt "$ms" 300; then ok "sound follows SIGUSR1 at once ($ms ms)"; else not_ok "sound follows SIGUSR1 at once" "onset after $ms ms"; fi
off=$(event_after silence "$on" 20)
heard=$(ms_between "$on" "$off")
want=0
while IFS= read -r line; do
	espeak-ng -v en-us -s 165 -w "$T/seg.wav" "$line"
	want=$(awk -v a="$want" -v b="$(wav_active_seconds "$T/seg.wav")" 'BEGIN { print a + b * 1000 }')
done < <(build/countdownd -f "$T/pa.conf" --narration | sed -n '/^--- 1 /,/^--- 2 /p' | grep -v '^---')
want=$(awk -v w="$want" 'BEGIN { print w + 700 }')	# pause.after_announcement
if awk -v h="$heard" -v w="$want" 'BEGIN { exit !(h > w * 0.9 && h < w * 1.15) }'; then
	ok "the intro is heard whole (${heard} ms; espeak-ng: ${want} ms)"
else
	not_ok "the intro is heard whole" "heard ${heard} ms, espeak-ng -w gives ${want} ms"
fi
wait_line "$T/daemon.log" '^finished 1/4' 10
check "log: playing 1/4 then finished 1/4" \
	bash -c "grep -E '^(playing|finished) ' '$T/daemon.log' | head -2 | tr '\n' '|' | grep -qx 'playing 1/4: intro|finished 1/4|'"

# idle after an entry: no thread of the daemon wakes up
sleep 0.5
c0=$(thread_wakeups "$DPID"); sleep 3; c1=$(thread_wakeups "$DPID")
check "idle after an entry: no thread wakes up in 3 s ($(( c1 - c0 )) switches)" test "$c1" = "$c0"

send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^finished 2/4' 15
check "log: the next entry with its rank, title and credit" grep -qxF 'playing 2/4: #3 "Alpha" by First Band' "$T/daemon.log"

# skip: SIGUSR1 while an entry plays cuts it (schedule.on_busy = skip)
send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^playing 3/4' 10
sleep 1
send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^playing 4/4' 10
check "skip: the playing entry is cut, the next one plays" grep -qx 'skipped 3/4' "$T/daemon.log"
check "skip: the cut entry never finished" bash -c "! grep -q '^finished 3/4' '$T/daemon.log'"
wait_line "$T/daemon.log" '^finished 4/4' 15

# SIGUSR2 replays; SIGUSR1 past the end says so and plays nothing
send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^end of the countdown' 5
check "past the last entry: said, nothing plays" grep -q '^end of the countdown' "$T/daemon.log"
send_sig USR2 "$DPID" >/dev/null
wait_count "$T/daemon.log" '^finished 4/4' 2 15
check "SIGUSR2 replays the last entry" test "$(count_lines "$T/daemon.log" '^playing 4/4')" = 2

# SIGTERM during an entry: silent within 100 ms, exit 0
send_sig USR2 "$DPID" >/dev/null
wait_count "$T/daemon.log" '^playing 4/4' 3 5
sleep 0.6
tterm=$(send_sig TERM "$DPID")
last=$(awk -v n="$tterm" '$1 == "silence" && $2 >= n - 1000000000 { print $2 }' "$T/events" | tail -n1)
daemon_wait 5
[ -n "$last" ] || last=$(event_after silence "$(( tterm - 1000000000 ))" 3)
ms=$(ms_between "$tterm" "$last")
if num_lt "$ms" 100; then ok "SIGTERM: silent within 100 ms ($ms ms)"; else not_ok "SIGTERM: silent within 100 ms" "last sound $ms ms after SIGTERM"; fi
check "SIGTERM: exit 0" test "${DRC:-x}" = 0

check "no ALSA or JACK noise in the log" bash -c "! grep -Eiq 'alsa lib|jack|cannot connect to server' '$T/daemon.log'"
