#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A worker that crashes on one entry every time (the test build's worker
# aborts on a word: COUNTDOWND_SPEECH_FAULT, compiled only into
# build/check/countdownd-speech): the entry is tried three times, each
# crash logged with the entry, then skipped (logged, STATUS=, countdownctl's
# ERR speech), and the entry after it is heard. --render stops with 65,
# naming the entry's line. The release worker has no such word. Then a
# worker that answers with garbage, and one that hangs.
. "$(dirname "$0")/lib.sh"
t_setup
export COUNTDOWND_SPEECH_FAULT=Kaboom
cat >"$T/script.txt" <<'SCRIPT'
Three Entries

#3: "First" (2001)
The first one plays.

#2: "Bad" (2002)
This one says Kaboom, which the test worker cannot take.

#1: "After" (2003)
The last one plays too.
SCRIPT
printf 'script = "%s";\naudio = { output = "file"; path = "%s"; };\n' \
	"$T/script.txt" "$T/out.wav" >"$T/file.conf"

notify_start
daemon_start -f "$T/file.conf"
wait_line "$T/daemon.log" '^ready: ' 10
"$B/countdownctl" next >/dev/null 2>&1
wait_line "$T/daemon.log" '^finished 1/4' 30
"$B/countdownctl" next >/dev/null 2>&1
# while #3 plays, #2 is made ahead: three tries, three crashes
wait_line "$T/daemon.log" '^finished 2/4' 30
wait_count "$T/daemon.log" '^speech: eSpeak NG crashed \(SIGABRT\) on 3/4' 3 20
"$B/countdownctl" next >"$T/next2" 2>&1
echo "rc=$?" >>"$T/next2"
wait_line "$T/daemon.log" '^skipped 3/4' 10
check "each try's crash logged with the entry" test \
	"$(count_lines "$T/daemon.log" '^speech: eSpeak NG crashed \(SIGABRT\) on 3/4: #2 "Bad"')" = 3
check "... trying again, then in plain letters, then skipped" bash -c "
	grep -q 'on 3/4: #2 \"Bad\"; trying again\$' '$T/daemon.log' &&
	grep -q 'on 3/4: #2 \"Bad\"; trying again in plain letters\$' '$T/daemon.log' &&
	grep -q 'on 3/4: #2 \"Bad\"; it is skipped\$' '$T/daemon.log'"
check "the skip is logged" grep -q '^skipped 3/4: #2 "Bad": eSpeak NG failed on it' "$T/daemon.log"
check "countdownctl next says eSpeak NG failed on it, and exits 1" bash -c "
	grep -q '^countdownctl: eSpeak NG failed on that entry' '$T/next2' && grep -q '^rc=1' '$T/next2'"
check "STATUS= says it was skipped" grep -q 'STATUS=.*skipped 3/4: #2 "Bad" (eSpeak NG failed on it); next: 4/4' "$T/notify"
"$B/countdownctl" next >/dev/null 2>&1
wait_line "$T/daemon.log" '^finished 4/4' 30
check "the entry after it is heard" grep -q '^finished 4/4' "$T/daemon.log"
check "and nothing else went wrong" test "$(count_lines "$T/daemon.log" '^speech: eSpeak NG')" = 3
daemon_stop TERM 10
check "the daemon exits 0" test "${DRC:-x}" = 0

# --render: exit 65, the entry and its line named
"${COUNTDOWND:-$B/check/countdownd}" -f "$T/file.conf" --render "$T/render.wav" >"$T/render.log" 2>&1
rc=$?
check "--render exits 65" test "$rc" = 65
check "--render names the entry and its line" grep -q '^entry 3/4: #2 "Bad" (line 6): eSpeak NG failed on it 3 times' "$T/render.log"
check "--render leaves no file behind" test ! -e "$T/render.wav"

# the release worker knows no such word
"$B/countdownd" -f "$T/file.conf" --render "$T/release.wav" --loudness off >"$T/release.log" 2>&1
check "the release build renders it whole (no fault word compiled in)" test -s "$T/release.wav"

# a worker that answers one entry with garbage, and one that hangs on
# another (in a loop: it uses CPU and never answers): each is killed,
# logged for what it did, and the entry skipped after three tries
cat >"$T/two.txt" <<'SCRIPT'
Two Faults

#2: "Junk" (2001)
This one says Garble, and the worker answers it with garbage.

#1: "Stuck" (2002)
This one says Spin, and the worker loops on it.
SCRIPT
printf 'script = "%s";\n' "$T/two.txt" >"$T/two.conf"
# render_fault HOW:WORD NAME LOG_REGEX: --render of two.txt with the test
# worker failing HOW on WORD: exit 65, and LOG_REGEX logged once a try
render_fault() {
	COUNTDOWND_SPEECH_FAULT=$1 \
		"${COUNTDOWND:-$B/check/countdownd}" -f "$T/two.conf" --render "$T/$2.wav" >"$T/$2.log" 2>&1
	rc=$?
	check "$2: --render exits 65" test "$rc" = 65
	check "$2: each try logged as such" test "$(count_lines "$T/$2.log" "$3")" = 3
}
render_fault garbage:Garble garbage '^speech: eSpeak NG sent garbage on 2/3: #2 "Junk"'
render_fault hang:Spin hang '^speech: eSpeak NG hung \(no progress in 5 s\) on 3/3: #1 "Stuck"'
