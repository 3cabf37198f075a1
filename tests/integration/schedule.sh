#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The schedule at work in the real daemon (file output): continuous mode
# plays the countdown through by itself, the log says when the next play is
# due, and the systemd watchdog is fed while the daemon waits.
. "$(dirname "$0")/lib.sh"
t_setup
printf 'script = "%s";\naudio = { output = "file"; path = "%s"; };\nschedule = { mode = "continuous"; gap = 0.5; };\n' \
	"$PWD/tests/data/short.txt" "$T/out.wav" >"$T/cont.conf"

daemon_start -f "$T/cont.conf"
wait_line "$T/daemon.log" '^finished 4/4' 60
check "continuous: all four entries play by themselves, in order" \
	bash -c "grep -o '^playing [0-9]/4' '$T/daemon.log' | tr '\n' ' ' | grep -qx 'playing 1/4 playing 2/4 playing 3/4 playing 4/4 '"
check "continuous: the log says when the next play is due" grep -qx 'next in 0.5 s' "$T/daemon.log"
check "continuous: nothing after the last entry" bash -c "! grep -q '^playing' <(sed -n '/^finished 4\/4/,\$p' '$T/daemon.log')"
daemon_stop TERM 5
check "exit 0" test "${DRC:-x}" = 0

# daily: the ready line says when; SIGUSR1 still plays the next entry
printf 'script = "%s";\naudio = { output = "file"; path = "%s"; };\nschedule = { mode = "daily"; at = [ "%s" ]; };\n' \
	"$PWD/tests/data/short.txt" "$T/out.wav" "$(date -d '+2 hours' +%H:%M)" >"$T/daily.conf"
daemon_start -f "$T/daily.conf"
wait_line "$T/daemon.log" '^ready: ' 10
check "daily: the ready line says when it plays" grep -Eq "^ready: .*; next at ([0-9-]+ )?$(date -d "+2 hours" +%H:%M);" "$T/daemon.log"
kill -USR1 "$DPID"
wait_line "$T/daemon.log" '^finished 1/4' 20
check "daily: SIGUSR1 plays the next entry all the same" grep -q '^finished 1/4' "$T/daemon.log"
daemon_stop TERM 5

# the watchdog: WATCHDOG=1 at half of WATCHDOG_USEC, idle or not
notify_start
DSTART_NS=$(mono_now)
env NOTIFY_SOCKET="$NOTIFY_PATH" WATCHDOG_USEC=400000 bash -c \
	'export WATCHDOG_PID=$$; exec "$0" -f "$1"' "$B/check/countdownd" "$T/daily.conf" \
	>"$T/daemon.log" 2>&1 &
DPID=$!
T_PIDS+=("$DPID") T_ALL+=("$DPID")
wait_line "$T/notify" 'READY=1' 10
sleep 1.1
n=$(count_lines "$T/notify" 'WATCHDOG=1')
if [ "$n" -ge 3 ] && [ "$n" -le 8 ]; then ok "watchdog: fed every 0.2 s ($n in ~1.1 s)"; else not_ok "watchdog: fed every 0.2 s" "$n pings"; fi
daemon_stop TERM 5
