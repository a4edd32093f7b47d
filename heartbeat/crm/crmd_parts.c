/* Data larger than one heartbeat message (a UDP datagram, 64 KiB once
 * encoded) travels in numbered parts of CRM_PART bytes: every part is a
 * whole message of its own with "part", "parts" and a slice of the data.
 * The receiver puts them together per key; one sender's messages arrive in
 * order, so anything else (a part missing, a count that changed) drops
 * what was gathered.  Used by whole-CIB transfers and by tool requests
 * made off the DC. */
#include "crmd.h"
#include "clock.h"

struct gathering {
	unsigned long id;
	size_t next, parts;
	uint64_t started_ms;
	GString *data;
};

static void gathering_free(gpointer p)
{
	struct gathering *g = p;
	g_string_free(g->data, TRUE);
	g_free(g);
}

int crm_send_parts(struct hb_msg *(*make)(void *), void *arg, const char *field, const void *data, size_t len,
		   const char *node)
{
	size_t parts = len / CRM_PART + 1;
	for (size_t i = 0; i < parts; i++) {
		struct hb_msg *m = make(arg);
		size_t off = i * CRM_PART, n = len - off < CRM_PART ? len - off : CRM_PART;
		msg_addf(m, "part", "%zu", i);
		msg_addf(m, "parts", "%zu", parts);
		msg_add_bin(m, field, (const char *)data + off, n);
		if (crm_send(m, node) < 0)
			return -1;
	}
	return (int)parts;
}

static void forget_stale(struct crm_parts_in *in)
{
	GHashTableIter it;
	gpointer k, v;
	uint64_t now = clock_ms();
	g_hash_table_iter_init(&it, in->table);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (now - ((struct gathering *)v)->started_ms > in->timeout_ms) {
			crm_warn("crmd: %s %s: parts stopped coming: dropped", in->what, (const char *)k);
			g_hash_table_iter_remove(&it);
		}
}

int crm_parts_add(struct crm_parts_in *in, const char *key, unsigned long id, size_t part, size_t parts,
		  const void *b, size_t blen, char **whole, size_t *len)
{
	if (!in->table)
		in->table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, gathering_free);
	if (in->timeout_ms)
		forget_stale(in);
	struct gathering *g = g_hash_table_lookup(in->table, key);
	if (part == 0) {
		/* a new one starts; one from this key still gathering is over */
		if (!g && in->max_open && g_hash_table_size(in->table) >= in->max_open)
			return CRM_PARTS_BUSY;
		g = g_new0(struct gathering, 1);
		g->id = id;
		g->parts = parts;
		g->started_ms = clock_ms();
		g->data = g_string_new(NULL);
		g_hash_table_replace(in->table, g_strdup(key), g);
	}
	if (!g || !b || g->id != id || g->next != part || g->parts != parts ||
	    (in->max_bytes && g->data->len + blen > in->max_bytes)) {
		g_hash_table_remove(in->table, key);
		return CRM_PARTS_BAD;
	}
	g_string_append_len(g->data, b, (gssize)blen);
	if (++g->next < g->parts)
		return CRM_PARTS_MORE;
	*len = g->data->len;
	*whole = g_string_free(g->data, FALSE);
	g->data = g_string_new(NULL);
	g_hash_table_remove(in->table, key);
	return CRM_PARTS_WHOLE;
}
