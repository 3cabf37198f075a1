/* SPDX-License-Identifier: GPL-3.0-or-later */
/* log: one line per event on stderr; under journald each line carries its
 * <N> priority prefix so that the journal files it at the right level. */
#ifndef LOG_H
#define LOG_H

#include <stdnoreturn.h>

#define LOG_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* verbosity: -1 quiet (warnings and errors), 0 normal, 1 debug */
void log_init(int verbosity);
void log_debug(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_info(const char *fmt, ...) LOG_PRINTF(1, 2);
/* log_warn and log_error append ": strerror(errno)"; the x forms do not */
void log_warn(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_warnx(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_error(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_errorx(const char *fmt, ...) LOG_PRINTF(1, 2);
/* log the message as an error and exit with the sysexits code */
noreturn void fatalx(int excode, const char *fmt, ...) LOG_PRINTF(2, 3);

#endif
