/* XML plumbing for the document operations and the tools: bounded parsing,
 * the 1.0-style formatted dump, a canonical form for order-blind
 * comparisons, and small lookups.  Knows nothing about CIB semantics. */
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include "cib/cib_doc.h"

#define XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

static char *parse_error(void)
{
	const xmlError *e = xmlGetLastError();
	char *m = g_strchomp(g_strdup(e && e->message ? e->message : "unreadable"));
	char *r = g_strdup_printf("XML parse error: %s (line %d)", m, e ? e->line : 0);
	g_free(m);
	return r;
}

xmlDocPtr cib_xml_parse(const char *buf, size_t len, char **err)
{
	xmlResetLastError();
	if (len > (size_t)INT32_MAX) {
		if (err)
			*err = g_strdup("input too large");
		return NULL;
	}
	xmlDocPtr d = xmlReadMemory(buf, (int)len, "input.xml", NULL, XML_OPTS);
	if (!d && err)
		*err = parse_error();
	else if (d && !xmlDocGetRootElement(d)) {
		xmlFreeDoc(d);
		d = NULL;
		if (err)
			*err = g_strdup("XML parse error: no element (line 1)");
	}
	return d;
}

xmlDocPtr cib_xml_read_file(const char *path, char **err)
{
	xmlResetLastError();
	xmlDocPtr d = xmlReadFile(path, NULL, XML_OPTS);
	if (!d && err)
		*err = parse_error();
	return d;
}

char *cib_xml_dump(xmlNodePtr n)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodeDump(b, n->doc, n, 0, 1);
	char *r = g_strdup_printf("%s\n", (const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return r;
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void canon(GString *s, xmlNodePtr n, int drop_ids, int depth)
{
	if (n->type == XML_COMMENT_NODE) {
		g_string_append_printf(s, "%*s<!--%s-->\n", depth * 2, "", (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	GPtrArray *attrs = g_ptr_array_new_with_free_func(g_free);
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		if (drop_ids && !strcmp((const char *)a->name, "id"))
			continue;
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		g_ptr_array_add(attrs, g_strdup_printf("%s=\"%s\"", (const char *)a->name, v ? (char *)v : ""));
		xmlFree(v);
	}
	g_ptr_array_sort(attrs, cmp_str);
	g_string_append_printf(s, "%*s<%s", depth * 2, "", (const char *)n->name);
	for (guint i = 0; i < attrs->len; i++)
		g_string_append_printf(s, " %s", (char *)g_ptr_array_index(attrs, i));
	g_string_append(s, ">\n");
	g_ptr_array_free(attrs, TRUE);
	for (xmlNodePtr c = n->children; c; c = c->next)
		canon(s, c, drop_ids, depth + 1);
}

char *cib_xml_canon(xmlNodePtr n, int drop_ids)
{
	GString *s = g_string_new(NULL);
	canon(s, n, drop_ids, 0);
	return g_string_free(s, FALSE);
}

const char *cib_xml_attr(xmlNodePtr n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, name))
			return a->children && a->children->type == XML_TEXT_NODE ?
			       (const char *)a->children->content : "";
	return NULL;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

xmlNodePtr cib_xml_child(xmlNodePtr parent, const char *tag, const char *id)
{
	if (!parent)
		return NULL;
	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && (!tag || !strcmp((const char *)c->name, tag)) &&
		    (!id || same(cib_xml_attr(c, "id"), id)))
			return c;
	return NULL;
}

static xmlNodePtr find_in(xmlNodePtr first, const char *tag, const char *id, int depth)
{
	for (xmlNodePtr c = first; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if ((!tag || !strcmp((const char *)c->name, tag)) && same(cib_xml_attr(c, "id"), id))
			return c;
		if (depth < 256) {
			xmlNodePtr f = find_in(c->children, tag, id, depth + 1);
			if (f)
				return f;
		}
	}
	return NULL;
}

xmlNodePtr cib_xml_find_id(xmlNodePtr root, const char *tag, const char *id)
{
	if (!root)
		return NULL;
	if ((!tag || !strcmp((const char *)root->name, tag)) && same(cib_xml_attr(root, "id"), id))
		return root;
	return find_in(root->children, tag, id, 0);
}
