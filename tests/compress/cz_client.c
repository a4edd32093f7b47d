/* Test client of the compress suite, on our client library:
 *   cz_client send ID NODE FILE   sign on as ID, send a message t=cz_big whose
 *                                 struct field "cib" (marked for compression)
 *                                 holds FILE's text, with its SHA-256 beside it
 *   cz_client recv ID SECONDS     sign on as ID, wait for one t=cz_big and print
 *                                 "ok BYTES" if its field decompressed intact
 *   cz_client corrupt AUTHKEYS SRC ADDR
 *                                 send ADDR:694 one whole-message compressed
 *                                 packet from SRC, correctly signed, whose
 *                                 payload is not a zlib stream
 *   cz_client measure FILE        compression ratio and time of FILE (zlib at
 *                                 the default level, bz2 as glue's plugin)
 * Exit 0 on success, 1 on failure (with the reason on stderr). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "client.h"
#include "clock.h"
#include "msg_compress.h"
#include "wire.h"
#include <arpa/inet.h>
#include <bzlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

static struct hb_client *signon(const char *id)
{
	enum client_error e;
	char why[256];
	struct hb_client *c = client_signon(id, &e, why, sizeof why);
	if (!c)
		fprintf(stderr, "cz_client: signon as %s: %s\n", id, why);
	return c;
}

static int do_send(const char *id, const char *node, const char *file)
{
	gchar *text;
	gsize len;
	GError *ge = NULL;
	if (!g_file_get_contents(file, &text, &len, &ge)) {
		fprintf(stderr, "cz_client: %s\n", ge->message);
		return 1;
	}
	struct hb_client *c = signon(id);
	if (!c)
		return 1;
	struct hb_msg *m = msg_new(), *cib = msg_new();
	gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (guchar *)text, len);
	msg_add(cib, "cib_op", "cib_replace");
	msg_add(cib, "data", text);
	msg_add(m, "t", "cz_big");
	msg_add(m, "sha256", sum);
	mcz_add_struct(m, "cib", cib);
	int rc = client_send(c, m, node) == 0 ? 0 : 1;
	if (rc)
		fprintf(stderr, "cz_client: send: %s\n", client_errmsg(c));
	msg_free(cib);
	msg_free(m);
	g_free(sum);
	g_free(text);
	client_close(c);
	return rc;
}

static int do_recv(const char *id, int secs)
{
	struct hb_client *c = signon(id);
	if (!c)
		return 1;
	uint64_t end = clock_ms() + (uint64_t)secs * 1000;
	int rc = 1;
	while (clock_ms() < end) {
		struct hb_msg *m = client_recv(c, (int)(end - clock_ms()));
		if (!m)
			break;
		const char *t = msg_get(m, "t");
		if (t && strcmp(t, "cz_big") == 0) {
			const struct hb_msg *cib = msg_get_struct(m, "cib");
			const char *data = cib ? msg_get(cib, "data") : NULL;
			const char *want = msg_get(m, "sha256");
			gchar *sum = data ? g_compute_checksum_for_string(G_CHECKSUM_SHA256, data, -1) : NULL;
			if (sum && want && strcmp(sum, want) == 0) {
				printf("ok %zu\n", strlen(data));
				rc = 0;
			} else {
				fprintf(stderr, "cz_client: cz_big arrived %s\n",
					!cib ? "without its struct field" : !data ? "without data" : "corrupted");
			}
			g_free(sum);
			msg_free(m);
			break;
		}
		msg_free(m);
	}
	if (rc && clock_ms() >= end)
		fprintf(stderr, "cz_client: no cz_big within %d s\n", secs);
	client_close(c);
	return rc;
}

static int do_corrupt(const char *keyfile, const char *src, const char *addr)
{
	struct auth_keys k;
	char err[512];
	if (auth_load(keyfile, &k, err, sizeof err) != 0) {
		fprintf(stderr, "cz_client: %s\n", err);
		return 1;
	}
	struct hb_msg *w = msg_new();
	char ts[32];
	snprintf(ts, sizeof ts, "%lx", (unsigned long)time(NULL));
	msg_add_bin(w, MCZ_PAYLOAD_FIELD, "\x78\x9cnot a zlib stream", 19);
	msg_add(w, MCZ_ALGO_FIELD, "zlib");
	msg_add(w, "src", src);
	msg_add(w, "ts", ts);
	GString *pkt = g_string_new(NULL);
	int rc = 1;
	if (wire_encode(&k, w, MSG_FMT_NETSTRING, false, false, pkt) == 0) {
		int fd = socket(AF_INET, SOCK_DGRAM, 0);
		struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(694) };
		inet_pton(AF_INET, addr, &sa.sin_addr);
		if (fd >= 0 && sendto(fd, pkt->str, pkt->len, 0, (struct sockaddr *)&sa, sizeof sa) ==
				       (ssize_t)pkt->len)
			rc = 0;
		if (fd >= 0)
			close(fd);
	}
	if (rc)
		fprintf(stderr, "cz_client: could not send the corrupt packet\n");
	g_string_free(pkt, TRUE);
	msg_free(w);
	auth_clear(&k);
	return rc;
}

static double ms_since(uint64_t t0)
{
	return (double)(clock_ms() - t0);
}

static int do_measure(const char *file)
{
	gchar *text;
	gsize len;
	if (!g_file_get_contents(file, &text, &len, NULL))
		return 1;
	uLongf zl = compressBound(len);
	char *z = g_malloc(zl);
	uint64_t t0 = clock_ms();
	int zr = compress((Bytef *)z, &zl, (Bytef *)text, len);
	double zt = ms_since(t0);
	unsigned int bl = (unsigned int)(len + len / 100 + 601);
	char *b = g_malloc(bl);
	t0 = clock_ms();
	int br = BZ2_bzBuffToBuffCompress(b, &bl, text, (unsigned int)len, 1, 0, 30);
	double bt = ms_since(t0);
	char *back = g_malloc(len);
	uLongf bk = len;
	t0 = clock_ms();
	uncompress((Bytef *)back, &bk, (Bytef *)z, zl);
	double ut = ms_since(t0);
	if (zr != Z_OK || br != BZ_OK || bk != len || memcmp(back, text, len) != 0)
		return 1;
	printf("%zu bytes: zlib %lu bytes (ratio %.1f) in %.0f ms, uncompress %.0f ms; "
	       "bz2 %u bytes (ratio %.1f) in %.0f ms; MAXUNCOMPRESSED %d, MAXMSG %d\n",
	       (size_t)len, (unsigned long)zl, (double)len / zl, zt, ut, bl, (double)len / bl, bt,
	       CZ_MAXUNCOMPRESSED, MSG_MAXMSG);
	g_free(back);
	g_free(b);
	g_free(z);
	g_free(text);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "corrupt") == 0)
		return do_corrupt(argv[2], argv[3], argv[4]);
	if (argc == 3 && strcmp(argv[1], "measure") == 0)
		return do_measure(argv[2]);
	if (argc == 5 && strcmp(argv[1], "send") == 0)
		return do_send(argv[2], argv[3], argv[4]);
	if (argc == 4 && strcmp(argv[1], "recv") == 0)
		return do_recv(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: cz_client send ID NODE FILE | recv ID SECONDS | "
		"corrupt AUTHKEYS SRC ADDR | measure FILE\n");
	return 1;
}
