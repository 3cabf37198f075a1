/* sink: an output device behind one interface. The device pulls audio from
 * fill() on its own thread and calls done() once the stream has played out.
 * Both run in the audio thread: they may not lock, allocate, log or block. */
#ifndef SINK_H
#define SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "conf.h"

/* write up to n mono frames at out; fewer than n means the sound ended */
typedef size_t	(*sink_fill_fn)(void *arg, int16_t *out, size_t n);
typedef void	(*sink_done_fn)(void *arg);

struct sink;

struct sink_ops {
	int	(*open)(struct sink *);		/* 0, or -1 with a logged reason */
	int	(*start)(struct sink *);	/* start pulling from fill */
	void	(*stop)(struct sink *);		/* at once; fill is not called after */
	void	(*close)(struct sink *);
	void	(*reset)(struct sink *);	/* forget the devices seen so far */
	/* frames handed out but not yet heard, dropped by a stop */
	size_t	(*unheard)(struct sink *);
	/* frames handed out and not heard yet that a stop does not drop
	 * (snapcast: the rooms hear them later); NULL for none */
	size_t	(*delay)(struct sink *);
};

struct sink {
	const struct sink_ops	*ops;
	bool			 is_open;
	bool			 backend_up;	/* the backend's library is initialized */
	bool			 automatic;	/* output "auto": pulse, else PortAudio */
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

extern const struct sink_ops sink_pa_ops;
extern const struct sink_ops sink_file_ops;
extern const struct sink_ops sink_pulse_ops;
extern const struct sink_ops sink_snapcast_ops;

struct sink	*sink_new(const struct conf *c, sink_fill_fn fill, sink_done_fn done,
		    void *arg);
void		 sink_free(struct sink *s);
/* open when not open yet; 0 or -1 */
int		 sink_open(struct sink *s);
int		 sink_start(struct sink *s);
void		 sink_stop(struct sink *s);
size_t		 sink_unheard(struct sink *s);
size_t		 sink_delay(struct sink *s);
void		 sink_close(struct sink *s);
/* close, and make the next open look for devices afresh (after a failure) */
void		 sink_reset(struct sink *s);

/* Open path (WAV or FLAC by extension) for writing mono s16 at *rate. With
 * append, an existing WAV is continued at its own rate, put in *rate. */
struct sf_private_tag;
struct sf_private_tag *sink_file_create(const char *path, unsigned *rate, bool append);

/* PortAudio: list output devices; 0, or EX_UNAVAILABLE when there are none */
int		 sink_pa_list(FILE *fp);
/* Keep ALSA's and JACK's library chatter off stderr (Pa_Initialize probes
 * every device and each library prints its failures). */
void		 sink_pa_quiet(void);

#endif
