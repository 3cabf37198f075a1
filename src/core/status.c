/* SPDX-License-Identifier: GPL-3.0-or-later */
/* status: the texts about the countdown's state, in one place. */
#include "core/status.h"

#include <math.h>
#include <stdlib.h>

#include "core/limits.h"
#include "core/sched.h"

/* the kind's label, or the rank and the titles, each in q: "#3 \"Alpha\"" */
static void
status_name(struct textbuf *b, const struct entry *en, const char *q)
{
	const struct entry_kind_info *k = script_kind(en->kind);
	size_t i;

	if (k->label) {
		textbuf_puts(b, k->label);
		return;
	}
	textbuf_printf(b, "#%d", en->rank);
	for (i = 0; i < en->ntitles; i++)
		textbuf_printf(b, "%s%s%s%s", i ? " & " : " ", q,
		    en->titles[i].text, q);
}

void
status_describe(struct textbuf *b, const struct entry *en)
{
	status_name(b, en, "\"");
	if (!script_kind(en->kind)->label && en->credit)
		textbuf_printf(b, " by %s", en->credit);
}

void
status_track_title(struct textbuf *b, const struct entry *en)
{
	status_name(b, en, "");
}

void
status_entry(struct textbuf *b, const struct script *s, size_t index)
{
	textbuf_printf(b, "%zu/%zu: ", index + 1, s->nentries);
	status_describe(b, &s->entries[index]);
}

void
status_lost(struct textbuf *b, const struct script *s, size_t index,
    bool speech_failed)
{
	textbuf_puts(b, "entry ");
	status_entry(b, s, index);
	textbuf_printf(b, " (line %d): ", s->entries[index].line);
	if (speech_failed)
		textbuf_printf(b, "eSpeak NG failed on it %d times", TTS_TRIES);
	else
		textbuf_printf(b, "its speech passed %d minutes while being made, "
		    "the most an entry may last (countdown-script(5), LIMITS)",
		    CLIP_MAX_SECONDS / 60);
}

void
status_bar(struct textbuf *b, double elapsed, double total)
{
	char cells[13];
	int i, full = total > 0 ? (int)lround(12 * elapsed / total) : 0;
	long e = (long)elapsed, t = (long)total;

	for (i = 0; i < 12; i++)
		cells[i] = i < full ? '#' : '-';
	cells[12] = '\0';
	textbuf_printf(b, "  [%s] %ld:%02ld / %ld:%02ld", cells, e / 60, e % 60,
	    t / 60, t % 60);
}

const char *
status_state(enum engine_state state)
{
	static const char *const words[] = {
		[ENGINE_IDLE] = "idle",
		[ENGINE_STARTING] = "starting",
		[ENGINE_PLAYING] = "playing",
		[ENGINE_PAUSED] = "paused",
	};

	return words[state];
}

void
status_now(struct textbuf *b, const struct script *s,
    const struct engine_info *in, bool bar)
{
	textbuf_puts(b, status_state(in->state));
	if (in->current == PLAYLIST_NONE)
		return;
	textbuf_putc(b, ' ');
	status_entry(b, s, in->current);
	if (bar && in->total > 0)
		status_bar(b, in->elapsed, in->total);
}

void
status_next(struct textbuf *b, const struct script *s,
    const struct engine_info *in)
{
	char when[128];

	if (in->next == PLAYLIST_NONE) {
		textbuf_puts(b, "end of the countdown");
		return;
	}
	textbuf_puts(b, "next: ");
	status_entry(b, s, in->next);
	if (in->current == PLAYLIST_NONE)
		textbuf_printf(b, "; %s", sched_describe(when, sizeof when,
		    in->due, in->now));
}

void
status_line(struct textbuf *b, const struct script *s,
    const struct engine_info *in)
{
	status_now(b, s, in, false);
	if (in->skipped != PLAYLIST_NONE && in->skipped < s->nentries) {
		textbuf_puts(b, "; skipped ");
		status_entry(b, s, in->skipped);
		textbuf_puts(b, in->skipped_speech ? " (eSpeak NG failed on it)" :
		    " (too long to play)");
	}
	textbuf_puts(b, "; ");
	status_next(b, s, in);
}

/* the titles, credits or years of e joined with " & " */
static void
status_joined(struct textbuf *b, const struct entry *e, char what)
{
	size_t i, n = 0;

	for (i = 0; i < e->ntitles; i++) {
		const struct title *t = &e->titles[i];
		const char *sep = n ? " & " : "";

		if (what == 't')
			textbuf_printf(b, "%s%s", sep, t->text);
		else if (what == 'c' && t->credit)
			textbuf_printf(b, "%s%s", sep, t->credit);
		else if (what == 'y' && t->year)
			textbuf_printf(b, "%s%d", sep, t->year);
		else
			continue;
		n++;
	}
}

void
status_list_line(struct textbuf *b, const struct script *s, size_t index)
{
	const struct entry *e = &s->entries[index];
	const struct entry_kind_info *k = script_kind(e->kind);

	textbuf_printf(b, "%zu\t%s\t", index + 1, k->name);
	if (k->ranked)
		textbuf_printf(b, "%d", e->rank);
	textbuf_putc(b, '\t');
	status_joined(b, e, 't');
	textbuf_putc(b, '\t');
	if (k->items)
		status_joined(b, e, 'c');
	else if (e->credit)
		textbuf_puts(b, e->credit);
	textbuf_putc(b, '\t');
	status_joined(b, e, 'y');
}

/* put(key, the text b holds), and b emptied for the next one */
static void
status_put(status_put_fn put, void *arg, const char *key, struct textbuf *b)
{
	put(arg, key, textbuf_str(b));
	textbuf_reset(b);
}

void
status_reply(const struct script *s, const struct engine_info *in,
    status_put_fn put, void *arg)
{
	struct textbuf b = TEXTBUF_INIT;
	const struct entry *en;

	put(arg, "state", status_state(in->state));
	textbuf_printf(&b, "%zu", s->nentries);
	status_put(put, arg, "entries", &b);
	if (in->current != PLAYLIST_NONE) {
		en = &s->entries[in->current];
		textbuf_printf(&b, "%zu", in->current + 1);
		status_put(put, arg, "index", &b);
		put(arg, "kind", script_kind(en->kind)->name);
		if (script_kind(en->kind)->ranked) {
			textbuf_printf(&b, "%d", en->rank);
			status_put(put, arg, "rank", &b);
		}
		status_describe(&b, en);
		status_put(put, arg, "entry", &b);
		textbuf_printf(&b, "%.2f", in->elapsed);
		status_put(put, arg, "elapsed", &b);
		textbuf_printf(&b, "%.2f", in->total);
		status_put(put, arg, "total", &b);
	}
	if (in->next != PLAYLIST_NONE) {
		textbuf_printf(&b, "%zu", in->next + 1);
		status_put(put, arg, "next", &b);
		status_describe(&b, &s->entries[in->next]);
		status_put(put, arg, "next_entry", &b);
	}
	if (in->due >= 0) {
		textbuf_printf(&b, "%.3f", in->due);
		status_put(put, arg, "due", &b);
	}
	status_now(&b, s, in, true);
	status_put(put, arg, "text", &b);
	status_next(&b, s, in);
	status_put(put, arg, "next_text", &b);
}

void
status_list_reply(const struct script *s, const struct engine_info *in,
    status_put_fn put, void *arg)
{
	struct textbuf b = TEXTBUF_INIT;
	size_t i;

	if (in->current != PLAYLIST_NONE) {
		textbuf_printf(&b, "%zu", in->current + 1);
		status_put(put, arg, "current", &b);
	}
	if (in->next != PLAYLIST_NONE) {
		textbuf_printf(&b, "%zu", in->next + 1);
		status_put(put, arg, "next", &b);
	}
	for (i = 0; i < s->nentries; i++) {
		status_list_line(&b, s, i);
		textbuf_putc(&b, '\t');
		status_describe(&b, &s->entries[i]);
		status_put(put, arg, "entry", &b);
	}
}

size_t
status_track(const struct engine_info *in)
{
	return in->current != PLAYLIST_NONE ? in->current : in->next;
}

void
status_track_id(struct textbuf *b, size_t index)
{
	textbuf_printf(b, "/org/countdownd/entry/%zu", index + 1);
}

void
status_track_artists(const struct entry *en, status_put_fn put, void *arg)
{
	size_t i;

	if (!script_kind(en->kind)->items) {
		if (en->credit)
			put(arg, "xesam:artist", en->credit);
		return;
	}
	for (i = 0; i < en->ntitles; i++)
		if (en->titles[i].credit)
			put(arg, "xesam:artist", en->titles[i].credit);
}
