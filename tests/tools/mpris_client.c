/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpris_client: bad callers of an MPRIS player, on the session bus.
 *
 *   mpris_client flood NAME N    N method calls sent at once (Get, GetAll,
 *                                Pause, Play, Stop, OpenUri, Seek), then
 *                                every reply read; prints "replies R
 *                                errors E"
 *   mpris_client vanish NAME N   N calls sent, then gone without reading
 *                                one reply
 *
 * NAME is the bus name (org.mpris.MediaPlayer2.countdownd). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <systemd/sd-bus.h>

#define PATH	"/org/mpris/MediaPlayer2"
#define PLAYER	"org.mpris.MediaPlayer2.Player"

struct tally {
	int	replies, errors;
};

static int
on_reply(sd_bus_message *m, void *arg, sd_bus_error *err)
{
	struct tally *t = arg;

	(void)err;
	t->replies++;
	if (sd_bus_message_is_method_error(m, NULL))
		t->errors++;
	return 0;
}

/* the i-th call of the burst, sent without waiting for its reply */
static int
send_call(sd_bus *bus, const char *name, int i, struct tally *t)
{
	sd_bus_message *m = NULL;
	int r;

	switch (i % 7) {
	case 0:
		r = sd_bus_message_new_method_call(bus, &m, name, PATH,
		    "org.freedesktop.DBus.Properties", "Get");
		if (r >= 0)
			r = sd_bus_message_append(m, "ss", PLAYER, "Metadata");
		break;
	case 1:
		r = sd_bus_message_new_method_call(bus, &m, name, PATH,
		    "org.freedesktop.DBus.Properties", "GetAll");
		if (r >= 0)
			r = sd_bus_message_append(m, "s", PLAYER);
		break;
	case 2:
		r = sd_bus_message_new_method_call(bus, &m, name, PATH, PLAYER,
		    "Pause");
		break;
	case 3:
		r = sd_bus_message_new_method_call(bus, &m, name, PATH, PLAYER,
		    "Play");
		break;
	case 4:
		r = sd_bus_message_new_method_call(bus, &m, name, PATH, PLAYER,
		    "Stop");
		break;
	case 5:
		r = sd_bus_message_new_method_call(bus, &m, name, PATH, PLAYER,
		    "OpenUri");
		if (r >= 0)
			r = sd_bus_message_append(m, "s", "file:///etc/passwd");
		break;
	default:	/* the wrong type: a string where an int64 goes */
		r = sd_bus_message_new_method_call(bus, &m, name, PATH, PLAYER,
		    "Seek");
		if (r >= 0)
			r = sd_bus_message_append(m, "s", "forward");
		break;
	}
	if (r >= 0)
		r = sd_bus_call_async(bus, NULL, m, on_reply, t, 0);
	sd_bus_message_unref(m);
	return r;
}

int
main(int argc, char **argv)
{
	struct tally t = { 0, 0 };
	sd_bus *bus = NULL;
	int i, n, r;

	if (argc != 4 || (strcmp(argv[1], "flood") != 0 &&
	    strcmp(argv[1], "vanish") != 0) || (n = atoi(argv[3])) <= 0) {
		fprintf(stderr, "usage: mpris_client flood|vanish NAME N\n");
		return 64;
	}
	if ((r = sd_bus_open_user(&bus)) < 0) {
		fprintf(stderr, "mpris_client: session bus: %s\n", strerror(-r));
		return 1;
	}
	for (i = 0; i < n; i++)
		if ((r = send_call(bus, argv[2], i, &t)) < 0) {
			fprintf(stderr, "mpris_client: call %d: %s\n", i, strerror(-r));
			return 1;
		}
	if (strcmp(argv[1], "vanish") == 0) {
		sd_bus_flush(bus);	/* every call out, no reply read */
		return 0;
	}
	while (t.replies < n) {
		if ((r = sd_bus_process(bus, NULL)) < 0) {
			fprintf(stderr, "mpris_client: %s\n", strerror(-r));
			return 1;
		}
		if (r == 0 && (r = sd_bus_wait(bus, 10 * 1000000ULL)) <= 0) {
			fprintf(stderr, "mpris_client: %d of %d replies\n",
			    t.replies, n);
			return 1;
		}
	}
	printf("replies %d errors %d\n", t.replies, t.errors);
	sd_bus_flush_close_unref(bus);
	return 0;
}
