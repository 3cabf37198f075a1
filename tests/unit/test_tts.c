/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_tts: the synth thread against narrate's length estimate. What it
 * makes of ordinary text is never longer than the estimate that let the
 * script in, so no ordinary entry is ever cut off; and a text that the
 * estimate counts short (emoji, each said by its long name) is cut off at
 * CLIP_MAX_SECONDS all the same, and comes back without its sound. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/limits.h"
#include "speech/tts.h"
#include "text/narrate.h"
#include "text/script.h"
#include "util/textbuf.h"

/* numbers, dates, money, abbreviations and signs: what eSpeak NG says at
 * more length than it is written, in ordinary text */
static const char numbers[] =
    "Numbers and Names\n\n"
    "#2: \"Seven Thousand\" (1998)\nBTS\n"
    "In 1998, 7,777 fans paid $12.50 each. On 2024-01-15 at 10:30 p.m., "
    "No. 3 rose 45% to 1,234,567 plays; 3.14159 is pi, 1/2 is a half.\n\n"
    "#1: \"Abbreviations\"\nMr. Smith\n"
    "Mr. Smith of EXO and SNSD met Dr. Jones, the CEO of the NBA, in the "
    "U.S.A. on Jan. 5th; XVII, III, 2NE1 and f(x) were said too.\n";

static const char german[] =
    "Regen\n\n"
    "#1: \"Tropfen auf dem Dach\" (1998)\nDie Wolkenschieber\n"
    "Ein leises Lied mit Klavier und Besen auf der Trommel. Es klingt wie "
    "ein Nachmittag am Fenster, wenn draußen der Regen fällt und niemand "
    "anruft. Am 3. Oktober 2004 spielten sie es zum ersten Mal.\n";

static const char french[] =
    "La mer\n\n"
    "#1: \"La Vague\" (1987)\nLes Marins\n"
    "Une chanson douce sur la mer et le départ. Elle parle d'un port au "
    "petit matin, des bateaux qui s'en vont et de ceux qui restent sur le "
    "quai. En 1987, 250 000 disques furent vendus.\n";

static struct tts *tts;

static int
setup(void **state)
{
	(void)state;
	return (tts = tts_start()) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	tts_stop(tts);
	return 0;
}

/* entry index of s spoken with c: its clip (at most 60 s of waiting) and,
 * in *estimate, what narrate_seconds said of it */
static struct clip *
synth(const struct script *s, size_t index, const struct conf *c,
    double *estimate)
{
	struct narrate_params np;
	struct narration n;
	struct tts_job *job;
	struct pollfd pfd = { .fd = tts_fd(tts), .events = POLLIN };
	struct clip *clip;
	int waited = 0;

	narrate_params_set(&np, c, NULL);
	assert_int_equal(narrate_entry(&s->entries[index], &np, &n), 0);
	*estimate = narrate_seconds(&n, c->voice.rate);
	assert_non_null(job = tts_job_new(index, &n, c, NULL));
	tts_submit(tts, job);
	while ((clip = tts_collect(tts)) == NULL && waited++ < 60)
		poll(&pfd, 1, 1000);
	assert_non_null(clip);
	assert_int_equal(clip->index, index);
	return clip;
}

/* every entry of text, in voice at rate: made whole, and no longer than
 * the estimate (nor more than three times shorter: the estimate does not
 * refuse what would fit) */
static void
check_bounded(const char *text, const char *voice, int rate)
{
	struct script s;
	struct script_error err;
	struct conf c;
	struct clip *clip;
	double estimate, seconds;
	size_t i;

	assert_int_equal(script_parse(text, strlen(text), NULL, &s, &err), 0);
	conf_defaults(&c);
	free(c.voice.name);
	assert_non_null(c.voice.name = strdup(voice));
	c.voice.rate = rate;
	for (i = 0; i < s.nentries; i++) {
		clip = synth(&s, i, &c, &estimate);
		seconds = clip_seconds(clip);
		if (clip->cut || seconds > estimate || estimate > 3 * seconds)
			fail_msg("%s at %d, entry %zu: %.1f s of speech, %.1f s "
			    "estimated%s", voice, rate, i + 1, seconds, estimate,
			    clip->cut ? ", cut off" : "");
		clip_free(clip);
	}
	conf_free(&c);
	script_free(&s);
}

static void
test_ordinary_text_within_estimate(void **state)
{
	char *kpop;
	size_t len;
	static const int rates[] = { 80, 165, 450 };
	size_t i;

	(void)state;
	assert_non_null(kpop = textbuf_read_file(
	    "data/scripts/saddest-kpop-mvs.txt", 1 << 20, &len));
	for (i = 0; i < sizeof rates / sizeof rates[0]; i++) {
		check_bounded(kpop, "en-us", rates[i]);
		check_bounded(numbers, "en-us", rates[i]);
	}
	check_bounded(numbers, "en-us+f3", 165);
	check_bounded(german, "de", 165);
	check_bounded(french, "fr", 165);
	free(kpop);
}

/* 1,000 emoji: counted as a few minutes, said in more than ten */
static void
test_longer_than_estimate_is_cut(void **state)
{
	static const char *const emoji[] = { "\xf0\x9f\x8e\xb5",
	    "\xf0\x9f\x92\x94", "\xf0\x9f\x98\xa2", "\xf0\x9f\x8c\xa7" };
	struct textbuf b = TEXTBUF_INIT;
	struct script s;
	struct script_error err;
	struct conf c;
	struct clip *clip;
	double estimate;
	size_t i;

	(void)state;
	textbuf_puts(&b, "Emoji\n\n#1: \"Faces\"\n");
	for (i = 0; i < 1000; i++)
		textbuf_printf(&b, "%s ", emoji[i % 4]);
	textbuf_putc(&b, '\n');
	assert_int_equal(script_parse(b.s, b.len, NULL, &s, &err), 0);
	conf_defaults(&c);
	clip = synth(&s, 1, &c, &estimate);
	assert_true(estimate < CLIP_MAX_SECONDS);
	assert_true(clip->cut);
	assert_int_equal(clip->nsamples, 0);
	assert_null(clip->pcm);
	clip_free(clip);
	/* the thread goes on: the next entry is made whole */
	clip = synth(&s, 0, &c, &estimate);
	assert_false(clip->cut);
	assert_true(clip_seconds(clip) > 0.3);
	clip_free(clip);
	conf_free(&c);
	script_free(&s);
	textbuf_reset(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ordinary_text_within_estimate),
		cmocka_unit_test(test_longer_than_estimate_is_cut),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
