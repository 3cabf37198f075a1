#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The speech worker killed from outside at 100 random moments (SIGSEGV,
# SIGABRT, SIGKILL, SIGSTOP) while the daemon plays a countdown round and
# round through the file output: the daemon stays up and answers status
# throughout, every entry is heard whole and in order (the file is as long
# as --render's countdown over and over), and each fault is logged once. The release build: the faults come faster than the
# sanitized worker makes a clip, and this is about the daemon's answer to
# a worker that dies, not about its memory (speech_crash.sh is).
. "$(dirname "$0")/lib.sh"
t_setup
COUNTDOWND=${COUNTDOWND:-$B/countdownd}
D=$COUNTDOWND
FAULTS=${SPEECH_FAULTS:-100}
printf 'script = "%s";\naudio = { output = "file"; path = "%s"; };\n%s\n' \
	"$PWD/tests/data/short.txt" "$T/out.wav" \
	'schedule = { mode = "continuous"; gap = 0; loop = true; };' >"$T/file.conf"

# the worker: the daemon's child named countdownd-speech
worker_pid() {
	local p
	for p in $(cat /proc/"$DPID"/task/*/children 2>/dev/null); do
		[ "$(cat /proc/"$p"/comm 2>/dev/null)" = countdownd-spee ] && { echo "$p"; return 0; }
	done
	return 1
}

# one fault at a time: a random signal at a random moment, then nothing
# until a new worker runs (a worker stopped between entries is found hung
# only by the next entry), so that each fault is one worker's end
inject() {
	local i w=0 nw sig sigs=(SEGV ABRT KILL STOP) t
	for (( i = 0; i < FAULTS; i++ )); do
		for (( t = 0; t < 1200; t++ )); do
			nw=$(worker_pid) && [ "$nw" != "$w" ] && break
			sleep 0.05
		done
		w=$nw
		sleep "0.$(( RANDOM % 45 + 10 ))"
		sig=${sigs[RANDOM % 4]}
		kill -s "$sig" "$w" 2>/dev/null && echo "$sig $w" >>"$T/faults"
	done
	# the last one, too, is answered by a new worker
	for (( t = 0; t < 200; t++ )); do
		nw=$(worker_pid) && [ "$nw" != "$w" ] && break
		sleep 0.05
	done
	echo done >>"$T/faults"
}

daemon_start -f "$T/file.conf"
wait_line "$T/daemon.log" '^ready: ' 10
inject &
INJ=$!
T_PIDS+=("$INJ") T_ALL+=("$INJ")
slow=0 asked=0
while _alive "$INJ"; do
	asked=$((asked + 1))
	ctl_status || { slow=$((slow + 1)); diag "status: $(cat "$T/status")"; }
	num_lt "$STATUS_MS" "${STATUS_BOUND_MS:-1000}" || { slow=$((slow + 1)); diag "status took $STATUS_MS ms"; }
	sleep 0.5
done
# to the end of the round under way, then stopped
rounds=$(count_lines "$T/daemon.log" '^finished 4/4')
wait_count "$T/daemon.log" '^finished 4/4' $((rounds + 1)) 60
rounds=$((rounds + 1))
daemon_stop TERM 10

nfaults=$(grep -c '^[A-Z]* [0-9]*$' "$T/faults")
check "$nfaults faults sent to the worker" test "$nfaults" -ge "$FAULTS"
check "the daemon stayed up and exited 0 at the end" test "${DRC:-x}" = 0
check "status answered each of $asked times, each within ${STATUS_BOUND_MS:-1000} ms" test "$slow" = 0
logged=$(count_lines "$T/daemon.log" '^speech: eSpeak NG ')
check "each fault logged once ($logged lines for $nfaults faults)" test "$logged" = "$nfaults"
check "each cause as it was (killed, crashed, hung)" bash -c "
	grep -q 'eSpeak NG crashed (SIGSEGV)' '$T/daemon.log' &&
	grep -q 'eSpeak NG crashed (SIGABRT)' '$T/daemon.log' &&
	grep -q 'eSpeak NG was killed (SIGKILL)' '$T/daemon.log' &&
	grep -q 'eSpeak NG hung (no progress in' '$T/daemon.log'"
check "no entry skipped" bash -c "! grep -E '^skipped|failed during' '$T/daemon.log'"
check "every entry finished, in order" bash -c "
	grep -o '^finished [0-9]*/4' '$T/daemon.log' | awk -F'[ /]' '
	    \$2 != n % 4 + 1 { print \"finished \" \$2 \" after \" n; bad = 1 } { n = \$2 }
	    END { exit bad }'"

# heard whole: the rounds in the file are as long as --render's countdown,
# within 1 % (a round in the file is some 45 ms shorter than the render;
# the shortest entry, passed over or cut, would take off 8 %). Not sample
# for sample: eSpeak NG's voice has a random flutter whose state a new
# worker starts afresh, so a clip made after a restart differs in its
# smallest bits, never in its length.
"$B/countdownd" -f "$T/file.conf" --render "$T/render.wav" --loudness off 2>/dev/null
one=$(soxi -s "$T/render.wav")
got=$(soxi -s "$T/out.wav")
check "the file holds $rounds whole rounds ($got samples, a round $one)" \
	test "$got" -ge $(( rounds * one * 99 / 100 )) -a "$got" -lt $(( (rounds + 1) * one ))
check "no process left behind" test -z "$(t_leftovers)"
