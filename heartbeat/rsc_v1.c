/* haresources-mode resource management: who holds which group, and the
 * original's takeover protocol message for message (legacy ip-request /
 * ip-request-resp; starting / resource / ask_resources for auto_failback on
 * and off; mach_down takeover, STONITH first, graceful shutdown).  Scripts
 * are run by rsc_groups.c; fencing by rsc_stonith.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "daemon.h"
#include "log.h"
#include "clock.h"
#include "timer.h"
#include "ra.h"
#include "rsc.h"
#include "rsc_groups.h"
#include "rsc_stonith.h"
#include "events.h"
#include "config.h"

enum { HOLD_NONE = 0, HOLD_LOCAL = 1, HOLD_FOREIGN = 2, HOLD_ALL = 3 };
enum rstate { RS_INIT, RS_STARTING, RS_BOTHSTARTING, RS_RSCRCVD, RS_STABLE, RS_SHUTDOWN };
enum standby { SB_NOT, SB_ME, SB_OTHER, SB_DONE };

#define RQSTDELAY_MS 10000
#define STANDBY_REPLY_MS 10000
#define STANDBY_DEADLINE_MS (3600 * 1000)

static struct {
	int i_hold, other_holds;
	bool other_is_stable;
	enum rstate state;
	enum standby going;
	int standby_type;
	uint64_t standby_deadline;
	bool takeover_in_progress, needs_failback;
	struct timer rscrcvd_timer, failback_timer, shutdown_timer, standby_timer;
	bool local_done, foreign_done, initial_logged;
	bool *pending_dead;       /* died before comm-up: handled at comm-up */
	int *peer_holds;           /* with more than two nodes: each peer's last rsc_hold */
	bool *peer_reported;       /* ... and whether it has told us since we started */
	bool legacy_wait;         /* legacy comm-up came before the peer's first status */
	int pending_jobs;          /* our jobs not yet finished (for "stable") */
	void (*shutdown_done)(void);
} rs;

static bool managing(void)
{
	return !hb.cf->crm && hb.resources_managed;
}

static bool nice_fb(void)
{
	return hb.cf->auto_failback != AF_LEGACY;
}

static const char *hold_text(int h)
{
	static const char *t[] = { "none", "local", "foreign", "all" };
	return t[h & 3];
}

static int hold_from_text(const char *s, int dflt)
{
	if (!s)
		return dflt;
	if (strcmp(s, "none") == 0) return HOLD_NONE;
	if (strcmp(s, "local") == 0) return HOLD_LOCAL;
	if (strcmp(s, "foreign") == 0 || strcmp(s, "failback") == 0) return HOLD_FOREIGN;
	if (strcmp(s, "all") == 0) return HOLD_ALL;
	return dflt;
}

/* Requester's point of view turned into ours. */
static int invert(int h)
{
	return h == HOLD_LOCAL ? HOLD_FOREIGN : h == HOLD_FOREIGN ? HOLD_LOCAL : h;
}

static int normal_nodes(void)
{
	int i, c = 0;

	for (i = 0; i < hb.nnodes; i++)
		c += hb.nodes[i].type == NODE_NORMAL;
	return c;
}

static int peer_index(void)
{
	int i;

	for (i = 0; i < hb.nnodes; i++)
		if (i != hb.local && hb.nodes[i].type == NODE_NORMAL)
			return i;
	return -1;
}

static bool stable(void)
{
	if (rs.pending_jobs > 0 || rg_busy())
		return false;
	if (!nice_fb())
		return true;
	return rs.other_is_stable && !rs.takeover_in_progress && rs.going == SB_NOT &&
	       !rs.standby_deadline &&
	       (rs.state == RS_STABLE || rs.state == RS_SHUTDOWN || rs.state == RS_INIT);
}

/* What we really run, from the groups themselves. */
static int held_bits(void)
{
	int g, h = HOLD_NONE;

	for (g = 0; g < rg_count(); g++)
		if (rg_held(g))
			h |= rg_is_local(g) ? HOLD_LOCAL : HOLD_FOREIGN;
	return h;
}

const char *rsc_hold_text(void)
{
	/* With more than two nodes the protocol's own bookkeeping (built for
	 * one peer) can lag behind; report what is actually held. */
	if (!stable())
		return "transition";
	return hold_text(normal_nodes() > 2 ? held_bits() : rs.i_hold);
}

const char *rsc_group_owner(int g)
{
	int i, bit;

	if (!managing())
		return NULL;
	if (rg_held(g))
		return hb.localname;
	/* Legacy peers never say what they hold. */
	if (!nice_fb())
		return NULL;
	for (i = 0; i < hb.nnodes; i++) {
		const struct hb_node *n = &hb.nodes[i];

		if (i == hb.local || n->type != NODE_NORMAL || !node_is_live(n) || !rs.peer_reported[i])
			continue;
		bit = strcmp(rg_node(g), n->name) == 0 ? HOLD_LOCAL : HOLD_FOREIGN;
		if (rs.peer_holds[i] & bit)
			return n->name;
	}
	return NULL;
}

/* ---- messages ---- */

static void send_resource(const char *info, bool is_stable)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "t", "resource");
	msg_add(m, "rsc_hold", hold_text(rs.i_hold));
	msg_add(m, "rtype", "full");
	msg_add(m, "isstable", is_stable ? "1" : "0");
	if (info)
		msg_add(m, "info", info);
	transport_send(m, false);
}

static void send_ask(int type, const char *info)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "t", "ask_resources");
	msg_add(m, "rsc_hold", hold_text(type));
	msg_add(m, "info", info);
	transport_send(m, true);     /* our own copy drives our half of the table */
}

static void send_stonith_result(const char *node, const char *result)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "t", "stonith");
	msg_add(m, "node", node);
	msg_add(m, "result", result);
	transport_send(m, false);
}

static void initial_done(const char *why)
{
	if (rs.initial_logged || !rs.local_done || !rs.foreign_done)
		return;
	rs.initial_logged = true;
	log_info("Initial resource acquisition complete (%s)", why);
}

/* ---- which groups ---- */

/* With more than two nodes the original let every survivor take a dead
 * node's groups.  We give each group to one node: its preferred node if
 * live, else the first live node in ha.cf order; every node computes the
 * same answer from the same membership. */
static bool we_succeed(int dead_ni, int g)
{
	int i;

	if (normal_nodes() <= 2)
		return true;
	for (i = 0; i < hb.nnodes; i++) {
		struct hb_node *n = &hb.nodes[i];

		if (n->type != NODE_NORMAL || i == dead_ni)
			continue;
		if (i == hb.local || node_is_live(n))
			return i == hb.local;
	}
	(void)g;
	return false;
}

bool rsc_stable_now(void)
{
	return !managing() || stable();
}

/* Is group g one of ours now?  Our own groups while we hold our class; a
 * peer's group while its preferred node is gone and we are its successor,
 * or (two nodes, auto_failback off) while we still hold the peer's class. */
bool rsc_should_hold(int g)
{
	int h = nice_fb() && normal_nodes() <= 2 ? rs.i_hold : held_bits();
	int pi;

	if (!managing())
		return false;
	if (rg_is_local(g))
		return h & HOLD_LOCAL;
	pi = node_find(rg_node(g));
	if (pi >= 0 && node_is_live(&hb.nodes[pi]))
		return normal_nodes() <= 2 && (h & HOLD_FOREIGN);
	return (h & HOLD_FOREIGN || normal_nodes() > 2) && we_succeed(pi, g);
}

static int collect(int which, int *out)
{
	int g, n = 0;

	for (g = 0; g < rg_count(); g++) {
		bool local = rg_is_local(g);

		if ((which & HOLD_LOCAL && local) || (which & HOLD_FOREIGN && !local))
			out[n++] = g;
	}
	return n;
}

/* ---- jobs ---- */

struct job_ctx {
	void (*then)(bool ok, struct job_ctx *c);
	int ni;
	int type;
	char key[256];
};

static void job_done(bool ok, void *data)
{
	struct job_ctx *c = data;

	rs.pending_jobs--;
	if (c->then)
		c->then(ok, c);
	g_free(c);
}

static void queue_job(enum rg_op op, const int *gl, int n, void (*then)(bool, struct job_ctx *),
		      int ni, int type, const char *key)
{
	struct job_ctx *c = g_new0(struct job_ctx, 1);

	c->then = then;
	c->ni = ni;
	c->type = type;
	if (key)
		snprintf(c->key, sizeof c->key, "%s", key);
	rs.pending_jobs++;
	rg_queue(op, gl, n, job_done, c);
}

static void try_failback(void);

/* req_our_resources: acquire our preferred groups. */
static void local_acquired(bool ok, struct job_ctx *c)
{
	int gl[RG_MAX_GROUPS], n = collect(HOLD_LOCAL, gl);

	if (n == 0)
		log_info("No local resources to acquire.");
	else
		log_info("Local Resource acquisition completed.");
	rs.local_done = true;
	if (nice_fb())
		send_resource("req_our_resources()", true);
	initial_done("req_our_resources");
	try_failback();
}

/* With more than two nodes: the node that would have taken our groups when
 * we were gone (first live node in ha.cf order), if it says it holds
 * foreign groups -- then it holds ours, and we must not start them too. */
static bool successor_holds_ours(void)
{
	int i;

	for (i = 0; i < hb.nnodes; i++) {
		if (i == hb.local || hb.nodes[i].type != NODE_NORMAL || !node_is_live(&hb.nodes[i]))
			continue;
		return rs.peer_holds[i] & HOLD_FOREIGN;
	}
	return false;
}

static bool all_peers_reported(void)
{
	int i;

	for (i = 0; i < hb.nnodes; i++)
		if (i != hb.local && hb.nodes[i].type == NODE_NORMAL && node_is_live(&hb.nodes[i]) &&
		    !rs.peer_reported[i])
			return false;
	return true;
}

static void acquire_local(bool force)
{
	int gl[RG_MAX_GROUPS], n = collect(HOLD_LOCAL, gl);

	if (!force && nice_fb() && normal_nodes() > 2 && successor_holds_ours()) {
		log_info("Local Resource acquisition completed. (none: held by our successor)");
		rs.local_done = true;
		initial_done("T_RESOURCES(them)");
		return;
	}

	/* The peer already holds what it sees as foreign (our groups): wait for
	 * failback rather than start them twice. */
	if (!force && nice_fb() && (rs.other_holds & HOLD_FOREIGN || rs.i_hold & HOLD_LOCAL)) {
		log_info("Local Resource acquisition completed. (none)");
		rs.local_done = true;
		initial_done("T_RESOURCES(them)");
		return;
	}
	if (nice_fb())
		rs.i_hold |= HOLD_LOCAL;
	queue_job(RG_ACQUIRE, gl, n, local_acquired, -1, 0, NULL);
}

static void mach_down_done(bool ok, struct job_ctx *c)
{
	const char *name = hb.nodes[c->ni].name;

	if (nice_fb()) {
		struct hb_msg *m = msg_new();
		bool took = c->type > 0 || normal_nodes() <= 2;   /* c->type: groups taken */

		msg_add(m, "t", "resource");
		msg_add(m, "rsc_hold", "foreign");
		msg_add(m, "info", "mach_down");
		transport_send(m, false);
		log_info("nice_failback: foreign resources acquired");
		rs.takeover_in_progress = false;
		if (took) {
			rs.i_hold |= HOLD_FOREIGN;
			rs.needs_failback = true;
		}
		rs.other_is_stable = true;
		log_info("mach_down takeover complete.");
	}
	log_info("mach_down takeover complete for node %s.", name);
	rs.foreign_done = true;
	initial_done("mach_down");
	if (nice_fb() && rs.state != RS_STABLE && rs.state != RS_SHUTDOWN) {
		rs.state = RS_STABLE;
		send_resource(NULL, true);
	}
}

static void takeover_from_node(int ni)
{
	int gl[RG_MAX_GROUPS], n = 0, g;
	const char *name = hb.nodes[ni].name;

	for (g = 0; g < rg_count(); g++)
		if (strcmp(rg_node(g), name) == 0 && we_succeed(ni, g))
			n++;
	log_info("Resources being acquired from %s.", name);
	/* With more than two nodes, a survivor that takes nothing holds
	 * nothing foreign (and must not later ask to give it back). */
	if (nice_fb() && (n > 0 || normal_nodes() <= 2)) {
		rs.i_hold |= HOLD_FOREIGN;
		rs.other_holds = HOLD_NONE;
		rs.other_is_stable = true;
		rs.takeover_in_progress = true;
	}
	acquire_local(true);
	for (n = 0, g = 0; g < rg_count(); g++) {
		if (strcmp(rg_node(g), name) != 0 || !we_succeed(ni, g))
			continue;
		log_info("Taking over resource group %s", rg_key(g));
		gl[n++] = g;
	}
	queue_job(RG_ACQUIRE, gl, n, mach_down_done, ni, n, NULL);
}

static void fenced(int ni, bool ok)
{
	if (ok) {
		send_stonith_result(hb.nodes[ni].name, "OK");
		takeover_from_node(ni);
	}
}

static void node_died(int ni)
{
	struct hb_node *n = &hb.nodes[ni];
	bool gave_up;

	if (rs.going != SB_NOT || rs.standby_deadline) {
		log_info("Cancelling pending standby operation");
		rs.going = SB_NOT;
		rs.standby_deadline = 0;
	}
	if (hb.shutting_down)
		return;
	rs.peer_holds[ni] = HOLD_NONE;
	rs.needs_failback = true;
	/* The original's rule: no fencing for a node we heard from that had
	 * told us it held nothing (nice_failback) or had said shutdone (legacy). */
	gave_up = n->heard_before_death &&
		  (nice_fb() ? rs.other_holds == HOLD_NONE : n->shutdown_notice);
	if (gave_up) {
		log_info("Dead node %s gave up resources.", n->name);
		send_stonith_result(n->name, "unneeded");
		if (nice_fb() && rs.i_hold == HOLD_ALL) {
			rs.other_is_stable = true;
			return;
		}
		takeover_from_node(ni);
		return;
	}
	if (stonith_configured()) {
		stonith_fence(ni, fenced);
		return;
	}
	send_stonith_result(n->name, "n_stnth");
	log_warn("No STONITH device configured.");
	log_warn("Shared disks are not protected.");
	takeover_from_node(ni);
}

static void legacy_acquire_local(void);

void rsc_node_status(int ni)
{
	if (!managing() || ni == hb.local || hb.nodes[ni].type != NODE_NORMAL)
		return;
	if (rs.legacy_wait && ni == peer_index() && hb.nodes[ni].st != ST_INIT) {
		rs.legacy_wait = false;
		legacy_acquire_local();
	}
	if (hb.nodes[ni].st != ST_DEAD) {
		stonith_cancel(ni);
		return;
	}
	if (!hb.comm_up) {
		rs.pending_dead[ni] = true;
		return;
	}
	node_died(ni);
}

/* ---- start-up ---- */

static void rscrcvd_expired(void *data)
{
	if (rs.state == RS_RSCRCVD) {
		rs.state = RS_STABLE;
		log_info("local resource transition completed.");
		acquire_local(false);
		send_resource(NULL, true);
		rs.foreign_done = true;
		initial_done("HB_R_RSCRCVD");
	}
}

static void legacy_acquire_local(void)
{
	int gl[RG_MAX_GROUPS], n = collect(HOLD_LOCAL, gl), peer = peer_index(), i;
	bool ask = peer >= 0 && hb.nodes[peer].st == ST_ACTIVE;

	/* Comms can come up on a peer's first packet of any kind.  Until its
	 * status is known, "active: ask it" cannot be told from "starting:
	 * take": taking would leave both nodes holding the group. */
	if (peer >= 0 && hb.nodes[peer].heard && hb.nodes[peer].st == ST_INIT) {
		rs.legacy_wait = true;
		return;
	}
	if (!ask || normal_nodes() > 2) {
		queue_job(RG_ACQUIRE, gl, n, local_acquired, -1, 0, NULL);
		return;
	}
	for (i = 0; i < n; i++) {
		struct hb_msg *m;

		if (rg_held(gl[i]))
			continue;
		m = msg_new();
		msg_add(m, "t", "ip-request");
		msg_add(m, "ipaddr", rg_key(gl[i]));
		transport_send(m, false);
	}
	rs.local_done = true;
}

void rsc_comm_up(void)
{
	int i;

	if (!managing())
		return;
	if (nice_fb()) {
		struct hb_msg *m = msg_new();

		msg_add(m, "t", "starting");
		transport_send(m, false);
		rs.state = RS_STARTING;
	} else {
		rs.state = RS_STABLE;
		legacy_acquire_local();
	}
	for (i = 0; i < hb.nnodes; i++)
		if (rs.pending_dead[i] && hb.nodes[i].st == ST_DEAD)
			node_died(i);
}

/* ---- standby ---- */

static void standby_released(bool ok, struct job_ctx *c)
{
	log_info("%s HA resource release completed (standby).", hold_text(c->type));
	send_ask(rs.standby_type, "done");
}

static void standby_acquired(bool ok, struct job_ctx *c)
{
	log_info("%s HA resource acquisition completed (standby).", hold_text(c->type));
	send_ask(rs.standby_type, "done");
}

static void standby_message(int ni, const struct hb_msg *m, bool from_self)
{
	const char *info = msg_get(m, "info");
	int type = hold_from_text(msg_get(m, "rsc_hold"), HOLD_ALL);
	const char *who = hb.nodes[ni].name;
	int gl[RG_MAX_GROUPS], n;

	if (!nice_fb()) {
		log_warn("Standby mode only implemented when nice_failback on");
		return;
	}
	if (rs.state == RS_SHUTDOWN || !info)
		return;
	if (rs.going == SB_NOT) {
		if (strcmp(info, "me") != 0) {
			log_err("Ignored standby message '%s' from %s in state %d", info, who, rs.going);
			return;
		}
		if (!rs.other_is_stable) {
			log_warn("standby message [me] from %s ignored.  Other side is in flux.", who);
			return;
		}
		if (rs.state != RS_STABLE || rg_busy()) {
			log_warn("standby message [me] from %s ignored.  local resources in flux.", who);
			return;
		}
		rs.standby_type = type;
		rs.other_is_stable = false;
		log_info("%s wants to go standby [%s]", who, hold_text(type));
		if (from_self) {
			rs.going = SB_ME;
			rs.standby_deadline = clock_ms() + STANDBY_REPLY_MS;
		} else {
			rs.going = SB_OTHER;
			send_ask(type, "other");
			rs.standby_deadline = clock_ms() + STANDBY_DEADLINE_MS;
		}
		return;
	}
	if (strcmp(info, "me") == 0) {
		log_info("Standby in progress- new request from %s ignored [%llu seconds left]", who,
			 (unsigned long long)(rs.standby_deadline > clock_ms() ? (rs.standby_deadline - clock_ms()) / 1000 : 0));
		return;
	}
	switch (rs.going) {
	case SB_ME:
		if (!from_self && strcmp(info, "other") == 0) {
			rs.standby_type = type;
			rs.standby_deadline = clock_ms() + STANDBY_DEADLINE_MS;
			log_info("standby: %s can take our %s resources", who, hold_text(type));
			rs.other_is_stable = false;
			rs.i_hold &= ~type;
			send_resource("standby", false);
			log_info("give up %s HA resources (standby).", hold_text(type));
			n = collect(type, gl);
			queue_job(RG_RELEASE, gl, n, standby_released, ni, type, NULL);
		} else if (from_self && strcmp(info, "done") == 0) {
			log_info("Local standby process completed [%s].", hold_text(type));
			rs.going = SB_DONE;
			rs.i_hold &= ~rs.standby_type;
			rs.standby_deadline = clock_ms() + STANDBY_DEADLINE_MS;
		}
		break;
	case SB_OTHER:
		if (!from_self && strcmp(info, "done") == 0) {
			rs.standby_deadline = clock_ms() + STANDBY_DEADLINE_MS;
			log_info("standby: acquire [%s] resources from %s", hold_text(type), who);
			n = collect(invert(type), gl);
			log_info("acquire %s HA resources (standby).", hold_text(invert(type)));
			rs.going = SB_DONE;
			queue_job(RG_ACQUIRE, gl, n, standby_acquired, ni, invert(type), NULL);
		}
		break;
	case SB_DONE:
		if (strcmp(info, "done") != 0)
			break;
		rs.standby_deadline = 0;
		rs.going = SB_NOT;
		if (from_self) {
			log_info("Standby resource acquisition done [%s].", hold_text(type));
			rs.i_hold |= invert(type);
			rs.local_done = true;
			initial_done("auto_failback");
		} else {
			log_info("Other node completed standby takeover of %s resources.", hold_text(type));
		}
		send_resource(NULL, true);
		break;
	default:
		break;
	}
}

static void standby_watch(void *data)
{
	if (rs.standby_deadline && clock_ms() > rs.standby_deadline) {
		log_warn("No reply to standby request.  Standby request cancelled.");
		rs.standby_deadline = 0;
		rs.other_is_stable = true;
		rs.going = SB_NOT;
	}
}

bool rsc_request_standby(const char *type)
{
	if (!managing() || !nice_fb() || !stable() || rs.i_hold == HOLD_NONE)
		return false;
	send_ask(hold_from_text(type, HOLD_ALL), "me");
	return true;
}

/* ---- auto-failback ---- */

static void failback_retry(void *data)
{
	try_failback();
}

static void try_failback(void)
{
	int peer = peer_index();

	if (hb.cf->auto_failback != AF_ON || hb.shutting_down || !(rs.i_hold & HOLD_FOREIGN) ||
	    !rs.needs_failback || peer < 0 || !node_is_live(&hb.nodes[peer]))
		return;
	if (rs.going != SB_NOT || !rs.other_is_stable || rs.state != RS_STABLE || rg_busy()) {
		if (!timer_armed(&rs.failback_timer)) {
			log_info("Auto failback delayed.");
			timer_start(&rs.failback_timer, 1000);
		}
		return;
	}
	rs.needs_failback = false;
	send_ask(HOLD_FOREIGN, "me");
}

/* ---- the peer's protocol messages ---- */

static void on_starting(int ni)
{
	switch (rs.state) {
	case RS_INIT:
	case RS_BOTHSTARTING:
		log_err("Received 'starting' message in state %d", rs.state);
		return;
	case RS_STARTING:
		rs.state = RS_BOTHSTARTING;
		rs.foreign_done = true;
		break;
	default:
		break;
	}
	rs.other_is_stable = false;
	send_resource(NULL, rs.state == RS_STABLE);
}

static void on_resource(int ni, const struct hb_msg *m)
{
	const char *rtype = msg_get(m, "rtype"), *st = msg_get(m, "isstable");
	int h = hold_from_text(msg_get(m, "rsc_hold"), HOLD_NONE);

	if (rs.state == RS_STARTING || rs.state == RS_BOTHSTARTING) {
		rs.state = RS_RSCRCVD;
		if (hb.cf->auto_failback == AF_OFF)
			rs.foreign_done = true;
		if (!timer_armed(&rs.rscrcvd_timer))
			timer_start(&rs.rscrcvd_timer, RQSTDELAY_MS);
	}
	if (rtype && strcmp(rtype, "full") == 0)
		rs.other_holds = h;
	else if (h == HOLD_NONE)
		rs.other_holds = HOLD_NONE;
	else
		rs.other_holds |= h;
	rs.peer_reported[ni] = true;
	if (rtype && strcmp(rtype, "full") == 0)
		rs.peer_holds[ni] = h;
	else
		rs.peer_holds[ni] = h == HOLD_NONE ? HOLD_NONE : rs.peer_holds[ni] | h;
	if (st) {
		if (strcmp(st, "1") == 0) {
			if (!rs.other_is_stable) {
				log_info("remote resource transition completed.");
				rs.other_is_stable = true;
				send_resource(NULL, rs.state == RS_STABLE);
				try_failback();
			}
		} else {
			rs.other_is_stable = false;
		}
	}
	/* With more than two nodes, decide only once every live peer has said
	 * what it holds (else the RSCRCVD timer finishes the start-up). */
	if (rs.state != RS_STABLE && rs.state != RS_SHUTDOWN && rs.other_is_stable &&
	    (normal_nodes() <= 2 || all_peers_reported())) {
		log_info("remote resource transition completed.");
		timer_stop(&rs.rscrcvd_timer);
		rs.state = RS_STABLE;
		rs.foreign_done = true;
		acquire_local(false);
		send_resource(NULL, true);
		initial_done("T_RESOURCES(us)");
		try_failback();
	}
}

static void released_for_peer(bool ok, struct job_ctx *c)
{
	struct hb_msg *r = msg_new();

	msg_add(r, "t", "ip-request-resp");
	msg_add(r, "dest", hb.nodes[c->ni].name);
	msg_add(r, "ipaddr", c->key);
	msg_add(r, "weown", c->type ? "yes" : "no");
	msg_add(r, "ok", "OK");
	transport_send(r, false);
}

static void on_ip_request(int ni, const struct hb_msg *m)
{
	const char *key = msg_get(m, "ipaddr");
	int g = key ? rg_find_key(key) : -1;

	if (!key)
		return;
	if (g >= 0 && rg_held(g)) {
		queue_job(RG_RELEASE, &g, 1, released_for_peer, ni, 1, key);
		return;
	}
	/* nothing to give: answer after any job in progress, in order */
	queue_job(RG_RELEASE, NULL, 0, released_for_peer, ni, 0, key);
}

static void on_ip_request_resp(const struct hb_msg *m)
{
	const char *key = msg_get(m, "ipaddr"), *ok = msg_get(m, "ok");
	int g = key ? rg_find_key(key) : -1;

	if (hb.shutting_down || !key)
		return;
	log_info("received ip-request-resp %s %s %s", key, ok ? ok : "", msg_get(m, "weown") ? msg_get(m, "weown") : "");
	if (g >= 0 && ok && strcmp(ok, "OK") == 0)
		queue_job(RG_ACQUIRE, &g, 1, NULL, -1, 0, NULL);
}

static void on_hb_takeover(const struct hb_msg *m)
{
	/* The peer wants what we hold: stand down the matching set. */
	const char *h = msg_get(m, "rsc_hold");
	int type = HOLD_ALL;

	if (h && strcmp(h, "local") == 0)
		type = HOLD_FOREIGN;
	else if (h && strcmp(h, "foreign") == 0)
		type = HOLD_LOCAL;
	log_info("Going standby [%s].", hold_text(type));
	send_ask(type, "me");
}

static void on_shutdone(int ni)
{
	if (hb.shutting_down)
		return;
	rs.peer_holds[ni] = HOLD_NONE;
	if (nice_fb()) {
		rs.other_is_stable = true;
		rs.other_holds = HOLD_NONE;
	}
	takeover_from_node(ni);
}

/* The routing table's handlers (routes.c).  Before comm-up the resource
 * protocol has not started (the original registers its handlers only
 * then); until it has, or without haresources, a message is passed on.
 * A true return keeps it from scripts and clients. */
static bool protocol_running(void)
{
	return managing() && hb.comm_up;
}

bool rsc_on_ask_resources(int ni, const struct hb_msg *m, bool from_self)
{
	if (protocol_running())
		standby_message(ni, m, from_self);
	return false;          /* clients see it too */
}

bool rsc_on_starting(int ni, const struct hb_msg *m, bool from_self)
{
	if (!protocol_running())
		return false;
	if (nice_fb())
		on_starting(ni);
	return true;
}

bool rsc_on_resource(int ni, const struct hb_msg *m, bool from_self)
{
	if (protocol_running() && nice_fb())
		on_resource(ni, m);
	return false;
}

bool rsc_on_ip_request(int ni, const struct hb_msg *m, bool from_self)
{
	if (!protocol_running())
		return false;
	on_ip_request(ni, m);
	return true;
}

bool rsc_on_ip_request_resp(int ni, const struct hb_msg *m, bool from_self)
{
	if (!protocol_running())
		return false;
	on_ip_request_resp(m);
	return true;
}

bool rsc_on_hb_takeover(int ni, const struct hb_msg *m, bool from_self)
{
	if (protocol_running())
		on_hb_takeover(m);
	return false;
}

bool rsc_on_shutdone(int ni, const struct hb_msg *m, bool from_self)
{
	if (protocol_running())
		on_shutdone(ni);
	return false;
}

/* ---- split brain ---- */

static void split_resolved(bool ok, struct job_ctx *c)
{
	log_info("split brain with %s resolved: we keep our own groups only", hb.nodes[c->ni].name);
	if (nice_fb())
		send_resource(NULL, true);
}

/* Both sides ran alone and each took the other's groups.  Every node gives
 * back the groups it holds that another live node prefers; each node
 * decides alone, from ha.cf, so no message can be lost in between. */
void rsc_partition_healed(int ni)
{
	int gl[RG_MAX_GROUPS], n = 0, g;

	if (!managing() || hb.shutting_down)
		return;
	log_err("Split brain: %s returned after a partition; giving back the groups it prefers",
		hb.nodes[ni].name);
	for (g = 0; g < rg_count(); g++)
		if (rg_held(g) && strcmp(rg_node(g), hb.nodes[ni].name) == 0)
			gl[n++] = g;
	if (nice_fb()) {
		rs.i_hold &= ~HOLD_FOREIGN;
		rs.needs_failback = false;
	}
	queue_job(RG_RELEASE, gl, n, split_resolved, ni, 0, NULL);
}

/* ---- shutdown ---- */

static void all_released(bool ok, struct job_ctx *c)
{
	log_info("All HA resources relinquished.");
	rs.shutdown_done();
}

/* Returns false while it must wait (asked again every second). */
static bool shutdown_when_stable(void)
{
	int gl[RG_MAX_GROUPS], n;

	if (!hb.comm_up) {
		log_info("Shutdown delayed until Communication is up.");
		return false;
	}
	if (rg_busy() || rs.pending_jobs > 0 || (nice_fb() && rs.going != SB_NOT)) {
		log_info("Shutdown delayed until current resource activity finishes.");
		return false;
	}
	rs.i_hold = HOLD_NONE;
	rs.state = RS_SHUTDOWN;
	if (nice_fb())
		send_resource("shutdown", false);
	log_info("Giving up all HA resources.");
	n = collect(HOLD_ALL, gl);
	queue_job(RG_RELEASE, gl, n, all_released, -1, 0, NULL);
	return true;
}

static void shutdown_retry(void *data)
{
	if (shutdown_when_stable())
		timer_stop(&rs.shutdown_timer);
}

void rsc_shutdown(void (*done)(void))
{
	rs.shutdown_done = done;
	if (!managing()) {
		done();
		return;
	}
	if (!shutdown_when_stable())
		timer_start_periodic(&rs.shutdown_timer, 1000);
}

/* ---- set-up ---- */

static void standby_after_failure(const char *type)
{
	if (!hb.shutting_down)
		send_ask(hold_from_text(type, HOLD_FOREIGN), "me");
}

void rsc_export_env(void)
{
	char *f = g_strdup_printf("%s/shellfuncs", hb.ha_dir);
	int i;

	ra_setenv("HA_CURHOST", hb.localname);
	ra_setenv("HA_DIR", hb.ha_dir);
	ra_setenv("HA_FUNCS", f);
	g_free(f);
	ra_setenv("HA_DATEFMT", "%Y/%m/%d_%T\t");
	if (!getenv("OCF_ROOT"))
		ra_setenv("OCF_ROOT", "/usr/lib/ocf");
	ra_setenv("HA_LOGFILE", hb.cf->logfile ? hb.cf->logfile : "");
	/* Empty when not configured, even with a log facility: what 3.0.6's
	 * children were seen to get (the shell helpers then use /dev/null). */
	ra_setenv("HA_DEBUGLOG", hb.cf->debugfile ? hb.cf->debugfile : "");
	ra_setenv("HA_LOGD", hb.cf->use_logd > 0 ? "yes" : "no");
	if (nice_fb())
		ra_setenv("HA_NICEFAILBACK", "yes");
	for (i = 0; i < hb.cf->nparams; i++) {
		char *name = g_strdup_printf("HA_%s", hb.cf->params[i].name);
		ra_setenv(name, hb.cf->params[i].value);
		g_free(name);
	}
	for (i = 0; i < hb.cf->nenv; i++) {
		char *eq = strchr(hb.cf->env[i], '=');
		if (eq) {
			char *name = g_strndup(hb.cf->env[i], (gsize)(eq - hb.cf->env[i]));
			ra_setenv(name, eq + 1);
			g_free(name);
		}
	}
}

static void on_node_event(const struct event *e, void *data)
{
	rsc_node_status(e->ni);
}

static void on_comm_event(const struct event *e, void *data)
{
	rsc_comm_up();
}

static void on_healed_event(const struct event *e, void *data)
{
	rsc_partition_healed(e->ni);
}

void rsc_init(void)
{
	struct rg_settings s = { 0 };
	static char rdir[4200];   /* rg keeps a pointer to it */
	const char *e;

	free(rs.pending_dead);
	free(rs.peer_holds);
	free(rs.peer_reported);
	timer_stop(&rs.rscrcvd_timer);
	timer_stop(&rs.failback_timer);
	timer_stop(&rs.shutdown_timer);
	timer_stop(&rs.standby_timer);
	memset(&rs, 0, sizeof rs);
	timer_init(&rs.rscrcvd_timer, rscrcvd_expired, NULL);
	timer_init(&rs.failback_timer, failback_retry, NULL);
	timer_init(&rs.shutdown_timer, shutdown_retry, NULL);
	timer_init(&rs.standby_timer, standby_watch, NULL);
	events_subscribe(EV_NODE_STATUS, on_node_event, NULL);
	events_subscribe(EV_COMM_UP, on_comm_event, NULL);
	events_subscribe(EV_PARTITION_HEALED, on_healed_event, NULL);
	if (hb.cf->crm || !hb.resources_managed) {
		rg_init(NULL, &s);
		return;
	}
	rs.pending_dead = calloc(CONF_MAXNODES, sizeof(bool));
	rs.peer_holds = calloc(CONF_MAXNODES, sizeof(int));
	rs.peer_reported = calloc(CONF_MAXNODES, sizeof(bool));
	snprintf(rdir, sizeof rdir, "%s/resource.d", hb.ha_dir);
	s.resource_dir = rdir;
	s.fallback_dir = (e = getenv("HB_RSC_FALLBACK_DIR")) ? e : HA_DATADIR "/resource.d";
	s.timeout_ms = hb.cf->resource_timeout_ms ? hb.cf->resource_timeout_ms : RSC_DEFAULT_TIMEOUT_MS;
	e = getenv("HA_STOPRETRYMAX");
	s.stop_retries = e ? atoi(e) : 10;
	s.stop_fail_cmd = hb.cf->stop_fail_cmd;
	s.localname = hb.localname;
	s.standby_after_failure = standby_after_failure;
	rsc_export_env();
	rg_init(hb.haresources, &s);
	stonith_init();
	timer_start_periodic(&rs.standby_timer, 1000);
}
