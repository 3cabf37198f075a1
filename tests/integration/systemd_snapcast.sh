#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# systemd_snapcast.sh: the many-rooms deployment under a real systemd (the
# namespace of systemd-ns.bash). The installed countdownd unit, configured
# as README's "Many rooms" says (the shipped drop-ins included), writes
# /run/snapserver/countdownd under its sandbox; Debian's own
# snapserver.service (user _snapserver) makes and reads it with the source
# line of etc/snapserver-countdownd.conf.example;
# a snapclient on 127.0.0.1 inside the namespace (the network namespace is
# private: snapserver's default ports clash with nothing) hears, through
# its file player, the entry that SIGUSR1 started.
. "$(dirname "$0")/lib.sh" || exit 1
t_setup
if ! command -v snapserver >/dev/null || ! command -v snapclient >/dev/null ||
	[ ! -f /lib/systemd/system/snapserver.service ]; then
	ok "many rooms under systemd # SKIP snapserver or snapclient is not installed"
	exit 0
fi
. "$(dirname "$0")/systemd-ns.bash" || exit 1
sysd_install
FIFO=/run/snapserver/countdownd
sed -i -e 's|^\toutput = "auto";|\toutput = "snapcast";|' \
	-e "s|^\tpath = \"\";|\tpath = \"$FIFO\";|" \
	-e 's|^\tlatency = 0.05;|\tlatency = 0.3;|' -e 's|^\trate = 165;|\trate = 450;|' \
	-e 's/^\t\(after_announcement\|between_paragraphs\) = .*;/\t\1 = 0;/' "$CONF"
if [ "$(grep -cE "^	(output = \"snapcast\"|path = \"$FIFO\"|latency = 0.3|rate = 450|(after_announcement|between_paragraphs) = 0);" "$CONF")" != 6 ]; then
	not_ok "test configuration"; grep -n . "$CONF" | sed 's/^/#   /'; exit 1
fi
# snapserver's configuration: the example's source line, a 300 ms buffer
{ echo '[stream]'; grep '^source = ' etc/snapserver-countdownd.conf.example; echo 'buffer = 300'; } >"$T/snapserver.conf"
# its home, the data folder, as Debian's package makes it
mkdir -p "$T/varlib/snapserver"
chown _snapserver:_snapserver "$T/varlib/snapserver"
chmod 750 "$T/varlib/snapserver"
# Debian's unit as it is, and the two drop-ins the README installs
cp /lib/systemd/system/snapserver.service "$T/units/"
mkdir -p "$T/units/snapserver.service.d" "$T/units/countdownd.service.d"
cp systemd/snapserver-countdownd.conf "$T/units/snapserver.service.d/countdownd.conf"
cp systemd/countdownd-snapcast.conf "$T/units/countdownd.service.d/snapcast.conf"
SYSD_WANTS="countdownd.service snapserver.service"
SYSD_BOOT_EXTRA="mount --bind '$T/snapserver.conf' /etc/snapserver.conf"
sysd_boot

if wait_for 20 is_active countdownd.service && wait_for 10 is_active snapserver.service; then
	ok "countdownd.service and Debian's snapserver.service are active [$(elapsed)]"
else
	not_ok "countdownd.service and snapserver.service are active"; dump
	sctl status --no-pager snapserver.service 2>&1 | sed 's/^/#   /'
	exit 1
fi
[ "$(jlog -p warning | grep -c .)" = 0 ] && ok "countdownd: no warnings at start" ||
	{ not_ok "countdownd: no warnings at start"; jlog -p warning | sed 's/^/#   /'; }
fst=$(ns stat -c '%F %a %U' "$FIFO" 2>&1)
case $fst in
"fifo 666 _snapserver") ok "snapserver made $FIFO ($fst, in $(ns stat -c '%a %U:%G' /run/snapserver))" ;;
*) not_ok "snapserver made $FIFO" "$fst" ;;
esac
suid=$(ns stat -c %U "/proc/$(prop snapserver.service MainPID)")
[ "$suid" = _snapserver ] && ok "snapserver runs as _snapserver" || not_ok "snapserver runs as _snapserver" "$suid"
sjlog() { ns journalctl -q --no-pager -o cat -u snapserver.service; }

# a room: a snapclient with its file player, raw 22050:16:1 into a file
ns systemd-run -q --unit=room.service /usr/bin/snapclient -h 127.0.0.1 --hostID room \
	--player file:filename=/run/room.raw --logsink stderr
rsize() { ns stat -c %s /run/room.raw 2>/dev/null || echo 0; }
rsize_above() { [ "$(rsize)" -gt "$1" ]; }
if wait_for 15 rsize_above 44100; then
	ok "the room's snapclient plays the stream (silence so far: $(rsize) bytes)"
else
	not_ok "the room's snapclient plays the stream"; ns journalctl -q --no-pager -o cat -u room.service | tail -20 | sed 's/^/#   /'
fi
# room_hears NAME N: SIGUSR1 plays N/12; the room's file gets sound after
# the signal, none before it
room_hears() {
	local quiet before heard
	sleep 1		# what the room's player still had of the last entry
	quiet=$(rsize)
	ns cat /run/room.raw | tail -c 44100 >"$T/before.raw"
	before=$(sox -t raw -r 22050 -e signed -b 16 -c 1 "$T/before.raw" -n stat 2>&1 |
		awk '/^Maximum amplitude/ { print $3 }')
	sctl kill --kill-whom=main -s USR1 countdownd.service
	if ! wait_for 10 jlog_has "^playing $2/12" || ! wait_for 60 jlog_has "^finished $2/12"; then
		not_ok "$1: SIGUSR1 plays $2/12 and it finishes"; dump
		return
	fi
	sleep 0.5
	ns cat /run/room.raw | tail -c +"$(( quiet + 1 ))" >"$T/after.raw"
	sox -t raw -r 22050 -e signed -b 16 -c 1 "$T/after.raw" "$T/after.wav"
	heard=$(wav_active_seconds "$T/after.wav")
	if [ "$before" = 0.000000 ] && num_lt 1 "${heard:-0}"; then
		ok "$1: the room hears $2/12, which SIGUSR1 started (${heard} s of sound, silence before) [$(elapsed)]"
	else
		not_ok "$1: the room hears $2/12, which SIGUSR1 started" "before: peak $before; after: ${heard:-?} s"
		dump
	fi
}
room_hears "countdownd.service under its sandbox" 1

# a restart of either keeps the FIFO (RuntimeDirectoryPreserve=yes) and the
# other on it
sctl restart countdownd.service
wait_for 20 is_active countdownd.service
room_hears "after a restart of countdownd" 2
sctl restart snapserver.service
wait_for 10 is_active snapserver.service
sleep 3		# the room's client finds the server again
room_hears "after a restart of snapserver" 3

sctl stop room.service countdownd.service snapserver.service
poweroff
left=$(t_leftovers)
[ -z "$left" ] && ok "no process left behind" || not_ok "no process left behind" "$left"
cg_cleanup
diag "took $(elapsed)"
