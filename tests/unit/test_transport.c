/* Transport and membership state machines, driven with signed packets and
 * a fake clock: sequencing, dedup, replay, retransmission, acks, drop
 * counters, dead detection, link status and the comm-up handshake.  A fake
 * medium records what the daemon would have put on the wire. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "daemon_fixture.h"
#include "clock.h"
#include "wire.h"
#include "log.h"

static uint64_t now = 1000000;

static void setup(const char *nodes_line)
{
	char text[512];

	snprintf(text, sizeof text, "%s\nbcast eth0\nkeepalive 1\ndeadtime 10\ninitdead 20\n", nodes_line);
	fx_setup(text);
	clock_set_fake(&now);
	membership_start();
	fx_clear();
}

#define deliver fx_deliver
#define count_sent fx_count
#define last_sent fx_last
#define sent fx_sent

static void status(unsigned long seq, unsigned long hg, const char *st)
{
	deliver("n2", "status", seq, hg, "st", st, "protocol", "1");
}

static void test_start(void)
{
	const struct hb_msg *m;

	setup("node n1 n2");
	membership_send_status();
	m = last_sent("status");
	CHECK(m != NULL);
	if (!m)
		return;
	CHECK_STR(msg_get(m, "st"), "up");
	CHECK_STR(msg_get(m, "protocol"), "1");
	CHECK_STR(msg_get(m, "src"), "n1");
	CHECK_STR(msg_get(m, "hg"), "100");
	CHECK_STR(msg_get(m, "ttl"), "3");
	/* first 5 s: deadtime + 2 s advertised */
	CHECK_STR(msg_get(m, "dt"), "2ee0");
	now += 6000;
	membership_send_status();
	CHECK_STR(msg_get(last_sent("status"), "dt"), "2710");
}

static void test_sequence(void)
{
	struct hb_node *n;

	setup("node n1 n2");
	n = &hb.nodes[node_find("n2")];
	status(1, 5, "up");
	CHECK_STR(node_status_name(n), "up");
	CHECK(n->have_seq);
	CHECK_INT(n->last_seq, 1);
	CHECK_INT(n->generation, 5);
	CHECK(n->links[0].st == LINK_UP);
	/* the same packet over a second medium: duplicate, not an error */
	status(1, 5, "up");
	CHECK_INT(hb.dup_packets, 1);
	status(2, 5, "active");
	CHECK_STR(node_status_name(n), "active");
	/* a gap: 3 and 4 missing */
	status(5, 5, "active");
	CHECK_INT(n->nmissing, 2);
	CHECK_INT(n->last_seq, 5);
	now += 300;
	transport_tick(now);
	CHECK_INT(count_sent("NS_rexmit"), 2);
	CHECK_STR(msg_get(last_sent("NS_rexmit"), "dest"), "n2");
	/* decimal range, one seq per request */
	CHECK(strcmp(msg_get(last_sent("NS_rexmit"), "firstseq"), "3") == 0 ||
	      strcmp(msg_get(last_sent("NS_rexmit"), "firstseq"), "4") == 0);
	status(3, 5, "active");
	status(4, 5, "active");
	CHECK_INT(n->nmissing, 0);
	/* an old copy is a duplicate too */
	status(2, 5, "active");
	CHECK_INT(hb.dup_packets, 2);
	/* NAK removes a missing seq */
	status(8, 5, "active");
	CHECK_INT(n->nmissing, 2);
	deliver("n2", "NS_nak_rexmit", 0, 5, "firstseq", "6", "dest", "n1");
	CHECK_INT(n->nmissing, 1);
}

static void test_replay_and_restart(void)
{
	struct hb_node *n;

	setup("node n1 n2");
	n = &hb.nodes[node_find("n2")];
	status(1, 10, "active");
	status(2, 10, "active");
	status(3, 9, "active");     /* older generation */
	CHECK_INT(hb.drops[DROP_REPLAY], 1);
	CHECK_INT(n->last_seq, 2);
	status(1, 11, "init");      /* restart: tracking reset, accepted */
	CHECK_INT(n->generation, 11);
	CHECK_INT(n->last_seq, 1);
	CHECK_STR(node_status_name(n), "init");
	/* a non-status message never raises the generation */
	deliver("n2", "resource", 2, 12, "rsc_hold", "none", NULL, NULL);
	CHECK_INT(n->generation, 11);
}

static void test_bad_input(void)
{
	static const char junk[] = "###\n5:(0)t=x,%%%\n";
	char forged[1024];
	struct hb_msg *m = msg_new();
	GString *w = g_string_new(NULL);
	struct auth_keys other;
	char err[128];
	unsigned long before;

	setup("node n1 n2");
	transport_receive(0, junk, sizeof junk - 1);
	CHECK(hb.drops[DROP_MALFORMED] + hb.drops[DROP_NOAUTH] == 1);
	transport_receive(0, "", 0);
	CHECK(hb.drops[DROP_MALFORMED] + hb.drops[DROP_NOAUTH] == 2);
	/* signed with another key */
	auth_parse("auth 1\n1 sha1 wrong\n", 20, "authkeys", &other, err, sizeof err);
	msg_add(m, "t", "status");
	msg_add(m, "st", "up");
	msg_add(m, "src", "n2");
	msg_add(m, "seq", "1");
	msg_add(m, "ts", "6b0682d6");
	wire_encode(&other, m, MSG_FMT_NETSTRING, false, false, w);
	before = hb.drops[DROP_BADAUTH];
	transport_receive(0, w->str, w->len);
	CHECK_INT(hb.drops[DROP_BADAUTH], before + 1);
	CHECK_STR(node_status_name(&hb.nodes[node_find("n2")]), "init");
	/* correctly signed but tampered after signing */
	g_string_truncate(w, 0);
	wire_encode(&hb.keys, m, MSG_FMT_NETSTRING, false, false, w);
	memcpy(forged, w->str, w->len);
	forged[20] ^= 1;
	before = hb.drops[DROP_BADAUTH] + hb.drops[DROP_MALFORMED];
	transport_receive(0, forged, w->len);
	CHECK_INT(hb.drops[DROP_BADAUTH] + hb.drops[DROP_MALFORMED], before + 1);
	/* unknown node */
	deliver("intruder", "status", 1, 1, "st", "up", NULL, NULL);
	CHECK_INT(hb.drops[DROP_UNKNOWN_NODE], 1);
	/* missing seq */
	deliver("n2", "status", 0, 1, "st", "up", NULL, NULL);
	CHECK_INT(hb.drops[DROP_BADSEQ], 1);
	auth_clear(&other);
	msg_free(m);
	g_string_free(w, TRUE);
}

static void test_rexmit_responder(void)
{
	struct hb_msg *m;
	const struct hb_msg *r;
	int i;

	setup("node n1 n2");
	status(1, 5, "active");
	for (i = 0; i < 3; i++) {
		m = msg_new();
		msg_add(m, "t", "test");
		msg_addf(m, "n", "%d", i);
		transport_send(m, false);
	}
	g_ptr_array_set_size(sent, 0);
	deliver("n2", "NS_rexmit", 0, 5, "dest", "n1", "firstseq", "2");
	/* lastseq missing: ignored */
	CHECK_INT(sent->len, 0);
	{
		struct hb_msg *q = msg_new();
		GString *w = g_string_new(NULL);
		char buf[16];

		msg_add(q, "t", "NS_rexmit");
		msg_add(q, "dest", "n1");
		snprintf(buf, sizeof buf, "%lu", hb.seq - 1);
		msg_add(q, "firstseq", buf);
		msg_add(q, "lastseq", buf);
		msg_add(q, "src", "n2");
		msg_add(q, "hg", "5");
		msg_add(q, "ts", "6b0682d6");
		wire_encode(&hb.keys, q, MSG_FMT_NETSTRING, false, false, w);
		transport_receive(0, w->str, w->len);
		CHECK_INT(count_sent("test"), 1);
		r = last_sent("test");
		CHECK(r && strcmp(msg_get(r, "n"), "1") == 0);
		/* asked again at once: not resent within 240 ms */
		transport_receive(0, w->str, w->len);
		CHECK_INT(count_sent("test"), 1);
		now += 300;
		transport_receive(0, w->str, w->len);
		CHECK_INT(count_sent("test"), 2);
		msg_free(q);
		g_string_free(w, TRUE);
	}
}

static void test_acks(void)
{
	struct hb_node *n;
	unsigned long s;

	setup("node n1 n2");
	n = &hb.nodes[node_find("n2")];
	for (s = 1; s <= 12; s++)
		status(s, 5, "active");
	/* exactly one seq in 1..10 has the peer's residue, plus maybe 11 or 12 */
	CHECK(count_sent("NS_ackmsg") >= 1 && count_sent("NS_ackmsg") <= 2);
	CHECK_STR(msg_get(last_sent("NS_ackmsg"), "dest"), "n2");
	/* a status without "protocol" switches flow control off */
	deliver("n2", "status", 13, 5, "st", "active", NULL, NULL);
	CHECK(!hb.flow_control);
	g_ptr_array_set_size(sent, 0);
	for (s = 14; s <= 30; s++)
		status(s, 5, "active");
	CHECK_INT(count_sent("NS_ackmsg"), 0);
	(void)n;
}

static void test_dead_and_links(void)
{
	struct hb_node *n;

	setup("node n1 n2");
	n = &hb.nodes[node_find("n2")];
	status(1, 5, "up");
	now += 500;
	membership_tick(now);
	/* links up: reqnodes to n2 */
	CHECK_INT(count_sent("reqnodes"), 1);
	CHECK(!hb.comm_up);
	deliver("n2", "repnodes", 2, 5, "nodelist", "n1 n2 ", "dest", "n1");
	CHECK(hb.comm_up);
	CHECK_STR(status_word(hb.status), "active");
	/* the peer advertises 3 s */
	deliver("n2", "status", 3, 5, "st", "active", "dt", "bb8");
	CHECK_INT(n->dt_ms, 3000);
	now += 2900;
	membership_tick(now);
	CHECK_STR(node_status_name(n), "active");
	now += 200;
	membership_tick(now);
	CHECK_STR(node_status_name(n), "dead");
	CHECK(n->links[0].st == LINK_DEAD);
	/* late heartbeat brings it back; the gap is remembered */
	status(4, 5, "active");
	CHECK_STR(node_status_name(n), "active");
	CHECK(n->links[0].st == LINK_UP);
	/* answer to its reqnodes lists every normal node */
	g_ptr_array_set_size(sent, 0);
	deliver("n2", "reqnodes", 5, 5, "dest", "n1", NULL, NULL);
	CHECK_STR(msg_get(last_sent("repnodes"), "nodelist"), "n1 n2 ");
	CHECK_STR(msg_get(last_sent("repnodes"), "delnodelist"), " ");
	CHECK_STR(msg_get(last_sent("repnodes"), "dest"), "n2");
}

static void test_alone(void)
{
	setup("node n1 n2");
	/* nobody answers: the peer is dead after initdead, comm comes up alone */
	now += 19000;
	membership_tick(now);
	CHECK(!hb.comm_up);
	now += 1100;
	membership_tick(now);
	CHECK_STR(node_status_name(&hb.nodes[node_find("n2")]), "dead");
	membership_tick(now);
	CHECK(hb.comm_up);
	CHECK_INT(count_sent("reqnodes"), 0);
}

static void test_max_gap(void)
{
	struct hb_node *n;

	setup("node n1 n2");
	n = &hb.nodes[node_find("n2")];
	status(1, 5, "up");
	now += 1000;
	status(2, 5, "up");
	now += 4000;
	status(3, 5, "up");
	now += 1000;
	status(4, 5, "up");
	CHECK_INT(n->max_gap_ms, 4000);
	CHECK_INT(n->links[0].max_gap_ms, 4000);
}

static void test_hostile(void)
{
	struct hb_node *n;
	unsigned long before;
	int i;

	setup("node n1 n2");
	n = &hb.nodes[node_find("n2")];
	status(1, 5, "active");
	for (i = 0; i < 600; i++) {
		struct hb_msg *m = msg_new();
		msg_add(m, "t", "test");
		transport_send(m, false);
	}
	fx_clear();
	/* a huge range below our history: one NAK, at most 50 resends */
	deliver("n2", "NS_rexmit", 0, 5, "dest", "n1", "firstseq", "1");
	{
		struct hb_msg *m = msg_new();
		GString *w = g_string_new(NULL);

		msg_add(m, "t", "NS_rexmit");
		msg_add(m, "dest", "n1");
		msg_add(m, "firstseq", "1");
		msg_add(m, "lastseq", "99000");
		msg_add(m, "src", "n2");
		msg_add(m, "hg", "5");
		msg_add(m, "ts", "6b0682d6");
		wire_encode(&hb.keys, m, MSG_FMT_NETSTRING, false, false, w);
		transport_receive(0, w->str, w->len);
		msg_free(m);
		g_string_free(w, TRUE);
	}
	CHECK_INT(fx_count("NS_nak_rexmit"), 1);
	CHECK(fx_count("test") <= 50);

	/* after it died, an old message of the same generation is not accepted */
	status(2, 5, "active");
	status(3, 5, "active");
	now += 25000;
	membership_tick(now);
	CHECK_STR(node_status_name(n), "dead");
	before = hb.drops[DROP_STALE];
	deliver("n2", "hb_takeover", 2, 5, "rsc_hold", "all", NULL, NULL);
	CHECK_INT(hb.drops[DROP_STALE], before + 1);
	/* nor does an old-generation packet change what we know of it */
	{
		unsigned char keep[16];
		memcpy(keep, n->uuid, 16);
		status(9, 4, "active");
		CHECK(memcmp(keep, n->uuid, 16) == 0);
	}
	/* a replayed NS_ packet of an older generation keeps nothing alive */
	status(10, 6, "active");
	before = hb.drops[DROP_REPLAY];
	deliver("n2", "NS_ackmsg", 0, 5, "dest", "n1", "ackseq", "1");
	CHECK_INT(hb.drops[DROP_REPLAY], before + 1);
	/* a packet claiming our own uuid under another name */
	before = hb.drops[DROP_UNKNOWN_NODE];
	{
		struct hb_msg *m = msg_new();
		GString *w = g_string_new(NULL);

		msg_add(m, "t", "status");
		msg_add(m, "src", "n2");
		msg_add_bin(m, "srcuuid", hb.uuid, 16);
		msg_add(m, "seq", "20");
		msg_add(m, "hg", "6");
		msg_add(m, "ts", "6b0682d6");
		wire_encode(&hb.keys, m, MSG_FMT_NETSTRING, false, false, w);
		transport_receive(0, w->str, w->len);
		msg_free(m);
		g_string_free(w, TRUE);
	}
	CHECK_INT(hb.drops[DROP_UNKNOWN_NODE], before + 1);
}

/* Two media, the second carrying two packets in three: after a window of
 * LOSS_WINDOW it is reported lossy (33 %), and recovered once it carries
 * them all. */
static void test_lossy_link(void)
{
	struct hb_node *n;
	unsigned long seq;

	setup("node n1 n2");
	hb.nmedia = 2;
	hb.media[1] = hb.media[0];
	strcpy(hb.media[1].name, "eth1");
	n = &hb.nodes[node_find("n2")];
	for (seq = 1; seq <= 150; seq++) {
		now += 100;
		fx_medium = 0;
		status(seq, 5, "up");
		if (seq % 3) {
			fx_medium = 1;
			status(seq, 5, "up");
		}
	}
	CHECK(n->links[1].lossy);
	CHECK(n->links[1].loss_pct >= 26 && n->links[1].loss_pct <= 36);
	CHECK(!n->links[0].lossy);
	CHECK_INT(n->links[0].loss_pct, 0);
	for (; seq <= 400; seq++) {
		now += 100;
		fx_medium = 0;
		status(seq, 5, "up");
		fx_medium = 1;
		status(seq, 5, "up");
	}
	CHECK(!n->links[1].lossy);
	CHECK_INT(n->links[1].loss_pct, 0);
	fx_medium = 0;
}

int main(void)
{
	struct log_settings ls = { .ident = "test", .facility = -1 };

	log_setup(&ls);
	test_start();
	test_sequence();
	test_replay_and_restart();
	test_bad_input();
	test_rexmit_responder();
	test_acks();
	test_dead_and_links();
	test_alone();
	test_max_gap();
	test_lossy_link();
	test_hostile();
	fx_teardown();
	return T_DONE();
}
