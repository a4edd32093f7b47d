/* Unit tests of cib_diff / cib_patch: patch(old, diff(old, new)) must give
 * new exactly (child order included) for hand-made changes, for the crm
 * corpus and the policy-engine corpus taken pairwise, and for seeded random
 * mutations; a diff that does not fit is refused and changes nothing. */
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include "check.h"
#include "cib/cib_doc.h"

static xmlDocPtr doc(const char *s)
{
	char *err = NULL;
	xmlDocPtr d = cib_xml_parse(s, strlen(s), &err);
	if (!d)
		printf("parse: %s\n", err);
	g_free(err);
	return d;
}

static char *canon(xmlDocPtr d)
{
	return cib_xml_canon(xmlDocGetRootElement(d), 0);
}

/* diff, patch a copy of old, compare with new; returns 1 when equal. */
static int roundtrip(xmlDocPtr old, xmlDocPtr new, const char *what)
{
	xmlNodePtr diff = cib_diff(old, new);
	xmlDocPtr work = xmlCopyDoc(old, 1);
	char *err = NULL;
	int rc = diff ? cib_patch(work, diff, &err) : -1;
	char *a = canon(work), *b = canon(new);
	int ok = rc == CIB_OK && !strcmp(a, b);
	if (!ok) {
		char *ds = diff ? cib_xml_dump(diff) : g_strdup("(none)");
		printf("roundtrip %s: rc=%d err=%s\ndiff:\n%s--- got\n%s--- want\n%s", what, rc, err ? err : "",
		       ds, a, b);
		g_free(ds);
	}
	g_free(a);
	g_free(b);
	g_free(err);
	xmlFreeDoc(work);
	if (diff)
		xmlFreeNode(diff);
	return ok;
}

static int rt(const char *a, const char *b, const char *what)
{
	xmlDocPtr x = doc(a), y = doc(b);
	int ok = x && y && roundtrip(x, y, what);
	if (x)
		xmlFreeDoc(x);
	if (y)
		xmlFreeDoc(y);
	return ok;
}

#define V(e, n) "<cib admin_epoch=\"0\" epoch=\"" #e "\" num_updates=\"" #n "\""

static void test_hand_made(void)
{
	const char *base = V(1, 0) "><configuration><nodes><node id=\"a\" uname=\"a\"/><node id=\"b\" uname=\"b\"/>"
			   "<node id=\"c\" uname=\"c\"/></nodes><resources><primitive id=\"p\" class=\"ocf\" type=\"D\">"
			   "<operations><op id=\"o1\" name=\"start\"/><op id=\"o2\" name=\"monitor\"/></operations>"
			   "</primitive></resources></configuration><status/></cib>";
	CHECK(rt(base, base, "identical"));
	CHECK(rt(base, V(2, 0) "><configuration><nodes><node id=\"a\" uname=\"A\" type=\"normal\"/><node id=\"b\"/>"
		 "<node id=\"c\" uname=\"c\"/></nodes><resources><primitive id=\"p\" class=\"ocf\" type=\"D\">"
		 "<operations><op id=\"o1\" name=\"start\"/><op id=\"o2\" name=\"monitor\"/></operations>"
		 "</primitive></resources></configuration><status/></cib>", "attributes"));
	CHECK(rt(base, V(2, 0) "><configuration><nodes><node id=\"z\" uname=\"z\"/><node id=\"a\" uname=\"a\"/>"
		 "<node id=\"y\" uname=\"y\"/><node id=\"c\" uname=\"c\"/><node id=\"x\" uname=\"x\"/></nodes>"
		 "<resources/></configuration><status/></cib>", "adds and removes"));
	CHECK(rt(base, V(2, 0) "><configuration><nodes><node id=\"c\" uname=\"c\"/><node id=\"a\" uname=\"a\"/>"
		 "<node id=\"b\" uname=\"b\"/></nodes><resources><primitive id=\"p\" class=\"ocf\" type=\"D\">"
		 "<operations><op id=\"o2\" name=\"monitor\"/><op id=\"o1\" name=\"start\"/></operations>"
		 "</primitive></resources></configuration><status/></cib>", "reorder"));
	/* Elements without id, and comments, matched by rank. */
	const char *noid = V(1, 0) "><configuration><crm_config><x v=\"1\"/><x v=\"2\"/><!--one--><x v=\"3\"/>"
			   "<!--two--></crm_config></configuration></cib>";
	CHECK(rt(noid, V(1, 1) "><configuration><crm_config><x v=\"1\"/><x v=\"9\"/><!--two--><x v=\"3\"/>"
		 "<x v=\"4\"/></crm_config></configuration></cib>", "no ids and comments"));
	CHECK(rt(noid, V(1, 1) "><configuration><crm_config><!--zero--><x v=\"3\"/></crm_config></configuration></cib>",
		 "no ids removed"));
	CHECK(rt(noid, V(3, 0) " dc-uuid=\"a\"><configuration/><status><node_state id=\"a\"/></status></cib>",
		 "sections and root attribute"));
	CHECK(rt(noid, "<other admin_epoch=\"0\" epoch=\"9\" num_updates=\"0\"><x/></other>", "different root"));
	CHECK(rt(V(1, 0) " have-quorum=\"1\"><configuration/></cib>", V(1, 0) "><configuration/></cib>",
		 "root attribute removed"));
	/* The root has no key: an id there is an ordinary attribute (found by
	 * fuzz_cib_ops: its removal was lost from the diff). */
	CHECK(rt(V(1, 0) " id=\"a\"><configuration/></cib>", V(1, 0) "><configuration/></cib>", "root id removed"));
	CHECK(rt(V(1, 0) "><configuration/></cib>", V(1, 0) " id=\"b\"><configuration/></cib>", "root id added"));
	CHECK(rt(V(1, 0) " id=\"a\"><configuration/></cib>", V(1, 0) " id=\"b\"><configuration/></cib>",
		 "root id changed"));
	xmlDocPtr a = doc(V(1, 0) " id=\"a\"><configuration/></cib>"), b = doc(V(1, 0) "><configuration/></cib>");
	xmlNodePtr d = cib_diff(a, b);
	CHECK(!cib_diff_is_empty(d));
	xmlFreeNode(d);
	xmlFreeDoc(a);
	xmlFreeDoc(b);
}

static void test_refusals(void)
{
	xmlDocPtr a = doc(V(1, 0) "><configuration><nodes><node id=\"a\"/></nodes></configuration></cib>");
	xmlDocPtr b = doc(V(2, 0) "><configuration><nodes/></configuration></cib>");
	xmlNodePtr diff = cib_diff(a, b);
	CHECK(!cib_diff_is_empty(diff));
	xmlDocPtr c = doc(V(1, 5) "><configuration><nodes><node id=\"a\"/></nodes></configuration></cib>");
	char *before = canon(c), *err = NULL;
	CHECK_INT(cib_patch(c, diff, &err), CIB_E_DIFF_RESYNC);
	CHECK(err && strstr(err, "0.1.5"));
	g_free(err);
	err = NULL;
	char *after = canon(c);
	CHECK_STR(after, before);
	g_free(after);
	g_free(before);
	xmlFreeDoc(c);
	/* Right version, but the element to remove is not there. */
	c = doc(V(1, 0) "><configuration><nodes><node id=\"q\"/></nodes></configuration></cib>");
	before = canon(c);
	CHECK_INT(cib_patch(c, diff, &err), CIB_E_DIFF_FAILED);
	CHECK(err && strstr(err, "node"));
	g_free(err);
	err = NULL;
	after = canon(c);
	CHECK_STR(after, before);
	g_free(after);
	g_free(before);
	xmlFreeDoc(c);
	xmlFreeNode(diff);
	/* Not a diff at all. */
	xmlDocPtr junk = doc("<diff><diff-added epoch=\"x\"/></diff>");
	CHECK_INT(cib_patch(a, xmlDocGetRootElement(junk), &err), CIB_E_DIFF_FAILED);
	CHECK(err != NULL);
	g_free(err);
	xmlFreeDoc(junk);
	diff = cib_diff(a, a);
	CHECK(cib_diff_is_empty(diff));
	xmlFreeNode(diff);
	xmlFreeDoc(a);
	xmlFreeDoc(b);
}

static GPtrArray *xml_files(const char *dir)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
	DIR *d = opendir(dir);
	if (!d)
		return a;
	struct dirent *e;
	while ((e = readdir(d)))
		if (g_str_has_suffix(e->d_name, ".xml") && !strstr(e->d_name, "graph"))
			g_ptr_array_add(a, g_strdup_printf("%s/%s", dir, e->d_name));
	closedir(d);
	g_ptr_array_sort(a, (GCompareFunc)g_strcmp0);
	return a;
}

static void test_corpus(const char *sub, const char *base)
{
	const char *data = getenv("HB_DATA") ? getenv("HB_DATA") : "tests/data";
	char *dir = g_strdup_printf("%s/spec/%s", data, sub);
	GPtrArray *files = xml_files(dir);
	if (!files->len)
		CHECK(FIXTURE(dir));
	xmlDocPtr prev = NULL;
	int n = 0, good = 0;
	char *bpath = base ? g_strdup_printf("%s/%s", dir, base) : NULL;
	xmlDocPtr bdoc = bpath ? cib_xml_read_file(bpath, NULL) : NULL;
	for (guint i = 0; i < files->len; i++) {
		xmlDocPtr d = cib_xml_read_file(g_ptr_array_index(files, i), NULL);
		if (!d)
			continue;
		if (prev) {
			n++;
			good += roundtrip(prev, d, g_ptr_array_index(files, i));
			n++;
			good += roundtrip(d, prev, g_ptr_array_index(files, i));
			xmlFreeDoc(prev);
		}
		if (bdoc) {
			n++;
			good += roundtrip(bdoc, d, g_ptr_array_index(files, i));
		}
		prev = d;
	}
	if (prev)
		xmlFreeDoc(prev);
	if (bdoc)
		xmlFreeDoc(bdoc);
	CHECK(n > 0);
	CHECK_INT(good, n);
	g_free(bpath);
	g_free(dir);
	g_ptr_array_free(files, TRUE);
}

/* Seeded random edits: remove, add, move, change, comment. */
static GPtrArray *elements(xmlNodePtr n, GPtrArray *a)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			g_ptr_array_add(a, c);
			elements(c, a);
		}
	return a;
}

static void mutate(xmlDocPtr d, GRand *r)
{
	GPtrArray *els = elements(xmlDocGetRootElement(d), g_ptr_array_new());
	if (!els->len) {
		g_ptr_array_free(els, TRUE);
		return;
	}
	xmlNodePtr e = g_ptr_array_index(els, g_rand_int_range(r, 0, (int)els->len));
	char buf[32];
	switch (g_rand_int_range(r, 0, 6)) {
	case 0:
		xmlUnlinkNode(e);
		xmlFreeNode(e);
		break;
	case 1:
		snprintf(buf, sizeof buf, "v%d", g_rand_int_range(r, 0, 1000));
		xmlSetProp(e, (const xmlChar *)"value", (const xmlChar *)buf);
		break;
	case 2: {
		xmlNodePtr n = xmlNewDocNode(d, NULL, (const xmlChar *)(g_rand_boolean(r) ? "nvpair" : "op"), NULL);
		if (g_rand_boolean(r)) {
			snprintf(buf, sizeof buf, "new%d", g_rand_int(r));
			xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)buf);
		}
		if (e->children && g_rand_boolean(r))
			xmlAddPrevSibling(e->children, n);
		else
			xmlAddChild(e, n);
		break;
	}
	case 3:
		if (e->parent && e->parent->type == XML_ELEMENT_NODE && e->parent->children != e) {
			xmlNodePtr first = e->parent->children;
			xmlUnlinkNode(e);
			xmlAddPrevSibling(first, e);
		}
		break;
	case 4:
		xmlAddChild(e, xmlNewDocComment(d, (const xmlChar *)"note"));
		break;
	case 5:
		if (e->properties)
			xmlRemoveProp(e->properties);
		break;
	}
	g_ptr_array_free(els, TRUE);
}

static void test_random(void)
{
	const char *data = getenv("HB_DATA") ? getenv("HB_DATA") : "tests/data";
	char *path = g_strdup_printf("%s/spec/cib-examples/03-failed-monitor-threshold1.xml", data);
	if (!FIXTURE(path)) {
		g_free(path);
		return;
	}
	xmlDocPtr base = cib_xml_read_file(path, NULL);
	GRand *r = g_rand_new_with_seed(20261202);
	int good = 0, n = 300;
	for (int i = 0; i < n; i++) {
		xmlDocPtr a = xmlCopyDoc(base, 1);
		for (int k = g_rand_int_range(r, 0, 4); k > 0; k--)
			mutate(a, r);
		xmlDocPtr b = xmlCopyDoc(a, 1);
		for (int k = g_rand_int_range(r, 1, 8); k > 0; k--)
			mutate(b, r);
		char what[32];
		snprintf(what, sizeof what, "random %d", i);
		good += roundtrip(a, b, what);
		xmlFreeDoc(a);
		xmlFreeDoc(b);
	}
	CHECK_INT(good, n);
	g_rand_free(r);
	xmlFreeDoc(base);
	g_free(path);
}

int main(void)
{
	test_hand_made();
	test_refusals();
	test_corpus("crm-corpus", "base-cib.xml");
	test_corpus("pe-corpus", NULL);
	test_corpus("cib-examples", NULL);
	test_random();
	return T_DONE();
}
