/* The node level (crm node ...) and `crm status`: standby/online and node
 * attributes through crm_attribute's code (crm_attr.c), the status screen
 * through crm_mon's (crm_mon_text.c).  No other program is started. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "crm.h"
#include "crm_attr.h"
#include "crm_print.h"

struct nctx {
	struct cib_conn *conn;
	xmlDocPtr doc;
};

static int open_ctx(struct nctx *c)
{
	int rc;
	c->conn = tool_connect("crm", &rc);
	if (!c->conn)
		return -1;
	c->doc = tool_query(c->conn, "crm", &rc);
	if (!c->doc) {
		cib_conn_close(c->conn);
		return -1;
	}
	return 0;
}

static void close_ctx(struct nctx *c)
{
	if (c->doc)
		xmlFreeDoc(c->doc);
	if (c->conn)
		cib_conn_close(c->conn);
}

static const char *uuid_of(struct nctx *c, const char *uname)
{
	const char *u = tool_node_uuid(c->doc, uname);
	if (!u)
		crm_err("node %s not found in the CIB", uname);
	return u;
}

/* standby|online [NODE] [reboot|forever] */
static int standby(struct nctx *c, char **w, int on)
{
	const char *node = NULL, *life = "forever";
	for (int i = 1; w[i]; i++) {
		if (!strcmp(w[i], "reboot") || !strcmp(w[i], "forever") || !strcmp(w[i], "lifetime=reboot") ||
		    !strcmp(w[i], "lifetime=forever"))
			life = strchr(w[i], '=') ? strchr(w[i], '=') + 1 : w[i];
		else if (!node)
			node = w[i];
		else {
			crm_err("node.%s: unexpected argument %s", w[0], w[i]);
			return 1;
		}
	}
	if (!node)
		node = tool_local_uname();
	const char *uuid = uuid_of(c, node);
	if (!uuid)
		return 1;
	int rc;
	if (on) {
		struct attr_ref a = { !strcmp(life, "reboot") ? "status" : "nodes", uuid, NULL, NULL, "standby" };
		rc = attr_update(c->conn, "crm", c->doc, &a, "on");
	} else {
		/* online clears both lifetimes, as crmsh does. */
		struct attr_ref a = { "nodes", uuid, NULL, NULL, "standby" };
		rc = attr_update(c->conn, "crm", c->doc, &a, "off");
		struct attr_ref t = { "status", uuid, NULL, NULL, "standby" };
		xmlNodePtr found = NULL;
		if (rc == CIB_OK && attr_find(c->doc, &t, 0, &found) == CIB_OK)
			rc = attr_delete(c->conn, "crm", c->doc, &t);
	}
	if (rc != CIB_OK)
		crm_err("%s", cib_strerror(rc));
	return rc != CIB_OK;
}

/* attribute|status-attr NODE set|delete|show NAME [VALUE] */
static int attribute(struct nctx *c, char **w, const char *section)
{
	if (!w[1] || !w[2] || !w[3]) {
		crm_err("node.%s: usage: %s <node> set|delete|show <name> [<value>]", w[0], w[0]);
		return 1;
	}
	const char *uuid = uuid_of(c, w[1]);
	if (!uuid)
		return 1;
	struct attr_ref a = { section, uuid, NULL, NULL, w[3] };
	int rc;
	if (!strcmp(w[2], "set")) {
		if (!w[4]) {
			crm_err("node.%s: set needs a value", w[0]);
			return 1;
		}
		rc = attr_update(c->conn, "crm", c->doc, &a, w[4]);
	} else if (!strcmp(w[2], "delete")) {
		rc = attr_delete(c->conn, "crm", c->doc, &a);
	} else if (!strcmp(w[2], "show")) {
		xmlNodePtr found = NULL;
		rc = attr_find(c->doc, &a, 1, &found);
		if (rc == CIB_OK)
			printf("scope=%s  name=%s value=%s\n", section, w[3], cib_xml_attr(found, "value"));
	} else {
		crm_err("node.%s: expected set, delete or show near <%s>", w[0], w[2]);
		return 1;
	}
	if (rc != CIB_OK)
		crm_err("%s", cib_strerror(rc));
	return rc != CIB_OK;
}

static int node_delete(struct nctx *c, const char *uname)
{
	if (!uuid_of(c, uname))
		return 1;
	char *xp = g_strdup_printf("//nodes/node[@uname='%s']|//status/node_state[@uname='%s']", uname, uname);
	struct cib_req req = { CIB_REQ_DELETE, NULL, xp, NULL, CIB_F_MULTIPLE };
	int rc = tool_apply(c->conn, "crm", &req, NULL);
	g_free(xp);
	return rc != CIB_OK;
}

/* crmsh's confirmation: yes when forced (-F), no when stdin is not a
 * terminal, else y/n asked until answered. */
static int confirm(const char *question, int force)
{
	char ans[64];

	if (force) {
		fprintf(stderr, "INFO: %s [YES]\n", question);
		return 1;
	}
	if (!isatty(0))
		return 0;
	for (;;) {
		printf("%s (y/n)? ", question);
		fflush(stdout);
		if (!fgets(ans, sizeof ans, stdin))
			return 0;
		if (ans[0] == 'y' || ans[0] == 'Y')
			return 1;
		if (ans[0] == 'n' || ans[0] == 'N')
			return 0;
	}
}

/* The node's uuid once the operator said yes to question (freed here);
 * NULL when they did not, or when there is no such node. */
static const char *confirmed_uuid(struct nctx *c, const char *uname, char *question, int force)
{
	int ok = confirm(question, force);
	g_free(question);
	return ok ? uuid_of(c, uname) : NULL;
}

/* fence NODE: the node's transient "terminate" attribute, which makes the
 * DC fence it (as crmsh does on a cluster node). */
static int node_fence(struct nctx *c, const char *uname, int force)
{
	char *q = g_strdup_printf("Fencing %s will shut down the node and migrate any resources that are "
				  "running on it! Do you want to fence %s", uname, uname);
	const char *uuid = confirmed_uuid(c, uname, q, force);
	if (!uuid)
		return 1;
	struct attr_ref a = { "status", uuid, NULL, NULL, "terminate" };
	int rc = attr_update(c->conn, "crm", c->doc, &a, "true");
	if (rc != CIB_OK)
		crm_err("%s", cib_strerror(rc));
	return rc != CIB_OK;
}

/* clearstate NODE: its status says "down, cleanly" and nothing else (no
 * history, no transient attributes), so the DC neither fences it nor
 * believes anything still runs there -- crmsh's form for this stack. */
static int node_clearstate(struct nctx *c, const char *uname, int force)
{
	const char *uuid = confirmed_uuid(c, uname, g_strdup_printf("Do you really want to drop state for node %s", uname),
					  force);
	if (!uuid)
		return 1;
	xmlNodePtr st = xmlNewNode(NULL, (const xmlChar *)"node_state");
	static const char *const kv[][2] = { { "ha", "active" }, { "in_ccm", "false" }, { "crmd", "offline" },
					     { "join", "member" }, { "expected", "down" },
					     { "crm-debug-origin", "manual_clear" }, { "shutdown", "0" } };
	xmlSetProp(st, (const xmlChar *)"id", (const xmlChar *)uuid);
	xmlSetProp(st, (const xmlChar *)"uname", (const xmlChar *)uname);
	for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
		xmlSetProp(st, (const xmlChar *)kv[i][0], (const xmlChar *)kv[i][1]);
	/* replace the node's node_state when there is one, else create it */
	int have = 0;
	xmlNodePtr root = xmlDocGetRootElement(c->doc);
	for (xmlNodePtr sec = root ? root->children : NULL; sec; sec = sec->next)
		if (sec->type == XML_ELEMENT_NODE && !strcmp((const char *)sec->name, "status"))
			for (xmlNodePtr n = sec->children; n; n = n->next)
				have |= n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "node_state") &&
					!g_strcmp0(cib_xml_attr(n, "id"), uuid);
	char *xp = have ? g_strdup_printf("/cib/status/node_state[@id=\"%s\"]", uuid) : NULL;
	struct cib_req rep = { CIB_REQ_REPLACE, NULL, xp, st, 0 };
	struct cib_req add = { CIB_REQ_CREATE, "status", NULL, st, 0 };
	int rc = have && strchr(uuid, '"') ? CIB_E_INVALID_ARG : tool_apply(c->conn, "crm", have ? &rep : &add, NULL);
	g_free(xp);
	xmlFreeNode(st);
	return rc != CIB_OK;
}

int crm_node_cmd(char **w, int force)
{
	if (!w[0])
		return 0;
	if (strchr(w[0], '\'') || (w[1] && strchr(w[1], '\''))) {
		crm_err("node: names with quotes are not supported");
		return 1;
	}
	struct nctx c = { 0 };
	if (open_ctx(&c) < 0)
		return 1;
	int rc = 1;
	const char *cmd = w[0];
	if (!strcmp(cmd, "standby") || !strcmp(cmd, "online")) {
		rc = standby(&c, w, !strcmp(cmd, "standby"));
	} else if (!strcmp(cmd, "attribute")) {
		rc = attribute(&c, w, "nodes");
	} else if (!strcmp(cmd, "status-attr")) {
		rc = attribute(&c, w, "status");
	} else if (!strcmp(cmd, "status") || !strcmp(cmd, "show") || !strcmp(cmd, "list")) {
		xmlNodePtr root = xmlDocGetRootElement(c.doc);
		xmlNodePtr cfg = NULL;
		for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
			if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "configuration"))
				cfg = n;
		xmlNodePtr nodes = cfg ? crm_section_of(cfg, "nodes", 0) : NULL;
		rc = 0;
		for (xmlNodePtr n = nodes ? nodes->children : NULL; n; n = n->next) {
			const char *un = n->type == XML_ELEMENT_NODE ? cib_xml_attr(n, "uname") : NULL;
			if (!un || (w[1] && strcmp(w[1], un)))
				continue;
			const char *id = cib_xml_attr(n, "id");
			char *ids[] = { (char *)id, NULL };
			crm_show(stdout, cfg, ids);
		}
	} else if (!strcmp(cmd, "delete")) {
		rc = w[1] ? node_delete(&c, w[1]) : 1;
	} else if (!strcmp(cmd, "fence")) {
		if (!w[1])
			crm_err("node.fence: usage: fence <node>");
		else
			rc = node_fence(&c, w[1], force);
	} else if (!strcmp(cmd, "clearstate")) {
		rc = node_clearstate(&c, w[1] ? w[1] : tool_local_uname(), force);
	} else {
		crm_err("node: unknown command %s", cmd);
	}
	close_ctx(&c);
	return rc;
}

int crm_status_cmd(char **w)
{
	(void)w;
	struct nctx c = { 0 };
	if (open_ctx(&c) < 0)
		return 1;
	struct view *v = view_build(c.doc, 0);
	c.doc = NULL;
	struct mon_opts o = { .now = (long long)time(NULL) };
	mon_print_status(stdout, v, &o);
	view_free(v);
	close_ctx(&c);
	return 0;
}
