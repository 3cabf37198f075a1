/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sink: what sink.c and its backends (sink_pa.c, sink_pulse.c,
 * sink_file.c, sink_snapcast.c) share. Included by those files only. A
 * new output is a sink_NAME.c with its ops table and its registry row
 * (outputs.h), and that row's line in outputs.c. */
#ifndef SINK_BACKEND_H
#define SINK_BACKEND_H

#include "output/outputs.h"
#include "output/sink.h"

struct sink_ops {
	/* 0, or -1 with a logged reason and the backend torn down (as by
	 * reset): sink.c takes a failed open for a backend that is down */
	int	(*open)(struct sink *);
	int	(*start)(struct sink *);	/* start pulling from fill */
	void	(*stop)(struct sink *);		/* at once; fill is not called after */
	void	(*close)(struct sink *);
	void	(*reset)(struct sink *);	/* forget the devices seen so far */
	/* frames handed out but not yet heard, dropped by a stop */
	size_t	(*unheard)(struct sink *);
	/* a file: frames in it so far (NULL for a device) */
	size_t	(*frames)(struct sink *);
	/* frames handed out and not heard yet that a stop does not drop
	 * (snapcast: the rooms hear them later); NULL for none */
	size_t	(*delay)(struct sink *);
};

struct sink {
	const struct sink_ops	*ops;
	bool			 is_open;
	bool			 backend_up;	/* the backend's library is initialized;
						 * written by sink.c alone */
	bool			 automatic;	/* output "auto": pulse, else PortAudio */
	const char		*via;		/* auto: what the backend it opened
						 * plays through, for the log */
	unsigned		 rate;		/* of the open device (snapcast:
						 * audio.rate, set at sink_new) */
	char			*device;	/* device (PortAudio) or sink (pulse) name */
	char			*path;		/* file: where clips go; snapcast:
						 * the FIFO */
	double			 latency;
	sink_fill_fn		 fill;
	sink_done_fn		 done;
	void			*arg;
	void			*priv;		/* the backend's */
};

#endif
