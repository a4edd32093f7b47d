/* Membership events and who listens: the node and link status changes, comm
 * up, a healed partition and our own heartbeat going out.  membership.c and
 * transport.c emit; api, rsc_v1, ipfail, respawn, ping and watchdog
 * subscribe at start-up.  Listeners run in the order they subscribed, so the
 * order main.c starts the modules in is the order they hear an event. */
#ifndef HB_EVENTS_H
#define HB_EVENTS_H

enum ev_type {
	EV_NODE_STATUS,       /* node ni's status changed (ours too; to dead as well) */
	EV_LINK_STATUS,       /* link mi to node ni went up or dead */
	EV_COMM_UP,           /* every node heard or dead, node list agreed: we are active */
	EV_PARTITION_HEALED,  /* node ni, declared dead, is back with the same generation */
	EV_STATUS_SENT,       /* our status heartbeat went out (every keepalive) */
	EV__COUNT
};

struct event {
	enum ev_type type;
	int ni;               /* node, -1 for COMM_UP / STATUS_SENT */
	int mi;               /* medium of a LINK_STATUS, else -1 */
};

typedef void (*ev_fn)(const struct event *e, void *data);

/* Listen to one type.  Subscribing the same fn and data twice is one
 * subscription (a module may be initialised again). */
void events_subscribe(enum ev_type type, ev_fn fn, void *data);
void events_unsubscribe(enum ev_type type, ev_fn fn, void *data);
void events_emit(enum ev_type type, int ni, int mi);
/* Forget every listener (tests, between cases). */
void events_reset(void);
#endif
