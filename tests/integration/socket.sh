#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The control socket's default folder, without XDG_RUNTIME_DIR (a container,
# sudo -i, a console): root gets /run/countdownd made for it, another user a
# private /tmp/countdownd-UID (0700), refused when someone else made it; and
# countdownctl finds the socket by itself. Each case runs in a private mount
# namespace with its own /run and /tmp, so the machine's are not touched.
. "$(dirname "$0")/lib.sh"
t_setup

if [ "$(id -u)" != 0 ] || ! unshare --mount true 2>/dev/null; then
	ok "# SKIP needs root and mount namespaces"
	exit 0
fi
ROOT=$PWD
# as tests/run has it, so that the audio libraries' leaks are not the
# daemon's exit status when the test is run by itself
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0}
case $B in /*) BD=$B ;; *) BD=$ROOT/$B ;; esac
D=$BD/check/countdownd
CTL=$BD/check/countdownctl
SCRIPT=$ROOT/tests/data/short.txt

# in_ns AS SETUP [DURING]: a private /run and /tmp, SETUP run there as root,
# then the daemon as user AS (root or nobody), asked for its status by
# countdownctl as the same user, DURING run as root while it runs; prints
# the client's output, its exit status, the folders there before and after
# the daemon's exit ("dir"/"left"), and the log.
# The tree may be anywhere, /tmp too, which the private /tmp hides: what the
# daemon needs (itself, its speech worker, countdownctl, the script, the
# sanitizers' suppressions) is copied first into the private /run, which
# every user may read.
in_ns() {
	local as=$1 setup=$2 during=${3:-} run=
	[ "$as" = root ] || run="setpriv --reuid=65534 --regid=65534 --clear-groups"
	# INVOCATION_ID: as under systemd, no audio device is a warning, not exit 69
	timeout 60 unshare --mount --propagation private env -u XDG_RUNTIME_DIR \
		-u RUNTIME_DIRECTORY INVOCATION_ID=socket-test HOME=/ \
		bash -c '
		mount -t tmpfs tmpfs /run || exit 1
		bin=/run/socket-test
		mkdir -m 0755 $bin && cp "$0" "$0-speech" "$2" "$1" $bin/ || exit 1
		for v in ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS; do
			supp=$(sed -En "s/^(.*:)?suppressions=([^:]*).*/\2/p" <<<"${!v:-}")
			[ -n "$supp" ] || continue
			cp "$supp" $bin/$v.supp || exit 1
			export $v="${!v/suppressions=$supp/suppressions=$bin/$v.supp}"
		done
		mount -t tmpfs -o mode=1777 tmpfs /tmp || exit 1
		'"$setup"'
		'"$run"' $bin/"${0##*/}" -f /dev/null -s $bin/"${1##*/}" 2>/tmp/log &
		pid=$!
		for i in $(seq 100); do
			grep -q "ready: " /tmp/log && break
			sleep 0.1
		done
		'"$run"' $bin/"${2##*/}" status >/tmp/out 2>&1
		echo "rc $?"; cat /tmp/out
		for d in /run/countdownd /tmp/countdownd-65534; do
			[ -d $d ] && echo "dir $d $(stat -c "%a %U" $d)"
		done
		'"$during"'
		kill -TERM $pid; wait $pid
		echo "exit $?"
		for d in /run/countdownd /tmp/countdownd-65534; do
			[ -e $d ] && echo "left $d: $(ls -A $d | tr "\n" " ")"
		done
		sed "s/^/log: /" /tmp/log
		' "$D" "$SCRIPT" "$CTL"
}

# countdownctl status answered: exit 0 and the state
answers() { grep -q '^rc 0' <<<"$1" && grep -q '^idle' <<<"$1"; }
# gone DIR OUTPUT: DIR was there while the daemon ran, and is no more
gone() { grep -q "^dir $1 " <<<"$2" && grep -q '^exit ' <<<"$2" && ! grep -q "^left $1" <<<"$2"; }

out=$(in_ns root '')
check "root: /run/countdownd made, 0755" grep -q '^dir /run/countdownd 755 root' <<<"$out"
check "root: countdownctl finds the socket by itself" answers "$out"
check "root: the daemon exits 0" grep -q '^exit 0' <<<"$out"
check "root: /run/countdownd, made by the daemon, goes with it" gone /run/countdownd "$out"
answers "$out" || sed "s/^/# /" <<<"$out"

out=$(in_ns root 'mkdir -m 0755 /run/countdownd')
check "root: a /run/countdownd made before is used" answers "$out"
check "root: ... and stays when the daemon exits, empty" grep -qx 'left /run/countdownd: ' <<<"$out"

out=$(in_ns root '' 'touch /run/countdownd/keep')
check "root: /run/countdownd with a file put in it stays, the file too" \
	grep -qx 'left /run/countdownd: keep ' <<<"$out"
check "root: ... the daemon exits 0 all the same" grep -q '^exit 0' <<<"$out"

out=$(in_ns nobody '')
check "a user: /tmp/countdownd-UID made, 0700, theirs" \
	grep -q '^dir /tmp/countdownd-65534 700 nobody' <<<"$out"
check "a user: countdownctl finds the socket by itself" answers "$out"
check "a user: /tmp/countdownd-UID goes with the daemon" gone /tmp/countdownd-65534 "$out"
answers "$out" || sed "s/^/# /" <<<"$out"

out=$(in_ns nobody 'mkdir -m 0700 /tmp/countdownd-65534')
sed "s/^/# /" <<<"$out"
check "a folder of another owner is refused, with a warning" \
	grep -q 'log: .*/tmp/countdownd-65534 is not a private folder' <<<"$out"
check "the daemon runs on without the socket" grep -q 'log: ready: ' <<<"$out"
check "countdownctl says where it looked" \
	grep -q '^countdownctl:   /tmp/countdownd-65534/control: Permission denied' <<<"$out"
check "another's folder stays" grep -q '^left /tmp/countdownd-65534' <<<"$out"

out=$(in_ns nobody 'mkdir -m 0755 /tmp/countdownd-65534 && chown nobody /tmp/countdownd-65534')
check "a folder others may enter is refused" \
	grep -q 'log: .*/tmp/countdownd-65534 is not a private folder' <<<"$out"
