#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The forms people write (countdown-script(5)): a Markdown countdown and a
# spreadsheet (CSV) played through the file output, each entry by SIGUSR1;
# what is heard (the narration, the captions beside the WAV) has the titles
# and credits in the right entries, --list the years, and --explain tells
# how each line was read.
. "$(dirname "$0")/lib.sh"
t_setup
D=$B/check/countdownd

# play NAME SCRIPT N: the N entries of SCRIPT into $T/NAME.wav, its captions
# into $T/NAME.vtt and chapters into $T/NAME.ffmeta
play() {
	local i
	printf 'script = "%s";\naudio = { output = "file"; path = "%s"; captions = "%s"; chapters = "%s"; };\nschedule = { gap = 0; };\n' \
		"$PWD/$2" "$T/$1.wav" "$T/$1.vtt" "$T/$1.ffmeta" >"$T/$1.conf"
	daemon_start -f "$T/$1.conf"
	wait_line "$T/daemon.log" '^ready: ' 20 || return 1
	for (( i = 1; i <= $3; i++ )); do
		kill -USR1 "$DPID"
		wait_line "$T/daemon.log" "^finished $i/$3" 60 || return 1
	done
	daemon_stop TERM 10
	cp "$T/daemon.log" "$T/$1.log"
}

# entry SCRIPT INDEX: the narration of one entry, its lines after "--- INDEX "
entry() {
	"$D" -f etc/countdownd.conf -s "$1" --narration 2>/dev/null |
		awk -v i="$2" '/^--- / { on = ($2 == i); next } on'
}

# heard NAME WORDS...: the captions of NAME hold each of WORDS, in order
# (a title and its credit share a cue)
heard() {
	local name=$1 at=0 n w
	shift
	for w in "$@"; do
		n=$(grep -v -- '-->' "$T/$name.vtt" | grep -nF -- "$w" | cut -d: -f1 |
			awk -v at="$at" '$1 >= at { print; exit }')
		[ -n "$n" ] || { echo "'$w' not heard after caption line $at"; return 1; }
		at=$n
	done
}

MD=tests/data/forms/puzzles.md
check "Markdown: --list has each entry's title, credit and year" diff - \
	<("$D" -f etc/countdownd.conf -s $MD --list) <<-EOF
	$(printf '1\tintro\t\t\t\t')
	$(printf '2\tentry\t3\tTetris\tAlexey Pajitnov\t1984')
	$(printf '3\tentry\t2\tMyst\tCyan\t1993')
	$(printf '4\tmentions\t\tPortal & Baba Is You\tValve & Hempuli\t2007 & 2019')
	$(printf '5\tentry\t1\tThe Witness\tJonathan Blow\t2016')
	EOF
check "Markdown: #3 is Tetris by Alexey Pajitnov, no emphasis said" \
	grep -qxF 'Number 3: Tetris, by Alexey Pajitnov.' <(entry $MD 2)
check "Markdown: #2's credit from its header line" \
	grep -qxF 'Number 2: Myst, by Cyan.' <(entry $MD 3)
check "Markdown: the numbered list in #2's body is its text" \
	grep -qF '1. look around 2. read everything' <(entry $MD 3)
check "Markdown: the mentions list, each with its credit" \
	diff <(printf 'Honorable mentions.\nPortal, by Valve.\nBaba Is You, by Hempuli.\n') <(entry $MD 4)
check "Markdown: #1 last" grep -qxF 'Number 1: The Witness, by Jonathan Blow.' <(entry $MD 5)
check "Markdown: emphasis in a body is said without its marks" \
	grep -qxF 'Falling blocks from a Soviet computer lab, still played.' <(entry $MD 2)
check "Markdown: no Markdown reaches the voice" \
	bash -c '! "$0" -f etc/countdownd.conf -s "$1" --narration | grep -E "^#|\*|_|^- "' "$D" $MD

if play md $MD 5; then
	check "Markdown: the WAV holds the five entries ($(file_size "$T/md.wav") bytes)" \
		test "$(soxi -s "$T/md.wav")" -gt 22050
	check "Markdown: heard in order: titles, credits, mentions" heard md \
		'Top 3 Puzzle Games' Tetris 'Alexey Pajitnov' Myst Cyan Portal Valve \
		'Baba Is You' Hempuli 'The Witness' 'Jonathan Blow'
	check "Markdown: five chapters" test "$(grep -c '^\[CHAPTER\]' "$T/md.ffmeta")" = 5
else
	not_ok "Markdown: played through the file output" "$(tail -5 "$T/daemon.log")"
fi

CSV=tests/data/forms/rainy.csv
check "CSV: --list has each row's title, credit and year" diff - \
	<("$D" -f etc/countdownd.conf -s $CSV --list 2>/dev/null) <<-EOF
	$(printf '1\tintro\t\t\t\t')
	$(printf '2\tentry\t3\tUmbrella\tRihanna\t2007')
	$(printf '3\tentry\t2\tPurple Rain\tPrince\t1984')
	$(printf '4\tmentions\t\tSingin'"'"' in the Rain\tGene Kelly\t1952')
	$(printf '5\tentry\t1\tHere Comes the Rain Again, Live\tEurythmics\t1984')
	EOF
check "CSV: the unknown column is warned about with its row" \
	grep -qF "rainy.csv:1: warning: row 1, column 7: 'notes' is none of" \
	<("$D" -f etc/countdownd.conf -s $CSV --list 2>&1 >/dev/null)
check "CSV: the intro's text across two lines is one paragraph" \
	grep -qxF 'Grey skies, and three songs to match them.' <(entry $CSV 1)
check "CSV: #3 with its quoted text" \
	diff <(printf 'Number 3: Umbrella, by Rihanna.\nA storm, then sun.\n') <(entry $CSV 2)
check "CSV: a title with a comma in quotes" \
	grep -qxF 'Number 1: Here Comes the Rain Again, Live, by Eurythmics.' <(entry $CSV 5)

if play csv $CSV 5; then
	check "CSV: the WAV holds the five entries ($(file_size "$T/csv.wav") bytes)" \
		test "$(soxi -s "$T/csv.wav")" -gt 22050
	check "CSV: heard in order: titles and credits" heard csv \
		'Top 3 Rainy Songs' Umbrella Rihanna 'Purple Rain' Prince \
		'in the Rain' 'Gene Kelly' 'Here Comes' Eurythmics
	check "CSV: the warning is in the daemon's log" grep -qF "warning: row 1, column 7" "$T/csv.log"
else
	not_ok "CSV: played through the file output" "$(tail -5 "$T/daemon.log")"
fi

# --explain: what each line was taken for
"$D" -f etc/countdownd.conf -s $MD --explain >"$T/explain" 2>&1
check "--explain exits 0" test $? = 0
check "--explain: one line per line of the script" \
	test "$(wc -l <"$T/explain")" = "$(wc -l <$MD)"
check "--explain: the title" grep -qxF '1: title: # Top 3 Puzzle Games' "$T/explain"
check "--explain: a header with its rank, title, year and credit" \
	grep -qxF '9: header #2 "Myst" (1993), by Cyan: ## 2. **Myst** (1993) – _Cyan_' "$T/explain"
check "--explain: the credit line" grep -qxF '6: credit: *Alexey Pajitnov*' "$T/explain"
check "--explain: the list in a body" grep -qxF '12: body: 1. look around' "$T/explain"
check "--explain: the mentions heading and a mention" \
	grep -qxF '16: mention "Portal" (2007), by Valve: - *Portal* (2007) – Valve' "$T/explain"
printf 'T\n#2: "A"\nBand\n#2: "B"\n' >"$T/dup.txt"
"$D" -f etc/countdownd.conf -s "$T/dup.txt" --explain >"$T/dup.out" 2>"$T/dup.err"
check "--explain of a bad script: its lines up to the error, then the error, exit 65" \
	bash -c '[ $0 = 65 ] && tail -n1 "$1" | grep -q "^3: credit" && grep -q "dup.txt:4: duplicate rank" "$2"' \
	"$?" "$T/dup.out" "$T/dup.err"
