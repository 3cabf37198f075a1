# SPDX-License-Identifier: GPL-3.0-or-later
# tests/integration/lib.sh: sourced by the integration tests, never run alone:
#	. "$(dirname "$0")/lib.sh"; t_setup
# Tests run from the repo root with $B the build dir. Every process started
# here is tracked by PID and stopped on exit: other work shares the machine,
# so nothing is ever killed by name.
#
#   t_setup                  private $T (kept with KEEP=1), HOME and
#                            XDG_RUNTIME_DIR in it, clean-up trap on EXIT
#   ok NAME | not_ok NAME [WHY] | check NAME CMD...      TAP-ish result lines
#   diag TEXT...             "# TEXT" lines
#   spawn NAME CMD...        CMD in the background, stdout $T/NAME,
#                            stderr $T/NAME.err; its pid in $SPAWNED
#   stop_pid PID [SIG] [S]   signal PID (TERM), wait up to S (5) seconds,
#                            then SIGKILL; its exit status in $STOPPED_RC
#   wait_exit PID [S]        wait for PID to exit by itself: 1 if it did
#                            not within S (5) s, else status in $STOPPED_RC
#   t_leftovers              pids started here that still run
#   pulse_start | pulse_stop | pulse_kill      private PulseAudio, null sink
#   rec_start [ARGS] | rec_stop                tool_parec_events -> $T/events
#   notify_start | notify_stop                 NOTIFY_SOCKET listener -> $T/notify
#   daemon_start ARGS | daemon_wait [S] | daemon_stop [SIG] [S]
#                            $COUNTDOWND (the sanitized build unless set:
#                            tsan.sh sets the ThreadSanitizer one)
#                            -> $T/daemon.log, $DPID, $DRC
#   mono_now | send_sig SIG PID              CLOCK_MONOTONIC ns (of the kill)
#   thread_wakeups PID       context switches of PID's threads so far
#   wait_line FILE REGEX S | count_lines FILE REGEX | wait_count FILE REGEX N S
#   event_after KIND NS S    the first "KIND T" event of $T/events with T >= NS
#   ms_between NS1 NS2 | num_lt A B
#   wav_seconds FILE | wav_active_seconds FILE
#   ctl_status               countdownctl status, timed: $STATUS_MS, reply in
#                            $T/status; 1 when it did not answer OK
#   answers NAME             the daemon alive and answering status in time
#   proc_sample PID          "RSSANON_KB FDS THREADS" of a running process
#   proc_fds PID | proc_kb PID FIELD | rss_anon PID    one figure of it: open
#                            fds, a kB field of /proc/PID/status (VmRSS),
#                            RssAnon
#   file_size FILE           bytes, 0 while FILE does not exist
#   flat NAME FIRST LAST     each of proc_sample's figures grew at most by its
#                            bound (RSS_SLACK_KB, 0 fds, 0 threads)
#   snap_server_start FIFO [BUFFER_MS] | snap_client_start ROOM   Snapcast on
#                            127.0.0.1, ports from $$: $SNAP_PID, $SNAP_PORT,
#                            ${SNAP_CLIENT[ROOM]}

[ "${BASH_SOURCE[0]}" != "$0" ] || exit 0	# tests/run runs every *.sh here

B=${B:-build}
TOOLS=$B/check
T_PIDS=()	# running, stopped on exit
T_ALL=()	# every pid ever started, for t_leftovers
declare -A SNAP_CLIENT	# room -> pid (snap_client_start)
SNAP_INSTANCE=0

# seconds (decimal allowed) -> microseconds, without forking
_us() {
	local i=${1%%.*} f=
	[[ $1 == *.* ]] && f=${1#*.}
	f=${f}000000
	echo $(( ${i:-0} * 1000000 + 10#${f:0:6} ))
}
_now_us() { echo "${EPOCHREALTIME/./}"; }

diag() { local l; for l in "$@"; do printf '# %s\n' "$l"; done; }
ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; [ $# -lt 2 ] || diag "$2"; }

# check NAME CMD...: one result line; the command's output as diagnostics
# when it fails
check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$name"
	else
		not_ok "$name" "failed: $*"
		[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/#   /'
	fi
}

t_setup() {
	T=$(mktemp -d /tmp/countdownd-test.XXXXXX) || exit 1
	export T
	# nothing a test starts touches the real user's files, audio server or
	# service manager; PULSE_SERVER is set even before pulse_start, so
	# that no client autospawns a server of its own meanwhile
	export HOME=$T XDG_RUNTIME_DIR=$T XDG_CONFIG_HOME=$T/.config
	export PULSE_RUNTIME_PATH=$T/pulse PULSE_SERVER=unix:$T/pulse/native
	unset NOTIFY_SOCKET WATCHDOG_USEC WATCHDOG_PID PULSE_SINK PULSE_SOURCE
	trap t_cleanup EXIT
	trap 'exit 143' TERM
	trap 'exit 130' INT
}

t_cleanup() {
	local pids=("${T_PIDS[@]}") i
	# newest first, the audio server last: clients go before their server
	for (( i = ${#pids[@]} - 1; i >= 0; i-- )); do
		[ "${pids[i]}" = "${PULSE_PID:-}" ] || stop_pid "${pids[i]}" TERM 3
	done
	pulse_stop
	if [ "${KEEP:-0}" = 1 ]; then
		diag "kept $T"
	else
		rm -rf "$T"
	fi
}

_alive() {
	local s
	kill -0 "$1" 2>/dev/null || return 1
	# a zombie not yet reaped by bash is not alive
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	s=${s##*) }
	[ "${s%% *}" != Z ]
}

# spawn NAME CMD...: bash runs background jobs with SIGINT and SIGQUIT
# ignored; env --default-signal gives them back, so SIGINT tests are real
spawn() {
	local name=$1
	shift
	env --default-signal=INT,QUIT "$@" >"$T/$name" 2>"$T/$name.err" &
	SPAWNED=$!
	T_PIDS+=("$SPAWNED") T_ALL+=("$SPAWNED")
}

stop_pid() {
	local pid=$1 sig=${2:-TERM} end i
	end=$(( $(_now_us) + $(_us "${3:-5}") ))
	kill -s "$sig" "$pid" 2>/dev/null
	while _alive "$pid" && [ "$(_now_us)" -lt "$end" ]; do sleep 0.02; done
	if _alive "$pid"; then
		diag "pid $pid still running ${3:-5} s after SIG$sig: SIGKILL"
		kill -KILL "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	STOPPED_RC=$?
	for i in "${!T_PIDS[@]}"; do
		[ "${T_PIDS[i]}" = "$pid" ] && unset 'T_PIDS[i]'
	done
	return 0
}

wait_exit() {
	local end
	end=$(( $(_now_us) + $(_us "${2:-5}") ))
	while _alive "$1"; do
		[ "$(_now_us)" -lt "$end" ] || return 1
		sleep 0.02
	done
	stop_pid "$1"
}

t_leftovers() {
	local p
	for p in "${T_ALL[@]}"; do _alive "$p" && echo "$p"; done
	return 0
}

wait_line() {
	local file=$1 re=$2 end
	end=$(( $(_now_us) + $(_us "$3") ))
	until grep -Eq -- "$re" "$file" 2>/dev/null; do
		[ "$(_now_us)" -lt "$end" ] || return 1
		sleep 0.02
	done
}

# wait_count FILE REGEX N S: until N lines match (bounded by S seconds)
wait_count() {
	local end
	end=$(( $(_now_us) + $(_us "$4") ))
	until [ "$(count_lines "$1" "$2")" -ge "$3" ]; do
		[ "$(_now_us)" -lt "$end" ] || return 1
		sleep 0.02
	done
}

count_lines() { local n; n=$(grep -Ec -- "$2" "$1" 2>/dev/null); echo "${n:-0}"; }

# thread_wakeups PID: the context switches of all of PID's threads so far,
# ThreadSanitizer's own left out under TSAN=1 (tsan.sh): its background
# thread wakes ten times a second. It is the first thread after the main
# one, started by the first pthread_create, just before countdownd's own.
thread_wakeups() {
	local t skip=
	[ -z "${TSAN:-}" ] || skip=$(ls /proc/"$1"/task | sort -n | sed -n 2p)
	for t in /proc/"$1"/task/*; do
		[ "${t##*/}" = "$skip" ] || cat "$t/status"
	done 2>/dev/null | awk '/ctxt_switches/ { n += $2 } END { print n }'
}

mono_now() { "$TOOLS/tool_monotime"; }
send_sig() { "$TOOLS/tool_sigsend" "$@"; }

# ms_between NS1 NS2: NS2 - NS1 in ms, one decimal; "?" when one is missing
ms_between() {
	[ -n "${1:-}" ] && [ -n "${2:-}" ] || { echo '?'; return 1; }
	awk -v d=$(( $2 - $1 )) 'BEGIN { printf "%.1f\n", d / 1e6 }'
}
# num_lt A B: A < B as numbers; false when either is not a number ("?")
num_lt() {
	awk -v a="$1" -v b="$2" 'BEGIN { n = "^-?[0-9]+([.][0-9]*)?$"; exit !(a ~ n && b ~ n && a + 0 < b + 0) }'
}

# PulseAudio: a private server on a null sink. PULSE_SERVER (t_setup) names
# its socket outright: libpulse, parec and the ALSA "pulse" and "default" devices (and
# so PortAudio) reach it whatever HOME a process has, and no client tries to
# autospawn another server while this one is down (fault tests). The socket
# is also where XDG_RUNTIME_DIR=$T alone leads. auth-anonymous: no cookie.
# ALSA's "default" is pulse only if the server answers when the ALSA config
# is loaded (Pa_Initialize): a client started before the server sees no
# "default" until it terminates and initializes PortAudio again.
# Timing: the null sink renders in 2 s blocks unless a client asks for low
# latency, so a new stream can wait up to 2 s for its first sample; the
# recorder (rec_start, 2 ms fragments) keeps it at 2 ms. Start the recorder
# before any playback whose timing or duration matters.
pulse_start() {
	local end
	# a PipeWire desktop: make deps-test installs no second server
	if ! command -v pulseaudio >/dev/null; then
		ok "# SKIP no pulseaudio for a private audio server (README: The two commands)"
		exit 0
	fi
	mkdir -p "$PULSE_RUNTIME_PATH"
	# root: only a warning ("not intended to be run as root"); --system
	# is not wanted, it would use the system-wide paths
	spawn pulseaudio pulseaudio --daemonize=no -n --exit-idle-time=-1 \
		--log-target=file:"$T/pulse.log" \
		--load="module-native-protocol-unix auth-anonymous=1 socket=$T/pulse/native" \
		--load="module-null-sink sink_name=nullsink" \
		--load=module-always-sink
	PULSE_PID=$SPAWNED
	end=$(( $(_now_us) + 10000000 ))
	until pactl info >/dev/null 2>&1; do
		if ! _alive "$PULSE_PID" || [ "$(_now_us)" -ge "$end" ]; then
			diag "pulseaudio did not start:"; sed 's/^/#   /' "$T/pulse.log"
			return 1
		fi
		sleep 0.02
	done
	pactl set-default-sink nullsink
}
pulse_stop() { [ -z "${PULSE_PID:-}" ] || stop_pid "$PULSE_PID" TERM 5; PULSE_PID=; }
pulse_kill() { [ -z "${PULSE_PID:-}" ] || stop_pid "$PULSE_PID" KILL 5; PULSE_PID=; }

# rec_start [parec_events args]: e.g. rec_start -w "$T/rec.wav"; -s MS
# (300) is the silence that ends a sound: a skip that cuts one entry and
# starts the next shows no new "sound" unless the gap is longer than that.
# The recorder exits when the server goes away: rec_start again after
# pulse_start (a new $T/events; times are comparable across both).
rec_start() {
	spawn events "$TOOLS/tool_parec_events" "$@"
	REC_PID=$SPAWNED
	wait_line "$T/events" '^ready ' 10 && return
	diag "recorder not ready:"; sed 's/^/#   /' "$T/events.err"
	return 1
}
rec_stop() { [ -z "${REC_PID:-}" ] || stop_pid "$REC_PID" TERM 5; REC_PID=; }

# event_after KIND NS TIMEOUT_S: prints the time of the first KIND event at
# or after NS (e.g. a trigger's time); 1 on timeout
event_after() {
	local kind=$1 ns=$2 end t
	end=$(( $(_now_us) + $(_us "$3") ))
	while :; do
		t=$(awk -v k="$kind" -v n="$ns" '$1 == k && $2 >= n { print $2; exit }' "$T/events" 2>/dev/null)
		[ -z "$t" ] || { echo "$t"; return 0; }
		[ "$(_now_us)" -lt "$end" ] || return 1
		sleep 0.02
	done
}

# notify_start: a NOTIFY_SOCKET for the daemon (daemon_start passes it on);
# lines "MONO_NS ASSIGNMENT" in $T/notify
notify_start() {
	NOTIFY_PATH=$T/notify.sock
	spawn notify "$TOOLS/tool_notify_listen" "$NOTIFY_PATH"
	NOTIFY_PID=$SPAWNED
	wait_line "$T/notify" ' listening ' 5
}
notify_stop() { [ -z "${NOTIFY_PID:-}" ] || stop_pid "$NOTIFY_PID" TERM 5; NOTIFY_PID=; }

# daemon_start ARGS...: the sanitized daemon ($COUNTDOWND); $DSTART_NS is
# taken just before it is started (start-up time = READY=1's time - $DSTART_NS)
daemon_start() {
	# emptied before the fork: a wait_line that follows must not find the
	# last daemon's "ready" and signal this one before it has blocked
	# its signals
	: >"$T/daemon.log"
	DSTART_NS=$(mono_now)
	env --default-signal=INT,QUIT ${NOTIFY_PATH:+NOTIFY_SOCKET=$NOTIFY_PATH} \
		"${COUNTDOWND:-$B/check/countdownd}" "$@" >"$T/daemon.log" 2>&1 &
	DPID=$!
	T_PIDS+=("$DPID") T_ALL+=("$DPID")
}
# daemon_wait [S]: wait for the daemon to exit by itself; 1 if it did not
daemon_wait() { wait_exit "$DPID" "${1:-5}" && DRC=$STOPPED_RC; }
daemon_stop() { stop_pid "$DPID" "${1:-TERM}" "${2:-5}"; DRC=$STOPPED_RC; }

wav_seconds() { soxi -D "$1"; }
# from the first to the last sample above 1% of full scale (pauses inside
# count): what a listener hears of a clip, comparable with `espeak-ng -w`
wav_active_seconds() {
	sox "$1" -n silence 1 0.005 1% reverse silence 1 0.005 1% reverse stat 2>&1 |
		awk '/^Length \(seconds\)/ { print $3 }'
}

# ctl_status: the release client (its start costs a few ms; the sanitized
# one's tens), timed from before it starts to its exit: the user's wait
ctl_status() {
	local t0 rc
	t0=$(_now_us)
	"$B/countdownctl" status >"$T/status" 2>&1
	rc=$?
	STATUS_MS=$(awk -v d=$(( $(_now_us) - t0 )) 'BEGIN { printf "%.1f\n", d / 1000 }')
	return $rc
}

# answers NAME: the daemon still runs and answers `countdownctl status`;
# the time is printed, the bound (STATUS_BOUND_MS, 1000) is generous: the
# goal is 100 ms, but the machine is shared and the daemon sanitized
answers() {
	if ! _alive "$DPID"; then
		not_ok "$1: the daemon is alive" "it is gone"
	elif ! ctl_status; then
		not_ok "$1: the daemon answers status" "$(cat "$T/status")"
	elif ! num_lt "$STATUS_MS" "${STATUS_BOUND_MS:-1000}"; then
		not_ok "$1: status answered in time" "$STATUS_MS ms"
	else
		ok "$1: alive, status answered in $STATUS_MS ms"
	fi
}

proc_fds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
proc_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
rss_anon() { proc_kb "$1" RssAnon; }
file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

proc_sample() {
	local fds
	fds=$(proc_fds "$1")
	awk -v fds="$fds" '/^RssAnon:/ { r = $2 } /^Threads:/ { t = $2 }
	    END { print r, fds, t }' "/proc/$1/status"
}

# flat NAME "RSS FDS THREADS" "RSS FDS THREADS": ok when the last sample is
# no larger than the first by more than RSS_SLACK_KB (2048), 0 fds, 0 threads
flat() {
	local a b
	read -ra a <<<"$2"
	read -ra b <<<"$3"
	if [ "${#a[@]}" = 3 ] && [ "${#b[@]}" = 3 ] &&
	    [ "${b[0]}" -le $(( a[0] + ${RSS_SLACK_KB:-2048} )) ] &&
	    [ "${b[1]}" -le "${a[1]}" ] && [ "${b[2]}" -le "${a[2]}" ]; then
		ok "$1: flat (RssAnon kB, fds, threads: $2 -> $3)"
	else
		not_ok "$1: flat" "RssAnon kB, fds, threads: $2 -> $3"
	fi
}

# Snapcast, for the many-rooms tests: a snapserver on 127.0.0.1 reading
# FIFO (made by countdownd: mode=read) with the source options that
# etc/snapserver-countdownd.conf.example recommends, its own data folder and
# a stream port derived from $$ (other tests may run at the same time); an
# empty config file keeps /etc/snapserver.conf's source out. A client per
# room plays into a null sink of that name of the private PulseAudio.
snap_server_start() {
	SNAP_PORT=${SNAP_PORT:-$(( 20000 + $$ % 20000 ))}
	mkdir -p "$T/snapdata"
	: >"$T/snapserver.conf"
	spawn snapserver snapserver -c "$T/snapserver.conf" --server.datadir "$T/snapdata" \
		--stream.port "$SNAP_PORT" --tcp.enabled false --http.enabled false \
		--stream.buffer "${2:-300}" --logging.sink stderr \
		--stream.source "pipe://$1?name=Countdown&mode=read&sampleformat=22050:16:1&dryout_ms=36000000"
	SNAP_PID=$SPAWNED
}
snap_server_stop() { [ -z "${SNAP_PID:-}" ] || stop_pid "$SNAP_PID" "${1:-TERM}" 5; SNAP_PID=; }

# snap_client_start ROOM: a null sink ROOM and a snapclient playing into it
snap_client_start() {
	pactl list short sinks | grep -q "	$1	" ||
		pactl load-module module-null-sink sink_name="$1" >/dev/null || return 1
	spawn "snapclient-$1" snapclient -h 127.0.0.1 -p "$SNAP_PORT" --hostID "$1" \
		-i "$(( ++SNAP_INSTANCE ))" --player "${SNAP_PLAYER:-pulse}" -s "$1" --logsink stderr
	SNAP_CLIENT[$1]=$SPAWNED
}
