/* The crm shell's lexer: a script into logical lines (continuations
 * joined, empty lines dropped, as crmsh's lines2cli) and a line into words
 * (POSIX shlex: quotes removed, backslash escapes).  No CIB knowledge. */
#include <string.h>
#include "crm.h"

static void add_line(GPtrArray *out, GString *cum, int lineno)
{
	char *t = g_strstrip(g_strdup(cum->str));
	if (*t) {
		struct crm_line *l = g_new0(struct crm_line, 1);
		l->text = t;
		l->lineno = lineno;
		g_ptr_array_add(out, l);
	} else {
		g_free(t);
	}
	g_string_truncate(cum, 0);
}

GPtrArray *crm_lines(const char *buf)
{
	GPtrArray *out = g_ptr_array_new();
	GString *cum = g_string_new(NULL);
	char **phys = g_strsplit(buf, "\n", -1);
	/* Logical lines are numbered as crmsh's logger counts them: one per
	 * non-empty joined line, comments included. */
	int n = 0;
	for (char **p = phys; *p; p++) {
		char *s = g_strstrip(g_strdup(*p));
		size_t len = strlen(s);
		int cont = len && s[len - 1] == '\\';
		while (len && s[len - 1] == '\\')
			s[--len] = 0;
		g_string_append(cum, s);
		g_free(s);
		if (!cont) {
			char *t = g_strstrip(g_strdup(cum->str));
			if (*t)
				n++;
			g_free(t);
			add_line(out, cum, n);
		}
	}
	if (cum->len) {
		n++;
		add_line(out, cum, n);
	}
	g_strfreev(phys);
	g_string_free(cum, TRUE);
	return out;
}

void crm_lines_free(GPtrArray *a)
{
	if (!a)
		return;
	for (guint i = 0; i < a->len; i++) {
		struct crm_line *l = g_ptr_array_index(a, i);
		g_free(l->text);
		g_free(l);
	}
	g_ptr_array_free(a, TRUE);
}

char **crm_split(const char *line, char **err)
{
	GPtrArray *w = g_ptr_array_new();
	GString *cur = g_string_new(NULL);
	int in_word = 0;
	const char *p = line;
	while (*p) {
		char c = *p;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (in_word) {
				g_ptr_array_add(w, g_strdup(cur->str));
				g_string_truncate(cur, 0);
				in_word = 0;
			}
			p++;
		} else if (c == '\'') {
			const char *e = strchr(p + 1, '\'');
			if (!e)
				goto open_quote;
			g_string_append_len(cur, p + 1, e - p - 1);
			in_word = 1;
			p = e + 1;
		} else if (c == '"') {
			p++;
			for (;;) {
				if (!*p)
					goto open_quote;
				if (*p == '"')
					break;
				/* Inside double quotes a backslash escapes only
				 * a quote or itself (shlex's escapedquotes). */
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				g_string_append_c(cur, *p++);
			}
			p++;
			in_word = 1;
		} else if (c == '\\') {
			if (!p[1])
				goto open_quote_esc;
			g_string_append_c(cur, p[1]);
			p += 2;
			in_word = 1;
		} else {
			g_string_append_c(cur, c);
			in_word = 1;
			p++;
		}
	}
	if (in_word)
		g_ptr_array_add(w, g_strdup(cur->str));
	g_string_free(cur, TRUE);
	g_ptr_array_add(w, NULL);
	return (char **)g_ptr_array_free(w, FALSE);
open_quote_esc:
	*err = g_strdup("No escaped character");
	goto fail;
open_quote:
	*err = g_strdup("No closing quotation");
fail:
	g_string_free(cur, TRUE);
	g_ptr_array_set_free_func(w, g_free);
	g_ptr_array_free(w, TRUE);
	return NULL;
}

int crm_needs_quotes(const char *s)
{
	if (!*s)
		return 1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (!(g_ascii_isalnum(*p) || *p == '_' || *p == '.' || *p == '-' || *p >= 0x80))
			return 1;
	return 0;
}
