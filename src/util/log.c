/* SPDX-License-Identifier: GPL-3.0-or-later */
/* log: stderr lines; <N> prefixes (sd-daemon(3)) only when stderr is the
 * journal, so a terminal shows plain text. */
#include "util/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int log_verbosity;
static int log_prefixed;

/* JOURNAL_STREAM is "DEV:INO" of the journal socket systemd gave us as stderr */
static int
log_stderr_is_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (js == NULL || sscanf(js, "%llu:%llu", &dev, &ino) != 2)
		return 0;
	if (fstat(2, &st) == -1)
		return 0;
	return st.st_dev == dev && st.st_ino == ino;
}

void
log_init(int verbosity)
{
	log_verbosity = verbosity;
	log_prefixed = log_stderr_is_journal();
}

static void
log_vline(int prio, const char *fmt, va_list ap, int with_errno)
{
	char buf[1024];
	int saved = errno;
	int n;

	n = vsnprintf(buf, sizeof buf, fmt, ap);
	if (with_errno && n >= 0 && (size_t)n < sizeof buf)
		snprintf(buf + n, sizeof buf - n, ": %s", strerror(saved));
	if (log_prefixed)
		fprintf(stderr, "<%d>%s\n", prio, buf);
	else
		fprintf(stderr, "%s\n", buf);
	errno = saved;
}

#define LOG_BODY(prio, min, with_errno)                 \
	do {                                            \
		va_list ap;                             \
		if (log_verbosity < (min))              \
			return;                         \
		va_start(ap, fmt);                      \
		log_vline(prio, fmt, ap, with_errno);   \
		va_end(ap);                             \
	} while (0)

void log_debug(const char *fmt, ...) { LOG_BODY(7, 1, 0); }
void log_info(const char *fmt, ...) { LOG_BODY(6, 0, 0); }
void log_warn(const char *fmt, ...) { LOG_BODY(4, -1, 1); }
void log_warnx(const char *fmt, ...) { LOG_BODY(4, -1, 0); }
void log_error(const char *fmt, ...) { LOG_BODY(3, -1, 1); }
void log_errorx(const char *fmt, ...) { LOG_BODY(3, -1, 0); }

void
fatalx(int excode, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(3, fmt, ap, 0);
	va_end(ap);
	exit(excode);
}
