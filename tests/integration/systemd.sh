#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# systemd.sh: the installed units under a real systemd, booted as PID 1 of a
# private PID, mount, UTS, IPC and network namespace. The service reaches
# active, plays on SIGUSR1 into a file under its hardening, keeps its
# position, reloads, is played by the timer, stops cleanly and resumes after
# a restart; the user unit does the same under a user manager; then the
# namespace powers off and nothing is left.
#
# The namespace and what keeps the machine out of it: systemd-ns.bash.
. "$(dirname "$0")/lib.sh" || exit 1
t_setup
. "$(dirname "$0")/systemd-ns.bash" || exit 1
sysd_install
# the test's configuration: the installed one, into a file in the state
# folder, fast and without pauses, so that entries are short
sed -i -e 's|^\toutput = "auto";|\toutput = "file";|' \
	-e 's|^\tpath = "";|\tpath = "/var/lib/countdownd/out.wav";|' \
	-e 's|^\trate = 165;|\trate = 450;|' \
	-e 's/^\t\(after_announcement\|between_paragraphs\) = .*;/\t\1 = 0;/' "$CONF"
cp "$CONF" "$T/good.conf"
if [ "$(grep -cE '^	(output = "file"|path = "/var/lib/countdownd/out.wav"|rate = 450|(after_announcement|between_paragraphs) = 0);' "$CONF")" != 5 ]; then
	not_ok "test configuration"; grep -n . "$CONF" | sed 's/^/#   /'; exit 1
fi

# the user unit's configuration: into a file in the home folder
sed 's|^\tpath = "/var/lib/countdownd/out.wav";|\tpath = "/root/out.wav";|' \
	"$CONF" >"$T/dest$PFX/etc/countdownd-user.conf"
sysd_boot

# --- the service reaches active: READY=1 came
if wait_for 20 is_active countdownd.service; then
	ok "countdownd.service is active (READY=1) [$(elapsed)]"
else
	not_ok "countdownd.service is active (READY=1)"; dump; diag "--- systemd:"; tail -30 "$T/console" | sed 's/^/#   /'
	exit 1
fi
status=$(prop countdownd.service StatusText)
[[ $status == *"1/12"* ]] && ok "STATUS= names the next entry: $status" || not_ok "STATUS= names the next entry" "StatusText=$status"
wait_for 5 jlog_has '^ready: 12 entries from saddest-kpop-mvs.txt' &&
	ok "journal: ready line" || { not_ok "journal: ready line"; dump; }
# the journal took the <N> prefixes off: the daemon knew its stderr was the journal
n=$(jlog | grep -c '^<[0-9]>')
[ "$n" = 0 ] && ok "journal: priorities parsed, no <N> left in the text" || not_ok "journal: no <N> in the text" "$n lines"
[ "$(jlog -p warning | grep -c .)" = 0 ] && ok "journal: no warnings at start" ||
	{ not_ok "journal: no warnings at start"; jlog -p warning | sed 's/^/#   /'; }

# the sandbox as the process sees it (the namespace's /proc)
MAIN=$(prop countdownd.service MainPID)
pst=$(ns cat "/proc/$MAIN/status")
uid=$(awk '/^Uid:/ { print $2 }' <<<"$pst")
audio=$(getent group audio | cut -d: -f3)
groups=" $(awk '/^Groups:/ { $1 = ""; print }' <<<"$pst") "
if [ "${uid:-0}" -ge 61184 ] && [[ $groups == *" $audio "* ]] &&
	grep -q '^CapEff:[[:space:]]*0*$' <<<"$pst" && grep -q '^NoNewPrivs:[[:space:]]*1' <<<"$pst" &&
	grep -q '^Seccomp:[[:space:]]*2' <<<"$pst"; then
	ok "runs as a dynamic user ($uid) in group audio, no capabilities, no_new_privs, seccomp"
else
	not_ok "runs as a dynamic user in group audio, no capabilities, no_new_privs, seccomp"
	grep -E '^(Uid|Gid|Groups|CapEff|NoNewPrivs|Seccomp):' <<<"$pst" | sed 's/^/#   /'
fi

# --- SIGUSR1 plays an entry, into the file, and the position is saved
sctl kill --kill-whom=main -s USR1 countdownd.service
if wait_for 10 jlog_has '^playing 1/12: intro'; then ok "SIGUSR1 (systemctl kill) plays 1/12 [$(elapsed)]"; else not_ok "SIGUSR1 (systemctl kill) plays 1/12"; dump; fi
size_above() { [ "$(file_size "$STATE/out.wav")" -gt "$1" ]; }
s1=$(file_size "$STATE/out.wav")
if wait_for 5 size_above $((s1 + 22050)); then
	ok "the output file in the StateDirectory grows ($(file_size "$STATE/out.wav") bytes)"
else
	not_ok "the output file in the StateDirectory grows" "$s1 -> $(file_size "$STATE/out.wav") bytes"; dump
fi
if wait_for 5 grep -qx 'index 1' "$STATE/position"; then
	ok "position saved in /var/lib/private/countdownd/position"
else
	not_ok "position saved in /var/lib/private/countdownd/position"; ls -la "$STATE" | sed 's/^/#   /'
fi
[ -L "$T/varlib/countdownd" ] && [ "$(stat -c %U "$STATE/position")" != root ] &&
	ok "StateDirectory: /var/lib/countdownd -> private/countdownd, owned by the dynamic user" ||
	not_ok "StateDirectory: /var/lib/countdownd -> private/countdownd, owned by the dynamic user"

# --- the timer: due a few seconds from now, it plays the next entry (the
# intro still plays: schedule.on_busy "skip" moves on to 2/12)
at=$(date -d '+3 seconds' '+%Y-%m-%d %H:%M:%S')
ns mkdir -p /run/systemd/system/countdownd-next.timer.d
printf '[Timer]\nOnCalendar=\nOnCalendar=%s\n' "$at" | ns tee /run/systemd/system/countdownd-next.timer.d/soon.conf >/dev/null
sctl daemon-reload
sctl start countdownd-next.timer
[ "$(sctl is-active countdownd-next.timer)" = active ] && ok "countdownd-next.timer is active, due $at" ||
	{ not_ok "countdownd-next.timer is active"; sctl status --no-pager countdownd-next.timer | sed 's/^/#   /'; }
if wait_for 10 jlog_has '^playing 2/12: #10'; then
	ok "the timer plays the next entry (2/12) [$(elapsed)]"
else
	not_ok "the timer plays the next entry (2/12)"; sctl status --no-pager countdownd-next.timer countdownd-next.service | sed 's/^/#   /'; dump
fi
wait_for 5 is_inactive countdownd-next.service
r=$(prop countdownd-next.service Result) rc=$(prop countdownd-next.service ExecMainStatus)
[ "$r" = success ] && [ "$rc" = 0 ] && ok "countdownd-next.service succeeded" ||
	not_ok "countdownd-next.service succeeded" "Result=$r ExecMainStatus=$rc"
sctl stop countdownd-next.timer

# --- reload: a good configuration is taken, a bad one refused, the daemon stays
if sctl reload countdownd.service && wait_for 5 jlog_has '^reloaded: 12 entries'; then
	ok "systemctl reload: reloaded"
else
	not_ok "systemctl reload: reloaded"; dump
fi
sed -i 's|^\trate = 450;|\trate = 1000;|' "$CONF"
sctl reload countdownd.service
if wait_for 5 jlog_has 'reload refused' && [ "$(sctl is-active countdownd.service)" = active ] &&
	[ "$(prop countdownd.service MainPID)" = "$MAIN" ]; then
	ok "systemctl reload of a bad config: refused, still active, same process"
else
	not_ok "systemctl reload of a bad config: refused, still active, same process"; dump
fi
cp "$T/good.conf" "$CONF"

# --- stop: clean, exit 0, the position kept
wait_for 5 jlog_has '^finished 2/12'	# or not: a stop in the middle replays it
sctl stop countdownd.service
r=$(prop countdownd.service Result) rc=$(prop countdownd.service ExecMainStatus)
st=$(prop countdownd.service ActiveState)
if [ "$st" = inactive ] && [ "$r" = success ] && [ "$rc" = 0 ] && jlog_has '^stopped$'; then
	ok "systemctl stop: clean (exit 0, \"stopped\") [$(elapsed)]"
else
	not_ok "systemctl stop: clean" "ActiveState=$st Result=$r ExecMainStatus=$rc"; dump
fi
pos=$(sed -n 's/^index //p' "$STATE/position" 2>/dev/null)
case $pos in 2|3) ok "position after stop: $pos/12" ;; *) not_ok "position after stop is 2 or 3" "index ${pos:-none}" ;; esac

# --- start again: it resumes where it was
inv_old=$(prop countdownd.service InvocationID)
sctl start countdownd.service
inv=$(prop countdownd.service InvocationID)
if [ "$(sctl is-active countdownd.service)" = active ] && [ "$inv" != "$inv_old" ] &&
	wait_for 5 eval 'jlog _SYSTEMD_INVOCATION_ID=$inv | grep -q "^ready: 12 entries .*; next: ${pos:-?}/12"'; then
	ok "a restarted service resumes at $pos/12"
else
	not_ok "a restarted service resumes at ${pos:-?}/12"; dump
fi
sctl kill --kill-whom=main -s USR1 countdownd.service
wait_for 10 eval 'jlog _SYSTEMD_INVOCATION_ID=$inv | grep -q "^playing ${pos:-?}/12"' &&
	ok "and plays $pos/12 next" || { not_ok "and plays ${pos:-?}/12 next"; dump; }

# --- the user unit, under root's user manager (user@0.service, started by
# hand: no logind here), with the same units as installed
ns systemd-run -q --unit=user@0.service -p Type=notify -p Delegate=yes \
	-p RuntimeDirectory=user/0 -p RuntimeDirectoryMode=0700 \
	-E HOME=/root -E XDG_RUNTIME_DIR=/run/user/0 \
	-E SYSTEMD_UNIT_PATH=/run/systemd/user:$PFX/lib/systemd/user:$UNITS/user \
	-E SYSTEMD_GENERATOR_PATH=$UNITS/none -E SYSTEMD_ENVIRONMENT_GENERATOR_PATH=$UNITS/none \
	/lib/systemd/systemd --user
uctl() { ns env XDG_RUNTIME_DIR=/run/user/0 systemctl --user "$@"; }
uprop() { uctl show -P "$2" "$1"; }
ustatus_has() { [[ $(uprop countdownd.service StatusText) == *"$1"* ]]; }
usize_above() { [ "$(ns stat -c %s /root/out.wav 2>/dev/null || echo 0)" -gt "$1" ]; }
# StateDirectory= of a user unit: ~/.config/countdownd up to systemd 253,
# ~/.local/state/countdownd after
upos_is() { ns cat /root/.config/countdownd/position /root/.local/state/countdownd/position 2>/dev/null | grep -qx "index $1"; }
udump() {
	uctl status --no-pager countdownd.service 2>&1 | sed 's/^/#   /'
	ns journalctl -q --no-pager -o cat -u user@0.service 2>&1 | tail -20 | sed 's/^/#   /'
}
if is_active user@0.service && uctl start countdownd.service && [ "$(uctl is-active countdownd.service)" = active ]; then
	ok "user unit: active under a user manager (READY=1) [$(elapsed)]"
	uctl kill --kill-whom=main -s USR1 countdownd.service
	wait_for 10 ustatus_has 'playing 1/12' && wait_for 5 usize_above 22050 &&
		ok "user unit: SIGUSR1 plays 1/12 into ~/out.wav" ||
		{ not_ok "user unit: SIGUSR1 plays 1/12 into ~/out.wav"; udump; }
	uctl start countdownd-next.service
	wait_for 10 ustatus_has 'playing 2/12' && wait_for 5 upos_is 2 &&
		ok "user unit: countdownd-next.service (countdownctl next) plays 2/12, position kept" ||
		{ not_ok "user unit: countdownd-next.service plays 2/12, position kept"; udump; }
	uctl stop countdownd.service
	r=$(uprop countdownd.service Result) rc=$(uprop countdownd.service ExecMainStatus)
	[ "$r" = success ] && [ "$rc" = 0 ] && ok "user unit: stops cleanly" ||
		not_ok "user unit: stops cleanly" "Result=$r ExecMainStatus=$rc"
else
	not_ok "user unit: active under a user manager"; udump
fi
sctl stop user@0.service

# --- power off: PID 1 of the namespace exits, nothing is left
poweroff
left=$(t_leftovers)
[ -z "$left" ] && ok "no process left behind" || not_ok "no process left behind" "$left"
procs=
for m in $CG_MOUNTS; do
	[ -d "$m$CG" ] && procs="$procs$(find "$m$CG" -name cgroup.procs -exec cat {} + 2>/dev/null)"
done
[ -z "$procs" ] && ok "its cgroups are empty" || not_ok "its cgroups are empty" "$procs"
cg_cleanup
left=
for m in $CG_MOUNTS; do [ ! -d "$m$CG" ] || left="$left $m$CG"; done
[ -z "$left" ] && ok "its cgroups are gone" || not_ok "its cgroups are gone" "$left"
diag "took $(elapsed)"
