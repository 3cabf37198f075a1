#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line: listings, checks, exit codes and error messages.
. "$(dirname "$0")/lib.sh"
t_setup
D=$B/check/countdownd
SEED=../shared/seeds/saddest-kpop-mvs.txt
CONF=etc/countdownd.conf

out=$("$D" -f $CONF --list -s $SEED)
check "--list prints 12 lines" test "$(printf '%s\n' "$out" | wc -l)" = 12
check "--list: the #8 line" grep -qxF "$(printf '4\tentry\t8\tHello & I Told You I Wanna Die\tHuh Gak\t2011 & 2011')" <<<"$out"
check "--list: the intro line" grep -qxP '1\tintro\t\t\t\t' <<<"$out"
check "--list: the mentions line" grep -qxF "$(printf '11\tmentions\t\tIn Heaven & Cleansing Cream & Heaven & Yesterday Is Different from Today & It Hurts (Sick)\tJYJ & Brown Eyed Girls & Ailee & Kim Ji Eun & Huh Gak\t2011 & 2011 & 2012 & 2007 & 2012')" <<<"$out"
check "--list: #1 last" grep -qxF "$(printf '12\tentry\t1\tHaru Haru\tBIGBANG\t2008')" <<<"$out"
check "--list: the shipped script has the same entries" \
	diff <(cut -f1-6 <<<"$out") <("$D" -f $CONF --list)

"$D" -n -f $CONF >"$T/n.out" 2>&1
check "-n on etc/countdownd.conf exits 0" test $? = 0
check "-n prints a one-line summary" test "$(wc -l <"$T/n.out")" = 1

nar=$("$D" -f $CONF --narration -s $SEED)
check "--narration: a header per entry" test "$(grep -c '^--- ' <<<"$nar")" = 12
check "--narration: the announcement" grep -qxF 'Number 10: You and I, by Park Bom.' <<<"$nar"
check "--narration: two titles joined" grep -qxF 'Number 8: Hello and I Told You I Wanna Die, by Huh Gak.' <<<"$nar"
check "--narration: no markup reaches the voice" \
	bash -c '! grep -v "^--- " | grep -E "[#&\"“”]|\\([0-9]{4}\\)|\\.\\."' <<<"$nar"
check "--narration: apostrophes kept" grep -q "Don't Say Goodbye" <<<"$nar"
check "--narration: mentions spoken with credits" grep -qxF 'In Heaven, by J Y J.' <<<"$nar"

# exit codes and messages
expect() {	# expect NAME CODE REGEX CMD...
	local name=$1 code=$2 re=$3 rc
	shift 3
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	if [ "$rc" = "$code" ] && grep -Eq -- "$re" "$T/err"; then
		ok "$name"
	else
		not_ok "$name" "exit $rc (want $code), stderr: $(head -c 300 "$T/err")"
	fi
}
expect "missing script: 66 with its path" 66 "nope.txt" "$D" -f $CONF -n -s "$T/nope.txt"
printf 'Title\n\n#1: "A"\nx\n#1: "B"\ny\n' >"$T/dup.txt"
expect "duplicate rank: 65 naming both lines" 65 "dup.txt:5: .*3" "$D" -f $CONF -n -s "$T/dup.txt"
printf 'Title\n#2: "A"\n\xff\xfe bad\n' >"$T/utf.txt"
expect "not UTF-8: 65 with the line" 65 "utf.txt:3:" "$D" -f $CONF --list -s "$T/utf.txt"
printf 'voice = { rate = 900; };\n' >"$T/bad.conf"
expect "bad config: 78 with FILE:LINE: setting" 78 "bad.conf:1: voice.rate" "$D" -n -f "$T/bad.conf" -s $SEED
printf 'voice = { name = "xx-nope"; };\n' >"$T/voice.conf"
expect "unknown voice: 78" 78 'voice.name: .*xx-nope' "$D" -n -f "$T/voice.conf" -s $SEED
printf 'voice = { rat = 100; };\n' >"$T/typo.conf"
expect "unknown setting: a warning naming the nearest" 0 'did you mean "voice.rate"' "$D" -n -f "$T/typo.conf" -s $SEED
expect "missing config: 66" 66 "none.conf" "$D" -n -f "$T/none.conf"
expect "bad option: 64 and usage" 64 "usage:" "$D" --bogus
"$D" -h >"$T/h.out" 2>"$T/h.err"
check "-h: the usage on stdout, exit 0" test $? = 0 -a -s "$T/h.out" -a ! -s "$T/h.err"
"$D" --help >"$T/h.out" 2>/dev/null
check "--help: the same" grep -q '^usage: countdownd' "$T/h.out"

# no -f and no installed configuration (HOME empty too): the built-in
# defaults, said in one line; offline commands work from the build tree
if [ -e /usr/local/etc/countdownd.conf ]; then
	ok "# SKIP /usr/local/etc/countdownd.conf is installed here"
else
	out=$(HOME=/nonexistent "$D" --list -s tests/data/short.txt 2>"$T/def.err")
	check "--list -s without a configuration lists the entries" \
		test "$(printf '%s\n' "$out" | wc -l)" = 4
	check "it says it uses the built-in defaults, once" \
		test "$(grep -c 'using the built-in defaults' "$T/def.err")" = 1
	out=$(cd "$T" && HOME=/nonexistent "$OLDPWD/$D" -n 2>&1)
	check "-n without -f: the bundled script, from the build tree" \
		grep -q 'built-in defaults: ok; .*/data/scripts/saddest-kpop-mvs.txt: 12 entries' <<<"$out"
	nar=$(HOME=/nonexistent "$D" --narration -s $SEED 2>/dev/null)
	check "--narration without a configuration: the defaults' lexicon" \
		grep -qxF 'In Heaven, by J Y J.' <<<"$nar"
fi
"$D" -V >"$T/v" 2>&1
check "-V prints the version" grep -q '^countdownd [0-9]' "$T/v"
"$D" --list-voices >"$T/voices"
check "--list-voices lists en-us" grep -q '^en-us' "$T/voices"

# --render: the whole countdown, gaps included, into a WAV
printf 'script = "%s";\nschedule = { gap = 1; };\n' "$PWD/tests/data/short.txt" >"$T/short.conf"
"$D" -f "$T/short.conf" --render "$T/all.wav"
check "--render exits 0" test $? = 0
secs=$(soxi -D "$T/all.wav" 2>/dev/null)
check "--render writes 22050 Hz mono" test "$(soxi -r "$T/all.wav")/$(soxi -c "$T/all.wav")" = 22050/1
check "--render: entries and two gaps (${secs}s)" num_lt 8 "$secs"
"$D" -f "$T/short.conf" --render "$T/all.flac"
check "--render writes FLAC by extension" test "$(soxi -t "$T/all.flac")" = flac

# the README's example script: years only where written
sed -n '/^    Top 3 Rainy Day Songs/,/^    The clouds part./s/^    //p' README.md >"$T/rain.txt"
"$D" -f $CONF --list -s "$T/rain.txt" >"$T/rain.list"
check "README example: 5 entries" test "$(wc -l <"$T/rain.list")" = 5
check "README example: a year on the second title only" grep -qxF "$(printf '4\tentry\t2\tStorm & Thunder\tLoud Band\t2011')" "$T/rain.list"
check "README example: no credit, no year" grep -qxP '5\tentry\t1\tSunshine\t\t' "$T/rain.list"
