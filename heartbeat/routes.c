/* The routing table of cluster message types (routes.h).  What each entry
 * means for a message is carried out by dispatch.c (handlers, rc.d, API
 * clients) and api.c (what clients may send); this file only says it.
 * NS_* types never reach dispatch: transport.c handles them itself. */
#include <string.h>
#include <strings.h>
#include "daemon.h"
#include "ipfail.h"
#include "routes.h"
#include "rsc.h"

/* membership's handlers take no from_self and never pass a message on */
static bool on_reqnodes(int ni, const struct hb_msg *m, bool from_self)
{
	membership_reqnodes(ni, m);
	return true;
}

static bool on_repnodes(int ni, const struct hb_msg *m, bool from_self)
{
	membership_repnodes(ni, m);
	return true;
}

static bool on_shutdone(int ni, const struct hb_msg *m, bool from_self)
{
	membership_shutdone(ni, m);
	return false;       /* resource management and clients hear of it too */
}

static bool on_ipfail(int ni, const struct hb_msg *m, bool from_self)
{
	return ipfail_message(ni, m);
}

#define DAEMON_PROTOCOL (ROUTE_NO_SCRIPT | ROUTE_DAEMON_ONLY)

static const struct route routes[] = {
	/* membership and transport */
	{ "status", ROUTE_NOCASE | ROUTE_NO_CLIENTS | DAEMON_PROTOCOL, { 0 } },  /* clients get notices */
	{ "NS_", ROUTE_PREFIX | ROUTE_NOCASE | ROUTE_NO_CLIENTS | DAEMON_PROTOCOL, { 0 } },
	{ "reqnodes", ROUTE_PEERS_ONLY | DAEMON_PROTOCOL, { on_reqnodes } },
	{ "repnodes", ROUTE_PEERS_ONLY | DAEMON_PROTOCOL, { on_repnodes } },
	{ "shutdone", ROUTE_PEERS_ONLY | DAEMON_PROTOCOL, { on_shutdone, rsc_on_shutdone } },
	/* the client API across the cluster */
	{ "query-cstatus", ROUTE_PEERS_ONLY | ROUTE_DAEMON_ONLY, { api_on_query_cstatus } },
	{ "respond-cstatus", ROUTE_DAEMON_ONLY, { 0 } },
	{ "hbapi-clstat", ROUTE_DAEMON_ONLY, { 0 } },
	/* haresources resource management (rsc_v1.c) */
	{ "starting", ROUTE_PEERS_ONLY | DAEMON_PROTOCOL, { rsc_on_starting } },
	{ "resource", ROUTE_PEERS_ONLY | DAEMON_PROTOCOL, { rsc_on_resource } },
	{ "ip-request", ROUTE_PEERS_ONLY | DAEMON_PROTOCOL, { rsc_on_ip_request } },
	{ "ip-request-resp", ROUTE_PEERS_ONLY | DAEMON_PROTOCOL, { rsc_on_ip_request_resp } },
	{ "stonith", ROUTE_DAEMON_ONLY, { 0 } },
	/* standby requests are clients' to make (hb_standby, ipfail) */
	{ "ask_resources", ROUTE_NO_SCRIPT, { rsc_on_ask_resources } },
	{ "hb_takeover", ROUTE_PEERS_ONLY | ROUTE_NO_SCRIPT, { rsc_on_hb_takeover } },
	/* the node table at run time (node_admin.c): from the FIFO of any
	 * node (hb_addnode ...), so our own loopback counts too */
	{ "addnode", ROUTE_NO_SCRIPT | ROUTE_DAEMON_ONLY, { node_admin_message } },
	{ "delnode", ROUTE_NO_SCRIPT | ROUTE_DAEMON_ONLY, { node_admin_message } },
	{ "setweight", ROUTE_NO_SCRIPT | ROUTE_DAEMON_ONLY, { node_admin_message } },
	{ "setsite", ROUTE_NO_SCRIPT | ROUTE_DAEMON_ONLY, { node_admin_message } },
	/* the v2 controllers (crm_hello, crm_dc, crm_cib_*, crm_rsc_op,
	 * crm_op_result: heartbeat/crm/crmd.h), client to client: no script */
	{ "crm_", ROUTE_PREFIX | ROUTE_NO_SCRIPT, { 0 } },
	/* ipfail (built in, or Debian's ipfail client on the peer) */
	{ "num_ping_nodes", ROUTE_PEERS_ONLY, { on_ipfail } },
	{ "you_are_dead", ROUTE_PEERS_ONLY, { on_ipfail } },
	{ "abort_giveup", ROUTE_PEERS_ONLY, { on_ipfail } },
};

const struct route *route_find(const char *t)
{
	size_t i;

	for (i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		const struct route *r = &routes[i];
		size_t n = strlen(r->type);

		if (r->flags & ROUTE_PREFIX) {
			if ((r->flags & ROUTE_NOCASE ? strncasecmp(t, r->type, n) : strncmp(t, r->type, n)) == 0)
				return r;
		} else if ((r->flags & ROUTE_NOCASE ? strcasecmp(t, r->type) : strcmp(t, r->type)) == 0) {
			return r;
		}
	}
	return NULL;
}

bool route_client_may_send(const char *t)
{
	const struct route *r = t ? route_find(t) : NULL;

	return t && (!r || !(r->flags & ROUTE_DAEMON_ONLY));
}
