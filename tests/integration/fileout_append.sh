#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The file output appends every entry, in each format it takes, across a
# restart too: three entries, a restart, one more, and the file holds the
# four to the sample. A lossy format is refused when the config loads.
. "$(dirname "$0")/lib.sh"
t_setup
SF=$TOOLS/tool_sfread
SHORT=$PWD/tests/data/short.txt

# what the first three entries sound like: --split, at the file's rate and
# level (eSpeak NG's first utterance after it starts differs by a few ms
# from the same text said later, so the fourth, the first after the
# restart, is measured by a daemon started the same way into a file of its own)
printf 'script = "%s";\nschedule = { gap = 0; };\n' "$SHORT" >"$T/render.conf"
mkdir "$T/parts"
"$B/check/countdownd" -f "$T/render.conf" --render "$T/all.wav" --split "$T/parts" \
	--loudness off -q
want3=$(for f in "$T"/parts/0[123]-*.wav; do "$SF" "$f"; done | awk '{ s += $1 } END { print s }')

for ext in flac wav; do
	printf 'script = "%s";\naudio = { output = "file"; path = "%s"; };\nschedule = { gap = 0; };\nstate = { file = "%s"; };\n' \
		"$SHORT" "$T/out.$ext" "$T/position.$ext" >"$T/$ext.conf"
	daemon_start -f "$T/$ext.conf"
	wait_line "$T/daemon.log" '^ready: ' 20
	for i in 1 2 3; do
		kill -USR1 "$DPID"
		wait_line "$T/daemon.log" "^finished $i/4" 30
	done
	daemon_stop TERM 10
	got=$("$SF" "$T/out.$ext" | cut -d' ' -f1)
	check ".$ext: three entries in one file ($got frames = $want3)" test "$got" = "$want3"
	# the fourth alone, from the same saved position
	cp "$T/position.$ext" "$T/position4.$ext"
	sed -e "s|$T/out.$ext|$T/fourth.$ext|" -e "s|position.$ext|position4.$ext|" \
		"$T/$ext.conf" >"$T/fourth.conf"
	daemon_start -f "$T/fourth.conf"
	wait_line "$T/daemon.log" '^ready: ' 20
	kill -USR1 "$DPID"
	wait_line "$T/daemon.log" '^finished 4/4' 30
	daemon_stop TERM 10
	want=$(( want3 + $("$SF" "$T/fourth.$ext" | cut -d' ' -f1) ))
	daemon_start -f "$T/$ext.conf"
	wait_line "$T/daemon.log" '^ready: ' 20
	kill -USR1 "$DPID"
	wait_line "$T/daemon.log" '^finished 4/4' 30
	daemon_stop TERM 10
	check ".$ext: the restart played the fourth" grep -q '^finished 4/4' "$T/daemon.log"
	got=$("$SF" "$T/out.$ext" | cut -d' ' -f1)
	check ".$ext: after a restart, all four to the sample ($got frames = $want)" \
		test "$got" = "$want"
	check ".$ext: no temporary file left beside it" \
		test "$(ls "$T" | grep -c "^out\.$ext")" = 1
done

for ext in mp3 ogg opus; do
	printf 'audio = { output = "file"; path = "%s"; };\n' "$T/out.$ext" >"$T/lossy.conf"
	"$B/check/countdownd" -n -f "$T/lossy.conf" -s "$SHORT" >"$T/lossy.out" 2>&1
	check ".$ext: refused at load (78) with the reason" \
		test $? = 78 -a -n "$(grep 'audio.path: output "file" cannot append to .*lossy' "$T/lossy.out")"
done
