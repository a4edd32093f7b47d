/* The CIB builder: parsed objects into the working <configuration>, in
 * crmsh's processing order (nodes, primitives, containers, constraints,
 * attribute sets), plus delete and rename with their reference rules.
 * Pure XML work on the caller's document; messages as crmsh's. */
#include <string.h>
#include "crm.h"

static int is_tag(xmlNodePtr n, const char *t)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, t);
}

static int is_rsc(xmlNodePtr n)
{
	return is_tag(n, "primitive") || is_tag(n, "group") || is_tag(n, "clone") || is_tag(n, "master");
}

static int is_cons(xmlNodePtr n)
{
	return is_tag(n, "rsc_location") || is_tag(n, "rsc_colocation") || is_tag(n, "rsc_order");
}

static int id_is(xmlNodePtr n, const char *id)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST "id");
	int r = v && !strcmp((char *)v, id);
	xmlFree(v);
	return r;
}

xmlNodePtr crm_section_of(xmlNodePtr cfg, const char *name, int create)
{
	for (xmlNodePtr c = cfg->children; c; c = c->next)
		if (is_tag(c, name))
			return c;
	return create ? xmlNewChild(cfg, NULL, BAD_CAST name, NULL) : NULL;
}

xmlNodePtr crm_empty_config(xmlDocPtr doc)
{
	xmlNodePtr cfg = xmlNewDocNode(doc, NULL, BAD_CAST "configuration", NULL);
	static const char *const s[] = { "crm_config", "nodes", "resources", "constraints", NULL };
	for (int i = 0; s[i]; i++)
		xmlNewChild(cfg, NULL, BAD_CAST s[i], NULL);
	return cfg;
}

static xmlNodePtr find_rsc_in(xmlNodePtr parent, const char *id)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next) {
		if (!is_rsc(c))
			continue;
		if (id_is(c, id))
			return c;
		xmlNodePtr r = find_rsc_in(c, id);
		if (r)
			return r;
	}
	return NULL;
}

static xmlNodePtr find_rsc(xmlNodePtr cfg, const char *id)
{
	return find_rsc_in(crm_section_of(cfg, "resources", 0), id);
}

static xmlNodePtr find_child(xmlNodePtr sec, const char *id)
{
	for (xmlNodePtr c = sec ? sec->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && id_is(c, id))
			return c;
	return NULL;
}

const char *crm_cli_name(xmlNodePtr n)
{
	static const char *const map[][2] = {
		{ "master", "ms" }, { "rsc_location", "location" }, { "rsc_colocation", "colocation" },
		{ "rsc_order", "order" }, { "cluster_property_set", "property" }, { NULL, NULL }
	};
	for (int i = 0; map[i][0]; i++)
		if (is_tag(n, map[i][0]))
			return map[i][1];
	if (is_tag(n, "meta_attributes") && n->parent)
		return (const char *)n->parent->name;
	return (const char *)n->name;
}

xmlNodePtr crm_find_obj(xmlNodePtr cfg, const char *id)
{
	xmlNodePtr r = find_rsc(cfg, id);
	static const char *const secs[] = { "constraints", "nodes", "crm_config", "rsc_defaults", "op_defaults", NULL };
	for (int i = 0; !r && secs[i]; i++)
		r = find_child(crm_section_of(cfg, secs[i], 0), id);
	return r;
}

/* Puts x (owned) in place of old, or at the end of sec. */
static void place(xmlNodePtr sec, xmlNodePtr old, xmlNodePtr x)
{
	if (old) {
		xmlReplaceNode(old, x);
		xmlFreeNode(old);
	} else {
		xmlAddChild(sec, x);
	}
}

static const char *cli_tag(xmlNodePtr n)
{
	return is_tag(n, "master") ? "ms" : (const char *)n->name;
}

static const char *cib_attr_id(xmlNodePtr n)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, "id") && a->children)
			return (const char *)a->children->content;
	return "";
}

static int apply_container(xmlNodePtr cfg, struct crm_obj *o)
{
	xmlNodePtr res = crm_section_of(cfg, "resources", 1);
	xmlNodePtr old = find_rsc(cfg, o->id);
	if (old && !is_tag(old, "primitive")) {
		/* Members of the old container go back to the top level; the
		 * new one takes those it names below. */
		xmlNodePtr c = old->children, next;
		for (; c; c = next) {
			next = c->next;
			if (is_rsc(c)) {
				xmlUnlinkNode(c);
				xmlAddChild(res, c);
			}
		}
	}
	xmlNodePtr x = o->xml;
	o->xml = NULL;
	place(res, old, x);
	int got = 0;
	for (char **m = o->members; m && *m; m++) {
		xmlNodePtr r = find_rsc(cfg, *m);
		if (!r || r == x) {
			crm_err("%s refers to missing object %s", o->id, *m);
			continue;
		}
		if (is_rsc(r->parent)) {
			/* A member of another container stays there. */
			crm_err("Cannot create %s:%s: Child %s:%s already in %s:%s", cli_tag(x), o->id, cli_tag(r),
				*m, cli_tag(r->parent), cib_attr_id(r->parent));
			return 1;
		}
		for (xmlNodePtr a = x->parent; a; a = a->parent)
			if (a == r) {
				crm_err("%s: resource %s contains it", o->id, *m);
				return 1;
			}
		xmlUnlinkNode(r);
		xmlAddChild(x, r);
		got++;
	}
	return got ? 0 : 1;
}

static int replacing;  /* crm_replace: sets are replaced whole, not merged */

static void merge_set(xmlNodePtr sec, struct crm_obj *o)
{
	xmlNodePtr old = find_child(sec, o->id);
	if (!old || replacing) {
		place(sec, old, o->xml);
		o->xml = NULL;
		return;
	}
	xmlNodePtr c = o->xml->children, next;
	for (; c; c = next) {
		next = c->next;
		if (!is_tag(c, "nvpair"))
			continue;
		xmlChar *name = xmlGetProp(c, BAD_CAST "name");
		xmlNodePtr have = NULL;
		for (xmlNodePtr e = old->children; e && name; e = e->next) {
			xmlChar *en = xmlGetProp(e, BAD_CAST "name");
			if (is_tag(e, "nvpair") && en && !strcmp((char *)en, (char *)name))
				have = e;
			xmlFree(en);
		}
		if (have) {
			xmlChar *v = xmlGetProp(c, BAD_CAST "value");
			xmlSetProp(have, BAD_CAST "value", v);
			xmlFree(v);
		} else {
			xmlUnlinkNode(c);
			xmlAddChild(old, c);
		}
		xmlFree(name);
	}
}

static int apply_monitor(xmlNodePtr cfg, struct crm_obj *o)
{
	xmlNodePtr p = find_rsc(cfg, o->id);
	if (!p || !is_tag(p, "primitive")) {
		crm_err("monitor: resource %s does not exist", o->id);
		return 1;
	}
	xmlNodePtr first = p->children;
	xmlNodePtr c = o->xml->children, next;
	for (; c; c = next) {
		next = c->next;
		if (c->type != XML_COMMENT_NODE)
			continue;
		xmlUnlinkNode(c);
		if (first)
			xmlAddPrevSibling(first, c);
		else
			xmlAddChild(p, c);
	}
	xmlNodePtr ops = crm_section_of(p, "operations", 1);
	xmlAddChild(ops, o->xml);
	o->xml = NULL;
	return 0;
}

static int rank(enum crm_kind k)
{
	switch (k) {
	case CRM_NODE: return 0;
	case CRM_PRIMITIVE: return 1;
	case CRM_MONITOR: return 2;
	case CRM_GROUP: return 3;
	case CRM_MS: case CRM_CLONE: return 4;
	case CRM_LOCATION: case CRM_COLOCATION: case CRM_ORDER: return 5;
	default: return 6;
	}
}

int crm_apply(xmlNodePtr cfg, GPtrArray *objs)
{
	int errors = 0;
	for (int pass = 0; pass <= 6; pass++) {
		for (guint i = 0; i < objs->len; i++) {
			struct crm_obj *o = g_ptr_array_index(objs, i);
			if (rank(o->kind) != pass || !o->xml)
				continue;
			xmlNodePtr sec;
			switch (o->kind) {
			case CRM_NODE:
				sec = crm_section_of(cfg, "nodes", 1);
				place(sec, find_child(sec, o->id), o->xml);
				o->xml = NULL;
				break;
			case CRM_PRIMITIVE: {
				xmlNodePtr old = find_rsc(cfg, o->id);
				if (old && !is_tag(old, "primitive")) {
					crm_err("%s: id is already in use by a %s", o->id, (const char *)old->name);
					errors++;
					break;
				}
				place(crm_section_of(cfg, "resources", 1), old, o->xml);
				o->xml = NULL;
				break;
			}
			case CRM_MONITOR:
				errors += apply_monitor(cfg, o);
				break;
			case CRM_GROUP: case CRM_CLONE: case CRM_MS:
				errors += apply_container(cfg, o);
				break;
			case CRM_LOCATION: case CRM_COLOCATION: case CRM_ORDER:
				sec = crm_section_of(cfg, "constraints", 1);
				place(sec, find_child(sec, o->id), o->xml);
				o->xml = NULL;
				break;
			case CRM_PROPERTY:
				merge_set(crm_section_of(cfg, "crm_config", 1), o);
				break;
			case CRM_RSC_DEFAULTS:
				merge_set(crm_section_of(cfg, "rsc_defaults", 1), o);
				break;
			case CRM_OP_DEFAULTS:
				merge_set(crm_section_of(cfg, "op_defaults", 1), o);
				break;
			}
		}
	}
	return errors;
}

static const char *const ref_attrs[] = { "rsc", "with-rsc", "first", "then", NULL };

static const char *cons_kind(xmlNodePtr c)
{
	return is_tag(c, "rsc_location") ? "location" : is_tag(c, "rsc_colocation") ? "colocation" : "order";
}

/* Calls fn on every resource reference (attribute or resource_ref) of c. */
static int each_ref(xmlNodePtr c, int (*fn)(xmlNodePtr owner, xmlNodePtr at, const char *attr, void *d), void *d)
{
	int n = 0;
	for (int i = 0; ref_attrs[i]; i++)
		if (xmlHasProp(c, BAD_CAST ref_attrs[i]))
			n += fn(c, c, ref_attrs[i], d);
	/* fn may free the reference, and with the last one its set. */
	xmlNodePtr s = c->children, snext, r, rnext;
	for (; s; s = snext) {
		snext = s->next;
		for (r = is_tag(s, "resource_set") ? s->children : NULL; r; r = rnext) {
			rnext = r->next;
			if (is_tag(r, "resource_ref"))
				n += fn(c, r, "id", d);
		}
	}
	return n;
}

static int check_one(xmlNodePtr owner, xmlNodePtr at, const char *attr, void *d)
{
	xmlNodePtr cfg = d;
	xmlChar *v = xmlGetProp(at, BAD_CAST attr);
	int bad = v && !find_rsc(cfg, (char *)v);
	if (bad) {
		xmlChar *id = xmlGetProp(owner, BAD_CAST "id");
		crm_err("constraint %s references a resource %s which doesn't exist", (char *)id, (char *)v);
		xmlFree(id);
	}
	xmlFree(v);
	return bad;
}

int crm_check_refs(xmlNodePtr cfg)
{
	int n = 0;
	xmlNodePtr cons = crm_section_of(cfg, "constraints", 0);
	for (xmlNodePtr c = cons ? cons->children : NULL; c; c = c->next)
		if (is_cons(c))
			n += each_ref(c, check_one, cfg) ? 1 : 0;
	return n;
}

static int missing_ref(xmlNodePtr owner, xmlNodePtr at, const char *attr, void *d)
{
	(void)owner;
	xmlChar *v = xmlGetProp(at, BAD_CAST attr);
	int bad = v && !find_rsc(d, (char *)v);
	xmlFree(v);
	if (bad && at != owner) {
		/* A set member: drop the reference, the constraint may live on. */
		xmlNodePtr set = at->parent;
		xmlUnlinkNode(at);
		xmlFreeNode(at);
		int left = 0;
		for (xmlNodePtr r = set->children; r; r = r->next)
			left += is_tag(r, "resource_ref");
		if (!left) {
			xmlUnlinkNode(set);
			xmlFreeNode(set);
		}
		return 0;
	}
	return bad;
}

static int count_one(xmlNodePtr owner, xmlNodePtr at, const char *attr, void *d)
{
	(void)owner;
	(void)at;
	(void)attr;
	(void)d;
	return 1;
}

static int count_refs(xmlNodePtr c)
{
	return each_ref(c, count_one, NULL);
}

/* Constraints left without a resource go with it ("hanging"). */
static void drop_hanging(xmlNodePtr cfg)
{
	xmlNodePtr cons = crm_section_of(cfg, "constraints", 0);
	xmlNodePtr c = cons ? cons->children : NULL, next;
	for (; c; c = next) {
		next = c->next;
		if (!is_cons(c))
			continue;
		int before = count_refs(c);
		int gone = each_ref(c, missing_ref, cfg);
		int left = count_refs(c);
		int plain = xmlHasProp(c, BAD_CAST "rsc") || xmlHasProp(c, BAD_CAST "first");
		/* A colocation or order needs two resources, a location one. */
		int need = is_tag(c, "rsc_location") ? 1 : 2;
		if (!gone && !plain && left < need && before >= need)
			gone = 1;
		if (!gone && left < before) {
			xmlChar *id = xmlGetProp(c, BAD_CAST "id");
			crm_info("constraint %s:%s updated", cons_kind(c), (char *)id);
			xmlFree(id);
		}
		if (gone || (!plain && !left)) {
			xmlChar *id = xmlGetProp(c, BAD_CAST "id");
			crm_info("hanging %s:%s deleted", cons_kind(c), (char *)id);
			xmlFree(id);
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
}

struct ren {
	const char *from, *to;
};
static int rename_ref(xmlNodePtr owner, xmlNodePtr at, const char *attr, void *d);

/* Deleting a container keeps what it holds, as crmsh does: a group's
 * members go to the front of <resources>, a clone's child to the end,
 * and constraints on the container now name its first member. */
static void release_members(xmlNodePtr cfg, xmlNodePtr o)
{
	xmlNodePtr res = crm_section_of(cfg, "resources", 1);
	xmlNodePtr first = NULL, at = res->children;
	while (at && at->type != XML_ELEMENT_NODE)
		at = at->next;
	xmlNodePtr c = o->children, next;
	for (; c; c = next) {
		next = c->next;
		if (!is_rsc(c))
			continue;
		if (!first)
			first = c;
		xmlUnlinkNode(c);
		if (is_tag(o, "group") && at)
			xmlAddPrevSibling(at, c);
		else
			xmlAddChild(res, c);
	}
	if (!first)
		return;
	xmlChar *from = xmlGetProp(o, BAD_CAST "id"), *to = xmlGetProp(first, BAD_CAST "id");
	struct ren r = { (const char *)from, (const char *)to };
	xmlNodePtr cons = crm_section_of(cfg, "constraints", 0);
	for (xmlNodePtr k = cons ? cons->children : NULL; k; k = k->next)
		if (is_cons(k))
			each_ref(k, rename_ref, &r);
	xmlFree(from);
	xmlFree(to);
}

int crm_delete(xmlNodePtr cfg, const char *id)
{
	xmlNodePtr o = crm_find_obj(cfg, id);
	if (!o) {
		crm_err("object %s does not exist", id);
		return -1;
	}
	xmlNodePtr parent = o->parent;
	if (is_rsc(o) && !is_tag(o, "primitive"))
		release_members(cfg, o);
	xmlUnlinkNode(o);
	xmlFreeNode(o);
	/* A container left empty has no meaning: it goes too. */
	while (is_rsc(parent)) {
		int left = 0;
		for (xmlNodePtr c = parent->children; c; c = c->next)
			left += is_rsc(c);
		if (left)
			break;
		xmlNodePtr up = parent->parent;
		xmlUnlinkNode(parent);
		xmlFreeNode(parent);
		parent = up;
	}
	drop_hanging(cfg);
	return 0;
}

static int rename_ref(xmlNodePtr owner, xmlNodePtr at, const char *attr, void *d)
{
	struct ren *r = d;
	xmlChar *v = xmlGetProp(at, BAD_CAST attr);
	if (v && !strcmp((char *)v, r->from)) {
		xmlSetProp(at, BAD_CAST attr, BAD_CAST r->to);
		xmlChar *id = xmlGetProp(owner, BAD_CAST "id");
		crm_info("modified %s:%s from %s to %s", cons_kind(owner), (char *)id, r->from, r->to);
		xmlFree(id);
	}
	xmlFree(v);
	return 0;
}

int crm_rename(xmlNodePtr cfg, const char *from, const char *to)
{
	xmlNodePtr o = crm_find_obj(cfg, from);
	if (!o) {
		crm_err("object %s does not exist", from);
		return -1;
	}
	if (crm_find_obj(cfg, to)) {
		crm_err("id %s is already in use", to);
		return -1;
	}
	xmlSetProp(o, BAD_CAST "id", BAD_CAST to);
	if (is_cons(o)) {
		/* crmsh re-creates a renamed constraint: it moves to the end. */
		xmlNodePtr sec = o->parent;
		xmlUnlinkNode(o);
		xmlAddChild(sec, o);
	}
	if (is_rsc(o)) {
		struct ren r = { from, to };
		xmlNodePtr cons = crm_section_of(cfg, "constraints", 0);
		for (xmlNodePtr c = cons ? cons->children : NULL; c; c = c->next)
			if (is_cons(c))
				each_ref(c, rename_ref, &r);
	}
	return 0;
}

/* Every object id of cfg of the given kinds (resources at any depth). */
static void collect_ids(xmlNodePtr p, GPtrArray *out, int rsc_only)
{
	for (xmlNodePtr c = p ? p->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(c, BAD_CAST "id");
		if (id)
			g_ptr_array_add(out, g_strdup((const char *)id));
		xmlFree(id);
		if (rsc_only && is_rsc(c))
			collect_ids(c, out, 1);
	}
}

int crm_replace(xmlNodePtr cfg, GPtrArray *objs)
{
	GHashTable *keep = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < objs->len; i++) {
		struct crm_obj *o = g_ptr_array_index(objs, i);
		g_hash_table_add(keep, o->id);
	}
	replacing = 1;
	int errors = crm_apply(cfg, objs);
	replacing = 0;
	/* Then what the file does not name goes: containers first (their
	 * members stay, as on delete), then primitives, constraints and
	 * attribute sets.  Nodes are the cluster's; they stay. */
	static const char *const order[][2] = {
		{ "resources", "c" }, { "resources", "p" }, { "constraints", NULL }, { "crm_config", NULL },
		{ "rsc_defaults", NULL }, { "op_defaults", NULL }, { NULL, NULL }
	};
	for (int k = 0; order[k][0]; k++) {
		GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
		collect_ids(crm_section_of(cfg, order[k][0], 0), ids, order[k][1] != NULL);
		for (guint i = 0; i < ids->len; i++) {
			const char *id = g_ptr_array_index(ids, i);
			if (g_hash_table_contains(keep, id))
				continue;
			xmlNodePtr o = crm_find_obj(cfg, id);
			if (!o)
				continue;
			if (order[k][1] && (order[k][1][0] == 'c') == is_tag(o, "primitive"))
				continue;
			crm_delete(cfg, id);
		}
		g_ptr_array_free(ids, TRUE);
	}
	g_hash_table_destroy(keep);
	return errors;
}
