/* The live CIB socket's protocol (lib/cib/cib_live_proto.c), the LIVE
 * backend of cib_conn against a small server in a child process, and the
 * signed cib.xml (lib/cib/cib_signed.c). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include "cib/cib.h"
#include "cib/cib_conn.h"
#include "cib/cib_live_proto.h"
#include "check.h"

static xmlNodePtr elem(const char *text)
{
	char *err = NULL;
	xmlDocPtr d = cib_xml_parse(text, strlen(text), &err);
	g_free(err);
	return d ? xmlDocGetRootElement(d) : NULL;
}

static void test_frames(void)
{
	xmlNodePtr n = elem("<cib_request op=\"query\"/>");
	GString *f = g_string_new(NULL);
	cib_live_frame(f, n);
	cib_live_frame(f, n);
	xmlDocPtr d = NULL;
	char *err = NULL;
	CHECK_INT(cib_live_unframe(f->str, 3, &d, &err), 0);          /* header incomplete */
	CHECK_INT(cib_live_unframe(f->str, f->len / 2 - 1, &d, &err), 0);
	long used = cib_live_unframe(f->str, f->len, &d, &err);
	CHECK_INT(used, (long)f->len / 2);
	CHECK(d && !strcmp((const char *)xmlDocGetRootElement(d)->name, "cib_request"));
	if (d)
		xmlFreeDoc(d);
	static const char huge[] = { 0x7f, 0, 0, 0, '<' };
	CHECK_INT(cib_live_unframe(huge, sizeof huge, &d, &err), -1);
	CHECK(err && strstr(err, "over the limit"));
	g_free(err);
	err = NULL;
	static const char bad[] = { 0, 0, 0, 3, '<', 'x', '/' };
	CHECK_INT(cib_live_unframe(bad, sizeof bad, &d, &err), -1);
	CHECK(err != NULL);
	g_free(err);
	g_string_free(f, TRUE);
	xmlFreeDoc(n->doc);
	for (int op = CIB_REQ_QUERY; op <= CIB_REQ_PATCH; op++)
		CHECK_INT(cib_live_opcode(cib_live_opname(op)), op);
	CHECK_INT(cib_live_opcode("frobnicate"), -1);
	CHECK_INT(cib_live_opcode(NULL), -1);
}

/* A server answering two requests: a query, then anything with rc -21. */
static void serve(int lfd)
{
	int fd = accept(lfd, NULL, NULL);
	GString *in = g_string_new(NULL);
	char buf[4096];
	for (int answered = 0; answered < 2;) {
		xmlDocPtr d = NULL;
		char *err = NULL;
		long used = cib_live_unframe(in->str, in->len, &d, &err);
		if (used < 0)
			_exit(2);
		if (used == 0) {
			ssize_t n = read(fd, buf, sizeof buf);
			if (n <= 0)
				_exit(3);
			g_string_append_len(in, buf, n);
			continue;
		}
		g_string_erase(in, 0, used);
		const char *op = cib_xml_attr(xmlDocGetRootElement(d), "op");
		xmlNodePtr r = elem(!strcmp(op, "query") ? "<cib_reply rc=\"0\"><cib epoch=\"7\"/></cib_reply>"
						       : "<cib_reply rc=\"-21\" err=\"it is there\"/>");
		GString *out = g_string_new(NULL);
		cib_live_frame(out, r);
		if (write(fd, out->str, out->len) != (ssize_t)out->len)
			_exit(4);
		g_string_free(out, TRUE);
		xmlFreeDoc(r->doc);
		xmlFreeDoc(d);
		answered++;
	}
	g_string_free(in, TRUE);
	close(fd);
	_exit(0);
}

static void test_live_backend(void)
{
	char dir[] = "/tmp/test_cib_live.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *path = g_strdup_printf("%s/cib_rw", dir);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	strcpy(sa.sun_path, path);
	int lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(bind(lfd, (struct sockaddr *)&sa, sizeof sa) == 0 && listen(lfd, 1) == 0);
	pid_t pid = fork();
	if (pid == 0)
		serve(lfd);
	close(lfd);
	setenv("HA_CIB_SOCKET", path, 1);
	int rc = 0;
	char *err = NULL;
	struct cib_conn *c = cib_conn_open_live("test", &rc, &err);
	CHECK_INT(rc, CIB_OK);
	if (c) {
		xmlDocPtr doc = NULL;
		CHECK_INT(cib_conn_query(c, &doc, &err), CIB_OK);
		CHECK_STR(doc ? cib_xml_attr(xmlDocGetRootElement(doc), "epoch") : NULL, "7");
		if (doc)
			xmlFreeDoc(doc);
		xmlNodePtr data = elem("<primitive id=\"x\"/>");
		struct cib_req req = { CIB_REQ_CREATE, "resources", NULL, data, 0 };
		CHECK_INT(cib_conn_apply(c, &req, NULL, &err), CIB_E_EXISTS);
		CHECK_STR(err, "it is there");
		g_free(err);
		xmlFreeDoc(data->doc);
		cib_conn_close(c);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* nobody listens any more: a connection error naming the socket */
	unlink(path);
	err = NULL;
	c = cib_conn_open_live("test", &rc, &err);
	CHECK(c == NULL);
	CHECK_INT(rc, CIB_E_CONNECTION);
	CHECK(err && strstr(err, path));
	g_free(err);
	g_free(path);
	rmdir(dir);
}

static void test_signed(void)
{
	char dir[] = "/tmp/test_cib_signed.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *path = g_strdup_printf("%s/cib.xml", dir), *sig = g_strdup_printf("%s.sig", path);
	char *err = NULL;
	xmlDocPtr d = cib_doc_new_empty(NULL);
	CHECK_INT(cib_write_signed(d, path, &err), 0);
	xmlFreeDoc(d);
	d = cib_read_signed(path, &err);
	CHECK(d != NULL);
	if (d)
		xmlFreeDoc(d);
	/* a changed byte: refused, with the reason */
	FILE *f = fopen(path, "a");
	fputs("<!-- edited -->\n", f);
	fclose(f);
	d = cib_read_signed(path, &err);
	CHECK(d == NULL);
	CHECK(err && strstr(err, "does not match"));
	g_free(err);
	err = NULL;
	unlink(sig);
	d = cib_read_signed(path, &err);
	CHECK(d == NULL);
	CHECK(err && strstr(err, "missing"));
	g_free(err);
	unlink(path);
	rmdir(dir);
	g_free(path);
	g_free(sig);
}

int main(void)
{
	test_frames();
	test_live_backend();
	test_signed();
	return T_DONE();
}
