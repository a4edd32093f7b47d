/* CIB change requests: every change is made by the DC, through
 * lib/cib's cib_doc_process (checks, version rules), so a bad update is
 * refused there with the reason and the running configuration kept.  A
 * request made on another node travels to the DC and its answer back;
 * while no DC is known requests wait (bounded) for one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "crmd.h"
#include "cib/cib_live_proto.h"

#define REQ_TIMEOUT_MS 20000
/* A request travels to the DC in heartbeat messages (UDP datagrams): data
 * larger than CRM_PART goes in numbered parts, as a whole CIB does, and the
 * DC puts them together (one sender's messages arrive in order).  What the
 * DC holds half-received is bounded: REQ_MAX_DATA per request, REQ_MAX_PARTIAL
 * requests at once, each forgotten after REQ_TIMEOUT_MS. */
#define REQ_MAX_DATA (16 * 1024 * 1024)
#define REQ_MAX_PARTIAL 16

struct pending {
	unsigned long id;
	struct cib_req req;         /* strings and data owned here */
	xmlDocPtr data_doc;
	char *section, *xpath;
	bool sent;
	cibreq_done_fn done;
	void *data;
	struct timer timer;
};

static GHashTable *pending;    /* id -> struct pending */
static unsigned long next_id = 1;

static void pending_free(struct pending *p)
{
	timer_stop(&p->timer);
	if (p->data_doc)
		xmlFreeDoc(p->data_doc);
	g_free(p->section);
	g_free(p->xpath);
	g_free(p);
}

static void ensure_table(void)
{
	if (!pending)
		pending = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, (GDestroyNotify)pending_free);
}

static void stamp(xmlDocPtr doc)
{
	time_t t = time(NULL);
	char buf[64];
	if (!ctime_r(&t, buf))
		return;
	buf[strcspn(buf, "\n")] = 0;
	xmlSetProp(xmlDocGetRootElement(doc), (const xmlChar *)"cib-last-written", (const xmlChar *)buf);
}

/* The DC's side: apply and replicate; returns rc, fills output/reason. */
static int dc_apply(const struct cib_req *req, xmlNodePtr *output, char **reason)
{
	xmlDocPtr next = NULL;
	status_flush();   /* the change applies on top of the results recorded */
	int rc = cib_doc_process(crmd.cib, req, &next, output, reason);
	if (rc != CIB_OK)
		crm_warn("crmd: CIB %s refused: %s%s%s", req->section ? req->section : "change", cib_strerror(rc),
			 *reason ? ": " : "", *reason ? *reason : "");
	if (rc == CIB_OK && next) {
		stamp(next);
		dc_commit(next, "CIB change");
	}
	return rc;
}

static void finish(struct pending *p, int rc, xmlNodePtr out, const char *err)
{
	cibreq_done_fn done = p->done;
	void *data = p->data;
	g_hash_table_remove(pending, &p->id);
	done(data, rc, out, err);
}

static struct hb_msg *req_msg(void *arg)
{
	const struct pending *p = arg;
	struct hb_msg *m = crm_msg_new(CRM_T_CIB_REQ);
	msg_addf(m, "reqid", "%lu", p->id);
	msg_add(m, "opcode", cib_live_opname(p->req.op));
	if (p->section)
		msg_add(m, "section", p->section);
	if (p->xpath)
		msg_add(m, "xpath", p->xpath);
	msg_addf(m, "flags", "%d", p->req.flags);
	return m;
}

static void send_to_dc(struct pending *p)
{
	xmlBufferPtr b = NULL;
	size_t len = 0;
	if (p->req.data) {
		b = xmlBufferCreate();
		xmlNodeDump(b, p->req.data->doc, p->req.data, 0, 0);
		len = (size_t)xmlBufferLength(b);
	}
	if (len > REQ_MAX_DATA) {
		char why[256];
		snprintf(why, sizeof why, "the request (%zu bytes) is larger than the DC takes (%d bytes)", len,
			 REQ_MAX_DATA);
		crm_warn("crmd: CIB request refused: %s", why);
		xmlBufferFree(b);
		finish(p, CIB_E_OPERATION, NULL, why);
		return;
	}
	p->sent = true;
	const char *text = b ? (const char *)xmlBufferContent(b) : NULL;
	int rc;
	if (len > CRM_PART) {
		rc = crm_send_parts(req_msg, p, "data", text, len, crmd.dc);
		if (rc > 1)
			crm_info("crmd: CIB request %lu (%zu bytes) sent to the DC %s in %d parts", p->id, len, crmd.dc, rc);
	} else {
		struct hb_msg *m = req_msg(p);
		if (b)
			msg_add_bin(m, "data", text, len);
		rc = crm_send(m, crmd.dc);
	}
	if (b)
		xmlBufferFree(b);
	if (rc < 0)
		finish(p, CIB_E_NOT_CONNECTED, NULL, "cannot send the request to the DC");
}

static void run(struct pending *p)
{
	if (crm_is_dc() && !dc_cib_ready())
		return;   /* sent again once the partition's newest copy is here */
	if (crm_is_dc()) {
		xmlNodePtr out = NULL;
		char *reason = NULL;
		int rc = dc_apply(&p->req, &out, &reason);
		finish(p, rc, out, reason);
		if (out)
			xmlFreeNode(out);
		g_free(reason);
	} else if (crmd.dc) {
		send_to_dc(p);
	}
}

static void on_timeout(void *data)
{
	struct pending *p = data;
	finish(p, CIB_E_NOT_CONNECTED, NULL,
	       p->sent ? "the DC did not answer in time" : "no DC was elected in time");
}

void cibreq_submit(const struct cib_req *req, cibreq_done_fn done, void *data)
{
	ensure_table();
	struct pending *p = g_new0(struct pending, 1);
	p->id = next_id++;
	p->req = *req;
	p->section = g_strdup(req->section);
	p->xpath = g_strdup(req->xpath);
	p->req.section = p->section;
	p->req.xpath = p->xpath;
	if (req->data) {
		p->data_doc = xmlNewDoc((const xmlChar *)"1.0");
		xmlDocSetRootElement(p->data_doc, xmlDocCopyNode(req->data, p->data_doc, 1));
		p->req.data = xmlDocGetRootElement(p->data_doc);
	}
	p->done = done;
	p->data = data;
	timer_init(&p->timer, on_timeout, p);
	timer_start(&p->timer, REQ_TIMEOUT_MS);
	g_hash_table_insert(pending, &p->id, p);
	run(p);
}

void cibreq_dc_known(void)
{
	if (!pending)
		return;
	GList *l = g_hash_table_get_values(pending);
	for (GList *i = l; i; i = i->next) {
		struct pending *p = i->data;
		if (!p->sent)
			run(p);
	}
	g_list_free(l);
}

/* The DC's side of a request in parts, per sender and request. */
static struct crm_parts_in partials = { .what = "CIB request", .max_bytes = REQ_MAX_DATA,
					.max_open = REQ_MAX_PARTIAL, .timeout_ms = REQ_TIMEOUT_MS };

void cibreq_on_req(const struct hb_msg *m)
{
	const char *from = crm_msg_from(m), *reqid = msg_get(m, "reqid");
	if (!reqid || !from)
		return;
	char *whole = NULL;
	size_t wlen = 0;
	if (msg_get(m, "part") && msg_get(m, "parts") && crm_is_dc()) {
		size_t blen = 0;
		const void *b = msg_get_bin(m, "data", &blen);
		char *key = g_strdup_printf("%s %s", from, reqid);
		int got = crm_parts_add(&partials, key, 0, strtoul(msg_get(m, "part"), NULL, 10),
					strtoul(msg_get(m, "parts"), NULL, 10), b, blen, &whole, &wlen);
		g_free(key);
		if (got == CRM_PARTS_MORE)
			return;
		if (got != CRM_PARTS_WHOLE) {
			const char *why = got == CRM_PARTS_BUSY ? "the DC is receiving too many large requests: try again"
								: "the request's parts came out of order or too large: dropped";
			crm_warn("crmd: CIB request %s from %s: %s", reqid, from, why);
			struct hb_msg *r = crm_msg_new(CRM_T_CIB_REP);
			msg_add(r, "reqid", reqid);
			msg_addf(r, "rc", "%d", CIB_E_OPERATION);
			msg_add(r, "err", why);
			crm_send(r, from);
			return;
		}
	}
	struct hb_msg *r = crm_msg_new(CRM_T_CIB_REP);
	msg_add(r, "reqid", reqid);
	if (!crm_is_dc()) {
		msg_addf(r, "rc", "%d", CIB_E_NOT_CONNECTED);
		msg_add(r, "err", "this node is not the DC (any more)");
		crm_send(r, from);
		return;
	}
	int code = cib_live_opcode(msg_get(m, "opcode"));
	const char *fl = msg_get(m, "flags");
	xmlDocPtr data = NULL;
	if (whole) {
		char *err = NULL;
		data = cib_xml_parse(whole, wlen, &err);
		if (!data)
			crm_warn("crmd: CIB request %s from %s (%zu bytes in parts): %s", reqid, from, wlen, err);
		g_free(err);
		g_free(whole);
	} else {
		data = crm_msg_get_xml(m, "data");
	}
	struct cib_req req = { (enum cib_opcode)code, msg_get(m, "section"), msg_get(m, "xpath"),
			       data ? xmlDocGetRootElement(data) : NULL, fl ? atoi(fl) : 0 };
	xmlNodePtr out = NULL;
	char *reason = NULL;
	int rc = code < 0 ? CIB_E_OPERATION : dc_apply(&req, &out, &reason);
	msg_addf(r, "rc", "%d", rc);
	if (reason)
		msg_add(r, "err", reason);
	if (out) {
		crm_msg_add_xml(r, "output", out);
		xmlFreeNode(out);
	}
	crm_send(r, from);
	g_free(reason);
	if (data)
		xmlFreeDoc(data);
}

void cibreq_on_rep(const struct hb_msg *m)
{
	const char *reqid = msg_get(m, "reqid"), *rcs = msg_get(m, "rc");
	if (!reqid || !pending)
		return;
	unsigned long id = strtoul(reqid, NULL, 10);
	struct pending *p = g_hash_table_lookup(pending, &id);
	if (!p)
		return;
	xmlDocPtr out = crm_msg_get_xml(m, "output");
	finish(p, rcs ? atoi(rcs) : CIB_E_OPERATION, out ? xmlDocGetRootElement(out) : NULL, msg_get(m, "err"));
	if (out)
		xmlFreeDoc(out);
}
