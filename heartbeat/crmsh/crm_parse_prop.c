/* Attribute-set statements: property (cluster options), rsc_defaults,
 * op_defaults, each [$id=SET | SET:] name=value..., and node NAME with
 * attributes/utilization.  Pure: words in, element out. */
#include <string.h>
#include "crm.h"

struct crm_obj *crm_parse_props(char **w, enum crm_kind kind, char **err)
{
	const char *tag = kind == CRM_PROPERTY ? "cluster_property_set" : "meta_attributes";
	const char *defid = kind == CRM_PROPERTY ? "cib-bootstrap-options" :
			    kind == CRM_RSC_DEFAULTS ? "rsc-options" : "op-options";
	int i = 1;
	char *setid = NULL;
	if (w[i]) {
		char *n, *v, *c;
		if (crm_nv_split(w[i], &n, &v)) {
			if (!strcmp(n, "$id")) {
				setid = g_strdup(v);
				i++;
			}
			g_free(n);
			g_free(v);
		} else if ((c = crm_score_colon(w[i]))) {
			setid = c;
			i++;
		}
	}
	if (!w[i]) {
		g_free(setid);
		*err = g_strdup_printf("syntax in %s: Expected [<name>=<value> ...] near <%s>", w[0], w[i - 1]);
		return NULL;
	}
	struct crm_obj *o = g_new0(struct crm_obj, 1);
	o->kind = kind;
	o->id = setid ? setid : g_strdup(defid);
	o->xml = xmlNewNode(NULL, BAD_CAST tag);
	xmlNewProp(o->xml, BAD_CAST "id", BAD_CAST o->id);
	struct crm_ids *ids = crm_ids_new();
	for (; w[i]; i++) {
		char *n, *v;
		if (!crm_nv_split(w[i], &n, &v)) {
			*err = g_strdup_printf("syntax in %s: Expected <name>=<value> near <%s>", w[0], w[i]);
			crm_ids_free(ids);
			crm_obj_free(o);
			return NULL;
		}
		xmlNodePtr nv = xmlNewChild(o->xml, NULL, BAD_CAST "nvpair", NULL);
		xmlNewProp(nv, BAD_CAST "name", BAD_CAST n);
		xmlNewProp(nv, BAD_CAST "value", BAD_CAST v);
		char *base = g_strdup_printf("%s-%s", o->id, n);
		char *id = crm_ids_make(ids, base);
		xmlNewProp(nv, BAD_CAST "id", BAD_CAST id);
		g_free(id);
		g_free(base);
		g_free(n);
		g_free(v);
	}
	crm_ids_free(ids);
	return o;
}

/* node [$id=UUID] NAME[:TYPE] [attributes n=v ...] [utilization n=v ...] */
struct crm_obj *crm_parse_node(char **w, char **err)
{
	int i = 1;
	char *uuid = NULL, *n, *v;
	size_t l1 = w[i] ? strlen(w[i]) : 0;
	if (l1 > 1 && w[i][l1 - 1] == ':' && w[i + 1]) {
		/* show's "node ID: UNAME" */
		uuid = g_strndup(w[i], l1 - 1);
		i++;
	} else if (w[i] && crm_nv_split(w[i], &n, &v)) {
		if (strcmp(n, "$id")) {
			*err = g_strdup_printf("syntax in node: Expected node name near <%s>", w[i]);
			g_free(n);
			g_free(v);
			return NULL;
		}
		uuid = v;
		g_free(n);
		i++;
	}
	if (!w[i]) {
		g_free(uuid);
		*err = g_strdup("syntax in node: Expected node name");
		return NULL;
	}
	char **p = g_strsplit(w[i], ":", 2);
	struct crm_obj *o = g_new0(struct crm_obj, 1);
	o->kind = CRM_NODE;
	o->id = uuid ? uuid : g_strdup(p[0]);
	o->xml = xmlNewNode(NULL, BAD_CAST "node");
	xmlNewProp(o->xml, BAD_CAST "id", BAD_CAST o->id);
	xmlNewProp(o->xml, BAD_CAST "uname", BAD_CAST p[0]);
	/* The 1.0 schema requires a type (crmsh 4 leaves it out). */
	xmlNewProp(o->xml, BAD_CAST "type", BAD_CAST(p[1] ? p[1] : "normal"));
	g_strfreev(p);
	i++;
	struct crm_ids *ids = crm_ids_new();
	while (w[i]) {
		const char *tag = !strcmp(w[i], "attributes") ? "instance_attributes" :
				  !strcmp(w[i], "utilization") ? "utilization" : NULL;
		if (!tag) {
			*err = g_strdup_printf("syntax in node: Unknown arguments near <%s>", w[i]);
			crm_ids_free(ids);
			crm_obj_free(o);
			return NULL;
		}
		i++;
		char *owner = g_strdup_printf("nodes-%s", o->id);
		char *suffix = !strcmp(tag, "utilization") ? "utilization" : NULL;
		if (suffix) {
			crm_parse_set(w, &i, o->xml, tag, owner, suffix, ids, err);
		} else {
			/* Node attribute sets are "nodes-NAME" (1.0's cib_attrs). */
			xmlNodePtr tmp = xmlNewNode(NULL, BAD_CAST "x");
			crm_parse_set(w, &i, tmp, tag, "nodes", o->id, ids, err);
			xmlNodePtr set = tmp->children;
			xmlUnlinkNode(set);
			xmlAddChild(o->xml, set);
			xmlFreeNode(tmp);
		}
		g_free(owner);
	}
	crm_ids_free(ids);
	return o;
}
