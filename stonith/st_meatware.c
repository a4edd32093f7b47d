/* The meatware STONITH device: a human resets the host and confirms with
 * meatclient, which answers through a FIFO named after the host. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib.h>
#include "stonith.h"

#define MEATPIPE_PREFIX "/run/meatware"

/* Shared with meatclient. */
const char *st_meatpipe_prefix(void)
{
	const char *e = g_getenv("HB_MEATPIPE_PREFIX");
	return e && *e ? e : MEATPIPE_PREFIX;
}

static char **meat_names(struct st_device *d)
{
	char *n[] = { "hostlist", NULL };
	return g_strdupv(n);
}

static int meat_status(struct st_device *d)
{
	return S_OK;
}

static char **meat_hosts(struct st_device *d)
{
	return st_split_hosts(st_param(d, "hostlist"));
}

static int meat_reset(struct st_device *d, int request, const char *host)
{
	char **hosts = meat_hosts(d);
	int known = st_host_in(hosts, host);
	g_strfreev(hosts);
	if (!known) {
		syslog(LOG_ERR, "%s doesn't control host [%s]", d->type, host);
		return S_BADHOST;
	}
	char *pipe = g_strdup_printf("%s.%s", st_meatpipe_prefix(), host);
	unlink(pipe);
	if (mkfifo(pipe, 0600) < 0) {
		syslog(LOG_ERR, "cannot create FIFO %s: %s", pipe, strerror(errno));
		g_free(pipe);
		return S_OOPS;
	}
	syslog(LOG_CRIT, "OPERATOR INTERVENTION REQUIRED to reset %s.", host);
	syslog(LOG_CRIT, "Run \"meatclient -c %s\" AFTER power-cycling the machine.", host);
	fprintf(stderr, "OPERATOR INTERVENTION REQUIRED to reset %s.\n"
		"Run \"meatclient -c %s\" AFTER power-cycling the machine.\n", host, host);
	int rc = S_RESETFAIL;
	int fd = open(pipe, O_RDONLY); /* blocks until meatclient opens it */
	if (fd >= 0) {
		char buf[256];
		ssize_t n, len = 0;
		while (len < (ssize_t)sizeof(buf) - 1 &&
		       (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
			len += n;
		buf[len > 0 ? len : 0] = 0;
		g_strchomp(buf);
		char *want = g_strdup_printf("meatware reply %s", host);
		if (!strcmp(buf, want)) {
			syslog(LOG_INFO, "node Meatware-reset: %s", host);
			rc = S_OK;
		} else {
			syslog(LOG_ERR, "Format error - failed to Meatware-reset node %s", host);
		}
		g_free(want);
		close(fd);
	} else {
		syslog(LOG_ERR, "cannot open FIFO %s: %s", pipe, strerror(errno));
	}
	unlink(pipe);
	g_free(pipe);
	return rc;
}

static char *meat_info(struct st_device *d, int what)
{
	switch (what) {
	case ST_DEVICEID: return g_strdup("Meatware STONITH device");
	case ST_DEVICENAME: return g_strdup(d->type);
	case ST_DEVICEDESCR: return g_strdup("Human (meatware) intervention STONITH device.\n"
					     "This STONITH agent prompts a human to reset a machine.\n"
					     "The human tells it when the reset was completed.");
	case ST_CONF_XML:
		return g_strdup("<parameters><parameter name=\"hostlist\" unique=\"0\" "
				"required=\"1\"><content type=\"string\" />"
				"<shortdesc lang=\"en\">Hostlist</shortdesc>"
				"<longdesc lang=\"en\">The hosts this device can reset</longdesc>"
				"</parameter></parameters>");
	}
	return NULL;
}

const struct st_plugin st_meatware_plugin = {
	"meatware", "Human (meatware) intervention STONITH device",
	meat_names, meat_status, meat_hosts, meat_reset, meat_info,
};
