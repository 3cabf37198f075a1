/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outputs: the registry. Each row is defined beside its backend, in
 * sink_NAME.c; this file only lists them. */
#include "output/outputs.h"

#include <string.h>

extern const struct output sink_pa_output, sink_file_output,
    sink_pulse_output, sink_snapcast_output;

/* "auto" has no backend of its own: sink_open picks one of outputs_auto() */
static const struct output outputs_auto_row = { .name = "auto" };

/* audio.output's values, in the order "allowed: ..." lists them */
static const struct output *const outputs[] = {
	&sink_pa_output,
	&sink_file_output,
	&sink_pulse_output,
	&outputs_auto_row,
	&sink_snapcast_output,
};

/* A sound server when one answers (the shortest way to sound), else
 * whatever devices PortAudio finds. */
static const struct output *const outputs_auto_tries[] = {
	&sink_pulse_output,
	&sink_pa_output,
};

#define OUTPUTS_N(a)	(sizeof (a) / sizeof (a)[0])

const struct output *
outputs_find(const char *name)
{
	size_t i;

	for (i = 0; i < OUTPUTS_N(outputs); i++)
		if (strcmp(outputs[i]->name, name) == 0)
			return outputs[i];
	return NULL;
}

const struct output *
outputs_at(size_t i)
{
	return i < OUTPUTS_N(outputs) ? outputs[i] : NULL;
}

const struct output *
outputs_auto(size_t i)
{
	return i < OUTPUTS_N(outputs_auto_tries) ? outputs_auto_tries[i] : NULL;
}
