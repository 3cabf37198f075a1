#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The soak, run by tests/stress/run (B the build dir). The release daemon
# plays the bundled countdown in a loop (continuous, gap 0, voice.rate 450)
# to the file output for STRESS_SECONDS (600), while it gets a SIGUSR1
# every 50 ms, a `countdownctl status` every 100 ms and a SIGHUP every 5 s.
# RssAnon, open fds and threads are sampled each second from STRESS_WARMUP
# (20) s on; the largest of the first minute is the baseline, and the
# largest and the last sample may pass it by RSS_SLACK_KB (1024) kB, 1 fd
# and no thread at most. Prints the first, the largest and the last sample
# and ok/not ok lines.
. "$(dirname "$0")/../integration/lib.sh"
t_setup
SECONDS_RUN=${STRESS_SECONDS:-600}
WARMUP=${STRESS_WARMUP:-20}
SLACK=${RSS_SLACK_KB:-1024}
CTL=$B/countdownctl
COUNTDOWND=$B/countdownd
cat >"$T/soak.conf" <<EOF
script = "$PWD/data/scripts/saddest-kpop-mvs.txt";
lexicon = "$PWD/data/lexicon.txt";
voice = { rate = 450; };
audio = { output = "file"; path = "$T/soak.wav"; };
schedule = { mode = "continuous"; gap = 0; loop = true; };
state = { file = "$T/position"; };
EOF

daemon_start -f "$T/soak.conf"
wait_line "$T/daemon.log" '^ready: ' 20 || { not_ok "daemon ready"; cat "$T/daemon.log"; exit 1; }
ok "daemon ready (pid $DPID), $SECONDS_RUN s of soak"
end=$(( $(_now_us) + SECONDS_RUN * 1000000 ))
running() { [ "${EPOCHREALTIME/./}" -lt "$end" ] && _alive "$DPID"; }

# the actors, each a loop of its own until the end
( while running; do kill -USR1 "$DPID" 2>/dev/null; sleep 0.05; done ) &
A1=$!
( while running; do kill -HUP "$DPID" 2>/dev/null; sleep 5; done ) &
A2=$!
# status: every reply's time in ms, "fail" for a failed one
( while running; do
	if ctl_status; then echo "$STATUS_MS"; else echo fail; fi
	sleep 0.1
done >"$T/status.ms" ) &
A3=$!
# the sampler: "SECOND RSSANON_KB FDS THREADS"
( i=0; while running; do
	echo "$i $(proc_sample "$DPID")"
	i=$(( i + 1 ))
	sleep 1
done >"$T/samples" ) &
A4=$!
T_PIDS+=("$A1" "$A2" "$A3" "$A4")
while running; do sleep 1; done
for p in "$A1" "$A2" "$A3" "$A4"; do wait "$p"; done

answers "after $SECONDS_RUN s"
daemon_stop TERM 10
check "SIGTERM: exit 0" test "${DRC:-x}" = 0

# the figures
n_status=$(grep -c . "$T/status.ms")
n_fail=$(grep -c fail "$T/status.ms")
diag "$(grep -v fail "$T/status.ms" | sort -n | awk '{ v[NR] = $1 } END {
	printf "status: %d answers, median %.1f ms, 99th %.1f ms, max %.1f ms", NR,
	    v[int((NR + 1) / 2)], v[(NR >= 100) ? int(NR * 0.99) : NR], v[NR] }')"
diag "log: $(count_lines "$T/daemon.log" '^playing ') entries started, $(count_lines "$T/daemon.log" '^finished ') finished, $(count_lines "$T/daemon.log" '^skipped ') skipped, $(count_lines "$T/daemon.log" '^reloaded') reloads, $(( $(soxi -s "$T/soak.wav" 2>/dev/null || echo 0) / 22050 )) s of audio written"
check "every status answered ($n_status asked)" test "$n_fail" = 0 -a "$n_status" -gt 0
check "no error or warning in the log" bash -c "! grep -Eiv '^(ready|playing|finished|skipped|reloading|reloaded|stopped|end of the countdown|starting|next|the countdown)' '$T/daemon.log' | grep -q ."
# RssAnon goes up and down by the size of the clips in memory (the one
# playing, the next one made): the baseline is the largest sample of the
# first minute after the warm-up, and a leak is growth past it
awk -v w="$WARMUP" -v slack="$SLACK" '
	$1 < w { next }
	{ n++; line[n] = $0; r[n] = $2; f[n] = $3; t[n] = $4 }
	END {
		if (!n) { print "not ok - no samples after the warm-up"; exit 1 }
		m = n < 120 ? int(n / 2) : 60
		if (m < 1) m = 1
		for (i = 1; i <= n; i++) {
			if (i <= m && r[i] > base) base = r[i]
			if (i <= m && f[i] > fbase) fbase = f[i]
			if (i <= m && t[i] > tbase) tbase = t[i]
			if (r[i] > rmax) { rmax = r[i]; big = line[i] }
			if (f[i] > fmax) fmax = f[i]
			if (t[i] > tmax) tmax = t[i]
		}
		printf "# samples (second RssAnon_kB fds threads), %d after %d s of warm-up:\n", n, w
		printf "#   first   %s\n#   largest %s (most fds %d, most threads %d)\n#   last    %s\n", line[1], big, fmax, tmax, line[n]
		printf "#   baseline, the largest of the first %d: RssAnon %d kB, %d fds, %d threads\n", m, base, fbase, tbase
		bad = rmax > base + slack || r[n] > base + slack || fmax > fbase + 1 || tmax > tbase
		printf "%s - RssAnon, fds, threads flat (largest RssAnon %+d kB from the baseline, bound %d)\n", bad ? "not ok" : "ok", rmax - base, slack
		exit bad
	}' "$T/samples"
