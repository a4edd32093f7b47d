/* lrmd's queue machine over the fake clock and a fake runner: one operation
 * per resource at a time, start delays, recurring runs reported on the first
 * result and on change only, cancel (waiting and running), replace, forget,
 * the queue cap, queue and exec times. */
#include <stdlib.h>
#include "check.h"
#include "log.h"
#include "clock.h"
#include "timer.h"
#include "heartbeat/crm/lrmd.h"

static uint64_t now = 1000;
static struct lrmd_op *started[64];
static int nstarted;
static struct lrm_event evs[64];
static char *ev_ops[64];
static int nev;

static void *fake_start(struct lrmd_op *op)
{
	started[nstarted++ % 64] = op;
	return op;
}
static void fake_kill(void *h) { (void)h; }
static const struct lrmd_backend fake = { fake_start, fake_kill };

static void sink(const struct lrm_event *ev)
{
	if (nev < 64) {
		evs[nev] = *ev;
		ev_ops[nev] = g_strdup(ev->op);
		evs[nev].op = ev_ops[nev];
		evs[nev].rsc_id = evs[nev].user_data = evs[nev].output = NULL;
		evs[nev].cls = evs[nev].provider = evs[nev].type = NULL;
	}
	nev++;
}

static void reset(void)
{
	lrmd_rsc_shutdown();
	timer_fake_clear();
	for (int i = 0; i < nev && i < 64; i++)
		g_free(ev_ops[i]);
	nev = nstarted = 0;
	lrmd_set_limits(0, 0);
}

static int submit(const char *rsc, const char *op, unsigned interval, unsigned delay)
{
	struct lrm_req r = { 0 };
	char why[128];
	char *names[] = { "state", NULL }, *values[] = { "/tmp/x", NULL };

	r.rsc_id = (char *)rsc;
	r.cls = "ocf";
	r.provider = "heartbeat";
	r.type = "Dummy";
	r.op = (char *)op;
	r.user_data = "0:1:0:abc";
	r.pnames = names;
	r.pvalues = values;
	r.nparams = 1;
	r.interval_ms = interval;
	r.start_delay_ms = delay;
	return lrmd_submit(&r, why, sizeof why);
}

static void test_one_at_a_time(void)
{
	int a, b, c;

	reset();
	a = submit("r1", "start", 0, 0);
	b = submit("r1", "monitor", 0, 0);
	c = submit("r2", "start", 0, 0);
	CHECK(a > 0 && b > a && c > b);
	CHECK_INT(nstarted, 2);              /* r1 start and r2 start; r1 monitor waits */
	CHECK_INT(lrmd_nqueued(), 1);
	CHECK_INT(lrmd_nrunning(), 2);
	CHECK_STR(started[0]->op, "start");
	CHECK_STR(started[1]->rsc->id, "r2");
	timer_fake_advance(250);
	lrmd_op_done(started[0], 0, LRM_OP_DONE, "");
	CHECK_INT(nev, 1);
	CHECK_INT(evs[0].call_id, a);
	CHECK_INT(evs[0].exec_time_ms, 250);
	CHECK_INT(evs[0].queue_time_ms, 0);
	CHECK_INT(nstarted, 3);
	CHECK_STR(started[2]->op, "monitor");
	timer_fake_advance(100);
	lrmd_op_done(started[2], 7, LRM_OP_DONE, "");
	CHECK_INT(nev, 2);
	CHECK_INT(evs[1].queue_time_ms, 250);   /* it waited for the start */
	CHECK_INT(evs[1].exec_time_ms, 100);
	CHECK_INT(evs[1].rc, 7);
	lrmd_op_done(started[1], 1, LRM_OP_DONE, "");
	CHECK_INT(nev, 3);
	CHECK_INT(lrmd_nops(), 0);
	CHECK(lrmd_find("r1") != NULL);       /* history keeps it */
	CHECK_INT(lrmd_find("r1")->hist->len, 2);
}

static void test_recurring(void)
{
	int id;

	reset();
	id = submit("r1", "monitor", 1000, 0);
	CHECK_INT(nstarted, 1);
	lrmd_op_done(started[0], 0, LRM_OP_DONE, "");
	CHECK_INT(nev, 1);                    /* the first result */
	timer_fake_advance(999);
	CHECK_INT(nstarted, 1);
	timer_fake_advance(1);
	CHECK_INT(nstarted, 2);
	lrmd_op_done(started[1], 0, LRM_OP_DONE, "");
	CHECK_INT(nev, 1);                    /* unchanged: not reported */
	timer_fake_advance(1000);
	CHECK_INT(nstarted, 3);
	lrmd_op_done(started[2], 7, LRM_OP_DONE, "");
	CHECK_INT(nev, 2);                    /* changed to 7 */
	CHECK_INT(evs[1].rc, 7);
	CHECK_INT(evs[1].call_id, id);
	timer_fake_advance(1000);
	lrmd_op_done(started[3], 7, LRM_OP_DONE, "");
	CHECK_INT(nev, 2);                    /* 7 again: quiet */
	CHECK_INT(lrmd_cancel("r1", "monitor", 1000), 0);
	CHECK_INT(nev, 3);
	CHECK_INT(evs[2].op_status, LRM_OP_CANCELLED);
	timer_fake_advance(5000);
	CHECK_INT(nstarted, 4);               /* never again */
	CHECK_INT(lrmd_cancel("r1", "monitor", 1000), -1);
	CHECK_INT(lrmd_nops(), 0);
}

static void test_cancel_running(void)
{
	reset();
	submit("r1", "monitor", 2000, 0);
	CHECK_INT(lrmd_cancel("r1", "monitor", 2000), 0);
	CHECK_INT(nev, 0);                    /* reported when the run ends */
	lrmd_op_done(started[0], 0, LRM_OP_DONE, "");
	CHECK_INT(nev, 1);
	CHECK_INT(evs[0].op_status, LRM_OP_CANCELLED);
	timer_fake_advance(10000);
	CHECK_INT(nstarted, 1);
	CHECK_INT(lrmd_nops(), 0);
}

static void test_start_delay(void)
{
	reset();
	submit("r1", "monitor", 1000, 3000);
	CHECK_INT(nstarted, 0);
	timer_fake_advance(2999);
	CHECK_INT(nstarted, 0);
	timer_fake_advance(1);
	CHECK_INT(nstarted, 1);
	/* a delayed op cancelled before it ever ran is reported once */
	lrmd_op_done(started[0], 0, LRM_OP_DONE, "");
	CHECK_INT(lrmd_cancel("r1", "monitor", 1000), 0);
	CHECK_INT(nev, 2);
	submit("r9", "monitor", 1000, 3000);
	CHECK_INT(lrmd_cancel("r9", "monitor", 1000), 0);
	CHECK_INT(nev, 3);
	CHECK_INT(evs[2].op_status, LRM_OP_CANCELLED);
	CHECK(lrmd_find("r9") == NULL);       /* nothing ran, nothing recorded */
	/* Replacing a resource's only recurring op: the cancel drops the
	 * resource, the new op must land on a live one (fuzz_lrmd found a
	 * use after free here). */
	submit("r8", "monitor", 1000, 3000);
	submit("r8", "monitor", 1000, 3000);
	CHECK(lrmd_find("r8") != NULL);
	CHECK_INT(lrmd_nops(), 1);
	timer_fake_advance(3000);
	CHECK_INT(nstarted, 2);
	CHECK_STR(started[1]->rsc->id, "r8");
}

static void test_replace_and_forget(void)
{
	reset();
	submit("r1", "monitor", 1000, 0);
	lrmd_op_done(started[0], 0, LRM_OP_DONE, "");
	submit("r1", "monitor", 1000, 0);     /* same key: the old one goes */
	CHECK_INT(nev, 2);
	CHECK_INT(evs[1].op_status, LRM_OP_CANCELLED);
	CHECK_INT(lrmd_nops(), 1);
	lrmd_op_done(started[1], 0, LRM_OP_DONE, "");
	CHECK_INT(nev, 3);                    /* the new op's first result */
	CHECK_INT(lrmd_forget("r1"), 0);
	CHECK(lrmd_find("r1") == NULL);
	CHECK_INT(lrmd_nops(), 0);
	CHECK_INT(lrmd_forget("r1"), -1);
	timer_fake_advance(5000);
	CHECK_INT(nstarted, 2);
}

static void test_limits(void)
{
	char why[128] = "";
	struct lrm_req r = { 0 };

	reset();
	lrmd_set_limits(2, 100);
	CHECK(submit("r1", "start", 0, 0) > 0);  /* runs: not queued */
	CHECK(submit("r1", "stop", 0, 0) > 0);
	CHECK(submit("r1", "start", 0, 0) > 0);
	CHECK_INT(submit("r1", "stop", 0, 0), -1);
	r.rsc_id = "r1"; r.cls = "ocf"; r.provider = "heartbeat"; r.type = "Dummy"; r.op = "stop";
	r.user_data = "";
	CHECK_INT(lrmd_submit(&r, why, sizeof why), -1);
	CHECK(strstr(why, "queue full") != NULL);
	lrmd_set_limits(100, 3);
	CHECK_INT(lrmd_submit(&r, why, sizeof why), -1);
	CHECK(strstr(why, "too many") != NULL);
}

static void test_max_children(void)
{
	reset();
	lrmd_set_max_children(2);
	submit("a", "start", 0, 0);
	submit("b", "start", 0, 0);
	submit("c", "start", 0, 0);
	submit("d", "start", 0, 0);
	submit("a", "stop", 0, 0);
	CHECK_INT(nstarted, 2);               /* a and b; c, d (and a's stop) wait */
	CHECK_INT(lrmd_nrunning(), 2);
	timer_fake_advance(40);
	lrmd_op_done(started[0], 0, LRM_OP_DONE, "");   /* a done: c (waiting longest) goes */
	CHECK_INT(nstarted, 3);
	CHECK_STR(started[2]->rsc->id, "c");
	lrmd_op_done(started[1], 0, LRM_OP_DONE, "");   /* then d, before a's stop */
	CHECK_STR(started[3]->rsc->id, "d");
	lrmd_op_done(started[2], 0, LRM_OP_DONE, "");
	CHECK_INT(nstarted, 5);
	CHECK_STR(started[4]->op, "stop");
	CHECK_INT(evs[2].queue_time_ms, 40);  /* c waited for the slot */
	int before = nev;
	lrmd_forget("d");                      /* running: freed when it ends */
	lrmd_op_done(started[3], 0, LRM_OP_DONE, "");
	CHECK_INT(nev, before);                /* a forgotten one-shot op ends quietly */
	CHECK(lrmd_find("d") == NULL);
	lrmd_op_done(started[4], 0, LRM_OP_DONE, "");
	CHECK_INT(lrmd_nrunning(), 0);
	CHECK_INT(lrmd_nops(), 0);
	lrmd_set_max_children(0);
}

static void test_list(void)
{
	struct hb_msg *m = msg_new();
	struct lrm_rsc_info *v;
	int n;

	reset();
	submit("r1", "start", 0, 0);
	lrmd_op_done(started[0], 0, LRM_OP_DONE, "");
	submit("r1", "monitor", 1000, 0);
	lrmd_op_done(started[1], 0, LRM_OP_DONE, "");
	CHECK_INT(lrmd_list(m, 0, LRMD_LIST_PAGE), 0);
	n = lrm_proto_parse_list(m, &v);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(v[0].rsc_id, "r1");
		CHECK_INT(v[0].nops, 2);
		CHECK_STR(v[0].ops[1].op, "monitor");
		CHECK_INT(v[0].ops[1].recurring_active, 1);
		CHECK_STR(v[0].ops[0].user_data, "0:1:0:abc");
	}
	lrm_rsc_info_free_all(v, (size_t)n);
	msg_free(m);
}

static void test_list_pages(void)
{
	char id[32];
	int total = 0, pages = 0;
	size_t off = 0;

	reset();
	for (int i = 0; i < 300; i++) {
		snprintf(id, sizeof id, "rsc%03d", i);
		submit(id, "start", 0, 0);
		lrmd_op_done(started[nstarted - 1 < 64 ? nstarted - 1 : (nstarted - 1) % 64], 0, LRM_OP_DONE, "");
	}
	do {
		struct hb_msg *m = msg_new();
		struct lrm_rsc_info *v;
		size_t next = lrmd_list(m, off, 8000);
		int n = lrm_proto_parse_list(m, &v);
		if (n > 0 && total == 0)
			CHECK_STR(v[0].rsc_id, "rsc000");
		total += n;
		pages++;
		CHECK(next == 0 || next == off + (size_t)n);
		lrm_rsc_info_free_all(v, (size_t)n);
		msg_free(m);
		off = next;
	} while (off && pages < 1000);
	CHECK_INT(total, 300);
	CHECK(pages > 5);
}

int main(void)
{
	log_set_stderr(0);
	timer_fake_start(&now);
	lrmd_rsc_init(&fake, sink);
	test_one_at_a_time();
	test_recurring();
	test_cancel_running();
	test_start_delay();
	test_replace_and_forget();
	test_limits();
	test_max_children();
	test_list();
	test_list_pages();
	reset();
	return T_DONE();
}
