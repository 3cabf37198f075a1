#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# install.sh: make install / make uninstall into folders under $T, the
# installed configuration and units, the units' hardening and lint, and the
# man pages. Builds into its own $T/build: the shared build/ is left alone.
. "$(dirname "$0")/lib.sh" || exit 1
t_setup
: "${T:?}"	# every path below is under it

P=$T/prefix
MK=(make --no-print-directory -s B="$T/build")
# make install/uninstall ARGS...: output in $T/make.log
mk() { "${MK[@]}" "$@" >"$T/make.log" 2>&1 || { diag "make $* failed:"; sed 's/^/#   /' "$T/make.log"; return 1; }; }
# files (not folders) left under $1, one a line
leftovers() { [ ! -d "$1" ] || (cd "$1" && find . ! -type d | sort); }
# the "Overall exposure level" of a unit file
exposure() {
	systemd-analyze security --offline=yes "$1" 2>/dev/null |
		sed -n 's/^.*Overall exposure level for [^:]*: \([0-9.]*\) .*$/\1/p'
}

# --- the man pages render without a warning (groff -ww), each
for m in man/*.[0-9]; do
	out=$(groff -ww -z -mandoc "$m" 2>&1)
	if [ -z "$out" ]; then ok "man page $m renders without warnings"
	else not_ok "man page $m renders without warnings"; printf '%s\n' "$out" | sed 's/^/#   /'; fi
done
[ -f man/countdownd.8 ] && ok "countdownd(8) exists" || not_ok "countdownd(8) exists"

# --- the system unit in the repo is hardened: 1.0 or lower
score=$(exposure systemd/countdownd.service)
diag "systemd-analyze security: systemd/countdownd.service: ${score:-?}"
if awk -v s="$score" 'BEGIN { exit !(s != "" && s + 0 <= 1.0) }'; then
	ok "systemd/countdownd.service exposure $score <= 1.0"
else
	not_ok "systemd/countdownd.service exposure ${score:-?} <= 1.0"
fi

# --- install into PREFIX=$P (no DESTDIR: the paths are real)
if mk install PREFIX="$P"; then ok "make install PREFIX=\$T/prefix"; else not_ok "make install PREFIX=\$T/prefix"; fi
want=(sbin/countdownd bin/countdownctl libexec/countdownd/countdownd-speech etc/countdownd.conf
	share/countdownd/countdownd.conf.dist share/countdownd/lexicon.txt
	lib/systemd/system/countdownd.service lib/systemd/system/countdownd-next.service
	lib/systemd/system/countdownd-next.timer lib/systemd/user/countdownd.service
	lib/systemd/user/countdownd-next.service lib/systemd/user/countdownd-next.timer
	share/man/man8/countdownd.8 share/applications/countdownd.desktop)
for f in data/scripts/*; do want+=("share/countdownd/scripts/${f##*/}"); done
for m in man/*.[0-9]; do want+=("share/man/man${m##*.}/${m##*/}"); done
missing=
for f in "${want[@]}"; do [ -f "$P/$f" ] || missing="$missing $f"; done
[ -z "$missing" ] && ok "installed files are there" || not_ok "installed files are there" "missing:$missing"
[ -x "$P/sbin/countdownd" ] && [ -x "$P/bin/countdownctl" ] &&
	[ -x "$P/libexec/countdownd/countdownd-speech" ] && ok "binaries are executable" ||
	not_ok "binaries are executable"

# the configuration names the installed data, and the daemon's default -f
# is the installed configuration
grep -qx "script = \"$P/share/countdownd/scripts/saddest-kpop-mvs.txt\";" "$P/etc/countdownd.conf" &&
grep -qx "lexicon = \"$P/share/countdownd/lexicon.txt\";" "$P/etc/countdownd.conf" &&
	ok "installed config names the installed data" ||
	not_ok "installed config names the installed data" "$(grep -E '^(script|lexicon)' "$P/etc/countdownd.conf")"
out=$("$P/sbin/countdownd" -n 2>&1)
rc=$?
if [ $rc = 0 ] && [[ $out == "$P/etc/countdownd.conf: ok;"*"12 entries"* ]]; then
	ok "countdownd -n checks the installed config by default"
else
	not_ok "countdownd -n checks the installed config by default" "rc $rc: $out"
fi

# the units name the installed paths, and lint clean
grep -qx "ExecStart=$P/sbin/countdownd -f $P/etc/countdownd.conf" "$P/lib/systemd/system/countdownd.service" &&
grep -qx "ExecStart=$P/sbin/countdownd -f $P/etc/countdownd.conf" "$P/lib/systemd/user/countdownd.service" &&
grep -qx "ExecStart=$P/bin/countdownctl next" "$P/lib/systemd/system/countdownd-next.service" &&
grep -qx "ExecStart=$P/bin/countdownctl next" "$P/lib/systemd/user/countdownd-next.service" &&
	ok "installed units name the installed daemon, client and config" ||
	not_ok "installed units name the installed daemon, client and config"
# MANPATH: our pages first, then the system's (the trailing colon)
export MANPATH="$P/share/man:"
for u in countdownd.service countdownd-next.service countdownd-next.timer; do
	out=$(cd "$P/lib/systemd/system" && systemd-analyze verify "$u" 2>&1)
	rc=$?
	[ $rc = 0 ] && [ -z "$out" ] && ok "systemd-analyze verify $u" ||
		{ not_ok "systemd-analyze verify $u" "rc $rc"; printf '%s\n' "$out" | sed 's/^/#   /'; }
	out=$(cd "$P/lib/systemd/user" && systemd-analyze --user verify "$u" 2>&1)
	rc=$?
	[ $rc = 0 ] && [ -z "$out" ] && ok "systemd-analyze --user verify $u (user unit)" ||
		{ not_ok "systemd-analyze --user verify $u (user unit)" "rc $rc"; printf '%s\n' "$out" | sed 's/^/#   /'; }
done
score=$(exposure "$P/lib/systemd/system/countdownd.service")
awk -v s="$score" 'BEGIN { exit !(s != "" && s + 0 <= 1.0) }' &&
	ok "installed countdownd.service exposure $score <= 1.0" ||
	not_ok "installed countdownd.service exposure ${score:-?} <= 1.0"
unset MANPATH

# --- uninstall an unchanged install: nothing is left
mk uninstall PREFIX="$P" && left=$(leftovers "$P") && [ -z "$left" ] &&
	ok "uninstall leaves nothing behind" || not_ok "uninstall leaves nothing behind" "left: $left"

# --- a configuration the user changed survives install and uninstall
mk install PREFIX="$P"
echo '# mine' >>"$P/etc/countdownd.conf"
cp "$P/etc/countdownd.conf" "$T/mine.conf"
mk install PREFIX="$P" && cmp -s "$T/mine.conf" "$P/etc/countdownd.conf" &&
	grep -q "keeping $P/etc/countdownd.conf" "$T/make.log" &&
	ok "install again keeps a changed config" || not_ok "install again keeps a changed config"
mk uninstall PREFIX="$P"
left=$(leftovers "$P")
[ "$left" = ./etc/countdownd.conf ] && cmp -s "$T/mine.conf" "$P/etc/countdownd.conf" &&
	ok "uninstall leaves only the changed config" || not_ok "uninstall leaves only the changed config" "left: $left"
rm -f "$P/etc/countdownd.conf"

# --- DESTDIR with PREFIX=/usr: the files land under DESTDIR, the paths
# they name are those of /usr (and /etc)
D=$T/dest
if mk install DESTDIR="$D" PREFIX=/usr; then
	[ -x "$D/usr/sbin/countdownd" ] && [ -f "$D/etc/countdownd.conf" ] &&
	[ -f "$D/usr/lib/systemd/system/countdownd.service" ] &&
	[ -f "$D/usr/share/countdownd/scripts/saddest-kpop-mvs.txt" ] &&
	grep -qx 'ExecStart=/usr/sbin/countdownd -f /etc/countdownd.conf' "$D/usr/lib/systemd/system/countdownd.service" &&
	grep -qx 'script = "/usr/share/countdownd/scripts/saddest-kpop-mvs.txt";' "$D/etc/countdownd.conf" &&
	strings "$T/build/countdownd" | grep -qx /etc/countdownd.conf &&
		ok "make install DESTDIR PREFIX=/usr: files under DESTDIR, paths of /usr" ||
		not_ok "make install DESTDIR PREFIX=/usr: files under DESTDIR, paths of /usr"
else
	not_ok "make install DESTDIR PREFIX=/usr"
fi
mk uninstall DESTDIR="$D" PREFIX=/usr && left=$(leftovers "$D") && [ -z "$left" ] &&
	ok "make uninstall DESTDIR leaves nothing behind" ||
	not_ok "make uninstall DESTDIR leaves nothing behind" "left: $left"
