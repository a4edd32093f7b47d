/* Media: how heartbeat packets reach the wire.  One ops table, one file per
 * medium (media_bcast.c, media_mcast.c, media_ucast.c, media_serial.c).  A
 * medium moves opaque byte strings; it never parses or verifies them. */
#ifndef HB_MEDIA_H
#define HB_MEDIA_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <netinet/in.h>
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
	/* Who sent the last datagram recv returned ("10.250.0.11"), for
	 * the log line of a dropped packet; empty on a serial line. */
	char from[64];
};

/* Fill m for the configured medium and open it. */
int media_open(struct medium *m, const struct conf_medium *c, char *err, size_t errlen);
void media_close(struct medium *m);

/* ---- additions (media.c) ---- */
/* An open medium must stay where it is: the serial writer's glib sources
 * point at it.  media_close removes them. */
/* ops->send / ops->recv plus the counters (sent, received, *_errors).
 * recv: call it until it returns 0; every medium is non-blocking, and a
 * serial read stops at the end of a frame so the rest stays in the kernel
 * and the fd stays readable.  -1 with errno EMSGSIZE: a datagram or serial
 * frame over MSG_MAXMSG was dropped (count it, keep reading).  The serial
 * medium counts its own asynchronous write failures in send_errors. */
int media_send(struct medium *m, const void *buf, size_t len);
ssize_t media_recv(struct medium *m, void *buf, size_t cap);
/* Bytes accepted by send but not yet written (serial queue); 0 for UDP. */
size_t media_send_pending(const struct medium *m);
const char *media_type_name(enum media_type t);

/* ---- shared by the media files (media_udp.c); not for the daemon ---- */
struct media_udp {
	int sfd;                  /* send socket, -1 when this line only receives */
	union {
		struct sockaddr sa;
		struct sockaddr_in sin;
		struct sockaddr_in6 sin6;
	} dest;
	unsigned destlen;
};
int media_fail(const struct medium *m, char *err, size_t errlen, const char *what);
int media_if_addr(const char *dev, unsigned long req, struct in_addr *out);
int media_udp_new(struct medium *m, char *err, size_t errlen);
int media_udp6_new(struct medium *m, char *err, size_t errlen);
int media_nonblock(int fd);
int media_udp_send(struct medium *m, const void *buf, size_t len);
ssize_t media_udp_recv(struct medium *m, void *buf, size_t cap);
void media_udp_close(struct medium *m);
int media_port(const struct medium *m);
int media_setopt(const struct medium *m, int fd, int level, int opt, const void *val,
		 unsigned len, const char *what, char *err, size_t errlen);
/* Bind fd to addr:port and make it non-blocking. */
int media_udp_bind(const struct medium *m, int fd, struct in_addr addr, char *err, size_t errlen);
int media_udp6_bind(const struct medium *m, int fd, const struct in6_addr *addr, unsigned scope,
		    char *err, size_t errlen);
/* SO_REUSEPORT, tolerating kernels without it (ENOPROTOOPT) as 3.0.6 does. */
int media_reuseport(struct medium *m, int fd, char *err, size_t errlen);
/* Is this one of the host's own addresses (AF_INET or AF_INET6)? */
int media_is_local_addr(int family, const void *addr);
size_t media_serial_pending(const struct medium *m);

extern const struct media_ops media_bcast_ops, media_mcast_ops, media_ucast_ops, media_serial_ops;
/* Addition: the IPv6 media Debian's 3.0.6 also ships. */
extern const struct media_ops media_ucast6_ops, media_mcast6_ops;
#endif
