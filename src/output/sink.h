/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sink: an output device behind one interface. The device pulls audio from
 * fill() on its own thread and calls done() once the stream has played out.
 * Both run in the audio thread: they may not lock, allocate, log or block.
 * The backends (sink_pa.c, sink_pulse.c, sink_file.c, sink_snapcast.c) share
 * sink_backend.h;
 * nothing of them shows here. */
#ifndef SINK_H
#define SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/conf.h"

/* write up to n mono frames at out; fewer than n means the sound ended */
typedef size_t	(*sink_fill_fn)(void *arg, int16_t *out, size_t n);
typedef void	(*sink_done_fn)(void *arg);

struct sink;

struct sink	*sink_new(const struct conf *c, sink_fill_fn fill, sink_done_fn done,
		    void *arg);
void		 sink_free(struct sink *s);
/* open when not open yet; 0 or -1 */
int		 sink_open(struct sink *s);
int		 sink_start(struct sink *s);
void		 sink_stop(struct sink *s);
size_t		 sink_unheard(struct sink *s);
/* Frames in the output file so far, those of earlier runs included; 0
 * for a device. Asked while stopped. */
size_t		 sink_frames(struct sink *s);
/* handed out, not heard yet, and not dropped by a stop (snapcast: in
 * snapserver's buffer); 0 for most outputs */
size_t		 sink_delay(struct sink *s);
void		 sink_close(struct sink *s);
/* close, and make the next open look for devices afresh (after a failure) */
void		 sink_reset(struct sink *s);
/* the rate of the open device, which clips are resampled to */
unsigned	 sink_rate(const struct sink *s);
/* What audio.device can name, one a line: the pulse sinks when a server
 * answers, and PortAudio's output devices; "*" marks each one's default.
 * 0, or EX_UNAVAILABLE when there are none. */
int		 sink_list_devices(FILE *fp);


#endif
