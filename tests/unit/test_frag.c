/* Unit tests of heartbeat/frag.c through the daemon fixture: a packet too big
 * for one datagram goes out in signed NS_hbfrag pieces; the pieces, from a
 * peer, in any order and with copies from a second medium, join into the
 * packet, which transport_receive then accepts like any other; bad, partial
 * and inconsistent pieces deliver nothing and never crash. */
#include "check.h"
#include "daemon_fixture.h"
#include "frag.h"
#include "clock.h"
#include "wire.h"

static uint64_t now = 1000000;

static void setup(void)
{
	fx_setup("node n1 n2\nbcast eth0\nkeepalive 1\ndeadtime 10\ninitdead 20\n");
	clock_set_fake(&now);
	membership_start();
	fx_clear();
}

/* A signed packet from n2, seq 1, with size bytes of incompressible data. */
static GString *big_packet(size_t size)
{
	struct hb_msg *m = msg_new();
	GString *w = g_string_new(NULL);
	guint8 *b = g_malloc(size);
	GRand *r = g_rand_new_with_seed(3);
	for (size_t i = 0; i < size; i++)
		b[i] = (guint8)g_rand_int(r);
	g_rand_free(r);
	msg_add(m, "t", "cz_big");
	msg_add(m, "src", "n2");
	msg_add(m, "seq", "1");
	msg_add(m, "hg", "5");
	msg_add(m, "ts", "6b0682d6");
	msg_add_bin(m, "data", b, size);
	wire_encode(&hb.keys, m, MSG_FMT_NETSTRING, false, false, w);
	g_free(b);
	msg_free(m);
	return w;
}

/* Re-sign piece i of what frag_send recorded as coming from n2 and deliver it. */
static void deliver_piece(guint i, const char *src)
{
	struct hb_msg *p = msg_copy(g_ptr_array_index(fx_sent, i));
	GString *w = g_string_new(NULL);
	msg_mod(p, "src", src);
	wire_encode(&hb.keys, p, MSG_FMT_NETSTRING, false, false, w);
	transport_receive(0, w->str, w->len);
	g_string_free(w, TRUE);
	msg_free(p);
}

static unsigned long n2_packets(void)
{
	return hb.nodes[node_find("n2")].packets;
}

static void test_split_and_join(void)
{
	setup();
	GString *pkt = big_packet(150000);
	CHECK(pkt->len > FRAG_LIMIT && pkt->len < MSG_MAXMSG);
	CHECK_INT(frag_send(&hb.media[0], pkt->str, pkt->len, "n2"), 0);
	guint n = fx_sent->len;
	CHECK_INT(n, 3);
	for (guint i = 0; i < n; i++) {
		const struct hb_msg *p = g_ptr_array_index(fx_sent, i);
		CHECK_STR(msg_get(p, "t"), FRAG_TYPE);
		CHECK_STR(msg_get(p, "dest"), "n2");
		CHECK(msg_get(p, "seq") == NULL); /* NS_: never sequenced */
	}
	/* the pieces are for n2, we are n1: they must not join here */
	unsigned long before = n2_packets();
	for (guint i = 0; i < n; i++)
		deliver_piece(i, "n2");
	CHECK_INT(n2_packets(), before + 0);
	/* addressed to us: pieces in reverse order, the middle one twice */
	for (guint i = 0; i < n; i++) {
		struct hb_msg *p = g_ptr_array_index(fx_sent, i);
		msg_mod(p, "dest", "n1");
		msg_mod(p, "frag_id", "77");
	}
	deliver_piece(2, "n2");
	deliver_piece(1, "n2");
	deliver_piece(1, "n2");
	CHECK_INT(n2_packets(), before);
	deliver_piece(0, "n2");
	CHECK(n2_packets() > before);
	CHECK_INT(hb.nodes[node_find("n2")].last_seq, 1);
	/* the same pieces again (another medium): no second join */
	unsigned long joined = n2_packets();
	for (guint i = 0; i < n; i++)
		deliver_piece(i, "n2");
	CHECK_INT(hb.drops[DROP_MALFORMED], 0);
	CHECK(n2_packets() >= joined);
	g_string_free(pkt, TRUE);
	fx_teardown();
}

/* A piece from n2 with binary frag_data, as frag_send makes them. */
static void piece(const char *id, const char *no, const char *count, const char *data)
{
	struct hb_msg *m = msg_new();
	GString *w = g_string_new(NULL);
	msg_add(m, "t", FRAG_TYPE);
	msg_add(m, "src", "n2");
	msg_add(m, "hg", "5");
	msg_add(m, "ts", "6b0682d6");
	msg_add(m, "frag_id", id);
	msg_add(m, "frag_no", no);
	msg_add(m, "frag_count", count);
	msg_add_bin(m, "frag_data", data, strlen(data));
	wire_encode(&hb.keys, m, MSG_FMT_NETSTRING, false, false, w);
	transport_receive(0, w->str, w->len);
	g_string_free(w, TRUE);
	msg_free(m);
}

static void test_bad_pieces(void)
{
	setup();
	unsigned long before = n2_packets();
	/* count out of range, number past count, empty data, count changing */
	fx_deliverv("n2", FRAG_TYPE, 0, 5, "frag_id", "1", "frag_no", "0", "frag_count", "999",
		    "frag_data", "x", NULL);
	fx_deliverv("n2", FRAG_TYPE, 0, 5, "frag_id", "2", "frag_no", "3", "frag_count", "2",
		    "frag_data", "x", NULL);
	fx_deliverv("n2", FRAG_TYPE, 0, 5, "frag_id", "3", "frag_no", "0", "frag_count", "2", NULL);
	fx_deliverv("n2", FRAG_TYPE, 0, 5, "frag_id", "4", "frag_no", "0", "frag_count", "2",
		    "frag_data", "###\n", NULL);
	fx_deliverv("n2", FRAG_TYPE, 0, 5, "frag_id", "4", "frag_no", "1", "frag_count", "3",
		    "frag_data", "x", NULL);
	/* a complete join of junk is a malformed packet, counted as such */
	piece("5", "0", "2", "junk");
	piece("5", "1", "2", "junk");
	CHECK_INT(hb.drops[DROP_MALFORMED], 1);
	/* the count changing inside one join: the odd piece is ignored */
	piece("6", "0", "2", "###\n");
	piece("6", "1", "3", "%%%\n");
	CHECK_INT(hb.drops[DROP_MALFORMED], 1);
	/* many joins at once: the oldest give way, nothing grows */
	char id[16];
	for (int i = 0; i < 100; i++) {
		snprintf(id, sizeof id, "%x", 100 + i);
		fx_deliverv("n2", FRAG_TYPE, 0, 5, "frag_id", id, "frag_no", "0", "frag_count", "2",
			    "frag_data", "x", NULL);
	}
	now += 20000;
	frag_expire(now);
	CHECK(n2_packets() >= before);
	fx_teardown();
}

int main(void)
{
	test_split_and_join();
	test_bad_pieces();
	return T_DONE();
}
