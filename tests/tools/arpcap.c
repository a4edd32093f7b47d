/* arpcap: test helper that captures ARP frames on one interface for a
 * bounded time and prints one line per frame, for checking gratuitous ARPs.
 * Usage: arpcap [-t ms] [-c count] [-r readyfile] IFACE */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pcap.h>

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void mac(char *b, const unsigned char *m)
{
	sprintf(b, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static int seen;
static long long t0;

static void on_frame(unsigned char *u, const struct pcap_pkthdr *h, const unsigned char *p)
{
	char dst[18], src[18], sha[18], tha[18];
	if (h->caplen < 42 || p[12] != 0x08 || p[13] != 0x06)
		return;
	const unsigned char *a = p + 14;
	int op = a[6] << 8 | a[7];
	mac(dst, p);
	mac(src, p + 6);
	mac(sha, a + 8);
	mac(tha, a + 18);
	printf("t=%lld dst=%s src=%s op=%s sha=%s spa=%d.%d.%d.%d tha=%s tpa=%d.%d.%d.%d\n",
	       now_ms() - t0, dst, src, op == 1 ? "request" : op == 2 ? "reply" : "other", sha,
	       a[14], a[15], a[16], a[17], tha, a[24], a[25], a[26], a[27]);
	fflush(stdout);
	seen++;
}

int main(int argc, char **argv)
{
	int timeout = 3000, max = 0, c;
	const char *ready = NULL;
	char err[PCAP_ERRBUF_SIZE];
	struct bpf_program prog;

	while ((c = getopt(argc, argv, "t:c:r:")) != -1) {
		switch (c) {
		case 't': timeout = atoi(optarg); break;
		case 'c': max = atoi(optarg); break;
		case 'r': ready = optarg; break;
		default: goto usage;
		}
	}
	if (optind + 1 != argc)
		goto usage;
	pcap_t *pc = pcap_create(argv[optind], err);
	if (!pc) {
		fprintf(stderr, "arpcap: %s\n", err);
		return 1;
	}
	pcap_set_snaplen(pc, 128);
	pcap_set_immediate_mode(pc, 1);
	if (pcap_activate(pc) < 0 || pcap_compile(pc, &prog, "arp", 1, PCAP_NETMASK_UNKNOWN) < 0 ||
	    pcap_setfilter(pc, &prog) < 0 || pcap_setnonblock(pc, 1, err) < 0) {
		fprintf(stderr, "arpcap: %s: %s\n", argv[optind], pcap_geterr(pc));
		return 1;
	}
	pcap_freecode(&prog);
	int fd = pcap_get_selectable_fd(pc);
	if (ready) {
		FILE *f = fopen(ready, "w");
		if (f)
			fclose(f);
	}
	t0 = now_ms();
	long long end = t0 + timeout;
	while ((!max || seen < max) && now_ms() < end) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		int left = (int)(end - now_ms());
		if (poll(&pfd, 1, left > 0 ? left : 0) < 0 && errno != EINTR)
			break;
		if (pcap_dispatch(pc, -1, on_frame, NULL) < 0)
			break;
	}
	pcap_close(pc);
	return 0;
usage:
	fprintf(stderr, "usage: arpcap [-t ms] [-c count] [-r readyfile] IFACE\n");
	return 2;
}
