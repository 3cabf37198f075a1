# SPDX-License-Identifier: GPL-3.0-or-later
# tests/integration/systemd-ns.bash: a real systemd booted as PID 1 of a
# private PID, mount, UTS, IPC and network namespace, running the installed
# units; sourced by systemd.sh and systemd_snapcast.sh after lib.sh and
# t_setup (not a test itself: tests/run runs *.sh).
#
#   sysd_install            make install into $T/dest, PREFIX $PFX; $CONF is
#                           the installed countdownd.conf, to be edited
#   unit NAME <TEXT         a unit file of the namespace's own ($UNITS)
#   sysd_boot               the stand-ins, then boot; $NSPID; EXIT trap
#   ns CMD | sctl ARGS | jlog ARGS | prop UNIT PROP | wait_for S CMD ...
#
# $SYSD_WANTS: the units the test target pulls in besides journald
# (default countdownd.service); $SYSD_BOOT_EXTRA: shell lines run in the
# namespace before /tmp is made private (bind mounts of the test's files).
#
# What keeps the machine out of it (a plain boot would run the machine's
# tmpfiles clean-up on the real /tmp and start every installed service):
#   - systemd sees only the units it needs: SYSTEMD_UNIT_PATH lists the
#     installed unit folder, a folder of minimal stand-ins (targets,
#     journald) and /run/systemd/system, and no generator runs;
#   - "container=" tells it that it is not the machine's init: no kernel
#     command line, no remounting the root file system read-only at
#     poweroff, logs on stderr;
#   - tmpfs on /run, /var and /tmp inside the namespace, /proc/sys and /sys
#     read-only (the cgroup file systems under /sys stay writable);
#   - its own cgroup below this test's, so that its units cannot meet
#     those of another test run at the same time.
: "${T:?}"	# every path below is under it

PFX=/run/countdownd-test		# PREFIX, as seen inside the namespace
UNITS=/run/countdownd-units		# the stand-ins, inside
STATE=$T/varlib/private/countdownd	# the service's StateDirectory, from outside
START_US=$(_now_us)

# how long since the start, for the diagnostics
elapsed() { echo $(( ($(_now_us) - START_US) / 1000 ))ms; }
# in the namespace: ns CMD...
ns() { timeout 20 nsenter -t "$NSPID" -m -p -u -i -n "$@"; }
sctl() { ns systemctl "$@"; }
jlog() { ns journalctl -q --no-pager -o cat -u countdownd.service "$@"; }
# wait_for S CMD...: until CMD succeeds, S seconds at most (CMD runs again
# each time: a "$(...)" in its arguments would not)
wait_for() {
	local end
	end=$(( $(_now_us) + $(_us "$1") ))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$(_now_us)" -lt "$end" ] || return 1
		sleep 0.1
	done
}
jlog_has() { jlog | grep -Eq -- "$1"; }
is_active() { [ "$(sctl is-active "$1" 2>/dev/null)" = active ]; }
is_inactive() { [ "$(sctl is-active "$1" 2>/dev/null)" = inactive ]; }
prop() { sctl show -P "$2" "$1"; }
dump() {
	diag "--- systemctl status:"; sctl status --no-pager countdownd.service 2>&1 | sed 's/^/#   /'
	diag "--- journal:"; ns journalctl -q --no-pager -o short-monotonic 2>&1 | tail -40 | sed 's/^/#   /'
}

# --- install under $T, with the PREFIX it has inside the namespace
sysd_install() {
	if make --no-print-directory -s B="$T/build" DESTDIR="$T/dest" PREFIX=$PFX install >"$T/make.log" 2>&1; then
		ok "make install DESTDIR=\$T/dest PREFIX=$PFX"
	else
		not_ok "make install DESTDIR=\$T/dest PREFIX=$PFX"; sed 's/^/#   /' "$T/make.log"; exit 1
	fi
}
CONF=$T/dest$PFX/etc/countdownd.conf
mkdir -p "$T/units" "$T/varlib"
chmod 755 "$T/varlib"
unit() { cat >"$T/units/$1"; }
# --- the stand-ins: targets that pull in nothing, journald with its socket
sysd_boot() {
unit countdownd-test.target <<EOF
[Unit]
Description=countdownd test: journald and ${SYSD_WANTS:-countdownd.service}
DefaultDependencies=no
Wants=systemd-journald.socket systemd-journald.service ${SYSD_WANTS:-countdownd.service}
EOF
for t in sysinit basic sockets timers paths slices local-fs; do
	printf '[Unit]\nDescription=%s (stand-in)\nDefaultDependencies=no\n' "$t" | unit $t.target
done
for t in shutdown umount final; do
	printf '[Unit]\nDescription=%s (stand-in)\nDefaultDependencies=no\nRefuseManualStart=yes\n' "$t" | unit $t.target
done
unit poweroff.target <<EOF
[Unit]
Description=Power off (stand-in)
DefaultDependencies=no
Requires=systemd-poweroff.service
After=systemd-poweroff.service
AllowIsolate=yes
JobTimeoutSec=30s
JobTimeoutAction=poweroff-force
EOF
unit systemd-poweroff.service <<EOF
[Unit]
Description=Power off (stand-in)
DefaultDependencies=no
Requires=shutdown.target umount.target final.target
After=shutdown.target umount.target final.target
SuccessAction=poweroff-force
EOF
# the user manager's stand-ins
mkdir -p "$T/units/user"
for t in default basic sockets timers paths; do
	printf '[Unit]\nDescription=%s (stand-in)\nDefaultDependencies=no\n' "$t" >"$T/units/user/$t.target"
done
# a user manager stops (SIGTERM) by starting exit.target: systemd's own
cp /usr/lib/systemd/user/exit.target /usr/lib/systemd/user/systemd-exit.service \
	/usr/lib/systemd/user/shutdown.target "$T/units/user/"
# journald's own messages would go to the machine's kernel log: nowhere
sed -e '/^Sockets=/s/.*/Sockets=systemd-journald.socket/' \
	-e '/^After=/s/.*/After=systemd-journald.socket/' \
	-e 's/^\[Service\]$/&\nEnvironment=SYSTEMD_LOG_TARGET=null/' \
	/lib/systemd/system/systemd-journald.service | unit systemd-journald.service
cp /lib/systemd/system/systemd-journald.socket "$T/units/"

# --- its cgroup: below this shell's own (memory accounting stays), in the
# hierarchies systemd tracks its units with
cg_path=$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)
[ -n "$cg_path" ] || cg_path=$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)
CG=${cg_path%/}/${T##*/}
CG_MOUNTS=$(awk '$9 == "cgroup" || $9 == "cgroup2" { print $5 }' /proc/self/mountinfo)
CG_TRACK=
for m in $CG_MOUNTS; do
	case $m in */systemd|*/unified|/sys/fs/cgroup) CG_TRACK="$CG_TRACK $m" ;; esac
done
# the folders on the way that are not there yet: removed at the end
CG_NEW=()
for m in $CG_MOUNTS; do
	p=$m$CG
	while [ "$p" != "$m" ] && [ ! -d "$p" ]; do CG_NEW+=("$p"); p=${p%/*}; done
done
cg_cleanup() {
	local m d
	for m in $CG_MOUNTS; do
		[ -d "$m$CG" ] || continue
		find "$m$CG" -depth -type d -exec rmdir {} + 2>/dev/null
	done
	for d in "${CG_NEW[@]}"; do rmdir "$d" 2>/dev/null; done
	return 0
}

# --- PID 1 of the namespace
cat >"$T/boot.sh" <<EOF
#!/bin/sh
set -e
mount --make-rprivate /
for m in $CG_TRACK; do mkdir -p "\$m$CG"; echo 0 >"\$m$CG/cgroup.procs"; done
mount -t tmpfs -o mode=755 tmpfs /run
mkdir -p $PFX $UNITS /run/systemd/system /run/systemd/journald.conf.d
mount --bind "$T/dest$PFX" $PFX
cp -R "$T"/units/* $UNITS/
mkdir -p /run/systemd/user/countdownd.service.d
printf '[Service]\nExecStart=\nExecStart=%s\n' "$PFX/sbin/countdownd -f $PFX/etc/countdownd-user.conf" \
	>/run/systemd/user/countdownd.service.d/test.conf
printf '[Journal]\nStorage=volatile\nReadKMsg=no\nForwardToKMsg=no\nForwardToConsole=no\nForwardToWall=no\n' \
	>/run/systemd/journald.conf.d/test.conf
mount -t tmpfs -o mode=755 tmpfs /var
mkdir -p /var/lib /var/log /var/cache /var/spool
mkdir -m 1777 /var/tmp
ln -s ../run /var/run
ln -s ../run/lock /var/lock
mount --bind "$T/varlib" /var/lib
mount --bind /proc/sys /proc/sys
mount -o remount,bind,ro /proc/sys
mount -o remount,bind,ro /sys
# PID 1 logs to /dev/console: here, a file, not the machine's console
mount --bind "$T/console" /dev/console
${SYSD_BOOT_EXTRA:-}
mount -t tmpfs -o mode=700 tmpfs /root
mount -t tmpfs -o mode=1777 tmpfs /tmp
exec env -i container=countdownd-test \\
	SYSTEMD_UNIT_PATH=/run/systemd/system:$PFX/lib/systemd/system:$UNITS \\
	SYSTEMD_GENERATOR_PATH=$UNITS/none SYSTEMD_ENVIRONMENT_GENERATOR_PATH=$UNITS/none \\
	/lib/systemd/systemd --system --unit=countdownd-test.target --log-level=info
EOF
chmod +x "$T/boot.sh"
: >"$T/console"
# --kill-child: should unshare go, the namespace's PID 1 goes with it
spawn systemd setsid unshare --pid --fork --kill-child --mount --mount-proc --uts --ipc --net "$T/boot.sh"
UPID=$SPAWNED
# the namespace's PID 1, as seen from here
wait_for 5 grep -q . "/proc/$UPID/task/$UPID/children"
NSPID=$(cat "/proc/$UPID/task/$UPID/children" 2>/dev/null)
NSPID=${NSPID%% *}
if [ -z "$NSPID" ]; then
	not_ok "systemd boots in a namespace"; cat "$T/systemd.err" "$T/console" | sed 's/^/#   /'; cg_cleanup; exit 1
fi
sysd_deadman
}
# a systemd that is not there or has gone does not hold up the test
poweroff() {
	[ -n "${NSPID:-}" ] || return 0
	ns systemctl poweroff >/dev/null 2>&1
	if wait_exit "$UPID" 20; then
		ok "systemctl poweroff ends the namespace"
	else
		not_ok "systemctl poweroff ends the namespace" "still running after 20 s"
		{ sctl list-jobs --no-pager; ns ps -eo pid,stat,cmd; ns journalctl -q --no-pager -n 15 -o short-monotonic; } 2>&1 | sed 's/^/#   /'
		kill -KILL "$NSPID" 2>/dev/null	# the namespace's PID 1: all of it goes
		stop_pid "$UPID" TERM 5
	fi
	NSPID=
	exec {DEADMAN}>&-
}
sysd_deadman() {
# A dead man's switch: should this shell die without its EXIT trap (SIGKILL),
# the pipe closes and a watcher in a session of its own kills the
# namespace's PID 1, if it is still the same process (its start time), and
# removes its cgroups
NSSTART=$(sed 's/^.*) //' "/proc/$NSPID/stat" | cut -d' ' -f20)
exec {DEADMAN}> >(exec setsid bash -c 'read -r _
	[ "$(sed "s/^.*) //" "/proc/$1/stat" 2>/dev/null | cut -d" " -f20)" = "$2" ] || exit 0
	kill -KILL "$1"
	for i in $(seq 50); do [ -d "/proc/$1" ] || break; sleep 0.1; done
	shift 2
	for d; do [ ! -d "$d" ] || find "$d" -depth -type d -exec rmdir {} + ; done' \
	deadman "$NSPID" "$NSSTART" $(for m in $CG_MOUNTS; do echo "$m$CG"; done) >/dev/null 2>&1)
}
