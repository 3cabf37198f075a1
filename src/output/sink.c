/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sink: picks the backend from the config and keeps open/close state. */
#include "output/sink_backend.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/log.h"

struct sink *
sink_new(const struct conf *c, sink_fill_fn fill, sink_done_fn done, void *arg)
{
	struct sink *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->ops = c->audio.output->ops;
	s->automatic = s->ops == NULL;
	s->device = strdup(c->audio.device ? c->audio.device : "default");
	s->path = c->audio.path ? strdup(c->audio.path) : NULL;
	s->latency = c->audio.latency;
	s->rate = (unsigned)c->audio.rate;
	s->fill = fill;
	s->done = done;
	s->arg = arg;
	if (s->device == NULL || (c->audio.path && s->path == NULL)) {
		sink_free(s);
		return NULL;
	}
	return s;
}

void
sink_free(struct sink *s)
{
	if (s == NULL)
		return;
	sink_reset(s);
	free(s->device);
	free(s->path);
	free(s);
}

int
sink_open(struct sink *s)
{
	const struct output *o;
	size_t i;
	int rc = -1;

	if (s->is_open)
		return 0;
	/* auto: the first of outputs_auto() that opens, chosen again after
	 * a reset */
	if (s->automatic && !s->backend_up) {
		for (i = 0; rc == -1 && (o = outputs_auto(i)) != NULL; i++) {
			s->ops = o->ops;
			s->via = o->via;
			rc = s->ops->open(s);
		}
	} else
		rc = s->ops->open(s);
	/* a failed open leaves its backend down (sink_backend.h) */
	s->backend_up = rc == 0;
	if (rc == -1)
		return -1;
	if (s->automatic)
		log_debug("audio: output \"auto\" plays through %s", s->via);
	s->is_open = true;
	return 0;
}

int
sink_start(struct sink *s)
{
	if (sink_open(s) == -1)
		return -1;
	return s->ops->start(s);
}

void
sink_stop(struct sink *s)
{
	if (s->is_open)
		s->ops->stop(s);
}

size_t
sink_unheard(struct sink *s)
{
	return s->is_open ? s->ops->unheard(s) : 0;
}

size_t
sink_frames(struct sink *s)
{
	return s->is_open && s->ops->frames ? s->ops->frames(s) : 0;
}

size_t
sink_delay(struct sink *s)
{
	return s->is_open && s->ops->delay ? s->ops->delay(s) : 0;
}

void
sink_close(struct sink *s)
{
	if (!s->is_open)
		return;
	s->ops->stop(s);
	s->ops->close(s);
	s->is_open = false;
}

void
sink_reset(struct sink *s)
{
	sink_close(s);
	if (s->backend_up)
		s->ops->reset(s);
	s->backend_up = false;
}

unsigned
sink_rate(const struct sink *s)
{
	return s->rate;
}

int
sink_list_devices(FILE *fp)
{
	const struct output *o;
	size_t i;
	bool found = false;

	/* each one asked, so that every device is listed */
	for (i = 0; (o = outputs_auto(i)) != NULL; i++)
		if (o->list(fp) > 0)
			found = true;
	if (found)
		return 0;
	fprintf(stderr, "no audio output device (is an audio server running?)\n");
	return EX_UNAVAILABLE;
}
