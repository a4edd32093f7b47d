/* ha.cf lines that are not plain option lists: the media (bcast, mcast, ucast,
 * serial, ping, ping_group and the IPv6 ones), the whole-line built-ins
 * (apiauth, respawn, failfast, stonith, stonith_host) and our stop_failure_cmd.
 * Addresses are validated as text here; interfaces and names are resolved by
 * the media code when it opens them. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "conf_int.h"

#define IFNAME_MAX 15    /* IFNAMSIZ - 1 */
#define MAXTOK 8

/* Split a copy of rest on blanks into at most MAXTOK words; *tail gets the
 * remainder after the first `keep` words (for command lines and parameters). */
static int split(const char *rest, char *buf, size_t bufsz, char **tok, int keep, const char **tail)
{
	const char *p = rest;
	int n = 0;

	snprintf(buf, bufsz, "%s", rest);
	if (tail)
		*tail = NULL;
	for (char *q = buf; n < MAXTOK;) {
		while (*q == ' ' || *q == '\t')
			q++, p++;
		if (!*q)
			break;
		if (tail && n == keep) {
			*tail = p;
			break;
		}
		tok[n++] = q;
		while (*q && *q != ' ' && *q != '\t')
			q++, p++;
		if (*q)
			*q++ = '\0', p++;
	}
	return n;
}

static struct conf_medium *new_medium(struct conf_ctx *x, enum media_type t, const char *dev)
{
	struct conf_medium *m;
	size_t len = strlen(dev);

	if (x->c->nmedia >= CONF_MAXMEDIA) {
		conf_err(x, "too many media: at most %d", CONF_MAXMEDIA);
		return NULL;
	}
	if (t == MEDIA_SERIAL ? (len == 0 || len >= sizeof m->dev) : (len == 0 || len > IFNAME_MAX)) {
		conf_err(x, "%s [%.64s] is not a valid %s", t == MEDIA_SERIAL ? "serial port" : "interface",
			 dev, t == MEDIA_SERIAL ? "device path" : "interface name (1 to 15 characters)");
		return NULL;
	}
	m = &x->c->media[x->c->nmedia++];
	memset(m, 0, sizeof *m);
	m->type = t;
	memcpy(m->dev, dev, len + 1);
	m->port = x->cur_udpport;
	m->baud = x->cur_baud;
	m->line = x->line;
	return m;
}

static int m_bcast(struct conf_ctx *x, const char *dev)
{
	return new_medium(x, MEDIA_BCAST, dev) ? 0 : -1;
}

static int m_serial(struct conf_ctx *x, const char *dev)
{
	if (dev[0] != '/') {
		conf_err(x, "serial: port [%.64s] must be an absolute device path such as /dev/ttyS0", dev);
		return -1;
	}
	return new_medium(x, MEDIA_SERIAL, dev) ? 0 : -1;
}

static int add_ping(struct conf_ctx *x, const char *name, bool group, bool v6, char **addrs, int naddrs)
{
	struct hb_config *c = x->c;
	struct conf_ping *np, *pg;
	int i;

	if (conf_add_node_name(x, name, true) < 0)
		return -1;
	np = conf_grow(c->pings, c->npings, sizeof *np);
	if (!np)
		return -1;
	c->pings = np;
	pg = &np[c->npings];
	snprintf(pg->name, sizeof pg->name, "%s", name);
	pg->line = x->line;
	pg->group = group;
	pg->v6 = v6;
	pg->addrs = calloc((size_t)naddrs, sizeof *pg->addrs);
	if (!pg->addrs)
		return -1;
	for (i = 0; i < naddrs; i++) {
		pg->addrs[i] = strdup(addrs[i]);
		if (!pg->addrs[i])
			break;
	}
	pg->naddrs = i;
	c->npings++;
	return 0;
}

static int m_ping(struct conf_ctx *x, const char *host)
{
	char *a = (char *)host;

	return add_ping(x, host, false, false, &a, 1);
}

static int m_ping6(struct conf_ctx *x, const char *host)
{
	char *a = (char *)host;

	return add_ping(x, host, false, true, &a, 1);
}

static int m_ping_group(struct conf_ctx *x, const char *rest)
{
	char buf[CONF_MAXLINE + 1], **tok;
	char *q, *save = NULL;
	int n = 0, rc;

	snprintf(buf, sizeof buf, "%s", rest);
	/* A word takes at least two bytes with its separator. */
	tok = calloc(strlen(buf) / 2 + 2, sizeof *tok);
	if (!tok)
		return -1;
	for (q = strtok_r(buf, CONF_DELIMS, &save); q; q = strtok_r(NULL, CONF_DELIMS, &save))
		tok[n++] = q;
	if (n < 2) {
		conf_err(x, "ping_group: expected a group name and at least one host address");
		free(tok);
		return -1;
	}
	rc = add_ping(x, tok[0], true, false, tok + 1, n - 1);
	free(tok);
	return rc;
}

static bool int_field(struct conf_ctx *x, const char *what, const char *dev, const char *v,
		      long min, long max, long *out)
{
	if (conf_parse_int(v, min, max, out))
		return true;
	conf_err(x, "%s [%s] bad %s [%.64s] (expected an integer from %ld to %ld)", x->dname, dev,
		 what, v, min, max);
	return false;
}

/* mcast IF GROUP PORT TTL LOOP and mcast6 IF GROUP PORT HOPS LOOP */
static int m_mcast_any(struct conf_ctx *x, const char *rest, bool v6)
{
	static const char *const names[] = { "interface", "group", "port", "ttl", "loop" };
	char buf[CONF_MAXLINE + 1], *tok[MAXTOK];
	unsigned char a[16];
	struct conf_medium *m;
	long port, ttl, loop;
	int n = split(rest, buf, sizeof buf, tok, 0, NULL);
	bool ok = true;

	if (n < 5) {
		conf_err(x, "%s: missing %s (expected: %s IF GROUP PORT %s LOOP)", x->dname, names[n],
			 x->dname, v6 ? "HOPS" : "TTL");
		return -1;
	}
	if (n > 5)
		conf_warn(x, "%s: words after LOOP ignored", x->dname);
	if (v6 ? (inet_pton(AF_INET6, tok[1], a) != 1 || a[0] != 0xff)
	       : (inet_pton(AF_INET, tok[1], a) != 1 || (a[0] & 0xf0) != 0xe0)) {
		conf_err(x, "%s [%s] bad addr [%.64s] (expected an %s multicast group)", x->dname, tok[0],
			 tok[1], v6 ? "IPv6 (ff00::/8)" : "IPv4 class D (224.0.0.0-239.255.255.255)");
		ok = false;
	}
	ok = int_field(x, "port", tok[0], tok[2], 1, 65535, &port) && ok;
	ok = int_field(x, v6 ? "hops" : "ttl", tok[0], tok[3], 0, 4, &ttl) && ok;
	ok = int_field(x, "loop", tok[0], tok[4], 0, 1, &loop) && ok;
	if (!ok)
		return -1;
	m = new_medium(x, v6 ? MEDIA_MCAST6 : MEDIA_MCAST, tok[0]);
	if (!m)
		return -1;
	snprintf(m->addr, sizeof m->addr, "%s", tok[1]);
	m->port = (int)port;
	m->ttl = (int)ttl;
	m->loop = (int)loop;
	return 0;
}

static int m_mcast(struct conf_ctx *x, const char *rest) { return m_mcast_any(x, rest, false); }
static int m_mcast6(struct conf_ctx *x, const char *rest) { return m_mcast_any(x, rest, true); }

static int m_ucast_any(struct conf_ctx *x, const char *rest, bool v6)
{
	char buf[CONF_MAXLINE + 1], *tok[MAXTOK], addr[256];
	unsigned char a[16];
	struct conf_medium *m;
	int n = split(rest, buf, sizeof buf, tok, 0, NULL);

	if (n < 2) {
		conf_err(x, "%s: missing %s (expected: %s IF PEER)", x->dname,
			 n ? "peer address" : "interface and peer address", x->dname);
		return -1;
	}
	if (n > 2)
		conf_warn(x, "%s: words after the peer address ignored", x->dname);
	if (strlen(tok[1]) >= sizeof m->addr) {
		conf_err(x, "%s [%s] peer address too long", x->dname, tok[0]);
		return -1;
	}
	if (v6) {
		snprintf(addr, sizeof addr, "%s", tok[1]);
		addr[strcspn(addr, "%")] = '\0';   /* %scope */
		if (inet_pton(AF_INET6, addr, a) != 1) {
			conf_err(x, "ucast6 [%s] bad addr [%.64s] (expected an IPv6 address, optionally %%scope)",
				 tok[0], tok[1]);
			return -1;
		}
	}
	m = new_medium(x, v6 ? MEDIA_UCAST6 : MEDIA_UCAST, tok[0]);
	if (!m)
		return -1;
	snprintf(m->addr, sizeof m->addr, "%s", tok[1]);
	return 0;
}

static int m_ucast(struct conf_ctx *x, const char *rest) { return m_ucast_any(x, rest, false); }
static int m_ucast6(struct conf_ctx *x, const char *rest) { return m_ucast_any(x, rest, true); }

/* Each comma-separated entry: a number, or a user (group) that exists here. */
static bool id_list_ok(struct conf_ctx *x, const char *client, const char *list, bool groups)
{
	char buf[CONF_MAXLINE + 1], *item, *save = NULL;
	long id;

	snprintf(buf, sizeof buf, "%s", list);
	for (item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		if (conf_parse_int(item, 0, 0x7fffffff, &id))
			continue;
		if (groups ? getgrnam(item) != NULL : getpwnam(item) != NULL)
			continue;
		conf_err(x, "apiauth %s: unknown %s [%.64s] (expected an existing %s name, or a number)",
			 client, groups ? "group" : "user", item, groups ? "group" : "user");
		return false;
	}
	return true;
}

static int b_apiauth(struct conf_ctx *x, const char *rest)
{
	char buf[CONF_MAXLINE + 1], *tok[MAXTOK];
	struct conf_apiauth *na, *a;
	const char *uids = NULL, *gids = NULL;
	int i, n = split(rest, buf, sizeof buf, tok, 0, NULL);

	if (n < 2) {
		conf_err(x, "apiauth: expected CLIENT uid=LIST and/or gid=LIST");
		return -1;
	}
	if (strlen(tok[0]) >= 32) {
		conf_err(x, "apiauth: client name [%.40s] longer than 31 characters", tok[0]);
		return -1;
	}
	for (i = 1; i < n; i++) {
		if (strncmp(tok[i], "uid=", 4) == 0 && tok[i][4]) {
			uids = tok[i] + 4;
			if (!id_list_ok(x, tok[0], uids, false))
				return -1;
		} else if (strncmp(tok[i], "gid=", 4) == 0 && tok[i][4]) {
			gids = tok[i] + 4;
			if (!id_list_ok(x, tok[0], gids, true))
				return -1;
		} else {
			conf_err(x, "apiauth %s: invalid word [%.64s] (expected uid=u1,u2... or gid=g1,g2...)",
				 tok[0], tok[i]);
			return -1;
		}
	}
	for (i = 0; i < x->c->napiauth; i++) {
		if (strcmp(x->c->apiauth[i].client, tok[0]) == 0) {
			conf_err(x, "apiauth: client [%s] given more than once", tok[0]);
			return -1;
		}
	}
	na = conf_grow(x->c->apiauth, x->c->napiauth, sizeof *na);
	if (!na)
		return -1;
	x->c->apiauth = na;
	a = &na[x->c->napiauth++];
	a->client = strdup(tok[0]);
	a->uids = conf_strdup(uids);
	a->gids = conf_strdup(gids);
	return 0;
}

static int add_cmd(struct conf_ctx *x, const char *rest, bool failfast)
{
	char buf[CONF_MAXLINE + 1], *tok[MAXTOK], prog[CONF_MAXLINE + 1];
	const char *cmd;
	struct conf_cmd *nc;
	int n = split(rest, buf, sizeof buf, tok, 1, &cmd);

	if (n < 1 || !cmd) {
		conf_err(x, "%s: expected USER /absolute/path [arguments]", x->dname);
		return -1;
	}
	if (cmd[0] != '/') {
		conf_err(x, "%s: command [%.64s] must be an absolute path", x->dname, cmd);
		return -1;
	}
	if (!getpwnam(tok[0])) {
		conf_err(x, "%s: user [%.64s] does not exist", x->dname, tok[0]);
		return -1;
	}
	snprintf(prog, sizeof prog, "%s", cmd);
	prog[strcspn(prog, " \t")] = '\0';
	if (access(prog, X_OK) != 0) {
		conf_err(x, "%s: [%.200s] is not an executable program (expected the absolute path of one: %s)",
			 x->dname, prog, strerror(errno));
		return -1;
	}
	nc = conf_grow(x->c->cmds, x->c->ncmds, sizeof *nc);
	if (!nc)
		return -1;
	x->c->cmds = nc;
	nc[x->c->ncmds].user = strdup(tok[0]);
	nc[x->c->ncmds].cmdline = strdup(cmd);
	nc[x->c->ncmds].failfast = failfast;
	x->c->ncmds++;
	return 0;
}

static int b_respawn(struct conf_ctx *x, const char *rest) { return add_cmd(x, rest, false); }
static int b_failfast(struct conf_ctx *x, const char *rest) { return add_cmd(x, rest, true); }

static int b_stonith(struct conf_ctx *x, const char *rest)
{
	char buf[CONF_MAXLINE + 1], *tok[MAXTOK];
	int n = split(rest, buf, sizeof buf, tok, 0, NULL);

	if (n < 2) {
		conf_err(x, "stonith: expected TYPE CONFIG-FILE");
		return -1;
	}
	if (n > 2)
		conf_warn(x, "stonith: words after the config file ignored");
	if (access(tok[1], R_OK) != 0) {
		conf_err(x, "stonith: cannot read config file [%.200s]", tok[1]);
		return -1;
	}
	free(x->c->stonith_type);
	free(x->c->stonith_file);
	x->c->stonith_type = strdup(tok[0]);
	x->c->stonith_file = strdup(tok[1]);
	x->c->stonith_line = x->line;
	return 0;
}

static int b_stonith_host(struct conf_ctx *x, const char *rest)
{
	char buf[CONF_MAXLINE + 1], *tok[MAXTOK];
	const char *params;
	struct conf_stonith_host *ns, *s;
	int n = split(rest, buf, sizeof buf, tok, 2, &params);

	if (n < 2) {
		conf_err(x, "stonith_host: expected HOST|* TYPE [PARAMETERS...]");
		return -1;
	}
	ns = conf_grow(x->c->stonith_hosts, x->c->nstonith_hosts, sizeof *ns);
	if (!ns)
		return -1;
	x->c->stonith_hosts = ns;
	s = &ns[x->c->nstonith_hosts++];
	for (char *p = tok[0]; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	s->host = strdup(tok[0]);
	s->type = strdup(tok[1]);
	s->params = strdup(params ? params : "");
	s->line = x->line;
	return 0;
}

static int b_stop_failure_cmd(struct conf_ctx *x, const char *rest)
{
	if (!*rest) {
		conf_err(x, "stop_failure_cmd: expected a command line");
		return -1;
	}
	free(x->c->stop_fail_cmd);
	x->c->stop_fail_cmd = strdup(rest);
	return 0;
}

static const struct conf_line_directive line_directives[] = {
	{ "bcast", NULL, true, m_bcast },
	{ "serial", NULL, true, m_serial },
	{ "ping", NULL, true, m_ping },
	{ "ping6", NULL, true, m_ping6 },
	{ "mcast", m_mcast, false, NULL },
	{ "mcast6", m_mcast6, false, NULL },
	{ "ucast", m_ucast, false, NULL },
	{ "ucast6", m_ucast6, false, NULL },
	{ "ping_group", m_ping_group, false, NULL },
	{ "apiauth", b_apiauth, false, NULL },
	{ "respawn", b_respawn, false, NULL },
	{ "failfast", b_failfast, false, NULL },
	{ "stonith", b_stonith, false, NULL },
	{ "stonith_host", b_stonith_host, false, NULL },
	{ "stop_failure_cmd", b_stop_failure_cmd, false, NULL },
	{ NULL, NULL, false, NULL },
};

const struct conf_line_directive *conf_find_line_directive(const char *name)
{
	const struct conf_line_directive *d;

	for (d = line_directives; d->name; d++)
		if (strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

const char *conf_line_directive_name(int i)
{
	return i >= 0 && i < (int)(sizeof line_directives / sizeof line_directives[0]) ?
		line_directives[i].name : NULL;
}
