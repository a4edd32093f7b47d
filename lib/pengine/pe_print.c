/* Text output in the form of crm_simulate -S (Pacemaker 2.1.5): the cluster
 * status before and after, the Transition Summary (one line per decided
 * change of a resource, and fencing), and the executed actions.  Reads the
 * working set only. */
#include <stdlib.h>
#include <string.h>
#include "pengine/pe.h"

static int on_node(struct pe_rsc *r, struct pe_node *n)
{
	for (guint i = 0; i < r->running->len; i++)
		if (g_ptr_array_index(r->running, i) == n)
			return 1;
	return 0;
}

static int start_happens(struct pe_rsc *r)
{
	return r->start && r->next && r->start->runnable && (!r->start->optional || on_node(r, r->next));
}

/* Where a primitive is after the transition (NULL: stopped), and whether it
 * is still failed/blocked there. */
static struct pe_node *final_node(struct pe_rsc *r)
{
	if (!r->managed || r->failed_stop_block)
		return r->running->len ? g_ptr_array_index(r->running, 0) : NULL;
	if (start_happens(r))
		return r->next;
	/* Stops that cannot run leave it where it is. */
	for (guint i = 0; i < r->stops->len; i++) {
		struct pe_action *s = g_ptr_array_index(r->stops, i);
		if (!s->runnable || s->optional)
			return s->node;
	}
	return NULL;
}

static void agent(struct pe_rsc *r, char *buf, size_t len)
{
	struct cib_rsc *c = r->cfg;
	if (c->provider && c->cls && !strcmp(c->cls, "ocf"))
		snprintf(buf, len, "%s:%s:%s", c->cls, c->provider, c->type ? c->type : "");
	else
		snprintf(buf, len, "%s:%s", c->cls ? c->cls : "", c->type ? c->type : "");
}

static void print_prim(struct pe_ws *ws, FILE *out, struct pe_rsc *r, const char *ind, int revised)
{
	char ag[256];
	agent(r, ag, sizeof ag);
	GString *st = g_string_new(NULL);
	int blocked = 0;
	if (!revised) {
		if (r->running->len == 0) {
			g_string_append(st, "Stopped");
		} else if (r->running->len > 1) {
			g_string_append(st, r->failed ? "FAILED [" : "Started [");
			for (guint i = 0; i < r->running->len; i++)
				g_string_append_printf(st, " %s", ((struct pe_node *)g_ptr_array_index(r->running, i))->uname);
			g_string_append(st, " ]");
		} else {
			struct pe_node *n = g_ptr_array_index(r->running, 0);
			g_string_append_printf(st, "%s %s", r->failed ? "FAILED" : (r->pending_start ? "Starting" : "Started"), n->uname);
		}
		blocked = r->failed_stop_block;
	} else {
		struct pe_node *n = final_node(r);
		if (n) {
			int still_failed = r->failed && (!r->managed || r->failed_stop_block || !start_happens(r));
			g_string_append_printf(st, "%s %s", still_failed ? "FAILED" : "Started", n->uname);
		} else {
			g_string_append(st, "Stopped");
		}
		blocked = r->failed_stop_block;
	}
	GString *flags = g_string_new(NULL);
	if (r->orphan)
		g_string_append(flags, " ORPHANED");
	if (r->target_stopped && !r->orphan)
		g_string_append(flags, r->managed && !blocked ? " (disabled)" : "");
	if (!r->managed || blocked) {
		if (r->target_stopped)
			g_string_append(flags, blocked ? " (disabled, blocked)" : " (disabled, unmanaged)");
		else
			g_string_append(flags, blocked ? " (blocked)" : " (unmanaged)");
	}
	(void)ws;
	fprintf(out, "%s* %s\t(%s):\t %s%s\n", ind, r->id, ag, st->str, flags->str);
	g_string_free(st, TRUE);
	g_string_free(flags, TRUE);
}

/* Collective flags as crm_mon prints them. */
static const char *coll_flags(struct pe_rsc *r)
{
	const char *v = cib_nv_get(&r->cfg->meta, "target-role");
	if (v && !g_ascii_strcasecmp(v, "Stopped"))
		return " (disabled)";
	v = cib_nv_get(&r->cfg->meta, "is-managed");
	if (v && !cib_is_true(v))
		return " (unmanaged)";
	return "";
}

/* Node names sort with their numbers compared as numbers (node2 < node10). */
int pe_natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (g_ascii_isdigit(*a) && g_ascii_isdigit(*b)) {
			char *ea, *eb;
			unsigned long long x = strtoull(a, &ea, 10), y = strtoull(b, &eb, 10);
			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		int ca = g_ascii_tolower(*a), cb = g_ascii_tolower(*b);
		if (ca != cb)
			return ca < cb ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static int node_cmp(gconstpointer a, gconstpointer b)
{
	const struct pe_node *x = *(struct pe_node *const *)a, *y = *(struct pe_node *const *)b;
	return pe_natural_cmp(x->uname, y->uname);
}

static void node_list(GString *s, GPtrArray *nodes)
{
	g_ptr_array_sort(nodes, node_cmp);
	for (guint i = 0; i < nodes->len; i++)
		g_string_append_printf(s, " %s", ((struct pe_node *)g_ptr_array_index(nodes, i))->uname);
}

static void print_clone(struct pe_ws *ws, FILE *out, struct pe_rsc *c, int revised)
{
	struct cib_rsc *child = c->cfg->children->len ? g_ptr_array_index(c->cfg->children, 0) : NULL;
	fprintf(out, "    * Clone Set: %s [%s]%s:\n", c->id, child ? child->id : "?", coll_flags(c));
	GPtrArray *started = g_ptr_array_new(), *stopped = g_ptr_array_new();
	int inactive = 0;
	/* Failed instances are shown one by one, the healthy ones summarised. */
	for (guint i = 0; i < c->children->len; i++) {
		struct pe_rsc *p = g_ptr_array_index(c->children, i);
		while (p && p->kind == PE_GROUP)
			p = p->children->len ? g_ptr_array_index(p->children, 0) : NULL;
		if (!p)
			continue;
		if (revised ? !final_node(p) : !p->running->len)
			inactive++;
		else if (!revised && p->failed && p->kind == PE_PRIMITIVE && p->parent == c) {
			char *save = p->id;
			p->id = (char *)p->base;
			print_prim(ws, out, p, "      ", 0);
			p->id = save;
		}
	}
	for (guint k = 0; k < ws->nodes->len; k++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, k);
		int here = 0;
		for (guint i = 0; i < c->children->len; i++) {
			struct pe_rsc *inst = g_ptr_array_index(c->children, i);
			struct pe_rsc *p = inst;
			while (p->kind == PE_GROUP)
				p = p->children->len ? g_ptr_array_index(p->children, 0) : NULL;
			if (!p)
				continue;
			if (revised ? final_node(p) == n : (on_node(p, n) && !(p->failed && p->parent == c)))
				here = 1;
			else if (!revised && on_node(p, n))
				here = -1;
		}
		if (here < 0)
			continue;
		if (here)
			g_ptr_array_add(started, n);
		else if (!n->unclean && (revised ? !n->fence : 1) && !(n->online == 0 && !n->unclean))
			g_ptr_array_add(stopped, n);
	}
	GString *s = g_string_new(NULL);
	if (started->len) {
		node_list(s, started);
		fprintf(out, "      * Started: [%s ]\n", s->str);
	}
	g_string_truncate(s, 0);
	if (stopped->len && inactive) {
		node_list(s, stopped);
		fprintf(out, "      * Stopped%s: [%s ]\n", !strcmp(coll_flags(c), " (disabled)") ? " (disabled)" : "", s->str);
	}
	g_string_free(s, TRUE);
	g_ptr_array_free(started, TRUE);
	g_ptr_array_free(stopped, TRUE);
}

void pe_print_status(struct pe_ws *ws, FILE *out, int revised)
{
	fprintf(out, "%s\n", revised ? "Revised Cluster Status:" : "Current cluster status:");
	fprintf(out, "  * Node List:\n");
	GPtrArray *online = g_ptr_array_new(), *offline = g_ptr_array_new();
	for (guint i = 0; i < ws->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		int unclean = n->unclean && !(revised && n->fence);
		if (unclean)
			fprintf(out, "    * Node %s: UNCLEAN (%s)\n", n->uname, n->member ? "online" : "offline");
		else if (n->pending && !(revised && n->fence))
			fprintf(out, "    * Node %s: pending\n", n->uname);
		else if (n->online && n->maintenance)
			fprintf(out, "    * Node %s: maintenance\n", n->uname);
		else if (n->online && n->standby)
			fprintf(out, "    * Node %s: standby\n", n->uname);
		else if (n->online)
			g_ptr_array_add(online, n);
		else
			g_ptr_array_add(offline, n);
	}
	GString *s = g_string_new(NULL);
	if (online->len) {
		node_list(s, online);
		fprintf(out, "    * Online: [%s ]\n", s->str);
	}
	g_string_truncate(s, 0);
	if (offline->len) {
		node_list(s, offline);
		fprintf(out, "    * OFFLINE: [%s ]\n", s->str);
	}
	g_string_free(s, TRUE);
	g_ptr_array_free(online, TRUE);
	g_ptr_array_free(offline, TRUE);
	fprintf(out, "\n  * Full List of Resources:\n");
	if (ws->rscs->len == 0)
		fprintf(out, "    * No resources\n");
	for (guint i = 0; i < ws->rscs->len; i++) {
		struct pe_rsc *r = g_ptr_array_index(ws->rscs, i);
		if (r->kind == PE_PRIMITIVE) {
			if (r->orphan && revised && !final_node(r))
				continue;
			print_prim(ws, out, r, "    ", revised);
		} else if (r->kind == PE_GROUP) {
			fprintf(out, "    * Resource Group: %s%s:\n", r->id, coll_flags(r));
			for (guint k = 0; k < r->children->len; k++)
				print_prim(ws, out, g_ptr_array_index(r->children, k), "      ", revised);
		} else {
			print_clone(ws, out, r, revised);
		}
	}
}

struct line {
	const char *verb;
	char *rsc, *where, *tail;
};

static void add_line(GPtrArray *l, const char *verb, const char *rsc, char *where, char *tail)
{
	struct line *x = g_new0(struct line, 1);
	x->verb = verb;
	x->rsc = g_strdup(rsc);
	x->where = where;
	x->tail = tail;
	g_ptr_array_add(l, x);
}

static char *reason_tail(const char *reason, int blocked)
{
	if (reason && blocked)
		return g_strdup_printf("  due to %s (blocked)", reason);
	if (reason)
		return g_strdup_printf("  due to %s", reason);
	if (blocked)
		return g_strdup("  blocked");
	return g_strdup("");
}

static int runs(const struct pe_action *a)
{
	return a && !a->optional && a->runnable;
}

/* The node column as Pacemaker 2.1.5 words it: with the roles when the
 * resource is or becomes an instance of a promotable clone in a role other
 * than plain started (the role is shown once when it does not change). */
static char *where(struct pe_rsc *r, struct pe_node *from, struct pe_node *to)
{
	int role = pe_role_now(r), next = to ? pe_role_next(r) : PE_ROLE_STOPPED;
	int need = role > PE_ROLE_STARTED || next > PE_ROLE_UNPROMOTED;
	const char *rn = pe_role_name(role), *nn = pe_role_name(next);
	if (!need) {
		if (!from || !to)
			return g_strdup((from ? from : to)->uname);
		if (from == to)
			return g_strdup(from->uname);
		return g_strdup_printf("%s -> %s", from->uname, to->uname);
	}
	if (!from)
		return g_strdup_printf("%s -> %s %s", rn, nn, to->uname);
	if (!to)
		return g_strdup_printf("%s %s", rn, from->uname);
	if (role == next && from == to)
		return g_strdup_printf("%s %s", rn, from->uname);
	if (role == next)
		return g_strdup_printf("%s -> %s %s", from->uname, to->uname, rn);
	if (from == to)
		return g_strdup_printf("%s -> %s %s", rn, nn, from->uname);
	return g_strdup_printf("%s %s -> %s %s", rn, from->uname, nn, to->uname);
}

static void summarize(struct pe_rsc *r, GPtrArray *lines)
{
	struct pe_action *s = r->start;
	if (!r->managed && !r->failed_stop_block)
		return;
	if (r->failed_stop_block)
		return;
	struct pe_action *stop = NULL;
	int stop_req = 0, stop_blocked = 0;
	for (guint i = 0; i < r->stops->len; i++) {
		struct pe_action *x = g_ptr_array_index(r->stops, i);
		if (!x->optional) {
			stop_req = 1;
			if (!stop)
				stop = x;
			if (!x->runnable)
				stop_blocked = 1;
		}
	}
	int start_req = s && r->next && !s->optional;
	struct pe_node *cur = r->running->len ? g_ptr_array_index(r->running, 0) : NULL;
	if (!cur) {
		if (start_req && s->runnable && runs(r->promote))
			add_line(lines, "Promote", r->id, where(r, NULL, r->next), g_strdup(""));
		else if (start_req)
			add_line(lines, "Start", r->id, g_strdup(r->next->uname),
				 s->runnable ? g_strdup("") : reason_tail(s->reason, 1));
		return;
	}
	if (r->next == cur && !stop_req) {
		/* Only the role changes. */
		if (runs(r->demote) && runs(r->promote))
			add_line(lines, "Re-promote", r->id, where(r, cur, cur), g_strdup(""));
		else if (runs(r->demote))
			add_line(lines, "Demote", r->id, where(r, cur, cur), g_strdup(""));
		else if (runs(r->promote))
			add_line(lines, "Promote", r->id, where(r, cur, cur), g_strdup(""));
		return;
	}
	if (!stop_req && !start_req)
		return;
	if (r->next && s->runnable && start_req) {
		if (r->next == cur) {
			if (r->failed)
				add_line(lines, "Recover", r->id, where(r, cur, cur), g_strdup(""));
			else
				add_line(lines, "Restart", r->id, where(r, cur, cur),
					 reason_tail(s->reason ? s->reason : stop && stop->reason ? stop->reason :
						     r->def_changed && !r->agent_changed ? "resource definition change" : NULL, 0));
		} else {
			add_line(lines, r->failed ? "Recover" : r->migrate_from ? "Migrate" : "Move", r->id,
				 where(r, cur, r->next),
				 stop_blocked ? g_strdup("  blocked") : g_strdup(""));
		}
		return;
	}
	/* Stopping for good (on every node where it is active). */
	const char *why = "node availability";
	if ((r->next || (stop_blocked && stop && stop->pseudo)) && stop && stop->reason)
		why = stop->reason;
	else if (r->next && !s->runnable && s->reason)
		why = s->reason;
	for (guint i = 0; i < r->stops->len; i++) {
		struct pe_action *x = g_ptr_array_index(r->stops, i);
		if (!x->optional || x == stop)
			add_line(lines, "Stop", r->id, where(r, x->node, NULL), reason_tail(why, !x->runnable));
	}
}

void pe_print_summary(struct pe_ws *ws, FILE *out)
{
	fprintf(out, "Transition Summary:\n");
	for (guint i = ws->nodes->len; i-- > 0;) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		if (n->fence)
			fprintf(out, "  * Fence (reboot) %s '%s'\n", n->uname, n->fence_reason ? n->fence_reason : "node is unclean");
	}
	GPtrArray *lines = g_ptr_array_new();
	for (guint i = 0; i < ws->prims->len; i++)
		summarize(g_ptr_array_index(ws->prims, i), lines);
	/* Column widths grow as Pacemaker's do: the name column starts at 5
	 * and becomes len+2 whenever a longer name comes; the node column is
	 * as wide as the widest entry (at least 5). */
	int rw = 5, ww = 5;
	for (guint i = 0; i < lines->len; i++) {
		struct line *l = g_ptr_array_index(lines, i);
		int a = (int)strlen(l->rsc), b = (int)strlen(l->where);
		if (a > rw)
			rw = a + 2;
		ww = b > ww ? b : ww;
	}
	for (guint i = 0; i < lines->len; i++) {
		struct line *l = g_ptr_array_index(lines, i);
		fprintf(out, "  * %-8s   %-*s   ( %*s )%s\n", l->verb, rw, l->rsc, ww, l->where, l->tail);
		g_free(l->rsc);
		g_free(l->where);
		g_free(l->tail);
		g_free(l);
	}
	g_ptr_array_free(lines, TRUE);
}

/* Topological order of the actions that will run, stable by creation. */
static void visit(struct pe_action *a, GPtrArray *out)
{
	if (a->done)
		return;
	a->done = 1;
	for (guint i = 0; i < a->after->len; i++)
		visit(((struct pe_order *)g_ptr_array_index(a->after, i))->first, out);
	g_ptr_array_add(out, a);
}

static int will_run(struct pe_action *a)
{
	return !a->optional && a->runnable && (a->node || a->pseudo);
}

GPtrArray *pe_sorted_actions(struct pe_ws *ws)
{
	GPtrArray *all = g_ptr_array_new(), *out = g_ptr_array_new();
	for (guint i = 0; i < ws->actions->len; i++)
		((struct pe_action *)g_ptr_array_index(ws->actions, i))->done = 0;
	for (guint i = 0; i < ws->actions->len; i++)
		visit(g_ptr_array_index(ws->actions, i), all);
	for (guint i = 0; i < all->len; i++) {
		struct pe_action *a = g_ptr_array_index(all, i);
		if (will_run(a))
			g_ptr_array_add(out, a);
	}
	g_ptr_array_free(all, TRUE);
	return out;
}

void pe_print_transition(struct pe_ws *ws, FILE *out)
{
	GPtrArray *acts = pe_sorted_actions(ws);
	fprintf(out, "Executing Cluster Transition:\n");
	for (guint i = 0; i < acts->len; i++) {
		struct pe_action *a = g_ptr_array_index(acts, i);
		switch (a->task) {
		case PE_FENCE:
			fprintf(out, "  * Fencing %s (reboot)\n", a->node->uname);
			break;
		case PE_START_P:
		case PE_STOP_P:
		case PE_RUNNING:
		case PE_STOPPED:
			fprintf(out, "  * Pseudo action:   %s_%s_0\n", a->rsc->id,
				a->task == PE_START_P ? "start" : a->task == PE_STOP_P ? "stop" :
				a->task == PE_RUNNING ? "running" : "stopped");
			break;
		case PE_STOP:
			if (a->pseudo)
				fprintf(out, "  * Pseudo action:   %s_stop_0\n", a->rsc->id);
			else
				fprintf(out, "  * Resource action: %-15s stop on %s\n", a->rsc->id, a->node->uname);
			break;
		case PE_START:
			if (a->pseudo)
				fprintf(out, "  * Pseudo action:   %s_start_0\n", a->rsc->id);
			else
				fprintf(out, "  * Resource action: %-15s start on %s\n", a->rsc->id, a->node->uname);
			break;
		case PE_MIGRATE_TO:
		case PE_MIGRATE_FROM:
			fprintf(out, "  * Resource action: %-15s %s on %s\n", a->rsc->id,
				a->task == PE_MIGRATE_TO ? "migrate_to" : "migrate_from", a->node->uname);
			break;
		case PE_PROBE:
			fprintf(out, "  * Resource action: %-15s monitor on %s\n", a->rsc->id, a->node->uname);
			break;
		case PE_MONITOR:
			fprintf(out, "  * Resource action: %-15s monitor=%lld on %s\n", a->rsc->id, a->interval_ms, a->node->uname);
			break;
		case PE_CANCEL:
			fprintf(out, "  * Resource action: %-15s cancel=%lld on %s\n", a->rsc->id, a->interval_ms, a->node->uname);
			break;
		case PE_DELETE:
			fprintf(out, "  * Resource action: %-15s delete on %s\n", a->rsc ? a->rsc->id : a->lrm->id,
				a->node->uname);
			break;
		case PE_CLEAR_FAILCOUNT:
			fprintf(out, "  * Cluster action:  clear_failcount for %s on %s\n", a->rsc->base, a->node->uname);
			break;
		case PE_SHUTDOWN:
			fprintf(out, "  * Cluster action:  do_shutdown on %s\n", a->node->uname);
			break;
		case PE_NOTIFY:
			fprintf(out, "  * Resource action: %-15s notify on %s\n", a->rsc->id, a->node->uname);
			break;
		case PE_NOTIFY_P:
		case PE_NOTIFIED: {
			char *k = pe_action_key(a);
			fprintf(out, "  * Pseudo action:   %s\n", k);
			g_free(k);
			break;
		}
		default:
			break;
		}
	}
	g_ptr_array_free(acts, TRUE);
}
