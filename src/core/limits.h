/* SPDX-License-Identifier: GPL-3.0-or-later */
/* limits: the daemon's policy limits in one place: how long, how large, how
 * many and how patient, each with why it is that value. The memory bound
 * (under 64 MB of anonymous memory whatever the script) is made of the
 * first three; countdown-script(5) LIMITS and countdownctl(1) say them to
 * users. A module's own buffer sizes and its format's or protocol's sanity
 * checks stay in the module. Named "core/limits.h" and guarded apart from
 * the system's <limits.h>. */
#ifndef COUNTDOWND_LIMITS_H
#define COUNTDOWND_LIMITS_H

/* The longest an entry's speech may be. At most two clips are in memory
 * (the one playing and the next, made ahead): 2 x 300 s of s16 mono at
 * 22050 Hz is 26.5 MB; 42 MB when the one playing was resampled for a
 * 48 kHz device. With a 4 MB script through a reload (15 MB) and the
 * daemon itself (1 MB), anonymous memory stays under 64 MB whatever the
 * script, for outputs up to 48 kHz (the clip playing grows with the
 * output's rate: snapcast's audio.rate goes to 192 kHz). A script is
 * checked against it when it is loaded (narrate_check_length), and the
 * daemon cuts off a clip that passes it all the same (clip.cut). */
#define CLIP_MAX_SECONDS	300

/* The largest file script_load reads: some 60 hours of speech. Parsed, it
 * takes about as much memory again, and a reload holds two scripts for a
 * moment: a 4 MB one peaks at some 15 MB, within the 64 MB beside the two
 * clips. */
#define SCRIPT_FILE_MAX		(4u << 20)
/* The largest lexicon read: far more than any lexicon (a pronunciation
 * dictionary of every word of a language is a few MB), so only a wrong
 * file is refused, before it is read whole into memory. */
#define LEXICON_FILE_MAX	(16u << 20)

/* schedule.at: times a day; an hourly schedule is 24, and the times are a
 * fixed array of struct conf */
#define CONF_MAX_AT		64
/* libconfig's reading of the config in the syntax check's child: a real
 * file is read in milliseconds; one that takes longer is an @include of a
 * FIFO or a device, which could hang the daemon's reload for ever. */
#define CONF_CHECK_SECONDS	10

/* A speech worker that sends nothing for this long while it speaks or
 * starts is hung: eSpeak NG sends a chunk every some 60 ms, and makes a
 * 5-minute entry in about 5 s whole. TTS_HANG_TEXT is it for messages. */
#define TTS_HANG_MS		5000
#define TTS_HANG_TEXT		"5 s"
/* A worker that reads nothing of a frame for this long is as good as hung
 * (the daemon's end of the socket is non-blocking): the same patience. */
#define SPEECH_SEND_MS		TTS_HANG_MS
/* Tries of one entry: twice as written (a worker killed from outside is
 * not the text's fault), the last in plain letters; then it is skipped. */
#define TTS_TRIES		3
/* The CPU time one SAY may take: eSpeak NG makes a 5-minute entry (the
 * most there is) in about 5 s; a loop inside the library is killed
 * (SIGXCPU) long before it matters, and the daemon's own bound on a
 * silent worker (TTS_HANG_MS) usually first. */
#define SPEECH_CPU_SECONDS	60
/* The worker's address space: a 5-minute clip is 13 MB and eSpeak NG's
 * data some 20 MB more; 1 GiB leaves room for the library's own and stops
 * a runaway one long before the machine notices. */
#define SPEECH_AS_BYTES		(1ul << 30)

/* How late (seconds) a daily time may still be played when it is
 * noticed: a late wake-up or a clock stepped a little past it still
 * plays at once; one further back is missed, as if the daemon had been
 * down, rather than a countdown at the wrong time of day. */
#define SCHED_LATE_MAX		60.0

/* The control socket (countdownctl(1)): a command line, its newline
 * included (the longest command with a title is far shorter); */
#define CONTROL_LINE_MAX	4096
/* a client that sends nothing for this long is dropped, so that a stuck
 * one cannot hold a slot for ever; */
#define CONTROL_IDLE_SECONDS	10
/* clients at once: more are answered "ERR busy" (each holds a line
 * buffer and an fd). */
#define CONTROL_MAX_CLIENTS	256
/* countdownctl's wait for a reply, "wait" aside: the daemon answers
 * within milliseconds; the same 10 s as its idle bound. */
#define CTL_TIMEOUT_MS		10000

#endif
