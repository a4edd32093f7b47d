/* The ra level (crm ra ...): resource agent classes, the agents of a class
 * (and provider), and an agent's meta-data as text.  Agents are read where
 * resource-agents, cluster-glue and heartbeat install them; meta-data comes
 * from running the agent itself ("meta-data"), bounded in time. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <libxml/parser.h>
#include "crm.h"

#define OCF_ROOT "/usr/lib/ocf"
#define LSB_DIR "/etc/init.d"
#define HB_RSC_DIR "/etc/ha.d/resource.d"
#define STONITH_DIR "/usr/lib/stonith/plugins"
#define META_TIMEOUT_S 10

static void print_cols(GPtrArray *a)
{
	for (guint i = 0; i < a->len; i++)
		printf("%s%s", (char *)g_ptr_array_index(a, i), (i + 1) % 4 && i + 1 < a->len ? "\t" : "\n");
}

static int classes(void)
{
	GPtrArray *prov = crm_dir_names(OCF_ROOT "/resource.d", 0);
	if (g_file_test(HB_RSC_DIR, G_FILE_TEST_IS_DIR))
		printf("heartbeat\n");
	printf("lsb\nocf /");
	for (guint i = 0; i < prov->len; i++)
		printf(" %s", (char *)g_ptr_array_index(prov, i));
	printf("\nstonith\n");
	g_ptr_array_free(prov, TRUE);
	return 0;
}

static int list(const char *cls, const char *provider)
{
	GPtrArray *a = NULL;
	if (!strcmp(cls, "ocf")) {
		a = g_ptr_array_new_with_free_func(g_free);
		GPtrArray *prov = crm_dir_names(OCF_ROOT "/resource.d", 0);
		for (guint i = 0; i < prov->len; i++) {
			const char *p = g_ptr_array_index(prov, i);
			if (provider && strcmp(provider, p))
				continue;
			char *dir = g_strdup_printf(OCF_ROOT "/resource.d/%s", p);
			GPtrArray *t = crm_dir_names(dir, 1);
			for (guint k = 0; k < t->len; k++)
				if (!g_ptr_array_find_with_equal_func(a, g_ptr_array_index(t, k), g_str_equal, NULL))
					g_ptr_array_add(a, g_strdup(g_ptr_array_index(t, k)));
			g_ptr_array_free(t, TRUE);
			g_free(dir);
		}
		g_ptr_array_free(prov, TRUE);
		crm_names_sort(a);
	} else if (!strcmp(cls, "lsb")) {
		a = crm_dir_names(LSB_DIR, 1);
	} else if (!strcmp(cls, "heartbeat")) {
		a = crm_dir_names(HB_RSC_DIR, 1);
	} else if (!strcmp(cls, "stonith")) {
		a = g_ptr_array_new_with_free_func(g_free);
		GPtrArray *sub = crm_dir_names(STONITH_DIR, 0);
		for (guint i = 0; i < sub->len; i++) {
			char *dir = g_strdup_printf(STONITH_DIR "/%s", (char *)g_ptr_array_index(sub, i));
			GPtrArray *t = crm_dir_names(dir, 0);
			int ext = !strcmp(g_ptr_array_index(sub, i), "external");
			for (guint k = 0; k < t->len; k++) {
				char *n = g_ptr_array_index(t, k);
				size_t l = strlen(n);
				/* stonith2/external.so runs the external/ plugins */
				if (l > 3 && !strcmp(n + l - 3, ".so") && strcmp(n, "external.so"))
					g_ptr_array_add(a, g_strndup(n, l - 3));
				else if (ext && !strchr(n, '.'))
					g_ptr_array_add(a, g_strdup_printf("external/%s", n));
			}
			g_ptr_array_free(t, TRUE);
			g_free(dir);
		}
		g_ptr_array_free(sub, TRUE);
		crm_names_sort(a);
	} else {
		crm_err("ra.list: class %s does not exist", cls);
		return 1;
	}
	print_cols(a);
	g_ptr_array_free(a, TRUE);
	return 0;
}

/* Runs path meta-data with OCF's environment; its stdout (g_free) or NULL. */
static char *run_meta(const char *path, const char *type)
{
	int out[2];
	if (pipe(out) < 0)
		return NULL;
	pid_t pid = fork();
	if (pid < 0) {
		close(out[0]);
		close(out[1]);
		return NULL;
	}
	if (pid == 0) {
		dup2(out[1], 1);
		close(out[0]);
		close(out[1]);
		int dn = open("/dev/null", O_RDWR);
		if (dn >= 0) {
			dup2(dn, 0);
			dup2(dn, 2);
		}
		setenv("OCF_ROOT", OCF_ROOT, 1);
		setenv("OCF_RESOURCE_INSTANCE", type, 1);
		execl(path, path, "meta-data", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	GString *s = g_string_new(NULL);
	time_t end = time(NULL) + META_TIMEOUT_S;
	for (;;) {
		struct pollfd p = { out[0], POLLIN, 0 };
		int left = (int)(end - time(NULL));
		if (left <= 0 || poll(&p, 1, left * 1000) <= 0)
			break;
		char buf[4096];
		ssize_t n = read(out[0], buf, sizeof buf);
		if (n <= 0)
			break;
		if (s->len < (1 << 20))
			g_string_append_len(s, buf, n);
	}
	close(out[0]);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return g_string_free(s, FALSE);
}

static char *child_text(xmlNodePtr n, const char *tag)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, tag)) {
			xmlChar *t = xmlNodeGetContent(c);
			char *r = g_strstrip(g_strdup((const char *)t));
			xmlFree(t);
			return r;
		}
	return NULL;
}

static xmlNodePtr child(xmlNodePtr n, const char *tag)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, tag))
			return c;
	return NULL;
}

/* meta-data XML as crmsh's "ra info" lays it out. */
static void print_meta(const char *xml, const char *name)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), "meta-data", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING);
	xmlNodePtr r = d ? xmlDocGetRootElement(d) : NULL;
	if (!r) {
		fputs(xml, stdout);
		if (d)
			xmlFreeDoc(d);
		return;
	}
	char *sd = child_text(r, "shortdesc"), *ld = child_text(r, "longdesc");
	printf("%s (%s)\n\n%s\n\n", sd && *sd ? sd : name, name, ld ? ld : "");
	printf("Parameters (*: required, []: default):\n\n");
	for (xmlNodePtr p = child(child(r, "parameters"), "parameter"); p; p = p->next) {
		if (p->type != XML_ELEMENT_NODE || strcmp((const char *)p->name, "parameter"))
			continue;
		xmlChar *pn = xmlGetProp(p, BAD_CAST "name"), *req = xmlGetProp(p, BAD_CAST "required");
		xmlNodePtr ct = child(p, "content");
		xmlChar *ty = ct ? xmlGetProp(ct, BAD_CAST "type") : NULL;
		xmlChar *def = ct ? xmlGetProp(ct, BAD_CAST "default") : NULL;
		char *psd = child_text(p, "shortdesc"), *pld = child_text(p, "longdesc");
		printf("%s%s (%s%s%s%s): %s\n", (char *)pn, req && !strcmp((char *)req, "1") ? "*" : "",
		       ty ? (char *)ty : "string", def && *def ? ", [" : "", def && *def ? (char *)def : "",
		       def && *def ? "]" : "", psd ? psd : "");
		if (pld && *pld)
			printf("    %s\n", pld);
		putchar('\n');
		xmlFree(pn);
		xmlFree(req);
		xmlFree(ty);
		xmlFree(def);
		g_free(psd);
		g_free(pld);
	}
	printf("Operations' defaults (advisory minimum):\n\n");
	for (xmlNodePtr a = child(child(r, "actions"), "action"); a; a = a->next) {
		if (a->type != XML_ELEMENT_NODE || strcmp((const char *)a->name, "action"))
			continue;
		xmlChar *an = xmlGetProp(a, BAD_CAST "name");
		if (an && (!strcmp((char *)an, "meta-data") || !strcmp((char *)an, "validate-all"))) {
			xmlFree(an);
			continue;
		}
		printf("    %-13s", (char *)an);
		for (xmlAttrPtr at = a->properties; at; at = at->next) {
			if (!strcmp((const char *)at->name, "name"))
				continue;
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)at);
			printf(" %s=%s", (const char *)at->name, (char *)v);
			xmlFree(v);
		}
		putchar('\n');
		xmlFree(an);
	}
	g_free(sd);
	g_free(ld);
	xmlFreeDoc(d);
}

/* meta TYPE [CLASS [PROVIDER]] or meta CLASS:[PROVIDER:]TYPE */
static int meta(char **w)
{
	char *cls = NULL, *prov = NULL, *type = NULL;
	if (strchr(w[1], ':')) {
		char **p = g_strsplit(w[1], ":", 3);
		cls = g_strdup(p[0]);
		if (p[1] && p[2]) {
			prov = g_strdup(p[1]);
			type = g_strdup(p[2]);
		} else {
			type = g_strdup(p[1] ? p[1] : "");
		}
		g_strfreev(p);
	} else {
		type = g_strdup(w[1]);
		cls = g_strdup(w[2] ? w[2] : "ocf");
		prov = g_strdup(w[2] && w[3] ? w[3] : NULL);
	}
	if (!strcmp(cls, "ocf") && !prov)
		prov = g_strdup("heartbeat");
	char *path = NULL, *name;
	if (!strcmp(cls, "ocf")) {
		path = g_strdup_printf(OCF_ROOT "/resource.d/%s/%s", prov, type);
		name = g_strdup_printf("ocf:%s:%s", prov, type);
	} else if (!strcmp(cls, "heartbeat")) {
		path = g_strdup_printf(HB_RSC_DIR "/%s", type);
		name = g_strdup_printf("heartbeat:%s", type);
	} else if (!strcmp(cls, "lsb")) {
		path = g_strdup_printf(LSB_DIR "/%s", type);
		name = g_strdup_printf("lsb:%s", type);
	} else {
		name = g_strdup_printf("%s:%s", cls, type);
	}
	int rc = 1;
	if (!path || strchr(type, '/') || access(path, X_OK) != 0) {
		crm_err("%s: got no meta-data, does this RA exist?", name);
	} else if (!strcmp(cls, "lsb")) {
		printf("%s (%s)\n\nLSB init script %s (no meta-data: start, stop, status)\n", type, name, path);
		rc = 0;
	} else {
		char *xml = run_meta(path, type);
		if (!xml || !*xml) {
			crm_err("%s: got no meta-data, does this RA exist?", name);
		} else {
			print_meta(xml, name);
			rc = 0;
		}
		g_free(xml);
	}
	g_free(cls);
	g_free(prov);
	g_free(type);
	g_free(path);
	g_free(name);
	return rc;
}

int crm_ra_cmd(char **w)
{
	if (!w[0])
		return 0;
	if (!strcmp(w[0], "classes"))
		return classes();
	if (!strcmp(w[0], "list")) {
		if (!w[1]) {
			crm_err("ra.list: usage: list <class> [<provider>]");
			return 1;
		}
		return list(w[1], w[2]);
	}
	if (!strcmp(w[0], "meta") || !strcmp(w[0], "info")) {
		if (!w[1]) {
			crm_err("ra.%s: usage: %s <type> [<class> [<provider>]]", w[0], w[0]);
			return 1;
		}
		return meta(w);
	}
	if (!strcmp(w[0], "providers")) {
		GPtrArray *prov = crm_dir_names(OCF_ROOT "/resource.d", 0);
		for (guint i = 0; w[1] && i < prov->len; i++) {
			char *p = g_strdup_printf(OCF_ROOT "/resource.d/%s/%s", (char *)g_ptr_array_index(prov, i), w[1]);
			if (access(p, X_OK) == 0)
				printf("%s\n", (char *)g_ptr_array_index(prov, i));
			g_free(p);
		}
		g_ptr_array_free(prov, TRUE);
		return 0;
	}
	crm_err("ra: unknown command %s", w[0]);
	return 1;
}
