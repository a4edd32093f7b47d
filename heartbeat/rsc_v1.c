/* haresources-mode resource management as seen by the peer.  This first
 * version holds no resources: it answers the original's takeover protocol
 * truthfully ("I hold none, I am stable"), so a 3.0.6 peer completes its own
 * start-up, takes its groups and can shut down without waiting on us. */
#include <string.h>
#include "daemon.h"
#include "log.h"
#include "rsc.h"

static const char *held = "none";

void rsc_init(void) { }

void rsc_comm_up(void) { }

void rsc_node_status(int ni) { (void)ni; }

const char *rsc_hold_text(void) { return held; }

static bool nice_failback(void)
{
	return hb.cf->auto_failback != AF_LEGACY;
}

static void send_resource(const char *info, bool stable)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "t", "resource");
	msg_add(m, "rsc_hold", held);
	msg_add(m, "rtype", "full");
	msg_add(m, "isstable", stable ? "1" : "0");
	if (info)
		msg_add(m, "info", info);
	transport_send(m, false);
}

bool rsc_message(int ni, const struct hb_msg *m, bool from_self)
{
	const char *t = msg_get(m, "t");

	if (hb.cf->crm || from_self)
		return false;
	if (strcmp(t, "starting") == 0) {
		if (nice_failback())
			send_resource(NULL, true);
		return true;
	}
	if (strcmp(t, "ip-request") == 0) {
		/* Legacy mode: the peer asks for its group back; we hold nothing, so
		 * it may take it at once. */
		const char *key = msg_get(m, "ipaddr");
		struct hb_msg *r;

		if (!key)
			return true;
		r = msg_new();
		msg_add(r, "t", "ip-request-resp");
		msg_add(r, "dest", hb.nodes[ni].name);
		msg_add(r, "ipaddr", key);
		msg_add(r, "weown", "no");
		msg_add(r, "ok", "OK");
		transport_send(r, false);
		return true;
	}
	return strcmp(t, "resource") == 0 || strcmp(t, "ask_resources") == 0 ||
	       strcmp(t, "ip-request-resp") == 0;
}

void rsc_shutdown(void (*done)(void))
{
	if (!hb.cf->crm && nice_failback())
		send_resource("shutdown", false);
	done();
}
