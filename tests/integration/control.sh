#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The control socket and countdownctl: every command and its reply, through
# the client and the raw protocol; what the audio file then holds (goto plays
# the right entry, pause/resume loses and repeats no sample, stop is silent
# at once); wait, status --follow, --json, reload; the socket's mode, a stale
# and a live socket; STATUS= and status say the same. File output: the file
# sink writes exactly the samples the player hands out, paced like a device.
. "$(dirname "$0")/lib.sh"
t_setup
CTL=$B/check/countdownctl
RAW="perl $PWD/tests/integration/control_client.pl"
SCRIPT=$PWD/data/scripts/saddest-kpop-mvs.txt
SOCK=$T/countdownd.sock		# the default: XDG_RUNTIME_DIR is $T
# rate 300: entries of 9 to 15 s, long enough to pause in, short to wait for
cat >"$T/c.conf" <<EOF
script = "$SCRIPT";
voice = { rate = 300; };
audio = { output = "file"; path = "$T/out.wav"; };
EOF

# lines of the daemon's log after line $1 that match $2, waited for up to $3 s
log_mark() { wc -l <"$T/daemon.log"; }
log_since() {
	local end=$(( $(_now_us) + $(_us "$3") ))
	until tail -n +"$(( $1 + 1 ))" "$T/daemon.log" | grep -Eq -- "$2"; do
		[ "$(_now_us)" -lt "$end" ] || return 1
		sleep 0.02
	done
}
# starts_with STRING PREFIX
starts_with() { [[ $1 == "$2"* ]]; }
matches() { [[ $1 =~ $2 ]]; }
# the reply of one raw command (KEY given: that key's value only)
raw() { $RAW talk "$SOCK" "$1"; }
val() { raw "$1" | sed -n "s/^$2: //p" | head -n1; }

notify_start
daemon_start -f "$T/c.conf"
wait_line "$T/daemon.log" '^ready: ' 20 || { not_ok "daemon ready"; sed 's/^/#   /' "$T/daemon.log"; exit 1; }
ok "daemon ready"

# ---- the socket ----
check "socket at the default, \$XDG_RUNTIME_DIR/countdownd.sock" test -S "$SOCK"
check "the ready line names the client, which finds the socket itself" \
	grep -qF "or $(dirname "${COUNTDOWND:-$B/check/countdownd}")/countdownctl next" "$T/daemon.log"
mode=$(stat -c %a "$SOCK")
check "socket mode 0660 ($mode)" test "$mode" = 660

# ---- the client finds it without -s, and says what plays ----
out=$("$CTL" status); rc=$?
check "status: exit 0" test "$rc" = 0
check "status: idle, and what is next" test "$out" = "idle
next: 1/12: intro; no play scheduled"

# ---- every command through the raw protocol ----
r=$(raw help)
check "help: one line per command, then OK" test "$(grep -c '^command: ' <<<"$r")" = 14 -a "$(tail -n1 <<<"$r")" = OK
status_idle_reply() {
	local r
	r=$(raw status)
	grep -qx "state: idle" <<<"$r" && grep -qx "entries: 12" <<<"$r" &&
		grep -qx "next: 1" <<<"$r" && grep -qx "next_entry: intro" <<<"$r" &&
		grep -qx "text: idle" <<<"$r" && [ "$(tail -n1 <<<"$r")" = OK ] &&
		! grep -v -e '^[a-z_]*: ' -e '^OK$' <<<"$r"
}
check "status: key: value lines, then OK" status_idle_reply
list_reply() {
	local r
	r=$(raw list)
	[ "$(grep -c '^entry: ' <<<"$r")" = 12 ] &&
		diff <(sed -n 's/^entry: //p' <<<"$r" | cut -f1-6) <("$B/check/countdownd" -f "$T/c.conf" --list 2>/dev/null) &&
		grep -qxF "entry: 4"$'\t'"entry"$'\t'"8"$'\t'"Hello & I Told You I Wanna Die"$'\t'"Huh Gak"$'\t'"2011 & 2011"$'\t''#8 "Hello" & "I Told You I Wanna Die" by Huh Gak' <<<"$r"
}
check "list: the fields of countdownd --list, and the description" list_reply
check "pause with nothing playing: ERR state" test "$(raw pause)" = "ERR state nothing plays"
check "resume with nothing paused: ERR state" test "$(raw resume)" = "ERR state nothing is paused"
check "wait with nothing playing: OK at once" test "$(raw wait)" = OK
check "stop with nothing playing: OK" test "$(raw stop)" = OK
check "unknown command: ERR usage" starts_with "$(raw dance)" 'ERR usage unknown command "dance"'
check "goto without an argument: ERR usage" starts_with "$(raw goto)" "ERR usage goto needs an argument"
check "an argument too many: ERR usage" test "$(raw 'goto 1 2')" = "ERR usage one argument at most"
check "status with an argument: ERR usage" test "$(raw 'status now')" = "ERR usage status takes no argument"
check "goto 13: ERR range" test "$(raw 'goto 13')" = "ERR range no entry 13: the countdown has entries 1 to 12"
check "goto 0: ERR range" starts_with "$(raw 'goto 0')" "ERR range no entry 0"
check "goto #11: ERR range" test "$(raw 'goto #11')" = "ERR range no entry of rank #11"
check "goto x: ERR range" starts_with "$(raw 'goto x')" "ERR range goto takes an entry"
printf '\n  status  \r\n\tstop\n' >"$T/blank.txt"
r=$($RAW raw "$SOCK" "$T/blank.txt" | grep -E '^(OK|ERR)' | tr '\n' ' ')
check "a blank line asks nothing; CRLF, spaces and tabs are fine" test "$r" = "OK OK "
printf 'help\nstop\nstatus\ndance\n' >"$T/pipe.txt"
r=$($RAW raw "$SOCK" "$T/pipe.txt" | grep -E '^(OK|ERR|state:)' | cut -c1-5 | tr '\n' ' ')
check "commands pipelined in one write: each answered, in order ($r)" test "$r" = "OK OK state OK ERR u "
r=$(raw reload)
check "reload: OK, entries: 12" test "$r" = "entries: 12
OK"
check "reload: the log says so" wait_line "$T/daemon.log" '^reloaded: 12 entries' 5

# ---- exit codes ----
"$CTL" goto 99 2>"$T/err"; rc=$?
check "countdownctl: ERR is exit 1, the message on stderr" test "$rc" = 1 -a "$(cat "$T/err")" = 'countdownctl: no entry 99: the countdown has entries 1 to 12'
# wrong usage is countdownctl's own to refuse (countdownctl(1): exit 64),
# before it connects: the same with a daemon and without one
for sock in "$SOCK" "$T/nothing"; do
	[ "$sock" = "$SOCK" ] && where="a daemon there" || where="no daemon there"
	"$CTL" -s "$sock" dance >"$T/out" 2>"$T/err"; rc=$?
	check "countdownctl dance, $where: exit 64 ($rc), nothing on stdout" \
		test "$rc" = 64 -a ! -s "$T/out" -a "$(head -n1 "$T/err")" = 'countdownctl: unknown command "dance"'
	check "... the usage on stderr" grep -q '^usage: countdownctl' "$T/err"
	"$CTL" -s "$sock" goto >"$T/out" 2>"$T/err"; rc=$?
	check "countdownctl goto (no argument), $where: exit 64 ($rc), the usage on stderr" \
		test "$rc" = 64 -a ! -s "$T/out" -a "$(head -n1 "$T/err")" = 'countdownctl: goto needs an argument: goto INDEX|#RANK' \
		-a "$(grep -c '^usage: countdownctl' "$T/err")" = 1
	"$CTL" -s "$sock" next now >/dev/null 2>"$T/err"; rc=$?
	check "countdownctl next now (an argument too many), $where: exit 64 ($rc)" \
		test "$rc" = 64 -a "$(head -n1 "$T/err")" = 'countdownctl: next takes no argument'
done
XDG_RUNTIME_DIR=$T/none "$CTL" bogus >/dev/null 2>"$T/err"; rc=$?
check "countdownctl bogus, no -s and no daemon: exit 64 ($rc), not 2" test "$rc" = 64
"$CTL" -s "$T/nothing" status 2>"$T/err"; rc=$?
check "countdownctl: no daemon is exit 2" test "$rc" = 2
check "countdownctl: ... naming the socket" grep -qF "cannot reach countdownd at $T/nothing: No such file or directory" "$T/err"
check "countdownctl: ... with a hint" grep -q -- "-s SOCKET" "$T/err"
XDG_RUNTIME_DIR=$T/none "$CTL" status 2>"$T/err"; rc=$?
check "countdownctl without -s and no socket: exit 2" test "$rc" = 2
check "... naming the places it looked, in order" \
	grep -qzF "$(printf 'countdownctl:   %s: no socket there\n' "$T/none/countdownd/control" "$T/none/countdownd.sock")" "$T/err"
check "... the system service's last" grep -q "^countdownctl:   /run/countdownd/control: " "$T/err"
"$CTL" >/dev/null 2>&1; rc=$?
check "countdownctl without a command: usage, exit 64" test "$rc" = 64
"$CTL" next --json >/dev/null 2>&1; rc=$?
check "countdownctl next --json: usage, exit 64" test "$rc" = 64

# ---- goto plays the right entry; prev, replay, next ----
m=$(log_mark); out=$("$CTL" goto '#8'); rc=$?
check "goto #8: exit 0, says what starts" matches "$rc $out" '^0 (starting|playing): 4/12: #8 "Hello" & '

check "goto #8 plays 4/12" log_since "$m" '^playing 4/12: #8 "Hello" & "I Told You I Wanna Die" by Huh Gak$' 10
m=$(log_mark); "$CTL" goto 2 >/dev/null
check "goto 2 plays 2/12 (#10)" log_since "$m" '^playing 2/12: #10 "You and I" by Park Bom$' 10
m=$(log_mark); "$CTL" goto '#1' >/dev/null
check "goto #1 plays 12/12" log_since "$m" '^playing 12/12: #1 "Haru Haru" by BIGBANG$' 10
m=$(log_mark); "$CTL" prev >/dev/null
check "prev plays 11/12" log_since "$m" '^playing 11/12: honorable mentions$' 10
m=$(log_mark); "$CTL" replay >/dev/null
check "replay plays 11/12 again" log_since "$m" '^playing 11/12: honorable mentions$' 10
m=$(log_mark); "$CTL" next >/dev/null
check "next plays 12/12" log_since "$m" '^playing 12/12: ' 10
sleep 1.2
out=$("$CTL" status)
check "status while playing: the entry and a progress bar" matches "$out" \
	'^playing 12/12: #1 "Haru Haru" by BIGBANG  \[#{1,3}-{9,11}\] 0:0[1-9] / 0:[01][0-9]'$'\n''end of the countdown$'

diag "status: $out"
out=$("$CTL" status --json)
check "status --json is JSON, numbers as numbers" perl -MJSON::PP -e '
	my $j = decode_json($ARGV[0]);
	exit !($j->{state} eq "playing" && $j->{index} == 12 && $j->{rank} == 1 &&
	    $j->{entries} == 12 && $j->{total} > $j->{elapsed} && $j->{elapsed} > 0.5 &&
	    !exists $j->{next})' "$out"
out=$("$CTL" list)
check "list marks the entry playing" test "$(grep '^>' <<<"$out")" = '> 12  #1 "Haru Haru" by BIGBANG'

out=$("$CTL" list --json)
check "list --json: 12 objects, the current one marked" perl -MJSON::PP -e '
	my $j = decode_json($ARGV[0]);
	my @c = grep { $_->{current} } @$j;
	exit !(@$j == 12 && @c == 1 && $c[0]{index} == 12 && $c[0]{rank} == 1 &&
	    $c[0]{credit} eq "BIGBANG" && !defined $j->[0]{rank} && $j->[10]{kind} eq "mentions")' "$out"

# ---- stop: silent at once ----
ms=$($RAW timed "$SOCK" stop)
s1=$(file_size "$T/out.wav"); sleep 0.5; s2=$(file_size "$T/out.wav")
diag "stop answered in ${ms% *} ms; file $s1 then $s2 bytes"
check "stop: OK within 100 ms" matches "$ms" '^[0-9]{1,2}\.[0-9] OK$'

check "stop: not one sample written after its OK" test "$s1" = "$s2"
check "stop: logged" grep -q '^stopped 12/12' "$T/daemon.log"
check "status after stop: idle, nothing left" test "$("$CTL" status)" = "idle
end of the countdown"
"$CTL" next 2>"$T/err"; rc=$?
check "next at the end: ERR state, exit 1" test "$rc" = 1 -a "$(cat "$T/err")" = 'countdownctl: the countdown is over ("goto 1" starts it again)'


# ---- wait, pause, resume ----
status_is_notified() {
	local s now next
	s=$("$CTL" status)
	now=$(head -n1 <<<"$s" | sed 's/  \[[#-]*\] [0-9:]* \/ [0-9:]*$//')
	next=$(tail -n1 <<<"$s")
	grep 'STATUS=' "$T/notify" | tail -n1 | sed 's/^[0-9]* STATUS=//' | grep -qxF -- "$now; $next"
}
m=$(log_mark); "$CTL" goto 11 >/dev/null
timeout 60 "$CTL" wait; rc=$?
check "wait: exit 0 once the entry ended" test "$rc" = 0
check "wait: answered after the entry finished, not before" log_since "$m" '^finished 11/12$' 0.1
m=$(log_mark); "$CTL" goto 10 >/dev/null
log_since "$m" '^playing 10/12' 10
sleep 0.5
out=$("$CTL" pause)
check "pause: says what paused, and where" matches "$out" $'^paused: 10/12: #2 "Please Don\'t" by K. Will\nelapsed: 0\.[0-9]{2}$'
check "status while paused" starts_with "$("$CTL" status)" "paused 10/12: #2 \"Please Don't\" by K. Will  ["
check "pause twice: ERR state already paused" test "$(raw pause)" = "ERR state already paused"
check "STATUS= says what status says (the bar aside)" status_is_notified
check "resume: OK, plays on" test "$("$CTL" resume)" = "playing: 10/12: #2 \"Please Don't\" by K. Will"
check "resume twice: ERR state" test "$(raw resume)" = "ERR state nothing is paused"
check "log: paused, resumed" bash -c "grep -q '^paused 10/12$' '$T/daemon.log' && grep -q '^resumed 10/12$' '$T/daemon.log'"
"$CTL" stop >/dev/null

# ---- pause and resume: not a sample lost or repeated ----
# eSpeak NG's output depends on what its process synthesized before, so the
# run to compare with is another daemon that synthesizes the same: entry 1
# ahead at start-up, then entry 11. P plays 11 whole; Q plays it paused
# and resumed three times. Their files must hold the same samples.
for d in P Q; do
	sed "s|$T/out.wav|$T/$d.wav|" "$T/c.conf" >"$T/$d.conf"
	echo "control = { socket = \"$T/$d.sock\"; };" >>"$T/$d.conf"
	spawn "$d" "${COUNTDOWND:-$B/check/countdownd}" -f "$T/$d.conf"
	eval "${d}_PID=\$SPAWNED"
done
wait_line "$T/P.err" '^ready: ' 20 && wait_line "$T/Q.err" '^ready: ' 20 ||
	not_ok "daemons P and Q ready"
sleep 2		# entry 1, made ahead, is done in both
"$CTL" -s "$T/P.sock" goto 11 >/dev/null
"$CTL" -s "$T/Q.sock" goto 11 >/dev/null
wait_line "$T/Q.err" '^playing 11/12' 10
grew=0
for i in 1 2 3; do
	sleep 0.$((3 + i * 2))
	out=$("$CTL" -s "$T/Q.sock" pause) || not_ok "pause $i" "$out"
	a=$(stat -c %s "$T/Q.wav"); sleep 0.6; b=$(stat -c %s "$T/Q.wav")
	[ "$a" = "$b" ] || grew=1
	out=$("$CTL" -s "$T/Q.sock" resume) || not_ok "resume $i" "$out"
done
check "paused: the file does not grow" test "$grew" = 0
timeout 60 "$CTL" -s "$T/P.sock" wait
timeout 60 "$CTL" -s "$T/Q.sock" wait
sox "$T/P.wav" -t raw "$T/P.raw"
sox "$T/Q.wav" -t raw "$T/Q.raw"
diag "entry 11: $(soxi -s "$T/P.wav") samples whole, $(soxi -s "$T/Q.wav") paused and resumed"
check "pause/resume: the very samples of the whole run, none lost or repeated" \
	bash -c "[ \$(stat -c %s '$T/P.raw') -gt 44100 ] && cmp '$T/P.raw' '$T/Q.raw'"
check "the two logs: played 11 once each, Q paused 3 times" \
	bash -c "grep -c '^paused 11/12' '$T/Q.err' | grep -qx 3 && grep -q '^finished 11/12' '$T/P.err'"
stop_pid "$P_PID"
stop_pid "$Q_PID"

# ---- wait while an entry is being made, and when it is cut ----
m=$(log_mark); "$CTL" goto 3 >/dev/null
t0=$(_now_us); "$CTL" wait; t1=$(_now_us)
check "wait right after goto (still synthesizing): waits for that entry's end" log_since "$m" '^finished 3/12$' 0.1
diag "wait lasted $(( (t1 - t0) / 1000 )) ms"
m=$(log_mark); "$CTL" goto 4 >/dev/null
log_since "$m" '^playing 4/12' 10
( "$CTL" wait; echo "rc=$?" >"$T/wait.rc" ) &
sleep 0.5
check "wait: still waiting while the entry plays" test ! -e "$T/wait.rc"
"$CTL" stop >/dev/null
end=$(( $(_now_us) + 2000000 ))
while [ ! -s "$T/wait.rc" ] && [ "$(_now_us)" -lt "$end" ]; do sleep 0.02; done
check "wait: answered when the entry is stopped" grep -qx 'rc=0' "$T/wait.rc"

# ---- status --follow ----
m=$(log_mark); "$CTL" goto 5 >/dev/null
log_since "$m" '^playing 5/12' 10
timeout 30 "$CTL" status --follow >"$T/follow" &
fpid=$!
sleep 2.3
"$CTL" stop >/dev/null
wait "$fpid"; rc=$?
check "status --follow: ends (exit 0) when the entry ends" test "$rc" = 0
n=$(grep -c '^playing 5/12: #7 "The Day Before" by Nell  \[[#-]*\] 0:0[0-9] / 0:' "$T/follow")
check "status --follow: a progress line per change, not a terminal ($n)" test "$n" -ge 2
diag "follow: $(tr '\n' '|' <"$T/follow")"
out=$(timeout 5 "$CTL" status --follow)
check "status --follow with nothing playing: the status, once" test "$out" = "idle
next: 6/12: #6 \"Wedding Dress\" by Taeyang; no play scheduled"

# ---- play and playpause: a media player's buttons (MPRIS's too) ----
WD='6/12: #6 "Wedding Dress" by Taeyang'
m=$(log_mark)
out=$("$CTL" play)
check "play with nothing playing: the next entry ($out)" matches "$out" "^(starting|playing): $WD\$"
log_since "$m" '^playing 6/12' 10
check "play while it plays: nothing changes" test "$("$CTL" play)" = "playing: $WD"
check "playpause while it plays: paused" test "$("$CTL" playpause)" = "paused: $WD"
check "playpause while paused: plays on" test "$("$CTL" playpause)" = "playing: $WD"
check "log: paused, resumed, no second play" bash -c "tail -n +$(( m + 1 )) '$T/daemon.log' |
	grep -c -e '^paused 6/12$' -e '^resumed 6/12$' -e '^playing 6/12' | grep -qx 3"
"$CTL" stop >/dev/null

# ---- reload refused ----
cp "$T/c.conf" "$T/c.good"
echo 'voice = { rate = 9999; };' >>"$T/c.conf"
"$CTL" reload 2>"$T/err"; rc=$?
check "reload of a bad config: exit 1, ERR config" test "$rc" = 1 -a "$(cut -c1-29 "$T/err")" = "countdownctl: reload refused;"
cp "$T/c.good" "$T/c.conf"
check "reload of a good config again: exit 0" "$CTL" reload

# ---- stale and live sockets ----
cat >"$T/b.conf" <<EOF
script = "$SCRIPT";
audio = { output = "file"; path = "$T/b.wav"; };
control = { socket = "$T/b.sock"; };
EOF
$RAW stale "$T/b.sock"
check "a stale socket is there" test -S "$T/b.sock"
spawn b "${COUNTDOWND:-$B/check/countdownd}" -f "$T/b.conf"
BPID=$SPAWNED
wait_line "$T/b.err" '^ready: ' 20
check "a stale socket is replaced" grep -qF "control: removed the stale socket $T/b.sock" "$T/b.err"
check "... and answers" "$CTL" -s "$T/b.sock" status
sed "s|$T/b.sock|$SOCK|" "$T/b.conf" >"$T/c2.conf"
spawn c2 "${COUNTDOWND:-$B/check/countdownd}" -f "$T/c2.conf"
C2PID=$SPAWNED
wait_line "$T/c2.err" '^ready: ' 20
check "a live socket is left alone, with a warning" grep -qF "control: another countdownd answers at $SOCK" "$T/c2.err"
check "... the second daemon runs on without one" grep -q "no control socket; signals still work" "$T/c2.err"
check "... and does not exit" kill -0 "$C2PID"
stop_pid "$C2PID"
check "... and at its exit leaves the first one's socket there" "$CTL" status
stop_pid "$BPID"
check "the socket is removed at exit" test ! -e "$T/b.sock"

# ---- idle means idle: no timer while no client is connected ----
wakeups() { thread_wakeups "$DPID"; }
sleep 0.5
w0=$(wakeups); sleep 3; w1=$(wakeups)
check "idle, no client: no thread wakes in 3 s ($((w1 - w0)) context switches)" test "$w1" = "$w0"
$RAW idle "$SOCK" >/dev/null &
ipid=$!
sleep 0.5
w0=$(wakeups); sleep 3.5; w1=$(wakeups)
check "a silent client: no wakeup before its 10 s are up ($((w1 - w0)))" test "$w1" = "$w0"
kill "$ipid"; wait "$ipid" 2>/dev/null
sleep 0.3
w0=$(wakeups); sleep 7; w1=$(wakeups)
check "once it left, its timer is off: no wakeup when its 10 s would have been up ($((w1 - w0)))" test "$w1" = "$w0"

# ---- a client waiting when the daemon stops ----
m=$(log_mark); "$CTL" goto 6 >/dev/null
log_since "$m" '^playing 6/12' 10
"$CTL" wait 2>"$T/err" &
wpid=$!
sleep 0.3
daemon_stop TERM 5
wait "$wpid"; rc=$?
check "SIGTERM: a waiting client is told (exit 1)" test "$rc" = 1 -a "$(cat "$T/err")" = "countdownctl: countdownd is stopping"
check "SIGTERM: daemon exits 0" test "$DRC" = 0
check "SIGTERM: the socket is removed" test ! -e "$SOCK"
check "no sanitizer report" test -z "$(grep -l -e 'ERROR: AddressSanitizer' -e 'runtime error' -e 'LeakSanitizer' "$T"/*.err "$T/daemon.log")"
