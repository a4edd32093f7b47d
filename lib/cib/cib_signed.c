/* cib.xml with its digest beside it (cib.xml.sig, the md5 of the file as
 * written, as heartbeat 2.x kept it): the controller writes both
 * atomically and at start trusts a file only when the two agree, so a
 * torn or hand-damaged CIB is noticed before it could be replicated. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cib/cib.h"
#include "cib/cib_doc.h"

static int write_text_atomic(const char *path, const char *text, char **err)
{
	char *tmp = g_strdup_printf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	size_t n = strlen(text);
	int rc = -1;
	if (fd >= 0 && write(fd, text, n) == (ssize_t)n && fsync(fd) == 0) {
		rc = close(fd);
		fd = -1;
		if (rc == 0)
			rc = rename(tmp, path);
	}
	if (rc < 0) {
		*err = g_strdup_printf("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
	}
	g_free(tmp);
	return rc;
}

static char *file_digest(const char *path, char **err)
{
	gchar *text = NULL;
	gsize len = 0;
	GError *ge = NULL;
	if (!g_file_get_contents(path, &text, &len, &ge)) {
		*err = g_strdup(ge->message);
		g_error_free(ge);
		return NULL;
	}
	char *d = g_compute_checksum_for_data(G_CHECKSUM_MD5, (const guchar *)text, len);
	g_free(text);
	return d;
}

int cib_write_signed(xmlDocPtr doc, const char *path, char **err)
{
	if (cib_write_atomic(doc, path, err) < 0)
		return -1;
	char *d = file_digest(path, err);
	if (!d)
		return -1;
	char *sig = g_strdup_printf("%s.sig", path);
	char *line = g_strdup_printf("%s\n", d);
	int rc = write_text_atomic(sig, line, err);
	g_free(line);
	g_free(sig);
	g_free(d);
	return rc;
}

xmlDocPtr cib_read_signed(const char *path, char **err)
{
	char *sig = g_strdup_printf("%s.sig", path), *want = NULL;
	gsize len = 0;
	xmlDocPtr doc = NULL;
	if (!g_file_get_contents(sig, &want, &len, NULL)) {
		*err = g_strdup_printf("%s: missing (cannot tell a whole %s from a torn one)", sig, path);
		goto out;
	}
	g_strstrip(want);
	char *have = file_digest(path, err);
	if (!have)
		goto out;
	if (strcmp(have, want)) {
		*err = g_strdup_printf("%s: digest %s does not match %s (%s)", path, have, sig, want);
		g_free(have);
		goto out;
	}
	g_free(have);
	char *perr = NULL;
	doc = cib_xml_read_file(path, &perr);
	if (!doc) {
		*err = g_strdup_printf("%s: %s", path, perr ? perr : "unreadable");
		g_free(perr);
	}
out:
	g_free(want);
	g_free(sig);
	return doc;
}
