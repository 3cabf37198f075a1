#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/data/before/make.sh COUNTDOWND: writes this folder's fixtures, the
# --list and --narration of every script that worked before issue 20's new
# forms, as COUNTDOWND (a build of main before the change) printed them;
# tests/integration/scripts_unchanged.sh compares the build with them.
# Run from the repo root; the scripts are the ones scripts_unchanged.sh lists.
set -eu
D=tests/data/before
. "$D/scripts"
for s in "${BEFORE_SCRIPTS[@]}"; do
	for what in list narration; do
		before_listing "$1" "$s" $what >"$D/$(before_name "$s").$what"
	done
done
