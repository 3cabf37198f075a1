/* SPDX-License-Identifier: GPL-3.0-or-later */
/* speech_proto: frames on the daemon's socket to its speech worker. */
#include "speech/speech_proto.h"

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/limits.h"

static int
speech_writable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	int n;

	while ((n = poll(&p, 1, SPEECH_SEND_MS)) == -1 && errno == EINTR)
		;
	return n == 1 ? 0 : -1;
}

int
speech_send(int fd, uint32_t type, const void *a, size_t alen, const void *b,
    size_t blen)
{
	struct speech_frame f = { type, (uint32_t)(alen + blen) };
	struct iovec iov[3] = {
		{ &f, sizeof f }, { (void *)a, alen }, { (void *)b, blen },
	};
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 3 };

	if (alen + blen > SPEECH_FRAME_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	/* MSG_NOSIGNAL: a peer that is gone is EPIPE, not SIGPIPE */
	while (m.msg_iovlen > 0) {
		ssize_t w = sendmsg(fd, &m, MSG_NOSIGNAL);

		if (w == -1) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN && speech_writable(fd) == 0)
				continue;
			return -1;
		}
		for (; m.msg_iovlen > 0 && (size_t)w >= m.msg_iov->iov_len;
		    m.msg_iov++, m.msg_iovlen--)
			w -= (ssize_t)m.msg_iov->iov_len;
		if (m.msg_iovlen > 0) {
			m.msg_iov->iov_base = (char *)m.msg_iov->iov_base + w;
			m.msg_iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

bool
speech_frame_valid(const struct speech_frame *f)
{
	switch (f->type) {
	case SPEECH_HELLO:
		return f->len >= 8 && f->len <= SPEECH_FRAME_MAX;
	case SPEECH_SAY:
		return f->len > sizeof(struct speech_say) && f->len <= SPEECH_FRAME_MAX;
	case SPEECH_CANCEL:
		return f->len == 0;
	case SPEECH_AUDIO:
		return f->len % 2 == 0 && f->len / 2 <= SPEECH_AUDIO_MAX;
	case SPEECH_MARK:
		return f->len > 0 && f->len % sizeof(struct speech_mark) == 0 &&
		    f->len / sizeof(struct speech_mark) <= SPEECH_MARKS_MAX;
	case SPEECH_DONE:
		return f->len == sizeof(uint32_t);
	default:
		return false;
	}
}
