/* SPDX-License-Identifier: GPL-3.0-or-later */
/* speech_sandbox: what the speech worker gives up before it reads its
 * first job: privileges, most system calls, memory and CPU time. */
#ifndef SPEECH_SANDBOX_H
#define SPEECH_SANDBOX_H

/* Resource limits, no new privileges, no sockets, no file written: 0, or
 * -1 with the reason on stderr. */
int	speech_sandbox_enter(void);
/* Once eSpeak NG is initialised: every system call but those speaking
 * needs kills the worker. */
int	speech_sandbox_lock(void);
/* Let the next job have SPEECH_CPU_SECONDS more of CPU time. */
void	speech_sandbox_cpu(void);

#endif
