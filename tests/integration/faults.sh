#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Faults the daemon survives: no audio server at start, the server dying
# mid-entry, a bad config on SIGHUP; and what it tells systemd meanwhile.
# OUTPUT picks audio.output: "auto" by default; faults_portaudio.sh runs
# the same through PortAudio.
. "$(dirname "$0")/lib.sh"
t_setup
SHORT=$PWD/tests/data/short.txt
CONF=$T/pa.conf
printf 'script = "%s";\naudio = { output = "%s"; };\n' "$SHORT" "${OUTPUT:-auto}" >"$CONF"

# outside systemd, no device at all is an error the user sees at once
daemon_start -f "$CONF"
daemon_wait 20
check "no audio device, not under systemd: exit 69" test "${DRC:-x}" = 69
check "no audio device: the message says what to do" grep -q 'no audio device: see countdownd --list-devices' "$T/daemon.log"

# under systemd (NOTIFY_SOCKET), the audio server may come later
notify_start
daemon_start -f "$CONF"
wait_line "$T/notify" 'READY=1' 20
check "no audio server yet: still READY=1" grep -q 'READY=1' "$T/notify"
check "no audio server yet: a warning" grep -q 'no audio device yet' "$T/daemon.log"
send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^cannot play 1/4' 10
check "a play without a device: a clear error, the entry stays next" grep -q '^cannot play 1/4: intro: no audio device; it stays next' "$T/daemon.log"
pulse_start || { not_ok "pulseaudio starts"; exit 1; }
rec_start
send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^playing 1/4' 10
check "the server came: the same entry plays" grep -q '^playing 1/4: intro' "$T/daemon.log"
wait_line "$T/daemon.log" '^finished 1/4' 15
send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^finished 2/4' 15

# the server dies in the middle of an entry
send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^playing 3/4' 10
sleep 1
rec_stop
pulse_kill
wait_line "$T/daemon.log" 'audio device failed during 3/4' 20
check "the device failing mid-entry is logged" grep -q 'audio device failed during 3/4; it plays again next time' "$T/daemon.log"
check "the daemon keeps running" kill -0 "$DPID"
pulse_start
rec_start
send_sig USR1 "$DPID" >/dev/null
wait_count "$T/daemon.log" '^playing 3/4' 2 10
check "the interrupted entry plays again" test "$(count_lines "$T/daemon.log" '^playing 3/4')" = 2
wait_line "$T/daemon.log" '^finished 3/4' 20
check "... to its end" grep -q '^finished 3/4' "$T/daemon.log"

# a bad config on SIGHUP is refused, the old one stays
cp "$CONF" "$T/good.conf"
printf 'script = "%s";\nvoice = {\n  rate = 9000;\n};\n' "$SHORT" >"$CONF"
send_sig HUP "$DPID" >/dev/null
wait_line "$T/daemon.log" 'reload refused' 10
check "bad reload: the error names file, line and setting" grep -q "pa.conf:3: voice.rate" "$T/daemon.log"
check "bad reload: refused, the running config stays" grep -q 'reload refused' "$T/daemon.log"
check "bad reload: RELOADING=1 then READY=1" \
	bash -c "grep -Eo 'RELOADING=1|READY=1' '$T/notify' | tr '\n' ' ' | grep -q 'READY=1 RELOADING=1 READY=1'"
send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^playing 4/4' 10
check "after a refused reload it still plays" grep -q '^playing 4/4' "$T/daemon.log"
wait_line "$T/daemon.log" '^finished 4/4' 15
printf 'script = "%s";\nvoice = { rate = 200; };\n' "$SHORT" >"$CONF"
send_sig HUP "$DPID" >/dev/null
wait_line "$T/daemon.log" '^reloaded' 10
check "a good reload is taken" grep -q '^reloaded: 4 entries' "$T/daemon.log"
check "STATUS= tells what is next" grep -q 'STATUS=idle; next: ' "$T/notify"
check "STATUS= tells what plays" grep -q 'STATUS=playing 3/4: #2 "Bravo"' "$T/notify"
daemon_stop TERM 5
check "SIGTERM: exit 0" test "${DRC:-x}" = 0
check "STOPPING=1 on the way out" grep -q 'STOPPING=1' "$T/notify"
