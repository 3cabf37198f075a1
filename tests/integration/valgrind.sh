#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# valgrind memcheck over the release daemon: every countdownctl command once
# and every signal, to the file output; no error, no leak (definite or
# indirect). tests/valgrind.supp holds the suppressions, third-party
# libraries only, each with its reason. VALGRIND_ROUNDS (1) repeats the
# commands; VALGRIND_OUTPUT=pulse plays to a private PulseAudio server
# through libpulse instead (make stress runs both, with more rounds).
. "$(dirname "$0")/lib.sh"
t_setup
CTL=$B/countdownctl
cat >"$T/vg.conf" <<EOF
script = "$PWD/tests/data/short.txt";
lexicon = "$PWD/data/lexicon.txt";
voice = { rate = 450; };
audio = { output = "${VALGRIND_OUTPUT:-file}"; path = "$T/out.wav"; };
schedule = { gap = 0; };
state = { file = "$T/position"; };
EOF

# ctl WANT CMD [ARG]: the command's exit status is WANT
ctl() {
	local want=$1 rc
	shift
	"$CTL" "$@" >>"$T/ctl.out" 2>&1
	rc=$?
	[ "$rc" = "$want" ] || echo "countdownctl $*: exit $rc, expected $want" >>"$T/ctl.bad"
}
# until_state WORD: status starts with WORD (valgrind is slow: 60 s)
until_state() {
	local end=$(( $(_now_us) + 60000000 ))
	until "$CTL" status 2>/dev/null | grep -q "^$1"; do
		[ "$(_now_us)" -lt "$end" ] || { echo "never $1" >>"$T/ctl.bad"; return 1; }
		sleep 0.1
	done
}

if [ "${VALGRIND_OUTPUT:-file}" != file ]; then
	pulse_start || { not_ok "pulseaudio starts"; exit 1; }
fi
spawn vg valgrind --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	--suppressions="$PWD/tests/valgrind.supp" --gen-suppressions=all --keep-debuginfo=yes \
	"$B/countdownd" -f "$T/vg.conf"
DPID=$SPAWNED	# valgrind runs the daemon in its own process
wait_line "$T/vg.err" '^ready: ' 60 || { not_ok "daemon ready under valgrind"; tail -20 "$T/vg.err" | sed 's/^/# /'; exit 1; }
t0=$(_now_us)
for round in $(seq "${VALGRIND_ROUNDS:-1}"); do
	ctl 0 help
	ctl 0 list
	ctl 0 status
	ctl 0 next; until_state playing
	ctl 0 pause
	ctl 0 resume
	ctl 0 playpause		# pauses
	ctl 0 play		# resumes
	ctl 0 wait
	ctl 0 replay; until_state playing
	ctl 0 stop
	ctl 0 goto 3; until_state playing
	ctl 0 prev; until_state playing
	ctl 0 reload
	ctl 0 status --json
	ctl 0 list --json
	send_sig USR1 "$DPID" >/dev/null; until_state playing
	send_sig USR2 "$DPID" >/dev/null
	send_sig HUP "$DPID" >/dev/null
	wait_count "$T/vg.err" '^reloaded' $(( round * 2 )) 60
	ctl 0 stop
	ctl 1 pause		# nothing plays: refused
done
diag "commands and signals took $(( ($(_now_us) - t0) / 1000 )) ms under valgrind"
check "every command answered as expected" test ! -e "$T/ctl.bad"
[ ! -e "$T/ctl.bad" ] || sed 's/^/# /' "$T/ctl.bad"
stop_pid "$DPID" TERM 60
check "valgrind: no error, no leak (exit $STOPPED_RC)" test "$STOPPED_RC" = 0
[ "$STOPPED_RC" = 0 ] || grep -E '^==[0-9]+== ' "$T/vg.err" | tail -60 | sed 's/^/# /'
check "valgrind: the summary says 0 errors" grep -q 'ERROR SUMMARY: 0 errors' "$T/vg.err"
