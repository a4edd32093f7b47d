/* Resource statements: primitive (agent spec, params/meta/utilization,
 * op), group, clone, ms/master, and the monitor shorthand.  Builds the
 * element with crmsh's generated ids; references are checked later. */
#include <string.h>
#include <unistd.h>
#include "crm.h"

#define OCF_ROOT "/usr/lib/ocf/resource.d"

/* The attributes the schema knows on <op>; anything else is an
 * instance attribute of the op (OCF_CHECK_LEVEL). */
static const char *const op_attrs[] = {
	"id", "name", "description", "interval", "timeout", "start-delay", "interval-origin",
	"record-pending", "role", "requires", "on-fail", "enabled", NULL
};

static int is_op_attr(const char *n)
{
	for (int i = 0; op_attrs[i]; i++)
		if (!strcmp(op_attrs[i], n))
			return 1;
	return 0;
}

/* The provider of a bare ocf type: the first installed one that has it,
 * heartbeat when none does (crmsh's ra lookup). */
static char *ocf_provider(const char *type)
{
	static const char *const pref[] = { "heartbeat", "pacemaker", NULL };
	for (int i = 0; pref[i]; i++) {
		char *p = g_strdup_printf(OCF_ROOT "/%s/%s", pref[i], type);
		int ok = access(p, X_OK) == 0;
		g_free(p);
		if (ok)
			return g_strdup(pref[i]);
	}
	GDir *d = g_dir_open(OCF_ROOT, 0, NULL);
	char *found = NULL;
	const char *e;
	while (d && !found && (e = g_dir_read_name(d))) {
		char *p = g_strdup_printf(OCF_ROOT "/%s/%s", e, type);
		if (access(p, X_OK) == 0)
			found = g_strdup(e);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	return found ? found : g_strdup("heartbeat");
}

static int agent_spec(xmlNodePtr x, const char *spec)
{
	char **p = g_strsplit(spec, ":", 3);
	int n = g_strv_length(p), ok = 1;
	if (n == 1) {
		char *prov = ocf_provider(p[0]);
		xmlNewProp(x, BAD_CAST "class", BAD_CAST "ocf");
		xmlNewProp(x, BAD_CAST "provider", BAD_CAST prov);
		xmlNewProp(x, BAD_CAST "type", BAD_CAST p[0]);
		g_free(prov);
	} else if (n == 2) {
		xmlNewProp(x, BAD_CAST "class", BAD_CAST p[0]);
		xmlNewProp(x, BAD_CAST "type", BAD_CAST p[1]);
		ok = *p[0] && *p[1];
	} else {
		xmlNewProp(x, BAD_CAST "class", BAD_CAST p[0]);
		xmlNewProp(x, BAD_CAST "provider", BAD_CAST p[1]);
		xmlNewProp(x, BAD_CAST "type", BAD_CAST p[2]);
		ok = *p[0] && *p[1] && *p[2];
	}
	g_strfreev(p);
	return ok;
}

/* op NAME attr=value...: w[*i] is the word after "op". */
static int parse_op(char **w, int *i, xmlNodePtr ops, const char *rsc, struct crm_ids *ids, char **err)
{
	if (!w[*i] || strchr(w[*i], '=')) {
		*err = g_strdup_printf("syntax in primitive: Expected operation name near <%s>",
				       w[*i] ? w[*i] : "op");
		return -1;
	}
	xmlNodePtr op = xmlNewChild(ops, NULL, BAD_CAST "op", NULL);
	xmlNewProp(op, BAD_CAST "name", BAD_CAST w[*i]);
	const char *name = w[*i];
	(*i)++;
	GPtrArray *inst = g_ptr_array_new_with_free_func(g_free);
	char *given_id = NULL;
	for (; w[*i]; (*i)++) {
		char *n, *v;
		if (!crm_nv_split(w[*i], &n, &v))
			break;
		if (!strcmp(n, "$id") || !strcmp(n, "id")) {
			g_free(given_id);
			given_id = v;
			g_free(n);
			continue;
		}
		if (is_op_attr(n)) {
			if (inst->len) {
				*err = g_strdup_printf("syntax in primitive: Attribute order error: %s must appear "
						       "before any instance attribute", n);
				g_free(n);
				g_free(v);
				g_free(given_id);
				g_ptr_array_free(inst, TRUE);
				return -1;
			}
			xmlNewProp(op, BAD_CAST n, BAD_CAST v);
			g_free(n);
			g_free(v);
		} else {
			g_ptr_array_add(inst, n);
			g_ptr_array_add(inst, v);
		}
	}
	if (!xmlHasProp(op, BAD_CAST "interval"))
		xmlNewProp(op, BAD_CAST "interval", BAD_CAST "0");
	char *iv = (char *)xmlGetProp(op, BAD_CAST "interval");
	char *base = g_strdup_printf("%s-%s-%s", rsc, name, iv);
	char *id = given_id ? g_strdup(given_id) : crm_ids_make(ids, base);
	if (given_id)
		crm_ids_take(ids, id);
	xmlNewProp(op, BAD_CAST "id", BAD_CAST id);
	if (inst->len) {
		xmlNodePtr set = xmlNewChild(op, NULL, BAD_CAST "instance_attributes", NULL);
		char *sb = g_strdup_printf("%s-instance_attributes", id);
		char *sid = crm_ids_make(ids, sb);
		xmlNewProp(set, BAD_CAST "id", BAD_CAST sid);
		for (guint k = 0; k < inst->len; k += 2) {
			xmlNodePtr nv = xmlNewChild(set, NULL, BAD_CAST "nvpair", NULL);
			xmlNewProp(nv, BAD_CAST "name", g_ptr_array_index(inst, k));
			xmlNewProp(nv, BAD_CAST "value", g_ptr_array_index(inst, k + 1));
			char *nb = g_strdup_printf("%s-%s", sid, (char *)g_ptr_array_index(inst, k));
			char *nid = crm_ids_make(ids, nb);
			xmlNewProp(nv, BAD_CAST "id", BAD_CAST nid);
			g_free(nb);
			g_free(nid);
		}
		g_free(sb);
		g_free(sid);
	}
	xmlFree(iv);
	g_free(base);
	g_free(id);
	g_free(given_id);
	g_ptr_array_free(inst, TRUE);
	return 0;
}

static const char *set_tag(const char *kw)
{
	if (!strcmp(kw, "params"))
		return "instance_attributes";
	if (!strcmp(kw, "meta"))
		return "meta_attributes";
	if (!strcmp(kw, "utilization"))
		return "utilization";
	return NULL;
}

struct crm_obj *crm_parse_primitive(char **w, char **err)
{
	if (!w[1] || !w[2])
		return crm_obj_fail(NULL, err, g_strdup("syntax in primitive: Expected at least 2 arguments near <primitive>"));
	struct crm_obj *o = crm_obj_new(CRM_PRIMITIVE, w[1], "primitive");
	if (!agent_spec(o->xml, w[2]))
		return crm_obj_fail(o, err, g_strdup_printf("syntax in primitive: Invalid agent spec near <%s>", w[2]));
	struct crm_ids *ids = crm_ids_new();
	crm_ids_take(ids, w[1]);
	xmlNodePtr ops = NULL;
	int i = 3;
	if (w[i] && !strncmp(w[i], "description=", 12))
		xmlNewProp(o->xml, BAD_CAST "description", BAD_CAST(w[i++] + 12));
	while (w[i]) {
		const char *tag = set_tag(w[i]);
		if (tag) {
			i++;
			crm_parse_set(w, &i, o->xml, tag, w[1], tag, ids, err);
		} else if (!strcmp(w[i], "op_params") && ops && ops->last) {
			/* show prints op instance attributes on their own line. */
			xmlNodePtr op = ops->last;
			char *opid = (char *)xmlGetProp(op, BAD_CAST "id");
			i++;
			crm_parse_set(w, &i, op, "instance_attributes", opid, "instance_attributes", ids, err);
			xmlFree(opid);
		} else if (!strcmp(w[i], "operations") && w[i + 1] && !strncmp(w[i + 1], "$id=", 4)) {
			if (!ops)
				ops = xmlNewChild(o->xml, NULL, BAD_CAST "operations", NULL);
			xmlSetProp(ops, BAD_CAST "id", BAD_CAST(w[i + 1] + 4));
			i += 2;
		} else if (!strcmp(w[i], "op")) {
			/* <operations> goes where the first op is written,
			 * among the sets, as crmsh keeps input order. */
			if (!ops)
				ops = xmlNewChild(o->xml, NULL, BAD_CAST "operations", NULL);
			i++;
			if (parse_op(w, &i, ops, w[1], ids, err) < 0) {
				crm_ids_free(ids);
				return crm_obj_fail(o, err, *err);
			}
		} else {
			char *m = g_strdup_printf("syntax in primitive: Unknown arguments near <%s>", w[i]);
			crm_ids_free(ids);
			return crm_obj_fail(o, err, m);
		}
	}
	crm_ids_free(ids);
	return o;
}

struct crm_obj *crm_parse_container(char **w, enum crm_kind kind, char **err)
{
	const char *word = w[0];
	const char *tag = kind == CRM_GROUP ? "group" : kind == CRM_CLONE ? "clone" : "master";
	if (!w[1] || !w[2])
		return crm_obj_fail(NULL, err, g_strdup_printf("syntax in %s: Expected at least 2 arguments near <%s>",
						       word, word));
	struct crm_obj *o = crm_obj_new(kind, w[1], tag);
	struct crm_ids *ids = crm_ids_new();
	crm_ids_take(ids, w[1]);
	GPtrArray *m = g_ptr_array_new();
	int i = 2;
	for (; w[i] && !set_tag(w[i]) && strncmp(w[i], "description=", 12); i++) {
		if (strchr(w[i], '=')) {
			char *msg = g_strdup_printf("syntax in %s: Expected resource near <%s>", word, w[i]);
			g_ptr_array_set_free_func(m, g_free);
			g_ptr_array_free(m, TRUE);
			crm_ids_free(ids);
			return crm_obj_fail(o, err, msg);
		}
		g_ptr_array_add(m, g_strdup(w[i]));
	}
	if (kind != CRM_GROUP && m->len != 1) {
		char *msg = g_strdup_printf("syntax in %s: Expected exactly one resource near <%s>", word,
					    m->len ? (char *)g_ptr_array_index(m, 1) : w[1]);
		g_ptr_array_set_free_func(m, g_free);
		g_ptr_array_free(m, TRUE);
		crm_ids_free(ids);
		return crm_obj_fail(o, err, msg);
	}
	g_ptr_array_add(m, NULL);
	o->members = (char **)g_ptr_array_free(m, FALSE);
	if (w[i] && !strncmp(w[i], "description=", 12))
		xmlNewProp(o->xml, BAD_CAST "description", BAD_CAST(w[i++] + 12));
	while (w[i]) {
		const char *st = set_tag(w[i]);
		if (!st) {
			char *msg = g_strdup_printf("syntax in %s: Unknown arguments near <%s>", word, w[i]);
			crm_ids_free(ids);
			return crm_obj_fail(o, err, msg);
		}
		i++;
		crm_parse_set(w, &i, o->xml, st, w[1], st, ids, err);
	}
	crm_ids_free(ids);
	return o;
}

/* monitor RSC[:ROLE] INTERVAL[:TIMEOUT] */
struct crm_obj *crm_parse_monitor(char **w, char **err)
{
	if (!w[1] || !w[2] || w[3])
		return crm_obj_fail(NULL, err, g_strdup("syntax in monitor: Expected <rsc>[:<role>] <interval>[:<timeout>]"));
	char **r = g_strsplit(w[1], ":", 2);
	char **t = g_strsplit(w[2], ":", 2);
	struct crm_obj *o = g_new0(struct crm_obj, 1);
	o->kind = CRM_MONITOR;
	o->id = g_strdup(r[0]);
	o->xml = xmlNewNode(NULL, BAD_CAST "op");
	xmlNewProp(o->xml, BAD_CAST "name", BAD_CAST "monitor");
	xmlNewProp(o->xml, BAD_CAST "interval", BAD_CAST t[0]);
	if (t[1])
		xmlNewProp(o->xml, BAD_CAST "timeout", BAD_CAST t[1]);
	if (r[1])
		xmlNewProp(o->xml, BAD_CAST "role", BAD_CAST r[1]);
	char *id = g_strdup_printf("%s-monitor-%s", r[0], t[0]);
	xmlNewProp(o->xml, BAD_CAST "id", BAD_CAST id);
	g_free(id);
	g_strfreev(r);
	g_strfreev(t);
	return o;
}
