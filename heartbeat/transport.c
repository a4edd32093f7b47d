/* Sequencing and reliability: control fields on the way out, the
 * retransmission history, and on the way in the replay check, per-peer
 * sequence tracking, dedup across media, NS_rexmit / NS_ackmsg / NS_nak_rexmit.
 * Every packet is verified (wire.c) before anything here trusts a field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "daemon.h"
#include "log.h"
#include "clock.h"
#include "wire.h"
#include "events.h"
#include "compress.h"
#include "frag.h"

#define REXMIT_MIN_INTERVAL_MS 240
#define REXMIT_MAX_PER_REQUEST 50
#define DROP_LOG_INTERVAL_MS 5000

static const char *drop_names[DROP__COUNT] = {
	"malformed", "too big", "no authentication", "bad authentication", "bad compressed payload",
	"missing t/src/ts", "unknown node", "replay (old generation)", "bad sequence number",
	"stale",
};

const char *drop_reason_name(enum drop_reason r)
{
	return r < DROP__COUNT ? drop_names[r] : "?";
}

void transport_count_drop(enum drop_reason r, const char *src, int mi, const char *detail)
{
	uint64_t now = clock_ms();

	hb.drops[r]++;
	/* One line per reason every few seconds: a flood of forged packets must not
	 * turn into a flood of log writes on the heartbeat path. */
	if (hb.last_drop_log_ms[r] && now - hb.last_drop_log_ms[r] < DROP_LOG_INTERVAL_MS) {
		hb.drops_unlogged[r]++;
		return;
	}
	log_warn("Dropped packet from %s on %s: %s%s%s (%lu more since last report)",
		 src ? src : mi >= 0 && hb.media[mi].classic ? "the serial line" : "an unknown sender",
		 mi >= 0 ? hb.media[mi].name : "local", drop_names[r],
		 detail ? ": " : "", detail ? detail : "", hb.drops_unlogged[r]);
	hb.drops_unlogged[r] = 0;
	hb.last_drop_log_ms[r] = now;
}

static bool is_ns_type(const char *t)
{
	return strncasecmp(t, "NS_", 3) == 0;
}

/* ---- outbound ---- */

/* The load average rides on every sequenced message; reading /proc once a
 * second is enough for a number that is only informational. */
static void read_loadavg(char *out, size_t len)
{
	static char cached[128] = "n/a";
	static uint64_t read_at;
	uint64_t now = clock_ms();
	FILE *f;

	if (!read_at || now - read_at >= 1000) {
		read_at = now;
		f = fopen("/proc/loadavg", "r");
		if (f) {
			if (fgets(cached, sizeof cached, f))
				cached[strcspn(cached, "\n")] = 0;
			fclose(f);
		}
	}
	snprintf(out, len, "%s", cached);
}

static void set_default(struct hb_msg *m, const char *name, const char *val, bool keep)
{
	if (keep && msg_field(m, name))
		return;
	msg_mod(m, name, val);
}

/* The fields the original's add_control_msg_fields adds, in its order. */
static void add_control_fields(struct hb_msg *m, bool ns)
{
	const char *dest = msg_get(m, "dest");
	char buf[128];
	int di;

	if (dest && (di = node_find(dest)) >= 0 && hb.nodes[di].has_uuid)
		msg_mod_bin(m, "destuuid", hb.nodes[di].uuid, 16);
	set_default(m, "src", hb.localname, ns);
	if (!(ns && msg_field(m, "srcuuid")))
		msg_mod_bin(m, "srcuuid", hb.uuid, 16);
	if (!ns) {
		snprintf(buf, sizeof buf, "%lx", ++hb.seq);
		msg_mod(m, "seq", buf);
	}
	snprintf(buf, sizeof buf, "%lx", hb.generation);
	set_default(m, "hg", buf, ns);
	snprintf(buf, sizeof buf, "%lx", (unsigned long)time(NULL));
	set_default(m, "ts", buf, ns);
	if (!ns) {
		read_loadavg(buf, sizeof buf);
		msg_mod(m, "ld", buf);
	}
	snprintf(buf, sizeof buf, "%d", hb.nnodes + hb.cf->hopfudge);
	set_default(m, "ttl", buf, ns);
}

/* Returns false when the message could not be encoded for any medium. */
static bool send_on_media(const struct hb_msg *m)
{
	GString *ns = NULL, *cl = NULL;
	bool any = hb.nmedia == 0;
	int i;

	for (i = 0; i < hb.nmedia; i++) {
		struct medium *md = &hb.media[i];
		GString **enc = md->classic ? &cl : &ns;

		if (!*enc) {
			*enc = g_string_new(NULL);
			/* Netstring everywhere but serial, as 3.0.6 with glue >= 1.0.10;
			 * with msgfmt classic it also carries the inner auth field. */
			if (wire_encode(&hb.keys, m, md->classic ? MSG_FMT_CLASSIC : MSG_FMT_NETSTRING,
					!hb.cf->msgfmt_netstring, false, *enc) < 0) {
				/* the original has no fragmentation: too big even
				 * compressed is refused, and said so with its size */
				log_err("cannot send message t=%s: %zu bytes serialised, over MAXMSG (%d) "
					"even after %s compression, or not encodable",
					msg_get(m, "t") ? msg_get(m, "t") : "?", wire_plain_size(m), MSG_MAXMSG,
					cz_name(cz_policy.algo));
				g_string_free(*enc, TRUE);
				*enc = NULL;
				md->send_errors++;
				continue;
			}
		}
		any = true;
		if (!md->classic && (*enc)->len > FRAG_LIMIT) {
			/* over what one UDP datagram carries: in pieces (frag.h) */
			if (frag_send(md, (*enc)->str, (*enc)->len, msg_get(m, "dest")) < 0)
				md->send_errors++;
			else
				md->sent++;
		} else if (md->ops->send(md, (*enc)->str, (*enc)->len) < 0)
			md->send_errors++;
		else
			md->sent++;
	}
	if (ns)
		g_string_free(ns, TRUE);
	if (cl)
		g_string_free(cl, TRUE);
	return any;
}

static struct hist_entry *hist_slot(unsigned long seq)
{
	return &hb.hist[seq % HIST_MAX];
}

void transport_send(struct hb_msg *m, bool loop)
{
	const char *t = msg_get(m, "t");
	bool ns = t && is_ns_type(t);

	add_control_fields(m, ns);
	if (!send_on_media(m)) {
		/* Too big or not encodable: it never existed, so its seq must not
		 * leave a hole that peers would ask for forever. */
		if (!ns)
			hb.seq--;
		msg_free(m);
		return;
	}
	if (!ns) {
		struct hist_entry *h = hist_slot(hb.seq);

		msg_free(h->msg);
		h->seq = hb.seq;
		h->msg = msg_copy(m);
		h->last_rexmit_ms = 0;
	}
	if (loop && !ns) {
		const char *dest = msg_get(m, "dest");

		if (!dest || strcmp(dest, hb.localname) == 0)
			dispatch_message(hb.local, m, true);
	}
	msg_free(m);
}

/* ---- acks and retransmission ---- */

static void send_ack(struct hb_node *n, unsigned long seq)
{
	struct hb_msg *m;

	if (!hb.flow_control)
		return;
	m = msg_new();
	msg_add(m, "t", "NS_ackmsg");
	msg_add(m, "dest", n->name);
	msg_addf(m, "ackseq", "%lx", seq);
	transport_send(m, false);
}

static void maybe_ack(struct hb_node *n, bool gap_filled)
{
	unsigned long s = n->last_seq;

	if (n->nmissing > 0)
		return;
	if (gap_filled) {
		/* highest fully received, rounded down to this peer's residue */
		unsigned long r = (unsigned long)n->ack_trigger;
		if (s < r)
			return;
		s -= (s - r) % 10;
		send_ack(n, s);
	} else if (s % 10 == (unsigned long)n->ack_trigger) {
		send_ack(n, s);
	}
}

static void add_missing(struct hb_node *n, unsigned long seq, uint64_t now)
{
	unsigned delay_max = hb.cf->max_rexmit_delay_ms ? hb.cf->max_rexmit_delay_ms : 250;
	unsigned lo = delay_max < 100 ? 0 : 50;

	if (n->nmissing >= MISSING_MAX)
		return;
	n->missing[n->nmissing].seq = seq;
	n->missing[n->nmissing].next_req_ms = now + lo + (uint64_t)g_random_int_range(0, (gint32)(delay_max - lo + 1));
	n->nmissing++;
}

static bool take_missing(struct hb_node *n, unsigned long seq)
{
	int i;

	for (i = 0; i < n->nmissing; i++) {
		if (n->missing[i].seq == seq) {
			n->missing[i] = n->missing[--n->nmissing];
			return true;
		}
	}
	return false;
}

void transport_peer_reset(struct hb_node *n)
{
	n->have_seq = false;
	n->last_seq = 0;
	n->nmissing = 0;
}

void transport_tick(uint64_t now)
{
	unsigned delay_max = hb.cf->max_rexmit_delay_ms ? hb.cf->max_rexmit_delay_ms : 250;
	int i, j;

	for (i = 0; i < hb.nnodes; i++) {
		struct hb_node *n = &hb.nodes[i];

		if (i == hb.local || n->nmissing == 0)
			continue;
		/* Asking a node that is not up only echoes into the void (3.0.x). */
		if (!node_is_live(n))
			continue;
		for (j = 0; j < n->nmissing; j++) {
			struct missing_seq *ms = &n->missing[j];
			struct hb_msg *m;

			if (ms->next_req_ms > now)
				continue;
			m = msg_new();
			msg_add(m, "t", "NS_rexmit");
			msg_add(m, "dest", n->name);
			msg_addf(m, "firstseq", "%lu", ms->seq);
			msg_addf(m, "lastseq", "%lu", ms->seq);
			transport_send(m, false);
			hb.rexmit_requests++;
			ms->next_req_ms = now + delay_max;
		}
	}
}

static void send_nak(const char *to, unsigned long seq, const char *why)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "t", "NS_nak_rexmit");
	msg_addf(m, "firstseq", "%lx", seq);
	msg_add(m, "dest", to);
	msg_add(m, "info", why);
	transport_send(m, false);
}

static void handle_rexmit(struct hb_node *n, const struct hb_msg *m, uint64_t now)
{
	long first, last;
	unsigned long s, oldest;
	int count = 0;

	if (!msg_get_dec(m, "firstseq", &first) || !msg_get_dec(m, "lastseq", &last) ||
	    first <= 0 || last < first)
		return;
	oldest = hb.seq >= HIST_MAX ? hb.seq - HIST_MAX + 1 : 1;
	/* A request reaching below our history gets one NAK, not one per seq:
	 * a forged range must not turn into a flood. */
	if ((unsigned long)first < oldest) {
		if ((unsigned long)first > n->their_ackseq)
			send_nak(n->name, (unsigned long)first, "seqno too low");
		first = (long)oldest;
	}
	for (s = (unsigned long)first; s <= (unsigned long)last && count < REXMIT_MAX_PER_REQUEST; s++) {
		struct hist_entry *h;

		if (s <= n->their_ackseq)
			continue;
		if (s > hb.seq) {
			log_info("Rexmit of seq %lu requested. %lu is max.", s, hb.seq);
			break;
		}
		count++;
		h = hist_slot(s);
		if (!h->msg || h->seq != s) {
			send_nak(n->name, s, "seqno not found");
			continue;
		}
		if (h->last_rexmit_ms && now - h->last_rexmit_ms < REXMIT_MIN_INTERVAL_MS)
			continue;
		h->last_rexmit_ms = now;
		hb.rexmit_sent++;
		send_on_media(h->msg);
	}
}

/* ---- inbound ---- */

static bool addressed_to_us(const struct hb_msg *m)
{
	static const unsigned char zero[16];
	size_t ulen;
	const unsigned char *du = msg_get_bin(m, "destuuid", &ulen);
	const char *dest;

	if (du && ulen == 16 && memcmp(du, zero, 16) != 0)
		return memcmp(du, hb.uuid, 16) == 0;
	dest = msg_get(m, "dest");
	return !dest || strcmp(dest, hb.localname) == 0;
}

/* Which node sent this: by uuid first, then by name.  Nothing about the
 * node is changed here; the packet has not passed the replay check yet. */
static int lookup_sender(const struct hb_msg *m, const char *src, int mi)
{
	size_t ulen;
	const unsigned char *u = msg_get_bin(m, "srcuuid", &ulen);
	int ni = -1;

	if (u && ulen == 16) {
		if (memcmp(u, hb.uuid, 16) == 0) {
			transport_count_drop(DROP_UNKNOWN_NODE, src, mi, "carries our own uuid");
			return -1;
		}
		ni = node_find_uuid(u);
	}
	if (ni < 0)
		ni = node_find(src);
	if (ni < 0) {
		if (node_admin_is_deleted(src)) {
			transport_count_drop(DROP_UNKNOWN_NODE, src, mi, "deleted by hb_delnode");
			return -1;
		}
		if (hb.cf->autojoin == AUTOJOIN_NONE) {
			transport_count_drop(DROP_UNKNOWN_NODE, src, mi, "not in ha.cf (autojoin none)");
			return -1;
		}
		ni = node_add(src, NODE_NORMAL);
		if (ni >= 0) {
			log_info("Adding node %s (autojoin)", src);
			if (u && ulen == 16) {
				memcpy(hb.nodes[ni].uuid, u, 16);
				hb.nodes[ni].has_uuid = true;
			}
		}
		return -1;   /* the first packet of a joining node only adds it */
	}
	return ni;
}

/* A known name with a new uuid takes it (the original's update_tables). */
static void learn_uuid(struct hb_node *n, const struct hb_msg *m)
{
	size_t ulen;
	const unsigned char *u = msg_get_bin(m, "srcuuid", &ulen);

	if (u && ulen == 16 && (!n->has_uuid || memcmp(n->uuid, u, 16) != 0)) {
		memcpy(n->uuid, u, 16);
		n->has_uuid = true;
	}
}

static void receive_ns(int ni, int mi, struct hb_msg *m, const char *t, uint64_t now)
{
	struct hb_node *n = &hb.nodes[ni];
	unsigned long v, hg = 0;

	/* NS_ messages have no seq, but they do carry the generation: an old
	 * one replayed must not keep a dead node looking alive. */
	if (msg_get_hex(m, "hg", &hg) && hg < n->generation) {
		transport_count_drop(DROP_REPLAY, n->name, mi, t);
		return;
	}
	membership_heard(ni, mi, now);
	if (strcasecmp(t, "NS_nak_rexmit") == 0) {
		if (msg_get_hex(m, "firstseq", &v) && take_missing(n, v) && addressed_to_us(m))
			log_err("Irretrievably lost packet: node %s seq %lu", n->name, v);
		return;
	}
	if (!addressed_to_us(m))
		return;
	if (strcasecmp(t, "NS_ackmsg") == 0) {
		if (hb.flow_control && msg_get_hex(m, "ackseq", &v) && v > n->their_ackseq && v <= hb.seq)
			n->their_ackseq = v;
	} else if (strcasecmp(t, "NS_rexmit") == 0) {
		handle_rexmit(n, m, now);
	}
}

void transport_receive(int mi, const void *buf, size_t len)
{
	struct hb_msg *m = NULL;
	enum wire_drop wd;
	const char *t, *src;
	unsigned long ts, seq, hg = 0;
	struct hb_node *n;
	int ni;
	uint64_t now = clock_ms();
	bool status, accept = false, gap_filled = false;

	hb.media[mi].received++;
	wd = wire_decode(&hb.keys, buf, len, &m);
	if (wd != WIRE_OK) {
		/* Nothing in it can be trusted, not even its src: name the address. */
		transport_count_drop((enum drop_reason)(wd - 1),
				     hb.media[mi].from[0] ? hb.media[mi].from : NULL, mi, wire_drop_name(wd));
		return;
	}
	t = msg_get(m, "t");
	src = msg_get(m, "src");
	if (!t || !src || !msg_get_hex(m, "ts", &ts) || ts == 0) {
		transport_count_drop(DROP_NOFIELDS, src, mi, t ? t : "no type");
		goto out;
	}
	if (strcmp(src, hb.localname) == 0) {
		/* our own broadcast heard back */
		hb.own_packets++;
		goto out;
	}
	if (strcasecmp(t, FRAG_TYPE) == 0) {
		/* a piece of a packet too big for one datagram: the joined packet is
		 * verified and handled as if it had arrived whole */
		char *whole;
		size_t wl;
		if (frag_receive(m, now, &whole, &wl)) {
			msg_free(m);
			m = NULL;
			transport_receive(mi, whole, wl);
			g_free(whole);
		}
		goto out;
	}
	ni = lookup_sender(m, src, mi);
	if (ni < 0 || ni == hb.local)
		goto out;
	n = &hb.nodes[ni];
	if (is_ns_type(t)) {
		receive_ns(ni, mi, m, t, now);
		goto out;
	}
	if (!msg_get_hex(m, "seq", &seq) || seq == 0) {
		transport_count_drop(DROP_BADSEQ, src, mi, t);
		goto out;
	}
	if (msg_field(m, "hg") && !msg_get_hex(m, "hg", &hg)) {
		transport_count_drop(DROP_BADSEQ, src, mi, "unparseable hg");
		goto out;
	}
	if (hg < n->generation) {
		transport_count_drop(DROP_REPLAY, src, mi, "attempted replay attack");
		goto out;
	}
	status = strcasecmp(t, "status") == 0;
	if (status) {
		if (hg == n->generation && hg > 0 && n->st == ST_DEAD) {
			if (seq <= n->last_status_seq) {
				transport_count_drop(DROP_STALE, src, mi, "status older than its death");
				goto out;
			}
			log_warn("Cluster node %s returning after partition.", n->name);
			transport_peer_reset(n);
			events_emit(EV_PARTITION_HEALED, ni, -1);
		} else if (hg > n->generation) {
			if (n->generation)
				log_info("Heartbeat restart on node %s", n->name);
			n->shutdown_notice = false;
			n->seq_floor = 0;
			n->status_ts = 0;
			n->last_status_seq = 0;
			transport_peer_reset(n);
		}
		n->generation = hg;
	} else if (!n->have_seq && hg == n->generation && seq <= n->seq_floor) {
		/* sequence tracking was reset when it died: this is from before */
		transport_count_drop(DROP_STALE, src, mi, "older than its death");
		goto out;
	}
	learn_uuid(n, m);

	if (!n->have_seq || seq == n->last_seq + 1) {
		n->have_seq = true;
		n->last_seq = seq;
		accept = true;
	} else if (seq == n->last_seq) {
		hb.dup_packets++;
		membership_heard(ni, mi, now);   /* the same packet on another medium */
	} else if (seq > n->last_seq + 1) {
		if (seq - n->last_seq > GAP_RESET) {
			transport_peer_reset(n);
		} else {
			unsigned long s;
			for (s = n->last_seq + 1; s < seq; s++)
				add_missing(n, s, now);
		}
		n->have_seq = true;
		n->last_seq = seq;
		accept = true;
	} else if (take_missing(n, seq)) {
		accept = true;
		gap_filled = n->nmissing == 0;
	} else if (hg > n->generation || n->st == ST_DEAD) {
		transport_peer_reset(n);
		n->have_seq = true;
		n->last_seq = seq;
		accept = true;
	} else {
		hb.dup_packets++;      /* an old copy, e.g. from a slower medium */
	}
	if (!accept)
		goto out;
	membership_heard(ni, mi, now);
	maybe_ack(n, gap_filled);
	if (status) {
		membership_status_msg(ni, m, hg, seq);
		n->last_status_seq = seq;
	}
	if (addressed_to_us(m))
		dispatch_message(ni, m, false);
out:
	msg_free(m);
}
