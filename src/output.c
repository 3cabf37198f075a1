/* output: listings and the offline render. */
#include "output.h"

#include <poll.h>
#include <sndfile.h>
#include <stdlib.h>
#include <sysexits.h>

#include "log.h"
#include "narrate.h"
#include "sink.h"
#include "status.h"

void
output_list(FILE *fp, const struct script *s)
{
	struct textbuf b = TEXTBUF_INIT;
	size_t i;

	for (i = 0; i < s->nentries; i++) {
		status_list_line(&b, s, i);
		fprintf(fp, "%s\n", textbuf_str(&b));
		textbuf_reset(&b);
	}
}

int
output_narration(FILE *fp, const struct script *s, const struct conf *c,
    const struct lexicon *lx)
{
	struct narrate_params np;
	struct narration n;
	size_t i, k;

	narrate_params_set(&np, c, lx);
	for (i = 0; i < s->nentries; i++) {
		const struct entry *e = &s->entries[i];

		if (narrate_entry(e, &np, &n) == -1)
			return EX_OSERR;
		fprintf(fp, "--- %zu %s ", i + 1, script_kind_name(e->kind));
		if (script_kind(e->kind)->ranked)
			fprintf(fp, "%d", e->rank);
		fputc('\n', fp);
		for (k = 0; k < n.nsegs; k++)
			fprintf(fp, "%s\n", n.segs[k].text);
		narrate_free(&n);
	}
	return 0;
}

/* wait for the synth thread's clip of the job just submitted */
static struct clip *
output_wait_clip(struct tts *tts)
{
	struct pollfd pfd = { .fd = tts_fd(tts), .events = POLLIN };
	struct clip *c;

	while ((c = tts_collect(tts)) == NULL)
		if (poll(&pfd, 1, -1) == -1)
			return NULL;
	return c;
}

int
output_render(const char *path, struct tts *tts, const struct script *s,
    const struct conf *c, const struct lexicon *lx)
{
	unsigned rate = CLIP_RATE;
	SNDFILE *sf = sink_file_create(path, &rate, false);
	struct narrate_params np;
	struct narration n;
	struct tts_job *job;
	struct clip *clip;
	struct textbuf b = TEXTBUF_INIT;
	size_t i;
	int rc = 0;

	if (sf == NULL)
		return EX_CANTCREAT;
	narrate_params_set(&np, c, lx);
	for (i = 0; i < s->nentries && rc == 0; i++) {
		if (narrate_entry(&s->entries[i], &np, &n) == -1 ||
		    (job = tts_job_new(i, &n, c)) == NULL) {
			narrate_free(&n);
			rc = EX_OSERR;
			break;
		}
		tts_submit(tts, job);
		if ((clip = output_wait_clip(tts)) == NULL) {
			rc = EX_OSERR;
			break;
		}
		if (clip->cut) {
			/* the render would not be what the script says */
			status_too_long(&b, s, i);
			log_errorx("%s", textbuf_str(&b));
			textbuf_reset(&b);
			clip_free(clip);
			rc = EX_DATAERR;
			break;
		}
		if (i + 1 < s->nentries)
			clip_append_silence(clip, c->schedule.gap);
		if (sf_write_short(sf, clip->pcm, (sf_count_t)clip->nsamples) !=
		    (sf_count_t)clip->nsamples) {
			log_errorx("%s: %s", path, sf_strerror(sf));
			rc = EX_IOERR;
		}
		clip_free(clip);
	}
	if (sf_close(sf) != 0 && rc == 0)
		rc = EX_IOERR;
	return rc;
}
