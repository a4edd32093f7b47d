/* The daemon's event registry (events.c), the routing table (routes.c) and
 * the node table (nodes.c): listeners hear events in subscription order,
 * once each; membership emits what a peer's packets change; the table says
 * which types clients may send and which run rc.d scripts; node entries
 * never move and status words round-trip. */
#include <stdlib.h>
#include "check.h"
#include "daemon_fixture.h"
#include "clock.h"
#include "events.h"
#include "routes.h"
#include "log.h"

static uint64_t now = 2000000;
static GString *heard;

static void listen_a(const struct event *e, void *data)
{
	g_string_append_printf(heard, "a%d:%d:%d ", (int)e->type, e->ni, e->mi);
}

static void listen_b(const struct event *e, void *data)
{
	g_string_append_printf(heard, "b%s ", (const char *)data);
}

static void unsubscribe_b(const struct event *e, void *data)
{
	g_string_append(heard, "u ");
	events_unsubscribe(EV_COMM_UP, listen_b, "1");
}

static void test_registry(void)
{
	heard = g_string_new(NULL);
	events_reset();
	events_subscribe(EV_NODE_STATUS, listen_a, NULL);
	events_subscribe(EV_NODE_STATUS, listen_b, "1");
	events_subscribe(EV_NODE_STATUS, listen_a, NULL);     /* again: still once */
	events_subscribe(EV_NODE_STATUS, listen_b, "2");      /* other data: another listener */
	events_emit(EV_NODE_STATUS, 3, -1);
	CHECK_STR(heard->str, "a0:3:-1 b1 b2 ");
	g_string_truncate(heard, 0);
	events_emit(EV_LINK_STATUS, 1, 0);                    /* nobody listens */
	CHECK_STR(heard->str, "");
	events_unsubscribe(EV_NODE_STATUS, listen_b, "1");
	events_emit(EV_NODE_STATUS, 1, -1);
	CHECK_STR(heard->str, "a0:1:-1 b2 ");
	/* a listener unsubscribing another mid-delivery: this round still
	 * reaches everyone, the next does not */
	g_string_truncate(heard, 0);
	events_subscribe(EV_COMM_UP, unsubscribe_b, NULL);
	events_subscribe(EV_COMM_UP, listen_b, "1");
	events_emit(EV_COMM_UP, -1, -1);
	events_emit(EV_COMM_UP, -1, -1);
	CHECK_STR(heard->str, "u b1 u ");
	events_reset();
	g_string_truncate(heard, 0);
	events_emit(EV_NODE_STATUS, 1, -1);
	CHECK_STR(heard->str, "");
}

static void node_listener(const struct event *e, void *data)
{
	const struct hb_node *n = &hb.nodes[e->ni];

	if (e->type == EV_LINK_STATUS)
		g_string_append_printf(heard, "link:%s:%d=%s ", n->name, e->mi, link_status_name(n->links[e->mi].st));
	else
		g_string_append_printf(heard, "%s:%s=%s ", e->type == EV_NODE_STATUS ? "node" : "other", n->name,
				       node_status_name(n));
}

static void healed_listener(const struct event *e, void *data)
{
	g_string_append_printf(heard, "healed:%s ", hb.nodes[e->ni].name);
}

/* What a peer's packets make membership and transport emit. */
static void test_membership_emits(void)
{
	fx_setup("node n1 n2\nbcast eth0\nkeepalive 1\ndeadtime 10\ninitdead 20\n");
	clock_set_fake(&now);
	hb.comm_up = true;           /* deadtime, not initdead */
	g_string_truncate(heard, 0);
	events_subscribe(EV_NODE_STATUS, node_listener, NULL);
	events_subscribe(EV_LINK_STATUS, node_listener, NULL);
	events_subscribe(EV_PARTITION_HEALED, healed_listener, NULL);
	fx_deliver("n2", "status", 1, 5, "st", "up", "protocol", "1");
	CHECK_STR(heard->str, "link:n2:0=up node:n2=up ");
	g_string_truncate(heard, 0);
	fx_deliver("n2", "status", 2, 5, "st", "up", "protocol", "1");   /* no change: no event */
	CHECK_STR(heard->str, "");
	fx_deliver("n2", "status", 3, 5, "st", "active", "protocol", "1");
	CHECK_STR(heard->str, "node:n2=active ");
	/* a word we do not know is kept as sent */
	g_string_truncate(heard, 0);
	fx_deliver("n2", "status", 4, 5, "st", "weird", "protocol", "1");
	CHECK_STR(heard->str, "node:n2=weird ");
	CHECK_INT(hb.nodes[node_find("n2")].st, ST_OTHER);
	fx_deliver("n2", "status", 5, 5, "st", "active", "protocol", "1");
	/* silence: the link dies with the node, then the node */
	g_string_truncate(heard, 0);
	now += 11000;
	membership_tick(now);
	CHECK_STR(heard->str, "link:n2:0=dead node:n2=dead ");
	/* the same generation back: a partition healed */
	g_string_truncate(heard, 0);
	fx_deliver("n2", "status", 9, 5, "st", "active", "protocol", "1");
	CHECK(strstr(heard->str, "healed:n2 ") == heard->str);
	CHECK(strstr(heard->str, "node:n2=active") != NULL);
	fx_teardown();
}

static void test_routes(void)
{
	static const char *const daemons_only[] = { "status", "STATUS", "NS_ackmsg", "ns_rexmit", "reqnodes",
		"repnodes", "shutdone", "starting", "resource", "ip-request", "ip-request-resp", "stonith",
		"hbapi-clstat", "query-cstatus", "respond-cstatus", NULL };
	static const char *const clients_may[] = { "ask_resources", "hb_takeover", "num_ping_nodes",
		"you_are_dead", "abort_giveup", "crmd", "cib", "mymsg", NULL };
	const struct route *r;
	int i;

	for (i = 0; daemons_only[i]; i++)
		if (route_client_may_send(daemons_only[i]))
			CHECK_STR(daemons_only[i], "(clients may not send this)");
	for (i = 0; clients_may[i]; i++)
		CHECK(route_client_may_send(clients_may[i]));
	CHECK(!route_client_may_send(NULL));
	/* the daemon's own protocol runs no rc.d script of that name */
	r = route_find("ip-request");
	CHECK(r && (r->flags & ROUTE_NO_SCRIPT) && (r->flags & ROUTE_PEERS_ONLY));
	r = route_find("ask_resources");
	CHECK(r && (r->flags & ROUTE_NO_SCRIPT) && !(r->flags & ROUTE_PEERS_ONLY));
	r = route_find("stonith");
	CHECK(r && !(r->flags & ROUTE_NO_SCRIPT));
	r = route_find("status");
	CHECK(r && (r->flags & ROUTE_NO_CLIENTS));
	CHECK(route_find("mymsg") == NULL);
	CHECK(route_find("NS_st") == route_find("NS_ackmsg"));
}

static void test_node_table(void)
{
	struct hb_node *first;
	int i;

	fx_setup("node n1 n2\nbcast eth0\n");
	first = &hb.nodes[node_find("n2")];
	/* up to the limit, nothing moves */
	for (i = 0; hb.nnodes < hb.nodes_cap; i++) {
		char name[32];

		snprintf(name, sizeof name, "x%d", i);
		CHECK(node_add(name, NODE_NORMAL) >= 0);
	}
	CHECK_INT(hb.nnodes, CONF_MAXNODES);
	CHECK(node_add("onemore", NODE_NORMAL) < 0);
	CHECK(first == &hb.nodes[node_find("n2")]);
	CHECK_STR(first->name, "n2");
	CHECK(node_add("n2", NODE_NORMAL) == node_find("n2"));   /* known: same entry */
	/* status words */
	CHECK_STR(node_status_name(first), "init");
	CHECK(node_set_status_word(first, "active"));
	CHECK(!node_set_status_word(first, "active"));
	CHECK_INT(first->st, ST_ACTIVE);
	CHECK(node_is_live(first));
	CHECK(node_set_status_word(first, "dead"));
	CHECK(!node_is_live(first));
	CHECK(node_set_status_word(first, "odd"));
	CHECK(node_set_status_word(first, "odder"));
	CHECK_STR(node_status_name(first), "odder");
	CHECK_STR(status_word(ST_PING), "ping");
	CHECK_STR(link_status_name(LINK_UP), "up");
	CHECK_STR(link_status_name(LINK_DEAD), "dead");
	fx_teardown();
}

int main(void)
{
	struct log_settings ls = { .ident = "test_events", .facility = -1 };

	log_setup(&ls);
	test_registry();
	test_membership_emits();
	test_routes();
	test_node_table();
	g_string_free(heard, TRUE);
	return T_DONE();
}
