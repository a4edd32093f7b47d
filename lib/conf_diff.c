/* Reload differences.  Recorded parameters (the getparm table) are compared
 * by their text, the rest (nodes, media, ping nodes, STONITH, apiauth,
 * respawn, env) structurally.  A change is live when the daemon can use the
 * new value at once; every other one is reported with why it waits for a
 * restart, and the running value is kept for it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "conf_diff.h"

/* Read where they are used, so a new value simply takes over. */
static const char *const live_params[] = {
	"keepalive", "deadtime", "warntime", "deadping", "initdead", "max_rexmit_delay",
	"logfacility", "logfile", "debugfile", "use_logd", "conn_logd_time", "syslogmsgfmt",
	"debug", "log_badpack", "resource_timeout",
};

static const struct { const char *name, *why; } restart_why[] = {
	{ "udpport", "media are opened at start" },
	{ "baud", "serial lines are set up at start" },
	{ "auto_failback", "the takeover protocol is chosen at start, and both nodes must agree" },
	{ "pacemaker", "resource management is chosen at start" },
	{ "autojoin", "the node table is set at start" },
	{ "hbgenmethod", "the generation is read at start" },
	{ "uuidfrom", "the node uuid is read at start" },
	{ "realtime", "scheduling is set at start" },
	{ "rtprio", "scheduling is set at start" },
	{ "watchdog", "the watchdog is opened at start" },
	{ "memreserve", "memory is reserved at start" },
	{ "coredumps", "core dump settings are made at start" },
	{ "coreroot", "core dump settings are made at start" },
};

static bool is_live(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof live_params / sizeof live_params[0]; i++)
		if (strcmp(live_params[i], name) == 0)
			return true;
	return false;
}

static const char *why_restart(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof restart_why / sizeof restart_why[0]; i++)
		if (strcmp(restart_why[i].name, name) == 0)
			return restart_why[i].why;
	return "read at start";
}

static void add(struct conf_diff *d, bool live, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(struct conf_diff *d, bool live, const char *fmt, ...)
{
	struct conf_change *nv = realloc(d->v, (size_t)(d->n + 1) * sizeof *nv);
	va_list ap;
	char *s;
	int r;

	if (!nv)
		return;
	d->v = nv;
	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0)
		return;
	nv[d->n].text = s;
	nv[d->n].live = live;
	d->n++;
}

static void param_changes(const struct hb_config *a, const struct hb_config *b, struct conf_diff *d)
{
	int i;

	for (i = 0; i < b->nparams; i++) {
		const char *name = b->params[i].name, *old = conf_param(a, name), *new = b->params[i].value;

		if (old && strcmp(old, new) == 0)
			continue;
		if (is_live(name))
			add(d, true, "%s %s -> %s", name, old ? old : "(unset)", new);
		else
			add(d, false, "%s %s -> %s (%s)", name, old ? old : "(unset)", new, why_restart(name));
	}
	for (i = 0; i < a->nparams; i++) {
		const char *name = a->params[i].name;

		if (conf_param(b, name))
			continue;
		if (is_live(name))
			add(d, true, "%s %s -> (unset)", name, a->params[i].value);
		else
			add(d, false, "%s %s -> (unset) (%s)", name, a->params[i].value, why_restart(name));
	}
}

static bool same_str(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

static bool same_strv(char *const *x, int nx, char *const *y, int ny)
{
	int i;

	if (nx != ny)
		return false;
	for (i = 0; i < nx; i++)
		if (!same_str(x[i], y[i]))
			return false;
	return true;
}

static void join(char *buf, size_t len, char *const *v, int n)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", v[i]);
}

static bool same_media(const struct hb_config *a, const struct hb_config *b)
{
	int i;

	if (a->nmedia != b->nmedia)
		return false;
	for (i = 0; i < a->nmedia; i++) {
		const struct conf_medium *x = &a->media[i], *y = &b->media[i];

		if (x->type != y->type || strcmp(x->dev, y->dev) || strcmp(x->addr, y->addr) ||
		    x->port != y->port || x->ttl != y->ttl || x->loop != y->loop || x->baud != y->baud)
			return false;
	}
	return true;
}

static bool same_pings(const struct hb_config *a, const struct hb_config *b)
{
	int i;

	if (a->npings != b->npings)
		return false;
	for (i = 0; i < a->npings; i++)
		if (strcmp(a->pings[i].name, b->pings[i].name) || a->pings[i].group != b->pings[i].group ||
		    a->pings[i].v6 != b->pings[i].v6 ||
		    !same_strv(a->pings[i].addrs, a->pings[i].naddrs, b->pings[i].addrs, b->pings[i].naddrs))
			return false;
	return true;
}

static bool same_stonith(const struct hb_config *a, const struct hb_config *b)
{
	int i;

	if (!same_str(a->stonith_type, b->stonith_type) || !same_str(a->stonith_file, b->stonith_file) ||
	    a->nstonith_hosts != b->nstonith_hosts)
		return false;
	for (i = 0; i < a->nstonith_hosts; i++)
		if (!same_str(a->stonith_hosts[i].host, b->stonith_hosts[i].host) ||
		    !same_str(a->stonith_hosts[i].type, b->stonith_hosts[i].type) ||
		    !same_str(a->stonith_hosts[i].params, b->stonith_hosts[i].params))
			return false;
	return true;
}

static bool same_apiauth(const struct hb_config *a, const struct hb_config *b)
{
	int i;

	if (a->napiauth != b->napiauth)
		return false;
	for (i = 0; i < a->napiauth; i++)
		if (!same_str(a->apiauth[i].client, b->apiauth[i].client) ||
		    !same_str(a->apiauth[i].uids, b->apiauth[i].uids) ||
		    !same_str(a->apiauth[i].gids, b->apiauth[i].gids))
			return false;
	return true;
}

static bool same_cmds(const struct hb_config *a, const struct hb_config *b)
{
	int i;

	if (a->ncmds != b->ncmds)
		return false;
	for (i = 0; i < a->ncmds; i++)
		if (!same_str(a->cmds[i].user, b->cmds[i].user) ||
		    !same_str(a->cmds[i].cmdline, b->cmds[i].cmdline) ||
		    a->cmds[i].failfast != b->cmds[i].failfast)
			return false;
	return true;
}

void conf_diff(const struct hb_config *a, const struct hb_config *b, struct conf_diff *d)
{
	char x[1024], y[1024];

	memset(d, 0, sizeof *d);
	param_changes(a, b, d);
	if (!same_strv(a->nodes, a->nnodes, b->nodes, b->nnodes)) {
		join(x, sizeof x, a->nodes, a->nnodes);
		join(y, sizeof y, b->nodes, b->nnodes);
		add(d, false, "node %s -> %s (the node table is set at start)", x, y);
	}
	if (a->nmedia != b->nmedia)
		add(d, false, "media (%d -> %d lines; media are opened at start)", a->nmedia, b->nmedia);
	else if (!same_media(a, b))
		add(d, false, "media (a medium or its port changed; media are opened at start)");
	if (!same_pings(a, b))
		add(d, false, "ping nodes (set at start)");
	if (!same_stonith(a, b))
		add(d, false, "stonith / stonith_host (STONITH devices are set up at start)");
	if (!same_apiauth(a, b))
		add(d, false, "apiauth (read at start)");
	if (!same_cmds(a, b))
		add(d, false, "respawn / failfast (their programs are started with the daemon)");
	if (!same_strv(a->env, a->nenv, b->env, b->nenv))
		add(d, true, "env (the next scripts get the new values)");
	if (!same_str(a->stop_fail_cmd, b->stop_fail_cmd))
		add(d, true, "stop_failure_cmd %s -> %s", a->stop_fail_cmd ? a->stop_fail_cmd : "(default)",
		    b->stop_fail_cmd ? b->stop_fail_cmd : "(default)");
}

void conf_diff_free(struct conf_diff *d)
{
	int i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof *d);
}

static void set_strdup(char **dst, const char *src)
{
	char *n = src ? strdup(src) : NULL;

	free(*dst);
	*dst = n;
}

void conf_apply_live(struct hb_config *r, const struct hb_config *f)
{
	size_t i;
	int k;

	r->keepalive_ms = f->keepalive_ms;
	r->deadtime_ms = f->deadtime_ms;
	r->warntime_ms = f->warntime_ms, r->warntime_set = f->warntime_set;
	r->deadping_ms = f->deadping_ms, r->deadping_set = f->deadping_set;
	r->initdead_ms = f->initdead_ms, r->initdead_set = f->initdead_set;
	r->max_rexmit_delay_ms = f->max_rexmit_delay_ms;
	r->logfacility = f->logfacility, r->logfacility_none = f->logfacility_none;
	set_strdup(&r->logfile, f->logfile);
	set_strdup(&r->debugfile, f->debugfile);
	r->use_logd = f->use_logd;
	r->conn_logd_time_ms = f->conn_logd_time_ms;
	r->syslogmsgfmt = f->syslogmsgfmt;
	r->debug = f->debug;
	r->log_badpack = f->log_badpack;
	r->resource_timeout_ms = f->resource_timeout_ms;
	set_strdup(&r->stop_fail_cmd, f->stop_fail_cmd);
	for (k = 0; k < r->nenv; k++)
		free(r->env[k]);
	free(r->env);
	r->env = f->nenv ? calloc((size_t)f->nenv, sizeof *r->env) : NULL;
	r->nenv = r->env ? f->nenv : 0;
	for (k = 0; k < r->nenv; k++)
		r->env[k] = strdup(f->env[k]);
	/* the recorded text of the live parameters (getparm, HA_* of scripts) */
	for (i = 0; i < sizeof live_params / sizeof live_params[0]; i++) {
		const char *v = conf_param(f, live_params[i]);

		if (v)
			conf_set_param(r, live_params[i], v);
		else
			conf_unset_param(r, live_params[i]);
	}
}

static const struct hr_group *find_group(const struct haresources *h, const char *key)
{
	int g;

	for (g = 0; h && g < h->ngroups; g++)
		if (h->groups[g].nres > 0 && strcmp(h->groups[g].res[0].spec, key) == 0)
			return &h->groups[g];
	return NULL;
}

static bool same_group(const struct hr_group *x, const struct hr_group *y)
{
	int r;

	if (x->nres != y->nres)
		return false;
	for (r = 0; r < x->nres; r++)
		if (strcmp(x->res[r].spec, y->res[r].spec) != 0)
			return false;
	return true;
}

int haresources_diff(const struct haresources *old, const struct haresources *new,
		     struct hr_change **out)
{
	struct hr_change *v = NULL, *nv;
	int n = 0, g;

	for (g = 0; new && g < new->ngroups; g++) {
		const struct hr_group *ng = &new->groups[g], *og = find_group(old, ng->res[0].spec);
		struct hr_change c = { HR_ADDED, ng->res[0].spec, NULL, NULL };

		if (og && strcmp(og->node, ng->node) != 0)
			c.kind = HR_MOVED, c.from_node = og->node, c.to_node = ng->node;
		else if (og && same_group(og, ng))
			continue;
		else if (og)
			c.kind = HR_CHANGED;
		nv = realloc(v, (size_t)(n + 1) * sizeof *nv);
		if (!nv)
			break;
		v = nv;
		v[n++] = c;
	}
	for (g = 0; old && g < old->ngroups; g++) {
		if (find_group(new, old->groups[g].res[0].spec))
			continue;
		nv = realloc(v, (size_t)(n + 1) * sizeof *nv);
		if (!nv)
			break;
		v = nv;
		v[n++] = (struct hr_change){ HR_REMOVED, old->groups[g].res[0].spec, NULL, NULL };
	}
	*out = v;
	return n;
}
