/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_script_csv: spreadsheets (CSV and TSV) as countdowns: the columns by
 * name in any order and case, RFC 4180 quoting, a BOM, the rows without a
 * rank, what is warned about, and every error with its row and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "text/script.h"
#include "text/script_csv.h"
#include "unit.h"

/* the warnings of the last parse, one a line */
struct seen {
	char	warnings[1024];
	int	ntook;
	int	roles[32];
};

static void
seen_warn(void *arg, int line, const char *msg)
{
	struct seen *w = arg;
	size_t n = strlen(w->warnings);

	snprintf(w->warnings + n, sizeof(w->warnings) - n, "%d: %s\n", line,
	    msg);
}

static void
seen_took(void *arg, const struct script_took *t)
{
	struct seen *w = arg;

	if (w->ntook < 32)
		w->roles[w->ntook] = t->role;
	w->ntook++;
}

static void
csv_ok(const char *text, char sep, struct script *s, struct seen *w)
{
	struct script_opts o = { .warn = seen_warn, .took = seen_took, .arg = w };
	struct script_error err;

	memset(w, 0, sizeof(*w));
	if (script_csv_parse(text, strlen(text), sep, &o, s, &err) != 0)
		fail_msg("parse failed at line %d: %s", err.line, err.msg);
}

static void
csv_bad(const char *text, int line, const char *msg)
{
	struct script s;
	struct script_error err;

	assert_int_equal(script_csv_parse(text, strlen(text), ',', NULL, &s,
	    &err), -1);
	if (strstr(err.msg, msg) == NULL)
		fail_msg("error \"%s\" does not say \"%s\"", err.msg, msg);
	assert_int_equal(err.line, line);
	assert_null(s.entries);
	assert_null(s.title);
}

static void
assert_entry(const struct entry *e, enum entry_kind kind, int rank,
    const char *title, int year, const char *credit)
{
	assert_int_equal(e->kind, kind);
	assert_int_equal(e->rank, rank);
	assert_int_equal(e->ntitles, 1);
	assert_string_equal(e->titles[0].text, title);
	assert_int_equal(e->titles[0].year, year);
	if (credit == NULL)
		assert_null(e->credit);
	else
		assert_string_equal(e->credit, credit);
}

static void
test_csv_basic(void **state)
{
	struct script s;
	struct seen w;

	(void)state;
	csv_ok("rank,title,artist,year,text\n"
	    ",Top 2 Rainy Songs,,,Grey skies.\n"
	    "2,Umbrella,Rihanna,2007,\"A storm, then \"\"sun\"\".\"\n"
	    "1,Purple Rain,Prince,1984,\n", ',', &s, &w);
	assert_string_equal(s.title, "Top 2 Rainy Songs");
	assert_int_equal(s.nentries, 3);
	assert_int_equal(s.entries[0].kind, ENTRY_INTRO);
	assert_string_equal(s.entries[0].lead, "Top 2 Rainy Songs");
	assert_int_equal(s.entries[0].nparagraphs, 1);
	assert_string_equal(s.entries[0].paragraphs[0], "Grey skies.");
	assert_entry(&s.entries[1], ENTRY_RANKED, 2, "Umbrella", 2007,
	    "Rihanna");
	assert_string_equal(s.entries[1].paragraphs[0],
	    "A storm, then \"sun\".");
	assert_entry(&s.entries[2], ENTRY_RANKED, 1, "Purple Rain", 1984,
	    "Prince");
	assert_int_equal(s.entries[2].nparagraphs, 0);
	assert_string_equal(w.warnings, "");
	assert_int_equal(w.ntook, 4);
	assert_int_equal(w.roles[0], SCRIPT_COLUMNS);
	assert_int_equal(w.roles[1], SCRIPT_TITLE);
	assert_int_equal(w.roles[2], SCRIPT_HEADER);
	script_free(&s);
}

/* Columns in any order and case, credit for artist, a BOM, CRLF, a TSV. */
static void
test_csv_columns(void **state)
{
	struct script s;
	struct seen w;

	(void)state;
	csv_ok("\xef\xbb\xbfYear,Credit,TITLE,Rank\r\n"
	    "1982,Vangelis,Blade Runner,7\r\n", ',', &s, &w);
	assert_null(s.title);
	assert_int_equal(s.nentries, 1);
	assert_entry(&s.entries[0], ENTRY_RANKED, 7, "Blade Runner", 1982,
	    "Vangelis");
	script_free(&s);
	csv_ok("rank\ttitle\tartist\n3\tGone, Gone\tJin\n2\t\"Tab\tInside\"\t\n",
	    '\t', &s, &w);
	assert_entry(&s.entries[0], ENTRY_RANKED, 3, "Gone, Gone", 0, "Jin");
	/* a tab inside a title is a space: it must not reach --list */
	assert_entry(&s.entries[1], ENTRY_RANKED, 2, "Tab Inside", 0, NULL);
	script_free(&s);
	/* ranks as people write them; a row shorter than the header */
	csv_ok("rank,title,artist\n#10,A\n9.,B,X\n", ',', &s, &w);
	assert_int_equal(s.entries[0].rank, 10);
	assert_null(s.entries[0].credit);
	assert_int_equal(s.entries[1].rank, 9);
	script_free(&s);
}

/* Quoted fields hold separators, quotes, newlines and blank lines, which
 * divide the text's paragraphs. */
static void
test_csv_quoting(void **state)
{
	struct script s;
	struct seen w;

	(void)state;
	csv_ok("rank,title,text\n"
	    "1,\"Hello, \"\"World\"\"\",\"First line\nwrapped.\n\n"
	    "Second, after a blank line.\"\n", ',', &s, &w);
	assert_string_equal(s.entries[0].titles[0].text, "Hello, \"World\"");
	assert_int_equal(s.entries[0].nparagraphs, 2);
	assert_string_equal(s.entries[0].paragraphs[0],
	    "First line wrapped.");
	assert_string_equal(s.entries[0].paragraphs[1],
	    "Second, after a blank line.");
	script_free(&s);
	/* a quote inside an unquoted field is text; the last row needs no
	 * newline; blank rows and rows of empty fields are skipped */
	csv_ok("rank,title\n\n2,Don't \"Stop\"\n,,\n1,\"End\"", ',', &s, &w);
	assert_int_equal(s.nentries, 2);
	assert_string_equal(s.entries[0].titles[0].text, "Don't \"Stop\"");
	assert_string_equal(s.entries[1].titles[0].text, "End");
	assert_int_equal(w.roles[1], SCRIPT_BLANK);
	script_free(&s);
}

/* Rows without a rank: the first is the title and intro; after a row of
 * kind mentions, mentions. */
static void
test_csv_kinds(void **state)
{
	struct script s;
	struct seen w;
	const struct entry *m;

	(void)state;
	csv_ok("kind,rank,title,artist,year\n"
	    "intro,,Top 3,,\n"
	    ",3,A,Band A,2001\n"
	    "Mentions,,M1,Band M,1999\n"
	    ",,M2,,\n"
	    "entry,2,B,,\n"
	    "mentions,,M3,,\n"
	    ",1,C,,\n", ',', &s, &w);
	assert_int_equal(s.nentries, 6);
	assert_int_equal(s.entries[0].kind, ENTRY_INTRO);
	m = &s.entries[2];
	assert_int_equal(m->kind, ENTRY_MENTIONS);
	assert_int_equal(m->bare_lead, 1);
	assert_non_null(m->lead);
	assert_int_equal(m->ntitles, 2);
	assert_string_equal(m->titles[0].text, "M1");
	assert_int_equal(m->titles[0].year, 1999);
	assert_string_equal(m->titles[0].credit, "Band M");
	assert_string_equal(m->titles[1].text, "M2");
	assert_null(m->titles[1].credit);
	assert_int_equal(s.entries[3].rank, 2);
	assert_int_equal(s.entries[4].kind, ENTRY_MENTIONS);
	assert_int_equal(s.entries[4].ntitles, 1);
	assert_int_equal(s.entries[5].rank, 1);
	assert_int_equal(w.roles[4], SCRIPT_MENTION);
	script_free(&s);
}

/* A column of no known name is ignored, with a warning naming it. */
static void
test_csv_extra_columns(void **state)
{
	struct script s;
	struct seen w;

	(void)state;
	csv_ok("rank,title,notes,,artist\n1,A,not said,,X\n", ',', &s, &w);
	assert_entry(&s.entries[0], ENTRY_RANKED, 1, "A", 0, "X");
	assert_string_equal(w.warnings, "1: row 1, column 3: 'notes' is none "
	    "of rank, title, artist (or credit), year, text, kind: the column "
	    "is ignored\n");
	script_free(&s);
}

static void
test_csv_errors(void **state)
{
	(void)state;
	csv_bad("", 0, "empty spreadsheet");
	csv_bad("\n\n", 0, "empty spreadsheet");
	csv_bad("rank,name\n1,A\n", 1, "row 1: no column named title");
	csv_bad("rank,title,Title\n1,A,B\n", 1,
	    "row 1, column 3: a second column of that name");
	csv_bad("rank,title\n", 0, "no entries");
	csv_bad("title,text\nT,intro\n", 0, "no entries");
	csv_bad("rank,title\n1,\n", 2, "row 2, column title: no title");
	csv_bad("rank,title\nten,A\n", 2,
	    "row 2, column rank: 'ten' is not a rank");
	csv_bad("rank,title\n0,A\n", 2, "row 2, column rank: '0' is not a rank");
	csv_bad("rank,title\n10000,A\n", 2, "is not a rank");
	csv_bad("rank,title\n2,A\n\n2,B\n", 4,
	    "row 4, column rank: duplicate rank 2 (first in row 2)");
	csv_bad("rank,title,year\n1,A,'99\n", 2,
	    "row 2, column year: ''99' is not a year (four digits)");
	csv_bad("rank,title,year\n1,A,19999\n", 2, "is not a year");
	csv_bad("rank,title\n1,\"A\n", 2,
	    "row 2, column title: the quote that opens the field is not closed");
	csv_bad("rank,title\n1,\"A\"B\n", 2,
	    "row 2, column title: text after the quote that closes the field");
	csv_bad("rank,title,kind\n1,A,bonus\n", 2,
	    "row 2, column kind: 'bonus' is no kind");
	csv_bad("rank,title,kind\n1,A,intro\n", 2, "a rank in a row of kind intro");
	csv_bad("rank,title,kind\n,A,entry\n", 2,
	    "row 2, column rank: an entry needs a rank");
	csv_bad("title,kind\nA,entry\n", 2, "no column is named rank");
	csv_bad("rank,title\n1,A\n,B\n", 3, "row 3: no rank");
	csv_bad("rank,title\n1,A\xff\n", 2, "row 2, column title: not valid UTF-8");
	csv_bad("rank,title\n1,\"multi\nline\",\"\xc3\"\n", 3,
	    "row 2, column 3: not valid UTF-8 (byte 0xc3)");
}

/* A NUL byte, which strlen-based helpers cannot pass, is an error. */
static void
test_csv_nul(void **state)
{
	static const char text[] = "rank,title\n1,A\0B\n";
	struct script s;
	struct script_error err;

	(void)state;
	assert_int_equal(script_csv_parse(text, sizeof(text) - 1, ',', NULL,
	    &s, &err), -1);
	assert_non_null(strstr(err.msg, "row 2, column title: holds a NUL"));
}

/* script_load takes .csv and .tsv files by their name, in any case. */
static void
test_csv_load(void **state)
{
	char dir[PATH_MAX], path[PATH_MAX + 16];
	struct script s;
	struct script_error err;
	FILE *fp;

	(void)state;
	assert_int_equal(unit_tmpdir(dir, sizeof(dir)), 0);
	snprintf(path, sizeof(path), "%s/top.TSV", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("rank\ttitle\n1\tA, B\n", fp);
	fclose(fp);
	assert_int_equal(script_load(path, NULL, &s, &err), 0);
	assert_string_equal(s.entries[0].titles[0].text, "A, B");
	script_free(&s);
	snprintf(path, sizeof(path), "%s/top.csv", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("rank,title\n1,A\n1,B\n", fp);
	fclose(fp);
	assert_int_equal(script_load(path, NULL, &s, &err), EX_DATAERR);
	assert_int_equal(err.line, 3);
	assert_int_equal(unit_remove(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_basic),
		cmocka_unit_test(test_csv_columns),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_kinds),
		cmocka_unit_test(test_csv_extra_columns),
		cmocka_unit_test(test_csv_errors),
		cmocka_unit_test(test_csv_nul),
		cmocka_unit_test(test_csv_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
