/* SPDX-License-Identifier: GPL-3.0-or-later */
/* control: what the socket and its clients (control.c) and the commands
 * (control_cmd.c) share. Included by those two files only. */
#ifndef CONTROL_PRIV_H
#define CONTROL_PRIV_H

#include <sys/queue.h>
#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/limits.h"
#include "front/control.h"
#include "util/log.h"
#include "util/textbuf.h"

struct control_client {
	TAILQ_ENTRY(control_client) link;
	int		 fd;
	uint32_t	 watching;	/* the epoll events asked for now */
	double		 last;		/* last read or write (monotonic) */
	char		 in[CONTROL_LINE_MAX];
	size_t		 inlen;
	struct textbuf	 out;		/* the reply being sent */
	size_t		 sent;
	bool		 eof;		/* the client sends no more */
	bool		 closing;	/* close once the reply is out */
	bool		 dead;		/* closed; freed after this round of events */
	bool		 waiting;	/* "wait" has no reply yet ... */
	unsigned long	 wait_for;	/* ... its engine_wait_ticket() */
};

TAILQ_HEAD(control_list, control_client);

struct control {
	struct engine		*engine;
	control_reload_fn	 reload;
	void			*reload_arg;
	char			*path;
	bool			 bound;		/* path is our socket ... */
	dev_t			 dev;		/* ... this one: removed at exit if */
	ino_t			 ino;		/* nobody replaced it meanwhile */
	bool			 made_dir;	/* its folder was made here ... */
	dev_t			 dir_dev;	/* ... this one: removed at exit */
	ino_t			 dir_ino;	/* if it is still it, and empty */
	int			 lfd, epfd, tfd;
	struct loop		*loop;
	struct loop_src		*src;		/* epfd on the loop */
	double			 armed;		/* the timer's deadline; 0 when off */
	bool			 accepting;	/* the listening socket is watched */
	size_t			 nclients;
	size_t			 nwaiting;
	struct control_list	 clients;	/* oldest activity first */
	struct control_list	 dead;
};

/* the reply's last line: "OK", or "ERR CODE MESSAGE" */
void	control_ok(struct control_client *cl);
void	control_err(struct control_client *cl, const char *code, const char *fmt, ...)
	    LOG_PRINTF(3, 4);
/* answer one line, its newline removed: the reply goes to cl->out, or the
 * client waits (cl->waiting, counted in c->nwaiting) */
void	control_run(struct control *c, struct control_client *cl, char *line,
	    size_t len);

#endif
