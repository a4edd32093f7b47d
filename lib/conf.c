/* ha.cf driver: splits the text into lines and directives, dispatches them to
 * the tables of conf_directives.c and conf_media.c, applies the defaults and
 * derived timings after the whole file is read, then runs the post-parse checks
 * in the original's order.  Every problem is collected, none stops the parse. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "conf_int.h"
#include "readfile.h"

#define CONF_MAXFILE (16 * 1024 * 1024)

static void add_msg(char ***arr, int *n, char *s)
{
	char **na;

	if (!s)
		return;
	na = realloc(*arr, (size_t)(*n + 1) * sizeof *na);
	if (!na) {
		free(s);
		return;
	}
	na[(*n)++] = s;
	*arr = na;
}

static char *vformat(const char *fname, int line, const char *fmt, va_list ap)
{
	char body[1024], *s = NULL;

	vsnprintf(body, sizeof body, fmt, ap);
	if (line > 0) {
		if (asprintf(&s, "%s:%d: %s", fname, line, body) < 0)
			s = NULL;
	} else if (asprintf(&s, "%s: %s", fname, body) < 0) {
		s = NULL;
	}
	return s;
}

void conf_vmsg(struct conf_errors *e, bool warn, const char *fname, int line, const char *fmt,
	       va_list ap)
{
	char *s = vformat(fname, line, fmt, ap);

	if (warn)
		add_msg(&e->warn, &e->nwarn, s);
	else
		add_msg(&e->msg, &e->n, s);
}

void conf_msg(struct conf_errors *e, bool warn, const char *fname, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_vmsg(e, warn, fname, line, fmt, ap);
	va_end(ap);
}

void conf_err(struct conf_ctx *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_vmsg(x->e, false, x->fname, x->line, fmt, ap);
	va_end(ap);
}

void conf_warn(struct conf_ctx *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_vmsg(x->e, true, x->fname, x->line, fmt, ap);
	va_end(ap);
}

char *conf_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

void *conf_grow(void *arr, int n, size_t elem)
{
	void *na = realloc(arr, (size_t)(n + 1) * elem);

	if (na)
		memset((char *)na + (size_t)n * elem, 0, elem);
	return na;
}

/* Strict decimal integer: an optional sign, digits, nothing else.  The original
 * used atoi() in places and so took "x" as 0; we refuse garbage instead. */
bool conf_parse_int(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return false;
	*out = v;
	return true;
}

void conf_set_param(struct hb_config *c, const char *name, const char *value)
{
	struct conf_param *np;
	char *v;
	int i;

	for (i = 0; i < c->nparams; i++) {
		if (strcmp(c->params[i].name, name) == 0) {
			v = strdup(value);
			if (v) {
				free(c->params[i].value);
				c->params[i].value = v;
			}
			return;
		}
	}
	np = conf_grow(c->params, c->nparams, sizeof *np);
	if (!np)
		return;
	c->params = np;
	np[c->nparams].name = strdup(name);
	np[c->nparams].value = strdup(value);
	if (!np[c->nparams].name || !np[c->nparams].value) {
		free(np[c->nparams].name);
		free(np[c->nparams].value);
		return;
	}
	c->nparams++;
}

void conf_unset_param(struct hb_config *c, const char *name)
{
	int i;

	for (i = 0; i < c->nparams; i++) {
		if (strcmp(c->params[i].name, name) == 0) {
			free(c->params[i].name);
			free(c->params[i].value);
			memmove(&c->params[i], &c->params[i + 1],
				(size_t)(c->nparams - i - 1) * sizeof c->params[0]);
			c->nparams--;
			return;
		}
	}
}

const char *conf_param(const struct hb_config *c, const char *name)
{
	int i;

	if (!c || !name)
		return NULL;
	if (strcmp(name, "crm") == 0)   /* the old name reads the value recorded for pacemaker */
		name = "pacemaker";
	for (i = 0; i < c->nparams; i++)
		if (strcmp(c->params[i].name, name) == 0)
			return c->params[i].value;
	return NULL;
}

/* Normal and ping nodes share the original's table of MAXNODE slots. */
int conf_add_node_name(struct conf_ctx *x, const char *name, bool ping)
{
	struct hb_config *c = x->c;
	char low[CONF_HOSTLEN];
	size_t i, len = strlen(name);

	if (len == 0 || len >= CONF_HOSTLEN) {
		conf_err(x, "%s name [%.40s%s] must be 1 to %d characters", ping ? "ping node" : "node",
			 name, len > 40 ? "..." : "", CONF_HOSTLEN - 1);
		return -1;
	}
	if (c->nnodes + c->npings >= CONF_MAXNODES) {
		conf_err(x, "too many nodes: at most %d (normal and ping nodes together)", CONF_MAXNODES);
		return -1;
	}
	if (ping)
		return 0;
	for (i = 0; i <= len; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	for (i = 0; i < (size_t)c->nnodes; i++) {
		if (strcmp(c->nodes[i], low) == 0) {
			conf_warn(x, "node [%s] declared more than once", low);
			return 0;
		}
	}
	c->nodes[c->nnodes] = strdup(low);
	if (!c->nodes[c->nnodes])
		return -1;
	c->nnodes++;
	return 0;
}

static int default_udpport(void)
{
	struct servent *se = getservbyname("ha-cluster", "udp");
	int port = se ? ntohs((uint16_t)se->s_port) : CONF_DEFAULT_UDPPORT;

	endservent();
	return port > 0 ? port : CONF_DEFAULT_UDPPORT;
}

/* Edit distance, stopping early: only "one or two typos away" matters. */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int row[64], prev, tmp;

	if (la >= 64 || lb >= 64)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			int sub = prev + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
			int del = row[j] + 1, ins = row[j - 1] + 1;

			tmp = row[j];
			row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			prev = tmp;
		}
	}
	return row[lb];
}

struct near_miss {
	const char *exact_case;   /* same name in another case */
	const char *near;         /* closest within two edits */
	int best;
};

static void consider(struct near_miss *nm, const char *cand, const char *name)
{
	int k;

	if (strcasecmp(cand, name) == 0)
		nm->exact_case = cand;
	else if ((k = distance(name, cand)) < nm->best)
		nm->best = k, nm->near = cand;
}

/* Directive names are case-sensitive ("Keepalive" is the commonest typo),
 * and a near miss is worth naming. */
static const char *misspelt(const char *name)
{
	static char hint[96];
	struct near_miss nm = { NULL, NULL, 3 };
	const struct conf_directive *d;
	const char *cand;
	int i;

	for (d = conf_directives; d->name; d++)
		consider(&nm, d->name, name);
	for (i = 0; (cand = conf_line_directive_name(i)); i++)
		consider(&nm, cand, name);
	if (nm.exact_case)
		snprintf(hint, sizeof hint, " (names are lower case: %s)", nm.exact_case);
	else if (nm.near && strlen(name) > 3)
		snprintf(hint, sizeof hint, " (did you mean %s?)", nm.near);
	else
		return "";
	return hint;
}

/* One line, comment already cut.  Returns nothing: problems go to x->e. */
static void parse_line(struct conf_ctx *x, char *p)
{
	const struct conf_directive *d;
	const struct conf_line_directive *ld;
	char *name, *rest, *tok, *save = NULL;
	size_t n;

	while (*p && isspace((unsigned char)*p))
		p++;
	if (!*p)
		return;
	name = p;
	n = strcspn(p, " \t\r\n\f\v");
	rest = p + n;
	if (*rest)
		*rest++ = '\0';
	rest += strspn(rest, CONF_DELIMS);
	/* Trailing blanks would otherwise reach whole-line handlers. */
	n = strlen(rest);
	while (n > 0 && isspace((unsigned char)rest[n - 1]))
		rest[--n] = '\0';

	if (strcmp(name, "udp") == 0) {
		conf_warn(x, "directive 'udp' is an old name: read as 'bcast'");
		name = "bcast";
	}
	d = conf_find_directive(name);
	if (d) {
		int di = (int)(d - conf_directives);
		bool any = false;

		for (tok = strtok_r(rest, CONF_DELIMS, &save); tok;
		     tok = strtok_r(NULL, CONF_DELIMS, &save)) {
			any = true;
			x->dname = d->name;
			if (d->fn(x, tok) == 0) {
				if (d->record_as)
					conf_set_param(x->c, d->record_as, tok);
				x->dline[di] = x->line;
			} else {
				x->dbad[di] = true;
			}
		}
		if (!any)
			conf_warn(x, "directive [%s] has no value; ignored", name);
		return;
	}
	ld = conf_find_line_directive(name);
	if (ld) {
		x->dname = ld->name;
		if (!ld->option_list) {
			ld->fn(x, rest);
			return;
		}
		for (tok = strtok_r(rest, CONF_DELIMS, &save); tok;
		     tok = strtok_r(NULL, CONF_DELIMS, &save))
			ld->vfn(x, tok);
		return;
	}
	conf_err(x, "Illegal directive [%.64s]: not a heartbeat 3.0.6 ha.cf directive%s", name,
		 misspelt(name));
}

static void apply_defaults(struct conf_ctx *x)
{
	struct hb_config *c = x->c;
	const struct conf_directive *d;
	char buf[32];
	int saved_line = x->line;
	bool bad_dt;

	/* A default that fails is ignored, as in the original; ours never do. */
	x->line = 0;
	for (d = conf_directives; d->name; d++) {
		if (!d->dflt || !d->record_as || conf_param(c, d->record_as) ||
		    x->dbad[d - conf_directives])
			continue;
		x->dname = d->name;
		if (d->fn(x, d->dflt) == 0)
			conf_set_param(c, d->record_as, d->dflt);
	}
	/* Derived from deadtime: not when it (or the value itself) was rejected. */
	bad_dt = x->dbad[conf_directive_index("deadtime")];
	if (!c->deadping_set && !bad_dt && !x->dbad[conf_directive_index("deadping")]) {
		c->deadping_ms = c->deadtime_ms;
		snprintf(buf, sizeof buf, "%ums", c->deadping_ms);
		conf_set_param(c, "deadping", buf);
	}
	if (!c->warntime_set && !bad_dt && !x->dbad[conf_directive_index("warntime")]) {
		c->warntime_ms = c->deadtime_ms / 2;
		snprintf(buf, sizeof buf, "%ums", c->warntime_ms);
		conf_set_param(c, "warntime", buf);
	}
	if (!c->initdead_set && !bad_dt && !x->dbad[conf_directive_index("initdead")]) {
		if (c->deadtime_ms > 10000)
			c->initdead_ms = c->deadtime_ms;
		else if (c->deadtime_ms < 6000)
			c->initdead_ms = 12000;
		else
			c->initdead_ms = 2 * c->deadtime_ms;
		snprintf(buf, sizeof buf, "%ums", c->initdead_ms);
		conf_set_param(c, "initdead", buf);
	}
	if (!conf_param(c, "udpport")) {
		snprintf(buf, sizeof buf, "%d", c->udpport);
		conf_set_param(c, "udpport", buf);
	}
	/* What the original exports when these are left out (seen in HA_* of its children). */
	if (!conf_param(c, "debug")) {
		snprintf(buf, sizeof buf, "%d", c->debug);
		conf_set_param(c, "debug", buf);
	}
	if (c->logfacility >= 0) {
		if (!conf_param(c, "logfile"))
			conf_set_param(c, "logfile", "/dev/null");
		if (!conf_param(c, "debugfile"))
			conf_set_param(c, "debugfile", "/dev/null");
	}
	if (!x->log_set && !x->use_logd_set) {
		c->use_logd = 1;   /* no log entry at all: the original falls back to logd */
		conf_set_param(c, "use_logd", "yes");
	}
	x->line = saved_line;
}

static bool has_node(const struct hb_config *c, const char *name)
{
	int i;

	for (i = 0; i < c->nnodes; i++)
		if (strcmp(c->nodes[i], name) == 0)
			return true;
	return false;
}

/* "deadtime 2 = 2000 ms (line 5)", or where the value came from when no line
 * set it; cross-directive messages show both sides this way. */
static const char *time_desc(const struct conf_ctx *x, const char *name, unsigned ms, char *buf,
			     size_t len)
{
	int di = conf_directive_index(name);
	const struct conf_directive *d = di >= 0 ? &conf_directives[di] : NULL;

	if (di >= 0 && x->dline[di] > 0)
		snprintf(buf, len, "%s %s = %u ms (line %d)", name, conf_param(x->c, name), ms,
			 x->dline[di]);
	else if (d && d->dflt)
		snprintf(buf, len, "%s %u ms (the default)", name, ms);
	else
		snprintf(buf, len, "%s %u ms (derived from deadtime)", name, ms);
	return buf;
}

static int dline(const struct conf_ctx *x, const char *name)
{
	return x->dline[conf_directive_index(name)];
}

static bool dbad(const struct conf_ctx *x, const char *name)
{
	return x->dbad[conf_directive_index(name)];
}

/* A relation between two timers broken: anchored on the later of their
 * lines, naming both values with their units. */
static void pair_msg(struct conf_ctx *x, bool warn, const char *rule, const char *na, unsigned ma,
		     const char *nb, unsigned mb)
{
	char a[160], b[160];
	int la = dline(x, na), lb = dline(x, nb);

	x->line = la > lb ? la : lb;
	conf_msg(x->e, warn, x->fname, x->line, "%s: %s, %s", rule, time_desc(x, na, ma, a, sizeof a),
		 time_desc(x, nb, mb, b, sizeof b));
	x->line = 0;
}

/* The relations between the timers.  A timer whose value was rejected is
 * left out: its error has been reported already. */
static void timing_checks(struct conf_ctx *x)
{
	struct hb_config *c = x->c;
	char a[160];

	if (!dbad(x, "keepalive") && !dbad(x, "deadtime") &&
	    (unsigned long long)c->deadtime_ms <= 2ULL * c->keepalive_ms)
		pair_msg(x, false, "deadtime must be more than twice keepalive", "deadtime", c->deadtime_ms,
			 "keepalive", c->keepalive_ms);
	if (!dbad(x, "deadtime") && !dbad(x, "initdead")) {
		if (c->initdead_ms < c->deadtime_ms) {
			pair_msg(x, false, "initdead must be at least deadtime", "initdead", c->initdead_ms,
				 "deadtime", c->deadtime_ms);
		} else if (c->initdead_ms < 10000) {
			int la = dline(x, "initdead"), lb = dline(x, "deadtime");

			x->line = la > lb ? la : lb;
			conf_warn(x, "initdead is less than 10 s: a slow network start may cause a false takeover: %s",
				  time_desc(x, "initdead", c->initdead_ms, a, sizeof a));
			x->line = 0;
		}
	}
	if (c->deadping_set && !dbad(x, "keepalive") && !dbad(x, "deadping") &&
	    (unsigned long long)c->deadping_ms <= 2ULL * c->keepalive_ms)
		pair_msg(x, false, "deadping must be more than twice keepalive", "deadping", c->deadping_ms,
			 "keepalive", c->keepalive_ms);
	/* The original accepts it, so only a warning: "late heartbeat" can then
	 * never be logged before the node is declared dead. */
	if (c->warntime_set && !dbad(x, "deadtime") && !dbad(x, "warntime") &&
	    c->warntime_ms >= c->deadtime_ms)
		pair_msg(x, true, "warntime should be less than deadtime, or no late heartbeat is reported before the node is declared dead",
			 "warntime", c->warntime_ms, "deadtime", c->deadtime_ms);
}

/* The original's start-up refusals, in its order (authkeys is lib/auth's job). */
static void post_checks(struct conf_ctx *x, const char *localnode)
{
	struct hb_config *c = x->c;
	bool any = c->autojoin == AUTOJOIN_ANY;
	char low[CONF_HOSTLEN];
	size_t i;

	/* Node names are compared lower-cased, whatever uname -n said. */
	if (localnode) {
		for (i = 0; localnode[i] && i < sizeof low - 1; i++)
			low[i] = (char)tolower((unsigned char)localnode[i]);
		low[i] = '\0';
		localnode = low;
	}
	x->line = 0;
	if (c->nmedia == 0 && c->npings == 0)
		conf_err(x, "No heartbeat media defined (expected at least one bcast, mcast, ucast or serial line)");
	if (c->nnodes == 0 && !any)
		conf_err(x, "no nodes defined (expected node lines naming every cluster node, this one included)");
	if (localnode && !any && !has_node(c, localnode)) {
		char list[512] = "";
		size_t used = 0;
		int k;

		for (k = 0; k < c->nnodes && used < sizeof list - 1; k++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "",
						 c->nodes[k]);
		conf_err(x, "Current node [%s] not in configuration! (the name of this node, from uname -n or nodeinfo, is %s%s%s: expected a line 'node %s')",
			 localnode, localnode, c->nnodes ? "; ha.cf declares " : "", list, localnode);
	}
	timing_checks(x);
	if (!x->log_set && x->use_logd_set && c->use_logd == 0)
		conf_err(x, "No log entry found in ha.cf and use_logd is set to off (expected logfile, debugfile, logfacility or use_logd yes)");
	if (!c->crm && c->autojoin != AUTOJOIN_NONE)
		conf_err(x, "R1 style resource management conflicts with autojoin set: unset autojoin or enable crm");
	/* Said only of a configuration that would start, as the original says
	 * it at start: on a broken (or empty) file it is noise. */
	if (c->auto_failback == AF_LEGACY && !c->crm && x->e->n == x->nerr_start)
		conf_warn(x, "Deprecated 'legacy' auto_failback option selected: convert to 'auto_failback on'");
}

static void init_config(struct hb_config *c, const char *fname)
{
	memset(c, 0, sizeof *c);
	c->path = strdup(fname);
	c->logfacility = -1;
	c->use_logd = -1;
	c->rtprio = -1;
	c->auto_failback = AF_LEGACY;
	c->autojoin = AUTOJOIN_NONE;
}

int conf_parse(const char *text, size_t len, const char *fname, const char *localnode,
	       struct hb_config *out, struct conf_errors *errs)
{
	struct conf_ctx x;
	char *buf;
	size_t pos = 0;

	if (!fname)
		fname = "ha.cf";
	init_config(out, fname);
	memset(&x, 0, sizeof x);
	x.c = out;
	x.e = errs;
	x.fname = fname;
	x.nerr_start = errs->n;
	x.cur_udpport = default_udpport();
	x.cur_baud = CONF_DEFAULT_BAUD;
	out->udpport = x.cur_udpport;
	out->baud = x.cur_baud;

	buf = malloc(CONF_MAXLINE + 1);
	if (!buf) {
		conf_err(&x, "out of memory");
		return -1;
	}
	while (text && pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - (text + pos)) : len - pos;
		char *hash;

		x.line++;
		if (ll > CONF_MAXLINE) {
			conf_err(&x, "line longer than %d bytes", CONF_MAXLINE);
		} else {
			memcpy(buf, text + pos, ll);
			buf[ll] = '\0';   /* an embedded NUL ends the line, as with fgets+strlen */
			hash = strchr(buf, '#');
			if (hash)
				*hash = '\0';
			parse_line(&x, buf);
		}
		pos += ll + (nl ? 1 : 0);
	}
	free(buf);
	apply_defaults(&x);
	post_checks(&x, localnode);
	return errs->n > x.nerr_start ? -1 : 0;
}

int conf_load(const char *path, const char *localnode, struct hb_config *out,
	      struct conf_errors *errs)
{
	struct conf_ctx x;
	struct stat st;
	char *text;
	size_t got = 0;
	int fd, rc;

	memset(&x, 0, sizeof x);
	x.e = errs;
	x.fname = path;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		conf_err(&x, "cannot open: %s", strerror(errno));
		init_config(out, path);
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > CONF_MAXFILE) {
		conf_err(&x, "not a regular file of at most %d bytes", CONF_MAXFILE);
		close(fd);
		init_config(out, path);
		return -1;
	}
	text = readfile_fd(fd, (size_t)st.st_size, &got);
	if (!text) {
		conf_err(&x, "out of memory");
		init_config(out, path);
		return -1;
	}
	rc = conf_parse(text, got, path, localnode, out, errs);
	free(text);
	return rc;
}

static void free_strv(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void conf_free(struct hb_config *c)
{
	int i;

	if (!c)
		return;
	free(c->path);
	free(c->cluster);
	for (i = 0; i < c->nnodes; i++)
		free(c->nodes[i]);
	for (i = 0; i < c->npings; i++) {
		free_strv(c->pings[i].addrs, c->pings[i].naddrs);
	}
	free(c->pings);
	free(c->logfile);
	free(c->debugfile);
	free(c->watchdog);
	free(c->crm_value);
	free(c->crm_daemon_dir);
	free(c->compression);
	free(c->coreroot);
	free_strv(c->env, c->nenv);
	for (i = 0; i < c->napiauth; i++) {
		free(c->apiauth[i].client);
		free(c->apiauth[i].uids);
		free(c->apiauth[i].gids);
	}
	free(c->apiauth);
	for (i = 0; i < c->ncmds; i++) {
		free(c->cmds[i].user);
		free(c->cmds[i].cmdline);
	}
	free(c->cmds);
	free(c->stonith_type);
	free(c->stonith_file);
	for (i = 0; i < c->nstonith_hosts; i++) {
		free(c->stonith_hosts[i].host);
		free(c->stonith_hosts[i].type);
		free(c->stonith_hosts[i].params);
	}
	free(c->stonith_hosts);
	for (i = 0; i < c->nparams; i++) {
		free(c->params[i].name);
		free(c->params[i].value);
	}
	free(c->params);
	free(c->stop_fail_cmd);
	memset(c, 0, sizeof *c);
}

void conf_errors_free(struct conf_errors *e)
{
	if (!e)
		return;
	free_strv(e->msg, e->n);
	free_strv(e->warn, e->nwarn);
	memset(e, 0, sizeof *e);
}
