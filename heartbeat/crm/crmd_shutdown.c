/* A graceful stop of a node (heartbeat -k, the init script): crmd gets
 * SIGTERM from heartbeat and asks the DC to let it go.  The DC sets the
 * node's transient "shutdown" attribute, the engine moves the node's
 * resources off and ends with a do_shutdown event; then the DC marks the
 * node expected down (its leaving is clean: never fenced) and tells its
 * crmd to exit.  A node alone, or without a DC, exits at once; a DC that
 * dies meanwhile is replaced and asked again.  The cluster option
 * shutdown-escalation (default 20 min) bounds the wait: then crmd leaves
 * anyway, as Pacemaker's does; heartbeat's stop timeout for crmd is the
 * outer bound. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "crmd.h"
#include "cib/cib.h"

#define ESCALATION_DEFAULT_MS (20 * 60 * 1000)

static struct timer escalation;

static void leave_now(const char *why)
{
	crm_info("crmd: stopping: %s", why);
	timer_stop(&escalation);
	g_main_loop_quit(crmd.loop);
}

static void escalate(void *data)
{
	(void)data;
	crm_warn("crmd: the DC did not move this node's resources off within shutdown-escalation: leaving anyway");
	leave_now("shutdown-escalation");
}

static void send_request(void)
{
	struct hb_msg *m = crm_msg_new(CRM_T_SHUTDOWN);
	if (crm_is_dc()) {
		shutdown_on_request(m);
		msg_free(m);
	} else {
		crm_send(m, crmd.dc);
	}
}

void shutdown_request(const char *why)
{
	if (crmd.shutting_down) {
		leave_now("asked twice");
		return;
	}
	if (peers_members() <= 1 || !crmd.dc) {
		leave_now(peers_members() <= 1 ? "alone in the partition" : "no DC to move resources");
		return;
	}
	crmd.shutting_down = true;
	const char *e = cib_option("shutdown-escalation");
	long long ms = e ? cib_parse_interval(e) : -1;
	if (ms <= 0)
		ms = ESCALATION_DEFAULT_MS;
	timer_init(&escalation, escalate, NULL);
	timer_start(&escalation, (unsigned)(ms > 0x7fffffff ? 0x7fffffff : ms));
	crm_info("crmd: %s: asking DC %s to move this node's resources off first (at most %lld s)", why, crmd.dc,
		 ms / 1000);
	send_request();
}

void shutdown_dc_known(void)
{
	if (!crmd.shutting_down)
		return;
	if (peers_members() <= 1)
		leave_now("alone in the partition");
	else if (crmd.dc)
		send_request();
}

void shutdown_on_request(const struct hb_msg *m)
{
	if (!crm_is_dc())
		return;
	struct crm_peer *p = peer_find(crm_msg_from(m));
	if (!p)
		return;
	crm_info("crmd: %s asks to shut down: moving its resources off", p->uname);
	xmlDocPtr next = cib_edit_copy();
	char now[32];
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	status_set_attr(next, p, "shutdown", now);
	status_commit(next, "shutdown request");
}

void shutdown_node_done(const char *node)
{
	struct crm_peer *p = peer_find(node);
	if (!p || !crm_is_dc())
		return;
	xmlDocPtr next = cib_edit_copy();
	xmlNodePtr ns = status_node_state(next, p);
	xmlSetProp(ns, (const xmlChar *)"expected", (const xmlChar *)"down");
	status_commit(next, NULL);
	crm_info("crmd: %s may shut down: nothing runs there", node);
	struct hb_msg *m = crm_msg_new(CRM_T_SHUTDOWN_OK);
	msg_add(m, "node", node);
	if (p == peer_me()) {
		shutdown_on_ok(m);
		msg_free(m);
	} else {
		crm_send(m, node);
	}
}

void shutdown_on_ok(const struct hb_msg *m)
{
	const char *node = msg_get(m, "node");
	if (crmd.shutting_down && node && !strcmp(node, crmd.me))
		leave_now("the DC moved this node's resources off");
}

void shutdown_node_joined(struct crm_peer *p)
{
	if (!crm_is_dc() || !status_get_attr(crmd.cib, p, "shutdown"))
		return;
	xmlDocPtr next = cib_edit_copy();
	status_set_attr(next, p, "shutdown", NULL);
	status_commit(next, "a node that had stopped joined again");
}
