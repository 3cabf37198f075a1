/* fuzz_espeak: text through countdownd's cleaning into libespeak-ng itself,
 * to find what crashes or hangs eSpeak NG 1.51 before a listener does. The
 * input is an entry: its first line the lead (said by the announcer), the
 * rest its body; narrate_entry cleans it and applies data/lexicon.txt, and
 * the synth thread of tts.c speaks it into memory (AUDIO_OUTPUT_SYNCHRONOUS,
 * espeak_Synth as the daemon calls it). The input's first byte picks the
 * voice (one of many languages: their rules differ) and the rate; the
 * entry is the rest. What crashes
 * here is cleaned out in narrate_clean and kept in regress_espeak/; a clip
 * that never comes is a hang (libFuzzer's -timeout says so first).
 * Run: make fuzz-run-espeak (FUZZ_SECONDS=300) */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "tts.h"

#define FUZZ_WAIT_MS	120000	/* for a clip: then it is a hang */

static const char *const fuzz_voices[] = {
	"en-us", "en-gb", "de", "fr-fr", "es", "it", "pt", "ru", "pl", "nl",
	"sv", "fi", "cs", "hu", "tr", "el", "hi", "vi", "cmn", "yue", "ja",
	"ko", "ar", "he", "ta", "th", "ka", "hy", "fa", "ur", "en-us+f3",
};
#define FUZZ_NVOICES	(sizeof fuzz_voices / sizeof fuzz_voices[0])
static const int fuzz_rates[] = { 165, 80, 300, 450 };

static struct tts *fuzz_tts;
static struct lexicon fuzz_lexicon;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[512];
	size_t i;

	(void)argc, (void)argv;
	log_init(-1);
	if (lexicon_load("data/lexicon.txt", &fuzz_lexicon, err, sizeof err) != 0)
		fuzz_fail("run from the top of the tree", err);
	if ((fuzz_tts = tts_start()) == NULL)
		fuzz_fail("eSpeak NG cannot start", NULL);
	for (i = 0; i < FUZZ_NVOICES; i++)
		if (!tts_voice_exists(fuzz_voices[i], fuzz_tts))
			fuzz_fail("no such voice", fuzz_voices[i]);
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
	struct tts_job *job;
	struct clip *clip;
	struct pollfd pfd;
	struct conf c;
	size_t n;
	int ready;

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
	free(c.voice.name);
	c.voice.name = fuzz_strndup(voice, strlen(voice));
	c.voice.rate = rate;
	narrate_params_set(&p, &c, &fuzz_lexicon);
	if (narrate_entry(&e, &p, &nar) == -1 ||
	    (job = tts_job_new(0, &nar, &c)) == NULL)
		fuzz_fail("out of memory", lead);
	tts_submit(fuzz_tts, job);
	pfd = (struct pollfd){ .fd = tts_fd(fuzz_tts), .events = POLLIN };
	/* libFuzzer's timer interrupts the wait each second */
	while ((ready = poll(&pfd, 1, FUZZ_WAIT_MS)) == -1 && errno == EINTR)
		;
	if (ready != 1 || (clip = tts_collect(fuzz_tts)) == NULL)
		fuzz_fail("no clip: the synth thread is stuck", lead);
	clip_free(clip);
	conf_free(&c);
	free(lead);
	free(body);
	return 0;
}
