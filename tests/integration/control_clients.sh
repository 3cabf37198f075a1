#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Bad clients of the control socket: a 1 MiB line, binary garbage, 200 at
# once, more than the daemon takes, clients that connect and never write,
# that hang up mid-reply, that never read. Through all of it the daemon
# plays on (a countdown in a loop into a file) and answers at once; after
# it, it holds the fds it held before and no more memory.
. "$(dirname "$0")/lib.sh"
t_setup
CTL=$B/check/countdownctl
RAW="perl $PWD/tests/integration/control_client.pl"
SOCK=$T/ctl.sock
cat >"$T/c.conf" <<EOF
script = "$PWD/data/scripts/saddest-kpop-mvs.txt";
voice = { rate = 300; };
audio = { output = "file"; path = "$T/out.wav"; };
schedule = { mode = "continuous"; gap = 0.2; loop = true; };
control = { socket = "$SOCK"; };
EOF

playing() { "$CTL" -s "$SOCK" status | head -n1 | grep -q '^playing '; }
timed_out() { [[ $1 =~ ^(9\.[5-9]|10\.[0-9]|11\.[0-4])\ ERR\ timeout\ nothing\ received\ for\ 10\ s$ ]]; }
within_ms() { [[ $1 =~ ^([0-9.]+)\ OK$ ]] && awk -v m="${BASH_REMATCH[1]}" -v l="$2" 'BEGIN { exit !(m < l) }'; }

# ASan keeps freed memory in quarantine (up to 256 MB) to catch uses after
# free: RSS would grow with every clip played. Without it RSS tells a leak.
ASAN_OPTIONS=${ASAN_OPTIONS:-}:quarantine_size_mb=0 daemon_start -f "$T/c.conf"
wait_line "$T/daemon.log" '^playing 1/12' 30 || { not_ok "daemon plays"; sed 's/^/#   /' "$T/daemon.log"; exit 1; }
ok "daemon plays"

# one round of everything at once; "$1" names it in the results
barrage() {
	local r i idle=() t0 s0 grown secs
	t0=$(_now_us) s0=$(file_size "$T/out.wav")
	for i in 1 2 3; do
		$RAW idle "$SOCK" >"$T/idle.$i" &
		idle+=($!)
	done
	r=$($RAW long "$SOCK" 1048576)
	check "$1: a 1 MiB line: ERR toolong, closed" test "$(head -n1 <<<"$r")" = "ERR toolong a line is 4096 bytes at most; closing"
	head -c 65536 /dev/urandom >"$T/junk"
	r=$($RAW raw "$SOCK" "$T/junk")
	check "$1: 64 KiB of binary garbage: nothing but ERR lines" test -n "$r" -a -z "$(grep -v '^ERR \(usage\|toolong\) ' <<<"$r")"
	r=$($RAW many "$SOCK" 200)
	check "$1: 200 clients at once: each answered ($r)" test "$r" = "200 OK, 0 busy"
	r=$($RAW hangup "$SOCK" 800)
	check "$1: a client that hangs up mid-reply" test "$r" = "read 100"
	r=$($RAW deaf "$SOCK" 100000)
	diag "$1: a client that never reads got this far: $r"
	r=$($RAW timed "$SOCK" status)
	check "$1: while all that is connected, status answers within 100 ms (${r% *} ms)" within_ms "$r" 100
	for i in "${!idle[@]}"; do
		wait "${idle[i]}"
	done
	r=$(cat "$T/idle.1")
	check "$1: a client that never writes: ERR timeout after 10 s ($r)" timed_out "$r"
	check "$1: ... every one of them" test "$(cat "$T"/idle.* | grep -c 'ERR timeout')" = 3
	secs=$(( ($(_now_us) - t0) / 1000 ))
	grown=$(( ($(file_size "$T/out.wav") - s0) / 2 * 1000 / 22050 ))
	diag "$1: in $secs ms, $grown ms of sound were played"
	check "$1: the daemon played on throughout (${grown} of ${secs} ms)" test "$(( grown * 10 ))" -ge "$(( secs * 8 ))"
}

barrage "round 1"
sleep 0.5
fd1=$(proc_fds "$DPID") rss1=$(proc_kb "$DPID" VmRSS)
barrage "round 2"
sleep 0.5
fd2=$(proc_fds "$DPID") rss2=$(proc_kb "$DPID" VmRSS)
barrage "round 3"
sleep 0.5
fd3=$(proc_fds "$DPID") rss3=$(proc_kb "$DPID" VmRSS)
diag "fds after each round: $fd1 $fd2 $fd3; VmRSS (kB): $rss1 $rss2 $rss3"
check "no fd growth ($fd1 $fd2 $fd3)" test "$fd1" = "$fd2" -a "$fd2" = "$fd3"
check "no memory growth (VmRSS $rss1 $rss2 $rss3 kB, within 2 MiB)" \
	test "$(( rss3 - rss1 ))" -lt 2048

# more clients than it takes: the rest are told, not left hanging
r=$($RAW many "$SOCK" 300)
check "300 clients at once: 256 answered, the rest ERR busy ($r)" test "$r" = "256 OK, 44 busy"
"$CTL" -s "$SOCK" status >/dev/null
check "then a client is answered as ever" test $? = 0

# the boundary of a line: 4096 bytes with its newline
line=$(printf 'x%.0s' $(seq 4095))
r=$($RAW talk "$SOCK" "$line" status | grep -E '^(OK|ERR)')
check "a line of 4096 bytes with its newline is read (and is not a command)" \
	test "$(tr '\n' '|' <<<"$r")" = 'ERR usage unknown command "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" ("help" lists them)|OK|'
r=$($RAW talk "$SOCK" "x$line" status | grep -E '^(OK|ERR)')
check "one byte more: ERR toolong, and the connection closed" \
	test "$r" = "ERR toolong a line is 4096 bytes at most; closing"

check "the daemon still plays" playing
daemon_stop TERM 5
check "exit 0 on SIGTERM" test "$DRC" = 0
check "no sanitizer report" test -z "$(grep -l -e 'ERROR: AddressSanitizer' -e 'runtime error' -e 'LeakSanitizer' "$T/daemon.log")"
