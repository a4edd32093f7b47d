/* ptest: the heartbeat 2.x policy-engine tester.  Reads a cib.xml, applies
 * node/operation injections, runs the engine and prints what
 * `crm_simulate -x FILE -S` prints (status, Transition Summary, actions,
 * revised status), or allocation scores, and writes the graph on request. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cib/cib.h"
#include "cib/cib_conn.h"
#include "pengine/pe.h"

/* crm_simulate's exit codes (Pacemaker crm_exit_t). */
enum { EX_OK = 0, EX_ERROR = 1, EX_USAGE = 64, EX_SOFTWARE = 70 };

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: ptest -x FILE [options]\n"
		"  -x, --xml-file FILE     read the CIB from FILE\n"
		"  -L, --live-check        read the live CIB (or CIB_file) through cib_conn\n"
		"  -R, --run               run the policy engine (status + Transition Summary)\n"
		"  -S, --simulate          as -R, then simulate the transition and print the revised status\n"
		"  -s, --show-scores       print allocation scores\n"
		"  -G, --save-graph FILE   write the transition graph (XML)\n"
		"  -D, --save-dotfile FILE write the transition graph (Graphviz)\n"
		"  -d, --node-down NODE    inject: NODE goes down cleanly\n"
		"  -u, --node-up NODE      inject: NODE comes up\n"
		"  -i, --op-inject RSC_OP_INTERVAL@NODE=RC  inject an operation result\n"
		"  -Q, --quiet             print nothing but errors\n"
		"  -t, --time EPOCH        evaluate at this time (seconds)\n");
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "xml-file", required_argument, NULL, 'x' }, { "simulate", no_argument, NULL, 'S' },
		{ "run", no_argument, NULL, 'R' }, { "show-scores", no_argument, NULL, 's' },
		{ "save-graph", required_argument, NULL, 'G' }, { "save-dotfile", required_argument, NULL, 'D' },
		{ "node-down", required_argument, NULL, 'd' }, { "node-up", required_argument, NULL, 'u' },
		{ "op-inject", required_argument, NULL, 'i' }, { "quiet", no_argument, NULL, 'Q' },
		{ "time", required_argument, NULL, 't' }, { "help", no_argument, NULL, 'h' },
		{ "verbose", no_argument, NULL, 'V' }, { "live-check", no_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	const char *file = NULL, *graph = NULL, *dot = NULL;
	int simulate = 0, scores = 0, quiet = 0, live = 0, c;
	long long now = 0;
	GPtrArray *downs = g_ptr_array_new(), *ups = g_ptr_array_new(), *injects = g_ptr_array_new();
	while ((c = getopt_long(argc, argv, "x:SRsG:D:d:u:i:Qt:hVL", lo, NULL)) != -1) {
		switch (c) {
		case 'x': file = optarg; break;
		case 'S': simulate = 1; break;
		case 'R': break;
		case 's': scores = 1; break;
		case 'G': graph = optarg; break;
		case 'D': dot = optarg; break;
		case 'd': g_ptr_array_add(downs, optarg); break;
		case 'u': g_ptr_array_add(ups, optarg); break;
		case 'i': g_ptr_array_add(injects, optarg); break;
		case 'Q': quiet = 1; break;
		case 't': now = atoll(optarg); break;
		case 'V': break;
		case 'h': usage(stdout); return EX_OK;
		case 'L': live = 1; break;
		default: usage(stderr); return EX_USAGE;
		}
	}
	if ((!file && !live) || optind < argc) {
		usage(stderr);
		return EX_USAGE;
	}
	char *err = NULL;
	struct cib *cib;
	if (!file) {
		/* As 1.0's -L: the CIB cib_conn reaches (CIB_file, or the cluster). */
		xmlDocPtr doc = cib_conn_fetch("ptest");
		if (!doc)
			return 3;
		file = "live CIB";
		cib = cib_from_doc(doc);
	} else {
		cib = cib_parse_file_ro(file, &err);
	}
	if (!cib) {
		fprintf(stderr, "ptest: %s: %s\n", file, err ? err : "cannot read");
		g_free(err);
		return EX_SOFTWARE;
	}
	for (guint i = 0; i < cib->diags->len; i++) {
		struct cib_diag *d = g_ptr_array_index(cib->diags, i);
		fprintf(stderr, "ptest: %s: %s\n", d->sev == CIB_ERROR ? "error" : "warning", d->text);
	}
	int rc = EX_OK;
	for (guint i = 0; i < downs->len; i++)
		if (pe_inject_node_down(cib, g_ptr_array_index(downs, i)) < 0)
			fprintf(stderr, "ptest: unknown node %s\n", (char *)g_ptr_array_index(downs, i));
	for (guint i = 0; i < ups->len; i++)
		if (pe_inject_node_up(cib, g_ptr_array_index(ups, i)) < 0)
			fprintf(stderr, "ptest: unknown node %s\n", (char *)g_ptr_array_index(ups, i));
	for (guint i = 0; i < injects->len; i++) {
		if (pe_inject_op(cib, g_ptr_array_index(injects, i), &err) < 0) {
			fprintf(stderr, "ptest: %s\n", err);
			g_free(err);
			rc = EX_USAGE;
		}
	}
	struct pe_options opt = { now, scores };
	struct pe_ws *ws = pe_run(cib, &opt);
	if (scores && !quiet) {
		if (!simulate)
			fputs("Allocation scores:\n", stdout);
		fputs(ws->log->str, stdout);
	}
	if (!quiet && (!scores || simulate)) {
		pe_print_status(ws, stdout, 0);
		fputc('\n', stdout);
		pe_print_summary(ws, stdout);
		if (simulate) {
			fputc('\n', stdout);
			pe_print_transition(ws, stdout);
			fputc('\n', stdout);
			pe_print_status(ws, stdout, 1);
		}
	}
	if (graph && pe_write_graph_xml(ws, graph) < 0) {
		fprintf(stderr, "ptest: cannot write %s\n", graph);
		rc = EX_ERROR;
	}
	if (dot && pe_write_graph_dot(ws, dot) < 0) {
		fprintf(stderr, "ptest: cannot write %s\n", dot);
		rc = EX_ERROR;
	}
	pe_free(ws);
	cib_free(cib);
	g_ptr_array_free(downs, TRUE);
	g_ptr_array_free(ups, TRUE);
	g_ptr_array_free(injects, TRUE);
	return rc;
}
