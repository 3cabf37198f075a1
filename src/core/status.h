/* SPDX-License-Identifier: GPL-3.0-or-later */
/* status: every text about the countdown's state — the log's entry lines,
 * STATUS=, countdownctl's status and list, --list — as pure functions over
 * the script and an engine_info, appended to a textbuf, and the MPRIS
 * metadata's texts. */
#ifndef STATUS_H
#define STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/engine_info.h"
#include "text/script.h"
#include "util/textbuf.h"

/* "#10 \"You and I\" by Park Bom", "#1 \"A\" & \"B\"", "intro",
 * "honorable mentions" */
void	status_describe(struct textbuf *b, const struct entry *en);
/* "2/12: #10 \"You and I\" by Park Bom" (index is 0-based) */
void	status_entry(struct textbuf *b, const struct script *s, size_t index);
/* Why an entry cannot play, with its line: "entry 2/12: ... (line 9):
 * its speech passed 5 minutes while being made, ..." (its clip was cut
 * off at CLIP_MAX_SECONDS), or with speech_failed "...: eSpeak NG failed
 * on it 3 times" (the speech worker, TTS_TRIES times) */
void	status_lost(struct textbuf *b, const struct script *s, size_t index,
	    bool speech_failed);
/* "  [######------] 0:21 / 0:43": whole seconds, so elapsed never shows
 * more than the total */
void	status_bar(struct textbuf *b, double elapsed, double total);
/* "idle", "starting", "playing", "paused" */
const char *status_state(enum engine_state state);
/* The status in words, for STATUS= and countdownctl status: now "playing
 * 4/12: #8 ..." (with the bar after it when bar is set), next "next: 5/12:
 * ...; next in 3.0 s" or "end of the countdown". */
void	status_now(struct textbuf *b, const struct script *s,
	    const struct engine_info *in, bool bar);
void	status_next(struct textbuf *b, const struct script *s,
	    const struct engine_info *in);
/* both in one line, without the bar: "NOW; NEXT" (the log, STATUS=) */
void	status_line(struct textbuf *b, const struct script *s,
	    const struct engine_info *in);
/* one line of --list, without its newline: INDEX KIND RANK TITLES CREDIT
 * YEARS, tab-separated (countdown-script(5) says what each holds) */
void	status_list_line(struct textbuf *b, const struct script *s, size_t index);

/* A reply of "key: value" pairs, each handed to put in order. */
typedef void (*status_put_fn)(void *arg, const char *key, const char *value);
/* countdownctl status: state, entries, then index kind rank entry elapsed
 * total for the current entry, next next_entry, due, text, next_text */
void	status_reply(const struct script *s, const struct engine_info *in,
	    status_put_fn put, void *arg);
/* countdownctl list: current, next, then one "entry" per entry: its
 * --list line, a tab, its description */
void	status_list_reply(const struct script *s, const struct engine_info *in,
	    status_put_fn put, void *arg);

/* MPRIS: the entry the metadata is about, the current one, else the
 * next; PLAYLIST_NONE when there is neither */
size_t	status_track(const struct engine_info *in);
/* its mpris:trackid: "/org/countdownd/entry/4" (index is 0-based) */
void	status_track_id(struct textbuf *b, size_t index);
/* its xesam:title: "#8 Hello & I Told You I Wanna Die" (the rank and the
 * titles, without quotes or credit), "intro", "honorable mentions" */
void	status_track_title(struct textbuf *b, const struct entry *en);
/* its xesam:artist, one put per name: the credit; for the mentions,
 * each item's credit */
void	status_track_artists(const struct entry *en, status_put_fn put,
	    void *arg);

#endif
