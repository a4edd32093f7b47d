/* lrmd's per-resource queue machine: an operation waits for its start
 * delay, then in its resource's queue until nothing else of that resource
 * runs, runs through the backend, is recorded, reported, and (recurring)
 * re-armed for its next interval.  No processes or sockets here: time is
 * clock_ms()/timers (fakeable), running is the backend, reporting the sink. */
#include <stdio.h>
#include <string.h>
#include "clock.h"
#include "log.h"
#include "lrmd.h"

static const struct lrmd_backend *backend;
static void (*sink)(const struct lrm_event *ev);
static GHashTable *rscs;          /* id -> struct lrmd_rsc * */
static int next_call_id = 1;
static int nqueued, nops, nrunning;
static int max_queued = LRMD_MAX_QUEUED, max_ops = LRMD_MAX_OPS;
static int max_children = LRMD_MAX_CHILDREN;
/* Resources with an op ready to run while max_children agents already
 * run, in the order they became ready: a join's thousands of probes fork
 * a few at a time, never all at once. */
static GQueue waiting = G_QUEUE_INIT;

int lrmd_nqueued(void) { return nqueued; }
int lrmd_nops(void) { return nops; }
int lrmd_nrunning(void) { return nrunning; }

void lrmd_set_limits(int mq, int mo)
{
	max_queued = mq > 0 ? mq : LRMD_MAX_QUEUED;
	max_ops = mo > 0 ? mo : LRMD_MAX_OPS;
}

void lrmd_set_max_children(int n)
{
	max_children = n > 0 ? n : LRMD_MAX_CHILDREN;
}

static void hist_free(gpointer p)
{
	struct lrmd_hist *h = p;

	g_free(h->op);
	g_free(h->user_data);
	g_free(h);
}

static void rsc_free(struct lrmd_rsc *r)
{
	if (r->waiting)
		g_queue_remove(&waiting, r);
	g_free(r->id);
	g_free(r->cls);
	g_free(r->provider);
	g_free(r->type);
	g_ptr_array_free(r->hist, TRUE);
	g_free(r);
}

void lrmd_rsc_init(const struct lrmd_backend *b, void (*s)(const struct lrm_event *ev))
{
	backend = b;
	sink = s;
	if (!rscs)
		rscs = g_hash_table_new(g_str_hash, g_str_equal);
}

struct lrmd_rsc *lrmd_find(const char *id)
{
	return rscs && id ? g_hash_table_lookup(rscs, id) : NULL;
}

static struct lrmd_rsc *rsc_get(const struct lrm_req *req)
{
	struct lrmd_rsc *r = lrmd_find(req->rsc_id);

	if (!r) {
		r = g_new0(struct lrmd_rsc, 1);
		r->id = g_strdup(req->rsc_id);
		g_queue_init(&r->queue);
		r->hist = g_ptr_array_new_with_free_func(hist_free);
		g_hash_table_insert(rscs, r->id, r);
	} else if (strcmp(r->cls, req->cls) || strcmp(r->type, req->type) ||
		   strcmp(r->provider, req->provider)) {
		/* The CIB may redefine a resource; the newest definition counts. */
		log_info("lrmd: resource %s is now %s:%s:%s", r->id, req->cls, req->provider, req->type);
	} else {
		r->forgotten = false;
		return r;
	}
	g_free(r->cls);
	g_free(r->provider);
	g_free(r->type);
	r->cls = g_strdup(req->cls);
	r->provider = g_strdup(req->provider ? req->provider : "");
	r->type = g_strdup(req->type);
	r->forgotten = false;
	return r;
}

/* The resource goes when nothing of it is alive and nothing is recorded. */
static void rsc_maybe_drop(struct lrmd_rsc *r)
{
	if (r->ops || r->running || (r->hist->len && !r->forgotten))
		return;
	g_hash_table_remove(rscs, r->id);
	rsc_free(r);
}

static void op_free(struct lrmd_op *o)
{
	timer_stop(&o->timer);
	o->rsc->ops = g_list_remove(o->rsc->ops, o);
	nops--;
	g_free(o->op);
	g_free(o->user_data);
	g_strfreev(o->pnames);
	g_strfreev(o->pvalues);
	g_free(o);
}

static void fill_event(struct lrm_event *ev, const struct lrmd_op *o, int rc,
		       enum lrm_op_status st, const char *output)
{
	memset(ev, 0, sizeof *ev);
	ev->rsc_id = o->rsc->id;
	ev->op = o->op;
	ev->interval_ms = o->interval_ms;
	ev->call_id = o->call_id;
	ev->rc = rc;
	ev->op_status = st;
	ev->user_data = o->user_data;
	ev->output = output ? output : "";
	ev->cls = o->rsc->cls;
	ev->provider = o->rsc->provider;
	ev->type = o->rsc->type;
	ev->last_run = o->last_run;
	ev->last_rc_change = o->last_rc_change;
}

static void report_cancelled(struct lrmd_op *o)
{
	struct lrm_event ev;

	fill_event(&ev, o, o->reported ? o->last_rc : 0, LRM_OP_CANCELLED, NULL);
	if (!ev.last_run)
		ev.last_run = ev.last_rc_change = time(NULL);
	if (sink)
		sink(&ev);
}

static void kick(struct lrmd_rsc *r);

static void enqueue(struct lrmd_op *o)
{
	o->queued = true;
	o->t_queued = clock_ms();
	nqueued++;
	g_queue_push_tail(&o->rsc->queue, o);
	kick(o->rsc);
}

static void on_timer(void *data)
{
	struct lrmd_op *o = data;

	enqueue(o);
}

static void run_head(struct lrmd_rsc *r);
static void drain(void);

/* Run the head of the queue if the resource is idle and a child slot is
 * free; else the resource waits its turn. */
static void kick(struct lrmd_rsc *r)
{
	if (r->running || r->waiting || !r->queue.length)
		return;
	r->waiting = true;
	g_queue_push_tail(&waiting, r);
	drain();
}

/* A slot came free: the longest-waiting resources go first. */
static void drain(void)
{
	struct lrmd_rsc *r;

	while (nrunning < max_children && (r = g_queue_pop_head(&waiting))) {
		r->waiting = false;
		if (!r->running && r->queue.length)
			run_head(r);
	}
}

static void run_head(struct lrmd_rsc *r)
{
	struct lrmd_op *o = g_queue_pop_head(&r->queue);

	if (!o)
		return;
	nqueued--;
	o->queued = false;
	o->running = true;
	r->running = o;
	nrunning++;
	o->t_started = clock_ms();
	o->last_run = time(NULL);
	o->run = backend->start(o);
}

static struct lrmd_hist *hist_for(struct lrmd_rsc *r, const char *op, unsigned interval)
{
	struct lrmd_hist *h;

	for (guint i = 0; i < r->hist->len; i++) {
		h = r->hist->pdata[i];
		if (h->interval_ms == interval && !strcmp(h->op, op))
			return h;
	}
	h = g_new0(struct lrmd_hist, 1);
	h->op = g_strdup(op);
	h->interval_ms = interval;
	g_ptr_array_add(r->hist, h);
	return h;
}

void lrmd_op_done(struct lrmd_op *o, int rc, enum lrm_op_status st, const char *output)
{
	struct lrmd_rsc *r = o->rsc;
	uint64_t now = clock_ms();
	bool changed = !o->reported || rc != o->last_rc || st != o->last_status;
	struct lrm_event ev;
	unsigned exec_ms = (unsigned)(now - o->t_started);
	unsigned queue_ms = (unsigned)(o->t_started - o->t_queued);

	o->running = false;
	o->run = NULL;
	r->running = NULL;
	nrunning--;
	if (changed && (!o->reported || rc != o->last_rc))
		o->last_rc_change = o->last_run;
	if (!o->cancelled && !r->forgotten) {
		struct lrmd_hist *h = hist_for(r, o->op, o->interval_ms);
		h->call_id = o->call_id;
		h->rc = rc;
		h->status = st;
		h->exec_ms = exec_ms;
		h->queue_ms = queue_ms;
		h->last_run = o->last_run;
		h->last_rc_change = o->last_rc_change;
		g_free(h->user_data);
		h->user_data = g_strdup(o->user_data);
	}
	if (!o->cancelled && (changed || !o->interval_ms))
		log_msg(rc == 0 || (rc == 7 && !strcmp(o->op, "monitor")) ? LOG_LVL_INFO : LOG_LVL_WARN,
			"lrmd: operation %s[%d] on %s (interval %u ms): %s, rc %d (%s), %u ms",
			o->op, o->call_id, r->id, o->interval_ms, lrm_op_status_str(st), rc,
			lrm_rc_str(rc), exec_ms);
	o->last_rc = rc;
	o->last_status = st;
	if (o->cancelled) {
		if (!o->silent)
			report_cancelled(o);
	} else if (changed || !o->interval_ms) {
		/* a recurring op reports its first result and every change, as lrmd did */
		fill_event(&ev, o, rc, st, output);
		ev.exec_time_ms = exec_ms;
		ev.queue_time_ms = queue_ms;
		if (sink)
			sink(&ev);
	}
	o->reported = true;
	if (o->interval_ms && !o->cancelled && !r->forgotten)
		timer_start(&o->timer, o->interval_ms);
	else
		op_free(o);
	kick(r);
	drain();
	rsc_maybe_drop(r);
}

/* Take o out of wherever it waits; a running one finishes first. */
static void op_cancel(struct lrmd_op *o, bool report)
{
	if (o->running) {
		o->cancelled = true;   /* reported and freed by lrmd_op_done */
		o->silent = !report;
		return;
	}
	if (o->queued) {
		g_queue_remove(&o->rsc->queue, o);
		nqueued--;
	}
	if (report)
		report_cancelled(o);
	op_free(o);
}

int lrmd_submit(const struct lrm_req *req, char *why, size_t whylen)
{
	struct lrmd_rsc *r;
	struct lrmd_op *o;

	if (nqueued >= max_queued) {
		snprintf(why, whylen, "queue full (%d operations waiting)", nqueued);
		return -1;
	}
	if (nops >= max_ops) {
		snprintf(why, whylen, "too many operations (%d alive)", nops);
		return -1;
	}
	/* A new recurring op replaces the one with the same name and interval.
	 * Cancel first: cancelling the resource's last op may drop (free) the
	 * resource, so it is looked up after (fuzz_lrmd found the use after
	 * free). */
	if (req->interval_ms)
		lrmd_cancel(req->rsc_id, req->op, req->interval_ms);
	r = rsc_get(req);
	o = g_new0(struct lrmd_op, 1);
	o->call_id = next_call_id++;
	if (next_call_id <= 0)
		next_call_id = 1;
	o->rsc = r;
	o->op = g_strdup(req->op);
	o->user_data = g_strdup(req->user_data ? req->user_data : "");
	o->nparams = req->nparams;
	o->pnames = g_new0(char *, req->nparams + 1);
	o->pvalues = g_new0(char *, req->nparams + 1);
	for (size_t i = 0; i < req->nparams; i++) {
		o->pnames[i] = g_strdup(req->pnames[i]);
		o->pvalues[i] = g_strdup(req->pvalues[i]);
	}
	o->interval_ms = req->interval_ms;
	o->timeout_ms = req->timeout_ms ? req->timeout_ms : LRMD_DEFAULT_TIMEOUT_MS;
	o->start_delay_ms = req->start_delay_ms;
	timer_init(&o->timer, on_timer, o);
	r->ops = g_list_append(r->ops, o);
	nops++;
	if (o->start_delay_ms)
		timer_start(&o->timer, o->start_delay_ms);
	else
		enqueue(o);
	return o->call_id;
}

int lrmd_cancel(const char *rsc_id, const char *op, unsigned interval_ms)
{
	struct lrmd_rsc *r = lrmd_find(rsc_id);
	int n = 0;

	if (!r || !op)
		return -1;
	for (GList *l = r->ops, *next; l; l = next) {
		struct lrmd_op *o = l->data;
		next = l->next;
		if (o->cancelled || o->interval_ms != interval_ms || strcmp(o->op, op))
			continue;
		op_cancel(o, true);
		n++;
	}
	if (n)
		rsc_maybe_drop(r);
	return n ? 0 : -1;
}

int lrmd_forget(const char *rsc_id)
{
	struct lrmd_rsc *r = lrmd_find(rsc_id);

	if (!r)
		return -1;
	for (GList *l = r->ops, *next; l; l = next) {
		struct lrmd_op *o = l->data;
		next = l->next;
		if (!o->cancelled)
			op_cancel(o, o->interval_ms != 0);
	}
	g_ptr_array_set_size(r->hist, 0);
	r->forgotten = true;
	rsc_maybe_drop(r);
	return 0;
}

static bool recurring_alive(const struct lrmd_rsc *r, const struct lrmd_hist *h)
{
	for (const GList *l = r->ops; l; l = l->next) {
		const struct lrmd_op *o = l->data;
		if (!o->cancelled && o->interval_ms && o->interval_ms == h->interval_ms &&
		    !strcmp(o->op, h->op))
			return true;
	}
	return false;
}

/* Rough size of a resource in a list reply: a page must stay well under
 * MSG_MAXMSG however many resources there are. */
static size_t est_size(const struct lrmd_rsc *r)
{
	size_t n = 96 + strlen(r->id) + strlen(r->cls) + strlen(r->provider) + strlen(r->type);

	for (guint i = 0; i < r->hist->len; i++) {
		const struct lrmd_hist *h = r->hist->pdata[i];
		n += 256 + strlen(h->op) + (h->user_data ? strlen(h->user_data) : 0);
	}
	return n;
}

size_t lrmd_list(struct hb_msg *reply, size_t offset, size_t budget)
{
	GList *ids, *l;
	size_t idx = 0, used = 0, next = 0;

	if (!rscs)
		return 0;
	/* sorted, so that the pages of one listing follow each other */
	ids = g_list_sort(g_hash_table_get_keys(rscs), (GCompareFunc)strcmp);
	for (l = ids; l; l = l->next) {
		struct lrmd_rsc *r = g_hash_table_lookup(rscs, l->data);
		struct lrm_rsc_info ri = { r->id, r->cls, r->provider, r->type, NULL, 0 };
		struct lrm_op_record *ops;
		size_t sz;

		if (r->forgotten)
			continue;
		if (idx++ < offset)
			continue;
		sz = est_size(r);
		if (used && used + sz > budget) {
			next = idx - 1;
			break;
		}
		used += sz;
		ops = g_new0(struct lrm_op_record, r->hist->len + 1);
		for (guint i = 0; i < r->hist->len; i++) {
			const struct lrmd_hist *h = r->hist->pdata[i];
			ops[i] = (struct lrm_op_record){ h->op, h->interval_ms, h->call_id, h->rc,
							 h->status, h->exec_ms, h->queue_ms, h->last_run,
							 h->last_rc_change, h->user_data,
							 recurring_alive(r, h) };
		}
		ri.ops = ops;
		ri.nops = r->hist->len;
		lrm_proto_add_rsc(reply, &ri);
		g_free(ops);
	}
	g_list_free(ids);
	return next;
}

void lrmd_rsc_shutdown(void)
{
	GHashTableIter it;
	gpointer k, v;
	GList *all;

	if (!rscs)
		return;
	all = g_hash_table_get_values(rscs);
	for (GList *l = all; l; l = l->next) {
		struct lrmd_rsc *r = l->data;
		if (r->running && r->running->run && backend && backend->kill)
			backend->kill(r->running->run);
	}
	g_list_free(all);
	/* What still runs is abandoned: its done callback must find nothing. */
	g_hash_table_iter_init(&it, rscs);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		struct lrmd_rsc *r = v;
		while (r->ops) {
			struct lrmd_op *o = r->ops->data;
			if (o->queued)
				nqueued--;
			if (o->running)
				nrunning--;
			op_free(o);
		}
		g_queue_clear(&r->queue);
		r->running = NULL;
		if (r->waiting)
			g_queue_remove(&waiting, r);
		r->waiting = false;
		g_hash_table_iter_remove(&it);
		rsc_free(r);
	}
}
