/* Built-in ipfail.  Enabled when ha.cf has ping nodes and a "respawn ...
 * ipfail" line (the original's way of turning it on); that line is then not
 * spawned.  Rule as the original: whoever sees fewer ping nodes than its
 * peer gives up all resources (after 2 x keepalive, when stable). */
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "daemon.h"
#include "log.h"
#include "rsc.h"
#include "ipfail.h"
#include "timer.h"
#include "events.h"

static bool enabled;
static void do_giveup(void *data);
static struct timer giveup_timer = TIMER_INIT(do_giveup, NULL);

bool ipfail_enabled(void) { return enabled; }

static void ipfail_ping_change(void);
static void ipfail_peer_up(int ni);

/* A ping node came or went: tell the peer our count; the peer became
 * active: likewise. */
static void on_node_event(const struct event *e, void *data)
{
	const struct hb_node *n = &hb.nodes[e->ni];

	if (n->type == NODE_PING)
		ipfail_ping_change();
	else if (e->ni != hb.local && n->st == ST_ACTIVE)
		ipfail_peer_up(e->ni);
}

void ipfail_init(void)
{
	int i;

	if (hb.cf->npings == 0 || !hb.resources_managed || hb.cf->auto_failback == AF_LEGACY)
		return;
	for (i = 0; i < hb.cf->ncmds; i++)
		if (strstr(hb.cf->cmds[i].cmdline, "ipfail"))
			enabled = true;
	if (enabled) {
		log_info("ipfail: built in (ping nodes decide where resources run)");
		events_subscribe(EV_NODE_STATUS, on_node_event, NULL);
	}
}

static int ping_count(void)
{
	int i, c = 0;

	for (i = 0; i < hb.nnodes; i++)
		c += hb.nodes[i].type == NODE_PING && hb.nodes[i].st == ST_PING;
	return c;
}

static int live_peer(void)
{
	int i;

	for (i = 0; i < hb.nnodes; i++)
		if (i != hb.local && hb.nodes[i].type == NODE_NORMAL &&
		    hb.nodes[i].st == ST_ACTIVE)
			return i;
	return -1;
}

static void send_to_peer(int ni, const char *type, int count)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "t", type);
	msg_add(m, "dest", hb.nodes[ni].name);
	if (count >= 0)
		msg_addf(m, "num_ping", "%d", count);
	msg_add(m, "from_id", "ipfail");
	msg_add(m, "to_id", "ipfail");
	transport_send(m, false);
}

static void do_giveup(void *data)
{
	if (strcmp(rsc_hold_text(), "none") == 0)
		return;      /* nothing to give */
	if (!rsc_request_standby("all")) {
		/* resources in flux: try again shortly */
		timer_start(&giveup_timer, hb.cf->keepalive_ms * 2);
		return;
	}
	log_info("ipfail: giving up all resources: the peer sees more ping nodes");
}

static void schedule_giveup(void)
{
	if (!timer_armed(&giveup_timer))
		timer_start(&giveup_timer, hb.cf->keepalive_ms * 2);
}

static void cancel_giveup(void)
{
	if (timer_armed(&giveup_timer)) {
		timer_stop(&giveup_timer);
		log_info("ipfail: giveup cancelled");
	}
}

static void ipfail_ping_change(void)
{
	int peer;

	if (!enabled || !hb.comm_up)
		return;
	peer = live_peer();
	if (peer >= 0)
		send_to_peer(peer, "num_ping_nodes", ping_count());
}

static void ipfail_peer_up(int ni)
{
	if (enabled && hb.comm_up)
		send_to_peer(ni, "num_ping_nodes", ping_count());
}

bool ipfail_message(int ni, const struct hb_msg *m)
{
	const char *t = msg_get(m, "t");
	long theirs;
	int mine;

	if (!enabled || !t)
		return false;
	if (strcmp(t, "num_ping_nodes") == 0 && msg_get_dec(m, "num_ping", &theirs)) {
		mine = ping_count();
		log_info("ipfail: %s sees %ld ping node(s), we see %d", hb.nodes[ni].name, theirs, mine);
		if (mine > theirs)
			send_to_peer(ni, "you_are_dead", -1);
		else if (mine < theirs)
			schedule_giveup();
		else {
			send_to_peer(ni, "abort_giveup", -1);
			cancel_giveup();
		}
		return true;
	}
	if (strcmp(t, "you_are_dead") == 0) {
		schedule_giveup();
		return true;
	}
	if (strcmp(t, "abort_giveup") == 0) {
		cancel_giveup();
		return true;
	}
	return false;
}
