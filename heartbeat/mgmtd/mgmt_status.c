/* What mgmtd knows of the cluster: read from the local heartbeat (sign-on
 * and its hbstats answer, the nodes and links for a heartbeat that has no
 * hbstats) and, under the CRM, from the CIB through cib_conn.  Read at most
 * once a second whatever the number of clients polling, then rendered into
 * the summary JSON and the metrics text (mgmt_render.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "client.h"
#include "cib/cib_conn.h"
#include "crm_view.h"
#include "json_parse.h"
#include "mgmt_render.h"

static GMutex lock;
static gint64 last_read;
static char *summary_text, *metrics_text;
static bool is_crm;
static char local_name[256];
static GPtrArray *node_names;   /* heartbeat's nodes at the last read */

static void read_heartbeat(struct mgmt_snap *s)
{
	enum client_error ce;
	char why[256] = "";
	struct hb_client *c = client_signon(NULL, &ce, why, sizeof(why));
	struct hb_msg *r;
	const char *js, *pm;
	int i;

	if (!c) {
		s->hb_error = g_strdup(why[0] ? why : "cannot reach heartbeat");
		return;
	}
	client_set_timeout(c, 2000);
	s->hb_up = true;
	g_strlcpy(s->local, client_node(c), sizeof(s->local));
	pm = client_pacemaker(c);
	s->crm = pm && *pm && strcmp(pm, "false") != 0;
	r = client_request(c, "hbstats", NULL);
	js = r ? msg_get(r, "json") : NULL;
	if (js) {
		char err[128];

		s->hb = json_parse(js, strlen(js), err, sizeof(err));
	}
	msg_free(r);
	if (!s->hb) {
		/* a heartbeat without hbstats (3.0.6): nodes and links only */
		s->nnodes = client_nodes(c, &s->nodes);
		if (s->nnodes < 0)
			s->nnodes = 0;
		s->links = g_new0(struct client_link *, s->nnodes + 1);
		s->nlinks = g_new0(int, s->nnodes + 1);
		for (i = 0; i < s->nnodes; i++) {
			s->nlinks[i] = client_links(c, s->nodes[i].name, &s->links[i]);
			if (s->nlinks[i] < 0)
				s->nlinks[i] = 0;
		}
	}
	client_close(c);
}

/* Only a live controller has counters; CIB_file has none. */
static void read_crmd_stats(struct cib_conn *cc, struct mgmt_snap *s)
{
	struct cib_crmd_req req = { .op = "stats" };
	xmlNodePtr r = NULL;
	char *err = NULL;

	if (cib_conn_crmd(cc, &req, &r, &err) == 0 && r) {
		const char *v;

		s->crmd.have = true;
		v = cib_xml_attr(r, "transitions_complete");
		s->crmd.complete = v ? strtoul(v, NULL, 10) : 0;
		v = cib_xml_attr(r, "transitions_aborted");
		s->crmd.aborted = v ? strtoul(v, NULL, 10) : 0;
		v = cib_xml_attr(r, "dc_changes");
		s->crmd.dc_changes = v ? strtoul(v, NULL, 10) : 0;
		v = cib_xml_attr(r, "transition_seconds");
		s->crmd.seconds = v ? g_ascii_strtod(v, NULL) : 0;
	}
	if (r)
		xmlFreeNode(r);
	g_free(err);
}

static void read_cib(struct mgmt_snap *s)
{
	int rc = 0;
	char *err = NULL;
	struct cib_conn *cc = cib_conn_open("mgmtd", &rc, &err);
	xmlDocPtr doc = NULL;

	if (!cc) {
		s->cib_error = g_strdup(err ? err : "cannot reach the CIB");
		g_free(err);
		return;
	}
	rc = cib_conn_query(cc, &doc, &err);
	if (rc == 0)
		read_crmd_stats(cc, s);
	cib_conn_close(cc);
	if (rc != 0 || !doc) {
		s->cib_error = g_strdup(err ? err : "CIB query failed");
		g_free(err);
		return;
	}
	s->view = view_build(doc, 0);
	if (!s->view)
		s->cib_error = g_strdup("the CIB could not be read");
}

static void snap_free(struct mgmt_snap *s)
{
	int i;

	json_free(s->hb);
	for (i = 0; s->links && i < s->nnodes; i++)
		client_links_free(s->links[i], s->nlinks[i]);
	g_free(s->links);
	g_free(s->nlinks);
	if (s->nodes)
		client_nodes_free(s->nodes, s->nnodes);
	if (s->view)
		view_free(s->view);
	g_free(s->hb_error);
	g_free(s->cib_error);
}

/* Under lock: read again when the last read is a second old. */
static void refresh(void)
{
	gint64 now = g_get_monotonic_time();
	struct mgmt_snap s;

	if (summary_text && now - last_read < G_USEC_PER_SEC)
		return;
	memset(&s, 0, sizeof(s));
	read_heartbeat(&s);
	/* CIB_file (tests, a copy of a CIB) works without a running CRM */
	if (s.crm || (!s.hb_up && getenv("CIB_file")))
		read_cib(&s);
	if (!s.hb_up && getenv("CIB_file"))
		s.crm = true;
	g_free(summary_text);
	g_free(metrics_text);
	summary_text = mgmt_render_summary(&s);
	metrics_text = mgmt_render_metrics(&s);
	is_crm = s.crm;
	if (node_names)
		g_ptr_array_free(node_names, TRUE);
	node_names = mgmt_snap_node_names(&s);
	if (s.local[0])
		g_strlcpy(local_name, s.local, sizeof(local_name));
	snap_free(&s);
	last_read = g_get_monotonic_time();
}

char *mgmt_summary_json(void)
{
	char *t;

	g_mutex_lock(&lock);
	refresh();
	t = g_strdup(summary_text);
	g_mutex_unlock(&lock);
	return t;
}

char *mgmt_metrics_text(void)
{
	char *t;

	g_mutex_lock(&lock);
	refresh();
	t = g_strdup(metrics_text);
	g_mutex_unlock(&lock);
	return t;
}

bool mgmt_status_crm(void)
{
	bool c;

	g_mutex_lock(&lock);
	refresh();
	c = is_crm;
	g_mutex_unlock(&lock);
	return c;
}

void mgmt_status_local(char *buf, size_t len)
{
	g_mutex_lock(&lock);
	refresh();
	g_strlcpy(buf, local_name, len);
	g_mutex_unlock(&lock);
}

bool mgmt_status_has_node(const char *name)
{
	bool found = false;
	guint i;

	g_mutex_lock(&lock);
	refresh();
	for (i = 0; node_names && i < node_names->len; i++)
		if (!strcmp(g_ptr_array_index(node_names, i), name))
			found = true;
	g_mutex_unlock(&lock);
	return found;
}

/* After a change the next read must not be the cached one. */
void mgmt_status_invalidate(void)
{
	g_mutex_lock(&lock);
	last_read = 0;
	g_mutex_unlock(&lock);
}
