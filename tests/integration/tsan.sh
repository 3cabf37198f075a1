#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ThreadSanitizer: the signals, faults and control scenarios again, each
# against $B/tsan/countdownd (-fsanitize=thread, objects of its own): the
# libpulse output (signals; faults, with the audio server killed mid-entry
# and back), PortAudio through ALSA's pulse plugin (signals_portaudio) and
# the file output (control: every command, pause and resume, reloads). A
# report makes the daemon exit 66, which its scenario sees; each report is
# also gathered here (log_path) and fails the scenario it came from, shown
# whole. tests/tsan.supp names the third-party libraries whose own doings
# are not ours to fix, each with its reason.
. "$(dirname "$0")/lib.sh"
t_setup
export COUNTDOWND=$B/tsan/countdownd TSAN=1
export TSAN_OPTIONS="suppressions=$PWD/tests/tsan.supp log_path=$T/report exitcode=66 halt_on_error=0 second_deadlock_stack=1"
[ -x "$COUNTDOWND" ] || { not_ok "$COUNTDOWND is built (make $COUNTDOWND)"; exit 1; }

for s in signals signals_portaudio faults control; do
	bash "$(dirname "$0")/$s.sh" 2>&1 | sed -E "s/^(not )?ok - /&tsan, $s: /"
	reports=("$T"/report.*)
	if [ -e "${reports[0]}" ]; then
		not_ok "tsan, $s: ThreadSanitizer reports nothing" \
			"$(cat "${reports[@]}" | grep -c '^WARNING: ThreadSanitizer') reports:"
		cat "${reports[@]}" | sed 's/^/#   /'
		mkdir -p "$T/$s" && mv "${reports[@]}" "$T/$s/"
	else
		ok "tsan, $s: ThreadSanitizer reports nothing"
	fi
done
