/* The heartbeat 2.x (0.6) CIB that h2c_map() builds, rewritten in the
 * pacemaker-1.0 spelling the way "cibadmin --upgrade" (Pacemaker 1.0's
 * upgrade06.xsl) rewrote it: <attributes> wrappers gone, a meta_attributes set
 * per resource, clone_max & co. moved there, order/colocation renamed.  Only
 * what h2c_map() can produce is handled; ids the stylesheet generated with
 * generate-id() are replaced by deterministic ones. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "h2c.h"

/* Instance attributes the stylesheet also copies into the meta set, in its order. */
static const char *const to_meta[] = {
	"resource_stickiness", "allow_migrate", "globally_unique", "target_role",
	"clone_max", "clone_node_max", "master_max", "master_node_max",
};

static struct xel *upgrade(const struct xel *e);

static char *dup_or_die(const char *s)
{
	char *d = strdup(s);

	if (!d)
		exit(1);
	return d;
}

/* Scores: upper case ("infinity" -> "INFINITY"), a decimal part dropped. */
static void set_score(struct xel *to, const char *v)
{
	char *s = dup_or_die(v), *p;

	p = strchr(s, '.');
	if (p)
		*p = '\0';
	else
		for (p = s; *p; p++)
			*p = (char)toupper((unsigned char)*p);
	xel_set(to, "score", s);
	free(s);
}

static void copy_attr(struct xel *to, const struct xel_attr *a)
{
	if (strcmp(a->name, "prereq") == 0)
		xel_set(to, "requires", a->value);
	else if (strcmp(a->name, "score") == 0)
		set_score(to, a->value);
	else
		xel_set(to, a->name, a->value);
}

static void copy_attrs(struct xel *to, const struct xel *from)
{
	int i;

	for (i = 0; i < from->nattr; i++)
		copy_attr(to, &from->attr[i]);
}

/* An nvpair set without its <attributes> wrapper. */
static struct xel *flat_set(const struct xel *e)
{
	struct xel *to = xel_new(e->name), *nv;
	const struct xel *attrs = xel_find(e, "attributes");
	int i;

	copy_attrs(to, e);
	for (i = 0; attrs && i < attrs->nkid; i++) {
		if (strcmp(attrs->kid[i]->name, "nvpair") != 0)
			continue;
		nv = xel_add(to, "nvpair");
		copy_attrs(nv, attrs->kid[i]);
	}
	return to;
}

static void meta_set(struct xel *to, const struct xel *rsc)
{
	const struct xel *ia = xel_find(rsc, "instance_attributes");
	const struct xel *attrs = ia ? xel_find(ia, "attributes") : NULL;
	struct xel *meta = xel_add(to, "meta_attributes"), *nv;
	char *mid = NULL, *nid = NULL, *name;
	size_t k;
	int i;

	if (asprintf(&mid, "%s-%s.meta", rsc->name, xel_get(rsc, "id")) < 0)
		exit(1);
	xel_set(meta, "id", mid);
	for (k = 0; attrs && k < sizeof to_meta / sizeof to_meta[0]; k++) {
		for (i = 0; i < attrs->nkid; i++) {
			const char *n = xel_get(attrs->kid[i], "name");

			if (!n || strcmp(n, to_meta[k]) != 0)
				continue;
			name = dup_or_die(n);
			for (char *p = name; *p; p++)
				if (*p == '_')
					*p = '-';
			if (asprintf(&nid, "%s-%s", mid, name) < 0)
				exit(1);
			nv = xel_add(meta, "nvpair");
			xel_set(nv, "id", nid);
			xel_set(nv, "name", name);
			xel_set(nv, "value", xel_get(attrs->kid[i], "value"));
			free(nid);
			free(name);
		}
	}
	free(mid);
}

static struct xel *up_primitive(const struct xel *e)
{
	struct xel *to = xel_new("primitive");
	const char *cls = xel_get(e, "class");
	int i;

	xel_set(to, "id", xel_get(e, "id"));
	xel_set(to, "type", xel_get(e, "type"));
	if (cls)
		xel_set(to, "class", cls);
	/* The provider is kept for OCF resources only. */
	if (cls && strstr(cls, "ocf") && xel_get(e, "provider"))
		xel_set(to, "provider", xel_get(e, "provider"));
	meta_set(to, e);
	for (i = 0; i < e->nkid; i++)
		xel_adopt(to, upgrade(e->kid[i]));
	return to;
}

static void set_id_colons(struct xel *to, const char *id)
{
	char *s = dup_or_die(id);

	for (char *p = s; *p; p++)
		if (*p == ':')
			*p = '-';
	xel_set(to, "id", s);
	free(s);
}

static struct xel *up_group(const struct xel *e)
{
	struct xel *to = xel_new("group");
	int i;

	set_id_colons(to, xel_get(e, "id"));
	meta_set(to, e);
	for (i = 0; i < e->nkid; i++)
		xel_adopt(to, upgrade(e->kid[i]));
	return to;
}

/* A clone keeps its meta set and its child; its instance attributes go. */
static struct xel *up_clone(const struct xel *e)
{
	static const char *const keep[] = { "meta_attributes", "primitive", "group" };
	struct xel *to = xel_new("clone");
	size_t k;
	int i;

	set_id_colons(to, xel_get(e, "id"));
	meta_set(to, e);
	for (k = 0; k < sizeof keep / sizeof keep[0]; k++)
		for (i = 0; i < e->nkid; i++)
			if (strcmp(e->kid[i]->name, keep[k]) == 0)
				xel_adopt(to, upgrade(e->kid[i]));
	return to;
}

static struct xel *up_op(const struct xel *e)
{
	struct xel *to = xel_new("op");

	xel_set(to, "name", "");
	xel_set(to, "interval", "0");
	copy_attrs(to, e);
	return to;
}

/* from=X type=after to=Y: X after Y, i.e. first=Y then=X; "before" the other way. */
static struct xel *up_order(const struct xel *e)
{
	struct xel *to = xel_new("rsc_order");
	const char *type = xel_get(e, "type"), *action = xel_get(e, "action");
	const char *to_action = xel_get(e, "to_action");
	int i;

	xel_set(to, "id", xel_get(e, "id"));
	if (!type || !strstr(type, "before")) {
		xel_set(to, "first", xel_get(e, "to") ? xel_get(e, "to") : "");
		xel_set(to, "then", xel_get(e, "from") ? xel_get(e, "from") : "");
		xel_set(to, "then-action", action ? action : "start");
		xel_set(to, "first-action", to_action ? to_action : action ? action : "start");
	} else {
		if (action)
			xel_set(to, "first-action", action);
		xel_set(to, "first", xel_get(e, "from") ? xel_get(e, "from") : "");
		xel_set(to, "then", xel_get(e, "to") ? xel_get(e, "to") : "");
		if (to_action)
			xel_set(to, "then-action", to_action);
	}
	for (i = 0; i < e->nattr; i++) {
		const char *n = e->attr[i].name;

		if (strncmp(n, "to", 2) == 0 || strncmp(n, "from", 4) == 0 || strstr(n, "action") ||
		    strncmp(n, "type", 4) == 0 || strcmp(n, "id") == 0)
			continue;
		copy_attr(to, &e->attr[i]);
	}
	return to;
}

static struct xel *up_colocation(const struct xel *e)
{
	struct xel *to = xel_new("rsc_colocation");
	int i;

	xel_set(to, "id", xel_get(e, "id"));
	xel_set(to, "rsc", xel_get(e, "from") ? xel_get(e, "from") : "");
	xel_set(to, "with-rsc", xel_get(e, "to") ? xel_get(e, "to") : "");
	for (i = 0; i < e->nattr; i++) {
		const char *n = e->attr[i].name;

		if (strncmp(n, "to", 2) == 0 || strncmp(n, "from", 4) == 0 ||
		    strncmp(n, "symmetrical", 11) == 0 || strcmp(n, "id") == 0)
			continue;
		copy_attr(to, &e->attr[i]);
	}
	return to;
}

static struct xel *up_cib(const struct xel *e)
{
	static const char *const keep[] = { "admin_epoch", "epoch", "num_updates" };
	struct xel *to = xel_new("cib");
	size_t k;
	int i;

	for (k = 0; k < sizeof keep / sizeof keep[0]; k++)
		xel_set(to, keep[k], xel_get(e, keep[k]) ? xel_get(e, keep[k]) : "");
	/* The stylesheet's defaults for what a 0.6 file written offline lacks. */
	xel_set(to, "dc-uuid", "0");
	xel_set(to, "have-quorum", "false");
	xel_set(to, "remote-tls-port", "0");
	xel_set(to, "validate-with", "pacemaker-1.0");
	for (i = 0; i < e->nkid; i++)
		xel_adopt(to, upgrade(e->kid[i]));
	return to;
}

static struct xel *upgrade(const struct xel *e)
{
	struct xel *to;
	int i;

	if (strcmp(e->name, "cib") == 0)
		return up_cib(e);
	if (strcmp(e->name, "cluster_property_set") == 0 || strcmp(e->name, "instance_attributes") == 0 ||
	    strcmp(e->name, "meta_attributes") == 0)
		return flat_set(e);
	if (strcmp(e->name, "primitive") == 0)
		return up_primitive(e);
	if (strcmp(e->name, "group") == 0)
		return up_group(e);
	if (strcmp(e->name, "clone") == 0)
		return up_clone(e);
	if (strcmp(e->name, "op") == 0)
		return up_op(e);
	if (strcmp(e->name, "rsc_order") == 0)
		return up_order(e);
	if (strcmp(e->name, "rsc_colocation") == 0)
		return up_colocation(e);
	to = xel_new(e->name);
	if (strcmp(e->name, "rule") == 0 && !xel_get(e, "score") && !xel_get(e, "score_attribute"))
		xel_set(to, "score", "0");
	copy_attrs(to, e);
	for (i = 0; i < e->nkid; i++)
		xel_adopt(to, upgrade(e->kid[i]));
	return to;
}

struct xel *h2c_upgrade(const struct xel *cib06)
{
	return upgrade(cib06);
}
