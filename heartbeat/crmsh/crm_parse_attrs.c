/* What the element parsers share: generated ids (crmsh's scheme: BASE,
 * then BASE-0, BASE-1... when taken), name=value words, attribute sets
 * (params/meta/utilization with $id= and $id-ref=) and scores. */
#include <string.h>
#include "crm.h"

struct crm_ids {
	GHashTable *taken;
};

struct crm_ids *crm_ids_new(void)
{
	struct crm_ids *ids = g_new0(struct crm_ids, 1);
	ids->taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return ids;
}

void crm_ids_free(struct crm_ids *ids)
{
	if (!ids)
		return;
	g_hash_table_destroy(ids->taken);
	g_free(ids);
}

void crm_ids_take(struct crm_ids *ids, const char *id)
{
	g_hash_table_add(ids->taken, g_strdup(id));
}

char *crm_ids_make(struct crm_ids *ids, const char *base)
{
	char *id = g_strdup(base);
	for (int n = 0; g_hash_table_contains(ids->taken, id); n++) {
		g_free(id);
		id = g_strdup_printf("%s-%d", base, n);
	}
	crm_ids_take(ids, id);
	return id;
}

int crm_nv_split(const char *word, char **name, char **value)
{
	const char *eq = strchr(word, '=');
	if (!eq || eq == word)
		return 0;
	*name = g_strndup(word, eq - word);
	*value = g_strdup(eq + 1);
	return 1;
}

int crm_parse_set(char **w, int *i, xmlNodePtr parent, const char *tag, const char *owner,
		  const char *suffix, struct crm_ids *ids, char **err)
{
	xmlNodePtr set = xmlNewChild(parent, NULL, BAD_CAST tag, NULL);
	char *setid = NULL;
	int n = 0;
	(void)err;
	for (; w[*i]; (*i)++) {
		char *name, *value;
		if (w[*i][0] == '@' && w[*i][1]) {
			/* @ID or @ID:NAME: an nvpair that refers to another */
			if (!setid) {
				char *base = g_strdup_printf("%s-%s", owner, suffix);
				setid = crm_ids_make(ids, base);
				g_free(base);
				xmlNewProp(set, BAD_CAST "id", BAD_CAST setid);
			}
			char **p = g_strsplit(w[*i] + 1, ":", 2);
			xmlNodePtr nv = xmlNewChild(set, NULL, BAD_CAST "nvpair", NULL);
			xmlNewProp(nv, BAD_CAST "id-ref", BAD_CAST p[0]);
			if (p[1])
				xmlNewProp(nv, BAD_CAST "name", BAD_CAST p[1]);
			g_strfreev(p);
			n++;
			continue;
		}
		if (!crm_nv_split(w[*i], &name, &value))
			break;
		if (!strcmp(name, "$id-ref")) {
			xmlNewProp(set, BAD_CAST "id-ref", BAD_CAST value);
			g_free(name);
			g_free(value);
			g_free(setid);
			setid = NULL;
			(*i)++;
			return 0;
		}
		if (!strcmp(name, "$id") && n == 0 && !setid) {
			setid = g_strdup(value);
			crm_ids_take(ids, setid);
			xmlNewProp(set, BAD_CAST "id", BAD_CAST setid);
			g_free(name);
			g_free(value);
			continue;
		}
		if (!setid) {
			char *base = g_strdup_printf("%s-%s", owner, suffix);
			setid = crm_ids_make(ids, base);
			g_free(base);
			xmlNewProp(set, BAD_CAST "id", BAD_CAST setid);
		}
		xmlNodePtr nv = xmlNewChild(set, NULL, BAD_CAST "nvpair", NULL);
		xmlNewProp(nv, BAD_CAST "name", BAD_CAST name);
		xmlNewProp(nv, BAD_CAST "value", BAD_CAST value);
		char *base = g_strdup_printf("%s-%s", setid, name);
		char *nid = crm_ids_make(ids, base);
		xmlNewProp(nv, BAD_CAST "id", BAD_CAST nid);
		g_free(nid);
		g_free(base);
		g_free(name);
		g_free(value);
		n++;
	}
	if (!setid) {
		/* "params" with nothing after it: an empty set, as crmsh. */
		char *base = g_strdup_printf("%s-%s", owner, suffix);
		setid = crm_ids_make(ids, base);
		g_free(base);
		xmlNewProp(set, BAD_CAST "id", BAD_CAST setid);
	}
	g_free(setid);
	return 0;
}

static int is_number(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!g_ascii_isdigit(*s))
			return 0;
	return 1;
}

char *crm_score(const char *s)
{
	if (!g_ascii_strcasecmp(s, "inf") || !g_ascii_strcasecmp(s, "infinity"))
		return g_strdup("INFINITY");
	if (!g_ascii_strcasecmp(s, "-inf") || !g_ascii_strcasecmp(s, "-infinity"))
		return g_strdup("-INFINITY");
	if (!g_ascii_strcasecmp(s, "+inf") || !g_ascii_strcasecmp(s, "+infinity"))
		return g_strdup("+INFINITY");
	if (is_number(s))
		return g_strdup(s);
	return NULL;
}

char *crm_score_colon(const char *word)
{
	size_t len = strlen(word);
	if (len < 2 || word[len - 1] != ':')
		return NULL;
	return g_strndup(word, len - 1);
}

struct crm_obj *crm_obj_new(enum crm_kind kind, const char *id, const char *tag)
{
	struct crm_obj *o = g_new0(struct crm_obj, 1);
	o->kind = kind;
	o->id = g_strdup(id);
	o->xml = xmlNewNode(NULL, BAD_CAST tag);
	xmlNewProp(o->xml, BAD_CAST "id", BAD_CAST id);
	return o;
}

struct crm_obj *crm_obj_fail(struct crm_obj *o, char **err, char *msg)
{
	crm_obj_free(o);
	*err = msg;
	return NULL;
}

void crm_obj_free(struct crm_obj *o)
{
	if (!o)
		return;
	g_free(o->id);
	if (o->xml)
		xmlFreeNode(o->xml);
	g_strfreev(o->members);
	g_free(o);
}
