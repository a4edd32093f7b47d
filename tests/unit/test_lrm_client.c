/* lib/lrm's client against lrmd's real socket code (lrmd_ipc.c) and queue
 * machine, in one process: lrmd's side runs the glib main loop in the main
 * thread with a fake runner (every op ends at once with the rc the test
 * chose), the client runs in a second thread as crmd would.  Covers
 * sign-on, exec, events (recurring: first and changes only), broadcast to a
 * second client, list, cancel, forget, refusals, and a lost connection. */
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"
#include "log.h"
#include "heartbeat/crm/lrmd.h"

static GMainLoop *loop;
static char sock[256];
static gint fake_rc;          /* what the next runs return */
static gint nruns;

static gboolean finish(gpointer data)
{
	lrmd_op_done(data, g_atomic_int_get(&fake_rc), LRM_OP_DONE, "out");
	return G_SOURCE_REMOVE;
}
static void *fake_start(struct lrmd_op *op)
{
	g_atomic_int_inc(&nruns);
	g_idle_add(finish, op);
	return op;
}
static void fake_kill(void *h) { (void)h; }
static const struct lrmd_backend fake = { fake_start, fake_kill };

/* the client thread's view */
struct seen {
	int n, lost;
	int call[64], rc[64], status[64];
	unsigned interval[64];
	char ud[64][32];
};

static void on_ev(struct lrm_conn *c, const struct lrm_event *ev, void *data)
{
	struct seen *s = data;

	if (!ev) {
		s->lost++;
		return;
	}
	if (s->n < 64) {
		s->call[s->n] = ev->call_id;
		s->rc[s->n] = ev->rc;
		s->status[s->n] = ev->op_status;
		s->interval[s->n] = ev->interval_ms;
		snprintf(s->ud[s->n], sizeof s->ud[0], "%s", ev->user_data);
	}
	s->n++;
}

/* Dispatch until s has want events (or the connection is lost), 3 s at most. */
static void pump(struct lrm_conn *c, struct seen *s, int want)
{
	for (int i = 0; i < 300 && s->n < want; i++) {
		struct pollfd p = { lrm_fd(c), POLLIN, 0 };
		if (lrm_dispatch(c) < 0) {
			s->lost++;
			return;
		}
		if (s->n >= want)
			break;
		poll(&p, 1, 10);
	}
}

static gboolean stop_server(gpointer data)
{
	lrmd_ipc_stop();
	return G_SOURCE_REMOVE;
}
static gboolean quit(gpointer data)
{
	g_main_loop_quit(loop);
	return G_SOURCE_REMOVE;
}

static gpointer client(gpointer data)
{
	GError *err = NULL;
	struct lrm_conn *c, *c2;
	struct seen s = { 0 }, s2 = { 0 };
	struct lrm_param p[] = { { "state", "/tmp/x" } };
	struct lrm_op_req req = { "d1", "ocf", "heartbeat", "Dummy", p, 1, NULL, "start", 0, 0, 0,
				  "0:1:0:key" };
	struct lrm_rsc_info *v;
	int id, n;

	CHECK(lrm_connect("/nonexistent/lrmd.sock", &err) == NULL);
	CHECK(err && err->code == LRM_ERR_CONNECT);
	g_clear_error(&err);

	c = lrm_connect(sock, &err);
	CHECK(c != NULL);
	if (!c)
		goto out;
	c2 = lrm_connect(sock, &err);
	CHECK(c2 != NULL);
	/* a context of our own that nobody iterates (the main thread's loop
	 * must not read our sockets): callbacks come through pump */
	GMainContext *ctx = g_main_context_new();
	lrm_attach(c, ctx, on_ev, &s);
	if (c2)
		lrm_attach(c2, ctx, on_ev, &s2);

	id = lrm_exec(c, &req);
	CHECK(id > 0);
	pump(c, &s, 1);
	CHECK_INT(s.n, 1);
	CHECK_INT(s.call[0], id);
	CHECK_INT(s.rc[0], 0);
	CHECK_STR(s.ud[0], "0:1:0:key");
	if (c2) {
		pump(c2, &s2, 1);
		CHECK_INT(s2.n, 1);            /* every client hears every event */
	}

	req.op = "monitor";
	req.interval_ms = 30;
	req.user_data = "mon";
	id = lrm_exec(c, &req);
	CHECK(id > 0);
	pump(c, &s, 2);
	CHECK_INT(s.n, 2);
	CHECK_INT(s.interval[1], 30);
	int runs = g_atomic_int_get(&nruns);
	for (int i = 0; i < 100 && g_atomic_int_get(&nruns) < runs + 3; i++)
		usleep(10000);
	lrm_dispatch(c);
	CHECK_INT(s.n, 2);                     /* same rc: not reported */
	g_atomic_int_set(&fake_rc, 7);
	pump(c, &s, 3);
	CHECK_INT(s.n, 3);
	CHECK_INT(s.rc[2], 7);

	n = lrm_list(c, &v);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(v[0].rsc_id, "d1");
		CHECK_STR(v[0].type, "Dummy");
		CHECK_INT(v[0].nops, 2);
	}
	if (n >= 0)
		lrm_rsc_info_free_all(v, (size_t)n);

	CHECK_INT(lrm_cancel(c, "d1", "monitor", 30), 0);
	pump(c, &s, 4);
	CHECK_INT(s.n, 4);
	CHECK_INT(s.status[3], LRM_OP_CANCELLED);
	CHECK_INT(lrm_cancel(c, "d1", "monitor", 30), -1);
	CHECK_STR(lrm_errmsg(c), "no such operation");

	req.cls = "upstart";
	CHECK_INT(lrm_exec(c, &req), -1);
	CHECK(strstr(lrm_errmsg(c), "unknown class") != NULL);
	req.cls = "ocf";
	req.rsc_id = "../etc";
	CHECK_INT(lrm_exec(c, &req), -1);

	CHECK_INT(lrm_forget(c, "d1"), 0);
	CHECK_INT(lrm_forget(c, "d1"), -1);
	n = lrm_list(c, &v);
	CHECK_INT(n, 0);
	lrm_rsc_info_free_all(v, n > 0 ? (size_t)n : 0);

	/* more history than one message can carry (MSG_MAXMSG): the list comes
	 * in pages and the library puts them together */
	{
		char id[32], ud[1001];
		int ok = 0, want = 600;
		memset(ud, 'u', 1000);
		ud[1000] = 0;
		struct lrm_op_req big = { NULL, "lsb", NULL, "x", NULL, 0, NULL, "start", 0, 0, 0, ud };
		g_atomic_int_set(&fake_rc, 0);
		for (int i = 0; i < want; i++) {
			snprintf(id, sizeof id, "big%04d", i);
			big.rsc_id = id;
			ok += lrm_exec(c, &big) > 0;
		}
		CHECK_INT(ok, want);
		pump(c, &s, s.n + want);
		n = lrm_list(c, &v);
		CHECK_INT(n, want);
		if (n == want) {
			CHECK_STR(v[0].rsc_id, "big0000");
			CHECK_STR(v[want - 1].rsc_id, "big0599");
			CHECK_INT(strlen(v[want - 1].ops[0].user_data), 1000);
		}
		lrm_rsc_info_free_all(v, n > 0 ? (size_t)n : 0);
	}
	if (c2)
		lrm_close(c2);

	/* lrmd goes away: the client notices */
	g_idle_add(stop_server, NULL);
	pump(c, &s, s.n + 100000);
	CHECK(s.lost > 0);
	CHECK_INT(lrm_list(c, &v), -1);
	lrm_close(c);
	g_main_context_unref(ctx);
out:
	g_idle_add(quit, NULL);
	return NULL;
}

int main(void)
{
	char why[256];
	char *dir = g_dir_make_tmp("lrmclient.XXXXXX", NULL);
	GThread *t;

	log_set_stderr(0);
	snprintf(sock, sizeof sock, "%s/crm/lrmd.sock", dir);
	loop = g_main_loop_new(NULL, FALSE);
	lrmd_rsc_init(&fake, lrmd_ipc_broadcast);
	CHECK_INT(lrmd_ipc_start(sock, why, sizeof why), 0);
	CHECK(lrmd_ipc_start(sock, why, sizeof why) < 0);   /* a live lrmd is never replaced */
	CHECK(strstr(why, "another lrmd") != NULL);
	t = g_thread_new("client", client, NULL);
	g_timeout_add(20000, quit, NULL);                  /* a hang is a failure, not a stuck CI */
	g_main_loop_run(loop);
	g_thread_join(t);
	lrmd_ipc_stop();
	lrmd_rsc_shutdown();
	g_main_loop_unref(loop);
	{
		char *crm = g_strdup_printf("%s/crm", dir);
		rmdir(crm);
		rmdir(dir);
		g_free(crm);
	}
	g_free(dir);
	return T_DONE();
}
