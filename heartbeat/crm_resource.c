/* crm_resource: list, locate, move, clean up and reconfigure resources, as
 * heartbeat 2.x / Pacemaker 1.0's crm_resource did (messages and exit codes
 * are 1.0's: the result code modulo 256, 234 "does not exist", 244 "not
 * moved").  Runs agents by hand with --force-start/-stop/-check through
 * lib/ra.  Parameter handling is in crm_resource_attr.c, moves and
 * cleanup in crm_resource_move.c. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "crm_resource.h"

const char *rsc_prog = "crm_resource";

static void usage(FILE *f)
{
	fprintf(f,
		"crm_resource - Perform tasks related to cluster resources.\n"
		"  Allows resources to be queried (definition and location), modified, and moved around the cluster.\n\n"
		"Usage: crm_resource (query|command) [options]\n"
		"Options:\n"
		" -?, --help\t\tThis text\n"
		" -$, --version\t\tVersion information\n"
		" -V, --verbose\t\tIncrease debug output\n"
		" -Q, --quiet\t\tPrint only the value on stdout\n\n"
		" -r, --resource=value\tResource ID\n\n"
		"Queries:\n"
		" -L, --list\t\tList all resources\n"
		" -l, --list-raw\t\tList the IDs of all instansiated resources (no groups/clones/...)\n"
		" -O, --list-operations\tList active resource operations.  Optionally filtered by resource (-r) and/or node (-N)\n"
		" -o, --list-all-operations\tList all resource operations.  Optionally filtered by resource (-r) and/or node (-N)\n"
		" -q, --query-xml\tQuery the definition of a resource\n"
		" -W, --locate\t\tDisplay the current location(s) of a resource\n\n"
		"Commands:\n"
		" -p, --set-parameter=value\tSet the named parameter for a resource. See also -m, --meta\n"
		" -g, --get-parameter=value\tDisplay the named parameter for a resource. See also -m, --meta\n"
		" -d, --delete-parameter=value\tDelete the named parameter for a resource. See also -m, --meta\n"
		" -M, --move\t\tMove a resource from its current location, optionally specifying a destination (-N) and/or a period for which it should take effect (-u)\n"
		"\t\t\t\tIf -N is not specified, the cluster will force the resource to move by creating a rule for the current location and a score of -INFINITY\n"
		"\t\t\t\tNOTE: This will prevent the resource from running on this node until the constraint is removed with -U\n"
		" -U, --un-move\t\tRemove all constraints created by a move command\n\n"
		"Advanced Commands:\n"
		" -D, --delete\t\tDelete a resource from the CIB\n"
		" -F, --fail\t\tTell the cluster this resource has failed\n"
		" -R, --refresh\t\t(Advanced) Refresh the CIB from the LRM\n"
		" -C, --cleanup\t\t(Advanced) Delete a resource from the LRM\n"
		" -P, --reprobe\t\t(Advanced) Re-check for resources started outside of the CRM\n"
		"     --force-start\tRun the resource's start action here, by hand (no cluster involved)\n"
		"     --force-stop\tRun the resource's stop action here, by hand\n"
		"     --force-check\tRun the resource's monitor action here, by hand\n\n"
		"Additional Options:\n"
		" -N, --node=value\tHost uname\n"
		" -t, --resource-type=value\tResource type (primitive, clone, group, ...)\n"
		" -v, --parameter-value=value\tValue to use with -p, -g or -d\n"
		" -u, --lifetime=value\tLifespan of migration constraints (ISO 8601 duration, e.g. PT1H)\n"
		" -m, --meta\t\tModify a resource's configuration option rather than one which is passed to the resource agent script. For use with -p, -g, -d\n"
		" -s, --set-name=value\t(Advanced) ID of the instance_attributes object to change\n"
		" -i, --nvpair=value\t(Advanced) ID of the nvpair object to change/delete\n"
		" -f, --force\n\n"
		"Environment: CIB_file=PATH works on a CIB file instead of the running cluster.\n\n"
		"Examples:\n\n"
		"List the configured resources:\n"
		" crm_resource --list\n"
		"Display the current location of 'myResource':\n"
		" crm_resource --resource myResource --locate\n"
		"Move 'myResource' to another machine:\n"
		" crm_resource --resource myResource --move\n"
		"Move 'myResource' to a specific machine:\n"
		" crm_resource --resource myResource --move --node altNode\n"
		"Allow (but not force) 'myResource' to move back to its original location:\n"
		" crm_resource --resource myResource --un-move\n"
		"Tell the cluster that 'myResource' failed:\n"
		" crm_resource --resource myResource --fail\n"
		"Stop a 'myResource' (and anything that depends on it):\n"
		" crm_resource --resource myResource --set-parameter target-role --meta --parameter-value Stopped\n"
		"Tell the cluster not to manage 'myResource':\n"
		" crm_resource --resource myResource --set-parameter is-managed --meta --parameter-value false\n"
		"Erase the operation history of 'myResource' on 'aNode':\n"
		" crm_resource --resource myResource --cleanup --node aNode\n");
}

static void raw(struct view_rsc *r)
{
	if (!r->children->len)
		printf("%s\n", r->id);
	for (guint i = 0; i < r->children->len; i++)
		raw(g_ptr_array_index(r->children, i));
}

static int query_xml(struct view *v, const char *id)
{
	struct view_rsc *r = rsc_find_or_clone(v, id);
	if (!r)
		return CIB_E_NOTEXISTS;
	print_rsc(stdout, r, NULL, 0);
	if (r->xml) {
		char *s = cib_xml_dump(r->xml);
		printf("raw xml:\n%s\n", s);
		g_free(s);
	}
	return CIB_OK;
}

static int get_property(struct view *v, const char *id, const char *prop)
{
	struct view_rsc *r = view_find(v, id);
	const char *val = r && r->xml ? cib_xml_attr(r->xml, prop) : NULL;
	if (!val)
		return CIB_E_NOTEXISTS;
	printf("%s\n", val);
	return CIB_OK;
}

static int set_property(struct cib_conn *c, const char *id, const char *type, const char *prop, const char *value)
{
	if (!value || !*value) {
		fprintf(stderr, "You need to supply a value with the -v option\n");
		return CIB_E_MISSING_FIELD;
	}
	if (!type) {
		fprintf(stderr, "You need to specify a resource type with -t\n");
		return CIB_E_NOTEXISTS;
	}
	xmlNodePtr n = xmlNewNode(NULL, (const xmlChar *)type);
	xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)id);
	xmlSetProp(n, (const xmlChar *)prop, (const xmlChar *)value);
	struct cib_req req = { CIB_REQ_MODIFY, "resources", NULL, n, CIB_F_FORCE };
	int rc = tool_apply(c, rsc_prog, &req, NULL);
	xmlFreeNode(n);
	return rc;
}

static int delete_rsc(struct cib_conn *c, const char *id, const char *type)
{
	if (!type) {
		fprintf(stderr, "You need to specify a resource type with -t");
		return CIB_E_NOTEXISTS;
	}
	xmlNodePtr n = xmlNewNode(NULL, (const xmlChar *)type);
	xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)id);
	struct cib_req req = { CIB_REQ_DELETE, "resources", NULL, n, CIB_F_FORCE };
	int rc = tool_apply(c, rsc_prog, &req, NULL);
	xmlFreeNode(n);
	return rc;
}

enum { OPT_FORCE_START = 256, OPT_FORCE_STOP, OPT_FORCE_CHECK };

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'Z' }, { "version", no_argument, NULL, '$' },
		{ "verbose", no_argument, NULL, 'V' }, { "quiet", no_argument, NULL, 'Q' },
		{ "resource", required_argument, NULL, 'r' }, { "list", no_argument, NULL, 'L' },
		{ "list-raw", no_argument, NULL, 'l' }, { "list-cts", no_argument, NULL, 'c' },
		{ "list-operations", no_argument, NULL, 'O' }, { "list-all-operations", no_argument, NULL, 'o' },
		{ "query-xml", no_argument, NULL, 'q' }, { "locate", no_argument, NULL, 'W' },
		{ "stack", no_argument, NULL, 'A' }, { "constraints", no_argument, NULL, 'a' },
		{ "set-parameter", required_argument, NULL, 'p' }, { "get-parameter", required_argument, NULL, 'g' },
		{ "delete-parameter", required_argument, NULL, 'd' }, { "get-property", required_argument, NULL, 'G' },
		{ "set-property", required_argument, NULL, 'S' }, { "move", no_argument, NULL, 'M' },
		{ "un-move", no_argument, NULL, 'U' }, { "delete", no_argument, NULL, 'D' },
		{ "fail", no_argument, NULL, 'F' }, { "refresh", no_argument, NULL, 'R' },
		{ "cleanup", no_argument, NULL, 'C' }, { "reprobe", no_argument, NULL, 'P' },
		{ "node", required_argument, NULL, 'N' }, { "resource-type", required_argument, NULL, 't' },
		{ "parameter-value", required_argument, NULL, 'v' }, { "lifetime", required_argument, NULL, 'u' },
		{ "meta", no_argument, NULL, 'm' }, { "set-name", required_argument, NULL, 's' },
		{ "nvpair", required_argument, NULL, 'i' }, { "force", no_argument, NULL, 'f' },
		{ "xml-file", required_argument, NULL, 'x' }, { "host-uname", required_argument, NULL, 'H' },
		{ "migrate", no_argument, NULL, 'M' }, { "un-migrate", no_argument, NULL, 'U' },
		{ "force-start", no_argument, NULL, OPT_FORCE_START },
		{ "force-stop", no_argument, NULL, OPT_FORCE_STOP },
		{ "force-check", no_argument, NULL, OPT_FORCE_CHECK }, { NULL, 0, NULL, 0 }
	};
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	struct rsc_opts o = { 0 };
	o.set_type = "instance_attributes";
	int cmd = 'L', c;
	const char *xml_file = NULL;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":V$LRQxDCPp:WMUr:H:h:v:t:g:d:i:s:G:S:fx:lmu:FOocqN:aA", lo, NULL)) != -1) {
		int std = tool_std_option(rsc_prog, c, argv);
		if (std == TOOL_OPT_HELP) {
			usage(stdout);
			return 0;
		}
		if (std != TOOL_OPT_OTHER)
			return std;
		switch (c) {
		case 'V': break;
		case 'x': xml_file = optarg; break;
		case 'Q': o.quiet = 1; break;
		case 'm': o.set_type = "meta_attributes"; break;
		case 'u': o.lifetime = optarg; break;
		case 'f': o.force = 1; break;
		case 'i': o.prop_id = optarg; break;
		case 's': o.prop_set = optarg; break;
		case 'r': o.rsc_id = optarg; break;
		case 'v': o.prop_value = optarg; break;
		case 't': o.rsc_type = optarg; break;
		case 'p': case 'g': case 'd': case 'S': case 'G':
			o.prop_name = optarg;
			cmd = c;
			break;
		case 'h': case 'H': case 'N': o.host = optarg; break;
		case 'c': case 'A': case 'a':
			tool_err(rsc_prog, "option %s is not supported by this crm_resource", argv[optind - 1]);
			return 1;
		default:
			cmd = c;
		}
	}
	if (tool_args_done(rsc_prog, argc, argv, 1, NULL) != TOOL_ARGS_OK)
		return 1;
	if (cmd == OPT_FORCE_START || cmd == OPT_FORCE_STOP || cmd == OPT_FORCE_CHECK) {
		o.force_op = cmd == OPT_FORCE_START ? "start" : cmd == OPT_FORCE_STOP ? "stop" : "monitor";
		cmd = 'X';
	}
	int rc = CIB_OK;
	struct cib_conn *conn = NULL;
	xmlDocPtr doc = NULL;
	if (xml_file) {
		char *err = NULL;
		doc = cib_xml_read_file(xml_file, &err);
		if (!doc) {
			tool_err(rsc_prog, "%s: %s", xml_file, err ? err : "unreadable");
			g_free(err);
			return CIB_E_CONNECTION;
		}
	} else {
		conn = tool_connect(rsc_prog, &rc);
		if (!conn) {
			fprintf(stderr, "Error signing on to the CIB service: %s\n", cib_strerror(rc));
			return rc;
		}
		doc = tool_query(conn, rsc_prog, &rc);
		if (!doc) {
			cib_conn_close(conn);
			return rc;
		}
	}
	if ((cmd == 'R' || cmd == 'F' || cmd == 'P') && (!conn || cib_conn_kind(conn) != CIB_CONN_LIVE)) {
		/* These talk to the controller (the CRMd), which a file has not. */
		fprintf(stderr, "Error signing on to the CRMd service\n");
		tool_err(rsc_prog, "%s needs the running cluster", cmd == 'R' ? "--refresh" : cmd == 'F' ? "--fail" : "--reprobe");
		xmlFreeDoc(doc);
		cib_conn_close(conn);
		return 1;
	}
	struct view *v = view_build(doc, 0);
	o.view = v;
	o.conn = conn;
	int need_rsc = !(cmd == 'L' || cmd == 'l' || cmd == 'O' || cmd == 'o' || cmd == 'R' || cmd == 'P');
	int quiet_end = 0;
	if (need_rsc && !o.rsc_id) {
		CMD_ERR("Must supply a resource id with -r\n");
		rc = CIB_E_NOTEXISTS;
		quiet_end = 1;
	} else if (need_rsc && cmd != 'C' && cmd != 'F' && !rsc_find_or_clone(v, o.rsc_id) && cmd != 'D') {
		CMD_ERR("Resource %s not found: %s\n", o.rsc_id, cib_strerror(CIB_E_NOTEXISTS));
		rc = CIB_E_NOTEXISTS;
	} else {
		switch (cmd) {
		case 'L': rc = rsc_list(v); break;
		case 'l':
			if (!v->rscs->len) {
				printf("NO resources configured\n");
				rc = CIB_E_NOTEXISTS;
			}
			for (guint i = 0; i < v->rscs->len; i++)
				raw(g_ptr_array_index(v->rscs, i));
			break;
		case 'O': case 'o': rc = rsc_list_operations(&o, cmd == 'O'); break;
		case 'W': rc = rsc_locate(v, o.rsc_id, o.quiet); break;
		case 'q': rc = query_xml(v, o.rsc_id); break;
		case 'U': rc = rsc_move(&o, NULL, NULL); break;
		case 'M': rc = rsc_migrate(&o); break;
		case 'C': rc = rsc_cleanup(&o); break;
		case 'F': rc = rsc_crmd(&o, "lrm_fail"); break;
		case 'R': rc = rsc_crmd(&o, "lrm_refresh"); break;
		case 'P': rc = rsc_crmd(&o, "reprobe"); break;
		case 'G': rc = get_property(v, o.rsc_id, o.prop_name); break;
		case 'S':
			rc = conn ? set_property(conn, o.rsc_id, o.rsc_type, o.prop_name, o.prop_value) : CIB_E_CONNECTION;
			break;
		case 'g': rc = rsc_get_param(&o); break;
		case 'p': rc = rsc_set_param(&o); break;
		case 'd': rc = rsc_delete_param(&o); break;
		case 'D': rc = conn ? delete_rsc(conn, o.rsc_id, o.rsc_type) : CIB_E_CONNECTION; break;
		case 'X': rc = rsc_force(&o); break;
		default:
			CMD_ERR("Unknown command: %c\n", cmd);
		}
	}
	view_free(v);
	cib_conn_close(conn);
	if (cmd == 'X')
		return rc;
	if (rc < 0 && !quiet_end)
		CMD_ERR("Error performing operation: %s\n", cib_strerror(rc));
	return rc;
}
