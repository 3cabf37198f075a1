/* SPDX-License-Identifier: GPL-3.0-or-later */
/* textbuf: a growable string, and a whole file read into one. */
#ifndef TEXTBUF_H
#define TEXTBUF_H

#include <stddef.h>

#include "util/log.h"

struct textbuf {
	char	*s;
	size_t	 len, cap;
	int	 failed;	/* an allocation failed: finish returns NULL */
};

#define TEXTBUF_INIT { NULL, 0, 0, 0 }

void	 textbuf_putn(struct textbuf *b, const char *s, size_t n);
void	 textbuf_puts(struct textbuf *b, const char *s);
void	 textbuf_printf(struct textbuf *b, const char *fmt, ...) LOG_PRINTF(2, 3);

/* inline: the narration puts most of its text a byte at a time */
static inline void
textbuf_putc(struct textbuf *b, char c)
{
	if (b->len + 1 < b->cap) {	/* the common case: room */
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
		return;
	}
	textbuf_putn(b, &c, 1);
}

/* the NUL-terminated string (caller frees), or NULL after a failure */
char	*textbuf_finish(struct textbuf *b);
void	 textbuf_reset(struct textbuf *b);
/* the text so far, kept by b: "" when there is none (after a failure,
 * what fitted) */
const char *textbuf_str(const struct textbuf *b);

/* s appended with each byte that starts no valid UTF-8 sequence (utf8_len
 * says which) and each control character but tab and newline as U+FFFD:
 * text that leaves for a peer that drops invalid UTF-8 (D-Bus) */
void	 textbuf_put_utf8(struct textbuf *b, const char *s);

/* The file's bytes, NUL-terminated, length in *len; NULL with errno set
 * (EFBIG when it holds more than max bytes). */
char	*textbuf_read_file(const char *path, size_t max, size_t *len);

#endif
