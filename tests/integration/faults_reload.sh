#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SIGHUP while the script is broken, gone, a binary file, 10 MB with its
# fault at the very end, and while the lexicon is broken or gone: each reload
# is refused with FILE:LINE (where there is a line), the old script and
# lexicon stay (the same list; the same entry played again to the file
# output as long as before), and the daemon answers at once afterwards. How long
# each reload held the main loop is measured (HUP to READY=1).
. "$(dirname "$0")/lib.sh"
t_setup
S=$T/s.txt
LEX=$T/lex.txt
cp tests/data/short.txt "$S"
# a lexicon that makes the intro longer: its use is heard in the clip's length
printf '# test lexicon\nshort\tshort, short, short\n' >"$LEX"
cp "$LEX" "$T/lex.good"
cat >"$T/c.conf" <<EOF
script = "$S";
lexicon = "$LEX";
voice = { rate = 300; };
audio = { output = "file"; path = "$T/out.wav"; };
EOF
samples() { soxi -s "$T/out.wav" 2>/dev/null || echo 0; }

# play_intro: SIGUSR1 (first) or SIGUSR2 (again): the intro to its end; the
# samples it added to the file in $T/intro.N (raw)
NPLAY=0
play_intro() {
	local before
	before=$(samples)
	send_sig "$1" "$DPID" >/dev/null
	NPLAY=$(( NPLAY + 1 ))
	wait_count "$T/daemon.log" '^finished 1/4' "$NPLAY" 20
	sox "$T/out.wav" -t raw "$T/intro.$NPLAY" trim "${before}s"
}

# refused NAME REGEX: HUP; the refusal matches REGEX; the old ones stay
NREFUSED=0
refused() {
	local t0 ready
	t0=$(send_sig HUP "$DPID")
	NREFUSED=$(( NREFUSED + 1 ))
	wait_count "$T/daemon.log" '^reload refused' "$NREFUSED" 60
	ready=$(awk -v t="$t0" '$1 >= t && $2 == "READY=1" { print $1; exit }' "$T/notify")
	check "$1: refused, logged as $2 (HUP to READY=1: $(ms_between "$t0" "$ready") ms)" \
	    grep -Eq -- "$2" "$T/daemon.log"
	answers "$1"
	"$B/countdownctl" list >"$T/list.now" 2>&1
	check "$1: the old script stays (the same list)" cmp -s "$T/list.0" "$T/list.now"
	cp tests/data/short.txt "$S"
	cp "$T/lex.good" "$LEX"
}

notify_start
daemon_start -f "$T/c.conf"
wait_line "$T/daemon.log" '^ready: ' 20
play_intro USR1
"$B/countdownctl" list >"$T/list.0"

printf 'Top 3\n\nIntro.\n\n#3: "A"\n\n#3: "B"\n' >"$S"
refused "broken script" "^$S:7: duplicate rank #3 \\(first at line 5\\)"
rm "$S"
refused "script gone" "^$S: No such file or directory"
head -c 1048576 /dev/urandom >"$S"
refused "binary script" "^$S:[0-9]+: line (is not valid UTF-8|contains a NUL byte)"
# 10 MB: 9,999 entries of 1 kB, then a rank used twice, on the last line
awk 'BEGIN {
	body = sprintf("%1000s", ""); gsub(/ /, "la ", body)
	print "Top 9999\n\nA long one."
	for (r = 9999; r >= 1; r--) printf "\n#%d: \"Song %d\"\n%s\n", r, r, substr(body, 1, 1000)
	print "\n#5: \"Again\""
}' >"$S"
lines=$(wc -l <"$S")
# (refused for its fault, or for its size where scripts are bounded)
refused "10 MB script ($(( $(stat -c %s "$S") / 1000000 )) MB)" \
	"^$S(:$lines: duplicate rank #5|: larger than [0-9]+ MB)"
printf '# test lexicon\nshort\tlong\nno tab here\n' >"$LEX"
refused "broken lexicon" "^$LEX:3: expected \"written<TAB>spoken\""
rm "$LEX"
refused "lexicon gone" "^$LEX: No such file or directory"

play_intro USR2
# eSpeak NG's output of the same text varies by about 1% from one utterance
# to the next in a process; the lexicon's words make the intro 20% longer
ratio() { awk -v a="$(stat -c %s "$1")" -v b="$(stat -c %s "$2")" 'BEGIN { printf "%.3f\n", b / a }'; }
r=$(ratio "$T/intro.1" "$T/intro.2")
check "the old lexicon stays: the intro again, as long (x $r)" \
	awk -v r="$r" 'BEGIN { exit !(r > 0.97 && r < 1.03) }'
check "the position stayed: next is 2/4" bash -c "'$B/countdownctl' status | grep -q '^next: 2/4'"

# a good reload is taken: the test above could tell
printf '# test lexicon\nshort\tshort\n' >"$LEX"
send_sig HUP "$DPID" >/dev/null
wait_line "$T/daemon.log" '^reloaded' 20
play_intro USR2
r=$(ratio "$T/intro.1" "$T/intro.3")
check "a good reload is taken: the new lexicon is heard (x $r)" \
	awk -v r="$r" 'BEGIN { exit !(r < 0.9) }'
daemon_stop TERM 5
check "SIGTERM: exit 0" test "${DRC:-x}" = 0
