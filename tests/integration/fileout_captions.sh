#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The file output's captions and chapters (audio.captions, audio.chapters):
# three entries into a WAV, a restart, one more; the cues and chapters of
# all four are beside it, timed from the start of the audio file.
. "$(dirname "$0")/lib.sh"
t_setup
SF=$TOOLS/tool_sfread
SHORT=$PWD/tests/data/short.txt

# where each entry starts in the file: the lengths of --split's parts
printf 'script = "%s";\nschedule = { gap = 0; };\n' "$SHORT" >"$T/render.conf"
mkdir "$T/parts"
"$B/check/countdownd" -f "$T/render.conf" --render "$T/all.wav" --split "$T/parts" \
	--loudness off -q
starts=$(for f in "$T"/parts/0[123]-*.wav; do "$SF" "$f"; done |
	awk '{ printf "%d ", s; s += $1 } END { printf "%d\n", s }')

printf 'script = "%s";\naudio = { output = "file"; path = "%s"; captions = "%s"; chapters = "%s"; };\nschedule = { gap = 0; };\nstate = { file = "%s"; };\n' \
	"$SHORT" "$T/out.wav" "$T/out.vtt" "$T/out.ffmeta" "$T/position" >"$T/f.conf"
for run in 1 2; do
	daemon_start -f "$T/f.conf"
	wait_line "$T/daemon.log" '^ready: ' 20
	for i in $([ $run = 1 ] && echo 1 2 3 || echo 4); do
		kill -USR1 "$DPID"
		wait_line "$T/daemon.log" "^finished $i/4" 30
	done
	daemon_stop TERM 10
done
frames=$("$SF" "$T/out.wav" | cut -d' ' -f1)

# cue times in ms, one cue a line: start end
awk -F' --> ' '/ --> / {
	split($1, a, /[:.]/); split($2, b, /[:.]/)
	print ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4], ((b[1] * 60 + b[2]) * 60 + b[3]) * 1000 + b[4]
}' "$T/out.vtt" >"$T/cues"
check "WebVTT: one header, cues of all four entries ($(wc -l <"$T/cues") cues)" \
	test "$(grep -c '^WEBVTT' "$T/out.vtt")" = 1 -a "$(wc -l <"$T/cues")" -ge 4
check "... the words after the restart are there (Charlie)" grep -q 'Charlie' "$T/out.vtt"
check "... in order, never overlapping, each with a length" \
	awk '$2 <= $1 || $1 < last { exit 1 } { last = $2 }' "$T/cues"
check "... the last ends within the audio ($(tail -1 "$T/cues" | cut -d' ' -f2) ms of $frames frames)" \
	awk -v f="$frames" '{ e = $2 } END { exit !(e <= f * 1000 / 22050) }' "$T/cues"
check "... cue numbers run on across the restart" \
	test "$(awk 'prev ~ /^$/ && /^[0-9]+$/ { print } { prev = $0 }' "$T/out.vtt" | tr '\n' ' ')" = \
	"$(seq -s ' ' 1 "$(wc -l <"$T/cues")") "
ffmpeg -hide_banner -loglevel error -i "$T/out.vtt" -f srt -y "$T/conv.srt" 2>"$T/ffmpeg.err"
check "ffmpeg reads the WebVTT file, every cue ($(grep -c ' --> ' "$T/conv.srt") of $(wc -l <"$T/cues"))" \
	test "$(grep -c ' --> ' "$T/conv.srt")" = "$(wc -l <"$T/cues")" -a ! -s "$T/ffmpeg.err"

# chapters: four, each within 50 ms before the first sound of its entry
grep '^START=' "$T/out.ffmeta" | cut -d= -f2 >"$T/chapters"
check "ffmeta: one header, four chapters" \
	test "$(grep -c '^;FFMETADATA1' "$T/out.ffmeta")" = 1 -a "$(wc -l <"$T/chapters")" = 4
check "... the fourth (after the restart) is #1 Charlie" \
	grep -qF 'title=\#1 Charlie' "$T/out.ffmeta"
ffmpeg -hide_banner -loglevel error -i "$T/out.wav" -f s16le -ac 1 -ar 22050 -y "$T/out.raw"
check "... each starts within 50 ms of its entry's first sound" perl -e '
	local $/; open my $f, "<", $ARGV[0] or die; my @s = unpack "s<*", <$f>;
	my @start = split " ", $ARGV[1]; open my $c, "<", $ARGV[2] or die;
	my @ch = split " ", <$c>;
	for my $i (0 .. 3) {
		my $k = $start[$i]; $k++ while $k < @s && abs($s[$k]) < 200;
		my $d = $k / 22.05 - $ch[$i];
		die "entry $i: first sound at ", $k / 22.05, " ms, chapter at $ch[$i]\n"
		    if abs($d) > 50;
	}' "$T/out.raw" "$starts" "$T/chapters"
check "ffmpeg takes the chapters into the recording" \
	ffmpeg -hide_banner -loglevel error -i "$T/out.wav" -i "$T/out.ffmeta" \
	-map_metadata 1 -c copy -y "$T/chap.mka"
check "... and reads four back" \
	test "$(ffprobe -v error -show_chapters "$T/chap.mka" | grep -c '^\[CHAPTER\]')" = 4

# a new audio file (the old one moved away) starts them anew
mv "$T/out.wav" "$T/old.wav"
rm -f "$T/position"
daemon_start -f "$T/f.conf"
wait_line "$T/daemon.log" '^ready: ' 20
kill -USR1 "$DPID"
wait_line "$T/daemon.log" '^finished 1/4' 30
daemon_stop TERM 10
check "a new audio file: the chapters start again with its first entry" \
	test "$(grep -c '^START=' "$T/out.ffmeta")" = 1 -a "$(grep '^START=' "$T/out.ffmeta")" = START=0
check "... and the captions, numbered from 1" \
	test "$(grep -c '^WEBVTT' "$T/out.vtt")" = 1 -a "$(sed -n 3p "$T/out.vtt")" = 1

# settings that cannot work are refused at load
printf 'audio = { output = "pulse"; captions = "%s"; };\n' "$T/x.vtt" >"$T/bad.conf"
"$B/check/countdownd" -n -f "$T/bad.conf" -s "$SHORT" >"$T/bad.out" 2>&1
check "audio.captions without the file output: refused (78) with the reason" \
	test $? = 78 -a -n "$(grep 'audio.captions: needs output "file"' "$T/bad.out")"
printf 'audio = { output = "file"; path = "%s"; chapters = "%s"; };\n' "$T/y.wav" "$T/y.txt" >"$T/bad.conf"
"$B/check/countdownd" -n -f "$T/bad.conf" -s "$SHORT" >"$T/bad.out" 2>&1
check "audio.chapters as YouTube .txt: refused (78) with the reason" \
	test $? = 78 -a -n "$(grep 'audio.chapters: only .ffmeta grows' "$T/bad.out")"
