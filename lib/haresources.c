/* haresources parser: logical lines (backslash continuation, '#' comments),
 * the preferred node checked against ha.cf, and each resource split into
 * script name and arguments the way ResourceManager does it.  Running the
 * scripts is lib/ra.c's job. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include "haresources.h"
#include "readfile.h"

#define HR_MAXFILE (16 * 1024 * 1024)

/* The shell glob [0-9]*.[0-9]*.[0-9]*.[0-9]* that ResourceManager uses to
 * spot an IP address: a digit first, then three ".digit" in order. */
static bool ip_shorthand(const char *t)
{
	int dots = 0;
	size_t i;

	if (!isdigit((unsigned char)t[0]))
		return false;
	for (i = 1; t[i] && dots < 3; i++) {
		if (t[i] == '.' && isdigit((unsigned char)t[i + 1])) {
			dots++;
			i++;     /* that digit is spent: the next '*' starts after it */
		}
	}
	return dots == 3;
}

static int add_arg(struct hr_resource *r, const char *s, size_t len)
{
	char **na;

	if (len == 0)
		return 0;
	na = realloc(r->args, (size_t)(r->nargs + 1) * sizeof *na);
	if (!na)
		return -1;
	r->args = na;
	na[r->nargs] = strndup(s, len);
	if (!na[r->nargs])
		return -1;
	r->nargs++;
	return 0;
}

static int parse_resource(const char *tok, struct hr_resource *r)
{
	const char *sep, *p;

	memset(r, 0, sizeof *r);
	r->spec = strdup(tok);
	if (!r->spec)
		return -1;
	if (ip_shorthand(tok)) {
		r->type = strdup("IPaddr");
		return r->type ? add_arg(r, tok, strlen(tok)) : -1;
	}
	sep = strstr(tok, "::");
	r->type = strndup(tok, sep ? (size_t)(sep - tok) : strlen(tok));
	if (!r->type)
		return -1;
	/* Every further "::" becomes a blank and the shell drops empty words. */
	for (p = sep ? sep + 2 : NULL; p;) {
		sep = strstr(p, "::");
		if (add_arg(r, p, sep ? (size_t)(sep - p) : strlen(p)) < 0)
			return -1;
		p = sep ? sep + 2 : NULL;
	}
	return 0;
}

static void free_resource(struct hr_resource *r)
{
	int i;

	free(r->spec);
	free(r->type);
	for (i = 0; i < r->nargs; i++)
		free(r->args[i]);
	free(r->args);
}

static bool known_node(const struct hb_config *cf, const char *name)
{
	int i;

	for (i = 0; i < cf->nnodes; i++)
		if (cf->nodes[i] && strcmp(cf->nodes[i], name) == 0)
			return true;
	return false;
}

/* One logical line (continuations joined, comments gone). */
static void parse_group(char *s, int line, const char *fname, const struct hb_config *cf,
			const char *tag, struct haresources *out, struct conf_errors *errs)
{
	struct hr_group *ng, *g;
	struct hr_resource *nr;
	char *tok, *save = NULL, *p;
	int i;

	tok = strtok_r(s, " \t\r\f\v", &save);
	if (!tok)
		return;
	for (p = tok; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (cf && !known_node(cf, tok)) {
		char list[256] = "";
		size_t used = 0;

		for (i = 0; i < cf->nnodes && used < sizeof list - 1; i++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
						 cf->nodes[i]);
		conf_msg(errs, false, fname, line,
			 "Bad nodename [%.100s] (expected the preferred node first: one of the nodes ha.cf declares: %s)",
			 tok, list);
		return;
	}
	ng = realloc(out->groups, (size_t)(out->ngroups + 1) * sizeof *ng);
	if (!ng)
		return;
	out->groups = ng;
	g = &ng[out->ngroups];
	memset(g, 0, sizeof *g);
	g->node = strdup(tok);
	g->line = line;
	if (!g->node)
		return;
	g->tag = tag ? strdup(tag) : NULL;
	out->ngroups++;
	while ((tok = strtok_r(NULL, " \t\r\f\v", &save))) {
		nr = realloc(g->res, (size_t)(g->nres + 1) * sizeof *nr);
		if (!nr)
			return;
		g->res = nr;
		if (parse_resource(tok, &nr[g->nres]) < 0) {
			free_resource(&nr[g->nres]);
			return;
		}
		g->nres++;
	}
	if (g->nres == 0) {
		/* Kept, it would be a group without a name. */
		conf_msg(errs, true, fname, line, "node [%s] has no resources on this line: line ignored", g->node);
		free(g->res);
		free(g->node);
		free(g->tag);
		out->ngroups--;
	}
}

/* The same resource in two groups would be started by both (the same
 * address up twice, one filesystem mounted twice), and a repeated first
 * resource makes two groups share one name.  "10.0.0.1" and
 * "IPaddr::10.0.0.1" are the same resource.  MailTo only sends mail, so a
 * MailTo line in every group is common and only warned about. */
static void check_duplicates(const struct haresources *h, const char *fname, struct conf_errors *errs)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int g, r, a;

	for (g = 0; g < h->ngroups; g++) {
		const struct hr_group *grp = &h->groups[g];

		for (r = 0; r < grp->nres; r++) {
			const struct hr_resource *res = &grp->res[r];
			GString *key = g_string_new(res->type);
			gpointer prev;

			for (a = 0; a < res->nargs; a++)
				g_string_append_printf(key, "\037%s", res->args[a]);
			if (g_hash_table_lookup_extended(seen, key->str, NULL, &prev)) {
				int pg = GPOINTER_TO_INT(prev);
				bool mail = strcmp(res->type, "MailTo") == 0;

				if (pg == g)
					conf_msg(errs, mail, fname, grp->line,
						 "resource [%.100s] appears twice in this group (expected each resource once)",
						 res->spec);
				else
					conf_msg(errs, mail, fname, grp->line,
						 "resource [%.100s] is already in the group on line %d (expected each resource in one group only: %s)",
						 res->spec, h->groups[pg].line,
						 mail ? "every holder sends its mail" : "both groups would run it");
				g_string_free(key, TRUE);
				continue;
			}
			g_hash_table_insert(seen, g_string_free(key, FALSE), GINT_TO_POINTER(g));
		}
	}
	g_hash_table_destroy(seen);
}

/* The comment of one physical line: the text after its '#', without the
 * trailing blanks (and CR). */
static void comment_text(const char *hash, const char *end, const char **s, size_t *n)
{
	*s = hash + 1;
	*n = (size_t)(end - *s);
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* "#WORD" closing a resource line: one word right after the '#'. */
static char *line_tag(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return NULL;
	for (i = 0; i < n; i++)
		if (isspace((unsigned char)s[i]))
			return NULL;
	return strndup(s, n);
}

static void add_comment(struct haresources *out, const char *s, size_t n, int line)
{
	struct hr_comment *nc = realloc(out->comments, (size_t)(out->ncomments + 1) * sizeof *nc);

	if (!nc)
		return;
	out->comments = nc;
	nc[out->ncomments].text = strndup(s, n);
	nc[out->ncomments].line = line;
	if (nc[out->ncomments].text)
		out->ncomments++;
}

int haresources_parse(const char *text, size_t len, const char *fname,
		      const struct hb_config *cf, struct haresources *out,
		      struct conf_errors *errs)
{
	char *logical = NULL, *nl2, *tag;
	size_t pos = 0, llen = 0, cap = 0;
	int line = 0, start = 0, nerr = errs->n;

	if (!fname)
		fname = "haresources";
	memset(out, 0, sizeof *out);
	while (text && pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t pl = nl ? (size_t)(nl - (text + pos)) : len - pos;
		const char *phys = text + pos;
		size_t n, z, cn = 0, lead;
		const char *hash, *cs = NULL;
		bool cont = false;

		line++;
		pos += pl + (nl ? 1 : 0);
		/* An embedded NUL ends the line's text, as in a C string. */
		z = strnlen(phys, pl);
		hash = memchr(phys, '#', z);
		n = hash ? (size_t)(hash - phys) : z;
		if (hash) {
			comment_text(hash, phys + z, &cs, &cn);
			for (lead = 0; lead < n && isspace((unsigned char)phys[lead]); lead++)
				;
			if (lead == n) {
				add_comment(out, cs, cn, line);
				cs = NULL;     /* a comment line tags no resource line */
			}
		}
		while (n > 0 && isspace((unsigned char)phys[n - 1]))
			n--;
		if (n > 0 && phys[n - 1] == '\\') {
			cont = true;
			n--;
		}
		if (llen == 0)
			start = line;
		if (llen + n + 2 > cap) {
			size_t ncap = (llen + n + 2) * 2;

			nl2 = realloc(logical, ncap);
			if (!nl2)
				break;
			logical = nl2;
			cap = ncap;
		}
		memcpy(logical + llen, phys, n);
		llen += n;
		logical[llen++] = ' ';
		logical[llen] = '\0';
		if (cont && pos < len)
			continue;
		tag = cs ? line_tag(cs, cn) : NULL;
		parse_group(logical, start, fname, cf, tag, out, errs);
		free(tag);
		llen = 0;
	}
	free(logical);
	check_duplicates(out, fname, errs);
	return errs->n > nerr ? -1 : 0;
}

int haresources_load(const char *path, const struct hb_config *cf,
		     struct haresources *out, struct conf_errors *errs)
{
	struct stat st;
	char *text;
	size_t got = 0;
	int fd, rc;

	memset(out, 0, sizeof *out);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		conf_msg(errs, false, path, 0, "Cannot open resources file: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > HR_MAXFILE) {
		conf_msg(errs, false, path, 0, "not a regular file of at most %d bytes", HR_MAXFILE);
		close(fd);
		return -1;
	}
	text = readfile_fd(fd, (size_t)st.st_size, &got);
	if (!text)
		return -1;
	rc = haresources_parse(text, got, path, cf, out, errs);
	free(text);
	return rc;
}

void haresources_free(struct haresources *h)
{
	int i, j;

	if (!h)
		return;
	for (i = 0; i < h->ngroups; i++) {
		for (j = 0; j < h->groups[i].nres; j++)
			free_resource(&h->groups[i].res[j]);
		free(h->groups[i].res);
		free(h->groups[i].node);
		free(h->groups[i].tag);
	}
	free(h->groups);
	for (i = 0; i < h->ncomments; i++)
		free(h->comments[i].text);
	free(h->comments);
	memset(h, 0, sizeof *h);
}
