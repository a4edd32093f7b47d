/* One configure statement: picks the element parser by the first word and
 * stores the comments that preceded it as the element's first children
 * (crmsh keeps `# text` as <!--# text-->). */
#include <string.h>
#include "crm.h"

static const struct {
	const char *word;
	enum crm_kind kind;
} stmts[] = {
	{ "node", CRM_NODE }, { "primitive", CRM_PRIMITIVE }, { "group", CRM_GROUP },
	{ "clone", CRM_CLONE }, { "ms", CRM_MS }, { "master", CRM_MS },
	{ "location", CRM_LOCATION }, { "colocation", CRM_COLOCATION }, { "collocation", CRM_COLOCATION },
	{ "order", CRM_ORDER }, { "property", CRM_PROPERTY }, { "rsc_defaults", CRM_RSC_DEFAULTS },
	{ "op_defaults", CRM_OP_DEFAULTS }, { "monitor", CRM_MONITOR }, { NULL, 0 }
};

int crm_is_statement(const char *word)
{
	for (int i = 0; stmts[i].word; i++)
		if (!strcmp(stmts[i].word, word))
			return 1;
	return 0;
}

struct crm_obj *crm_parse(char **w, GPtrArray *comments, char **err)
{
	int k = -1;
	for (int i = 0; w[0] && stmts[i].word; i++)
		if (!strcmp(stmts[i].word, w[0]))
			k = i;
	if (k < 0) {
		*err = g_strdup_printf("syntax: Unknown command near <%s>", w[0] ? w[0] : "");
		return NULL;
	}
	struct crm_obj *o = NULL;
	switch (stmts[k].kind) {
	case CRM_NODE: o = crm_parse_node(w, err); break;
	case CRM_PRIMITIVE: o = crm_parse_primitive(w, err); break;
	case CRM_GROUP: case CRM_CLONE: case CRM_MS:
		o = crm_parse_container(w, stmts[k].kind, err);
		break;
	case CRM_LOCATION: o = crm_parse_location(w, err); break;
	case CRM_COLOCATION: o = crm_parse_colocation(w, err); break;
	case CRM_ORDER: o = crm_parse_order(w, err); break;
	case CRM_PROPERTY: case CRM_RSC_DEFAULTS: case CRM_OP_DEFAULTS:
		o = crm_parse_props(w, stmts[k].kind, err);
		break;
	case CRM_MONITOR: o = crm_parse_monitor(w, err); break;
	}
	/* A monitor's comments ride on its op until crm_apply moves them to
	 * the front of the primitive (as crmsh). */
	if (o && comments && comments->len) {
		xmlNodePtr first = o->xml->children;
		for (guint i = 0; i < comments->len; i++) {
			xmlNodePtr c = xmlNewComment(BAD_CAST(const char *)g_ptr_array_index(comments, i));
			if (first)
				xmlAddPrevSibling(first, c);
			else
				xmlAddChild(o->xml, c);
		}
	}
	return o;
}
