/* lrmtest: a command-line client of lrmd for tests/lrm/suite, through
 * lib/lrm exactly as crmd uses it.  One request per run, or "watch", which
 * prints every event as one line until a count or a time limit:
 *   lrmtest SOCK exec RSC CLASS[:PROVIDER]:TYPE OP INTERVAL TIMEOUT [DELAY] [name=value...]
 *   lrmtest SOCK run  ... (same, then waits for that call's event and prints it)
 *   lrmtest SOCK cancel RSC OP INTERVAL | forget RSC | list
 *   lrmtest SOCK watch COUNT SECONDS
 *   lrmtest SOCK bench N STATEDIR   (N probes of ocf:heartbeat:Dummy, one per resource)
 * Event lines: "event rsc=R op=O interval=I call=C rc=N status=S exec=E queue=Q ud=U out=BYTES" */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lrm/lrm_client.h"

static int want_call = -1, seen, limit;
static unsigned max_queue_ms, max_exec_ms;
static bool quiet;
static bool verbose_out;

static void print_ev(const struct lrm_event *ev)
{
	printf("event rsc=%s op=%s interval=%u call=%d rc=%d status=%d exec=%u queue=%u ud=%s out=%zu\n",
	       ev->rsc_id, ev->op, ev->interval_ms, ev->call_id, ev->rc, (int)ev->op_status,
	       ev->exec_time_ms, ev->queue_time_ms, ev->user_data, strlen(ev->output));
	if (verbose_out)
		fputs(ev->output, stdout);
	fflush(stdout);
}

static void on_event(struct lrm_conn *c, const struct lrm_event *ev, void *data)
{
	if (!ev) {
		printf("lost\n");
		exit(3);
	}
	if (ev->queue_time_ms > max_queue_ms)
		max_queue_ms = ev->queue_time_ms;
	if (ev->exec_time_ms > max_exec_ms)
		max_exec_ms = ev->exec_time_ms;
	if (quiet) {
		seen++;
		return;
	}
	if (want_call > 0) {
		if (ev->call_id == want_call) {
			print_ev(ev);
			seen++;
		}
		return;
	}
	print_ev(ev);
	seen++;
}

static void wait_events(struct lrm_conn *c, int count, int secs)
{
	GTimer *t = g_timer_new();

	while (seen < count && g_timer_elapsed(t, NULL) < secs) {
		struct pollfd p = { lrm_fd(c), POLLIN, 0 };
		/* dispatch even when the socket is quiet: an event may have come in
		 * with the reply to our request and wait in the queue already */
		if (lrm_dispatch(c) < 0) {
			printf("lost\n");
			exit(3);
		}
		if (seen >= count)
			break;
		if (poll(&p, 1, 200) > 0 && lrm_dispatch(c) < 0) {
			printf("lost\n");
			exit(3);
		}
	}
	g_timer_destroy(t);
}

static int do_exec(struct lrm_conn *c, int argc, char **argv, bool wait)
{
	struct lrm_op_req r = { 0 };
	struct lrm_param p[64];
	char **spec;
	int n = 0, first, id;

	if (argc < 5) {
		fprintf(stderr, "exec RSC CLASS[:PROVIDER]:TYPE OP INTERVAL TIMEOUT [DELAY] [name=value...]\n");
		return 2;
	}
	spec = g_strsplit(argv[1], ":", 3);
	r.rsc_id = argv[0];
	r.cls = spec[0];
	if (spec[1] && spec[2]) {
		r.provider = spec[1];
		r.type = spec[2];
	} else {
		r.type = spec[1];
	}
	r.op = argv[2];
	r.interval_ms = (unsigned)atoi(argv[3]);
	r.timeout_ms = (unsigned)atoi(argv[4]);
	first = 5;
	if (argc > 5 && !strchr(argv[5], '=')) {
		r.start_delay_ms = (unsigned)atoi(argv[5]);
		first = 6;
	}
	for (int i = first; i < argc && n < 64; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq)
			continue;
		*eq = 0;
		if (!strcmp(argv[i], "ud")) {
			r.user_data = eq + 1;
			continue;
		}
		p[n].name = argv[i];
		p[n].value = eq + 1;
		n++;
	}
	r.params = p;
	r.nparams = (size_t)n;
	id = lrm_exec(c, &r);
	g_strfreev(spec);
	if (id < 0) {
		fprintf(stderr, "lrmtest: exec refused: %s\n", lrm_errmsg(c));
		return 1;
	}
	printf("call %d\n", id);
	fflush(stdout);
	if (!wait)
		return 0;
	want_call = id;
	wait_events(c, 1, limit ? limit : 120);
	return seen ? 0 : 4;
}

int main(int argc, char **argv)
{
	GError *err = NULL;
	struct lrm_conn *c;
	const char *cmd;
	int rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: lrmtest SOCK exec|run|cancel|forget|list|watch ...\n");
		return 2;
	}
	verbose_out = getenv("LRMTEST_OUTPUT") != NULL;
	limit = getenv("LRMTEST_WAIT") ? atoi(getenv("LRMTEST_WAIT")) : 0;
	c = lrm_connect(argv[1], &err);
	if (!c) {
		fprintf(stderr, "lrmtest: %s\n", err->message);
		g_error_free(err);
		return 1;
	}
	lrm_attach(c, NULL, on_event, NULL);   /* callback only; we dispatch by hand */
	cmd = argv[2];
	if (!strcmp(cmd, "exec") || !strcmp(cmd, "run")) {
		rc = do_exec(c, argc - 3, argv + 3, cmd[0] == 'r');
	} else if (!strcmp(cmd, "cancel") && argc == 6) {
		rc = lrm_cancel(c, argv[3], argv[4], (unsigned)atoi(argv[5])) < 0 ? 1 : 0;
		if (rc)
			fprintf(stderr, "lrmtest: cancel: %s\n", lrm_errmsg(c));
	} else if (!strcmp(cmd, "forget") && argc == 4) {
		rc = lrm_forget(c, argv[3]) < 0 ? 1 : 0;
	} else if (!strcmp(cmd, "list")) {
		struct lrm_rsc_info *v;
		int n = lrm_list(c, &v);
		if (n < 0) {
			fprintf(stderr, "lrmtest: list: %s\n", lrm_errmsg(c));
			rc = 1;
		}
		for (int i = 0; i < n; i++) {
			printf("rsc %s %s:%s:%s\n", v[i].rsc_id, v[i].cls, v[i].provider, v[i].type);
			for (size_t j = 0; j < v[i].nops; j++)
				printf("  op %s interval=%u call=%d rc=%d status=%d recurring=%d ud=%s\n",
				       v[i].ops[j].op, v[i].ops[j].interval_ms, v[i].ops[j].call_id,
				       v[i].ops[j].rc, (int)v[i].ops[j].op_status,
				       v[i].ops[j].recurring_active, v[i].ops[j].user_data);
		}
		if (n >= 0)
			lrm_rsc_info_free_all(v, (size_t)n);
	} else if (!strcmp(cmd, "bench") && argc == 5) {
		int n = atoi(argv[3]), ok = 0;
		char id[32], *st;
		struct lrm_param p[1];
		struct lrm_op_req r = { NULL, "ocf", "heartbeat", "Dummy", p, 1, NULL, "monitor", 0,
					20000, 0, NULL };
		gint64 t0 = g_get_monotonic_time();
		quiet = true;
		p[0].name = "state";
		for (int i = 0; i < n; i++) {
			snprintf(id, sizeof id, "bench%d", i);
			st = g_strdup_printf("%s/%s.state", argv[4], id);
			p[0].value = st;
			r.rsc_id = id;
			ok += lrm_exec(c, &r) > 0;
			g_free(st);
		}
		double sub = (g_get_monotonic_time() - t0) / 1000.0;
		wait_events(c, ok, 120);
		double all = (g_get_monotonic_time() - t0) / 1000.0;
		printf("bench %d probes: submitted in %.0f ms, all done in %.0f ms (%.0f ops/s), "
		       "max queue %u ms, max exec %u ms, %d events\n", ok, sub, all,
		       all > 0 ? ok * 1000.0 / all : 0, max_queue_ms, max_exec_ms, seen);
		rc = seen == n ? 0 : 1;
		for (int i = 0; i < n; i++) {
			snprintf(id, sizeof id, "bench%d", i);
			lrm_forget(c, id);
		}
	} else if (!strcmp(cmd, "watch") && argc == 5) {
		printf("watching\n");
		fflush(stdout);
		wait_events(c, atoi(argv[3]), atoi(argv[4]));
	} else {
		fprintf(stderr, "lrmtest: bad command\n");
		rc = 2;
	}
	lrm_close(c);
	return rc;
}
