/* Persistence of the CIB document: version bumps (admin_epoch, epoch,
 * num_updates) and the crash-safe write (temp file in the same directory,
 * fsync, rename, fsync of the directory), so a crash leaves the old file or
 * the new one, never a torn one. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <libxml/xmlsave.h>
#include "cib/cib.h"

static long long get_ll(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	long long r = v ? strtoll((const char *)v, NULL, 10) : 0;
	xmlFree(v);
	return r;
}

static void set_ll(xmlNodePtr n, const char *name, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)buf);
}

void cib_bump(xmlDocPtr doc, int config_change)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root)
		return;
	if (config_change) {
		set_ll(root, "epoch", get_ll(root, "epoch") + 1);
		set_ll(root, "num_updates", 0);
	} else {
		set_ll(root, "num_updates", get_ll(root, "num_updates") + 1);
	}
	if (!xmlHasProp(root, (const xmlChar *)"admin_epoch"))
		set_ll(root, "admin_epoch", 0);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int cib_write_atomic(xmlDocPtr doc, const char *path, char **err)
{
	xmlChar *buf = NULL;
	int len = 0;
	xmlDocDumpFormatMemory(doc, &buf, &len, 1);
	if (!buf) {
		*err = g_strdup("cannot serialise the CIB");
		return -1;
	}
	char *dir = g_path_get_dirname(path);
	char *tmp = g_strdup_printf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	int rc = -1;
	if (fd < 0) {
		*err = g_strdup_printf("%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0600) < 0 || write_all(fd, (const char *)buf, (size_t)len) < 0 || fsync(fd) < 0) {
		*err = g_strdup_printf("%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		*err = g_strdup_printf("%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	/* The rename is durable only once the directory entry is on disk. */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
out:
	xmlFree(buf);
	g_free(dir);
	g_free(tmp);
	return rc;
}
