/* The resource level (crm resource ...): each command is the crm_resource
 * request crmsh would run, through crm_resource's own code
 * (crm_resource_attr.c, crm_resource_move.c, crm_resource_find.c) on the
 * CIB the environment selects.  No other program is started. */
#include <string.h>
#include "crm.h"
#include "crm_resource.h"
#include "crm_attr.h"

const char *rsc_prog = "crm_resource";

struct rctx {
	struct cib_conn *conn;
	xmlDocPtr doc;            /* the view owns it */
	struct view *view;
};

static int open_ctx(struct rctx *c)
{
	int rc;
	c->conn = tool_connect("crm", &rc);
	if (!c->conn)
		return -1;
	xmlDocPtr doc = tool_query(c->conn, "crm", &rc);
	if (!doc) {
		cib_conn_close(c->conn);
		return -1;
	}
	c->doc = doc;
	c->view = view_build(doc, 0);
	return 0;
}

static void close_ctx(struct rctx *c)
{
	if (c->view)
		view_free(c->view);
	if (c->conn)
		cib_conn_close(c->conn);
}

static int done(int rc)
{
	if (rc == CIB_OK)
		return 0;
	if (rc < 0)
		crm_err("%s", cib_strerror(rc));
	return 1;
}

static int need(char **w, int n, const char *usage)
{
	for (int i = 1; i <= n; i++)
		if (!w[i]) {
			crm_err("resource.%s: usage: %s", w[0], usage);
			return 0;
		}
	return 1;
}

/* set|delete|show NAME [VALUE] on the resource's params or meta. */
static int attr_cmd(struct rsc_opts *o, char **w, const char *set_type)
{
	o->set_type = set_type;
	o->prop_name = w[1];
	if (!strcmp(w[0], "set")) {
		o->prop_value = w[2];
		return done(rsc_set_param(o));
	}
	if (!strcmp(w[0], "delete"))
		return done(rsc_delete_param(o));
	if (!strcmp(w[0], "show"))
		return done(rsc_get_param(o));
	crm_err("resource: expected set, delete or show near <%s>", w[0]);
	return 1;
}

static int set_meta(struct rsc_opts *o, const char *name, const char *value)
{
	o->set_type = "meta_attributes";
	o->prop_name = name;
	o->prop_value = value;
	return done(rsc_set_param(o));
}

/* failcount RSC set|delete|show NODE [VALUE]: the status attribute
 * fail-count-RSC of NODE, as crm_failcount. */
static int failcount(struct rctx *c, char **w)
{
	const char *uuid = tool_node_uuid(c->doc, w[3]);
	if (!uuid) {
		crm_err("node %s not found", w[3]);
		return 1;
	}
	char *name = g_strdup_printf("fail-count-%s", w[1]);
	struct attr_ref a = { "status", uuid, NULL, NULL, name };
	int rc;
	if (!strcmp(w[2], "set")) {
		rc = w[4] ? attr_update(c->conn, "crm", c->doc, &a, w[4]) : CIB_E_MISSING_FIELD;
	} else if (!strcmp(w[2], "delete")) {
		rc = attr_delete(c->conn, "crm", c->doc, &a);
	} else {
		xmlNodePtr found = NULL;
		rc = attr_find(c->doc, &a, 1, &found);
		printf("scope=status  name=%s value=%s\n", name,
		       rc == CIB_OK ? cib_xml_attr(found, "value") : "0");
		rc = CIB_OK;
	}
	g_free(name);
	return done(rc);
}

int crm_resource_cmd(char **w)
{
	if (!w[0])
		return 0;
	const char *c = w[0];
	struct rctx x = { 0 };
	if (open_ctx(&x) < 0)
		return 1;
	struct rsc_opts o = { .view = x.view, .conn = x.conn, .rsc_id = w[1], .quiet = 0 };
	int rc = 1;
	if (!strcmp(c, "status") || !strcmp(c, "show") || !strcmp(c, "list")) {
		if (!w[1]) {
			rc = rsc_list(x.view) == CIB_OK ? 0 : 0;
		} else {
			rc = 0;
			for (int i = 1; w[i]; i++)
				if (!rsc_find_or_clone(x.view, w[i])) {
					crm_err("resource %s does not exist", w[i]);
					rc = 1;
				} else {
					rsc_locate(x.view, w[i], 0);
				}
		}
	} else if (!w[1]) {
		crm_err("resource.%s: a resource is required", c);
	} else if (!rsc_find_or_clone(x.view, w[1]) && strcmp(c, "unmove") && strcmp(c, "unmigrate")) {
		crm_err("resource %s does not exist", w[1]);
	} else if (!strcmp(c, "start") || !strcmp(c, "stop")) {
		rc = set_meta(&o, "target-role", !strcmp(c, "start") ? "Started" : "Stopped");
	} else if (!strcmp(c, "restart")) {
		rc = set_meta(&o, "target-role", "Stopped");
		if (!rc) {
			close_ctx(&x);
			if (open_ctx(&x) < 0)
				return 1;
			o.view = x.view;
			o.conn = x.conn;
			rc = set_meta(&o, "target-role", "Started");
		}
	} else if (!strcmp(c, "manage") || !strcmp(c, "unmanage")) {
		rc = set_meta(&o, "is-managed", !strcmp(c, "manage") ? "true" : "false");
	} else if (!strcmp(c, "promote") || !strcmp(c, "demote")) {
		rc = set_meta(&o, "target-role", !strcmp(c, "promote") ? "Master" : "Slave");
	} else if (!strcmp(c, "move") || !strcmp(c, "migrate")) {
		/* move RSC [NODE] [LIFETIME] [force] */
		for (int i = 2; w[i]; i++) {
			if (!strcmp(w[i], "force"))
				o.force = 1;
			else if (w[i][0] == 'P' && w[i][1])
				o.lifetime = w[i];
			else if (!o.host)
				o.host = w[i];
			else {
				crm_err("resource.%s: unexpected argument %s", c, w[i]);
				close_ctx(&x);
				return 1;
			}
		}
		rc = done(rsc_migrate(&o));
	} else if (!strcmp(c, "unmove") || !strcmp(c, "unmigrate")) {
		rc = done(rsc_move(&o, NULL, NULL));
	} else if (!strcmp(c, "cleanup")) {
		o.host = w[2];
		rc = done(rsc_cleanup(&o));
	} else if (!strcmp(c, "param") || !strcmp(c, "meta")) {
		if (need(w, 3, "param|meta <rsc> set|delete|show <name> [<value>]"))
			rc = attr_cmd(&o, w + 2, !strcmp(c, "param") ? "instance_attributes" : "meta_attributes");
	} else if (!strcmp(c, "failcount")) {
		if (need(w, 3, "failcount <rsc> set|delete|show <node> [<value>]"))
			rc = failcount(&x, w);
	} else {
		crm_err("resource: unknown command %s", c);
	}
	close_ctx(&x);
	return rc;
}
