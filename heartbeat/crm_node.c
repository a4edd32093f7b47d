/* crm_node: low-level node information (-q quorum, -p partition members,
 * -l all nodes, -n this node's name, -i its id) as Pacemaker 1.0's crm_node
 * printed it.  From heartbeat's membership (lib/client) when the daemon runs
 * and no CIB_file/CIB_shadow is set, else from the CIB through cib_conn
 * (node_state records the membership). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "client.h"
#include "crm_view.h"
#include "crm_tool.h"

static const char *prog = "crm_node";

static void usage(FILE *f)
{
	fprintf(f, "crm_node - Tool for displaying low-level node information\n\n"
		   "Usage: crm_node command [options]\n"
		   "Options:\n"
		   " -?, --help\t\tThis text\n"
		   " -$, --version\t\tVersion information\n"
		   " -V, --verbose\t\tIncrease debug output\n"
		   " -Q, --quiet\t\tEssential output only\n\n"
		   "Stack:\n"
		   " -H, --heartbeat\tOnly try connecting to a Heartbeat-based cluster\n\n"
		   "Commands:\n"
		   " -e, --epoch\t\tDisplay the epoch during which this node joined the cluster\n"
		   " -q, --quorum\t\tDisplay a 1 if our partition has quorum, 0 if not\n"
		   " -l, --list\t\tDisplay all known members (past and present) of this cluster\n"
		   " -p, --partition\tDisplay the members of this partition\n"
		   " -n, --name\t\tDisplay the name used by the cluster for this node\n"
		   " -i, --cluster-id\tDisplay this node's cluster id\n\n"
		   "Environment: CIB_file=PATH reads a CIB file instead of the running cluster.\n");
}

/* heartbeat's uuids as 1.0 spelled them (node ids in the CIB). */
static void uuid_text(const unsigned char u[16], char out[37])
{
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3],
		 u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
}

/* heartbeat's /var/lib/heartbeat/hb_uuid: 16 raw bytes. */
static int print_hb_uuid(void)
{
	FILE *f = fopen(HA_VARLIBDIR "/hb_uuid", "rb");
	unsigned char u[16];
	if (!f)
		return -1;
	size_t n = fread(u, 1, sizeof u, f);
	fclose(f);
	if (n != sizeof u)
		return -1;
	char t[37];
	uuid_text(u, t);
	printf("%s\n", t);
	return 0;
}

static int node_cmp(const void *a, const void *b)
{
	return strcmp(((const struct client_node *)a)->name, ((const struct client_node *)b)->name);
}

/* A node is in our partition once heartbeat hears it (up, or active). */
static int hb_member(const struct client_node *n)
{
	return !strcmp(n->status, "active") || !strcmp(n->status, "up");
}

/* The command answered by the running heartbeat's membership: the exit
 * code, or -1 when no daemon answers (the caller falls back to the CIB).
 * -q there is the CCM's rule: more than half of the normal nodes. */
static int hb_command(int command)
{
	enum client_error e;
	char why[256];
	struct hb_client *c = client_signon(NULL, &e, why, sizeof why);
	if (!c)
		return -1;
	struct client_node *nodes = NULL;
	int n = client_nodes(c, &nodes), ret = 0, members = 0, total = 0;
	if (n < 0) {
		tool_err(prog, "heartbeat did not list its nodes: %s", client_errmsg(c));
		client_close(c);
		return 1;
	}
	qsort(nodes, (size_t)n, sizeof *nodes, node_cmp);
	for (int i = 0; i < n; i++) {
		const struct client_node *x = &nodes[i];
		unsigned char u[16];
		char t[37];
		if (strcmp(x->type, "normal"))
			continue;
		total++;
		members += hb_member(x);
		if (command == 'p' && hb_member(x))
			printf("%s ", x->name);
		if (command == 'l') {
			if (client_node_uuid(c, x->name, u) == 0)
				uuid_text(u, t);
			else
				g_strlcpy(t, x->name, sizeof t);
			printf("%s %s %s\n", t, x->name, hb_member(x) ? "member" : "lost");
		}
	}
	if (command == 'p' || command == 'l')
		printf("\n");
	if (command == 'q')
		printf("%d\n", 2 * members > total ? 1 : 0);
	if (command == 'i') {
		unsigned char u[16];
		char t[37];
		if (client_node_uuid(c, client_node(c), u) == 0) {
			uuid_text(u, t);
			printf("%s\n", t);
		} else {
			tool_err(prog, "heartbeat does not know the uuid of %s: %s", client_node(c), client_errmsg(c));
			ret = 1;
		}
	}
	client_nodes_free(nodes, n);
	client_close(c);
	return ret;
}

/* The DC's have-quorum (in the live CIB) is the answer to -q when a CRM runs. */
static int live_cib_up(void)
{
	int rc;
	char *err = NULL;
	struct cib_conn *c = cib_conn_open_live(prog, &rc, &err);
	int up = c != NULL;
	g_free(err);
	cib_conn_close(c);
	return up;
}

static int cmp_uname(gconstpointer a, gconstpointer b)
{
	const struct view_node *x = *(struct view_node *const *)a, *y = *(struct view_node *const *)b;
	return strcmp(x->uname, y->uname);
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'Z' }, { "version", no_argument, NULL, '$' },
		{ "verbose", no_argument, NULL, 'V' }, { "quiet", no_argument, NULL, 'Q' },
		{ "heartbeat", no_argument, NULL, 'H' }, { "openais", no_argument, NULL, 'A' },
		{ "epoch", no_argument, NULL, 'e' }, { "quorum", no_argument, NULL, 'q' },
		{ "list", no_argument, NULL, 'l' }, { "partition", no_argument, NULL, 'p' },
		{ "name", no_argument, NULL, 'n' }, { "cluster-id", no_argument, NULL, 'i' },
		{ "remove", required_argument, NULL, 'R' }, { "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	int command = 0, c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":V$QHAqepnilR:f", lo, NULL)) != -1) {
		int std = tool_std_option(prog, c, argv);
		if (std == TOOL_OPT_HELP) {
			usage(stdout);
			return 0;
		}
		if (std != TOOL_OPT_OTHER)
			return std;
		switch (c) {
		case 'V': case 'Q': case 'H': case 'f': break;
		case 'A':
			tool_err(prog, "only a Heartbeat-based cluster is supported (-A asks for OpenAIS)");
			return 1;
		case 'R':
			tool_err(prog, "--remove is for OpenAIS clusters; with heartbeat, delete the node with cibadmin");
			return 1;
		default: command = c;
		}
	}
	if (tool_args_done(prog, argc, argv, command != 0, "-q -p -l -n -i -e") != TOOL_ARGS_OK)
		return 1;
	if (command == 'n') {
		const char *u = tool_local_uname();
		if (!u)
			return 1;
		printf("%s\n", u);
		return 0;
	}
	int file_mode = getenv("CIB_file") || getenv("CIB_shadow");
	if (!file_mode && command != 'e' && (command != 'q' || !live_cib_up())) {
		int ret = hb_command(command);
		if (ret >= 0)
			return ret;
	}
	if (command == 'i' && !file_mode && print_hb_uuid() == 0)
		return 0;
	if (command == 'e') {
		/* The CCM's "born on" epoch is not in the CIB. */
		tool_err(prog, "--epoch needs the CCM's join epoch, which neither heartbeat's API nor the CIB gives");
		return 1;
	}
	int rc;
	struct cib_conn *conn = tool_connect(prog, &rc);
	if (!conn)
		return 1;
	xmlDocPtr doc = tool_query(conn, prog, &rc);
	cib_conn_close(conn);
	if (!doc)
		return 1;
	struct view *v = view_build(doc, 0);
	int ret = 0;
	GPtrArray *sorted = g_ptr_array_new();
	for (guint i = 0; i < v->nodes->len; i++)
		g_ptr_array_add(sorted, g_ptr_array_index(v->nodes, i));
	g_ptr_array_sort(sorted, cmp_uname);
	switch (command) {
	case 'q':
		printf("%d\n", v->have_quorum ? 1 : 0);
		break;
	case 'p':
		for (guint i = 0; i < sorted->len; i++) {
			const struct view_node *n = g_ptr_array_index(sorted, i);
			if (n->online)
				printf("%s ", n->uname);
		}
		printf("\n");
		break;
	case 'l':
		for (guint i = 0; i < sorted->len; i++) {
			const struct view_node *n = g_ptr_array_index(sorted, i);
			printf("%s %s %s\n", n->id ? n->id : n->uname, n->uname, n->online ? "member" : "lost");
		}
		printf("\n");
		break;
	case 'i': {
		const char *u = tool_local_uname();
		struct view_node *n = view_node_by_uname(v, u);
		if (n && n->id) {
			printf("%s\n", n->id);
		} else {
			tool_err(prog, "this node (%s) is not in the CIB's <nodes>", u ? u : "?");
			ret = 1;
		}
		break;
	}
	}
	g_ptr_array_free(sorted, TRUE);
	view_free(v);
	return ret;
}
