/* Where an accepted message goes, by its type, as the routing table
 * (routes.c) says: its handlers, then an rc.d script, then the API clients.
 * Nothing here parses bytes or checks signatures: that happened in
 * transport_receive. */
#include <string.h>
#include "daemon.h"
#include "routes.h"

void dispatch_message(int ni, struct hb_msg *m, bool from_self)
{
	const char *t = msg_get(m, "t");
	const struct route *r;
	unsigned flags;
	int i;

	if (!t)
		return;
	r = route_find(t);
	flags = r ? r->flags : 0;
	if (r && !(from_self && (flags & ROUTE_PEERS_ONLY)))
		for (i = 0; i < ROUTE_MAX_HANDLERS && r->handlers[i]; i++)
			if (r->handlers[i](ni, m, from_self))
				return;
	if (!from_self && !(flags & ROUTE_NO_SCRIPT))
		notify_message(m);
	if (!(flags & ROUTE_NO_CLIENTS))
		api_deliver(m);
}
