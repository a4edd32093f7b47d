/* The client side of heartbeat's API socket (<rundir>/register), speaking
 * what libhbclient speaks, so it works against heartbeat 3.0.6 as well as
 * ours: sign-on as a casual or named client, the query requests, sending to
 * a node or the cluster, and receiving either by blocking with a timeout or
 * as a glib source with one callback per kind of message.  Everything that
 * talks to the daemon (cl_status, the v2 daemons and tools) goes through it.
 * It never includes the daemon's private headers. */
#ifndef HB_CLIENT_H
#define HB_CLIENT_H
#include <stdbool.h>
#include <sys/types.h>
#include "msg.h"

struct hb_client;

enum client_error {
	CLIENT_OK = 0,
	CLIENT_NO_DAEMON,    /* nothing listens on the socket (heartbeat stopped) */
	CLIENT_REFUSED,      /* sign-on answered but refused (apiauth, credentials) */
	CLIENT_TIMEOUT,      /* no answer within the timeout */
	CLIENT_LOST,         /* the daemon closed the connection or it broke */
	CLIENT_BADREQ,       /* the daemon answered result=badreq (errmsg has its info) */
	CLIENT_PROTOCOL,     /* a bad frame or an unexpected answer */
	CLIENT_SYSTEM,       /* a local system call failed (errmsg says which) */
};

#define CLIENT_TIMEOUT_MS 5000      /* default for requests (cl_status's own limit) */

/* Filter bits for client_set_filter (the daemon's message treatments). */
#define CLIENT_FILTER_DEFAULT 0x01  /* messages kept for clients: the usual ones */
#define CLIENT_FILTER_ALLHB 0x0f    /* also unchanged heartbeats, dropped and duplicates */

/* ---- connecting ---- */

/* Connect to <HB_RUNDIR or /run/heartbeat>/register and sign on.  id NULL:
 * a casual client (known by its pid; may not send cluster messages); else
 * a named client such as "ipfail" (apiauth decides).  On failure returns
 * NULL and fills *err and why (either may be NULL). */
struct hb_client *client_signon(const char *id, enum client_error *err, char *why, size_t whylen);
/* The same over an already connected stream socket, with the node name to
 * put in dest= (tests; a process that connected by itself). */
struct hb_client *client_signon_fd(int fd, const char *dest, const char *id, unsigned timeout_ms,
				   enum client_error *err, char *why, size_t whylen);
/* Sign off (when still connected), stop any glib source, close, free. */
void client_close(struct hb_client *c);

enum client_error client_error(const struct hb_client *c);
const char *client_errmsg(const struct hb_client *c);
/* Limit for each request and for sending (default CLIENT_TIMEOUT_MS). */
void client_set_timeout(struct hb_client *c, unsigned ms);
int client_fd(const struct hb_client *c);

/* What the sign-on reply said (fields the daemon did not send are "" / 0). */
const char *client_node(const struct hb_client *c);        /* the local node */
const char *client_id(const struct hb_client *c);          /* ours: name or pid */
unsigned client_deadtime_ms(const struct hb_client *c);
unsigned client_keepalive_ms(const struct hb_client *c);
const char *client_hbversion(const struct hb_client *c);
const char *client_pacemaker(const struct hb_client *c);   /* "false" in haresources mode */
int client_logfacility(const struct hb_client *c);         /* -1: none */

/* ---- requests: each blocks until its answer or the timeout ---- */

/* Any request: NULL-terminated name, value pairs of extra fields.  Returns
 * the reply (free with msg_free), whatever its result, or NULL on a
 * transport error or timeout.  A walk (nodelist, iflist) returns its first
 * reply; client_next_reply() gives the rest. */
struct hb_msg *client_request(struct hb_client *c, const char *reqtype, ...) __attribute__((sentinel));
struct hb_msg *client_next_reply(struct hb_client *c, const char *reqtype);
/* result=OK (or ok/more within a walk) */
bool client_reply_ok(const struct hb_msg *reply);
/* The reply is the last of its walk. */
bool client_reply_last(const struct hb_msg *reply);

struct client_node {
	char *name, *type, *status;    /* type normal / ping; status init, up, active, dead, ping */
};
struct client_link {
	char *ifname, *status;         /* up / dead */
};
/* Every node, in the daemon's order (ha.cf, then ping nodes); -1 on error. */
int client_nodes(struct hb_client *c, struct client_node **nodes);
void client_nodes_free(struct client_node *nodes, int n);
/* The links to node as the daemon lists them, one per medium (so bcast and
 * ucast on eth0 give eth0 twice; a ping node: one, named after itself); -1
 * on error (CLIENT_BADREQ: unknown node). */
int client_links(struct hb_client *c, const char *node, struct client_link **links);
void client_links_free(struct client_link *links, int n);
/* Single answers, g_free'd by the caller; NULL on error (CLIENT_BADREQ:
 * unknown node / link). */
char *client_node_status(struct hb_client *c, const char *node);
char *client_node_type(struct hb_client *c, const char *node);
char *client_node_weight(struct hb_client *c, const char *node);
char *client_node_site(struct hb_client *c, const char *node);
char *client_link_status(struct hb_client *c, const char *node, const char *ifname);
/* An ha.cf parameter (NULL with CLIENT_OK when it is not set); "hbversion"
 * is the sign-on's version text, as libhbclient gives it. */
char *client_parameter(struct hb_client *c, const char *name);
/* What this node holds in haresources mode: all / local / foreign / none /
 * transition (CLIENT_BADREQ with the daemon's reason under pacemaker). */
char *client_resources(struct hb_client *c);
/* Whether client `client` is signed on at node: online / offline (and for
 * a remote node, whatever its daemon answers).  A remote node answers
 * through the cluster, so this waits up to timeout_ms; NULL on timeout. */
char *client_client_status(struct hb_client *c, const char *node, const char *client, unsigned timeout_ms);
/* Number of normal nodes, -1 on error. */
int client_num_nodes(struct hb_client *c);
/* A node's uuid (0, or -1 if unknown), and a uuid's node (g_free). */
int client_node_uuid(struct hb_client *c, const char *node, unsigned char uuid[16]);
char *client_uuid_node(struct hb_client *c, const unsigned char uuid[16]);
/* Which messages the daemon hands us (CLIENT_FILTER_*); 0 or -1. */
int client_set_filter(struct hb_client *c, unsigned mask);
/* The daemon sends us sig after each message it delivers (0: none); 0 or -1. */
int client_set_signal(struct hb_client *c, int sig);

/* ---- sending and receiving ---- */

/* Send m (not consumed) to node, or to the cluster with node NULL.  The
 * daemon delivers it to the clients of the same id there (named clients
 * only).  0 or -1. */
int client_send(struct hb_client *c, const struct hb_msg *m, const char *node);
/* The next message from the daemon that is not a request's reply (cluster
 * messages and notices alike, in arrival order); waits up to timeout_ms
 * (-1: forever, 0: only what is there).  NULL: none (CLIENT_TIMEOUT) or the
 * connection is gone (CLIENT_LOST). */
struct hb_msg *client_recv(struct hb_client *c, int timeout_ms);
/* A message is waiting (client_recv(c, 0) would return one). */
bool client_msg_ready(struct hb_client *c);
/* Compression: a struct field added with mcz_add_struct (FT_UNCOMPRESS) is
 * sent compressed (ha.cf "compression", zlib by default in a client); fields
 * that arrive compressed are decompressed before client_recv returns them.
 * With on = false they are handed over as FT_COMPRESS bytes, and the caller
 * undoes them when it wants with mcz_unpack_fields (lib/msg_compress.h). */
void client_set_decompress(struct hb_client *c, bool on);

/* For daemons: deliver from the glib main loop.  Notices go to their own
 * callback (NULL ones fall back to message); lost runs once, when the
 * daemon goes away (the handle stays valid until client_close). */
struct client_callbacks {
	void (*message)(struct hb_client *c, const struct hb_msg *m, void *data);
	void (*node_status)(struct hb_client *c, const char *node, const char *status, void *data);
	void (*link_status)(struct hb_client *c, const char *node, const char *ifname,
			    const char *status, void *data);
	/* a client of our id joined/left at node (hbapi-clstat), or the answer
	 * to a remote client_client_status */
	void (*client_status)(struct hb_client *c, const char *node, const char *client,
			      const char *status, void *data);
	void (*lost)(struct hb_client *c, void *data);
};
void client_attach(struct hb_client *c, const struct client_callbacks *cb, void *data);
void client_detach(struct hb_client *c);
#endif
