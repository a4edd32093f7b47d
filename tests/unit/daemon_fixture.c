/* See daemon_fixture.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "daemon_fixture.h"
#include "wire.h"
#include "timer.h"
#include "events.h"

GPtrArray *fx_sent;
int fx_medium;
static struct hb_config fx_cf;
static const unsigned char peer_uuid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

static int fake_send(struct medium *m, const void *buf, size_t len)
{
	struct hb_msg *msg = NULL;

	if (wire_decode(&hb.keys, buf, len, &msg) == WIRE_OK)
		g_ptr_array_add(fx_sent, msg);
	return 0;
}
static const struct media_ops fake_ops = { "fake", NULL, fake_send, NULL, NULL };

/* Everything the previous setup (or the daemon code it drove) allocated. */
void fx_teardown(void)
{
	int i;

	/* a timer or listener of the last case must not act in the next */
	timer_fake_clear();
	events_reset();
	for (i = 0; i < HIST_MAX; i++)
		msg_free(hb.hist[i].msg);
	nodes_free();
	auth_clear(&hb.keys);
	if (hb.cf)
		conf_free(&fx_cf);
	memset(&hb, 0, sizeof hb);
	memset(&fx_cf, 0, sizeof fx_cf);
	fx_medium = 0;
	if (fx_sent)
		g_ptr_array_free(fx_sent, TRUE);
	fx_sent = NULL;
}

void fx_setup(const char *hacf)
{
	char err[256];
	struct conf_errors errs = { 0 };
	int i;

	fx_teardown();
	if (conf_parse(hacf, strlen(hacf), "ha.cf", "n1", &fx_cf, &errs) != 0)
		for (i = 0; i < errs.n; i++)
			printf("fixture ha.cf: %s\n", errs.msg[i]);
	conf_errors_free(&errs);
	hb.cf = &fx_cf;
	strcpy(hb.localname, "n1");
	strcpy(hb.run_dir, "/nonexistent");
	auth_parse("auth 1\n1 sha1 k3y\n", 18, "authkeys", &hb.keys, err, sizeof err);
	nodes_init(CONF_MAXNODES);
	for (i = 0; i < fx_cf.nnodes; i++)
		node_add(fx_cf.nodes[i], NODE_NORMAL);
	hb.local = node_find("n1");
	memset(hb.uuid, 0xaa, 16);
	memcpy(hb.nodes[hb.local].uuid, hb.uuid, 16);
	hb.nodes[hb.local].has_uuid = true;
	hb.generation = 0x100;
	hb.flow_control = true;
	hb.nmedia = 1;
	hb.media[0].ops = &fake_ops;
	strcpy(hb.media[0].name, "eth0");
	fx_sent = g_ptr_array_new_with_free_func((GDestroyNotify)msg_free);
}

static void send_built(struct hb_msg *m, const char *src, unsigned long seq, unsigned long hg)
{
	GString *w = g_string_new(NULL);

	msg_add(m, "src", src);
	msg_add_bin(m, "srcuuid", peer_uuid, 16);
	if (seq)
		msg_addf(m, "seq", "%lx", seq);
	msg_addf(m, "hg", "%lx", hg);
	msg_add(m, "ts", "6b0682d6");
	wire_encode(&hb.keys, m, MSG_FMT_NETSTRING, true, false, w);
	transport_receive(fx_medium, w->str, w->len);
	g_string_free(w, TRUE);
	msg_free(m);
}

void fx_deliver(const char *src, const char *t, unsigned long seq, unsigned long hg,
		const char *k1, const char *v1, const char *k2, const char *v2)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "t", t);
	if (k1)
		msg_add(m, k1, v1);
	if (k2)
		msg_add(m, k2, v2);
	send_built(m, src, seq, hg);
}

void fx_deliverv(const char *src, const char *t, unsigned long seq, unsigned long hg, ...)
{
	struct hb_msg *m = msg_new();
	const char *k;
	va_list ap;

	msg_add(m, "t", t);
	va_start(ap, hg);
	while ((k = va_arg(ap, const char *)))
		msg_add(m, k, va_arg(ap, const char *));
	va_end(ap);
	send_built(m, src, seq, hg);
}

int fx_count(const char *t)
{
	guint i;
	int c = 0;

	for (i = 0; i < fx_sent->len; i++)
		c += strcmp(msg_get(fx_sent->pdata[i], "t"), t) == 0;
	return c;
}

const struct hb_msg *fx_find(const char *t, const char *k, const char *v)
{
	int i;

	for (i = (int)fx_sent->len - 1; i >= 0; i--) {
		const struct hb_msg *m = fx_sent->pdata[i];
		const char *x = k ? msg_get(m, k) : NULL;

		if (strcmp(msg_get(m, "t"), t) == 0 && (!k || (x && v && strcmp(x, v) == 0)))
			return m;
	}
	return NULL;
}

const struct hb_msg *fx_last(const char *t)
{
	return fx_find(t, NULL, NULL);
}

void fx_clear(void)
{
	g_ptr_array_set_size(fx_sent, 0);
}
