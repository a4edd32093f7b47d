/* STONITH device core: the type registry, configuration from a parameter
 * string, a file or the environment, and the dispatch to a plugin.  Knows
 * nothing about any particular device. */
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib.h>
#include "stonith.h"

#ifndef STONITH_PLUGINDIR
#define STONITH_PLUGINDIR "/usr/lib/stonith/plugins"
#endif

static const struct st_plugin *const builtins[] = {
	&st_meatware_plugin, &st_null_plugin, &st_ssh_plugin, &st_suicide_plugin,
};

const char *st_plugindir(void)
{
	const char *e = g_getenv("HB_STONITH_PLUGINDIR");
	return e && *e ? e : STONITH_PLUGINDIR;
}

static char *external_path(const char *dir, const char *name)
{
	return g_strdup_printf("%s/external/%s", dir, name);
}

static int is_external_script(const char *dir, const char *name)
{
	struct stat st;
	if (!*name || strchr(name, '/') || name[0] == '.')
		return 0;
	char *p = external_path(dir, name);
	int ok = stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0;
	g_free(p);
	return ok;
}

struct st_device *st_new(const char *type)
{
	const struct st_plugin *p = NULL;
	const char *sub = NULL;
	if (!type)
		return NULL;
	if (g_str_has_prefix(type, "external/")) {
		sub = type + strlen("external/");
		if (!is_external_script(st_plugindir(), sub))
			return NULL;
		p = &st_external_plugin;
	} else {
		for (size_t i = 0; i < G_N_ELEMENTS(builtins); i++)
			if (!strcmp(builtins[i]->type, type))
				p = builtins[i];
	}
	if (!p)
		return NULL;
	struct st_device *d = g_new0(struct st_device, 1);
	d->p = p;
	d->type = g_strdup(type);
	d->subtype = g_strdup(sub);
	d->plugindir = g_strdup(st_plugindir());
	return d;
}

void st_free(struct st_device *d)
{
	if (!d)
		return;
	g_free(d->type);
	g_free(d->subtype);
	g_free(d->plugindir);
	g_strfreev(d->names);
	g_strfreev(d->values);
	g_free(d);
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **st_types(void)
{
	GPtrArray *a = g_ptr_array_new();
	for (size_t i = 0; i < G_N_ELEMENTS(builtins); i++)
		g_ptr_array_add(a, g_strdup(builtins[i]->type));
	char *dir = g_strdup_printf("%s/external", st_plugindir());
	GDir *gd = g_dir_open(dir, 0, NULL);
	if (gd) {
		const char *n;
		while ((n = g_dir_read_name(gd)))
			if (is_external_script(st_plugindir(), n))
				g_ptr_array_add(a, g_strdup_printf("external/%s", n));
		g_dir_close(gd);
	}
	g_free(dir);
	g_ptr_array_sort(a, cmp_str);
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

char **st_confignames(struct st_device *d)
{
	if (!d->names)
		d->names = d->p->confignames(d);
	return d->names;
}

static int set_values(struct st_device *d, char **values)
{
	g_strfreev(d->values);
	d->values = values;
	d->configured = 1;
	return S_OK;
}

char **st_split_params(char *const *names, const char *params)
{
	guint n = 0;
	if (!names || !params)
		return NULL;
	while (names[n])
		n++;
	char **vals = g_new0(char *, n + 1);
	const char *s = params;
	for (guint i = 0; i < n; i++) {
		while (*s && g_ascii_isspace(*s))
			s++;
		if (!*s) {
			g_strfreev(vals);
			return NULL;
		}
		if (i + 1 == n) {
			/* the last parameter takes the rest of the line, blanks and all */
			char *v = g_strdup(s);
			vals[i] = g_strchomp(v);
		} else {
			const char *e = s;
			while (*e && !g_ascii_isspace(*e))
				e++;
			vals[i] = g_strndup(s, e - s);
			s = e;
		}
	}
	return vals;
}

int st_set_config_string(struct st_device *d, const char *params)
{
	char **vals = st_split_params(st_confignames(d), params);
	return vals ? set_values(d, vals) : S_BADCONFIG;
}

int st_set_config_file(struct st_device *d, const char *path)
{
	char *text = NULL;
	int rc = S_BADCONFIG;
	if (!g_file_get_contents(path, &text, NULL, NULL))
		return S_BADCONFIG;
	char **lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		char *t = g_strstrip(*l);
		if (!*t || *t == '#')
			continue;
		rc = st_set_config_string(d, t);
		break;
	}
	g_strfreev(lines);
	g_free(text);
	return rc;
}

int st_set_config_env(struct st_device *d, char **env)
{
	char **names = st_confignames(d);
	if (!names)
		return S_BADCONFIG;
	guint n = g_strv_length(names);
	char **vals = g_new0(char *, n + 1);
	for (guint i = 0; i < n; i++) {
		const char *v = env ? g_environ_getenv(env, names[i]) : g_getenv(names[i]);
		if (!v) {
			g_strfreev(vals);
			return S_BADCONFIG;
		}
		vals[i] = g_strdup(v);
	}
	return set_values(d, vals);
}

const char *st_param(const struct st_device *d, const char *name)
{
	if (!d->names || !d->values)
		return NULL;
	for (int i = 0; d->names[i] && d->values[i]; i++)
		if (!strcmp(d->names[i], name))
			return d->values[i];
	return NULL;
}

int st_status(struct st_device *d)
{
	return d->configured ? d->p->status(d) : S_OOPS;
}

char **st_hostlist(struct st_device *d)
{
	return d->configured ? d->p->hosts(d) : NULL;
}

int st_reset(struct st_device *d, int request, const char *host)
{
	if (!d->configured)
		return S_OOPS;
	if (request < ST_GENERIC_RESET || request > ST_POWEROFF || !host || !*host)
		return S_INVAL;
	char *h = g_ascii_strdown(host, -1);
	int rc = d->p->reset(d, request, h);
	g_free(h);
	return rc;
}

char *st_get_info(struct st_device *d, int what)
{
	return d->p->info ? d->p->info(d, what) : NULL;
}

char **st_split_hosts(const char *list)
{
	GPtrArray *a = g_ptr_array_new();
	if (list) {
		char **parts = g_strsplit_set(list, " \t\n\r\f,", -1);
		for (char **p = parts; *p; p++)
			if (**p)
				g_ptr_array_add(a, g_ascii_strdown(*p, -1));
		g_strfreev(parts);
	}
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

int st_host_in(char **hosts, const char *host)
{
	for (char **h = hosts; h && *h; h++)
		if (!g_ascii_strcasecmp(*h, host))
			return 1;
	return 0;
}

const char *st_rc_text(int rc)
{
	static const char *const t[] = { "OK", "bad configuration", "access denied",
					 "invalid request", "unknown host", "reset failed",
					 "timed out", "host is off", "internal error" };
	return rc >= 0 && rc <= S_OOPS ? t[rc] : "unknown error";
}
