/* send_arp: announces that an IP address now lives on this host by sending
 * gratuitous ARP pairs (a request, then a reply) on one interface, built
 * with libnet.  Command line as the original's; it holds no other state. */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <libnet.h>

static const char *pidfile;

static void usage(void)
{
	fprintf(stderr,
		"send_arp: sends gratuitous ARP packets for an address.\n"
		"  usage: send_arp [-i repeatinterval-ms] [-r repeatcount] [-p pidfile] \\\n"
		"              device src_ip_addr src_hw_addr broadcast_ip_addr netmask\n\n"
		"  Each repeat sends a pair: an ARP request and an ARP reply, half the\n"
		"  interval apart (default -i 1000 -r 1).  src_hw_addr \"auto\" means the\n"
		"  address of the device; broadcast_ip_addr and netmask are ignored.\n");
	exit(1);
}

static void fail(const char *fmt, const char *arg)
{
	fprintf(stderr, "send_arp: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	syslog(LOG_ERR, fmt, arg);
	if (pidfile)
		unlink(pidfile);
	exit(1);
}

static void on_term(int sig)
{
	if (pidfile)
		unlink(pidfile);
	_exit(0);
}

/* "aa:bb:cc:dd:ee:ff", "aa-bb-..." or "aabbccddeeff". */
static int parse_mac(const char *s, uint8_t m[6])
{
	int n = 0;
	while (*s && n < 6) {
		unsigned v;
		if (sscanf(s, "%2x", &v) != 1 || !isxdigit((unsigned char)s[0]) ||
		    !isxdigit((unsigned char)s[1]))
			return -1;
		m[n++] = v;
		s += 2;
		if (*s == ':' || *s == '-')
			s++;
	}
	return n == 6 && !*s ? 0 : -1;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static int send_one(libnet_t *l, uint16_t op, const uint8_t *ifmac, const uint8_t *sha,
		    uint32_t ip)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t zero[6] = { 0 };
	/* A request names nobody as target; a reply names the announcer itself,
	 * which is what the original sends and what peers accept. */
	const uint8_t *tha = op == ARPOP_REQUEST ? zero : sha;
	libnet_clear_packet(l);
	if (libnet_build_arp(ARPHRD_ETHER, ETHERTYPE_IP, 6, 4, op, sha, (uint8_t *)&ip, tha,
			     (uint8_t *)&ip, NULL, 0, l, 0) == -1 ||
	    libnet_build_ethernet(bcast, ifmac, ETHERTYPE_ARP, NULL, 0, l, 0) == -1)
		return -1;
	return libnet_write(l) == -1 ? -1 : 0;
}

int main(int argc, char **argv)
{
	long interval = 1000, count = 1;
	char err[LIBNET_ERRBUF_SIZE], *end;
	int c;

	openlog("send_arp", LOG_PID, LOG_DAEMON);
	while ((c = getopt(argc, argv, "i:r:p:")) != -1) {
		switch (c) {
		case 'i':
			interval = strtol(optarg, &end, 10);
			if (*end || interval < 0)
				usage();
			break;
		case 'r':
			count = strtol(optarg, &end, 10);
			if (*end || count < 0)
				usage();
			break;
		case 'p': pidfile = optarg; break;
		default: usage();
		}
	}
	if (argc - optind != 5)
		usage();
	const char *dev = argv[optind], *ipstr = argv[optind + 1], *hw = argv[optind + 2];
	struct in_addr ia;
	if (!inet_aton(ipstr, &ia))
		fail("bad IP address %s", ipstr);

	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	if (pidfile) {
		FILE *f = fopen(pidfile, "w");
		if (!f)
			fail("cannot write pid file %s", pidfile);
		fprintf(f, "%ld\n", (long)getpid());
		fclose(f);
	}
	libnet_t *l = libnet_init(LIBNET_LINK, dev, err);
	if (!l)
		fail("%s", err);
	struct libnet_ether_addr *ea = libnet_get_hwaddr(l);
	if (!ea)
		fail("cannot find mac address for %s", dev);
	uint8_t ifmac[6], sha[6];
	memcpy(ifmac, ea->ether_addr_octet, 6);
	if (!strcmp(hw, "auto"))
		memcpy(sha, ifmac, 6);
	else if (parse_mac(hw, sha) < 0)
		fail("bad hardware address %s", hw);

	int rc = 0;
	for (long i = 0; i < count; i++) {
		for (int k = 0; k < 2; k++) {
			if (send_one(l, k == 0 ? ARPOP_REQUEST : ARPOP_REPLY, ifmac, sha,
				     ia.s_addr) < 0) {
				fprintf(stderr, "send_arp: %s: %s\n", dev, libnet_geterror(l));
				syslog(LOG_ERR, "%s: %s", dev, libnet_geterror(l));
				rc = 1;
			}
			if (i + 1 < count || k == 0)
				sleep_ms(interval / 2);
		}
	}
	libnet_destroy(l);
	if (pidfile)
		unlink(pidfile);
	return rc;
}
