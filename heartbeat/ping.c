/* Ping pseudo-nodes (ping ADDR, ping_group NAME ADDR...): one ICMP echo per
 * address each time we send a heartbeat, carrying a signed NS_st message as
 * the original does; a verified echo reply makes the pseudo-node "ping".
 * Local only: nothing about ping nodes is sent to peers. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <glib-unix.h>
#include "daemon.h"
#include "log.h"
#include "clock.h"
#include "wire.h"
#include "events.h"

struct ping_target {
	int ni;
	bool group;
	int naddrs;
	struct sockaddr_in *addrs;
};

static struct ping_target *targets;
static int ntargets;
static int icmp_fd = -1;
static uint16_t ident;
static uint16_t seqno;

static uint16_t icmp_sum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += (uint32_t)(p[0] << 8 | p[1]);
	if (len)
		sum += (uint32_t)(p[0] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

static int resolve(const char *host, struct sockaddr_in *out)
{
	struct addrinfo hints = { 0 }, *res = NULL;

	memset(out, 0, sizeof *out);
	out->sin_family = AF_INET;
	if (inet_pton(AF_INET, host, &out->sin_addr) == 1)
		return 0;
	/* Names are resolved once, at start-up, never on the heartbeat path. */
	hints.ai_family = AF_INET;
	if (getaddrinfo(host, NULL, &hints, &res) != 0 || !res)
		return -1;
	out->sin_addr = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
	freeaddrinfo(res);
	return 0;
}

static gboolean on_icmp(gint fd, GIOCondition cond, gpointer data)
{
	uint8_t buf[MSG_MAXMSG];
	struct sockaddr_in from;
	socklen_t flen = sizeof from;
	int i, j, k;

	for (k = 0; k < 64; k++) {
		ssize_t n = recvfrom(fd, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&from, &flen);
		struct iphdr *ip = (struct iphdr *)buf;
		struct icmphdr *ic;
		struct hb_msg *m = NULL;
		size_t ihl;
		const char *src, *info;

		if (n <= 0)
			break;
		ihl = (size_t)ip->ihl * 4;
		if ((size_t)n < ihl + sizeof *ic)
			continue;
		ic = (struct icmphdr *)(buf + ihl);
		if (ic->type != ICMP_ECHOREPLY || ic->un.echo.id != ident)
			continue;
		if (wire_decode(&hb.keys, buf + ihl + sizeof *ic, (size_t)n - ihl - sizeof *ic, &m) != WIRE_OK)
			continue;
		src = msg_get(m, "src");
		info = msg_get(m, "info");
		{
			/* only echoes of our own recent pings: a replayed one must
			 * not keep a lost ping node alive */
			unsigned long ts;
			long age;

			if (!msg_get_hex(m, "ts", &ts) ||
			    (age = (long)time(NULL) - (long)ts) > 60 || age < -60) {
				msg_free(m);
				continue;
			}
		}
		for (i = 0; src && info && i < ntargets; i++) {
			struct ping_target *t = &targets[i];

			if (strcmp(hb.nodes[t->ni].name, src) != 0 ||
			    strcmp(info, t->group ? "ping_group" : "ping") != 0)
				continue;
			for (j = 0; j < t->naddrs; j++)
				if (t->addrs[j].sin_addr.s_addr == from.sin_addr.s_addr)
					membership_ping_heard(t->ni, clock_ms());
		}
		msg_free(m);
	}
	return G_SOURCE_CONTINUE;
}

static void ping_send(const struct event *e, void *data);

int ping_start(void)
{
	int i, j;

	if (hb.cf->npings == 0)
		return 0;
	targets = calloc((size_t)hb.cf->npings, sizeof *targets);
	for (i = 0; i < hb.cf->npings; i++) {
		struct conf_ping *p = &hb.cf->pings[i];
		struct ping_target *t = &targets[ntargets];

		if (p->v6) {
			log_warn("ping6 node %s: IPv6 ping is not supported by this version", p->name);
			continue;
		}
		t->ni = node_add(p->name, NODE_PING);
		t->group = p->group;
		t->addrs = calloc((size_t)(p->naddrs ? p->naddrs : 1), sizeof *t->addrs);
		for (j = 0; j < p->naddrs; j++) {
			if (resolve(p->addrs[j], &t->addrs[t->naddrs]) < 0) {
				log_err("ping node %s: cannot resolve %s", p->name, p->addrs[j]);
				continue;
			}
			t->naddrs++;
		}
		ntargets++;
	}
	icmp_fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMP);
	if (icmp_fd < 0) {
		log_err("cannot open ICMP socket for ping nodes: %s", strerror(errno));
		return -1;
	}
	ident = (uint16_t)(getpid() & 0xffff);
	g_unix_fd_add(icmp_fd, G_IO_IN, on_icmp, NULL);
	events_subscribe(EV_STATUS_SENT, ping_send, NULL);
	return 0;
}

static void ping_send(const struct event *e, void *data)
{
	int i, j;

	for (i = 0; i < ntargets && icmp_fd >= 0; i++) {
		struct ping_target *t = &targets[i];
		struct hb_msg *m = msg_new();
		GString *pkt = g_string_new(NULL);
		struct icmphdr ic;

		msg_add(m, "t", "NS_st");
		msg_add(m, "st", "ping");
		msg_add(m, "info", t->group ? "ping_group" : "ping");
		msg_add(m, "src", hb.nodes[t->ni].name);
		msg_addf(m, "ts", "%lx", (unsigned long)time(NULL));
		memset(&ic, 0, sizeof ic);
		ic.type = ICMP_ECHO;
		ic.un.echo.id = ident;
		ic.un.echo.sequence = htons(seqno++);
		g_string_append_len(pkt, (const char *)&ic, sizeof ic);
		if (wire_encode(&hb.keys, m, MSG_FMT_NETSTRING, !hb.cf->msgfmt_netstring, false, pkt) == 0) {
			struct icmphdr *h = (struct icmphdr *)pkt->str;

			h->checksum = icmp_sum(pkt->str, pkt->len);
			for (j = 0; j < t->naddrs; j++)
				(void)sendto(icmp_fd, pkt->str, pkt->len, MSG_DONTWAIT,
					     (struct sockaddr *)&t->addrs[j], sizeof t->addrs[j]);
		}
		g_string_free(pkt, TRUE);
		msg_free(m);
	}
}
