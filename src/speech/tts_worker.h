/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tts_worker: one speech worker process (countdownd-speech), from the
 * daemon's side: found, started with nothing of the daemon's but its
 * socket, read with a bound, and killed and reaped with the cause of its
 * end in words. The keeper (tts.c) owns it. */
#ifndef TTS_WORKER_H
#define TTS_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "speech/speech_proto.h"
#include "speech/tts_voice.h"

struct tts_worker {
	pid_t	pid;		/* 0: none */
	int	fd;		/* its socket, non-blocking */
	char	cause[128];	/* why the last one ended: "crashed (SIGSEGV)" */
};

/* beside the daemon's own executable (a build tree), else installed */
char	*tts_worker_path(void);
/* Start one and read its HELLO: its rate in *rate (which, when set
 * already, it must match) and, the first time (*rate 0), its voices into
 * vs. 0, or -1 with w->cause. */
int	 tts_worker_start(struct tts_worker *w, const char *path,
	    unsigned *rate, struct tts_voices *vs);
/* Kill it (it may be stopped or looping), reap it, and unless killed says
 * the keeper has a cause of its own, say how it ended in w->cause. */
void	 tts_worker_reap(struct tts_worker *w, bool killed);
/* a fault the keeper saw itself: the worker is killed for it */
void	 tts_worker_fault(struct tts_worker *w, const char *cause);

enum tts_wait { TTS_READABLE, TTS_KICKED, TTS_TIMEOUT };
/* Wait for fd, or the eventfd kick (-1: none, which it drains), up to ms
 * (-1: no bound). */
enum tts_wait tts_worker_wait(int fd, int kick, int ms);
/* n bytes from the worker, each read within TTS_HANG_MS: 0, or -1 with
 * w->cause (the worker is reaped) */
int	 tts_worker_recv(struct tts_worker *w, void *buf, size_t n);
/* one frame: its header checked, its payload (up to max bytes) in buf */
int	 tts_worker_recv_frame(struct tts_worker *w, struct speech_frame *f,
	    void *buf, size_t max);

#endif
