/* Reading and writing one name/value attribute in the CIB the way
 * Pacemaker 1.0's lib/cib/cib_attrs.c did: cluster options, resource and
 * operation defaults, permanent node attributes (nodes) and transient ones
 * (status), with the set and nvpair ids it generated
 * ("cib-bootstrap-options-NAME", "nodes-UUID-NAME", "status-UUID-NAME"). */
#ifndef HB_CRM_ATTR_H
#define HB_CRM_ATTR_H
#include "crm_tool.h"

struct attr_ref {
	const char *section;    /* crm_config, rsc_defaults, op_defaults, nodes, status */
	const char *node_uuid;  /* nodes and status */
	const char *set_name;   /* NULL: any set (find), the default one (create) */
	const char *attr_id;    /* NULL: match by name */
	const char *attr_name;
};

/* Finds the attribute in doc.  Returns CIB_OK with *found (NULL-able
 * outputs), CIB_E_NOTEXISTS, or CIB_E_MISSING_DATA when several match;
 * then, with to_console, lists them as 1.0 did ("Multiple attributes
 * match name=..."). */
int attr_find(xmlDocPtr doc, const struct attr_ref *a, int to_console, xmlNodePtr *found);
/* Sets it (creating the set and nvpair when needed) through c. */
int attr_update(struct cib_conn *c, const char *prog, xmlDocPtr doc, const struct attr_ref *a, const char *value);
/* Deletes it; prints "Deleted SECTION attribute|option: id=..." on success;
 * returns CIB_OK when there was nothing to delete. */
int attr_delete(struct cib_conn *c, const char *prog, xmlDocPtr doc, const struct attr_ref *a);
#endif
