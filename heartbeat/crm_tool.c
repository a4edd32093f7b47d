/* Helpers shared by the CRM operator tools (crm_mon, cibadmin,
 * crm_resource, crm_attribute and its aliases, crm_node, crmadmin): the
 * connection with its "not running" wording, XML input, messages. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include "config.h"
#include "crm_tool.h"

void tool_err(const char *prog, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

int tool_std_option(const char *prog, int c, char **argv)
{
	extern int optind, optopt;
	if (c == 'Z')
		return TOOL_OPT_HELP;
	if (c == '$') {
		printf("%s (heartbeat " HB_VERSION ", Pacemaker 1.0 compatible)\n", prog);
		return 0;
	}
	if (c != '?' && c != ':')
		return TOOL_OPT_OTHER;
	const char *word = optind > 0 ? argv[optind - 1] : "?";
	if (c == '?' && optopt == '?')
		return TOOL_OPT_HELP;
	if (c == ':') {
		if (optopt && word[0] == '-' && word[1] != '-')
			tool_err(prog, "option -%c requires an argument", optopt);
		else
			tool_err(prog, "option %s requires an argument", word);
	} else if (optopt) {
		tool_err(prog, "unknown option -%c", optopt);
	} else {
		tool_err(prog, "unknown option %s", word);
	}
	tool_usage_hint(prog);
	return 1;
}

int tool_args_done(const char *prog, int argc, char **argv, int have_command, const char *commands)
{
	extern int optind;
	if (optind < argc) {
		tool_err(prog, "unexpected argument '%s'", argv[optind]);
		tool_usage_hint(prog);
		return TOOL_ARGS_EXTRA;
	}
	if (commands && !have_command) {
		tool_err(prog, "no command given (one of %s)", commands);
		tool_usage_hint(prog);
		return TOOL_ARGS_NO_COMMAND;
	}
	return TOOL_ARGS_OK;
}

void tool_usage_hint(const char *prog)
{
	fprintf(stderr, "Try '%s --help' for the list of options.\n", prog);
}

struct cib_conn *tool_connect(const char *prog, int *rc)
{
	char *err = NULL;
	struct cib_conn *c = cib_conn_open(prog, rc, &err);
	if (!c) {
		if (err)
			tool_err(prog, "%s", err);
		if (!getenv("CIB_file") && !getenv("CIB_shadow"))
			tool_err(prog, "the cluster is not running on this node (set CIB_file=PATH to work on a CIB file)");
		g_free(err);
	}
	return c;
}

xmlDocPtr tool_query(struct cib_conn *c, const char *prog, int *rc)
{
	char *err = NULL;
	xmlDocPtr d = NULL;
	*rc = cib_conn_query(c, &d, &err);
	if (*rc != CIB_OK) {
		tool_err(prog, "%s", err ? err : cib_strerror(*rc));
		d = NULL;
	}
	g_free(err);
	return d;
}

int tool_apply(struct cib_conn *c, const char *prog, const struct cib_req *req, xmlNodePtr *output)
{
	char *err = NULL;
	int rc = cib_conn_apply(c, req, output, &err);
	if (rc != CIB_OK && err)
		tool_err(prog, "%s", err);
	g_free(err);
	return rc;
}

xmlDocPtr tool_read_xml(const char *prog, const char *file, const char *text, int from_stdin)
{
	char *err = NULL, *buf = NULL;
	const char *src;
	xmlDocPtr d = NULL;
	if (file) {
		src = file;
		d = cib_xml_read_file(file, &err);
	} else if (text) {
		src = "input string";
		d = cib_xml_parse(text, strlen(text), &err);
	} else if (from_stdin) {
		src = "STDIN";
		GString *s = g_string_new(NULL);
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0 && s->len < (64u << 20))
			g_string_append_len(s, chunk, (gssize)n);
		buf = g_string_free(s, FALSE);
		d = cib_xml_parse(buf, strlen(buf), &err);
	} else {
		return NULL;
	}
	if (!d)
		fprintf(stderr, "%s: Couldn't parse input from %s: %s\n", prog, src, err ? err : "no XML");
	g_free(err);
	g_free(buf);
	return d;
}

const char *tool_local_uname(void)
{
	static struct utsname u;
	if (uname(&u) < 0)
		return NULL;
	return u.nodename;
}

const char *tool_node_uuid(xmlDocPtr doc, const char *uname)
{
	xmlNodePtr nodes = cib_section(doc, "nodes");
	for (xmlNodePtr n = nodes ? nodes->children : NULL; uname && n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "node") && cib_xml_attr(n, "uname") &&
		    !strcmp(cib_xml_attr(n, "uname"), uname))
			return cib_xml_attr(n, "id");
	return NULL;
}
