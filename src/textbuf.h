/* textbuf: a growable string, and a whole file read into one. */
#ifndef TEXTBUF_H
#define TEXTBUF_H

#include <stddef.h>

#include "log.h"

struct textbuf {
	char	*s;
	size_t	 len, cap;
	int	 failed;	/* an allocation failed: finish returns NULL */
};

#define TEXTBUF_INIT { NULL, 0, 0, 0 }

void	 textbuf_putc(struct textbuf *b, char c);
void	 textbuf_putn(struct textbuf *b, const char *s, size_t n);
void	 textbuf_puts(struct textbuf *b, const char *s);
void	 textbuf_printf(struct textbuf *b, const char *fmt, ...) LOG_PRINTF(2, 3);
/* the NUL-terminated string (caller frees), or NULL after a failure */
char	*textbuf_finish(struct textbuf *b);
void	 textbuf_reset(struct textbuf *b);
/* the text so far, kept by b: "" when there is none (after a failure,
 * what fitted) */
const char *textbuf_str(const struct textbuf *b);

/* The file's bytes, NUL-terminated, length in *len; NULL with errno set
 * (EFBIG when it holds more than max bytes). */
char	*textbuf_read_file(const char *path, size_t max, size_t *len);

#endif
