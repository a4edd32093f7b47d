/* Media: how heartbeat packets reach the wire.  One ops table, one file per
 * medium (media_bcast.c, media_mcast.c, media_ucast.c, media_serial.c).  A
 * medium moves opaque byte strings; it never parses or verifies them. */
#ifndef HB_MEDIA_H
#define HB_MEDIA_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "conf.h"

struct medium;

struct media_ops {
	const char *type;                 /* "bcast", "mcast", "ucast", "serial" */
	/* Open sockets / the tty.  Sets m->fd (the fd to watch for input).
	 * On failure fills err with what and why (device, address, errno text). */
	int (*open)(struct medium *m, char *err, size_t errlen);
	/* Send one message; never blocks the caller (a serial line queues what it
	 * cannot write now).  Returns 0 or -1 (counted as a send error). */
	int (*send)(struct medium *m, const void *buf, size_t len);
	/* Called when m->fd is readable.  Returns the length of one complete
	 * message copied into buf, 0 if nothing complete is available yet (serial:
	 * a partial frame was buffered), or -1 on a read error. */
	ssize_t (*recv)(struct medium *m, void *buf, size_t cap);
	void (*close)(struct medium *m);
};

struct medium {
	const struct media_ops *ops;
	struct conf_medium conf;
	char name[64];            /* the link name: interface name, or tty path */
	bool classic;             /* the daemon must hand it classic text (serial) */
	int fd;                   /* input fd the main loop watches */
	void *priv;               /* the medium's own state */
	unsigned long sent, received, send_errors, recv_errors;
};

/* Fill m for the configured medium and open it. */
int media_open(struct medium *m, const struct conf_medium *c, char *err, size_t errlen);
void media_close(struct medium *m);

extern const struct media_ops media_bcast_ops, media_mcast_ops, media_ucast_ops, media_serial_ops;
#endif
