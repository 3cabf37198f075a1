/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_espeak: text through countdownd's cleaning into libespeak-ng itself,
 * to learn what crashes or hangs eSpeak NG 1.51. The daemon no longer
 * depends on the answer (eSpeak NG runs in its speech worker, whose faults
 * it survives: tts.h), but what crashes here is text a listener would not
 * hear, so it is worth cleaning out in narrate_clean. The input is an
 * entry: its first line the lead (said by the announcer), the rest its
 * body; narrate_entry cleans it and applies data/lexicon.txt, and
 * speech_espeak_say speaks each segment as the worker does, in this
 * process, so that the sanitizers see inside the library. The input's
 * first byte picks the voice (one of many languages: their rules differ)
 * and the rate; the entry is the rest. What crashes here is kept in
 * regress_espeak/, which the daemon is also played (speech_regress.sh); a
 * clip that never ends is a hang (libFuzzer's -timeout says so).
 * Run: make fuzz-run-espeak (FUZZ_SECONDS=300), from any folder */
#include <stdlib.h>
#include <string.h>

#include "core/conf.h"
#include "core/limits.h"
#include "speech/clip.h"
#include "fuzz.h"
#include "speech/speech_espeak.h"
#include "text/lexicon.h"
#include "text/narrate.h"
#include "text/script.h"

static const char *const fuzz_voices[] = {
	"en-us", "en-gb", "de", "fr-fr", "es", "it", "pt", "ru", "pl", "nl",
	"sv", "fi", "cs", "hu", "tr", "el", "hi", "vi", "cmn", "yue", "ja",
	"ko", "ar", "he", "ta", "th", "ka", "hy", "fa", "ur", "en-us+f3",
};
#define FUZZ_NVOICES	(sizeof fuzz_voices / sizeof fuzz_voices[0])
static const int fuzz_rates[] = { 165, 80, 300, 450 };

static struct lexicon fuzz_lexicon;

/* the samples of one entry, bounded as the daemon bounds them */
static int
fuzz_audio(void *arg, const int16_t *pcm, size_t n)
{
	size_t *total = arg;

	(void)pcm;
	*total += n;
	return *total > (size_t)CLIP_MAX_SECONDS * CLIP_RATE ? -1 : 0;
}

static int
fuzz_mark(void *arg, const struct speech_mark *m)
{
	(void)arg, (void)m;
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[512];

	(void)argc, (void)argv;
	log_init(-1);
	if (lexicon_load(FUZZ_TOP "/data/lexicon.txt", &fuzz_lexicon, err,
	    sizeof err) != 0)
		fuzz_fail("no lexicon", err);
	if (speech_espeak_init() == -1)
		fuzz_fail("eSpeak NG cannot start", NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *voice = fuzz_voices[size ? data[0] % FUZZ_NVOICES : 0];
	int rate = fuzz_rates[size ? data[0] / FUZZ_NVOICES % 4 : 0];
	const uint8_t *nl;
	char *lead, *body = NULL;
	struct entry e = { .kind = ENTRY_INTRO };
	struct narrate_params p;
	struct narration nar;
	struct conf c;
	size_t n, i, total = 0;
	struct speech_out out = { fuzz_audio, fuzz_mark, NULL, &total };
	struct speech_say say;

	if (size > 0)
		data++, size--;
	nl = memchr(data, '\n', size);
	n = nl ? (size_t)(nl - data) : size;
	lead = fuzz_strndup(data, n);
	e.lead = lead;
	if (nl != NULL) {
		body = fuzz_strndup(nl + 1, size - n - 1);
		e.paragraphs = &body;
		e.nparagraphs = 1;
	}
	conf_defaults(&c);
	c.voice.rate = rate;
	narrate_params_set(&p, &c, &fuzz_lexicon);
	if (narrate_entry(&e, &p, &nar) == -1)
		fuzz_fail("out of memory", lead);
	say = (struct speech_say){ c.voice.rate, c.voice.pitch, c.voice.range,
	    c.voice.volume };
	for (i = 0; i < nar.nsegs; i++)
		if (speech_espeak_say(voice, &say, nar.segs[i].text, &out) ==
		    SPEECH_NO_VOICE)
			fuzz_fail("no such voice", voice);
	narrate_free(&nar);
	conf_free(&c);
	free(lead);
	free(body);
	return 0;
}
