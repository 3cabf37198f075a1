/* SPDX-License-Identifier: GPL-3.0-or-later */
/* speech_sandbox: what the speech worker gives up before it reads its
 * first job: privileges, most system calls, memory and CPU time. */
#ifndef SPEECH_SANDBOX_H
#define SPEECH_SANDBOX_H

/* The CPU time one SAY may take: eSpeak NG makes a 5-minute entry (the
 * most there is) in about 5 s; a loop inside the library is killed
 * (SIGXCPU) long before it matters, and the daemon's own bound on a
 * silent worker (tts.c, TTS_HANG_MS) usually first. */
#define SPEECH_CPU_SECONDS	60

/* Resource limits, no new privileges, no sockets, no file written: 0, or
 * -1 with the reason on stderr. */
int	speech_sandbox_enter(void);
/* Once eSpeak NG is initialised: every system call but those speaking
 * needs kills the worker. */
int	speech_sandbox_lock(void);
/* Let the next job have SPEECH_CPU_SECONDS more of CPU time. */
void	speech_sandbox_cpu(void);

#endif
