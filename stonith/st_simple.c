/* The hostlist-only STONITH devices: null (does nothing, for tests), ssh
 * (asks the victim to reboot itself over ssh) and suicide (reboots this
 * host).  Each is a small table of functions over the "hostlist" param. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <glib.h>
#include "stonith.h"

static char **hostlist_names(struct st_device *d)
{
	char *n[] = { "hostlist", NULL };
	return g_strdupv(n);
}

static char **no_names(struct st_device *d)
{
	return g_new0(char *, 1);
}

static char **param_hosts(struct st_device *d)
{
	return st_split_hosts(st_param(d, "hostlist"));
}

static int ok_status(struct st_device *d)
{
	return S_OK;
}

static char *simple_info(struct st_device *d, const char *id, const char *name,
			 const char *descr, const char *url, int what)
{
	switch (what) {
	case ST_DEVICEID: return g_strdup(id);
	case ST_DEVICENAME: return g_strdup(name);
	case ST_DEVICEDESCR: return g_strdup(descr);
	case ST_DEVICEURL: return url ? g_strdup(url) : NULL;
	case ST_CONF_XML:
		if (!strcmp(d->type, "suicide"))
			return g_strdup("<parameters></parameters>");
		return g_strdup("<parameters><parameter name=\"hostlist\" unique=\"0\" "
				"required=\"1\"><content type=\"string\" />"
				"<shortdesc lang=\"en\">Hostlist</shortdesc>"
				"<longdesc lang=\"en\">The hosts this device can reset</longdesc>"
				"</parameter></parameters>");
	}
	return NULL;
}

static const char *req_name(int request)
{
	return request == ST_POWERON ? "on" : request == ST_POWEROFF ? "off" : "reset";
}

/* ---- null */

static int null_reset(struct st_device *d, int request, const char *host)
{
	syslog(LOG_INFO, "Host null-%s: %s", req_name(request), host);
	return S_OK;
}

static char *null_info(struct st_device *d, int what)
{
	return simple_info(d, "null STONITH device", d->type,
			   "Dummy (do-nothing) STONITH device\nFOR TESTING ONLY!", NULL, what);
}

const struct st_plugin st_null_plugin = {
	"null", "Dummy (do-nothing) STONITH device, for testing only",
	hostlist_names, ok_status, param_hosts, null_reset, null_info,
};

/* ---- ssh */

static int ssh_reset(struct st_device *d, int request, const char *host)
{
	char **hosts = param_hosts(d);
	int known = st_host_in(hosts, host);
	g_strfreev(hosts);
	if (!known) {
		syslog(LOG_ERR, "%s doesn't control host [%s]", d->type, host);
		return S_BADHOST;
	}
	if (request == ST_POWERON)
		return S_INVAL; /* a host that is off cannot be reached by ssh */
	const char *what = request == ST_POWEROFF ? "poweroff" : "reboot";
	/* "at now" detaches the reboot from the ssh session, so ssh returns
	 * before the connection dies.  The host goes in as one argv word. */
	char *remote = g_strdup_printf("echo 'sleep 2; /sbin/%s -nf' | SHELL=/bin/sh at now "
				       ">/dev/null 2>&1", what);
	char *argv[] = { "ssh", "-q", "-x", "-n", "-l", "root", (char *)host, remote, NULL };
	int status = -1;
	syslog(LOG_INFO, "Initiating ssh-%s on host: %s", req_name(request), host);
	if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
			  NULL, NULL, NULL, NULL, &status, NULL))
		status = -1;
	g_free(remote);
	int rc = status;
	return rc == 0 ? S_OK : S_RESETFAIL;
}

static char *ssh_info(struct st_device *d, int what)
{
	return simple_info(d, "ssh STONITH device", d->type,
			   "SSH-based host reset\nFine for testing, but not suitable for "
			   "production!", "http://openssh.org", what);
}

const struct st_plugin st_ssh_plugin = {
	"ssh", "SSH-based host reset (for testing)",
	hostlist_names, ok_status, param_hosts, ssh_reset, ssh_info,
};

/* ---- suicide */

static char **suicide_hosts(struct st_device *d)
{
	char name[256] = "";
	gethostname(name, sizeof(name) - 1);
	return st_split_hosts(name);
}

static int suicide_reset(struct st_device *d, int request, const char *host)
{
	char **me = suicide_hosts(d);
	int self = st_host_in(me, host);
	g_strfreev(me);
	if (!self) {
		syslog(LOG_ERR, "%s doesn't control host [%s]", d->type, host);
		return S_BADHOST;
	}
	if (request == ST_POWERON)
		return S_INVAL;
	syslog(LOG_INFO, "Initiating suicide on host %s", host);
	/* $HB_SUICIDE_CMD lets tests observe the act instead of rebooting. */
	const char *cmd = g_getenv("HB_SUICIDE_CMD");
	char *def = g_strdup_printf("nohup sh -c 'sleep 2; /sbin/%s -nf </dev/null >/dev/null "
				    "2>&1' &", request == ST_POWEROFF ? "poweroff" : "reboot");
	int rc = system(cmd && *cmd ? cmd : def);
	g_free(def);
	return rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 0 ? S_OK : S_RESETFAIL;
}

static char *suicide_info(struct st_device *d, int what)
{
	return simple_info(d, "suicide STONITH device", d->type,
			   "Virtual device to reboot/powerdown itself.", NULL, what);
}

const struct st_plugin st_suicide_plugin = {
	"suicide", "Virtual device to reboot/powerdown itself",
	no_names, ok_status, suicide_hosts, suicide_reset, suicide_info,
};
