/* Semantic checks on a parsed CIB: references to resources and nodes that do
 * not exist, constraints on group members that Pacemaker refuses, and
 * contradictory settings.  Adds diagnostics; never changes the model. */
#include <string.h>
#include "cib/cib.h"

/* A resource the model leaves out (a <master> set, and what it holds) is
 * still defined: the document says so. */
static int in_doc(xmlNodePtr n, const char *ref, int depth)
{
	for (; n && depth < 64; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		if (!strcmp(name, "primitive") || !strcmp(name, "group") || !strcmp(name, "clone") ||
		    !strcmp(name, "master") || !strcmp(name, "master_slave")) {
			xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
			int hit = id && !strcmp((const char *)id, ref);
			xmlFree(id);
			if (hit)
				return 1;
		}
		if (!strcmp(name, "cib") || !strcmp(name, "configuration") || !strcmp(name, "resources") ||
		    !strcmp(name, "group") || !strcmp(name, "clone") || !strcmp(name, "master") ||
		    !strcmp(name, "master_slave"))
			if (in_doc(n->children, ref, depth + 1))
				return 1;
	}
	return 0;
}

static void check_ref(struct cib *c, const char *what, const char *id, const char *field, const char *ref)
{
	if (!ref || cib_find_rsc(c, ref))
		return;
	if (c->doc && in_doc(xmlDocGetRootElement(c->doc), ref, 0))
		cib_diag_add(c, CIB_WARNING, "<%s id=\"%s\">: %s refers to resource \"%s\", which is not supported",
			     what, id, field, ref);
	else
		cib_diag_add(c, CIB_ERROR, "<%s id=\"%s\">: %s refers to resource \"%s\" which does not exist",
			     what, id, field, ref);
}

static const char *const actions[] = { "start", "stop", "promote", "demote", NULL };

static int known_action(const char *a)
{
	if (!a)
		return 1;
	for (int i = 0; actions[i]; i++)
		if (!strcmp(a, actions[i]))
			return 1;
	return 0;
}

void cib_validate(struct cib *c)
{
	guint i;
	for (i = 0; i < c->locations->len; i++) {
		struct cib_location *l = g_ptr_array_index(c->locations, i);
		check_ref(c, "rsc_location", l->id, "rsc", l->rsc);
		if (l->node && !cib_find_node(c, l->node))
			cib_diag_add(c, CIB_WARNING, "<rsc_location id=\"%s\">: node \"%s\" is not configured",
				     l->id, l->node);
	}
	for (i = 0; i < c->colocations->len; i++) {
		struct cib_colocation *co = g_ptr_array_index(c->colocations, i);
		check_ref(c, "rsc_colocation", co->id, "rsc", co->rsc);
		check_ref(c, "rsc_colocation", co->id, "with-rsc", co->with);
		if (co->rsc && co->with && !strcmp(co->rsc, co->with))
			cib_diag_add(c, CIB_ERROR, "<rsc_colocation id=\"%s\">: resource colocated with itself", co->id);
	}
	for (i = 0; i < c->orders->len; i++) {
		struct cib_order *o = g_ptr_array_index(c->orders, i);
		check_ref(c, "rsc_order", o->id, "first", o->first);
		check_ref(c, "rsc_order", o->id, "then", o->then);
		if (!known_action(o->first_action) || !known_action(o->then_action))
			cib_diag_add(c, CIB_ERROR, "<rsc_order id=\"%s\">: invalid action \"%s\"", o->id,
				     known_action(o->first_action) ? o->then_action : o->first_action);
	}
	for (i = 0; i < c->nodes->len; i++) {
		struct cib_node *n = g_ptr_array_index(c->nodes, i);
		for (guint j = i + 1; j < c->nodes->len; j++) {
			struct cib_node *m = g_ptr_array_index(c->nodes, j);
			if (!strcmp(n->uname, m->uname))
				cib_diag_add(c, CIB_ERROR, "<node id=\"%s\">: uname \"%s\" used twice",
					     m->id ? m->id : "?", m->uname);
		}
	}
	const char *nq = cib_nv_get(&c->options, "no-quorum-policy");
	if (nq && strcmp(nq, "stop") && strcmp(nq, "ignore") && strcmp(nq, "freeze") && strcmp(nq, "suicide") &&
	    strcmp(nq, "demote"))
		cib_diag_add(c, CIB_ERROR, "<crm_config>: invalid no-quorum-policy \"%s\"", nq);
}
