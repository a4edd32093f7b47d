/* Where an accepted message goes, by its type: membership, resource
 * management, or the API clients.  Nothing here parses bytes or checks
 * signatures: that happened in transport_receive. */
#include <string.h>
#include <strings.h>
#include "daemon.h"
#include "rsc.h"
#include "ipfail.h"

/* A peer's client asks whether a client of ours is signed on. */
static void answer_cstatus(int ni, const struct hb_msg *m)
{
	const char *cn = msg_get(m, "cn"), *from = msg_get(m, "from_id");
	struct hb_msg *r;

	if (!cn || !from)
		return;
	r = msg_new();
	msg_add(r, "t", "respond-cstatus");
	msg_add(r, "dest", hb.nodes[ni].name);
	msg_add(r, "result", "OK");
	msg_add(r, "cn", cn);
	msg_add(r, "to_id", from);
	msg_add(r, "cs", api_client_online(cn) ? "online" : "offline");
	transport_send(r, false);
}

void dispatch_message(int ni, struct hb_msg *m, bool from_self)
{
	const char *t = msg_get(m, "t");

	if (!t)
		return;
	if (strcasecmp(t, "status") == 0)
		return;       /* handled by transport/membership; changes reach clients as notices */
	if (!from_self) {
		if (strcmp(t, "reqnodes") == 0) {
			membership_reqnodes(ni, m);
			return;
		}
		if (strcmp(t, "repnodes") == 0) {
			membership_repnodes(ni, m);
			return;
		}
		if (strcmp(t, "shutdone") == 0)
			membership_shutdone(ni, m);
		if (strcmp(t, "query-cstatus") == 0) {
			answer_cstatus(ni, m);
			return;
		}
	}
	if (rsc_message(ni, m, from_self))
		return;
	if (!from_self && ipfail_message(ni, m))
		return;
	if (!from_self)
		notify_message(m);
	api_deliver(m);
}
