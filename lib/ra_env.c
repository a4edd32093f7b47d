/* The pure half of lib/ra: argument vectors, child environments, exit-code
 * mapping and the original's status-text test.  No processes, no I/O; the
 * process-wide extra environment set with ra_setenv lives here too. */
#include <string.h>
#include <stdio.h>
#include <glib.h>
#include "ra.h"

static char **extra_vars; /* "NAME=value", from ra_setenv */

void ra_setenv(const char *name, const char *value)
{
	if (value)
		extra_vars = g_environ_setenv(extra_vars, name, value, TRUE);
	else
		extra_vars = g_environ_unsetenv(extra_vars, name);
}

void ra_env_reset(void)
{
	g_strfreev(extra_vars);
	extra_vars = NULL;
}

int ra_op_is_status(const char *op)
{
	return op && (!strcmp(op, "status") || !strcmp(op, "monitor"));
}

/* Case-insensitive match of lowercase word w at s. */
static int word_at(const char *s, const char *w)
{
	for (; *w; s++, w++)
		if (g_ascii_tolower(*s) != *w)
			return 0;
	return 1;
}

int ra_status_text_running(const char *text)
{
	if (!text)
		return 0;
	/* *[Nn][Oo][Tt]\ *[Rr]unning* : "not", one blank, then later
	 * "running" with only its first letter case-free. */
	for (const char *p = text; *p; p++) {
		if (word_at(p, "not") && p[3] == ' ') {
			for (const char *q = p + 4; *q; q++)
				if ((*q == 'r' || *q == 'R') && !strncmp(q + 1, "unning", 6))
					return 0;
			break;
		}
	}
	for (const char *q = text; *q; q++)
		if ((*q == 'r' || *q == 'R') && !strncmp(q + 1, "unning", 6))
			return 1;
	return strstr(text, "OK") != NULL;
}

enum ra_rc ra_map_exit(enum ra_class cls, const char *op, int code)
{
	int status = ra_op_is_status(op);
	switch (cls) {
	case RA_CLASS_OCF:
		return code >= 0 && code <= 9 ? (enum ra_rc)code : RA_RC_ERR_GENERIC;
	case RA_CLASS_LSB:
		if (status) /* LSB status codes: 0 running, 1-3 dead/stopped */
			return code == 0 ? RA_RC_OK : code >= 1 && code <= 3 ? RA_RC_NOT_RUNNING
									  : RA_RC_ERR_GENERIC;
		/* LSB action codes 1-7 mean the same as the OCF ones */
		return code >= 0 && code <= 7 ? (enum ra_rc)code : RA_RC_ERR_GENERIC;
	case RA_CLASS_HEARTBEAT:
	case RA_CLASS_CMD:
	default:
		return code == 0 ? RA_RC_OK : RA_RC_ERR_GENERIC;
	}
}

char **ra_build_argv(const struct ra_spec *spec, const char *op)
{
	GPtrArray *a = g_ptr_array_new();
	g_ptr_array_add(a, g_strdup(spec->path));
	if (spec->cls == RA_CLASS_OCF) {
		/* heartbeat's "status" is the OCF "monitor" */
		g_ptr_array_add(a, g_strdup(!strcmp(op, "status") ? "monitor" : op));
	} else {
		if (spec->cls != RA_CLASS_LSB)
			for (int i = 0; i < spec->nargs; i++)
				g_ptr_array_add(a, g_strdup(spec->args[i]));
		/* init scripts know status, not monitor */
		if (spec->cls == RA_CLASS_LSB && !strcmp(op, "monitor"))
			op = "status";
		g_ptr_array_add(a, g_strdup(op));
	}
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

/* OCF_RESOURCE_INSTANCE must be usable in a file name: agents build state
 * file paths from it. */
static char *ocf_instance(const struct ra_spec *s)
{
	GString *g = g_string_new(s->type);
	for (int i = 0; i < s->nargs; i++) {
		const char *v = strchr(s->args[i], '=');
		g_string_append_c(g, '_');
		g_string_append(g, v ? v + 1 : s->args[i]);
	}
	for (gsize i = 0; i < g->len; i++)
		if (!g_ascii_isalnum(g->str[i]) && g->str[i] != '-' && g->str[i] != '.')
			g->str[i] = '_';
	return g_string_free(g, FALSE);
}

static char *ocf_root_of(const struct ra_spec *s)
{
	/* path was built as ROOT/resource.d/PROVIDER/TYPE */
	char *tail = g_strdup_printf("/resource.d/%s/%s", s->provider, s->type);
	char *root = g_str_has_suffix(s->path, tail)
			     ? g_strndup(s->path, strlen(s->path) - strlen(tail))
			     : g_strdup("/usr/lib/ocf");
	g_free(tail);
	return root;
}

char **ra_build_env(char *const *base, const struct ra_spec *spec, const char *op,
		    unsigned timeout_ms, char *const *extra)
{
	char **env = base ? g_strdupv((char **)base) : g_get_environ();
	for (char **v = extra_vars; v && *v; v++) {
		char **kv = g_strsplit(*v, "=", 2);
		env = g_environ_setenv(env, kv[0], kv[1] ? kv[1] : "", TRUE);
		g_strfreev(kv);
	}
	if (spec && spec->cls == RA_CLASS_OCF) {
		char *root = ocf_root_of(spec), *inst = ocf_instance(spec);
		env = g_environ_setenv(env, "OCF_ROOT", root, TRUE);
		env = g_environ_setenv(env, "OCF_RA_VERSION_MAJOR", "1", TRUE);
		env = g_environ_setenv(env, "OCF_RA_VERSION_MINOR", "0", TRUE);
		env = g_environ_setenv(env, "OCF_RESOURCE_INSTANCE", inst, TRUE);
		env = g_environ_setenv(env, "OCF_RESOURCE_TYPE", spec->type, TRUE);
		env = g_environ_setenv(env, "OCF_RESOURCE_PROVIDER", spec->provider, TRUE);
		if (timeout_ms) {
			char t[16];
			snprintf(t, sizeof(t), "%u", timeout_ms);
			env = g_environ_setenv(env, "OCF_RESKEY_CRM_meta_timeout", t, TRUE);
		}
		for (int i = 0; i < spec->nargs; i++) {
			const char *eq = strchr(spec->args[i], '=');
			if (!eq)
				continue;
			char *name = g_strdup_printf("OCF_RESKEY_%.*s", (int)(eq - spec->args[i]),
						     spec->args[i]);
			env = g_environ_setenv(env, name, eq + 1, TRUE);
			g_free(name);
		}
		g_free(root);
		g_free(inst);
	}
	for (char *const *v = extra; v && *v; v++) {
		char **kv = g_strsplit(*v, "=", 2);
		if (kv[0] && *kv[0])
			env = g_environ_setenv(env, kv[0], kv[1] ? kv[1] : "", TRUE);
		g_strfreev(kv);
	}
	(void)op;
	return env;
}
