/* haresources + ha.cf -> <cib> in heartbeat 2.x's 0.6 spelling, the way
 * haresources2cib.py built it: its fixed cluster options, its id counters,
 * its table of OCF agents, its IPaddr argument split.  Where the original was
 * wrong the options (h2c_opts.compat) choose between its behaviour and ours.
 * Parsing the input files is lib/'s; printing is h2c_xml.c's. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "h2c.h"

/* The original's built-in table of OCF agents (heartbeat 2.1.3): the
 * positional meaning of "Type::arg1::arg2...". */
struct ocf_ra {
	const char *type;
	const char *params[14];
};

static const struct ocf_ra ocf_table[] = {
	{ "apache", { "configfile", "httpd", "port", "statusurl", "options", "testregex" } },
	{ "IPaddr", { "ip", "nic", "cidr_netmask", "broadcast", "iflabel", "lvs_support",
		      "local_stop_script", "local_start_script", "ARP_INTERVAL_MS", "ARP_REPEAT",
		      "ARP_BACKGROUND", "ARP_NETMASK" } },
	{ "IPaddr2", { "ip", "nic", "cidr_netmask", "broadcast", "iflabel", "lvs_support", "mac",
		       "clusterip_hash", "arp_interval", "arp_count", "arp_bg", "arp_mac" } },
	{ "db2", { "instance", "admin" } },
	{ "oracle", { "sid", "home", "user", "ipcrm" } },
	{ "oralsnr", { "sid", "home", "user", "listener" } },
	{ "AudibleAlarm", { "nodelist" } },
	{ "Delay", { "startdelay", "stopdelay", "mondelay" } },
	{ "Filesystem", { "device", "directory", "fstype", "options", "ocfs2_cluster", "ocfs2_configfs" } },
	{ "ICP", { "driveid", "device" } },
	{ "IPsrcaddr", { "ipaddress" } },
	{ "IPv6addr", { "ipv6addr" } },
	{ "LinuxSCSI", { "scsi" } },
	{ "LVM", { "volgrpname" } },
	{ "MailTo", { "email", "subject" } },
	{ "portblock", { "protocol", "portno", "action" } },
	{ "Raid1", { "raidconf", "raiddev", "homehost" } },
	{ "ServeRAID", { "serveraid", "mergegroup" } },
	{ "WinPopup", { "hostfile" } },
	{ "Xinetd", { "service" } },
	{ "ClusterMon", { "user", "update", "extra_options", "pidfile", "htmlfile" } },
	{ "Dummy", { "state" } },
	{ "EvmsSCC", { NULL } },
	{ "Evmsd", { NULL } },
	{ "ManageRAID", { "raidname" } },
	{ "ManageVE", { "veid" } },
	{ "Pure-FTPd", { "script", "conffile", "daemon_type", "pidfile" } },
	{ "SAPDatabase", { "SID", "DIR_EXECUTABLE", "DBTYPE", "NETSERVICENAME", "DBJ2EE_ONLY",
			   "DIR_BOOTSTRAP", "DIR_SECSTORE" } },
	{ "SAPInstance", { "InstanceName", "DIR_EXECUTABLE", "DIR_PROFILE", "START_PROFILE" } },
	{ "SendArp", { "ip", "nic" } },
	{ "Stateful", { "state" } },
	{ "SysInfo", { "pidfile", "delay" } },
	{ "VIPArip", { "ip", "nic" } },
	{ "WAS", { "config", "port" } },
	{ "WAS6", { "profile" } },
	{ "Xen", { "xmfile" } },
	{ "drbd", { "drbd_resource", "drbdconf", "clone_overrides_hostname", "clone_max",
		    "clone_node_max", "master_max", "master_node_max" } },
	{ "eDir88", { "eDir_config_file", "eDir_monitor_ldap", "eDir_monitor_idm",
		      "eDir_jvm_initial_heap", "eDir_jvm_max_heap", "eDir_jvm_options" } },
	{ "ids", { "informixdir", "informixserver", "onconfig", "dbname", "sqltestquery" } },
	{ "iscsi", { "portal", "target", "discovery_type", "iscsiadm" } },
	{ "mysql", { "binary", "config", "datadir", "user", "group", "log", "pid", "socket",
		     "test_table", "test_user", "test_passwd", "enable_creation", "additional_parameters" } },
	{ "o2cb", { "netdev", "port", "ocfs2_cluster" } },
	{ "pgsql", { "pgctl", "start_opt", "ctl_opt", "psql", "pgdata", "pgdba", "pghost", "pgport",
		     "pgdb", "logfile", "stop_escalate" } },
	{ "pingd", { "pidfile", "user", "dampen", "set", "name", "section", "multiplier", "host_list" } },
	{ "rsyncd", { "binpath", "conffile", "bwlimit" } },
	{ "tomcat", { "tomcat_name", "script_log", "tomcat_stop_timeout", "tomcat_suspend_trialcount",
		      "tomcat_user", "statusurl", "java_home", "catalina_home", "catalina_pid" } },
};

/* The original's cluster options, in its order; two values depend on the input. */
static const char *const config_defaults[][2] = {
	{ "symmetric-cluster", "true" }, { "no-quorum-policy", "stop" },
	{ "default-resource-stickiness", NULL }, { "default-resource-failure-stickiness", "0" },
	{ "stonith-enabled", NULL }, { "stonith-action", "reboot" }, { "startup-fencing", "true" },
	{ "stop-orphan-resources", "true" }, { "stop-orphan-actions", "true" },
	{ "remove-after-stop", "false" }, { "short-resource-names", "true" },
	{ "transition-idle-timeout", "5min" }, { "default-action-timeout", "20s" },
	{ "is-managed-default", "true" }, { "cluster-delay", "60s" },
	{ "pe-error-series-max", "-1" }, { "pe-warn-series-max", "-1" }, { "pe-input-series-max", "-1" },
};

struct used_id {
	char *id;
	int line;
};

struct mapper {
	const struct h2c_opts *o;
	struct h2c_msgs *m;
	const char *hrname;
	const struct hb_config *cf;
	struct xel *resources, *constraints;
	int id_index, group_index;
	int nused;
	struct used_id *used;
	int nrefs;                 /* ids named by #rsc_order / #rsc_colocation */
	struct used_id *refs;
};

void h2c_error(struct h2c_msgs *m, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	m->nerr++;
	if (!m->out)
		return;
	if (line > 0)
		fprintf(m->out, "%s:%d: ", file, line);
	else
		fprintf(m->out, "%s: ", file);
	va_start(ap, fmt);
	vfprintf(m->out, fmt, ap);
	va_end(ap);
	fputc('\n', m->out);
}

void h2c_warn(struct h2c_msgs *m, const char *fmt, ...)
{
	va_list ap;

	m->nwarn++;
	if (!m->out)
		return;
	va_start(ap, fmt);
	vfprintf(m->out, fmt, ap);
	va_end(ap);
	fputc('\n', m->out);
}

static const struct ocf_ra *ocf_lookup(const struct mapper *mp, const char *type)
{
	size_t i;

	if (mp->o->no_ocf)
		return NULL;
	for (i = 0; i < sizeof ocf_table / sizeof ocf_table[0]; i++)
		if (strcmp(ocf_table[i].type, type) == 0)
			return &ocf_table[i];
	return NULL;
}

static int ocf_nparams(const struct ocf_ra *ra)
{
	int n = 0;

	while (n < (int)(sizeof ra->params / sizeof ra->params[0]) && ra->params[n])
		n++;
	return n;
}

static bool script_in(const char *dir, const char *type)
{
	char path[4096];

	if (!dir || snprintf(path, sizeof path, "%s/%s", dir, type) >= (int)sizeof path)
		return false;
	return access(path, F_OK) == 0;
}

/* Not an OCF agent of the table: a heartbeat script, an LSB script, or
 * unknown (the original's warning, word for word). */
static const char *script_class(struct mapper *mp, const char *type)
{
	if (script_in(mp->o->resource_dir, type))
		return "heartbeat";
	if (script_in(mp->o->init_dir, type))
		return "lsb";
	h2c_warn(mp->m, "%s is an unknown Resource Agent. Please refer to http://www.linux-ha.org/ResourceAgent",
		 type);
	return "UNKNOWN";
}

static bool valid_id(const char *s)
{
	if (!(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-' || *s == '.'))
			return false;
	return true;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	va_list ap;
	char *s = NULL;
	int r;

	va_start(ap, f);
	r = vasprintf(&s, f, ap);
	va_end(ap);
	if (r < 0) {
		fputs("haresources2cib: out of memory\n", stderr);
		exit(1);
	}
	return s;
}

static void remember(struct used_id **arr, int *n, const char *id, int line)
{
	struct used_id *na = realloc(*arr, (size_t)(*n + 1) * sizeof *na);

	if (!na) {
		fputs("haresources2cib: out of memory\n", stderr);
		exit(1);
	}
	*arr = na;
	na[*n].id = fmt("%s", id);
	na[*n].line = line;
	(*n)++;
}

static const struct used_id *find_used(const struct mapper *mp, const char *id)
{
	int i;

	for (i = 0; i < mp->nused; i++)
		if (strcmp(mp->used[i].id, id) == 0)
			return &mp->used[i];
	return NULL;
}

/* Every id of the document must be unique; the original never checked. */
static void claim_id(struct mapper *mp, const char *file, const char *id, int line)
{
	const struct used_id *u = find_used(mp, id);

	if (u) {
		if (u->line > 0)
			h2c_error(mp->m, file, line, "id [%s] is already used (line %d)", id, u->line);
		else
			h2c_error(mp->m, file, line, "id [%s] is already used", id);
		return;
	}
	remember(&mp->used, &mp->nused, id, line);
}

static void nvpair(struct xel *attrs, const char *id, const char *name, const char *value)
{
	struct xel *nv = xel_add(attrs, "nvpair");

	xel_set(nv, "id", id);
	xel_set(nv, "name", name);
	xel_set(nv, "value", value);
}

/* <instance_attributes id="ID_inst_attr"><attributes/>, returning the inner element. */
static struct xel *inst_attrs(struct xel *parent, const char *id)
{
	struct xel *ia = xel_add(parent, "instance_attributes");
	char *iid = fmt("%s_inst_attr", id);

	xel_set(ia, "id", iid);
	free(iid);
	return xel_add(ia, "attributes");
}

static void add_nv_n(struct xel *attrs, const char *id, int n, const char *name, const char *value)
{
	char *nid = fmt("%s_attr_%d", id, n);

	nvpair(attrs, nid, name, value);
	free(nid);
}

static bool is_int(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static bool dotted_quad(const char *s)
{
	int dots = 0;

	for (; *s; s++)
		dots += *s == '.';
	return dots == 3;
}

/* "ip[/x[/y[/z]]]": a dotted quad is the broadcast address (and ends the
 * list), a number the netmask bits, anything else the interface.  2.1.3 put
 * the bits under "nic" and the interface under "cidr_netmask"; Pacemaker 1.0
 * swapped the table instead of the code, which kept the mix-up. */
static void ip_params(const struct mapper *mp, struct xel *attrs, const char *id, const char *arg)
{
	static const char *const names213[] = { "ip", "nic", "cidr_netmask", "broadcast" };
	static const char *const names10[] = { "ip", "cidr_netmask", "nic", "broadcast" };
	const char *const *names = mp->o->compat == H2C_COMPAT_10 ? names10 : names213;
	int bits_slot = mp->o->compat == H2C_COMPAT_213 ? 1 : 2;
	int nic_slot = 3 - bits_slot;
	char *copy = fmt("%s", arg), *slot[4] = { NULL }, *f, *next;
	int i;

	slot[0] = copy;
	next = strchr(copy, '/');
	if (next)
		*next++ = '\0';
	while ((f = next)) {
		next = strchr(f, '/');
		if (next)
			*next++ = '\0';
		if (dotted_quad(f)) {
			slot[3] = f;
			break;
		}
		slot[is_int(f) ? bits_slot : nic_slot] = f;
	}
	for (i = 0; i < 4; i++)
		if (slot[i])
			add_nv_n(attrs, id, i, names[i], slot[i]);
	free(copy);
}

/* <op id="ID_SUFFIX" name=... [interval] timeout [prereq]/> */
static void add_op(struct xel *ops, const char *id, const char *suffix, const char *name,
		   const char *interval, const char *timeout, const char *prereq)
{
	struct xel *op = xel_add(ops, "op");
	char *oid = fmt("%s_%s", id, suffix);

	xel_set(op, "id", oid);
	free(oid);
	xel_set(op, "name", name);
	if (interval)
		xel_set(op, "interval", interval);
	xel_set(op, "timeout", timeout);
	if (prereq)
		xel_set(op, "prereq", prereq);
}

/* One haresources resource as a <primitive>.  user_id is the "#ID" of a
 * single-resource line, or NULL; index feeds the TYPE_<n> id. */
static struct xel *primitive(struct mapper *mp, const struct hr_resource *r, const char *user_id,
			     int index, int line)
{
	const struct ocf_ra *ra = ocf_lookup(mp, r->type);
	bool shorthand = strstr(r->spec, "::") == NULL;
	int nargs = r->nargs;
	struct xel *p, *ops, *attrs;
	char *id, *s;
	int i, np;

	/* IPaddr* takes one argument: what follows it is dropped, as before. */
	if (!shorthand && strncmp(r->type, "IPaddr", 6) == 0 && nargs > 1)
		nargs = 1;
	if (strcmp(r->type, "IPaddr") == 0 && nargs == 0) {
		h2c_error(mp->m, mp->hrname, line, "IPaddr needs an address (IPaddr::ADDRESS[/BITS][/IFACE][/BROADCAST])");
		return NULL;
	}
	if (user_id)
		id = fmt("%s", user_id);
	else if (strcmp(r->type, "IPaddr") == 0) {
		id = fmt("IPaddr_%.*s", (int)strcspn(r->args[0], "/"), r->args[0]);
		for (s = id; *s; s++)
			if (*s == '.')
				*s = '_';
	} else
		id = fmt("%s_%d", r->type, index);
	claim_id(mp, mp->hrname, id, line);

	p = xel_new("primitive");
	xel_set(p, "id", id);
	xel_set(p, "type", r->type);
	xel_set(p, "class", ra ? "ocf" : script_class(mp, r->type));
	xel_set(p, "provider", "heartbeat");
	if (!mp->o->no_monitor) {
		bool fast = ra && (strcmp(r->type, "IPaddr") == 0 || strcmp(r->type, "IPaddr2") == 0 ||
				   strcmp(r->type, "IPsrcaddr") == 0 || strcmp(r->type, "IPv6addr") == 0);

		ops = xel_add(p, "operations");
		add_op(ops, id, "mon", "monitor", fast ? "5s" : "120s", fast ? "5s" : "60s", NULL);
	}
	if (nargs > 0) {
		attrs = inst_attrs(p, id);
		if (ra && (strcmp(r->type, "IPaddr") == 0 || strcmp(r->type, "IPaddr2") == 0)) {
			ip_params(mp, attrs, id, r->args[0]);
		} else if (ra) {
			np = ocf_nparams(ra);
			if (np == 0)
				h2c_error(mp->m, mp->hrname, line, "%s takes no arguments (%s)", r->type, r->spec);
			/* The last known parameter takes the rest, joined by blanks. */
			for (i = 0; i < nargs && i < np; i++) {
				if (i == np - 1 && nargs > np) {
					size_t len = 0;
					int k;
					char *all;

					for (k = i; k < nargs; k++)
						len += strlen(r->args[k]) + 1;
					all = calloc(1, len + 1);
					if (!all)
						exit(1);
					for (k = i; k < nargs; k++) {
						if (k > i)
							strcat(all, " ");
						strcat(all, r->args[k]);
					}
					add_nv_n(attrs, id, i, ra->params[i], all);
					free(all);
				} else
					add_nv_n(attrs, id, i, ra->params[i], r->args[i]);
			}
		} else {
			for (i = 0; i < nargs; i++) {
				char num[16];

				snprintf(num, sizeof num, "%d", i + 1);
				add_nv_n(attrs, id, i + 1, num, r->args[i]);
			}
		}
	}
	free(id);
	return p;
}

static void location(struct mapper *mp, const char *rsc, const char *node, int line, const char *file)
{
	const char *spell = mp->o->compat == H2C_COMPAT_10 ? "preferred" : "prefered";
	struct xel *loc = xel_add(mp->constraints, "rsc_location"), *rule, *ex;
	char *s = fmt("rsc_location_%s", rsc);

	claim_id(mp, file, s, line);
	xel_set(loc, "id", s);
	free(s);
	xel_set(loc, "rsc", rsc);
	rule = xel_add(loc, "rule");
	s = fmt("%s_location_%s", spell, rsc);
	xel_set(rule, "id", s);
	free(s);
	xel_set(rule, "score", "100");
	ex = xel_add(rule, "expression");
	s = fmt("%s_location_%s_expr", spell, rsc);
	xel_set(ex, "id", s);
	free(s);
	xel_set(ex, "attribute", "#uname");
	xel_set(ex, "operation", "eq");
	xel_set(ex, "value", node);
}

static struct xel *clone_el(struct mapper *mp, const char *id, int line, const char *file)
{
	struct xel *c = xel_new("clone"), *attrs;
	char num[16];

	claim_id(mp, file, id, line);
	xel_set(c, "id", id);
	attrs = inst_attrs(c, id);
	snprintf(num, sizeof num, "%d", mp->cf ? mp->cf->nnodes : 0);
	add_nv_n(attrs, id, 1, "clone_max", num);
	add_nv_n(attrs, id, 2, "clone_node_max", "1");
	return c;
}

static const char *user_tag(struct mapper *mp, const struct hr_group *g)
{
	const char *t = g->tag;

	if (!t)
		return NULL;
	if (strncmp(t, "clone:", 6) == 0)
		t += 6;
	if (*t && !valid_id(t)) {
		h2c_error(mp->m, mp->hrname, g->line,
			  "[%s] is not a valid id (a letter or '_' first, then letters, digits, '_', '-', '.')", t);
		return NULL;
	}
	return *t ? t : NULL;
}

static void map_group(struct mapper *mp, const struct hr_group *g)
{
	const char *tag = user_tag(mp, g);
	struct xel *p, *grp, *c;
	char *gid;
	int i;

	if (g->tag && strncmp(g->tag, "clone:", 6) == 0) {
		/* Only the first resource is cloned (the original's rule); say so. */
		for (i = 1; i < g->nres; i++)
			h2c_warn(mp->m, "%s:%d: warning: #clone: only %s is cloned, %s is left out",
				 mp->hrname, g->line, g->res[0].spec, g->res[i].spec);
		gid = tag ? fmt("%s", tag) : fmt("clone_%d", mp->group_index);
		c = clone_el(mp, gid, g->line, mp->hrname);
		p = primitive(mp, &g->res[0], NULL, mp->group_index, g->line);
		if (p)
			xel_adopt(c, p);
		xel_adopt(mp->resources, c);
		free(gid);
		mp->group_index += 10;
		mp->id_index += 1;
	} else if (g->nres == 1) {
		p = primitive(mp, &g->res[0], tag, mp->id_index, g->line);
		if (p) {
			xel_adopt(mp->resources, p);
			location(mp, xel_get(p, "id"), g->node, g->line, mp->hrname);
		}
		mp->id_index += 1;
	} else {
		gid = tag ? fmt("%s", tag) : fmt("group_%d", mp->group_index);
		claim_id(mp, mp->hrname, gid, g->line);
		grp = xel_add(mp->resources, "group");
		xel_set(grp, "id", gid);
		for (i = 0; i < g->nres; i++) {
			p = primitive(mp, &g->res[i], NULL, mp->group_index + i, g->line);
			if (p)
				xel_adopt(grp, p);
		}
		location(mp, gid, g->node, g->line, mp->hrname);
		free(gid);
		mp->group_index += 10;
		mp->id_index += g->nres + 1;
	}
}

static bool valid_score(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	return strcasecmp(s, "INFINITY") == 0 || is_int(s);
}

static void note_ref(struct mapper *mp, const char *id, int line)
{
	remember(&mp->refs, &mp->nrefs, id, line);
}

/* <TAG id="TAG_A_B" NAME=VALUE...> between resources a and b of a comment line. */
static void constraint(struct mapper *mp, int line, const char *tag, const char *a, const char *b,
		       const char *const *attrs)
{
	char *id = fmt("%s_%s_%s", tag, a, b);
	struct xel *e;

	claim_id(mp, mp->hrname, id, line);
	e = xel_add(mp->constraints, tag);
	xel_set(e, "id", id);
	for (; *attrs; attrs += 2)
		xel_set(e, attrs[0], attrs[1]);
	note_ref(mp, a, line);
	note_ref(mp, b, line);
	free(id);
}

/* "#rsc_order FROM ACTION before|after TO" and "#rsc_colocation FROM TO SCORE". */
static void map_directive(struct mapper *mp, const struct hr_comment *c)
{
	char *copy = fmt("%s", c->text), *w[6], *save = NULL;
	int n = 0;

	for (char *t = strtok_r(copy, " \t\r\f\v", &save); t; t = strtok_r(NULL, " \t\r\f\v", &save))
		if (n < 6)
			w[n++] = t;
	if (n == 0 || (strcmp(w[0], "rsc_order") != 0 && strcmp(w[0], "rsc_colocation") != 0)) {
		free(copy);
		return;
	}
	if (strcmp(w[0], "rsc_order") == 0) {
		if (n != 5 || (strcmp(w[3], "before") != 0 && strcmp(w[3], "after") != 0) ||
		    (strcmp(w[2], "start") != 0 && strcmp(w[2], "stop") != 0 &&
		     strcmp(w[2], "promote") != 0 && strcmp(w[2], "demote") != 0)) {
			h2c_error(mp->m, mp->hrname, c->line,
				  "#rsc_order: expected FROM start|stop|promote|demote before|after TO");
			free(copy);
			return;
		}
		const char *const attrs[] = { "from", w[1], "action", w[2], "type", w[3], "to", w[4],
					      "symmetrical", "true", NULL };

		constraint(mp, c->line, "rsc_order", w[1], w[4], attrs);
	} else {
		if (n != 4 || !valid_score(w[3])) {
			h2c_error(mp->m, mp->hrname, c->line,
				  "#rsc_colocation: expected FROM TO SCORE (an integer or [+-]INFINITY)");
			free(copy);
			return;
		}
		const char *const attrs[] = { "from", w[1], "to", w[2], "score", w[3], NULL };

		constraint(mp, c->line, "rsc_colocation", w[1], w[2], attrs);
	}
	free(copy);
}

static struct xel *stonith_primitive(struct mapper *mp, const struct conf_stonith_host *sh, int index)
{
	struct xel *p = xel_new("primitive"), *ops, *attrs;
	char *id = fmt("stonith_%d", index), *copy, *save = NULL, **names = NULL;
	char err[512] = "";
	int nnames = -1, i = 2;

	claim_id(mp, mp->o->hacf_name, id, sh->line);
	xel_set(p, "id", id);
	xel_set(p, "type", sh->type);
	xel_set(p, "class", "stonith");
	xel_set(p, "provider", "heartbeat");
	if (!mp->o->no_monitor) {
		ops = xel_add(p, "operations");
		add_op(ops, id, "mon", "monitor", "5s", "20s", "nothing");
		add_op(ops, id, "start", "start", NULL, "20s", "nothing");
	}
	copy = fmt("%s", sh->params);
	attrs = NULL;
	for (char *t = strtok_r(copy, " \t\r\n\f\v", &save); t; t = strtok_r(NULL, " \t\r\n\f\v", &save), i++) {
		if (!attrs) {
			nnames = mp->o->stonith_names ? mp->o->stonith_names(sh->type, &names, err, sizeof err) : -1;
			if (nnames < 0) {
				h2c_error(mp->m, mp->o->hacf_name, sh->line,
					  "stonith_host: cannot learn the parameters of %s: %s", sh->type,
					  err[0] ? err : "no stonith command");
				break;
			}
			attrs = inst_attrs(p, id);
		}
		if (i - 2 >= nnames) {
			h2c_error(mp->m, mp->o->hacf_name, sh->line,
				  "stonith_host: %s takes %d parameter%s, [%s] is one too many", sh->type,
				  nnames, nnames == 1 ? "" : "s", t);
			break;
		}
		add_nv_n(attrs, id, i, names[i - 2], t);
	}
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(copy);
	free(id);
	return p;
}

static void map_stonith(struct mapper *mp, const struct conf_stonith_host *sh)
{
	struct xel *c, *p;
	char *cid;

	if (strcmp(sh->host, "*") == 0) {
		cid = fmt("clone_%d", mp->id_index);
		c = clone_el(mp, cid, sh->line, mp->o->hacf_name);
		xel_adopt(c, stonith_primitive(mp, sh, mp->id_index));
		xel_adopt(mp->resources, c);
		free(cid);
	} else {
		p = stonith_primitive(mp, sh, mp->id_index);
		xel_adopt(mp->resources, p);
		location(mp, xel_get(p, "id"), sh->host, sh->line, mp->o->hacf_name);
	}
	mp->id_index++;
}

static struct xel *new_cib(const struct mapper *mp, struct xel **config)
{
	const struct hb_config *cf = mp->cf;
	bool stonith = cf && cf->nstonith_hosts > 0;
	struct xel *cib = xel_new("cib"), *crm, *set, *attrs;
	size_t i;

	xel_set(cib, "admin_epoch", "0");
	xel_set(cib, "epoch", "0");
	xel_set(cib, "num_updates", "0");
	*config = xel_add(cib, "configuration");
	crm = xel_add(*config, "crm_config");
	set = xel_add(crm, "cluster_property_set");
	xel_set(set, "id", "cib-bootstrap-options");
	attrs = xel_add(set, "attributes");
	for (i = 0; i < sizeof config_defaults / sizeof config_defaults[0]; i++) {
		const char *name = config_defaults[i][0], *value = config_defaults[i][1];
		char *id = fmt("cib-bootstrap-options-%s", name);

		if (strcmp(name, "default-resource-stickiness") == 0)
			/* auto_failback off: stay where you are (the originals always wrote 0). */
			value = mp->o->compat == H2C_FIXED && cf && cf->auto_failback == AF_OFF ? "INFINITY" : "0";
		else if (strcmp(name, "stonith-enabled") == 0)
			/* 2.1.3 tested a misspelt option name and never switched it on. */
			value = stonith && mp->o->compat != H2C_COMPAT_213 ? "true" : "false";
		nvpair(attrs, id, name, value);
		free(id);
	}
	xel_add(*config, "nodes");
	return cib;
}

struct xel *h2c_map(const struct haresources *hr, const char *hr_name,
		    const struct hb_config *cf, const struct h2c_opts *o, struct h2c_msgs *m)
{
	struct mapper mp = { .o = o, .m = m, .hrname = hr_name, .cf = cf, .id_index = 1, .group_index = 1 };
	struct xel *cib, *config;
	int gi = 0, ci = 0, i, nerr = m->nerr;

	cib = new_cib(&mp, &config);
	mp.resources = xel_add(config, "resources");
	mp.constraints = xel_add(config, "constraints");
	xel_add(cib, "status");
	/* Resource lines and constraint comments in file order, as read. */
	while (gi < hr->ngroups || ci < hr->ncomments) {
		if (ci >= hr->ncomments || (gi < hr->ngroups && hr->groups[gi].line < hr->comments[ci].line)) {
			if (hr->groups[gi].nres > 0)
				map_group(&mp, &hr->groups[gi]);
			gi++;
		} else
			map_directive(&mp, &hr->comments[ci++]);
	}
	for (i = 0; cf && i < cf->nstonith_hosts; i++)
		map_stonith(&mp, &cf->stonith_hosts[i]);
	for (i = 0; i < mp.nrefs; i++)
		if (!find_used(&mp, mp.refs[i].id))
			h2c_warn(m, "%s:%d: warning: no resource has the id [%s]", hr_name, mp.refs[i].line,
				 mp.refs[i].id);
	for (i = 0; i < mp.nused; i++)
		free(mp.used[i].id);
	for (i = 0; i < mp.nrefs; i++)
		free(mp.refs[i].id);
	free(mp.used);
	free(mp.refs);
	if (m->nerr > nerr) {
		xel_free(cib);
		return NULL;
	}
	return cib;
}
