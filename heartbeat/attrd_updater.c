/* attrd_updater: sets, deletes or shows a transient attribute of a node
 * through the local controller, which holds a change back for its
 * dampening delay (crmd_attrd.c) -- what resource-agents' ping agent and
 * scripts of Pacemaker clusters call.  Options as Pacemaker's. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "crm_tool.h"
#include "cib/cib.h"

static const char *prog = "attrd_updater";

static void usage(FILE *f)
{
	fprintf(f, "attrd_updater - Tool for updating cluster node attributes\n\n"
		   "Usage: attrd_updater -n attribute option(s)\n"
		   "Options:\n"
		   " -?, --help\t\tThis text\n"
		   " -$, --version\t\tVersion information\n"
		   " -q, --quiet\t\tPrint only the value on stdout (with -Q)\n"
		   " -n, --name=value\tThe attribute's name\n\n"
		   "Commands:\n"
		   " -U, -v, --update=value\tUpdate the attribute's value (after the dampening delay)\n"
		   " -B, --update-both=value\tUpdate the value, and the delay if -d is given\n"
		   " -D, --delete\t\tDelete the attribute\n"
		   " -Q, --query\t\tShow the attribute's value (-A: on every node)\n\n"
		   "Additional Options:\n"
		   " -d, --delay=value\tDampening: the time to wait for further changes (5s, 500ms; a bare number is seconds)\n"
		   " -N, --node=value\tThe node (default: this one; another node's is written at once)\n"
		   " -A, --all\t\tWith -Q, every node\n"
		   " -l, --lifetime=value\treboot (the only lifetime of a transient attribute)\n"
		   " -s, --set=value\tAccepted, ignored (the set is status-UUID)\n");
}

/* -Q: name="N" host="H" value="V" per node that has it, as Pacemaker prints. */
static int query(struct cib_conn *conn, const char *name, const char *node, int all, int quiet)
{
	int rc, found = 0;
	xmlDocPtr doc = tool_query(conn, prog, &rc);
	if (!doc)
		return 1;
	xmlNodePtr st = cib_section(doc, "status");
	for (xmlNodePtr ns = st ? st->children : NULL; ns; ns = ns->next) {
		const char *un = ns->type == XML_ELEMENT_NODE ? cib_xml_attr(ns, "uname") : NULL;
		if (!un || (!all && strcmp(un, node)))
			continue;
		for (xmlNodePtr ta = ns->children; ta; ta = ta->next) {
			if (ta->type != XML_ELEMENT_NODE || strcmp((const char *)ta->name, "transient_attributes"))
				continue;
			for (xmlNodePtr set = ta->children; set; set = set->next)
				for (xmlNodePtr nv = set->type == XML_ELEMENT_NODE ? set->children : NULL; nv; nv = nv->next) {
					const char *n = nv->type == XML_ELEMENT_NODE ? cib_xml_attr(nv, "name") : NULL;
					if (!n || strcmp(n, name))
						continue;
					const char *v = cib_xml_attr(nv, "value");
					if (quiet)
						printf("%s\n", v ? v : "");
					else
						printf("name=\"%s\" host=\"%s\" value=\"%s\"\n", name, un, v ? v : "");
					found++;
				}
		}
	}
	xmlFreeDoc(doc);
	if (!found) {
		tool_err(prog, "could not query value of %s: attribute does not exist", name);
		return 6;   /* Pacemaker's CRM_EX_NOSUCH */
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'Z' }, { "version", no_argument, NULL, '$' },
		{ "quiet", no_argument, NULL, 'q' }, { "verbose", no_argument, NULL, 'V' },
		{ "name", required_argument, NULL, 'n' }, { "update", required_argument, NULL, 'U' },
		{ "update-both", required_argument, NULL, 'B' }, { "update-delay", no_argument, NULL, 'Y' },
		{ "delete", no_argument, NULL, 'D' }, { "query", no_argument, NULL, 'Q' },
		{ "refresh", no_argument, NULL, 'R' }, { "delay", required_argument, NULL, 'd' },
		{ "node", required_argument, NULL, 'N' }, { "all", no_argument, NULL, 'A' },
		{ "lifetime", required_argument, NULL, 'l' }, { "set", required_argument, NULL, 's' },
		{ "private", no_argument, NULL, 'p' }, { NULL, 0, NULL, 0 }
	};
	const char *name = NULL, *value = NULL, *node = NULL, *delay = NULL;
	int cmd = 0, quiet = 0, all = 0, c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":V$qn:U:v:B:YDQRd:N:Al:s:p", lo, NULL)) != -1) {
		int std = tool_std_option(prog, c, argv);
		if (std == TOOL_OPT_HELP) {
			usage(stdout);
			return 0;
		}
		if (std != TOOL_OPT_OTHER)
			return std;
		switch (c) {
		case 'V': case 's': case 'p': break;
		case 'q': quiet = 1; break;
		case 'n': name = optarg; break;
		case 'U': case 'v': case 'B': value = optarg; cmd = 'U'; break;
		case 'D': case 'Q': case 'R': case 'Y': cmd = c; break;
		case 'd': delay = optarg; break;
		case 'N': node = optarg; break;
		case 'A': all = 1; break;
		case 'l':
			if (strcmp(optarg, "reboot")) {
				tool_err(prog, "invalid lifetime '%s': a transient attribute lives until the node reboots (reboot)",
					 optarg);
				return 1;
			}
			break;
		}
	}
	if (tool_args_done(prog, argc, argv, cmd != 0, "-U VALUE -B VALUE -D -Q -R") != TOOL_ARGS_OK)
		return 1;
	if (cmd == 'R' || cmd == 'Y')
		return 0;   /* nothing is cached here to refresh, and -Y alone changes no value */
	if (!name) {
		tool_err(prog, "an attribute name is required (-n NAME)");
		return 1;
	}
	long long ms = 0;
	if (delay) {
		ms = cib_parse_interval(delay);
		if (ms < 0 || ms > 24LL * 3600 * 1000) {
			tool_err(prog, "invalid delay '%s': expected a time such as 5s or 500ms", delay);
			return 1;
		}
	}
	int rc;
	char *err = NULL;
	struct cib_conn *conn = cib_conn_open_live(prog, &rc, &err);
	if (!conn) {
		tool_err(prog, "could not connect to the controller: %s", err ? err : "the cluster is not running here");
		g_free(err);
		return 107;   /* Pacemaker's ENOTCONN-based exit */
	}
	if (cmd == 'Q') {
		rc = query(conn, name, node ? node : tool_local_uname(), all, quiet);
		cib_conn_close(conn);
		return rc;
	}
	struct cib_crmd_req req = { .op = cmd == 'D' ? "attr_delete" : "attr_update", .node = node, .name = name,
				    .value = value, .dampen_ms = (unsigned)ms };
	rc = cib_conn_crmd(conn, &req, NULL, &err);
	if (rc != CIB_OK)
		tool_err(prog, "could not %s %s: %s", cmd == 'D' ? "delete" : "update", name, err ? err : cib_strerror(rc));
	g_free(err);
	cib_conn_close(conn);
	return rc == CIB_OK ? 0 : 1;
}
