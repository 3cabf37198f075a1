#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# MPRIS on a private session bus, driven as the desktop drives it: playerctl
# lists the player, next/pause/play/stop/previous do what countdownctl's
# commands do, status and metadata say what plays, --follow sees every
# change of the status as it happens; busctl shows both interfaces and their
# flags. Bad callers (a burst of 1000 calls, wrong argument types, clients
# that vanish with calls unanswered, the name taken by a second daemon) get
# D-Bus errors, the daemon lives on with its fds and memory flat. Idle with
# the bus connected is 0 context switches. Without a bus, "auto" is quiet
# and "yes" warns; a bus that goes away is let go.
. "$(dirname "$0")/lib.sh"
t_setup
for tool in dbus-daemon playerctl busctl; do
	command -v "$tool" >/dev/null || { ok "# SKIP no $tool (make deps-test)"; exit 0; }
done
CTL=$B/check/countdownctl
PC="playerctl -p countdownd"
NAME=org.mpris.MediaPlayer2.countdownd
OBJ=/org/mpris/MediaPlayer2
PLAYER=org.mpris.MediaPlayer2.Player
SCRIPT=$PWD/data/scripts/saddest-kpop-mvs.txt
# rate 300: entries of 9 to 15 s, long enough to pause in
cat >"$T/c.conf" <<EOF
script = "$SCRIPT";
voice = { rate = 300; };
audio = { output = "file"; path = "$T/out.wav"; };
EOF

prop() { busctl --user get-property "$NAME" "$OBJ" "$1" "$2"; }
# wait up to 5 s for playerctl's status to read $1
status_is() {
	local end=$(( $(_now_us) + 5000000 )) s
	while s=$($PC status 2>&1); [ "$s" != "$1" ]; do
		[ "$(_now_us)" -lt "$end" ] || { echo "status: $s, not $1"; return 1; }
		sleep 0.05
	done
}

# ---- no session bus: "auto" says nothing of MPRIS, "yes" warns ----
unset DBUS_SESSION_BUS_ADDRESS
daemon_start -f "$T/c.conf"
wait_line "$T/daemon.log" '^ready: ' 20 || { not_ok "daemon ready without a bus"; sed 's/^/#   /' "$T/daemon.log"; exit 1; }
check "no bus, mpris.enable \"auto\": not a word about MPRIS" bash -c "! grep -qi mpris '$T/daemon.log'"
daemon_stop
sed 's|^audio|mpris = { enable = "yes"; };\naudio|' "$T/c.conf" >"$T/yes.conf"
daemon_start -f "$T/yes.conf"
wait_line "$T/daemon.log" '^ready: ' 20
check "no bus, mpris.enable \"yes\": a warning, and it runs" grep -q '^mpris: no session bus' "$T/daemon.log"
daemon_stop

# ---- a private session bus ----
spawn bus dbus-daemon --session --nofork --print-address=1
BUS_PID=$SPAWNED
wait_line "$T/bus" '^unix:' 10 || { not_ok "private session bus"; exit 1; }
export DBUS_SESSION_BUS_ADDRESS=$(head -n1 "$T/bus")
ok "private session bus"

ASAN_OPTIONS=${ASAN_OPTIONS:-}:quarantine_size_mb=0 daemon_start -f "$T/c.conf"
wait_line "$T/daemon.log" '^ready: ' 20 || { not_ok "daemon ready"; sed 's/^/#   /' "$T/daemon.log"; exit 1; }
check "the daemon owns $NAME" grep -qx "mpris: $NAME on the session bus" "$T/daemon.log"
spawn follow playerctl -p countdownd --follow status
FOLLOW_PID=$SPAWNED
check "playerctl -l lists it" grep -qx countdownd <(playerctl -l)
check "status before anything plays: Stopped" status_is Stopped
check "metadata names what plays next: the intro, 1" \
	test "$($PC metadata xesam:title)/$($PC metadata xesam:trackNumber)" = intro/1
check "CanGoPrevious false before anything played" test "$(prop $PLAYER CanGoPrevious)" = "b false"

# ---- playerctl drives it as countdownctl would ----
$PC next
check "next plays 1/12" wait_line "$T/daemon.log" '^playing 1/12: intro$' 10
check "status: Playing" status_is Playing
$PC next
check "next again plays 2/12" wait_line "$T/daemon.log" '^playing 2/12: #10 "You and I" by Park Bom$' 10
check "metadata xesam:title: #10 You and I" test "$($PC metadata xesam:title)" = "#10 You and I"
check "metadata xesam:artist: Park Bom" test "$($PC metadata xesam:artist)" = "Park Bom"
check "metadata xesam:album: the script's title" test "$($PC metadata xesam:album)" = "Top 10 Saddest K-Pop Music Videos"
check "metadata mpris:trackid /org/countdownd/entry/2" test "$($PC metadata mpris:trackid)" = "'/org/countdownd/entry/2'"
len=$($PC metadata mpris:length)
check "metadata mpris:length: the clip's, in µs ($len)" test "${len:-0}" -gt 5000000 -a "${len:-0}" -lt 30000000
check "CanGoPrevious true once 2/12 plays" test "$(prop $PLAYER CanGoPrevious)" = "b true"
$PC pause
check "pause: Paused" status_is Paused
check "pause: countdownctl says paused too" grep -q '^paused 2/12' <("$CTL" status)
pos1=$(prop $PLAYER Position | cut -d' ' -f2); sleep 0.5; pos2=$(prop $PLAYER Position | cut -d' ' -f2)
check "Position stands still while paused ($pos1 µs)" test "$pos1" = "$pos2" -a "$pos1" -gt 0
$PC play
check "play: Playing, resumed" status_is Playing
check "play resumed 2/12 (not the next)" wait_line "$T/daemon.log" '^resumed 2/12$' 5
$PC play-pause
check "play-pause while playing: Paused" status_is Paused
$PC play-pause
check "play-pause while paused: Playing" status_is Playing
$PC stop
check "stop: Stopped" status_is Stopped
$PC previous
check "previous replays the one before: 1/12" wait_count "$T/daemon.log" '^playing 1/12: intro$' 2 10
check "status after previous: Playing" status_is Playing
"$CTL" goto 4 >/dev/null
check "the other front end's goto shows here: #8 Hello & I Told You I Wanna Die" \
	bash -c "sleep 0.5; test \"\$($PC metadata xesam:title)\" = '#8 Hello & I Told You I Wanna Die'"
check "xesam:artist for #8: Huh Gak" test "$($PC metadata xesam:artist)" = "Huh Gak"
$PC stop
"$CTL" goto 12 >/dev/null
wait_line "$T/daemon.log" '^playing 12/12' 10
$PC stop
check "stopped at the last entry: CanGoNext false" bash -c "sleep 0.3; test \"\$(busctl --user get-property $NAME $OBJ $PLAYER CanGoNext)\" = 'b false'"
out=$($PC next 2>&1)
check "playerctl next at the end: refused by playerctl itself (CanGoNext)" grep -q 'No player could handle' <<<"$out"
out=$(busctl --user call "$NAME" "$OBJ" $PLAYER Next 2>&1)
check "Next called anyway: an error saying why" grep -q 'the countdown is over' <<<"$out"
"$CTL" goto 1 >/dev/null
wait_line "$T/daemon.log" '^playing 1/12' 10
$PC stop
status_is Stopped

# every change of the status arrived as a signal, in order (playerctl
# --follow prints again when other properties change: repeats squeezed)
sleep 0.5
stop_pid "$FOLLOW_PID"
seen=$(uniq "$T/follow" | tr '\n' ' ')
check "--follow saw every change: $seen" test "$seen" = \
	"Stopped Playing Paused Playing Paused Playing Stopped Playing Stopped Playing Stopped Playing Stopped "

# ---- both interfaces and their flags ----
intro=$(busctl --user introspect "$NAME" "$OBJ")
has() { grep -Eq "$1" <<<"$intro"; }
check "introspect: org.mpris.MediaPlayer2" has '^org\.mpris\.MediaPlayer2 +interface'
check "introspect: org.mpris.MediaPlayer2.Player" has '^org\.mpris\.MediaPlayer2\.Player +interface'
for m in Next Previous Play Pause PlayPause Stop Seek SetPosition OpenUri Raise Quit; do
	has "^\.$m +method" || not_ok "introspect: method $m"
done
ok "introspect: the methods of both"
for p in 'CanQuit +property +b +false +const' 'CanRaise +property +b +false +const' \
    'HasTrackList +property +b +false +const' 'Identity +property +s +"countdownd" +const' \
    'DesktopEntry +property +s +"countdownd" +const' 'SupportedUriSchemes +property +as +0 +const' \
    'SupportedMimeTypes +property +as +0 +const' 'CanControl +property +b +true +const' \
    'CanPlay +property +b +true' 'CanPause +property +b +true' 'CanSeek +property +b +false' \
    'CanGoNext +property +b +(true|false) +emits-change' \
    'CanGoPrevious +property +b +(true|false) +emits-change' \
    'PlaybackStatus +property +s +"Stopped" +emits-change' 'Metadata +property +a\{sv\} .* +emits-change' \
    'Rate +property +d +1 ' 'Volume +property +d +1 ' 'Position +property +x '; do
	has "^\.$p" || not_ok "introspect: $p"
done
ok "introspect: the properties and their flags"

# ---- bad callers ----
DPID_MAIN=$DPID
out=$(busctl --user call "$NAME" "$OBJ" $PLAYER Seek s forward 2>&1)
check "Seek with a string: an error" grep -qi 'invalid arg' <<<"$out"
out=$(busctl --user call "$NAME" "$OBJ" $PLAYER Next s now 2>&1)
check "Next with an argument: an error" grep -qi 'invalid arg' <<<"$out"
out=$(busctl --user call "$NAME" "$OBJ" org.freedesktop.DBus.Properties Get s $PLAYER 2>&1)
check "Properties.Get with one argument: an error" grep -qi 'expected interface and member' <<<"$out"
out=$(busctl --user set-property "$NAME" "$OBJ" $PLAYER Volume d 0.5 2>&1)
check "Volume is read-only: an error" grep -qi 'not writable\|read-only\|access' <<<"$out"
out=$(busctl --user call "$NAME" "$OBJ" $PLAYER NoSuchMethod 2>&1)
check "an unknown method: an error" grep -qi 'unknown method' <<<"$out"
out=$($PC open file:///etc/passwd 2>&1)
check "OpenUri: refused, NotSupported" grep -q 'Error.NotSupported' <<<"$out"

FLOOD=$TOOLS/tool_mpris_client
fd0=$(proc_fds "$DPID") rss0=$(rss_anon "$DPID")
out=$("$FLOOD" flood "$NAME" 1000)
check "1000 calls in a burst: 1000 replies ($out)" grep -q '^replies 1000 ' <<<"$out"
"$FLOOD" vanish "$NAME" 1000
check "1000 calls from a client gone before the replies: it lives" _alive "$DPID"
fd1=$(proc_fds "$DPID") rss1=$(rss_anon "$DPID")
for i in 1 2 3; do
	"$FLOOD" flood "$NAME" 1000 >/dev/null
	"$FLOOD" vanish "$NAME" 1000
done
sleep 0.5
fd2=$(proc_fds "$DPID") rss2=$(rss_anon "$DPID")
diag "fds: $fd0 $fd1 $fd2; RssAnon (kB): $rss0 $rss1 $rss2"
check "fds flat after 8000 bad calls ($fd0 $fd1 $fd2)" test "$fd0" = "$fd2"
check "RssAnon flat after the first burst ($rss1 -> $rss2 kB, within 2 MiB)" \
	test "$(( rss2 - rss1 ))" -lt 2048
# the bus may still be handing over the vanished clients' calls (their
# Play and Stop alternate): wait for the log to stand still, then stop
quiet_log() {
	local end=$(( $(_now_us) + 20000000 )) n m
	n=$(wc -l <"$1")
	while sleep 1; m=$(wc -l <"$1"); [ "$m" != "$n" ]; do
		[ "$(_now_us)" -lt "$end" ] || return 1
		n=$m
	done
}
quiet_log "$T/daemon.log"
$PC stop
check "playerctl still answers after the bursts: stop, Stopped" status_is Stopped

# ---- the name taken: a second daemon is NAME.instancePID ----
sed "s|^audio.*|audio = { output = \"file\"; path = \"$T/out2.wav\"; };\ncontrol = { socket = \"$T/second.sock\"; };|" \
	"$T/c.conf" >"$T/second.conf"
spawn second "$B/check/countdownd" -f "$T/second.conf"
SECOND=$SPAWNED
wait_line "$T/second.err" '^ready: ' 20
check "a second daemon owns $NAME.instance$SECOND" grep -qx "mpris: $NAME.instance$SECOND on the session bus" "$T/second.err"
check "playerctl -l lists both" test "$(playerctl -l | sort | tr '\n' ' ')" = "countdownd countdownd.instance$SECOND "
stop_pid "$SECOND"
check "the second stops cleanly (exit $STOPPED_RC)" test "$STOPPED_RC" = 0

# ---- idle with the bus connected ----
status_is Stopped
c0=$(thread_wakeups "$DPID"); sleep 10; c1=$(thread_wakeups "$DPID")
check "idle, the bus connected: 0 context switches in 10 s ($c0 -> $c1)" test "$c0" = "$c1"

# ---- the bus goes away: MPRIS is let go, the rest goes on ----
stop_pid "$BUS_PID"
check "the bus gone: said in the log" wait_line "$T/daemon.log" '^mpris: the session bus is gone' 5
check "the bus gone: countdownctl still answers" bash -c "'$CTL' status >/dev/null"
daemon_stop
check "the daemon exits 0" test "$DRC" = 0
check "no sanitizer report" bash -c "! grep -q 'Sanitizer' '$T/daemon.log' '$T/second.err'"
