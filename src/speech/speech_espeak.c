/* SPDX-License-Identifier: GPL-3.0-or-later */
/* speech_espeak: the only file that calls libespeak-ng. */
#include "speech/speech_espeak.h"

#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct speech_call {
	const struct speech_out	*out;
	bool			 cancelled;
	bool			 failed;
};

/* eSpeak NG 1.51 asks libpcaudio for a sound device even for synchronous
 * output, and libpulse writes its complaints (no socket, no secure
 * directory, no cookie) to stderr: that is noise for the journal, so
 * stderr points where stdout does (the worker's is /dev/null) for the
 * call. */
int
speech_espeak_init(void)
{
	int saved = dup(STDERR_FILENO), rate;

	if (saved != -1)
		dup2(STDOUT_FILENO, STDERR_FILENO);
	rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL,
	    espeakINITIALIZE_DONT_EXIT);
	if (saved != -1) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	return rate > 0 ? rate : -1;
}

/* languages as pairs of (priority byte, NUL-terminated name), ended by a 0
 * byte: "2en-gb 2en" */
static void
speech_espeak_langs(struct textbuf *b, const char *l)
{
	bool first = true;

	for (; *l != '\0'; l += strlen(l + 1) + 2, first = false)
		textbuf_printf(b, "%s%d%s", first ? "" : " ",
		    (unsigned char)*l > 9 ? 9 : (unsigned char)*l, l + 1);
	textbuf_putc(b, '\0');
}

static void
speech_espeak_list(struct textbuf *b, const espeak_VOICE **v, bool variant)
{
	for (; v && *v; v++) {
		textbuf_putc(b, variant ? 1 : 0);
		textbuf_puts(b, (*v)->name ? (*v)->name : "");
		textbuf_putc(b, '\0');
		textbuf_puts(b, (*v)->identifier ? (*v)->identifier : "");
		textbuf_putc(b, '\0');
		speech_espeak_langs(b, (*v)->languages ? (*v)->languages : "");
	}
}

void
speech_espeak_voices(struct textbuf *b)
{
	espeak_VOICE spec = { .languages = "variant" };

	/* the next ListVoices call may reuse the list's memory */
	speech_espeak_list(b, espeak_ListVoices(NULL), false);
	speech_espeak_list(b, espeak_ListVoices(&spec), true);
}

/* eSpeak NG hands over audio and events in chunks; returning 1 aborts */
static int
speech_espeak_chunk(short *wav, int nsamples, espeak_EVENT *ev)
{
	struct speech_call *call = ev ? ev->user_data : NULL;
	const struct speech_out *out;

	if (call == NULL)
		return 0;
	out = call->out;
	if (out->cancelled && out->cancelled(out->arg)) {
		call->cancelled = true;
		return 1;
	}
	for (; ev->type != espeakEVENT_LIST_TERMINATED; ev++) {
		struct speech_mark m = {
			.kind = ev->type == espeakEVENT_WORD ?
			    SPEECH_MARK_WORD : SPEECH_MARK_SENTENCE,
			.text_position = ev->text_position > 0 ?
			    (uint32_t)ev->text_position : 0,
			.sample = ev->sample > 0 ? (uint64_t)ev->sample : 0,
		};

		if ((ev->type == espeakEVENT_WORD ||
		    ev->type == espeakEVENT_SENTENCE) &&
		    out->mark(out->arg, &m) == -1) {
			call->failed = true;
			return 1;
		}
	}
	if (wav != NULL && nsamples > 0 &&
	    out->audio(out->arg, wav, (size_t)nsamples) == -1) {
		call->failed = true;
		return 1;
	}
	return 0;
}

enum speech_status
speech_espeak_say(const char *voice, const struct speech_say *p,
    const char *text, const struct speech_out *out)
{
	/* the voice eSpeak NG holds (its state is global): selecting one
	 * reads its files again, some 4 file opens, for every segment */
	static char current[256];
	struct speech_call call = { .out = out };
	espeak_ERROR err;

	if (strcmp(current, voice) != 0) {
		current[0] = '\0';
		if (espeak_SetVoiceByName(voice) != EE_OK)
			return SPEECH_NO_VOICE;
		snprintf(current, sizeof current, "%s", voice);
	}
	espeak_SetSynthCallback(speech_espeak_chunk);
	espeak_SetParameter(espeakRATE, p->rate, 0);
	espeak_SetParameter(espeakPITCH, p->pitch, 0);
	espeak_SetParameter(espeakRANGE, p->range, 0);
	espeak_SetParameter(espeakVOLUME, p->volume, 0);
	err = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
	    espeakCHARS_UTF8, NULL, &call);
	if (call.cancelled)
		return SPEECH_CANCELLED;
	return err != EE_OK || call.failed ? SPEECH_FAILED : SPEECH_OK;
}

void
speech_espeak_end(void)
{
	espeak_Terminate();
}
