#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# --render as a production tool: every format read back through libsndfile,
# the length to the sample, loudness measured by ffmpeg (not by our code),
# WebVTT a strict parser and ffmpeg accept, cue words against --narration,
# chapters against the sound, and an interrupted render leaving nothing.
. "$(dirname "$0")/lib.sh"
t_setup
D=$B/check/countdownd
SF=$TOOLS/tool_sfread
SHORT=$PWD/tests/data/short.txt
KPOP=$PWD/data/scripts/saddest-kpop-mvs.txt
printf 'script = "%s";\nschedule = { gap = 1.5; };\n' "$SHORT" >"$T/short.conf"
printf 'script = "%s";\nlexicon = "%s";\nrender = { loudness = -23.0; };\n' \
	"$KPOP" "$PWD/data/lexicon.txt" >"$T/kpop.conf"
printf 'script = "%s";\nlexicon = "";\n' "$KPOP" >"$T/nolex.conf"

# --- every format, through libsndfile and back
mkdir "$T/parts"
"$D" -f "$T/short.conf" --render "$T/all.wav" --split "$T/parts" --loudness off -q
check "--render --split exits 0" test $? = 0
parts=$(for f in "$T"/parts/*.wav; do "$SF" "$f"; done | awk '{ s += $1 } END { print s }')
total=$("$SF" "$T/all.wav" | cut -d' ' -f1)
gap=$(( 3 * 22050 / 2 ))	# 1.5 s at 22050 Hz
n=$(ls "$T"/parts/*.wav | wc -l)
check "the render is its $n entries and the gaps between them to the sample ($total = $parts + $((n - 1)) x $gap)" \
	test "$total" = "$(( parts + (n - 1) * gap ))"
check "--split names the files by index, rank and title" \
	test "$(ls "$T/parts" | tr '\n' ' ')" = "01-intro.wav 02-3-alpha.wav 03-2-bravo.wav 04-1-charlie.wav "
for ext in wav flac ogg opus mp3; do
	"$D" -f "$T/short.conf" --render "$T/f.$ext" --loudness off -q 2>"$T/f.$ext.err"
	rc=$?
	if [ $rc != 0 ] && grep -q 'not supported\|unknown format' "$T/f.$ext.err"; then
		ok "# SKIP .$ext: $(head -1 "$T/f.$ext.err")"
		continue
	fi
	read -r frames rate ch < <("$SF" "$T/f.$ext" 2>&1)
	case $ext in
	opus) want=$(( (total * 48000 + 11025) / 22050 )); wrate=48000 ;;
	*) want=$total; wrate=22050 ;;
	esac
	diff=$(( frames > want ? frames - want : want - frames ))
	check ".$ext: libsndfile reads back $frames frames, mono, $rate Hz (want $want, $wrate)" \
		test "$ch/$rate" = "1/$wrate" -a "$diff" -le $(( wrate / 100 ))
done
"$D" -f "$T/short.conf" --render "$T/r48.wav" --rate 48000 --loudness off -q
check "--rate 48000" test "$("$SF" "$T/r48.wav" | cut -d' ' -f2)" = 48000
"$D" -f "$T/short.conf" --render - --loudness off -q >"$T/stdout.wav"
check "--render - writes the same WAV to standard output" cmp "$T/stdout.wav" "$T/f.wav"
"$D" -f "$T/short.conf" --render - --loudness off -q | cat >"$T/pipe.wav"
check "... and to a pipe" cmp "$T/pipe.wav" "$T/f.wav"
"$D" -f "$T/short.conf" --render "$T/x.aiff" -q 2>"$T/aiff.err"
check "an unknown extension is a usage error (64) naming the known ones" \
	test $? = 64 -a -n "$(grep -F '.wav .flac .ogg .opus .mp3' "$T/aiff.err")"
"$D" -f "$T/short.conf" --render "$T/no/such/dir/x.wav" -q 2>/dev/null
check "an unwritable folder: exit 73, before any synthesis" test $? = 73

# --- loudness, measured by ffmpeg's ebur128 filter, a mono file counted
# as on two speakers (dualmono), as countdownd counts it
ebur() {	# ebur FILE: "I TP" from ffmpeg's summary
	ffmpeg -hide_banner -nostats -i "$1" -af ebur128=peak=true:dualmono=true \
		-f null - 2>&1 | awk '/I:/ { i = $2 } /Peak:/ { p = $2 } END { print i, p }'
}
"$D" -f "$T/kpop.conf" --render "$T/k.wav" --captions "$T/k.vtt" \
	--chapters "$T/k.json" -q 2>"$T/k.err"
check "the kpop render with captions and chapters exits 0" test $? = 0
read -r lufs tp < <(ebur "$T/k.wav")
check "ffmpeg measures $lufs LUFS (target -23 +-0.5)" \
	awk -v l="$lufs" 'BEGIN { exit !(l >= -23.5 && l <= -22.5) }'
check "ffmpeg measures a true peak of $tp dBTP (limit -1)" \
	awk -v p="$tp" 'BEGIN { exit !(p <= -1.0) }'
printf 'script = "%s";\nrender = { loudness = -10.0; true_peak = -2.0; };\n' "$KPOP" >"$T/loud.conf"
"$D" -f "$T/loud.conf" --render "$T/loud.wav" 2>"$T/loud.err"
read -r lufs tp < <(ebur "$T/loud.wav")
check "a target the peak limit forbids: a warning says by how much" \
	grep -q 'loudness: -10.0 LUFS would put the true peak at .* LU short' "$T/loud.err"
check "... and the true peak stays at or below -2 dBTP ($tp)" \
	awk -v p="$tp" 'BEGIN { exit !(p <= -2.0) }'
check "the summary line names the loudness reached" \
	grep -qE '^rendered 12 entries, [0-9]+:[0-9]{2} of audio, -[0-9.]+ LUFS, -[0-9.]+ dBTP, in ' "$T/loud.err"

# --- captions: a strict WebVTT parser, then ffmpeg
cat >"$T/vtt.pl" <<'PL'
# strict WebVTT for what countdownd writes: the header, then cues of an id,
# "HH:MM:SS.mmm --> HH:MM:SS.mmm", one or two lines of at most 42
# characters, a blank line; in order, not overlapping, no "-->" in text
use strict; use warnings; use utf8;
binmode STDIN, ':encoding(UTF-8)';
my $end_audio = shift;
local $/; my $s = <STDIN>;
$s =~ s/\A\x{FEFF}//;
$s =~ s/\AWEBVTT\n\n// or die "no WEBVTT header\n";
my ($prev, $n) = (-1, 0);
sub ms { my ($h, $m, $x, $f) = @_; (($h * 60 + $m) * 60 + $x) * 1000 + $f }
for my $cue (split /\n\n/, $s) {
	my @l = split /\n/, $cue;
	$n++;
	$l[0] =~ /^\d+$/ or die "cue $n: id \"$l[0]\"\n";
	$l[1] =~ /^(\d\d):([0-5]\d):([0-5]\d)\.(\d{3}) --> (\d\d):([0-5]\d):([0-5]\d)\.(\d{3})$/
		or die "cue $n: timing \"$l[1]\"\n";
	my ($a, $b) = (ms($1, $2, $3, $4), ms($5, $6, $7, $8));
	$a < $b or die "cue $n: ends before it starts\n";
	$a >= $prev or die "cue $n: overlaps the one before\n";
	$prev = $b;
	my @t = @l[2 .. $#l];
	(@t >= 1 && @t <= 2) or die "cue $n: " . scalar(@t) . " lines\n";
	for (@t) {
		length($_) <= 42 || !/ / or die "cue $n: line over 42: \"$_\"\n";
		!/-->/ && !/[<&](?!amp;|lt;|gt;)/ or die "cue $n: bad text \"$_\"\n";
	}
}
$prev <= $end_audio * 1000 or die "the last cue ends after the audio\n";
print "$n cues\n";
PL
secs=$(awk -v f="$("$SF" "$T/k.wav")" 'BEGIN { split(f, a, " "); print a[1] / a[2] }')
check "the WebVTT file passes a strict parser ($(perl "$T/vtt.pl" "$secs" <"$T/k.vtt" 2>&1))" \
	perl "$T/vtt.pl" "$secs" <"$T/k.vtt"
check "ffmpeg reads the WebVTT file" \
	ffmpeg -hide_banner -loglevel error -xerror -i "$T/k.vtt" -f srt -y "$T/k-ffmpeg.srt"
check "... and finds every cue in it" \
	test "$(grep -c -- '-->' "$T/k-ffmpeg.srt")" = "$(grep -c -- '-->' "$T/k.vtt")"
# a word without the quote marks the voice drops and captions keep
words() {
	tr -s ' \n' '\n\n' | sed -e 's/["“”«»]//g' -e "s/^['‘’]*//" -e "s/['‘’]*\$//" |
		grep -v '^$'
}
"$D" -f "$T/nolex.conf" --narration | grep -v '^--- ' | words >"$T/said.words"
grep -v -e '^WEBVTT' -e '-->' -e '^[0-9]*$' "$T/k.vtt" | words >"$T/cue.words"
check "the cue words in order are --narration's without the lexicon ($(wc -l <"$T/cue.words") words)" \
	diff "$T/said.words" "$T/cue.words"
check "captions show what is written (BIGBANG), not how the lexicon says it (Big Bang)" \
	bash -c "grep -q 'BIGBANG' '$T/k.vtt' && ! grep -q 'Big Bang' '$T/k.vtt'"
check "captions keep the quotes around titles" grep -qF '"You and I"' "$T/k.vtt"

# --- chapters: each within 50 ms of the first sound of its entry (the
# render without loudness, read sample by sample)
"$D" -f "$T/kpop.conf" --render "$T/q.wav" --chapters "$T/q.json" --loudness off -q
"$SF" -r "$T/q.wav" >"$T/q.raw"
check "every chapter starts within 50 ms of the first sound of its entry" \
	perl -e '
	use strict; use warnings;
	my ($raw, $json) = @ARGV;
	open my $f, "<:raw", $raw or die; local $/; my @s = unpack("s*", <$f>);
	open my $j, "<", $json or die; my @t = (<$j> =~ /"startTime": ([0-9.]+)/g);
	@t == 12 or die scalar(@t) . " chapters\n";
	for my $t (@t) {
		my $i = int($t * 22050 + 0.5);
		my $first = $i; $first++ while $first < @s && abs($s[$first]) < 200;
		# the gap before it is silent (but for the rounding of startTime
		# to the millisecond): nothing of the entry sounds earlier
		for my $k (($i > 2.9 * 22050 ? $i - int(2.9 * 22050) : 0) .. $i - 23) {
			abs($s[$k]) < 200 and next; die "sound at $k before the chapter at $t\n" if $t > 0;
		}
		($first - $i) / 22050 <= 0.05 or die "chapter $t: sound starts " . ($first - $i) / 22050 . " s later\n";
	}' "$T/q.raw" "$T/q.json"
"$D" -f "$T/kpop.conf" --render "$T/c.wav" --chapters "$T/c.txt" --loudness off -q
check "YouTube chapters: the first at 0:00, 12 lines" \
	test "$(head -1 "$T/c.txt")" = "0:00 Intro" -a "$(wc -l <"$T/c.txt")" = 12
check "YouTube chapters: rank, title and credit" grep -qxF '0:25 #10 You and I — Park Bom' "$T/c.txt"
"$D" -f "$T/kpop.conf" --render "$T/c.wav" --chapters "$T/c.ffmeta" --loudness off -q
check "ffmpeg takes the .ffmeta chapters into a file" \
	ffmpeg -hide_banner -loglevel error -i "$T/c.wav" -i "$T/c.ffmeta" -map_metadata 1 \
		-c copy -y "$T/chap.mka"
check "... all twelve" test "$(ffprobe -v error -show_chapters "$T/chap.mka" | grep -c '^\[CHAPTER\]')" = 12
printf 'script = "%s";\nschedule = { gap = 0; };\n' "$SHORT" >"$T/nogap.conf"
"$D" -f "$T/nogap.conf" --render "$T/s.wav" --chapters "$T/s.txt" -q 2>"$T/s.err"
check "YouTube chapters that cannot be 10 s apart: an error that says why (65)" \
	test $? = 65 -a -n "$(grep 'at least 10 s apart' "$T/s.err")"
check "... and nothing written" test ! -e "$T/s.wav" -a ! -e "$T/s.txt"

# --- interrupted: SIGINT while it renders leaves nothing behind
mkdir "$T/intr"
spawn render_int "$D" -f "$T/kpop.conf" --render "$T/intr/out.flac" --captions "$T/intr/out.vtt"
IPID=$SPAWNED
for i in $(seq 100); do
	[ -z "$(ls -A "$T/intr")" ] || break
	sleep 0.05
done
check "a temporary file appears beside OUT while it renders" test -n "$(ls -A "$T/intr")"
stop_pid "$IPID" INT 30
check "SIGINT stops the render (exit $STOPPED_RC = 130)" test "$STOPPED_RC" = 130
check "... and leaves nothing behind: $(ls -A "$T/intr" | tr '\n' ' ')" test -z "$(ls -A "$T/intr")"
