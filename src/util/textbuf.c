/* SPDX-License-Identifier: GPL-3.0-or-later */
/* textbuf: strings built piece by piece without checking every append;
 * one failure flag is checked at the end. */
#include "util/textbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/utf8.h"

static int
textbuf_grow(struct textbuf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 64;
	char *s;

	if (b->failed)
		return -1;
	while (cap - b->len <= n) {
		if (cap > SIZE_MAX / 2)
			goto fail;
		cap *= 2;
	}
	if (cap != b->cap) {
		if ((s = realloc(b->s, cap)) == NULL)
			goto fail;
		b->s = s;
		b->cap = cap;
	}
	return 0;
fail:
	b->failed = 1;
	return -1;
}

void
textbuf_putn(struct textbuf *b, const char *s, size_t n)
{
	if (textbuf_grow(b, n) == -1)
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
textbuf_puts(struct textbuf *b, const char *s)
{
	textbuf_putn(b, s, strlen(s));
}

void
textbuf_printf(struct textbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || textbuf_grow(b, (size_t)n) == -1)
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
textbuf_put_utf8(struct textbuf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n, left = strlen(s);

	while (i < left) {
		n = utf8_len(s + i, left - i);
		if (n == 0 || (n == 1 && ((u[i] < 0x20 && u[i] != '\t' &&
		    u[i] != '\n') || u[i] == 0x7f))) {
			textbuf_puts(b, "\xef\xbf\xbd");	/* U+FFFD */
			n = 1;
		} else
			textbuf_putn(b, s + i, n);
		i += n;
	}
}

char *
textbuf_finish(struct textbuf *b)
{
	char *s;

	if (!b->failed && b->s == NULL)
		textbuf_putn(b, "", 0);
	if (b->failed) {
		textbuf_reset(b);
		return NULL;
	}
	s = b->s;
	memset(b, 0, sizeof *b);
	return s;
}

void
textbuf_reset(struct textbuf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}

const char *
textbuf_str(const struct textbuf *b)
{
	return b->s ? b->s : "";
}

char *
textbuf_read_file(const char *path, size_t max, size_t *len)
{
	struct textbuf b = TEXTBUF_INIT;
	char chunk[65536];
	ssize_t n;
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			textbuf_reset(&b);
			close(fd);
			errno = saved;
			return NULL;
		}
		textbuf_putn(&b, chunk, (size_t)n);
		if (b.len > max) {
			textbuf_reset(&b);
			close(fd);
			errno = EFBIG;
			return NULL;
		}
	}
	close(fd);
	*len = b.len;
	if (b.failed) {
		textbuf_reset(&b);
		errno = ENOMEM;
		return NULL;
	}
	return textbuf_finish(&b);
}
