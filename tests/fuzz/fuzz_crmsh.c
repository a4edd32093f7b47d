/* libFuzzer target for the crm shell's parser side: the input is a crm
 * script; it is split into logical lines and words, parsed statement by
 * statement, applied to an empty configuration (as a load update), checked
 * for references, printed back with show and show xml, then renamed and
 * deleted through.  Nothing may crash, leak or read out of bounds. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	if (!sink) {
		sink = fopen("/dev/null", "w");
		/* The shell's messages would drown the fuzzer's. */
		crm_quiet = 1;
	}
	char *text = g_strndup((const char *)data, size);
	GPtrArray *lines = crm_lines(text);
	GPtrArray *objs = g_ptr_array_new();
	GPtrArray *comments = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < lines->len && i < 200; i++) {
		struct crm_line *l = g_ptr_array_index(lines, i);
		if (l->text[0] == '#') {
			g_ptr_array_add(comments, g_strdup(l->text));
			continue;
		}
		char *err = NULL;
		char **w = crm_split(l->text, &err);
		if (!w) {
			g_free(err);
			continue;
		}
		struct crm_obj *o = w[0] ? crm_parse(w, comments, &err) : NULL;
		g_ptr_array_set_size(comments, 0);
		g_strfreev(w);
		if (o)
			g_ptr_array_add(objs, o);
		g_free(err);
	}
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr cfg = crm_empty_config(doc);
	xmlDocSetRootElement(doc, cfg);
	crm_apply(cfg, objs);
	crm_check_refs(cfg);
	crm_show(sink, cfg, NULL);
	crm_show_xml(sink, cfg, NULL);
	for (guint i = 0; i < objs->len; i++) {
		struct crm_obj *o = g_ptr_array_index(objs, i);
		if (i % 3 == 0)
			crm_rename(cfg, o->id, "fuzz-renamed");
		else
			crm_delete(cfg, o->id);
	}
	crm_show(sink, cfg, NULL);
	for (guint i = 0; i < objs->len; i++)
		crm_obj_free(g_ptr_array_index(objs, i));
	g_ptr_array_free(objs, TRUE);
	g_ptr_array_free(comments, TRUE);
	xmlFreeDoc(doc);
	crm_lines_free(lines);
	g_free(text);
	return 0;
}
