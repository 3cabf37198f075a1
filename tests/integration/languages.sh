#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Countdowns in other languages (issue 14): the German and French examples
# list the right entries, and with voice.name alone their narration holds
# no English word of the daemon's own; a language without announcer words
# says so once; configured mentions phrases.
. "$(dirname "$0")/lib.sh"
t_setup
D=$B/check/countdownd
DE=$PWD/data/scripts/regenlieder.txt
FR=$PWD/data/scripts/chansons-de-la-mer.txt
# what the announcer says in English: none of it may reach a German or
# French countdown ("mentions" is a French word too: German only)
ENGLISH='number|by|and|honorable|honourable|from|of'

printf 'voice = { name = "de"; };\nscript = "%s";\n' "$DE" >"$T/de.conf"
printf 'voice = { name = "fr"; };\nscript = "%s";\n' "$FR" >"$T/fr.conf"

# listed
"$D" -f "$T/de.conf" --list >"$T/de.list" 2>"$T/de.err"
check "German: --list exits 0 with 6 entries" test "$(wc -l <"$T/de.list")" = 6
check "German: Nr. 4 with „…“" grep -qxF "$(printf '2\tentry\t4\tTropfen auf dem Dach\tDie Wolkenschieber\t1998')" "$T/de.list"
check "German: two titles joined by \"und\"" grep -qxF "$(printf '3\tentry\t3\tSchirm vergessen & Nass bis auf die Haut\tKapelle Nordwind\t2009 & 2010')" "$T/de.list"
check "German: Ehrenvolle Erwähnungen lead a mentions block" grep -qxF "$(printf '5\tmentions\t\tPfützenspringer & Nebel über Kiel\tDie Gummistiefel & Jonas Falk\t2011 & 2015')" "$T/de.list"
check "German: Nr. 1 last" grep -qxF "$(printf '6\tentry\t1\tWenn der Regen geht\tDie Wolkenschieber\t2019')" "$T/de.list"
check "German: nothing on stderr" test ! -s "$T/de.err"

"$D" -f "$T/fr.conf" --list >"$T/fr.list" 2>"$T/fr.err"
check "French: --list exits 0 with 6 entries" test "$(wc -l <"$T/fr.list")" = 6
check "French: N° 4 with « … », no-break spaces trimmed, d’ kept" grep -qxF "$(printf '2\tentry\t4\tLe Phare d’Ouessant\tLes Marins d’eau douce\t1995')" "$T/fr.list"
check "French: two titles joined by \"et\"" grep -qxF "$(printf '3\tentry\t3\tMarée basse & Marée haute\tClaire Morvan\t2003 & 2004')" "$T/fr.list"
check "French: Nº 2 with a dash" grep -qxF "$(printf '4\tentry\t2\tSous le pont de Brest\tYann Le Goff\t2012')" "$T/fr.list"
check "French: Mentions honorables lead a mentions block" grep -qxF "$(printf '5\tmentions\t\tLe Crabe qui danse & Brume\tLes Mousses & Anna Kerjean\t2008 & 2016')" "$T/fr.list"
check "French: nothing on stderr" test ! -s "$T/fr.err"

# narrated in the voice's language
"$D" -f "$T/de.conf" --narration >"$T/de.nar"
check "German: the announcer says Platz" grep -qxF 'Platz 3: Schirm vergessen und Nass bis auf die Haut, von Kapelle Nordwind.' "$T/de.nar"
check "German: the mentions heading in German" grep -qxF 'Ehrenvolle Erwähnungen.' "$T/de.nar"
check "German: a mention with \"von\"" grep -qxF 'Nebel über Kiel, von Jonas Falk.' "$T/de.nar"
check "German: \"#1\" in the text said \"Nummer 1\"" grep -qF 'die Nummer 1.' "$T/de.nar"
check "German: no English word in the narration" \
	bash -c '! grep -v "^--- " "$1" | grep -iwE "$2|mentions"' _ "$T/de.nar" "$ENGLISH"

"$D" -f "$T/fr.conf" --narration >"$T/fr.nar"
check "French: the announcer says Numéro" grep -qxF 'Numéro 3: Marée basse et Marée haute, par Claire Morvan.' "$T/fr.nar"
check "French: the mentions heading in French" grep -qxF 'Mentions honorables.' "$T/fr.nar"
check "French: a mention with \"par\"" grep -qxF 'Brume, par Anna Kerjean.' "$T/fr.nar"
check "French: no English word in the narration" \
	bash -c '! grep -v "^--- " "$1" | grep -iwE "$2"' _ "$T/fr.nar" "$ENGLISH"

# the check above can fail: the same script with an English voice
printf 'voice = { name = "en-us"; };\nscript = "%s";\n' "$FR" >"$T/en.conf"
"$D" -f "$T/en.conf" --narration >"$T/en.nar"
check "English voice: the same script gets English words" \
	bash -c 'grep -v "^--- " "$1" | grep -qiwE "$2"' _ "$T/en.nar" "$ENGLISH"

# a word the user wrote wins over the language's
printf 'voice = { name = "de"; };\nscript = "%s";\nannouncer = { entry = "Rang {rank}: {titles}."; };\n' "$DE" >"$T/de2.conf"
"$D" -f "$T/de2.conf" --narration >"$T/de2.nar"
check "German: a written announcer.entry wins" grep -qxF 'Rang 4: Tropfen auf dem Dach.' "$T/de2.nar"
check "German: the other words still German" grep -qxF 'Ehrenvolle Erwähnungen.' "$T/de2.nar"

# a language without announcer words: English, said in one line
printf 'voice = { name = "sv"; };\nscript = "%s";\n' "$DE" >"$T/sv.conf"
"$D" -f "$T/sv.conf" -n >"$T/sv.out" 2>&1
check "Swedish: -n exits 0" test $? = 0
check "Swedish: one line says the announcer speaks English" \
	test "$(grep -c 'no announcer words for language "sv".*English' "$T/sv.out")" = 1
check "Swedish: and only that line besides the summary" test "$(wc -l <"$T/sv.out")" = 2

# script_mentions: a phrase of the user's leads a mentions block
printf 'Topp 2\n\n#2: "Ett"\nBand\n\nHedersomnämnanden:\n"Tre"\nAndra\n\n#1: "Två" och "Fyra"\n' >"$T/sv.txt"
printf 'voice = { name = "sv"; };\nscript_mentions = [ "hedersomnämnande" ];\nannouncer = { and = "och"; };\n' >"$T/svm.conf"
"$D" -f "$T/svm.conf" --list -s "$T/sv.txt" >"$T/svm.list" 2>/dev/null
check "script_mentions: the configured phrase leads a mentions block" grep -qxF "$(printf '3\tmentions\t\tTre\tAndra\t')" "$T/svm.list"
check "announcer.and: its word joins titles" grep -qxF "$(printf '4\tentry\t1\tTvå & Fyra\t\t')" "$T/svm.list"
"$D" -f "$T/sv.conf" --list -s "$T/sv.txt" >"$T/svx.list" 2>"$T/svx.err"
check "without them, the same script is refused at its #1" grep -q 'sv.txt:10: unexpected text after the title' "$T/svx.err"
