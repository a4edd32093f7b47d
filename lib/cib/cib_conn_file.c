/* FILE backend of cib_conn: a CIB held in one file (CIB_file, shadows).
 * Each change is a read-modify-write under an exclusive lock on the
 * file's directory, through cib_doc_process and lib/cib's atomic save, so
 * two tools never lose each other's change and a crash never tears it. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include "cib/cib.h"
#include "cib/cib_conn.h"

struct file_st {
	char *path;
	struct stat seen;         /* identity of the file at the last look */
	int have_seen;
};

static int lock_dir(const char *path)
{
	char *dir = g_path_get_dirname(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	g_free(dir);
	if (fd >= 0 && flock(fd, LOCK_EX) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static void unlock_dir(int fd)
{
	if (fd >= 0)
		close(fd); /* drops the flock */
}

static int load(struct file_st *f, xmlDocPtr *doc, char **err)
{
	if (access(f->path, F_OK) < 0) {
		*err = g_strdup_printf("%s: %s", f->path, strerror(errno));
		return CIB_E_NOTEXISTS;
	}
	char *perr = NULL;
	*doc = cib_xml_read_file(f->path, &perr);
	if (!*doc) {
		*err = g_strdup_printf("%s: %s", f->path, perr ? perr : "unreadable");
		g_free(perr);
		return CIB_E_NOT_CONNECTED;
	}
	return CIB_OK;
}

static int file_query(void *st, xmlDocPtr *doc, char **err)
{
	return load(st, doc, err);
}

/* 1.0 wrote the time of every change into the CIB root. */
static void stamp(xmlDocPtr doc)
{
	time_t t = time(NULL);
	char buf[64];
	if (!ctime_r(&t, buf))
		return;
	buf[strcspn(buf, "\n")] = 0;
	xmlSetProp(xmlDocGetRootElement(doc), (const xmlChar *)"cib-last-written", (const xmlChar *)buf);
}

static int file_apply(void *st, const struct cib_req *req, xmlNodePtr *output, char **err)
{
	struct file_st *f = st;
	int lk = req->op == CIB_REQ_QUERY ? -1 : lock_dir(f->path);
	xmlDocPtr cur = NULL, next = NULL;
	int rc = load(f, &cur, err);
	if (rc == CIB_OK) {
		rc = cib_doc_process(cur, req, &next, output, err);
		if (rc == CIB_OK && next) {
			stamp(next);
			char *werr = NULL;
			if (cib_write_atomic(next, f->path, &werr) < 0) {
				*err = werr;
				rc = CIB_E_PERMISSION;
			}
		}
	}
	if (cur)
		xmlFreeDoc(cur);
	if (next)
		xmlFreeDoc(next);
	unlock_dir(lk);
	return rc;
}

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Poll-only change detection: the file's identity and mtime. */
static int file_watch_read(void *st, xmlNodePtr *diff)
{
	struct file_st *f = st;
	struct stat now;
	*diff = NULL;
	if (stat(f->path, &now) < 0)
		return -1;
	if (!f->have_seen) {
		f->seen = now;
		f->have_seen = 1;
		return 0;
	}
	if (same_file(&now, &f->seen))
		return 0;
	f->seen = now;
	return 1;
}

static void file_close(void *st)
{
	struct file_st *f = st;
	g_free(f->path);
	g_free(f);
}

static const struct cib_conn_ops file_ops = {
	.query = file_query,
	.apply = file_apply,
	.watch_fd = NULL,
	.watch_read = file_watch_read,
	.crmd = NULL,
	.close = file_close,
};

int cib_conn_file_open(const char *path, const struct cib_conn_ops **ops, void **st, char **err)
{
	if (access(path, R_OK) < 0) {
		/* As 1.0's file backend: a CIB that cannot be read is a failed
		 * connection (the reason goes to *err). */
		*err = g_strdup_printf("%s: %s", path, strerror(errno));
		return CIB_E_CONNECTION;
	}
	struct file_st *f = g_new0(struct file_st, 1);
	f->path = g_strdup(path);
	if (stat(path, &f->seen) == 0)
		f->have_seen = 1;
	*ops = &file_ops;
	*st = f;
	return CIB_OK;
}
