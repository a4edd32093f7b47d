/* mgmtd.conf: "name value" lines, '#' comments, as ha.cf.  Parsed into the
 * caller's struct after the defaults; every bad line is reported with file
 * and line and parsing goes on, so one run shows all errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "mgmtd.h"

void mgmt_conf_defaults(struct mgmt_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->address = g_strdup("0.0.0.0");
	c->port = MGMT_DEFAULT_PORT;
	c->cert = g_strdup(HA_VARLIBDIR "/mgmtd/cert.pem");
	c->key = g_strdup(HA_VARLIBDIR "/mgmtd/key.pem");
	c->group = g_strdup("haclient");
	c->pam_service = g_strdup("hbmgmtd");
	c->www = g_strdup(HA_DATADIR "/mgmtd");
	c->crm_tools = g_strdup(HA_SBINDIR);
	c->session_timeout = 900;
	c->login_failures = 5;
	c->login_window = 60;
	c->max_body = 65536;
	c->conn_timeout = 10;
	c->max_conns = 64;
	c->max_conns_per_ip = 16;
}

void mgmt_conf_free(struct mgmt_conf *c)
{
	g_free(c->address);
	g_free(c->cert);
	g_free(c->key);
	g_free(c->group);
	g_free(c->pam_service);
	g_free(c->pam_confdir);
	g_free(c->www);
	g_free(c->logfile);
	g_free(c->crm_tools);
	g_free(c->metrics_address);
	memset(c, 0, sizeof(*c));
}

static bool int_value(const char *v, int lo, int hi, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi)
		return false;
	*out = (int)n;
	return true;
}

static void set_str(char **field, const char *v)
{
	g_free(*field);
	*field = g_strdup(v);
}

/* "ADDR:PORT" or "[ADDR]:PORT" */
static bool addr_port(const char *v, char **addr, int *port)
{
	const char *colon = strrchr(v, ':');
	char *a;

	if (!colon || colon == v || !int_value(colon + 1, 1, 65535, port))
		return false;
	a = g_strndup(v, (size_t)(colon - v));
	if (a[0] == '[' && a[strlen(a) - 1] == ']') {
		char *b = g_strndup(a + 1, strlen(a) - 2);

		g_free(a);
		a = b;
	}
	g_free(*addr);
	*addr = a;
	return true;
}

static bool bool_value(const char *v, bool *out)
{
	if (!strcmp(v, "yes") || !strcmp(v, "on") || !strcmp(v, "true")) {
		*out = true;
		return true;
	}
	if (!strcmp(v, "no") || !strcmp(v, "off") || !strcmp(v, "false")) {
		*out = false;
		return true;
	}
	return false;
}

/* One directive; NULL when good, else what was expected. */
static const char *directive(struct mgmt_conf *c, const char *name, const char *v)
{
	if (!strcmp(name, "address"))
		set_str(&c->address, v);
	else if (!strcmp(name, "port"))
		return int_value(v, 1, 65535, &c->port) ? NULL : "expected a port number 1-65535";
	else if (!strcmp(name, "cert"))
		return v[0] == '/' ? (set_str(&c->cert, v), NULL) : "expected an absolute path";
	else if (!strcmp(name, "key"))
		return v[0] == '/' ? (set_str(&c->key, v), NULL) : "expected an absolute path";
	else if (!strcmp(name, "allow_group"))
		set_str(&c->group, v);
	else if (!strcmp(name, "pam_service"))
		set_str(&c->pam_service, v);
	else if (!strcmp(name, "pam_confdir"))
		return v[0] == '/' ? (set_str(&c->pam_confdir, v), NULL) : "expected an absolute path";
	else if (!strcmp(name, "www"))
		return v[0] == '/' ? (set_str(&c->www, v), NULL) : "expected an absolute path";
	else if (!strcmp(name, "crm_tools"))
		return v[0] == '/' ? (set_str(&c->crm_tools, v), NULL) : "expected an absolute path";
	else if (!strcmp(name, "logfile"))
		return v[0] == '/' ? (set_str(&c->logfile, v), NULL) : "expected an absolute path";
	else if (!strcmp(name, "metrics_bind"))
		return addr_port(v, &c->metrics_address, &c->metrics_port) ? NULL
			: "expected ADDRESS:PORT (an IPv6 address in brackets)";
	else if (!strcmp(name, "metrics_login"))
		return bool_value(v, &c->metrics_login) ? NULL : "expected yes or no";
	else if (!strcmp(name, "session_timeout"))
		return int_value(v, 2, 86400, &c->session_timeout) ? NULL : "expected seconds, 2-86400";
	else if (!strcmp(name, "login_failures"))
		return int_value(v, 1, 1000, &c->login_failures) ? NULL : "expected a count, 1-1000";
	else if (!strcmp(name, "login_window"))
		return int_value(v, 1, 86400, &c->login_window) ? NULL : "expected seconds, 1-86400";
	else if (!strcmp(name, "max_body"))
		return int_value(v, 256, 16777216, &c->max_body) ? NULL : "expected bytes, 256-16777216";
	else if (!strcmp(name, "conn_timeout"))
		return int_value(v, 1, 3600, &c->conn_timeout) ? NULL : "expected seconds, 1-3600";
	else if (!strcmp(name, "max_connections"))
		return int_value(v, 1, 10000, &c->max_conns) ? NULL : "expected a count, 1-10000";
	else if (!strcmp(name, "max_connections_per_ip"))
		return int_value(v, 1, 10000, &c->max_conns_per_ip) ? NULL : "expected a count, 1-10000";
	else
		return "unknown directive (expected address, port, cert, key, allow_group, pam_service, "
		       "pam_confdir, www, logfile, crm_tools, metrics_bind, metrics_login, session_timeout, login_failures, "
		       "login_window, max_body, conn_timeout, max_connections, max_connections_per_ip)";
	return NULL;
}

bool mgmt_conf_parse(struct mgmt_conf *c, const char *path, const char *text, GString *errs)
{
	char **lines = g_strsplit(text, "\n", -1);
	bool ok = true;
	int i;

	for (i = 0; lines[i]; i++) {
		char *l = lines[i], *hash = strchr(l, '#'), *name, *v;
		const char *why;

		if (hash)
			*hash = 0;
		g_strstrip(l);
		if (!*l)
			continue;
		name = l;
		v = name + strcspn(name, " \t");
		if (*v) {
			*v++ = 0;
			v += strspn(v, " \t");
		}
		if (!*v) {
			g_string_append_printf(errs, "%s:%d: %s: expected a value after the name\n", path, i + 1, name);
			ok = false;
			continue;
		}
		if ((why = directive(c, name, v))) {
			g_string_append_printf(errs, "%s:%d: %s: %s\n", path, i + 1, name, why);
			ok = false;
		}
	}
	g_strfreev(lines);
	return ok;
}

bool mgmt_conf_load(struct mgmt_conf *c, const char *path, GString *errs)
{
	gchar *text = NULL;
	GError *e = NULL;
	bool ok;

	mgmt_conf_defaults(c);
	if (!g_file_get_contents(path, &text, NULL, &e)) {
		bool missing = g_error_matches(e, G_FILE_ERROR, G_FILE_ERROR_NOENT);

		if (!missing)
			g_string_append_printf(errs, "%s: %s\n", path, e->message);
		g_error_free(e);
		return missing;
	}
	ok = mgmt_conf_parse(c, path, text, errs);
	g_free(text);
	return ok;
}
