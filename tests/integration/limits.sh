#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Memory bounded by design (countdown-script(5), LIMITS): an entry whose
# speech would last more than 5 minutes is refused when the script is
# loaded, with its line; one that passes the limit anyway while it is being
# made (emoji, which eSpeak NG says by their long names) is cut off by the
# synth thread and skipped with an error. Through both, the daemon's
# anonymous memory stays under 64 MB.
. "$(dirname "$0")/lib.sh"
t_setup
LIMIT_KB=65536

# one entry with a 1 MB body: some 16 hours of speech, 2.5 GB of sound
{
	printf 'Top 1 Long One\n\n#1: "Endless" (2020)\nSome Band\n\n'
	yes 'The piano plays slowly under her voice while the rain falls on the empty city at night.' |
		head -c 1000000
	echo
} >"$T/big.txt"
printf 'audio = { output = "file"; path = "%s/out.wav"; };\n' "$T" >"$T/file.conf"
refusal='big\.txt:3: entry 2/2: #1 "Endless" by Some Band: about [0-9.]+ minutes of speech at voice\.rate 165, and an entry may last at most 5 minutes'

"$B/check/countdownd" -f "$T/file.conf" -s "$T/big.txt" -n >"$T/n.out" 2>&1
check "-n: a 1 MB entry body is refused: exit 65" test $? = 65
check "-n: the refusal names the file, the line and the entry" grep -Eq "$refusal" "$T/n.out"
daemon_start -f "$T/file.conf" -s "$T/big.txt"
daemon_wait 30
check "the daemon refuses it at start: exit 65, before any synthesis" test "${DRC:-x}" = 65
check "... with its line" grep -Eq "$refusal" "$T/daemon.log"
"$B/check/countdownd" -f "$T/file.conf" -s "$T/big.txt" --render "$T/big.wav" >"$T/r.out" 2>&1
check "--render refuses it too: exit 65" test $? = 65
check "--render: with its line" grep -Eq "$refusal" "$T/r.out"

# a reload to it is refused; the running script stays and plays
cp tests/data/short.txt "$T/script.txt"
daemon_start -f "$T/file.conf" -s "$T/script.txt"
wait_line "$T/daemon.log" '^ready: ' 20
cp "$T/big.txt" "$T/script.txt"
send_sig HUP "$DPID" >/dev/null
wait_line "$T/daemon.log" 'reload refused' 30
check "SIGHUP to it: refused with its line" grep -Eq "script\.txt:3: entry 2/2: #1 \"Endless\"" "$T/daemon.log"
send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^finished 1/4' 20
check "... the old script plays on" grep -qx 'finished 1/4' "$T/daemon.log"
daemon_stop

# Past the estimate: 450 emoji (some 4.5 minutes, made whole) and 1,000
# (more than 10 minutes: cut off at 5). The release build is measured:
# AddressSanitizer's shadow and quarantine are not the daemon's memory.
emoji() { python3 -c "
e = '\U0001F3B5 \U0001F494 \U0001F622 \U0001F327 \U0001F3B9 \U0001F319 \u2B50 \U0001F525'.split()
print(' '.join(e[i % len(e)] for i in range($1)))"; }
{
	printf 'Emoji Countdown\n\n#3: "Near"\n'; emoji 450
	printf '\n#2: "Over"\n'; emoji 1000
	printf '\n#1: "Fine"\nA short body.\n'
} >"$T/emoji.txt"
"$B/countdownd" -f "$T/file.conf" -s "$T/emoji.txt" -n >/dev/null 2>&1
check "the emoji script passes the estimate at load" test $? = 0
DSTART_NS=$(mono_now)
"$B/countdownd" -f "$T/file.conf" -s "$T/emoji.txt" >"$T/daemon.log" 2>&1 &
DPID=$! T_PIDS+=("$DPID") T_ALL+=("$DPID")
spawn rss bash -c "while awk '/^RssAnon:/ { print \$2 }' /proc/$DPID/status 2>/dev/null; do sleep 0.05; done"
wait_line "$T/daemon.log" '^ready: ' 20
send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^finished 1/4' 20
send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^playing 2/4' 30
wait_line "$T/daemon.log" 'cut off: it is skipped' 60
check "made ahead, the entry past the limit is cut off, with its line" \
	grep -q '^entry 3/4: #2 "Over" (line 6): its speech passed 5 minutes while being made' "$T/daemon.log"
check "the entry under the limit plays (not cut)" bash -c "! grep -q '^entry 2/4' '$T/daemon.log'"
sleep 1
"$B/countdownctl" next >"$T/next.out" 2>&1
check "countdownctl next to it: ERR length" grep -q 'too long to play whole' "$T/next.out"
check "log: skipped 3/4, too long to play" grep -qx 'skipped 3/4: #2 "Over": too long to play' "$T/daemon.log"
send_sig USR1 "$DPID" >/dev/null
wait_line "$T/daemon.log" '^finished 4/4' 20
check "the entry after it plays" grep -qx 'finished 4/4' "$T/daemon.log"
daemon_stop
peak=$(sort -n "$T/rss" | tail -n1)
diag "RssAnon: first $(head -n1 "$T/rss") kB, peak $peak kB (a 4.5-minute clip playing, the next cut off at 5)"
check "peak RssAnon under 64 MB ($peak kB)" test "${peak:-999999}" -lt "$LIMIT_KB"
