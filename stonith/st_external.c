/* The external STONITH device: runs PLUGINDIR/external/NAME with one of
 * getconfignames, gethosts, status, reset|on|off HOST, getinfo-*, passing
 * the configuration as environment variables, as cluster-glue does. */
#include <string.h>
#include <stdio.h>
#include <syslog.h>
#include <sys/wait.h>
#include <glib.h>
#include "stonith.h"

/* Runs the script; returns its exit code (or -1), stdout in *out if asked. */
static int run(struct st_device *d, const char *op, const char *host, char **out)
{
	char *path = g_strdup_printf("%s/external/%s", d->plugindir, d->subtype);
	char *argv[] = { path, (char *)op, (char *)host, NULL };
	char **env = g_get_environ();
	char *tag = g_strdup_printf("external/%s", d->subtype);
	int status = -1, rc = -1;
	GError *err = NULL;

	env = g_environ_setenv(env, "HA_LOGTAG", tag, TRUE);
	for (int i = 0; d->names && d->values && d->names[i] && d->values[i]; i++)
		env = g_environ_setenv(env, d->names[i], d->values[i], TRUE);
	if (g_spawn_sync(NULL, argv, env, out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
			 out, NULL, &status, &err)) {
		if (WIFEXITED(status))
			rc = WEXITSTATUS(status);
	} else {
		syslog(LOG_ERR, "%s: cannot run %s: %s", tag, path, err->message);
		g_error_free(err);
	}
	if (rc != 0 && out) {
		g_free(*out);
		*out = NULL;
	}
	g_strfreev(env);
	g_free(tag);
	g_free(path);
	return rc;
}

static char **ext_names(struct st_device *d)
{
	char *out = NULL;
	if (run(d, "getconfignames", NULL, &out) != 0)
		return NULL;
	char **parts = g_strsplit_set(out, " \t\r\n", -1);
	GPtrArray *a = g_ptr_array_new();
	for (char **p = parts; *p; p++)
		if (**p)
			g_ptr_array_add(a, g_strdup(*p));
	g_ptr_array_add(a, NULL);
	g_strfreev(parts);
	g_free(out);
	return (char **)g_ptr_array_free(a, FALSE);
}

static int ext_status(struct st_device *d)
{
	int rc = run(d, "status", NULL, NULL);
	if (rc != 0)
		syslog(LOG_ERR, "external/%s: status failed (%d)", d->subtype, rc);
	return rc < 0 ? S_OOPS : rc;
}

static char **ext_hosts(struct st_device *d)
{
	char *out = NULL;
	if (run(d, "gethosts", NULL, &out) != 0)
		return NULL;
	char **h = st_split_hosts(out);
	g_free(out);
	return h;
}

static int ext_reset(struct st_device *d, int request, const char *host)
{
	const char *op = request == ST_POWERON ? "on" : request == ST_POWEROFF ? "off" : "reset";
	syslog(LOG_INFO, "external/%s: %s %s", d->subtype, op, host);
	int rc = run(d, op, host, NULL);
	if (rc != 0) {
		syslog(LOG_ERR, "external/%s: %s %s failed (%d)", d->subtype, op, host, rc);
		return S_RESETFAIL;
	}
	return S_OK;
}

static char *ext_info(struct st_device *d, int what)
{
	static const char *const ops[] = { [ST_DEVICEID] = "getinfo-devid",
					   [ST_DEVICENAME] = "getinfo-devname",
					   [ST_DEVICEDESCR] = "getinfo-devdescr",
					   [ST_DEVICEURL] = "getinfo-devurl",
					   [ST_CONF_XML] = "getinfo-xml" };
	char *out = NULL;
	if (what < ST_DEVICEID || what > ST_CONF_XML)
		return NULL;
	if (run(d, ops[what], NULL, &out) == 0 && out)
		return g_strchomp(out);
	g_free(out);
	if (what == ST_DEVICEID || what == ST_DEVICENAME)
		return g_strdup(d->subtype);
	return NULL;
}

const struct st_plugin st_external_plugin = {
	"external", "runs the external/NAME script of the plugin directory",
	ext_names, ext_status, ext_hosts, ext_reset, ext_info,
};
