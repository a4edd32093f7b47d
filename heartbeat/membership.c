/* Node and link status: what we tell peers about ourselves (status
 * heartbeats, init -> up -> active), what we conclude about them (up, active,
 * dead), per-link liveness, and the communication-up handshake
 * (reqnodes / repnodes).  This is where a node is declared dead.  Who cares
 * about a change hears it through events.h; nothing here calls them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "daemon.h"
#include "log.h"
#include "clock.h"
#include "events.h"

#define STARTUP_DT_BONUS_MS 2000     /* advertised while we settle (first 5 s) */
#define STARTUP_BONUS_WINDOW_MS 5000
#define REQNODES_RETRY_MS 1000

unsigned membership_advertised_dt(void)
{
	unsigned dt = hb.cf->deadtime_ms;

	if (clock_ms() - hb.start_ms < STARTUP_BONUS_WINDOW_MS)
		dt += STARTUP_DT_BONUS_MS;
	return dt;
}

void membership_send_status(void)
{
	struct hb_msg *m = msg_new();
	struct hb_node *self = &hb.nodes[hb.local];

	msg_add(m, "t", "status");
	msg_add(m, "st", status_word(hb.status));
	msg_addf(m, "dt", "%x", membership_advertised_dt());
	if (hb.flow_control)
		msg_add(m, "protocol", "1");
	hb.last_status_sent_ms = clock_ms();
	self->last_ms = hb.last_status_sent_ms;
	self->heard = true;
	transport_send(m, false);
	events_emit(EV_STATUS_SENT, -1, -1);
}

void membership_set_local_status(enum node_status st)
{
	if (hb.status == st)
		return;
	hb.status = st;
	hb.nodes[hb.local].st = st;
	log_info("Local status now set to: '%s'", status_word(st));
	events_emit(EV_NODE_STATUS, hb.local, -1);
	membership_send_status();
}

void membership_start(void)
{
	hb.start_ms = clock_ms();
	hb.reqnodes_to = -1;
	/* The very first heartbeat says init, then up: what peers expect. */
	hb.status = ST_INIT;
	hb.nodes[hb.local].st = ST_INIT;
	membership_send_status();
	membership_set_local_status(ST_UP);
}

static unsigned threshold_ms(const struct hb_node *n)
{
	if (!hb.comm_up)
		return hb.cf->initdead_ms;
	if (n->type == NODE_PING)
		return hb.cf->deadping_ms;
	return n->dt_ms ? n->dt_ms : hb.cf->deadtime_ms;
}

/* With two media or more, a link that carries clearly fewer of the node's
 * packets than its best one is losing them: said once when it passes
 * LOSS_LOSSY_PCT over a window and once when it is back under LOSS_OK_PCT,
 * long before the link would be declared dead (and never at all for a
 * link that loses a third of its packets). */
static void count_loss(struct hb_node *n, int mi)
{
	unsigned best = 0;
	int j;

	n->links[mi].win++;
	for (j = 0; j < hb.nmedia; j++)
		if (n->links[j].win > best)
			best = n->links[j].win;
	if (hb.nmedia < 2 || best < LOSS_WINDOW)
		return;
	for (j = 0; j < hb.nmedia; j++) {
		struct hb_link *l = &n->links[j];

		/* the copy of the packet that closed the window may still be
		 * on its way over this medium: not counted as lost */
		unsigned lost = best - l->win > 0 ? best - l->win - 1 : 0;

		l->loss_pct = lost * 100 / best;
		if (!l->lossy && l->loss_pct >= LOSS_LOSSY_PCT && l->st == LINK_UP) {
			l->lossy = true;
			log_warn("Link %s:%s is losing packets: %u%% of the last %u lost", n->name,
				 hb.media[j].name, l->loss_pct, best);
		} else if (l->lossy && l->loss_pct < LOSS_OK_PCT) {
			l->lossy = false;
			log_info("Link %s:%s no longer losing packets (%u%% of the last %u lost)", n->name,
				 hb.media[j].name, l->loss_pct, best);
		}
		l->win = 0;
	}
}

void membership_heard(int ni, int mi, uint64_t now)
{
	struct hb_node *n = &hb.nodes[ni];
	struct hb_link *l = &n->links[mi];

	if (n->heard) {
		uint64_t gap = now - n->last_ms;

		if (gap > n->max_gap_ms)
			n->max_gap_ms = gap;
		if (gap > hb.cf->warntime_ms && n->st != ST_DEAD)
			log_warn("Late heartbeat: Node %s: interval %llu ms", n->name,
				 (unsigned long long)gap);
	}
	n->heard = true;
	n->last_ms = now;
	n->packets++;
	if (l->heard) {
		uint64_t gap = now - l->last_ms;

		if (gap > l->max_gap_ms)
			l->max_gap_ms = gap;
	}
	l->heard = true;
	l->last_ms = now;
	l->packets++;
	count_loss(n, mi);
	if (l->st != LINK_UP) {
		l->st = LINK_UP;
		log_info("Link %s:%s up.", n->name, hb.media[mi].name);
		events_emit(EV_LINK_STATUS, ni, mi);
	}
}

/* An echo reply from a ping pseudo-node: its only "status message". */
void membership_ping_heard(int ni, uint64_t now)
{
	struct hb_node *n = &hb.nodes[ni];

	if (n->heard && now - n->last_ms > n->max_gap_ms)
		n->max_gap_ms = now - n->last_ms;
	n->heard = true;
	n->last_ms = now;
	n->packets++;
	if (n->st != ST_PING) {
		n->st = ST_PING;
		log_info("Status update for node %s: status ping", n->name);
		events_emit(EV_NODE_STATUS, ni, -1);
	}
}

void membership_status_msg(int ni, const struct hb_msg *m, unsigned long hg, unsigned long seq)
{
	struct hb_node *n = &hb.nodes[ni];
	const char *st = msg_get(m, "st");
	unsigned long dt, ts = 0;

	if (!st || !*st)
		return;
	/* Only we decide that a node is dead, from its silence. */
	if (strcmp(st, "dead") == 0)
		return;
	msg_get_hex(m, "ts", &ts);
	if (n->have_seq && ts < n->status_ts && seq < n->last_status_seq)
		return;   /* older than what we hold */
	n->status_ts = ts;
	if (msg_get_hex(m, "dt", &dt) && dt > 0)
		n->dt_ms = dt > 3600000UL ? 3600000U : (unsigned)dt;   /* an hour at most */
	if (n->type == NODE_NORMAL && !msg_field(m, "protocol") && hb.flow_control) {
		log_info("flow control disabled due to different version heartbeat");
		hb.flow_control = false;
	}
	if (node_set_status_word(n, st)) {
		log_info("Status update for node %s: status %s", n->name, node_status_name(n));
		events_emit(EV_NODE_STATUS, ni, -1);
	}
}

static void mark_dead(int ni)
{
	struct hb_node *n = &hb.nodes[ni];
	int i;

	n->st = ST_DEAD;
	log_warn("node %s: is dead", n->name);
	if (n->have_seq)
		n->seq_floor = n->last_seq;
	transport_peer_reset(n);
	n->heard_before_death = n->heard;
	n->heard = false;
	for (i = 0; i < hb.nmedia; i++) {
		if (n->links[i].st == LINK_UP) {
			n->links[i].st = LINK_DEAD;
			log_info("Link %s:%s dead.", n->name, hb.media[i].name);
			events_emit(EV_LINK_STATUS, ni, i);
		}
	}
	events_emit(EV_NODE_STATUS, ni, -1);
}

static void comm_now_up(void)
{
	if (hb.comm_up)
		return;
	hb.comm_up = true;
	hb.reqnodes_to = -1;
	log_info("Comm_now_up(): updating status to active");
	membership_set_local_status(ST_ACTIVE);
	events_emit(EV_COMM_UP, -1, -1);
}

static int pick_reqnodes_target(void)
{
	int i;

	for (i = 0; i < hb.nnodes; i++)
		if (i != hb.local && hb.nodes[i].type == NODE_NORMAL &&
		    hb.nodes[i].st != ST_DEAD && hb.nodes[i].heard)
			return i;
	return -1;
}

static void send_reqnodes(int ni, uint64_t now)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "t", "reqnodes");
	msg_add(m, "dest", hb.nodes[ni].name);
	hb.reqnodes_to = ni;
	hb.reqnodes_sent_ms = now;
	transport_send(m, false);
}

static void check_links_up(uint64_t now)
{
	int i, target;

	if (!hb.links_up) {
		for (i = 0; i < hb.nnodes; i++) {
			if (i == hb.local)
				continue;
			if (!hb.nodes[i].heard && hb.nodes[i].st != ST_DEAD)
				return;
		}
		if (hb.cf->autojoin != AUTOJOIN_NONE && now - hb.start_ms < hb.cf->initdead_ms)
			return;
		hb.links_up = true;
	}
	if (hb.comm_up)
		return;
	if (!hb.flow_control) {
		comm_now_up();
		return;
	}
	if (hb.reqnodes_to >= 0 && hb.nodes[hb.reqnodes_to].st != ST_DEAD) {
		if (now - hb.reqnodes_sent_ms >= REQNODES_RETRY_MS)
			send_reqnodes(hb.reqnodes_to, now);
		return;
	}
	target = pick_reqnodes_target();
	if (target < 0)
		comm_now_up();
	else
		send_reqnodes(target, now);
}

void membership_tick(uint64_t now)
{
	int i, j;

	for (i = 0; i < hb.nnodes; i++) {
		struct hb_node *n = &hb.nodes[i];
		unsigned thr = threshold_ms(n);

		if (i == hb.local || n->type == NODE_DELETED)
			continue;
		if (n->st != ST_DEAD) {
			uint64_t since = n->heard ? n->last_ms : MAX(hb.start_ms, n->added_ms);

			if (now - since > thr) {
				mark_dead(i);
				continue;
			}
		}
		for (j = 0; j < hb.nmedia; j++) {
			struct hb_link *l = &n->links[j];

			if (l->st == LINK_UP && now - l->last_ms > thr) {
				l->st = LINK_DEAD;
				log_info("Link %s:%s dead.", n->name, hb.media[j].name);
				events_emit(EV_LINK_STATUS, i, j);
			}
		}
	}
	check_links_up(now);
}

void membership_reqnodes(int ni, const struct hb_msg *m)
{
	struct hb_msg *r = msg_new();
	GString *list = g_string_new(NULL);
	int i;

	for (i = 0; i < hb.nnodes; i++)
		if (hb.nodes[i].type == NODE_NORMAL)
			g_string_append_printf(list, "%s ", hb.nodes[i].name);
	/* dest first, as the original writes it */
	msg_add(r, "dest", hb.nodes[ni].name);
	msg_add(r, "t", "repnodes");
	msg_add(r, "nodelist", list->str);
	msg_add(r, "delnodelist", node_admin_deleted_list(list));
	g_string_free(list, TRUE);
	transport_send(r, false);
}

void membership_repnodes(int ni, const struct hb_msg *m)
{
	const char *list = msg_get(m, "nodelist");

	/* only the answer to our own question, once */
	if (hb.comm_up || !hb.links_up || ni != hb.reqnodes_to)
		return;
	/* As the original, even without autojoin: the peer's list carries
	 * the nodes hb_addnode added (and hb_delnode deleted) while we were
	 * away. */
	if (list) {
		char **names = g_strsplit(list, " ", -1);
		int i;

		for (i = 0; names[i]; i++)
			if (names[i][0] && strlen(names[i]) < CONF_HOSTLEN && node_find(names[i]) < 0 &&
			    !node_admin_is_deleted(names[i]) && node_add(names[i], NODE_NORMAL) >= 0) {
				hb.nodes[node_find(names[i])].added_ms = clock_ms();
				log_info("Adding node %s (in %s's node list)", names[i], hb.nodes[ni].name);
			}
		g_strfreev(names);
	}
	node_admin_apply_deleted(msg_get(m, "delnodelist"));
	comm_now_up();
}

void membership_shutdone(int ni, const struct hb_msg *m)
{
	hb.nodes[ni].shutdown_notice = true;
	log_info("Received shutdown notice from '%s'.", hb.nodes[ni].name);
}
