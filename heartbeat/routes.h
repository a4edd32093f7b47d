/* The one table of cluster message types (routes.c): which modules handle a
 * t= type, whether an rc.d script of that name may run, whether API
 * clients see it and whether they may send it.  A type without an entry
 * goes to rc.d scripts and clients, and clients may send it.  Adding a type
 * is adding one entry. */
#ifndef HB_ROUTES_H
#define HB_ROUTES_H
#include <stdbool.h>
#include "msg.h"

#define ROUTE_PEERS_ONLY   0x01  /* handlers see only peers' messages, not our own loopback */
#define ROUTE_NO_SCRIPT    0x02  /* the daemon acts on it itself: no rc.d script runs */
#define ROUTE_NO_CLIENTS   0x04  /* never handed to API clients */
#define ROUTE_DAEMON_ONLY  0x08  /* API clients may not send it (it would move resources or
				  * fake membership) */
#define ROUTE_NOCASE       0x10  /* the type matches without regard to case */
#define ROUTE_PREFIX       0x20  /* the entry names a prefix (NS_...) */

#define ROUTE_MAX_HANDLERS 3

/* A handler; true when it consumed the message (no script, no clients). */
typedef bool (*route_fn)(int ni, const struct hb_msg *m, bool from_self);

struct route {
	const char *type;
	unsigned flags;
	route_fn handlers[ROUTE_MAX_HANDLERS];   /* called in order */
};

/* The entry for type t, or NULL. */
const struct route *route_find(const char *t);
bool route_client_may_send(const char *t);
#endif
