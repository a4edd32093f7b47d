/* crmadmin: questions for the cluster's controllers (who is the DC, what
 * state is a node's controller in) and a few controller commands, as in
 * heartbeat 2.x / Pacemaker 1.0.  Always the live cluster (there is no file
 * equivalent of a controller): when none runs here it says so and exits
 * as 1.0 did (254). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "config.h"
#include "crm_tool.h"

static const char *prog = "crmadmin";

static void usage(FILE *f)
{
	fprintf(f, "crmadmin - Development tool for performing some controller-specific commands.\n"
		   "  Likely to be replaced by crm_node in the future\n\n"
		   "Usage: crmadmin command [options]\n"
		   "Options:\n"
		   " -?, --help\t\tThis text\n"
		   " -$, --version\t\tVersion information\n"
		   " -q, --quiet\t\tDisplay only the essential query information\n"
		   " -V, --verbose\t\tIncrease debug output\n\n"
		   "Commands:\n"
		   " -S, --status=value\tDisplay the status of the specified node.\n"
		   "\t\t\tResult is the node's internal FSM state which can be useful for debugging\n"
		   " -D, --dc_lookup\tDisplay the uname of the node co-ordinating the cluster.\n"
		   " -N, --nodes\t\tDisplay the uname of all member nodes\n"
		   " -H, --health\t\tDisplay the status of the local node\n"
		   " -K, --kill=value\tShutdown the controller on the specified node\n"
		   " -E, --election\t\tStart an election for the cluster co-ordinator\n\n"
		   "Additional Options:\n"
		   " -t, --timeout=value\tTime (in milliseconds) to wait before declaring the operation failed\n"
		   " -B, --bash-export\tCreate Bash export entries of the form 'export uname=uuid'\n");
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'Z' }, { "version", no_argument, NULL, '$' },
		{ "quiet", no_argument, NULL, 'q' }, { "verbose", no_argument, NULL, 'V' },
		{ "status", required_argument, NULL, 'S' }, { "dc_lookup", no_argument, NULL, 'D' },
		{ "nodes", no_argument, NULL, 'N' }, { "health", no_argument, NULL, 'H' },
		{ "kill", required_argument, NULL, 'K' }, { "election", no_argument, NULL, 'E' },
		{ "timeout", required_argument, NULL, 't' }, { "bash-export", no_argument, NULL, 'B' },
		{ NULL, 0, NULL, 0 }
	};
	int cmd = 0, quiet = 0, bash = 0, c;
	const char *node = NULL;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":V$qS:DNHK:Et:B", lo, NULL)) != -1) {
		int std = tool_std_option(prog, c, argv);
		if (std == TOOL_OPT_HELP) {
			usage(stdout);
			return 0;
		}
		if (std != TOOL_OPT_OTHER)
			return std;
		switch (c) {
		case 'V': case 't': break;
		case 'q': quiet = 1; break;
		case 'B': bash = 1; break;
		case 'S': case 'K': node = optarg; cmd = c; break;
		default: cmd = c;
		}
	}
	if (tool_args_done(prog, argc, argv, cmd != 0, "-D -S NODE -H -N -K NODE -E") != TOOL_ARGS_OK)
		return 1;
	int rc;
	char *err = NULL;
	struct cib_conn *conn = cib_conn_open_live(prog, &rc, &err);
	if (!conn) {
		if (err)
			tool_err(prog, "%s", err);
		tool_err(prog, "the cluster is not running on this node (crmadmin talks to the live controller only)");
		fprintf(stderr, "Init failed, could not perform requested operations\n");
		g_free(err);
		return 254;
	}
	xmlNodePtr reply = NULL;
	if (cmd == 'N') {
		xmlDocPtr doc = tool_query(conn, prog, &rc);
		xmlNodePtr nodes = doc ? cib_section(doc, "nodes") : NULL;
		for (xmlNodePtr n = nodes ? nodes->children : NULL; n; n = n->next) {
			const char *u = cib_xml_attr(n, "uname"), *id = cib_xml_attr(n, "id");
			if (n->type != XML_ELEMENT_NODE)
				continue;
			if (bash)
				printf("export %s=%s\n", u ? u : "", id ? id : "");
			else
				printf("%s node: %s (%s)\n", cib_xml_attr(n, "type") ? cib_xml_attr(n, "type") : "normal",
				       u ? u : "", id ? id : "");
		}
		if (doc)
			xmlFreeDoc(doc);
	} else {
		struct cib_crmd_req req = { .op = cmd == 'D' ? "dc_query" : cmd == 'K' ? "shutdown" :
						  cmd == 'E' ? "election" : "node_status",
					    .node = cmd == 'H' ? tool_local_uname() : node };
		rc = cib_conn_crmd(conn, &req, &reply, &err);
		if (rc != CIB_OK) {
			tool_err(prog, "%s", err ? err : cib_strerror(rc));
		} else if (cmd == 'D') {
			const char *dc = cib_xml_attr(reply, "uname");
			printf("Designated Controller is: %s\n", dc ? dc : "(null)");
			if (quiet && dc)
				fprintf(stderr, "%s\n", dc);
		} else if (cmd == 'S' || cmd == 'H') {
			const char *state = cib_xml_attr(reply, "crmd_state");
			printf("Status of %s@%s: %s (%s)\n", cib_xml_attr(reply, "crm_subsystem") ? cib_xml_attr(reply, "crm_subsystem") : "crmd",
			       req.node ? req.node : "(null)", state ? state : "(null)",
			       cib_xml_attr(reply, "result") ? cib_xml_attr(reply, "result") : "(null)");
			if (quiet && state)
				fprintf(stderr, "%s\n", state);
		}
		g_free(err);
		if (reply)
			xmlFreeNode(reply);
	}
	cib_conn_close(conn);
	return rc == CIB_OK ? 0 : -rc;
}
