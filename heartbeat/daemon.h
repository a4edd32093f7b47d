/* The daemon's state: the node table with its links, our identity, the media,
 * and the drop counters.  One instance (hb) lives for the life of the process;
 * a reload replaces only what the new ha.cf changes. */
#ifndef HB_DAEMON_H
#define HB_DAEMON_H
#include <stdbool.h>
#include <stdint.h>
#include <glib.h>
#include "conf.h"
#include "auth.h"
#include "msg.h"
#include "media.h"
#include "haresources.h"
#include "nodename.h"

#define HIST_MAX 500            /* retransmission history (MAXMSGHIST) */
#define MISSING_MAX 500         /* outstanding missing seqs per peer */
#define GAP_RESET 250           /* a bigger jump resets tracking */

/* NODE_DELETED: removed by hb_delnode; the slot stays (pointers into the
 * table stay valid) but lookups and listings skip it. */
enum node_type { NODE_NORMAL, NODE_PING, NODE_DELETED };

/* A node's status; the wire words are "init", "up", "active", "dead" and
 * "ping" (node_status_name).  A peer may send another word: ST_OTHER keeps
 * it as text, so it is reported as received. */
enum node_status { ST_INIT, ST_UP, ST_ACTIVE, ST_DEAD, ST_PING, ST_OTHER };
enum link_status { LINK_DEAD, LINK_UP };

struct hb_link {
	enum link_status st;
	bool heard;
	uint64_t last_ms;
	uint64_t max_gap_ms;
	unsigned long packets;
	/* loss against the node's best link (every packet goes out on every
	 * medium): counted per window of LOSS_WINDOW packets on the best one */
	unsigned win;
	unsigned loss_pct;       /* in the last whole window */
	bool lossy;              /* said in the log; said again when it recovers */
};
#define LOSS_WINDOW 50
#define LOSS_LOSSY_PCT 15        /* a link losing this much is reported */
#define LOSS_OK_PCT 5            /* ... and reported recovered under this */

struct missing_seq {
	unsigned long seq;
	uint64_t next_req_ms;   /* when to (re)send NS_rexmit */
};

struct hb_node {
	char name[CONF_HOSTLEN];
	enum node_type type;
	enum node_status st;
	char st_other[32];       /* the word, when st is ST_OTHER */
	unsigned char uuid[16];
	bool has_uuid;
	unsigned dt_ms;          /* the deadtime it advertises (its own for us) */
	bool heard;              /* any packet since we started (or since declared dead) */
	uint64_t added_ms;       /* added at run time (hb_addnode, cache): deadtime counts from here */
	uint64_t last_ms;        /* last accepted or duplicate packet */
	uint64_t max_gap_ms;
	unsigned long packets;
	bool shutdown_notice;    /* it sent shutdone (since its last restart) */
	bool heard_before_death; /* had we heard it since start / its last death? */
	/* receive-side sequencing (transport.c) */
	unsigned long generation;
	bool have_seq;
	unsigned long last_seq;
	unsigned long last_status_seq;
	unsigned long seq_floor;     /* last seq before we declared it dead */
	unsigned long status_ts;
	int nmissing;
	/* MISSING_MAX entries, allocated by node_add: the table has room for
	 * CONF_MAXNODES nodes, and with "realtime on" every page of it is
	 * locked, so the 8 KB each is spent only on nodes that exist. */
	struct missing_seq *missing;
	int ack_trigger;
	unsigned long their_ackseq;  /* how far it has acknowledged our messages */
	/* links, indexed like hb.media */
	struct hb_link links[CONF_MAXMEDIA];
	int weight;
	char site[64];
};

enum drop_reason {
	DROP_MALFORMED, DROP_TOOBIG, DROP_NOAUTH, DROP_BADAUTH,    /* = wire_drop - 1 */
	DROP_COMPRESS,     /* whole-message payload would not decompress */
	DROP_NOFIELDS,     /* missing t / src / ts */
	DROP_UNKNOWN_NODE,
	DROP_REPLAY,       /* older generation */
	DROP_BADSEQ,       /* missing or zero seq */
	DROP_STALE,        /* old duplicate / stale status */
	DROP__COUNT
};
const char *drop_reason_name(enum drop_reason r);

struct hist_entry {
	unsigned long seq;
	struct hb_msg *msg;
	uint64_t last_rexmit_ms;
};

struct hb_daemon {
	char ha_dir[4096];              /* /etc/ha.d */
	char var_lib[4096];             /* /var/lib/heartbeat */
	char run_dir[4096];             /* /run/heartbeat */
	struct hb_config *cf;
	struct auth_keys keys;
	struct haresources *haresources;  /* NULL unless managing haresources */
	bool resources_managed;           /* haresources mode and not -M */
	char localname[CONF_HOSTLEN];
	int local;                      /* our index in nodes */
	int nnodes;
	/* Normal nodes in config order, then ping nodes.  Allocated once
	 * (nodes_init), never moved: callers keep struct hb_node pointers. */
	struct hb_node *nodes;
	int nodes_cap;
	int nmedia;
	struct medium media[CONF_MAXMEDIA];
	unsigned long generation;
	unsigned char uuid[16];
	unsigned long seq;              /* last sequence number used */
	struct hist_entry hist[HIST_MAX];
	bool flow_control;              /* we send protocol=1 and exchange reqnodes */
	bool links_up;                  /* every node heard or dead */
	bool comm_up;                   /* links up and node list synchronised */
	int reqnodes_to;                /* node we await repnodes from, -1 none */
	uint64_t reqnodes_sent_ms;
	enum node_status status;        /* our own (init, up, active) */
	uint64_t start_ms;
	uint64_t last_status_sent_ms;
	bool shutting_down;
	unsigned long drops[DROP__COUNT];
	unsigned long dup_packets;
	unsigned long own_packets;
	unsigned long rexmit_sent;      /* messages we sent again when asked (NS_rexmit) */
	unsigned long rexmit_requests;  /* NS_rexmit requests we sent for missing seqs */
	uint64_t last_drop_log_ms[DROP__COUNT];
	unsigned long drops_unlogged[DROP__COUNT];
};

extern struct hb_daemon hb;

/* identity.c */
int identity_generation(const char *var_lib, bool from_time, unsigned long *gen, char *err, size_t errlen);
int identity_uuid(const char *var_lib, bool from_nodename, const char *name, unsigned char uuid[16],
		  char *err, size_t errlen);

/* nodes.c */
/* The node table for at most cap nodes (the configured and ping nodes, or
 * CONF_MAXNODES when autojoin may add more).  Once, before node_add. */
int nodes_init(int cap);
/* Free the table (tests, between cases). */
void nodes_free(void);
int node_find(const char *name);
int node_find_uuid(const unsigned char uuid[16]);
int node_add(const char *name, enum node_type type);
bool node_is_live(const struct hb_node *n);
const char *node_status_name(const struct hb_node *n);
const char *status_word(enum node_status st);      /* not for ST_OTHER */
/* Set n's status from a wire word; true if it changed. */
bool node_set_status_word(struct hb_node *n, const char *word);
const char *link_status_name(enum link_status st);

/* transport.c: outbound */
/* Add the control fields, keep it for retransmission, sign, send on every
 * medium, and hand it to our own dispatch (loopback) when loop is set.
 * Takes ownership of m. */
void transport_send(struct hb_msg *m, bool loop);
/* inbound: a datagram arrived on medium mi */
void transport_receive(int mi, const void *buf, size_t len);
/* periodic: rexmit requests */
void transport_tick(uint64_t now);
void transport_peer_reset(struct hb_node *n);
void transport_count_drop(enum drop_reason r, const char *src, int mi, const char *detail);

/* membership.c */
void membership_start(void);
/* Called for every packet (accepted or duplicate) heard from node ni on medium mi. */
void membership_heard(int ni, int mi, uint64_t now);
void membership_ping_heard(int ni, uint64_t now);
void membership_tick(uint64_t now);
void membership_status_msg(int ni, const struct hb_msg *m, unsigned long hg, unsigned long seq);
void membership_reqnodes(int ni, const struct hb_msg *m);
void membership_repnodes(int ni, const struct hb_msg *m);
void membership_shutdone(int ni, const struct hb_msg *m);
void membership_send_status(void);
void membership_set_local_status(enum node_status st);
unsigned membership_advertised_dt(void);

/* dispatch.c: a message accepted for us (from a peer or our own loopback) */
void dispatch_message(int ni, struct hb_msg *m, bool from_self);

/* api.c */
/* Subscribe to the events clients are told of; the socket opens at comm-up. */
void api_init(void);
/* Resolve apiauth's users and groups (and the built-in entries') to
 * numbers: at start, never at sign-on. */
void api_config(const struct hb_config *cf);
int api_start(const char *path);
void api_stop(void);
/* Locked memory is capped at limit bytes (mlockall under RLIMIT_MEMLOCK
 * without CAP_IPC_LOCK): a CRM child's output queue is cut to fit. */
void api_memlock(size_t limit);
void api_deliver(const struct hb_msg *m);       /* to the clients that want it */
/* route handler: a peer's client asks whether one of ours is signed on */
bool api_on_query_cstatus(int ni, const struct hb_msg *m, bool from_self);

/* ping.c: echo requests go out with each of our heartbeats */
int ping_start(void);

/* respawn.c: children start at comm-up */
void respawn_init(void);
void respawn_stop(void);

/* watchdog.c: written to with each of our heartbeats */
void watchdog_open(void);
void watchdog_close(void);
/* the timeout follows the deadtime (after a reload) */
void watchdog_apply_timing(void);

/* notify.c: rc.d scripts for message types we do not handle */
void notify_message(const struct hb_msg *m);

/* node_admin.c: addnode, delnode, setweight, setsite; hostcache files */
bool node_admin_message(int ni, const struct hb_msg *m, bool from_self);
void node_admin_load(void);                     /* at start, after the configured nodes */
bool node_admin_is_deleted(const char *name);
const char *node_admin_deleted_list(GString *out);  /* "a b " or " " (repnodes) */
void node_admin_apply_deleted(const char *list);    /* a peer's delnodelist */

/* fifo.c */
int fifo_start(const char *path);

#endif
