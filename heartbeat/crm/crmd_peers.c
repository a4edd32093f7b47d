/* Membership and DC election.
 *
 * A peer is a member of our partition when heartbeat calls it active and
 * its crmd said hello (and has not left since: heartbeat tells us when a
 * "crmd" client signs off anywhere).  The DC is chosen the same way on
 * every node from what all members said: a member that already is DC
 * keeps the job (the lowest-named one if two partitions merge with a DC
 * each); otherwise the member with the lowest node name.  A node starting
 * up first asks everyone (hello, answered by every running crmd) and waits
 * a short window, so it joins a running DC instead of electing itself.
 * When the DC dies heartbeat says so at deadtime and the survivors run the
 * rule at once: the new DC is known within deadtime plus a message. */
#include <stdlib.h>
#include <string.h>
#include "crmd.h"

/* How long a starting node waits for the others' hellos before it elects:
 * answers come back within milliseconds; a node that is not running yet
 * joins later through its own hello. */
#define START_WINDOW_MS 1200

static void uuid_text(const unsigned char u[16], char out[37])
{
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13],
		 u[14], u[15]);
}

static struct crm_peer *peer_add(const char *uname)
{
	struct crm_peer *p = g_new0(struct crm_peer, 1);
	p->uname = g_strdup(uname);
	p->uuid = g_strdup(uname);
	g_ptr_array_add(crmd.peers, p);
	return p;
}

struct crm_peer *peer_find(const char *uname)
{
	for (guint i = 0; uname && i < crmd.peers->len; i++) {
		struct crm_peer *p = g_ptr_array_index(crmd.peers, i);
		if (!strcmp(p->uname, uname))
			return p;
	}
	return NULL;
}

struct crm_peer *peer_me(void)
{
	return peer_find(crmd.me);
}

bool peer_member(const struct crm_peer *p)
{
	return p && p->hb_active && p->crmd_up;
}

int peers_members(void)
{
	int n = 0;
	for (guint i = 0; i < crmd.peers->len; i++)
		n += peer_member(g_ptr_array_index(crmd.peers, i));
	return n;
}

int peers_configured(void)
{
	return (int)crmd.peers->len;
}

bool crm_is_dc(void)
{
	return crmd.state == CRM_DC;
}

static bool status_active(const char *st)
{
	return st && (!strcmp(st, "active") || !strcmp(st, "up"));
}

void peers_init(void)
{
	struct client_node *nodes = NULL;
	int n = client_nodes(crmd.hb, &nodes);
	crmd.peers = g_ptr_array_new();
	for (int i = 0; i < n; i++) {
		if (nodes[i].type && strcmp(nodes[i].type, "normal"))
			continue;
		struct crm_peer *p = peer_add(nodes[i].name);
		p->hb_active = status_active(nodes[i].status);
		unsigned char u[16];
		if (client_node_uuid(crmd.hb, p->uname, u) == 0) {
			char t[37];
			uuid_text(u, t);
			g_free(p->uuid);
			p->uuid = g_strdup(t);
		}
	}
	client_nodes_free(nodes, n);
	struct crm_peer *me = peer_me();
	if (!me)
		me = peer_add(crmd.me);
	me->hb_active = true;
	me->crmd_up = true;
	crmd.my_uuid = g_strdup(me->uuid);
	crm_info("crmd: %s (%s), %u configured nodes", crmd.me, crmd.my_uuid, crmd.peers->len);
}

void peers_say_hello(const char *to, bool want_reply)
{
	struct hb_msg *m = crm_msg_new(CRM_T_HELLO);
	struct cib_version v;
	cib_doc_version(crmd.cib, &v);
	if (!crmd.cib_trusted)
		v.admin_epoch = v.epoch = v.num_updates = 0;
	msg_add(m, "uuid", crmd.my_uuid);
	crm_msg_add_version(m, &v);
	msg_add(m, "dc", crmd.dc ? crmd.dc : "");
	msg_add(m, "is_dc", crm_is_dc() ? "1" : "0");
	msg_add(m, "want_reply", want_reply ? "1" : "0");
	crm_send(m, to);
}

static void set_dc(const char *dc)
{
	if ((dc && crmd.dc && !strcmp(dc, crmd.dc)) || (!dc && !crmd.dc))
		return;
	crm_info("crmd: DC is %s (was %s)", dc ? dc : "none", crmd.dc ? crmd.dc : "none");
	crmd.stats.dc_changes++;
	g_free(crmd.dc);
	crmd.dc = g_strdup(dc);
}

/* How long a new DC waits for the members' versions before it syncs. */
#define SYNC_WAIT_MS 500
static bool sync_pending;
static struct timer sync_timer;

static void do_sync(void)
{
	sync_pending = false;
	timer_stop(&sync_timer);
	if (crm_is_dc())
		dc_sync_cib();   /* ends in sync_everyone, which lets changes in */
}

static void sync_wait_over(void *data)
{
	(void)data;
	if (sync_pending) {
		crm_info("crmd: not every member said its CIB version in time: syncing with what is known");
		do_sync();
	}
}

static void maybe_sync(void)
{
	if (!sync_pending)
		return;
	for (guint i = 0; i < crmd.peers->len; i++) {
		struct crm_peer *p = g_ptr_array_index(crmd.peers, i);
		if (peer_member(p) && !p->ver_fresh)
			return;
	}
	do_sync();
}

bool dc_syncing(void)
{
	return sync_pending;
}

static void become_dc(void)
{
	if (crmd.state == CRM_DC)
		return;
	crmd.state = CRM_DC;
	set_dc(crmd.me);
	for (guint i = 0; i < crmd.peers->len; i++) {
		struct crm_peer *p = g_ptr_array_index(crmd.peers, i);
		p->synced = false;
		p->ver_fresh = p == peer_me();
	}
	crm_info("crmd: %s is the DC of a partition of %d", crmd.me, peers_members());
	/* Every member answers with its current CIB version (a hello): the
	 * newest copy is chosen from those, not from what they said when they
	 * joined (the old DC's last diff may have reached only some). */
	struct hb_msg *m = crm_msg_new(CRM_T_DC);
	msg_add(m, "uuid", crmd.my_uuid);
	crm_send(m, NULL);
	sync_pending = true;
	timer_init(&sync_timer, sync_wait_over, NULL);
	timer_start(&sync_timer, SYNC_WAIT_MS);
	maybe_sync();
	cibreq_dc_known();
	shutdown_dc_known();
}

static void step_down(const char *dc)
{
	if (crmd.state == CRM_DC) {
		crm_info("crmd: %s gives up the DC role to %s", crmd.me, dc ? dc : "none");
		te_abort("no longer DC");
		pe_cancel();
	}
	crmd.state = dc ? CRM_NOT_DC : CRM_ELECTION;
	bool changed = !dc || !crmd.dc || strcmp(dc, crmd.dc);
	set_dc(dc);
	if (dc)
		cibreq_dc_known();
	if (changed)
		shutdown_dc_known();
}

/* The rule, run on every node from the same facts. */
void election_run(void)
{
	if (crmd.state == CRM_STARTING)
		return;
	struct crm_peer *keep = NULL, *lowest = NULL;
	for (guint i = 0; i < crmd.peers->len; i++) {
		struct crm_peer *p = g_ptr_array_index(crmd.peers, i);
		if (!peer_member(p))
			continue;
		bool dc_now = p == peer_me() ? crm_is_dc() : p->claims_dc;
		if (dc_now && (!keep || strcmp(p->uname, keep->uname) < 0))
			keep = p;
		if (!lowest || strcmp(p->uname, lowest->uname) < 0)
			lowest = p;
	}
	struct crm_peer *dc = keep ? keep : lowest;
	if (dc == peer_me())
		become_dc();
	else if (dc && dc->claims_dc)
		step_down(dc->uname);
	else {
		/* dc will claim the role itself; until then there is none */
		step_down(NULL);
	}
}

static void start_window_over(void *data)
{
	(void)data;
	crmd.state = CRM_ELECTION;
	election_run();
}

void election_start_timer(void)
{
	timer_init(&crmd.start_timer, start_window_over, NULL);
	timer_start(&crmd.start_timer, START_WINDOW_MS);
	peers_say_hello(NULL, true);
}

static void peer_left(struct crm_peer *p, const char *why, bool was_member)
{
	bool was_dc = crmd.dc && !strcmp(crmd.dc, p->uname);
	p->crmd_up = false;
	p->claims_dc = false;
	p->synced = false;
	if (!was_member)
		return;
	crm_info("crmd: %s left the partition (%s)%s", p->uname, why, was_dc ? ": it was the DC" : "");
	if (was_dc)
		set_dc(NULL);
	election_run();
	maybe_sync();
	if (crm_is_dc()) {
		if (p->hb_active)
			status_update_nodes();   /* only its crmd: its resources still run */
		else
			status_node_down(p->uname);
		pe_schedule("node left");
	}
}

void peers_node_status(const char *node, const char *status)
{
	struct crm_peer *p = peer_find(node);
	if (!p || p == peer_me())
		return;
	bool active = status_active(status);
	crm_debug("crmd: node %s is %s", node, status ? status : "?");
	if (active == p->hb_active)
		return;
	bool was_member = peer_member(p);
	p->hb_active = active;
	if (!active)
		peer_left(p, status, was_member);
	/* an active node is a member once its crmd says hello */
}

void peers_client_status(const char *node, const char *status)
{
	struct crm_peer *p = peer_find(node);
	if (!p || p == peer_me())
		return;
	if (status && (!strcmp(status, "leave") || !strcmp(status, "offline")))
		peer_left(p, "its crmd left", peer_member(p));
	else if (status && !strcmp(status, "join"))
		peers_say_hello(node, true);
}

void peers_on_hello(const struct hb_msg *m)
{
	const char *from = crm_msg_from(m);
	struct crm_peer *p = peer_find(from);
	if (!p || p == peer_me())
		return;
	const char *u = msg_get(m, "uuid"), *isdc = msg_get(m, "is_dc"), *wr = msg_get(m, "want_reply");
	if (u && *u) {
		g_free(p->uuid);
		p->uuid = g_strdup(u);
	}
	crm_msg_get_version(m, &p->ver);
	p->ver_fresh = true;
	bool was_member = peer_member(p);
	p->hb_active = true;   /* we hear it, so heartbeat has it active */
	p->crmd_up = true;
	p->claims_dc = isdc && !strcmp(isdc, "1");
	if (wr && !strcmp(wr, "1"))
		peers_say_hello(from, false);
	if (!was_member)
		crm_info("crmd: %s joined the partition (CIB %lld.%lld.%lld%s)", from, p->ver.admin_epoch,
			 p->ver.epoch, p->ver.num_updates, p->claims_dc ? ", DC" : "");
	if (crmd.state == CRM_STARTING) {
		if (!p->claims_dc)
			return;
		/* a DC runs: join it at once */
		timer_stop(&crmd.start_timer);
		crmd.state = CRM_ELECTION;
	}
	election_run();
	if (crm_is_dc() && sync_pending) {
		maybe_sync();
	} else if (crm_is_dc() && !was_member) {
		shutdown_node_joined(p);
		dc_node_joined(p);
	}
}

void peers_on_dc(const struct hb_msg *m)
{
	const char *from = crm_msg_from(m);
	struct crm_peer *p = peer_find(from);
	if (!p || p == peer_me())
		return;
	p->hb_active = true;
	p->crmd_up = true;
	p->claims_dc = true;
	if (crmd.state == CRM_STARTING) {
		/* a DC runs: join it at once */
		timer_stop(&crmd.start_timer);
		crmd.state = CRM_ELECTION;
	}
	election_run();
	if (crm_is_dc())
		peers_say_hello(from, true);   /* tell the other claimant we stay */
	else if (crmd.dc && !strcmp(crmd.dc, from))
		peers_say_hello(from, false);  /* our current version, for its sync */
}
