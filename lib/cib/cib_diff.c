/* Differences between two CIB versions and their application (format in
 * cib_doc.h).  The diff is what the runtime replicates; the patch side
 * parses outside input and so checks every element it is given and
 * applies all or nothing. */
#include <stdlib.h>
#include <string.h>
#include "cib/cib_doc.h"

#define MARK "__crm_diff_marker__"
#define POS "__crm_diff_pos__"
#define RANK "__crm_diff_rank__"
#define COMMENT "__crm_diff_comment__"
#define MAX_DEPTH 256

static int is_counter(const char *n)
{
	return !strcmp(n, "admin_epoch") || !strcmp(n, "epoch") || !strcmp(n, "num_updates");
}

static int counts(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE || n->type == XML_COMMENT_NODE;
}

/* Identity of a child among its siblings: tag, id (or none) and rank, the
 * rank counting earlier siblings of the same tag and id, so that elements
 * without id (and, in a broken CIB, duplicate ids) are told apart by order.
 * Comments are "__crm_diff_comment__" without id. */
struct key {
	const char *tag, *id;
	int rank;
};

static void child_keys(xmlNodePtr parent, GArray *keys, GPtrArray *nodes)
{
	GHashTable *ranks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		if (!counts(c))
			continue;
		struct key k = { c->type == XML_COMMENT_NODE ? COMMENT : (const char *)c->name, NULL, 0 };
		if (c->type == XML_ELEMENT_NODE)
			k.id = cib_xml_attr(c, "id");
		char *group = g_strdup_printf("%s%c%s", k.tag, k.id ? 1 : 2, k.id ? k.id : "");
		k.rank = GPOINTER_TO_INT(g_hash_table_lookup(ranks, group));
		g_hash_table_insert(ranks, group, GINT_TO_POINTER(k.rank + 1));
		g_array_append_val(keys, k);
		g_ptr_array_add(nodes, c);
	}
	g_hash_table_destroy(ranks);
}

static int key_eq(const struct key *a, const struct key *b)
{
	if (strcmp(a->tag, b->tag) || a->rank != b->rank)
		return 0;
	if (a->id || b->id)
		return a->id && b->id && !strcmp(a->id, b->id);
	return 1;
}

static void set_int(xmlNodePtr n, const char *name, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)buf);
}

/* A placeholder for n in a diff part: its tag, id and rank (when not 0). */
static xmlNodePtr placeholder(xmlNodePtr n, int rank)
{
	xmlNodePtr p = xmlNewNode(NULL, n->name);
	const char *id = cib_xml_attr(n, "id");
	if (id)
		xmlSetProp(p, (const xmlChar *)"id", (const xmlChar *)id);
	if (rank > 0)
		set_int(p, RANK, rank);
	return p;
}

static xmlNodePtr whole(xmlNodePtr n, const char *mark, int rank, int pos)
{
	xmlNodePtr c;
	if (n->type == XML_COMMENT_NODE) {
		c = xmlNewNode(NULL, (const xmlChar *)COMMENT);
		xmlSetProp(c, (const xmlChar *)"text", n->content);
	} else {
		c = xmlCopyNode(n, 1);
	}
	xmlSetProp(c, (const xmlChar *)MARK, (const xmlChar *)mark);
	if (rank > 0)
		set_int(c, RANK, rank);
	if (pos >= 0)
		set_int(c, POS, pos);
	return c;
}

/* Below the root an element's id is part of its key (a placeholder carries
 * it); the root has no key, so there an id is an attribute like any other. */
static int has_content(xmlNodePtr p, int root)
{
	if (p->children)
		return 1;
	for (xmlAttrPtr a = p->properties; a; a = a->next)
		if ((root || strcmp((const char *)a->name, "id")) && strcmp((const char *)a->name, RANK))
			return 1;
	return 0;
}

static void attach(xmlNodePtr parent, xmlNodePtr child)
{
	if (has_content(child, 0))
		xmlAddChild(parent, child);
	else
		xmlFreeNode(child);
}

static void diff_attrs(xmlNodePtr o, xmlNodePtr n, xmlNodePtr rem, xmlNodePtr add, int root)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		if ((!root && !strcmp(name, "id")) || (root && is_counter(name)))
			continue;
		const char *nv = cib_xml_attr(n, name), *ov = cib_xml_attr(o, name);
		if (!ov || strcmp(ov, nv))
			xmlSetProp(add, a->name, (const xmlChar *)nv);
	}
	for (xmlAttrPtr a = o->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		if ((!root && !strcmp(name, "id")) || (root && is_counter(name)))
			continue;
		if (!cib_xml_attr(n, name))
			xmlSetProp(rem, a->name, (const xmlChar *)cib_xml_attr(o, name));
	}
}

static void diff_elem(xmlNodePtr o, xmlNodePtr n, xmlNodePtr rem, xmlNodePtr add, int depth)
{
	diff_attrs(o, n, rem, add, depth == 0);
	GArray *ok = g_array_new(FALSE, FALSE, sizeof(struct key)), *nk = g_array_new(FALSE, FALSE, sizeof(struct key));
	GPtrArray *on = g_ptr_array_new(), *nn = g_ptr_array_new();
	child_keys(o, ok, on);
	child_keys(n, nk, nn);
	int *match = g_new(int, nn->len + 1);     /* new index -> old index, -1 */
	char *used = g_new0(char, on->len + 1);
	for (guint i = 0; i < nn->len; i++) {
		match[i] = -1;
		for (guint j = 0; j < on->len; j++)
			if (!used[j] && key_eq(&g_array_index(nk, struct key, i), &g_array_index(ok, struct key, j))) {
				match[i] = (int)j;
				used[j] = 1;
				break;
			}
	}
	/* Survivors must keep their relative order; any that moved is sent
	 * as removed and added again at its new place. */
	int last = -1;
	for (guint i = 0; i < nn->len; i++) {
		if (match[i] < 0)
			continue;
		xmlNodePtr oc = g_ptr_array_index(on, match[i]), nc = g_ptr_array_index(nn, i);
		int moved = match[i] < last;
		int comment_changed = oc->type == XML_COMMENT_NODE &&
				      strcmp((const char *)oc->content, (const char *)nc->content);
		if (moved || comment_changed || depth >= MAX_DEPTH) {
			used[match[i]] = 0;
			match[i] = -1;
			continue;
		}
		last = match[i];
	}
	for (guint j = 0; j < on->len; j++)
		if (!used[j])
			xmlAddChild(rem, whole(g_ptr_array_index(on, j), "removed:top",
					       g_array_index(ok, struct key, j).rank, -1));
	for (guint i = 0; i < nn->len; i++) {
		xmlNodePtr nc = g_ptr_array_index(nn, i);
		if (match[i] < 0) {
			xmlAddChild(add, whole(nc, "added:top", -1, (int)i));
			continue;
		}
		xmlNodePtr oc = g_ptr_array_index(on, match[i]);
		if (oc->type == XML_COMMENT_NODE)
			continue;
		int rank = g_array_index(ok, struct key, match[i]).rank;
		xmlNodePtr r = placeholder(oc, rank), a = placeholder(oc, rank);
		diff_elem(oc, nc, r, a, depth + 1);
		attach(rem, r);
		attach(add, a);
	}
	g_free(match);
	g_free(used);
	g_array_free(ok, TRUE);
	g_array_free(nk, TRUE);
	g_ptr_array_free(on, TRUE);
	g_ptr_array_free(nn, TRUE);
}

static xmlNodePtr version_part(const char *name, xmlDocPtr doc)
{
	xmlNodePtr p = xmlNewNode(NULL, (const xmlChar *)name);
	struct cib_version v;
	cib_doc_version(doc, &v);
	set_int(p, "admin_epoch", v.admin_epoch);
	set_int(p, "epoch", v.epoch);
	set_int(p, "num_updates", v.num_updates);
	return p;
}

xmlNodePtr cib_diff(xmlDocPtr old, xmlDocPtr new)
{
	xmlNodePtr o = xmlDocGetRootElement(old), n = xmlDocGetRootElement(new);
	if (!o || !n)
		return NULL;
	xmlNodePtr d = xmlNewNode(NULL, (const xmlChar *)"diff");
	xmlSetProp(d, (const xmlChar *)"format", (const xmlChar *)"1");
	xmlSetProp(d, (const xmlChar *)"crm_feature_set", (const xmlChar *)"3.0.1");
	xmlNodePtr rp = version_part("diff-removed", old), ap = version_part("diff-added", new);
	xmlAddChild(d, rp);
	xmlAddChild(d, ap);
	if (strcmp((const char *)o->name, (const char *)n->name)) {
		/* Different roots: the whole document is replaced. */
		xmlAddChild(rp, whole(o, "removed:top", -1, -1));
		xmlAddChild(ap, whole(n, "added:top", -1, 0));
		return d;
	}
	xmlNodePtr rc = xmlNewChild(rp, NULL, o->name, NULL), ac = xmlNewChild(ap, NULL, n->name, NULL);
	diff_elem(o, n, rc, ac, 0);
	return d;
}

int cib_diff_is_empty(xmlNodePtr diff)
{
	for (xmlNodePtr part = diff ? diff->children : NULL; part; part = part->next)
		for (xmlNodePtr r = part->children; r; r = r->next)
			if (r->type == XML_ELEMENT_NODE && has_content(r, 1))
				return 0;
	return 1;
}

/* ---- patch ---- */

struct patch {
	char *err;
};

static int fail(struct patch *p, char *msg)
{
	if (!p->err)
		p->err = msg;
	else
		g_free(msg);
	return CIB_E_DIFF_FAILED;
}

static int is_internal(const char *name)
{
	return !strcmp(name, MARK) || !strcmp(name, POS) || !strcmp(name, RANK);
}

static int diff_key(xmlNodePtr d, struct key *k)
{
	k->tag = (const char *)d->name;
	k->id = strcmp(k->tag, COMMENT) ? cib_xml_attr(d, "id") : NULL;
	k->rank = 0; /* absent: the first of its tag and id (a hand-written diff
		      * names <configuration> or <nodes> plainly) */
	const char *r = cib_xml_attr(d, RANK);
	if (r) {
		char *end;
		long v = strtol(r, &end, 10);
		if (!*r || *end || v < 0 || v > 1000000)
			return -1;
		k->rank = (int)v;
	}
	return 0;
}

/* The first child with key k not taken yet: siblings sharing an id (a
 * broken CIB) are matched in order, as cib_diff matched them. */
static xmlNodePtr resolve(GArray *keys, GPtrArray *nodes, char *taken, const struct key *k)
{
	for (guint i = 0; i < keys->len; i++)
		if (!taken[i] && key_eq(&g_array_index(keys, struct key, i), k)) {
			taken[i] = 1;
			return g_ptr_array_index(nodes, i);
		}
	return NULL;
}

static xmlNodePtr make_added(xmlNodePtr d, xmlDocPtr doc)
{
	if (!strcmp((const char *)d->name, COMMENT)) {
		const char *t = cib_xml_attr(d, "text");
		return xmlNewDocComment(doc, (const xmlChar *)(t ? t : ""));
	}
	xmlNodePtr c = xmlDocCopyNode(d, doc, 1);
	xmlUnsetProp(c, (const xmlChar *)MARK);
	xmlUnsetProp(c, (const xmlChar *)POS);
	xmlUnsetProp(c, (const xmlChar *)RANK);
	return c;
}

struct addition {
	int pos;
	xmlNodePtr diff;
};

static int cmp_add(gconstpointer a, gconstpointer b)
{
	const struct addition *x = a, *y = b;
	return x->pos - y->pos;
}

static void insert_at(xmlNodePtr parent, xmlNodePtr c, int pos)
{
	int i = 0;
	for (xmlNodePtr s = parent->children; s; s = s->next) {
		if (!counts(s))
			continue;
		if (i++ == pos) {
			xmlAddPrevSibling(s, c);
			return;
		}
	}
	xmlAddChild(parent, c);
}

static int patch_node(struct patch *p, xmlNodePtr t, xmlNodePtr rem, xmlNodePtr add, int depth);

/* The children of rem/add that are placeholders for the same target. */
static xmlNodePtr twin(xmlNodePtr part, const struct key *k)
{
	for (xmlNodePtr c = part ? part->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || cib_xml_attr(c, MARK))
			continue;
		struct key ck;
		if (diff_key(c, &ck) == 0 && key_eq(&ck, k))
			return c;
	}
	return NULL;
}

static int patch_children(struct patch *p, xmlNodePtr t, xmlNodePtr rem, xmlNodePtr add, int depth)
{
	GArray *keys = g_array_new(FALSE, FALSE, sizeof(struct key));
	GPtrArray *nodes = g_ptr_array_new(), *doomed = g_ptr_array_new();
	GArray *adds = g_array_new(FALSE, FALSE, sizeof(struct addition));
	child_keys(t, keys, nodes);
	char *taken = g_new0(char, nodes->len + 1);
	int rc = CIB_OK;
	/* Resolve every target against the untouched child list first. */
	for (xmlNodePtr c = rem ? rem->children : NULL; !rc && c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		struct key k;
		if (diff_key(c, &k) < 0) {
			rc = fail(p, g_strdup_printf("diff-removed: <%s> has a bad rank", (const char *)c->name));
			break;
		}
		xmlNodePtr target = resolve(keys, nodes, taken, &k);
		if (!target) {
			rc = fail(p, g_strdup_printf("diff-removed: no <%s id=\"%s\"> to remove or change", k.tag, k.id ? k.id : ""));
			break;
		}
		const char *mark = cib_xml_attr(c, MARK);
		if (mark && !strcmp(mark, "removed:top"))
			g_ptr_array_add(doomed, target);
		else if (mark)
			rc = fail(p, g_strdup_printf("diff-removed: unknown marker \"%s\" on <%s>", mark, k.tag));
		else if (target->type == XML_ELEMENT_NODE)
			rc = patch_node(p, target, c, twin(add, &k), depth + 1);
	}
	for (xmlNodePtr c = add ? add->children : NULL; !rc && c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *mark = cib_xml_attr(c, MARK);
		if (mark) {
			const char *pos = cib_xml_attr(c, POS);
			char *end = NULL;
			long v = pos ? strtol(pos, &end, 10) : -1;
			if (strcmp(mark, "added:top") || !pos || *end || v < 0 || v > 1000000) {
				rc = fail(p, g_strdup_printf("diff-added: <%s> needs added:top and a position", (const char *)c->name));
				break;
			}
			struct addition a = { (int)v, c };
			g_array_append_val(adds, a);
			continue;
		}
		struct key k;
		if (diff_key(c, &k) < 0) {
			rc = fail(p, g_strdup_printf("diff-added: <%s> has a bad rank", (const char *)c->name));
			break;
		}
		if (twin(rem, &k))
			continue; /* handled with its removed twin */
		xmlNodePtr target = resolve(keys, nodes, taken, &k);
		if (!target || target->type != XML_ELEMENT_NODE) {
			rc = fail(p, g_strdup_printf("diff-added: no <%s id=\"%s\"> to change", k.tag, k.id ? k.id : ""));
			break;
		}
		rc = patch_node(p, target, NULL, c, depth + 1);
	}
	if (!rc) {
		for (guint i = 0; i < doomed->len; i++) {
			xmlNodePtr n = g_ptr_array_index(doomed, i);
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
		g_array_sort(adds, cmp_add);
		for (guint i = 0; i < adds->len; i++) {
			struct addition *a = &g_array_index(adds, struct addition, i);
			insert_at(t, make_added(a->diff, t->doc), a->pos);
		}
	}
	g_free(taken);
	g_array_free(keys, TRUE);
	g_ptr_array_free(nodes, TRUE);
	g_ptr_array_free(doomed, TRUE);
	g_array_free(adds, TRUE);
	return rc;
}

static int patch_node(struct patch *p, xmlNodePtr t, xmlNodePtr rem, xmlNodePtr add, int depth)
{
	if (depth > MAX_DEPTH)
		return fail(p, g_strdup("diff nested too deeply"));
	if ((rem && strcmp((const char *)rem->name, (const char *)t->name)) ||
	    (add && strcmp((const char *)add->name, (const char *)t->name)))
		return fail(p, g_strdup_printf("diff names <%s> where the CIB has <%s>",
					       (const char *)(rem ? rem->name : add->name), (const char *)t->name));
	int rc = patch_children(p, t, rem, add, depth);
	if (rc)
		return rc;
	for (xmlAttrPtr a = rem ? rem->properties : NULL; a; a = a->next) {
		const char *n = (const char *)a->name;
		if ((depth == 0 || strcmp(n, "id")) && !is_internal(n) && !(depth == 0 && is_counter(n)))
			xmlUnsetProp(t, a->name);
	}
	for (xmlAttrPtr a = add ? add->properties : NULL; a; a = a->next) {
		const char *n = (const char *)a->name;
		if ((depth == 0 || strcmp(n, "id")) && !is_internal(n) && !(depth == 0 && is_counter(n)))
			xmlSetProp(t, a->name, (const xmlChar *)cib_xml_attr(add, n));
	}
	return CIB_OK;
}

static xmlNodePtr part(xmlNodePtr diff, const char *name)
{
	for (xmlNodePtr c = diff->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

static int read_version(xmlNodePtr part, struct cib_version *v)
{
	static const char *const names[] = { "admin_epoch", "epoch", "num_updates" };
	long long *f[] = { &v->admin_epoch, &v->epoch, &v->num_updates };
	for (int i = 0; i < 3; i++) {
		const char *s = cib_xml_attr(part, names[i]);
		char *end;
		if (!s || !*s)
			return -1;
		*f[i] = strtoll(s, &end, 10);
		if (*end)
			return -1;
	}
	return 0;
}

static xmlNodePtr part_root(xmlNodePtr part)
{
	xmlNodePtr r = NULL;
	for (xmlNodePtr c = part->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			if (r)
				return NULL;
			r = c;
		}
	return r;
}

int cib_patch(xmlDocPtr doc, xmlNodePtr diff, char **err)
{
	struct patch p = { NULL };
	int rc = CIB_OK;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr rp = diff && diff->type == XML_ELEMENT_NODE && !strcmp((const char *)diff->name, "diff") ?
			part(diff, "diff-removed") : NULL;
	xmlNodePtr ap = rp ? part(diff, "diff-added") : NULL;
	struct cib_version from, to, have;
	if (!root) {
		rc = fail(&p, g_strdup("no document to patch"));
	} else if (!rp || !ap || read_version(rp, &from) < 0 || read_version(ap, &to) < 0) {
		rc = fail(&p, g_strdup("not a diff: needs <diff> with versioned <diff-removed> and <diff-added>"));
	} else {
		cib_doc_version(doc, &have);
		if (cib_version_cmp(&have, &from)) {
			p.err = g_strdup_printf("diff applies to %lld.%lld.%lld, the CIB is at %lld.%lld.%lld",
						from.admin_epoch, from.epoch, from.num_updates,
						have.admin_epoch, have.epoch, have.num_updates);
			rc = CIB_E_DIFF_RESYNC;
		}
	}
	xmlNodePtr rr = rc ? NULL : part_root(rp), ar = rc ? NULL : part_root(ap);
	if (!rc && (!rr || !ar))
		rc = fail(&p, g_strdup("diff parts must hold exactly one root element"));
	xmlDocPtr work = NULL;
	if (!rc) {
		work = xmlCopyDoc(doc, 1);
		xmlNodePtr wr = xmlDocGetRootElement(work);
		const char *am = cib_xml_attr(ar, MARK);
		if (am && !strcmp(am, "added:top")) {
			/* The whole document was replaced. */
			xmlNodePtr n = make_added(ar, work);
			xmlFreeNode(xmlDocSetRootElement(work, n));
		} else {
			rc = patch_node(&p, wr, rr, ar, 0);
		}
	}
	if (!rc) {
		xmlNodePtr wr = xmlDocGetRootElement(work);
		set_int(wr, "admin_epoch", to.admin_epoch);
		set_int(wr, "epoch", to.epoch);
		set_int(wr, "num_updates", to.num_updates);
		xmlNodePtr n = xmlDocCopyNode(wr, doc, 1);
		xmlFreeNode(xmlDocSetRootElement(doc, n));
	}
	if (work)
		xmlFreeDoc(work);
	if (err)
		*err = p.err;
	else
		g_free(p.err);
	return rc;
}
