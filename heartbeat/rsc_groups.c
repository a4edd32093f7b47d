/* Group operations over lib/ra.  Acquire: for each resource left to right,
 * "status", and "start" unless running; a failed start releases the whole
 * group and, 30 s later, asks for standby (the original's behaviour).
 * Release: "stop" every resource right to left without asking, retrying a
 * failed stop; a stop that cannot be made to work runs the stop-failure
 * command (reboot by default): a resource that may still run on this node
 * must not start on the other. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <glib.h>
#include "rsc_groups.h"
#include "ra.h"
#include "log.h"
#include "timer.h"

struct group {
	const struct hr_group *hg;
	int nres;                /* kept: hg may be gone when we re-initialise */
	struct ra_spec *specs;   /* resolved resources; cls < 0 when unresolvable */
	bool *resolved;
	bool held;
	enum rg_state state;
	long long since;
	struct rg_failure *failure;   /* the last one, NULL if none */
};

struct job {
	enum rg_op op;
	int *groups;
	int n;
	rg_done_fn done;
	void *data;
	/* progress */
	int gi;          /* index into groups */
	int ri;          /* resource within the group */
	int tries;
	bool ok;
	bool failing;    /* acquire failed: releasing the group */
	const char *phase;
	struct job *next;
};

static struct group *groups;
static int ngroups;
static struct rg_settings set;
static struct job *queue, *current;
static struct timer retry_timer;     /* a failed stop is retried 1 s later */

static void step(void);
static void retry_stop(void *data);

static void free_groups(struct group *gs, int n)
{
	int g, r;

	for (g = 0; g < n; g++) {
		for (r = 0; r < gs[g].nres; r++)
			if (gs[g].resolved[r])
				ra_spec_free(&gs[g].specs[r]);
		free(gs[g].specs);
		free(gs[g].resolved);
		free(gs[g].failure);
	}
	free(gs);
}

/* The group table for hr, every resource resolved as the daemon runs it. */
static struct group *build_groups(const struct haresources *hr, int *n)
{
	struct ra_dirs dirs = { set.resource_dir, NULL, NULL };
	struct ra_dirs ours = { set.fallback_dir, NULL, NULL };
	char err[512], err2[512];
	struct group *gs;
	int g, r;

	*n = hr ? hr->ngroups : 0;
	if (*n > RG_MAX_GROUPS) {
		log_err("haresources has %d groups; only the first %d are managed", *n, RG_MAX_GROUPS);
		*n = RG_MAX_GROUPS;
	}
	gs = calloc((size_t)(*n ? *n : 1), sizeof *gs);
	for (g = 0; g < *n; g++) {
		const struct hr_group *hg = &hr->groups[g];

		gs[g].hg = hg;
		gs[g].nres = hg->nres;
		gs[g].since = (long long)time(NULL);
		gs[g].specs = calloc((size_t)(hg->nres ? hg->nres : 1), sizeof(struct ra_spec));
		gs[g].resolved = calloc((size_t)(hg->nres ? hg->nres : 1), sizeof(bool));
		for (r = 0; r < hg->nres; r++) {
			/* The user's scripts first; ours only fill in what is missing. */
			if (ra_resolve(&hg->res[r], &dirs, &gs[g].specs[r], err, sizeof err) == 0 ||
			    (set.fallback_dir &&
			     ra_resolve(&hg->res[r], &ours, &gs[g].specs[r], err2, sizeof err2) == 0))
				gs[g].resolved[r] = true;
			else
				log_err("%s", err);
		}
	}
	return gs;
}

void rg_init(const struct haresources *hr, const struct rg_settings *s)
{
	free_groups(groups, ngroups);
	timer_stop(&retry_timer);
	timer_init(&retry_timer, retry_stop, NULL);
	set = *s;
	groups = build_groups(hr, &ngroups);
}

static bool same_resources(const struct hr_group *a, const struct hr_group *b)
{
	int r;

	if (a->nres != b->nres || strcmp(a->node, b->node) != 0)
		return false;
	for (r = 0; r < a->nres; r++)
		if (strcmp(a->res[r].spec, b->res[r].spec) != 0)
			return false;
	return true;
}

int rg_reinit(const struct haresources *hr)
{
	struct group *old = groups, *nw;
	int nold = ngroups, nnew, g, o;

	if (current || queue)
		return -1;
	nw = build_groups(hr, &nnew);
	for (g = 0; g < nnew; g++) {
		for (o = 0; o < nold; o++) {
			if (!old[o].hg || !same_resources(old[o].hg, nw[g].hg))
				continue;
			nw[g].held = old[o].held;
			nw[g].state = old[o].state;
			nw[g].since = old[o].since;
			nw[g].failure = old[o].failure;
			old[o].failure = NULL;
			old[o].hg = NULL;    /* matched once */
			break;
		}
	}
	groups = nw;
	ngroups = nnew;
	free_groups(old, nold);
	return 0;
}

void rg_update_settings(unsigned timeout_ms, const char *stop_fail_cmd)
{
	set.timeout_ms = timeout_ms;
	set.stop_fail_cmd = stop_fail_cmd;
}

int rg_count(void) { return ngroups; }
enum rg_state rg_state(int g) { return groups[g].state; }
long long rg_since(int g) { return groups[g].since; }
const struct rg_failure *rg_last_failure(int g) { return groups[g].failure; }
int rg_nres(int g) { return groups[g].hg->nres; }
const char *rg_resource(int g, int r) { return groups[g].hg->res[r].spec; }

const char *rg_state_name(enum rg_state st)
{
	static const char *const names[] = { "none", "starting", "held", "stopping", "failed" };

	return (unsigned)st < sizeof names / sizeof names[0] ? names[st] : "none";
}

static void set_state(struct group *grp, enum rg_state st)
{
	if (grp->state != st)
		grp->since = (long long)time(NULL);
	grp->state = st;
}

/* Keep what went wrong for cl_status --json, and say it in one log line
 * that begins as the original's ("Giving up resources due to failure of X"
 * for a start) and names the script, the operation and how it ended. */
static void record_failure(struct group *grp, int r, const char *op, const struct ra_result *res,
			   const char *why)
{
	struct rg_failure *f = grp->failure ? grp->failure : calloc(1, sizeof *f);

	if (!f)
		return;
	grp->failure = f;
	memset(f, 0, sizeof *f);
	snprintf(f->resource, sizeof f->resource, "%s", grp->hg->res[r].spec);
	if (grp->resolved[r])
		snprintf(f->script, sizeof f->script, "%s", grp->specs[r].path);
	snprintf(f->op, sizeof f->op, "%s", op);
	f->exit_code = res && res->exited && !res->timed_out ? res->exit_code : -1;
	if (why)
		snprintf(f->reason, sizeof f->reason, "%s", why);
	else if (res->timed_out)
		snprintf(f->reason, sizeof f->reason, "timed out after %u ms", set.timeout_ms);
	else if (res->spawn_failed)
		snprintf(f->reason, sizeof f->reason, "could not be run");
	else if (res->exited)
		snprintf(f->reason, sizeof f->reason, "exit %d", res->exit_code);
	else
		snprintf(f->reason, sizeof f->reason, "killed by signal %d", res->signo);
	if (res && res->err)
		snprintf(f->err, sizeof f->err, "%s", res->err);
	f->when = (long long)time(NULL);
	set_state(grp, RG_FAILED);
}
const char *rg_key(int g) { return groups[g].hg->res[0].spec; }
const char *rg_node(int g) { return groups[g].hg->node; }
bool rg_held(int g) { return groups[g].held; }
bool rg_is_local(int g) { return strcmp(groups[g].hg->node, set.localname) == 0; }
bool rg_busy(void) { return current != NULL; }

int rg_find_key(const char *key)
{
	int g;

	for (g = 0; g < ngroups; g++)
		if (strcmp(rg_key(g), key) == 0)
			return g;
	return -1;
}

static void log_group(const char *what, int g)
{
	const struct hr_group *hg = groups[g].hg;
	GString *s = g_string_new(hg->node);
	int r;

	for (r = 0; r < hg->nres; r++)
		g_string_append_printf(s, " %s", hg->res[r].spec);
	log_info("%s resource group: %s", what, s->str);
	g_string_free(s, TRUE);
}

static void finish_job(void)
{
	struct job *j = current;

	current = NULL;
	if (j->done)
		j->done(j->ok, j->data);
	free(j->groups);
	free(j);
	/* done() may have queued (and so started) a job already */
	if (queue && !current)
		step();
}

static gboolean later_step(gpointer data)
{
	step();
	return G_SOURCE_REMOVE;
}

static void standby_later(void *data)
{
	const char *type = data;   /* a string literal */

	if (set.standby_after_failure)
		set.standby_after_failure(type);
}

static void run_op(struct ra_spec *spec, const char *op, ra_done_fn cb)
{
	current->phase = op;
	ra_start(spec, op, NULL, set.timeout_ms, cb, current);
}

static void on_result(const struct ra_result *res, void *data);

static void next_group(void)
{
	current->gi++;
	current->tries = 0;
	current->failing = false;
	if (current->gi < current->n) {
		struct group *grp = &groups[current->groups[current->gi]];
		const struct hr_group *hg = grp->hg;
		current->ri = current->op == RG_ACQUIRE ? 0 : hg->nres - 1;
		set_state(grp, current->op == RG_ACQUIRE ? RG_STARTING : RG_STOPPING);
		log_group(current->op == RG_ACQUIRE ? "Acquiring" : "Releasing", current->groups[current->gi]);
	}
	g_idle_add(later_step, NULL);
}

static void run_stop_failure(int g, const char *rsc)
{
	char *argv[] = { "/bin/sh", "-c", (char *)(set.stop_fail_cmd ? set.stop_fail_cmd : "reboot -nf"), NULL };

	log_crit("Resource STOP failure of %s (group %s). Reboot required!", rsc, rg_key(g));
	ra_spawn("stop-failure", "run", argv, NULL, 60000, NULL, NULL);
}

/* Advance the current job by one script run. */
static void step(void)
{
	struct group *grp;
	const struct hr_group *hg;

	if (!current) {
		if (!queue)
			return;
		current = queue;
		queue = queue->next;
		current->gi = -1;
		next_group();
		return;
	}
	if (current->gi >= current->n) {
		finish_job();
		return;
	}
	grp = &groups[current->groups[current->gi]];
	hg = grp->hg;
	if (current->op == RG_ACQUIRE && !current->failing) {
		if (current->ri >= hg->nres) {
			grp->held = true;
			set_state(grp, RG_HELD);
			next_group();
			return;
		}
		if (!grp->resolved[current->ri]) {
			record_failure(grp, current->ri, "start", NULL, "no such resource script");
			log_crit("Giving up resources due to failure of %s (no such resource script)",
				hg->res[current->ri].spec);
			current->ok = false;
			current->failing = true;
			current->ri = hg->nres - 1;
			g_idle_add(later_step, NULL);
			return;
		}
		run_op(&grp->specs[current->ri], "status", on_result);
		return;
	}
	/* release (or the release after a failed start) */
	if (current->ri < 0) {
		grp->held = false;
		if (grp->state != RG_FAILED)
			set_state(grp, RG_NONE);
		if (current->failing) {
			/* The original stands down 30 s later; which set depends on
			 * whether the group is a single local resource. */
			const char *type = rg_is_local(current->groups[current->gi]) && hg->nres == 1 ? "local" : "foreign";
			timer_once(30 * 1000, standby_later, (void *)type);
		}
		next_group();
		return;
	}
	if (!grp->resolved[current->ri]) {
		current->ri--;
		g_idle_add(later_step, NULL);
		return;
	}
	run_op(&grp->specs[current->ri], "stop", on_result);
}

static void retry_stop(void *data)
{
	step();
}

static void on_result(const struct ra_result *res, void *data)
{
	struct job *j = data;
	struct group *grp = &groups[j->groups[j->gi]];
	const char *rsc = grp->hg->res[j->ri].spec;

	if (strcmp(j->phase, "status") == 0 && j->op == RG_ACQUIRE && !j->failing) {
		if (res->running) {
			j->ri++;
			step();
		} else {
			run_op(&grp->specs[j->ri], "start", on_result);
		}
		return;
	}
	if (strcmp(j->phase, "start") == 0) {
		if (res->rc == RA_RC_OK) {
			j->ri++;
		} else {
			record_failure(grp, j->ri, "start", res, NULL);
			log_crit("Giving up resources due to failure of %s (start: %s %s)", rsc,
				 grp->specs[j->ri].path, grp->failure ? grp->failure->reason : "failed");
			j->ok = false;
			j->failing = true;
			j->ri = grp->hg->nres - 1;
		}
		step();
		return;
	}
	if (strcmp(j->phase, "stop") == 0) {
		if (res->rc == RA_RC_OK) {
			j->tries = 0;
			j->ri--;
			step();
			return;
		}
		/* HA_STOPRETRYMAX <= 0 means retry for ever, as ResourceManager does */
		if (set.stop_retries <= 0 || ++j->tries <= set.stop_retries) {
			if (set.stop_retries <= 0)
				log_warn("stop of %s failed; retrying", rsc);
			else
				log_warn("stop of %s failed; retrying (%d of %d)", rsc, j->tries, set.stop_retries);
			timer_start(&retry_timer, 1000);
			return;
		}
		run_op(&grp->specs[j->ri], "status", on_result);
		j->phase = "stop-status";
		return;
	}
	if (strcmp(j->phase, "stop-status") == 0 || strcmp(j->phase, "status") == 0) {
		if (res->running) {
			record_failure(grp, j->ri, "stop", NULL, "stop failed and status says it still runs");
			run_stop_failure(j->groups[j->gi], rsc);
			j->ok = false;
		} else {
			log_warn("Resource %s stop failed but it is not running: probably not LSB-compliant. "
				 "Machine reboot narrowly avoided!", rsc);
		}
		j->tries = 0;
		j->ri--;
		step();
	}
}

void rg_queue(enum rg_op op, const int *gl, int n, rg_done_fn done, void *data)
{
	struct job *j = calloc(1, sizeof *j), **pp;

	j->op = op;
	j->groups = malloc(sizeof(int) * (size_t)(n ? n : 1));
	if (n)
		memcpy(j->groups, gl, sizeof(int) * (size_t)n);
	j->n = n;
	j->done = done;
	j->data = data;
	j->ok = true;
	for (pp = &queue; *pp; pp = &(*pp)->next)
		;
	*pp = j;
	if (!current)
		step();
}

void rg_queue_barrier(rg_done_fn done, void *data)
{
	rg_queue(RG_ACQUIRE, NULL, 0, done, data);
}
