#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The scripts that worked before the forms of issue 20 (numbered lists,
# Markdown, spoken headers, spreadsheets) read exactly as before: --list and
# --narration byte for byte the fixtures in tests/data/before/, which
# tests/data/before/make.sh made with a build of main before the change.
. "$(dirname "$0")/lib.sh"
t_setup
D=$B/check/countdownd
. tests/data/before/scripts
for s in "${BEFORE_SCRIPTS[@]}"; do
	for what in list narration; do
		before_listing "$D" "$s" $what >"$T/out"
		check "$s: --$what as before" diff "tests/data/before/$(before_name "$s").$what" "$T/out"
	done
done
