/* media_probe: opens one medium from the command line through media.h and
 * either sends the given messages or prints what it receives.  Used by
 * tests/media/suite inside network namespaces and over pty pairs. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib-unix.h>
#include "heartbeat/media.h"
#include "msg.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: media_probe [-p port] [-b baud] [-t ttl] [-l loop] [-i ms] [-w secs]\n"
		"         TYPE DEV [ADDR] send MSG...   (C escapes like \\n in MSG; @FILE sends a file)\n"
		"       media_probe [options] TYPE DEV [ADDR] recv COUNT\n"
		"TYPE: bcast DEV | ucast DEV PEER | mcast DEV GROUP | serial TTY |\n"
		"      ucast6 DEV PEER | mcast6 DEV GROUP\n");
	exit(2);
}

static struct medium med;
static GMainLoop *loop;
static long want, got;
static unsigned interval_ms = 100;
static char **msgs;
static int nmsgs, next_msg;
static guint8 *rbuf;

static void print_msg(const unsigned char *p, ssize_t n)
{
	printf("RECV %zd ", n);
	for (ssize_t i = 0; i < n; i++) {
		if (p[i] == '\n')
			fputs("\\n", stdout);
		else if (p[i] == '\\')
			fputs("\\\\", stdout);
		else if (isprint(p[i]))
			putchar(p[i]);
		else
			printf("\\x%02x", p[i]);
	}
	putchar('\n');
	fflush(stdout);
}

static gboolean on_readable(gint fd, GIOCondition cond, gpointer data)
{
	ssize_t n;

	while ((n = media_recv(&med, rbuf, MSG_MAXMSG)) != 0) {
		if (n < 0) {
			perror("recv");
			if (cond & (G_IO_HUP | G_IO_ERR)) {
				g_main_loop_quit(loop);
				return G_SOURCE_REMOVE;
			}
			break;
		}
		print_msg(rbuf, n);
		if (++got >= want) {
			g_main_loop_quit(loop);
			return G_SOURCE_REMOVE;
		}
	}
	return G_SOURCE_CONTINUE;
}

static gboolean send_next(gpointer data)
{
	/* -i 0: everything in one go, so the medium queues it all at once. */
	while (next_msg < nmsgs) {
		const char *arg = msgs[next_msg++];
		gchar *text = NULL;
		gsize len = 0;
		if (arg[0] == '@') {
			if (!g_file_get_contents(arg + 1, &text, &len, NULL)) {
				fprintf(stderr, "media_probe: cannot read %s\n", arg + 1);
				exit(1);
			}
		} else {
			text = g_strcompress(arg);
			len = strlen(text);
		}
		if (media_send(&med, text, len) < 0)
			perror("send");
		g_free(text);
		if (interval_ms)
			return G_SOURCE_CONTINUE;
	}
	if (media_send_pending(&med) == 0) {
		g_main_loop_quit(loop);
		return G_SOURCE_REMOVE;
	}
	return G_SOURCE_CONTINUE;
}

static gboolean on_timeout(gpointer data)
{
	fprintf(stderr, "media_probe: timed out\n");
	g_main_loop_quit(loop);
	return G_SOURCE_REMOVE;
}

int main(int argc, char **argv)
{
	struct conf_medium c;
	char err[512];
	int opt, wait_s = 10;

	memset(&c, 0, sizeof(c));
	c.port = 694;
	c.baud = 19200;
	c.ttl = 1;
	while ((opt = getopt(argc, argv, "p:b:t:l:i:w:")) != -1) {
		switch (opt) {
		case 'p': c.port = atoi(optarg); break;
		case 'b': c.baud = atoi(optarg); break;
		case 't': c.ttl = atoi(optarg); break;
		case 'l': c.loop = atoi(optarg); break;
		case 'i': interval_ms = (unsigned)atoi(optarg); break;
		case 'w': wait_s = atoi(optarg); break;
		default: usage();
		}
	}
	argv += optind;
	argc -= optind;
	if (argc < 3)
		usage();
	const char *type = *argv++;
	argc--;
	if (!strcmp(type, "bcast")) c.type = MEDIA_BCAST;
	else if (!strcmp(type, "ucast")) c.type = MEDIA_UCAST;
	else if (!strcmp(type, "mcast")) c.type = MEDIA_MCAST;
	else if (!strcmp(type, "serial")) c.type = MEDIA_SERIAL;
	else if (!strcmp(type, "ucast6")) c.type = MEDIA_UCAST6;
	else if (!strcmp(type, "mcast6")) c.type = MEDIA_MCAST6;
	else usage();
	snprintf(c.dev, sizeof(c.dev), "%s", *argv++);
	argc--;
	if (c.type != MEDIA_BCAST && c.type != MEDIA_SERIAL) {
		if (argc < 1)
			usage();
		snprintf(c.addr, sizeof(c.addr), "%s", *argv++);
		argc--;
	}
	if (argc < 2)
		usage();
	const char *mode = *argv++;
	argc--;

	if (media_open(&med, &c, err, sizeof(err)) < 0) {
		fprintf(stderr, "media_probe: %s\n", err);
		return 1;
	}
	fprintf(stderr, "media_probe: opened %s link %s classic=%d\n", med.ops->type, med.name,
		med.classic);
	loop = g_main_loop_new(NULL, FALSE);
	g_timeout_add_seconds((guint)wait_s, on_timeout, NULL);
	if (!strcmp(mode, "send")) {
		msgs = argv;
		nmsgs = argc;
		g_timeout_add(interval_ms ? interval_ms : 5, send_next, NULL);
	} else if (!strcmp(mode, "recv")) {
		want = atol(argv[0]);
		rbuf = malloc(MSG_MAXMSG);
		g_unix_fd_add(med.fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_readable, NULL);
		printf("READY\n");
		fflush(stdout);
	} else {
		usage();
	}
	g_main_loop_run(loop);
	fprintf(stderr, "media_probe: sent=%lu received=%lu send_errors=%lu recv_errors=%lu\n",
		med.sent, med.received, med.send_errors, med.recv_errors);
	int rc = 0;
	if (!strcmp(mode, "recv"))
		rc = got >= want ? 0 : 1;
	else
		rc = med.send_errors || media_send_pending(&med) ? 1 : 0;
	media_close(&med);
	free(rbuf);
	g_main_loop_unref(loop);
	return rc;
}
