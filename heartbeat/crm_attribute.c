/* crm_attribute and the aliases that share its code, chosen by the name it
 * is called by, as in heartbeat 2.x / Pacemaker 1.0: crm_standby (the
 * "standby" node attribute), crm_failcount (fail-count-RSC in the status
 * section), crm_master (master-RSC for the calling OCF agent).  Messages
 * and exit codes are 1.0's (the result code modulo 256: 234 "does not
 * exist", 216 "several match"). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "config.h"
#include "crm_attr.h"

enum tool { T_ATTRIBUTE, T_STANDBY, T_FAILCOUNT, T_MASTER };

static const char *prog = "crm_attribute";

static void usage(FILE *f, enum tool t)
{
	switch (t) {
	case T_MASTER:
		fprintf(f, "usage: %s [-?VQ] -(D|G|v) [-l]\n", prog);
		break;
	case T_STANDBY:
		fprintf(f, "usage: %s [-?V] -(N|U|u) -(D|G|v) [-l]\n", prog);
		break;
	case T_FAILCOUNT:
		fprintf(f, "usage: %s [-?V] -(N|U|u) -(D|G|v) -r\n", prog);
		break;
	default:
		fprintf(f, "usage: %s [-?V] -(D|G|v) [options]\n", prog);
	}
	fprintf(f, "Options\n"
		   "\t--help (-?)\t: this help message\n"
		   "\t--verbose (-V)\t: turn on debug info. additional instances increase verbosity\n"
		   "\t--quiet (-Q)\t: Print only the value on stdout (use with -G)\n"
		   "\t--get-value (-G)\t: Retrieve rather than set the %s\n"
		   "\t--delete-attr (-D)\t: Delete rather than set the attribute\n"
		   "\t--attr-value (-v) <string>\t: Value to use (ignored with -G)\n"
		   "\t--attr-id (-i) <string>\t: The 'id' of the attribute. Advanced use only.\n",
		t == T_MASTER ? "preference to be promoted" : "named attribute");
	if (t == T_MASTER) {
		fprintf(f, "\t--lifetime (-l) <string>\t: How long the preference lasts (reboot|forever)\n");
		return;
	}
	fprintf(f, "\t--node (-N) <node_uname>\t: uname of the node to change\n"
		   "\t--node-uuid (-u) <node_uuid>\t: UUID of the node to change\n");
	if (t == T_STANDBY) {
		fprintf(f, "\t--lifetime (-l) <string>\t: How long the preference lasts (reboot|forever)\n"
			   "\t    If a forever value exists, it is ALWAYS used by the CRM\n"
			   "\t    instead of any reboot value\n");
		return;
	}
	if (t == T_FAILCOUNT) {
		fprintf(f, "\t--resource-id (-r) <resource name>\t: name of the resource to operate on\n");
		return;
	}
	fprintf(f, "\t--set-name (-s) <string>\t: Set of attributes in which to read/write the attribute\n"
		   "\t--attr-name (-n) <string>\t: Attribute to set\n"
		   "\t--type (-t) <string>\t: Which section of the CIB to set the attribute: (nodes|status|crm_config|rsc_defaults|op_defaults)\n"
		   "\t    -t=nodes options: -(N|u) -n [-s]\n"
		   "\t    -t=status options: -(N|u) -n [-s]\n"
		   "\t    -t=crm_config options: -n [-s]\n"
		   "\t--lifetime (-l) <string>\t: reboot (the status section) or forever (nodes)\n"
		   "\t--default (-d) <string>\t: Value to print (with -G) when the attribute is not set\n"
		   "\nEnvironment: CIB_file=PATH works on a CIB file instead of the running cluster.\n");
}

static int finish(int rc)
{
	if (rc == CIB_E_MISSING_DATA)
		printf("Please choose from one of the matches above and suppy the 'id' with --attr-id\n");
	else if (rc < 0)
		fprintf(stderr, "Error performing operation: %s\n", cib_strerror(rc));
	return rc;
}

static void print_value(int quiet, const struct attr_ref *a, const char *value)
{
	if (quiet) {
		if (value)
			printf("%s\n", value);
		return;
	}
	printf("scope=%s %s%s %s%s value=%s\n", a->section, a->attr_id ? "id=" : "", a->attr_id ? a->attr_id : "",
	       a->attr_name ? "name=" : "", a->attr_name ? a->attr_name : "", value ? value : "(null)");
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'Z' }, { "version", no_argument, NULL, '$' },
		{ "verbose", no_argument, NULL, 'V' }, { "quiet", no_argument, NULL, 'Q' },
		{ "get-value", no_argument, NULL, 'G' }, { "query", no_argument, NULL, 'G' },
		{ "delete-attr", no_argument, NULL, 'D' }, { "delete", no_argument, NULL, 'D' },
		{ "node", required_argument, NULL, 'N' }, { "node-uname", required_argument, NULL, 'U' },
		{ "node-uuid", required_argument, NULL, 'u' }, { "set-name", required_argument, NULL, 's' },
		{ "attr-id", required_argument, NULL, 'i' }, { "id", required_argument, NULL, 'i' },
		{ "attr-name", required_argument, NULL, 'n' }, { "name", required_argument, NULL, 'n' },
		{ "attr-value", required_argument, NULL, 'v' }, { "update", required_argument, NULL, 'v' },
		{ "resource-id", required_argument, NULL, 'r' }, { "lifetime", required_argument, NULL, 'l' },
		{ "type", required_argument, NULL, 't' }, { "default", required_argument, NULL, 'd' },
		{ "inhibit-policy-engine", no_argument, NULL, '!' },
		/* Pacemaker 2.x's crm_master: what its agents (Stateful) call */
		{ "promotion", optional_argument, NULL, 'P' }, { NULL, 0, NULL, 0 }
	};
	const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	enum tool t = !strcmp(base, "crm_standby") ? T_STANDBY : !strcmp(base, "crm_failcount") ? T_FAILCOUNT :
		      !strcmp(base, "crm_master") ? T_MASTER : T_ATTRIBUTE;
	prog = t == T_STANDBY ? "crm_standby" : t == T_FAILCOUNT ? "crm_failcount" : t == T_MASTER ? "crm_master" :
								       "crm_attribute";
	if (argc < 2) {
		usage(stderr, t);
		return 2;
	}
	int do_query = 0, do_delete = 0, quiet = 0, promotion = 0, c;
	const char *uname = NULL, *uuid = NULL, *set = NULL, *id = NULL, *name = NULL, *value = NULL;
	const char *rsc = NULL, *type = NULL, *lifetime = NULL, *def = NULL;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":V$GDQqN:U:u:s:n:v:l:t:i:!r:d:z", lo, NULL)) != -1) {
		int std = tool_std_option(prog, c, argv);
		if (std == TOOL_OPT_HELP) {
			usage(stdout, t);
			return 0;
		}
		if (std != TOOL_OPT_OTHER)
			return std;
		switch (c) {
		case 'V': case '!': break;
		case 'z':
			tool_err(prog, "utilization attributes (-z) are not supported");
			return 1;
		case 'G': do_query = 1; break;
		case 'D': do_delete = 1; break;
		case 'Q': case 'q': quiet = 1; break;
		case 'N': case 'U': uname = optarg; break;
		case 'u': uuid = optarg; break;
		case 's': set = optarg; break;
		case 'n': name = optarg; break;
		case 'v': value = optarg; break;
		case 'l': lifetime = optarg; break;
		case 't': type = optarg; break;
		case 'i': id = optarg; break;
		case 'r': rsc = optarg; break;
		case 'd': def = optarg; break;
		case 'P':
			t = T_MASTER;
			if (optarg)
				rsc = optarg;
			promotion = 1;
			break;
		}
	}
	if (promotion && !lifetime)
		lifetime = "reboot";   /* --promotion's default, unlike crm_master's */
	if (tool_args_done(prog, argc, argv, 1, NULL) != TOOL_ARGS_OK)
		return 1;
	if (lifetime && strcmp(lifetime, "reboot") && strcmp(lifetime, "forever")) {
		tool_err(prog, "invalid lifetime '%s' (reboot or forever)", lifetime);
		return 1;
	}
	if (type && strcmp(type, "nodes") && strcmp(type, "status") && strcmp(type, "crm_config") &&
	    strcmp(type, "rsc_defaults") && strcmp(type, "op_defaults") && strcmp(type, "reboot") &&
	    strcmp(type, "forever")) {
		tool_err(prog, "invalid type '%s' (nodes, status, crm_config, rsc_defaults or op_defaults)", type);
		return 1;
	}
	if (!type && lifetime)
		type = lifetime;
	if (type && !strcmp(type, "reboot"))
		type = "status";
	else if (type && !strcmp(type, "forever"))
		type = "nodes";
	if (!do_query && !do_delete && !value) {
		if (t == T_STANDBY)
			fprintf(stderr, "Please specify 'true' or 'false' with -v\n");
		else
			tool_err(prog, "nothing to do: give -G, -D or -v VALUE");
		return 1;
	}
	int rc;
	struct cib_conn *conn = tool_connect(prog, &rc);
	if (!conn) {
		fprintf(stderr, "Error signing on to the CIB service: %s\n", cib_strerror(rc));
		return rc;
	}
	xmlDocPtr doc = tool_query(conn, prog, &rc);
	if (!doc) {
		cib_conn_close(conn);
		return finish(rc);
	}
	if (t == T_ATTRIBUTE && !type && !uname && !uuid)
		type = "crm_config"; /* a cluster option: no node involved */
	else if (!uname && !uuid && (!type || strcmp(type, "crm_config")))
		uname = tool_local_uname();
	if (type && (!strcmp(type, "crm_config") || !strcmp(type, "rsc_defaults") || !strcmp(type, "op_defaults")))
		uname = uuid = NULL;
	if (!uuid && uname) {
		uuid = tool_node_uuid(doc, uname);
		if (!uuid) {
			fprintf(stderr, "Could not map uname=%s to a UUID: %s\n", uname, cib_strerror(CIB_E_NOTEXISTS));
			xmlFreeDoc(doc);
			cib_conn_close(conn);
			return CIB_E_NOTEXISTS;
		}
	}
	struct attr_ref a = { type ? type : "nodes", uuid, set, id, name };
	char *owned_name = NULL, *owned_id = NULL, *owned_set = NULL;
	if (t == T_MASTER) {
		const char *inst = rsc ? rsc : getenv("OCF_RESOURCE_INSTANCE");
		a.section = type && !strcmp(type, "status") ? "status" : "nodes";
		if (!inst) {
			fprintf(stderr, "This program should only ever be invoked from inside an OCF resource agent.\n");
			fprintf(stderr, "DO NOT INVOKE MANUALLY FROM THE COMMAND LINE.\n");
			rc = 1;
			goto out;
		}
		a.attr_name = owned_name = g_strdup_printf("master-%s", inst);
		if (!id)
			a.attr_id = owned_id = g_strdup_printf("%s-%s-%s", a.section, a.attr_name, uuid);
		if (!set)
			a.set_name = owned_set = g_strdup_printf("master-%s", uuid);
	} else if (t == T_FAILCOUNT) {
		a.section = "status";
		if (!rsc) {
			fprintf(stderr, "Please specify a resource with -r\n");
			rc = 1;
			goto out;
		}
		a.set_name = NULL;
		a.attr_name = owned_name = g_strdup_printf("fail-count-%s", rsc);
	} else if (t == T_STANDBY) {
		a.attr_name = "standby";
		if (!type)
			a.section = value ? "nodes" : do_delete ? "nodes" : NULL;
	} else if (!name && !id) {
		tool_err(prog, "give the attribute's name with -n (or its id with -i)");
		rc = 1;
		goto out;
	}
	if (do_delete) {
		rc = attr_delete(conn, prog, doc, &a);
		if (rc == CIB_E_NOTEXISTS)
			rc = CIB_OK; /* not there is what was asked for */
		else if (rc == CIB_OK && t == T_FAILCOUNT) {
			/* As 1.0: make the engine run again now. */
			char now[32];
			snprintf(now, sizeof now, "%lld", (long long)time(NULL));
			struct attr_ref r = { "crm_config", NULL, NULL, NULL, "last-lrm-refresh" };
			attr_update(conn, prog, doc, &r, now);
		}
	} else if (!do_query) {
		rc = attr_update(conn, prog, doc, &a, value);
	} else {
		xmlNodePtr found = NULL;
		if (t == T_STANDBY && !a.section) {
			/* Without -l: the permanent value, else the transient one. */
			a.section = "nodes";
			rc = attr_find(doc, &a, 1, &found);
			if (rc == CIB_E_NOTEXISTS) {
				a.section = "status";
				rc = attr_find(doc, &a, 1, &found);
			}
		} else {
			rc = attr_find(doc, &a, 1, &found);
		}
		const char *v = found ? cib_xml_attr(found, "value") : NULL;
		if (rc == CIB_E_NOTEXISTS && (def || t == T_FAILCOUNT)) {
			rc = CIB_OK;
			v = def ? def : "0";
		}
		if (rc == CIB_E_NOTEXISTS && t == T_STANDBY) {
			/* 1.0 said so, then showed the default. */
			finish(rc);
			rc = CIB_OK;
			v = "off";
		}
		if (rc != CIB_E_MISSING_DATA)
			print_value(quiet, &a, v);
	}
out:
	g_free(owned_name);
	g_free(owned_id);
	g_free(owned_set);
	xmlFreeDoc(doc);
	cib_conn_close(conn);
	return finish(rc);
}
