#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The folder of the position file read-only, then full (a 64 KiB tmpfs
# filled up): each time a warning, the countdown plays on, and the position
# is written again as soon as it can be, without waiting for the next play;
# a SIGTERM meanwhile writes it too. Root mounts the tmpfs in a private mount
# namespace (unshare --mount), so nothing of it is seen outside this test.
if [ -z "${FAULTS_STATE_NS:-}" ]; then
	. "$(dirname "$0")/lib.sh"
	if [ "$(id -u)" != 0 ] || ! unshare --mount true 2>/dev/null; then
		ok "# SKIP a tmpfs of its own needs root and unshare --mount"
		exit 0
	fi
	FAULTS_STATE_NS=1 exec unshare --mount --propagation private bash "$0"
fi
. "$(dirname "$0")/lib.sh"
t_setup
STATE=$T/state
POS=$STATE/position
mkdir "$STATE"
mount -t tmpfs -o size=64k,mode=0755 countdownd-test "$STATE" ||
	{ not_ok "a tmpfs for the state folder"; exit 1; }
trap 'umount -l "$STATE"; t_cleanup' EXIT
cat >"$T/c.conf" <<EOF
script = "$PWD/tests/data/short.txt";
voice = { rate = 450; };
audio = { output = "file"; path = "$T/out.wav"; };
state = { file = "$POS"; };
EOF

play() {	# play N: SIGUSR1, entry N plays to its end
	send_sig USR1 "$DPID" >/dev/null
	wait_line "$T/daemon.log" "^finished $1/4" 20
	check "entry $1 plays to its end" grep -q "^finished $1/4" "$T/daemon.log"
}
saved() { grep -qx "index $1" "$POS"; }	# saved N: the file says N is next

daemon_start -f "$T/c.conf"
wait_line "$T/daemon.log" '^ready: ' 20
play 1
check "the position is saved: 2 is next" saved 2

# read-only
mount -o remount,ro "$STATE"
play 2
check "read-only: a warning that says why" grep -q "cannot save the position to $POS: Read-only file system" "$T/daemon.log"
check "read-only: the old position stays" saved 2
answers "read-only"
mount -o remount,rw "$STATE"
wait_line "$T/daemon.log" "^position saved again" 15
check "writable again: said in the log" grep -q "^position saved again to $POS" "$T/daemon.log"
check "writable again: the position is written without another play (3 is next)" saved 3

# full
dd if=/dev/zero of="$STATE/fill" bs=4k 2>/dev/null
play 3
check "full: a warning that says why" grep -q "cannot save the position to $POS: No space left on device" "$T/daemon.log"
check "full: the old position stays" saved 3
check "full: no temporary file left behind" test "$(ls "$STATE" | tr '\n' ' ')" = "fill position "
answers "full"
rm "$STATE/fill"
wait_count "$T/daemon.log" "^position saved again" 2 15
check "space again: the position is written without another play (4 is next)" saved 4

# read-only again, and SIGTERM before the next try: the way out writes it
mount -o remount,ro "$STATE"
play 4
check "read-only again: warned once more" test "$(count_lines "$T/daemon.log" '^cannot save the position')" -ge 3
mount -o remount,rw "$STATE"
daemon_stop TERM 5
check "SIGTERM: exit 0" test "${DRC:-x}" = 0
check "SIGTERM with a position not yet saved: written on the way out" \
	grep -qx 'index end' "$POS"
