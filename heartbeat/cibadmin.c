/* cibadmin: direct access to the CIB (query, create, modify, replace,
 * delete, erase, bump, upgrade, patch, digest) through cib_conn, with
 * heartbeat 2.x / Pacemaker 1.0's options, messages and exit codes (the
 * negated result code: 21 "already exists", 22 "does not exist", ...). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "crm_tool.h"

static const char *prog = "cibadmin";

static void usage(FILE *f)
{
	fprintf(f,
		"cibadmin - Provides direct access to the cluster configuration.\n\n"
		" Allows the configuration, or sections of it, to be queried, modified, replaced and deleted.\n\n"
		" Where necessary, XML data will be obtained using the -X, -x, or -p options\n\n"
		"Usage: cibadmin command [options] [data]\n"
		"Options:\n"
		" -?, --help\t\tThis text\n"
		" -$, --version\t\tVersion information\n"
		" -V, --verbose\t\tIncrease debug output\n\n"
		"Commands:\n"
		" -u, --upgrade\t\tUpgrade the configuration to the latest syntax\n"
		" -Q, --query\t\tQuery the contents of the CIB\n"
		" -E, --erase\t\tErase the contents of the whole CIB\n"
		" -B, --bump\t\tIncrease the CIB's epoch value by 1\n"
		" -C, --create\t\tCreate an object in the CIB.  Will fail if the object already exists.\n"
		" -M, --modify\t\tFind the object somewhere in the CIB's XML tree and update it.  Fails if the object does not exist unless -c is specified\n"
		" -P, --patch\t\tSupply an update in the form of an xml diff\n"
		" -R, --replace\t\tRecursivly replace an object in the CIB\n"
		" -D, --delete\t\tDelete the first object matching the supplied criteria, Eg. <op id=\"rsc1_op1\" name=\"monitor\"/>\n"
		"\t\t\tThe tagname and all attributes must match in order for the element to be deleted\n"
		" -d, --delete-all\tWhen used with --xpath, remove all matching objects in the configuration instead of just the first one\n"
		" -5, --md5-sum\t\tCalculate a CIB digest\n"
		" -S, --sync\t\t(Advanced) Force a refresh of the CIB to all nodes\n\n"
		"Additional options:\n"
		" -f, --force\n"
		" -t, --timeout=value\tTime (in seconds) to wait before declaring the operation failed\n"
		" -s, --sync-call\tWait for call to complete before returning\n"
		" -l, --local\t\tCommand takes effect locally.  Should only be used for queries\n"
		" -c, --allow-create\t(Advanced) Allow the target of a -M operation to be created if they do not exist\n"
		" -n, --no-children\t(Advanced) When querying an object, do not return include its children in the result\n\n"
		"Data:\n"
		" -X, --xml-text=value\tRetrieve XML from the supplied string\n"
		" -x, --xml-file=value\tRetrieve XML from the named file\n"
		" -p, --xml-pipe\t\tRetrieve XML from stdin\n\n"
		" -A, --xpath=value\tA valid XPath to use instead of -o\n"
		" -o, --scope=value\tLimit the scope of the operation to a specific section of the CIB.\n"
		"\t\t\tValid values are: nodes, resources, constraints, crm_config, rsc_defaults, op_defaults, status\n"
		" -N, --node=value\t(Advanced) Send command to the specified host\n\n"
		"Environment: CIB_file=PATH works on a CIB file instead of the running cluster.\n\n"
		"Examples:\n\n"
		"Query the configuration from the local node:\n"
		" cibadmin --query --local\n"
		"Query the just the cluster options configuration:\n"
		" cibadmin --query --scope crm_config\n"
		"Query all 'target-role' settings:\n"
		" cibadmin --query --xpath \"//nvpair[@name='target-role']\"\n"
		"Remove all 'is-managed' settings:\n"
		" cibadmin --delete-all --xpath \"//nvpair[@name='is-managed']\"\n"
		"Remove the resource named 'old':\n"
		" cibadmin --delete --xml-text '<primitive id=\"old\"/>'\n"
		"Remove all resources from the configuration:\n"
		" cibadmin --replace --scope resources --xml-text '<resources/>'\n"
		"Replace the complete configuration with the contents of $HOME/pacemaker.xml:\n"
		" cibadmin --replace --xml-file $HOME/pacemaker.xml\n"
		"Increase the configuration version to prevent old configurations from being loaded accidentally:\n"
		" cibadmin --modify --xml-text '<cib admin_epoch=\"admin_epoch++\"/>'\n");
}

enum action { ACT_NONE, ACT_QUERY, ACT_CREATE, ACT_MODIFY, ACT_REPLACE, ACT_DELETE, ACT_ERASE, ACT_BUMP,
	      ACT_UPGRADE, ACT_PATCH, ACT_MD5, ACT_SYNC, ACT_SLAVE, ACT_MASTER, ACT_ISMASTER };

static char *digest(xmlNodePtr n)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodeDump(b, n->doc, n, 0, 0);
	char *d = g_compute_checksum_for_string(G_CHECKSUM_MD5, (const char *)xmlBufferContent(b), -1);
	xmlBufferFree(b);
	return d;
}

static int run(enum action act, const struct cib_req *req)
{
	int rc;
	struct cib_conn *conn = tool_connect(prog, &rc);
	if (!conn) {
		fprintf(stderr, "Signon to CIB failed: %s\n", cib_strerror(rc));
		fprintf(stderr, "Init failed, could not perform requested operations\n");
		return -rc;
	}
	xmlNodePtr output = NULL;
	if (act == ACT_SYNC || act == ACT_SLAVE || act == ACT_MASTER || act == ACT_ISMASTER) {
		/* Replica control (sync, master/slave of the CIB copy) is the
		 * live controller's; neither backend offers it yet. */
		rc = CIB_E_NOTSUPPORTED;
	} else {
		rc = tool_apply(conn, prog, req, &output);
	}
	if (rc != CIB_OK)
		fprintf(stderr, "Call failed: %s\n", cib_strerror(rc));
	if (output) {
		char *s = cib_xml_dump(output);
		fputs(s, stdout);
		g_free(s);
		xmlFreeNode(output);
	}
	cib_conn_close(conn);
	return -rc;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'Z' }, { "version", no_argument, NULL, '$' },
		{ "verbose", no_argument, NULL, 'V' }, { "upgrade", no_argument, NULL, 'u' },
		{ "query", no_argument, NULL, 'Q' }, { "erase", no_argument, NULL, 'E' },
		{ "bump", no_argument, NULL, 'B' }, { "create", no_argument, NULL, 'C' },
		{ "modify", no_argument, NULL, 'M' }, { "update", no_argument, NULL, 'U' },
		{ "patch", no_argument, NULL, 'P' }, { "replace", no_argument, NULL, 'R' },
		{ "delete", no_argument, NULL, 'D' }, { "delete-all", no_argument, NULL, 'd' },
		{ "md5-sum", no_argument, NULL, '5' }, { "sync", no_argument, NULL, 'S' },
		{ "make-slave", no_argument, NULL, 'r' }, { "make-master", no_argument, NULL, 'w' },
		{ "is-master", no_argument, NULL, 'm' }, { "force", no_argument, NULL, 'f' },
		{ "force-quorum", no_argument, NULL, 'f' }, { "timeout", required_argument, NULL, 't' },
		{ "sync-call", no_argument, NULL, 's' }, { "local", no_argument, NULL, 'l' },
		{ "allow-create", no_argument, NULL, 'c' }, { "no-children", no_argument, NULL, 'n' },
		{ "no-bcast", no_argument, NULL, 'b' }, { "xml-text", required_argument, NULL, 'X' },
		{ "xml-file", required_argument, NULL, 'x' }, { "xml-pipe", no_argument, NULL, 'p' },
		{ "xpath", required_argument, NULL, 'A' }, { "scope", required_argument, NULL, 'o' },
		{ "obj_type", required_argument, NULL, 'o' }, { "node", required_argument, NULL, 'N' },
		{ "host", required_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	enum action act = ACT_NONE;
	int flags = 0, dangerous = 0, force = 0, from_stdin = 0, c;
	const char *section = NULL, *xpath = NULL, *text = NULL, *file = NULL;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":V$o:QDUCEX:t:Srwlsh:MmBfbRx:pP5N:A:uncd", lo, NULL)) != -1) {
		int std = tool_std_option(prog, c, argv);
		if (std == TOOL_OPT_HELP) {
			usage(stdout);
			return 0;
		}
		if (std != TOOL_OPT_OTHER)
			return std;
		switch (c) {
		case 'V': case 's': case 'l': case 'N': case 'h': break;
		case 't':
			if (atoi(optarg) < 1 && strcmp(optarg, "0")) {
				tool_err(prog, "invalid timeout '%s' (seconds)", optarg);
				return 1;
			}
			break;
		case 'A': xpath = optarg; break;
		case 'u': act = ACT_UPGRADE; dangerous = 1; break;
		case 'E': act = ACT_ERASE; dangerous = 1; break;
		case 'Q': act = ACT_QUERY; break;
		case 'P': act = ACT_PATCH; break;
		case 'S': act = ACT_SYNC; break;
		case 'U': case 'M': act = ACT_MODIFY; break;
		case 'R': act = ACT_REPLACE; break;
		case 'C': act = ACT_CREATE; break;
		case 'D': act = ACT_DELETE; break;
		case 'd': act = ACT_DELETE; flags |= CIB_F_MULTIPLE; dangerous = 1; break;
		case '5': act = ACT_MD5; break;
		case 'c': flags |= CIB_F_CAN_CREATE; break;
		case 'n': flags |= CIB_F_NO_CHILDREN; break;
		case 'm': act = ACT_ISMASTER; break;
		case 'B': act = ACT_BUMP; break;
		case 'r': act = ACT_SLAVE; dangerous = 1; break;
		case 'w': act = ACT_MASTER; dangerous = 1; break;
		case 'b': dangerous = 1; break;
		case 'f': force = 1; flags |= CIB_F_FORCE; break;
		case 'o': section = optarg; break;
		case 'X': text = optarg; break;
		case 'x': file = optarg; break;
		case 'p': from_stdin = 1; break;
		}
	}
	int args = tool_args_done(prog, argc, argv, act != ACT_NONE, "-Q -C -M -R -D -E -B -P -u -5");
	if (args != TOOL_ARGS_OK)
		return args == TOOL_ARGS_EXTRA ? 2 : 1;
	if (dangerous && !force) {
		fprintf(stderr, "The supplied command is considered dangerous."
				"  To prevent accidental destruction of the cluster,"
				" the --force flag is required in order to proceed.\n");
		return 1;
	}
	if (section && !cib_section_known(section)) {
		tool_err(prog, "unknown scope '%s' (valid: nodes, resources, constraints, crm_config, rsc_defaults, "
			 "op_defaults, status, configuration)", section);
		return -CIB_E_BAD_SECTION;
	}
	xmlDocPtr input = NULL;
	if (file || text || from_stdin) {
		input = tool_read_xml(prog, file, text, from_stdin);
		if (!input)
			return 1;
	}
	xmlNodePtr data = input ? xmlDocGetRootElement(input) : NULL;
	if (act == ACT_MD5) {
		if (!data) {
			fprintf(stderr, "Please supply XML to process with -X, -x or -p\n");
			return 1;
		}
		char *d = digest(data);
		fprintf(stderr, "Digest: ");
		printf("%s\n", d);
		g_free(d);
		xmlFreeDoc(input);
		return 0;
	}
	int needs_data = act == ACT_CREATE || act == ACT_MODIFY || act == ACT_REPLACE || act == ACT_PATCH ||
			 (act == ACT_DELETE && !xpath);
	if (needs_data && !data) {
		tool_err(prog, "%s needs XML input: give it with -X, -x or -p", act == ACT_CREATE ? "--create" :
			 act == ACT_MODIFY ? "--modify" : act == ACT_REPLACE ? "--replace" :
			 act == ACT_PATCH ? "--patch" : "--delete");
		fprintf(stderr, "Call failed: %s\n", cib_strerror(CIB_E_NOOBJECT));
		return -CIB_E_NOOBJECT;
	}
	if (act == ACT_REPLACE && data && !strcmp((const char *)data->name, "cib") && !cib_xml_child(data, "status", NULL))
		xmlNewChild(data, NULL, (const xmlChar *)"status", NULL); /* as 1.0's cibadmin did */
	static const enum cib_opcode ops[] = {
		[ACT_QUERY] = CIB_REQ_QUERY, [ACT_CREATE] = CIB_REQ_CREATE, [ACT_MODIFY] = CIB_REQ_MODIFY,
		[ACT_REPLACE] = CIB_REQ_REPLACE, [ACT_DELETE] = CIB_REQ_DELETE, [ACT_ERASE] = CIB_REQ_ERASE,
		[ACT_BUMP] = CIB_REQ_BUMP, [ACT_UPGRADE] = CIB_REQ_UPGRADE, [ACT_PATCH] = CIB_REQ_PATCH,
	};
	struct cib_req req = { act <= ACT_PATCH ? ops[act] : CIB_REQ_QUERY, section, xpath, data, flags };
	int rc = run(act, &req);
	if (input)
		xmlFreeDoc(input);
	return rc;
}
