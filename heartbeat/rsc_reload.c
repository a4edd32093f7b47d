/* A reloaded haresources: groups that are gone or changed are stopped here
 * if we run them, the table is swapped, and groups that are new or changed
 * start here if they are ours now (rsc_should_hold).  A group whose
 * preferred node changed, or a change while resources are in transition, is
 * refused with the reason: ownership must not move under a peer that still
 * has the old file.  The group jobs are rsc_groups.c's. */
#include <stdlib.h>
#include <string.h>
#include "daemon.h"
#include "conf_diff.h"
#include "log.h"
#include "rsc.h"
#include "rsc_groups.h"

struct reload {
	struct haresources *hr;       /* the new file, ours until swapped in */
	char **start_keys;            /* groups to start after the swap */
	int nstart;
};

static void free_reload(struct reload *r)
{
	int i;

	for (i = 0; i < r->nstart; i++)
		free(r->start_keys[i]);
	free(r->start_keys);
	free(r);
}

static void started(bool ok, void *data)
{
	if (!ok)
		log_warn("reload: a group of the new haresources failed to start here (see cl_status --json)");
}

/* The old groups are stopped: swap the tables, start what is ours. */
static void stopped(bool ok, void *data)
{
	struct reload *r = data;
	struct haresources *old = hb.haresources;
	int list[RG_MAX_GROUPS], n = 0, i, g;

	if (rg_reinit(r->hr) < 0) {
		/* cannot happen: this runs as the last job of the queue */
		log_err("reload: resources busy, haresources not swapped");
		haresources_free(r->hr);
		free(r->hr);
		free_reload(r);
		return;
	}
	hb.haresources = r->hr;
	haresources_free(old);
	free(old);
	for (i = 0; i < r->nstart && n < RG_MAX_GROUPS; i++) {
		if ((g = rg_find_key(r->start_keys[i])) < 0 || rg_held(g))
			continue;
		if (rsc_should_hold(g)) {
			log_info("reload: starting group %s here", rg_key(g));
			list[n++] = g;
		} else {
			log_info("reload: group %s is not ours now: not started here", rg_key(g));
		}
	}
	if (n)
		rg_queue(RG_ACQUIRE, list, n, started, NULL);
	free_reload(r);
	(void)ok;
}

static void add_key(struct reload *r, const char *key)
{
	char **nk = realloc(r->start_keys, (size_t)(r->nstart + 1) * sizeof *nk);

	if (!nk)
		return;
	r->start_keys = nk;
	nk[r->nstart++] = strdup(key);
}

/* One item per line: reload.c reports each on its own. */
static void sep(GString *s)
{
	if (s->len)
		g_string_append_c(s, '\n');
}

void rsc_reload(struct haresources *hr, GString *did, GString *refused)
{
	struct hr_change *c = NULL;
	struct reload *r;
	int n, i, stop[RG_MAX_GROUPS], nstop = 0;
	bool moved = false;

	rg_update_settings(hb.cf->resource_timeout_ms ? hb.cf->resource_timeout_ms : RSC_DEFAULT_TIMEOUT_MS,
			   hb.cf->stop_fail_cmd);
	if (!hb.resources_managed || !hr) {
		if (hr) {
			haresources_free(hr);
			free(hr);
		}
		return;
	}
	n = haresources_diff(hb.haresources, hr, &c);
	for (i = 0; i < n; i++) {
		if (c[i].kind != HR_MOVED)
			continue;
		sep(refused);
		g_string_append_printf(refused, "haresources: group %s moves from %s to %s (who holds it would change under peers that run the old file: restart heartbeat on every node)",
				       c[i].key, c[i].from_node, c[i].to_node);
		moved = true;
	}
	if (n == 0 || moved) {
		free(c);
		haresources_free(hr);
		free(hr);
		return;
	}
	if (!rsc_stable_now()) {
		sep(refused);
		g_string_append(refused, "haresources: resources are in transition (cl_status rscstatus says transition): the new file is not applied; reload again once it is settled");
		free(c);
		haresources_free(hr);
		free(hr);
		return;
	}
	r = calloc(1, sizeof *r);
	r->hr = hr;
	for (i = 0; i < n; i++) {
		int og = rg_find_key(c[i].key);
		bool running = og >= 0 && rg_held(og);

		sep(did);
		switch (c[i].kind) {
		case HR_REMOVED:
			g_string_append_printf(did, "haresources: group %s removed%s", c[i].key,
					       running ? " (stopping it here)" : "");
			if (running)
				stop[nstop++] = og;
			break;
		case HR_CHANGED:
			g_string_append_printf(did, "haresources: group %s changed%s", c[i].key,
					       running ? " (restarting it here)" : "");
			if (running) {
				stop[nstop++] = og;
				add_key(r, c[i].key);
			}
			break;
		case HR_ADDED:
			/* Decided against the new file once it is in: see stopped(). */
			add_key(r, c[i].key);
			g_string_append_printf(did, "haresources: group %s added", c[i].key);
			break;
		case HR_MOVED:
			break;
		}
	}
	free(c);
	/* An added group starts here only if it is ours now; the changed ones
	 * we ran are ours.  Filter the added ones after the swap. */
	rg_queue(RG_RELEASE, stop, nstop, stopped, r);
}
