/* SPDX-License-Identifier: GPL-3.0-or-later */
/* speech_sandbox: seccomp (libseccomp) and resource limits for the speech
 * worker, in two steps. Before eSpeak NG is initialised: no socket and no
 * file opened for writing (the initialisation's sound server probe fails
 * quietly; it also starts a thread, so threads are still allowed). Before
 * the first job: only what eSpeak NG needs to read its data files and
 * speak into memory, and the worker its socket; anything else kills the
 * worker (SIGSYS), which the daemon logs and survives. */
#include "speech/speech_sandbox.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#include "core/limits.h"

/* Memory (SPEECH_AS_BYTES): the sanitizers of the test build reserve
 * terabytes of address space, so there it is not limited. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SPEECH_LIMIT_AS		0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SPEECH_LIMIT_AS		0
#endif
#endif
#ifndef SPEECH_LIMIT_AS
#define SPEECH_LIMIT_AS		1
#endif

static const int speech_allowed[] = {
	/* its socket, stderr, the cancel check (poll), eSpeak NG's data */
	SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(writev), SCMP_SYS(sendmsg),
	SCMP_SYS(poll), SCMP_SYS(close), SCMP_SYS(lseek), SCMP_SYS(fstat),
	SCMP_SYS(newfstatat), SCMP_SYS(getdents64),
	/* memory */
	SCMP_SYS(brk), SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap),
	SCMP_SYS(mprotect), SCMP_SYS(madvise), SCMP_SYS(futex),
	SCMP_SYS(sysinfo),	/* qsort(3) asks how much memory there is */
	/* signals, its CPU time, its end (and the sanitizers' report, in the
	 * test build: readlink, sigaltstack, sched_yield) */
	SCMP_SYS(rt_sigreturn), SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigaction),
	SCMP_SYS(sigaltstack), SCMP_SYS(readlink), SCMP_SYS(sched_yield),
	SCMP_SYS(clock_gettime), SCMP_SYS(getrusage), SCMP_SYS(getpid),
	SCMP_SYS(gettid), SCMP_SYS(exit), SCMP_SYS(exit_group),
};

/* O_TMPFILE needs O_WRONLY or O_RDWR, so these cover it */
#define SPEECH_WRITE_FLAGS (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)

/* Files for reading only (openat(2)'s flags are its third argument), and
 * no connection to anything: eSpeak NG's initialisation asks libpcaudio
 * for a sound server, and libpulse looks for one and for a cookie to
 * write. These fail with an error, which they take quietly. */
static int
speech_sandbox_quiet(scmp_filter_ctx ctx)
{
	return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(socket), 0) ||
	    seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(socketpair), 0) ||
	    seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(openat), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, O_ACCMODE, O_WRONLY)) ||
	    seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(openat), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, O_ACCMODE, O_RDWR)) ||
	    seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(openat), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, O_CREAT, O_CREAT)) ||
	    seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(open), 0) ||
	    seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(creat), 0) ? -1 : 0;
}

/* The filter of the whole run: what speaking needs, and nothing else. */
static int
speech_sandbox_strict(scmp_filter_ctx ctx)
{
	size_t i;

	for (i = 0; i < sizeof speech_allowed / sizeof *speech_allowed; i++)
		if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, speech_allowed[i], 0) != 0)
			return -1;
	return speech_sandbox_quiet(ctx) ||
	    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(openat), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, SPEECH_WRITE_FLAGS, 0)) ||
	    /* its CPU time, and no other limit, of itself alone */
	    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 2,
	    SCMP_A0(SCMP_CMP_EQ, 0), SCMP_A1(SCMP_CMP_EQ, RLIMIT_CPU)) ||
	    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(setrlimit), 1,
	    SCMP_A0(SCMP_CMP_EQ, RLIMIT_CPU)) ||
	    /* abort(3): SIGABRT to itself */
	    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
	    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)getpid())) ||
	    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(kill), 1,
	    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)getpid())) ? -1 : 0;
}

static int
speech_sandbox_load(bool strict)
{
	scmp_filter_ctx ctx = seccomp_init(strict ? SCMP_ACT_KILL_PROCESS :
	    SCMP_ACT_ALLOW);
	int rc;

	if (ctx == NULL)
		return -1;
	rc = (strict ? speech_sandbox_strict(ctx) : speech_sandbox_quiet(ctx)) == 0 &&
	    seccomp_load(ctx) == 0 ? 0 : -1;
	seccomp_release(ctx);
	if (rc == -1)
		fprintf(stderr, "countdownd-speech: cannot load the seccomp filter\n");
	return rc;
}

int
speech_sandbox_lock(void)
{
	return speech_sandbox_load(true);
}

static int
speech_sandbox_limit(int resource, rlim_t n)
{
	struct rlimit r = { n, n };

	return setrlimit(resource, &r);
}

void
speech_sandbox_cpu(void)
{
	struct rusage ru;
	struct rlimit r = { RLIM_INFINITY, RLIM_INFINITY };

	if (getrusage(RUSAGE_SELF, &ru) == -1)
		return;
	r.rlim_cur = (rlim_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + 1 +
	    SPEECH_CPU_SECONDS;
	setrlimit(RLIMIT_CPU, &r);
}

int
speech_sandbox_enter(void)
{
	/* no core file (it would hold the script's text), a handful of
	 * files open at once (stderr may be a file: no RLIMIT_FSIZE) */
	if (speech_sandbox_limit(RLIMIT_CORE, 0) == -1 ||
	    speech_sandbox_limit(RLIMIT_NOFILE, 32) == -1 ||
	    (SPEECH_LIMIT_AS && speech_sandbox_limit(RLIMIT_AS, SPEECH_AS_BYTES) == -1)) {
		fprintf(stderr, "countdownd-speech: setrlimit: %s\n", strerror(errno));
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) {
		fprintf(stderr, "countdownd-speech: no_new_privs: %s\n", strerror(errno));
		return -1;
	}
	speech_sandbox_cpu();
	return speech_sandbox_load(false);
}
