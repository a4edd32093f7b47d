/* The interactive prompt: line editing, history and tab completion with
 * libedit when configure found it, plain lines otherwise.  Completion
 * offers what the word's place allows: the level's commands first, then
 * resource ids, node names, object ids or agents, read from the working
 * copy (or, outside configure, the CIB itself). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "crm.h"
#include "cib/cib_conn.h"
#if HAVE_LIBEDIT
#include <editline/readline.h>
#endif

/* Per level (crm_main.c's enum level order): its commands, and what the
 * words after some of them name. */
enum what { W_NONE, W_RSC, W_NODE, W_OBJ, W_AGENT, W_LEVEL };

struct cmd {
	const char *name;
	enum what arg1, rest;    /* the first argument, the ones after it */
};

static const struct cmd top_cmds[] = {
	{ "configure", W_NONE, W_NONE }, { "resource", W_NONE, W_NONE }, { "node", W_NONE, W_NONE },
	{ "cib", W_NONE, W_NONE }, { "ra", W_NONE, W_NONE }, { "status", W_NONE, W_NONE },
	{ "help", W_LEVEL, W_NONE }, { "quit", W_NONE, W_NONE }, { "exit", W_NONE, W_NONE }, { NULL, 0, 0 }
};
static const struct cmd configure_cmds[] = {
	{ "primitive", W_NONE, W_AGENT }, { "group", W_NONE, W_RSC }, { "clone", W_NONE, W_RSC },
	{ "ms", W_NONE, W_RSC }, { "master", W_NONE, W_RSC }, { "location", W_NONE, W_RSC },
	{ "colocation", W_NONE, W_RSC }, { "order", W_NONE, W_RSC }, { "property", W_NONE, W_NONE },
	{ "rsc_defaults", W_NONE, W_NONE }, { "op_defaults", W_NONE, W_NONE }, { "node", W_NODE, W_NONE },
	{ "show", W_OBJ, W_OBJ }, { "edit", W_OBJ, W_NONE }, { "delete", W_OBJ, W_OBJ }, { "rename", W_OBJ, W_NONE },
	{ "verify", W_NONE, W_NONE }, { "commit", W_NONE, W_NONE }, { "erase", W_NONE, W_NONE },
	{ "save", W_NONE, W_NONE }, { "load", W_NONE, W_NONE }, { "ptest", W_NONE, W_NONE },
	{ "upgrade", W_NONE, W_NONE }, { "end", W_NONE, W_NONE }, { "up", W_NONE, W_NONE },
	{ "quit", W_NONE, W_NONE }, { NULL, 0, 0 }
};
static const struct cmd resource_cmds[] = {
	{ "status", W_RSC, W_NONE }, { "start", W_RSC, W_NONE }, { "stop", W_RSC, W_NONE },
	{ "restart", W_RSC, W_NONE }, { "manage", W_RSC, W_NONE }, { "unmanage", W_RSC, W_NONE },
	{ "move", W_RSC, W_NODE }, { "migrate", W_RSC, W_NODE }, { "unmove", W_RSC, W_NONE },
	{ "unmigrate", W_RSC, W_NONE }, { "cleanup", W_RSC, W_NODE }, { "failcount", W_RSC, W_NODE },
	{ "param", W_RSC, W_NONE }, { "meta", W_RSC, W_NONE }, { "promote", W_RSC, W_NONE },
	{ "demote", W_RSC, W_NONE }, { "end", W_NONE, W_NONE }, { "up", W_NONE, W_NONE },
	{ "quit", W_NONE, W_NONE }, { NULL, 0, 0 }
};
static const struct cmd node_cmds[] = {
	{ "standby", W_NODE, W_NONE }, { "online", W_NODE, W_NONE }, { "status", W_NODE, W_NONE },
	{ "show", W_NODE, W_NONE }, { "attribute", W_NODE, W_NONE }, { "status-attr", W_NODE, W_NONE },
	{ "fence", W_NODE, W_NONE }, { "clearstate", W_NODE, W_NONE }, { "delete", W_NODE, W_NONE },
	{ "end", W_NONE, W_NONE }, { "up", W_NONE, W_NONE }, { "quit", W_NONE, W_NONE }, { NULL, 0, 0 }
};
static const struct cmd cib_cmds[] = {
	{ "new", W_NONE, W_NONE }, { "use", W_NONE, W_NONE }, { "commit", W_NONE, W_NONE },
	{ "diff", W_NONE, W_NONE }, { "reset", W_NONE, W_NONE }, { "delete", W_NONE, W_NONE },
	{ "list", W_NONE, W_NONE }, { "end", W_NONE, W_NONE }, { "up", W_NONE, W_NONE },
	{ "quit", W_NONE, W_NONE }, { NULL, 0, 0 }
};
static const struct cmd ra_cmds[] = {
	{ "classes", W_NONE, W_NONE }, { "list", W_NONE, W_NONE }, { "meta", W_AGENT, W_NONE },
	{ "info", W_AGENT, W_NONE }, { "providers", W_NONE, W_NONE }, { "end", W_NONE, W_NONE },
	{ "up", W_NONE, W_NONE }, { "quit", W_NONE, W_NONE }, { NULL, 0, 0 }
};
static const struct cmd *const level_cmds[] = { top_cmds, configure_cmds, resource_cmds, node_cmds, cib_cmds, ra_cmds };
static const char *const levels[] = { "", "configure", "resource", "node", "cib", "ra" };

static struct crm_session *session;
static int cur_level;

void crm_prompt_init(struct crm_session *s)
{
	session = s;
#if HAVE_LIBEDIT
	rl_readline_name = "crm";
	using_history();
#endif
}

/* ---- what the words can be ---- */

static xmlDocPtr source_doc(int *owned)
{
	*owned = 0;
	if (session && session->work)
		return session->work;
	int rc = 0;
	char *err = NULL;
	struct cib_conn *c = cib_conn_open("crm", &rc, &err);
	xmlDocPtr d = NULL;
	g_free(err);
	err = NULL;
	if (c) {
		if (cib_conn_query(c, &d, &err) != 0)
			d = NULL;
		g_free(err);
		cib_conn_close(c);
	}
	*owned = d != NULL;
	return d;
}

static void add_rscs(xmlNodePtr n, GPtrArray *out)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *id = cib_xml_attr(c, "id");
		if (id)
			g_ptr_array_add(out, g_strdup(id));
		if (strcmp((const char *)c->name, "primitive"))
			add_rscs(c, out);
	}
}

static void add_ids(GPtrArray *out, enum what w)
{
	int owned;
	xmlDocPtr d = source_doc(&owned);
	xmlNodePtr cfg = cib_xml_child(d ? xmlDocGetRootElement(d) : NULL, "configuration", NULL);
	if (w == W_RSC || w == W_OBJ)
		add_rscs(cib_xml_child(cfg, "resources", NULL), out);
	if (w == W_NODE)
		for (xmlNodePtr c = cib_xml_child(cib_xml_child(cfg, "nodes", NULL), "node", NULL); c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && cib_xml_attr(c, "uname"))
				g_ptr_array_add(out, g_strdup(cib_xml_attr(c, "uname")));
	xmlNodePtr cons = w == W_OBJ ? cib_xml_child(cfg, "constraints", NULL) : NULL;
	for (xmlNodePtr k = cons ? cons->children : NULL; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && cib_xml_attr(k, "id"))
			g_ptr_array_add(out, g_strdup(cib_xml_attr(k, "id")));
	if (owned)
		xmlFreeDoc(d);
}

static void add_dir(GPtrArray *out, const char *dir, const char *prefix)
{
	GPtrArray *n = crm_dir_names(dir, 1);
	for (guint i = 0; i < n->len; i++)
		g_ptr_array_add(out, g_strconcat(prefix, (char *)g_ptr_array_index(n, i), NULL));
	g_ptr_array_free(n, TRUE);
}

/* class:provider:type for every installed OCF agent, and the other classes. */
static void add_agents(GPtrArray *out)
{
	const char *root = getenv("OCF_ROOT") ? getenv("OCF_ROOT") : "/usr/lib/ocf";
	char *rd = g_build_filename(root, "resource.d", NULL);
	GPtrArray *prov = crm_dir_names(rd, 0);
	for (guint i = 0; i < prov->len; i++) {
		const char *pv = g_ptr_array_index(prov, i);
		char *dir = g_build_filename(rd, pv, NULL), *pre = g_strdup_printf("ocf:%s:", pv);
		add_dir(out, dir, pre);
		g_free(dir);
		g_free(pre);
	}
	g_ptr_array_free(prov, TRUE);
	g_free(rd);
	add_dir(out, "/etc/init.d", "lsb:");
	add_dir(out, HA_SYSCONFDIR "/resource.d", "heartbeat:");
}

static const struct cmd *find_cmd(const struct cmd *t, const char *w)
{
	for (; t->name; t++)
		if (!strcmp(t->name, w))
			return t;
	return NULL;
}

/* The candidates for word number pos (0 = the command) of the line whose
 * earlier words are w. */
static GPtrArray *candidates(char **w, int pos)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	int level = cur_level, first = 0;
	/* "configure show" at the top: the words after the level name */
	if (level == 0 && pos > 0)
		for (int l = 1; l < 6; l++)
			if (!strcmp(w[0], levels[l]))
				level = l, first = 1;
	const struct cmd *t = level_cmds[level];
	if (pos == first) {
		for (; t->name; t++)
			g_ptr_array_add(out, g_strdup(t->name));
		return out;
	}
	const struct cmd *c = find_cmd(t, w[first]);
	enum what what = !c ? W_NONE : pos == first + 1 ? c->arg1 : c->rest;
	if (c && !strcmp(c->name, "primitive") && pos != first + 2)
		what = W_NONE;
	if (c && !strcmp(c->name, "location") && pos > first + 2)
		what = W_NODE;
	if (what == W_AGENT)
		add_agents(out);
	else if (what == W_LEVEL)
		for (int l = 1; l < 6; l++)
			g_ptr_array_add(out, g_strdup(levels[l]));
	else if (what != W_NONE)
		add_ids(out, what);
	return out;
}

/* The words of line, blanks however many. */
static char **split_words(const char *line)
{
	char *l = g_strdup(line);
	char **w = g_strsplit_set(g_strstrip(l), " \t", -1), **k = w;
	for (char **p = w; *p; p++)
		if (**p)
			*k++ = *p;
		else
			g_free(*p);
	*k = NULL;
	g_free(l);
	return w;
}

#if HAVE_LIBEDIT
static GPtrArray *matches;
static guint match_next;

static char *generate(const char *text, int state)
{
	if (state == 0)
		match_next = 0;
	size_t n = strlen(text);
	while (matches && match_next < matches->len) {
		const char *m = g_ptr_array_index(matches, match_next++);
		if (!strncmp(m, text, n))
			return strdup(m);   /* libedit frees it with free() */
	}
	return NULL;
}

static char **complete(const char *text, int start, int end)
{
	(void)end;
	rl_attempted_completion_over = 1;
	char *before = g_strndup(rl_line_buffer, (gsize)start);
	char **w = split_words(before);
	if (matches)
		g_ptr_array_free(matches, TRUE);
	matches = candidates(w, (int)g_strv_length(w));
	g_strfreev(w);
	g_free(before);
	return rl_completion_matches(text, generate);
}
#endif

char *crm_prompt_read(const char *prompt, int level)
{
	cur_level = level;
#if HAVE_LIBEDIT
	if (isatty(0) && isatty(1)) {
		rl_attempted_completion_function = complete;
		char *l = readline(prompt);
		if (!l)
			return NULL;
		if (*l)
			add_history(l);
		char *r = g_strdup(l);
		free(l);
		return r;
	}
#endif
	char buf[8192];
	fputs(prompt, stdout);
	fflush(stdout);
	if (!fgets(buf, sizeof buf, stdin))
		return NULL;
	buf[strcspn(buf, "\n")] = 0;
	return g_strdup(buf);
}

/* For the unit test: the completion candidates of line (the part before
 * the word being completed) at level. */
char **crm_prompt_candidates(const char *line, int level)
{
	cur_level = level;
	char **w = split_words(line);
	GPtrArray *c = candidates(w, (int)g_strv_length(w));
	g_ptr_array_add(c, NULL);
	char **r = (char **)g_ptr_array_free(c, FALSE);
	g_strfreev(w);
	return r;
}
