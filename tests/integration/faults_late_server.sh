#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# No audio server when the daemon starts under systemd (a NOTIFY_SOCKET);
# it appears 5 s later, and the very next SIGUSR1 plays the first entry:
# no play was tried meanwhile, none is lost. Through libpulse ("auto") and
# through PortAudio (ALSA's "default" is pulse only once a server answers).
. "$(dirname "$0")/lib.sh"
t_setup
SHORT=$PWD/tests/data/short.txt

notify_start
for out in auto portaudio; do
	printf 'script = "%s";\naudio = { output = "%s"; };\nstate = { file = "%s"; };\n' \
	    "$SHORT" "$out" "$T/$out.pos" >"$T/$out.conf"
	: >"$T/notify"
	daemon_start -f "$T/$out.conf"
	wait_line "$T/notify" 'READY=1' 20
	check "$out: no audio server: READY=1 all the same" grep -q 'READY=1' "$T/notify"
	check "$out: no audio server: a warning" grep -q 'no audio device yet' "$T/daemon.log"
	answers "$out: no audio server"
	sleep 5
	pulse_start || { not_ok "pulseaudio starts"; exit 1; }
	rec_start || { not_ok "recorder starts"; exit 1; }
	answers "$out: the server came"
	t0=$(send_sig USR1 "$DPID")
	on=$(event_after sound "$t0" 10)
	check "$out: the next SIGUSR1 plays, heard $(ms_between "$t0" "$on") ms after it" \
	    test -n "$on"
	check "$out: ... the first entry, and no play failed" \
	    bash -c "grep -E '^(playing|cannot play|audio device failed)' '$T/daemon.log' |
	        head -n1 | grep -q '^playing 1/4: intro'"
	wait_line "$T/daemon.log" '^finished 1/4' 20
	# the position is written just after "finished" is logged: give it a moment
	check "$out: the position moved on to 2/4" wait_line "$T/$out.pos" '^index 2$' 2
	answers "$out: after the entry"
	daemon_stop TERM 5
	check "$out: SIGTERM: exit 0" test "${DRC:-x}" = 0
	rec_stop
	pulse_stop
done
