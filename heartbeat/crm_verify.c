/* crm_verify -x FILE | -L: checks a cib.xml (or the live CIB through cib_conn) against the supported subset and the
 * semantic rules, prints every problem, and exits as Pacemaker's crm_verify
 * does (0 clean, 78 config errors or warnings, 1 unreadable input). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cib/cib.h"
#include "cib/cib_conn.h"
#include "pengine/pe.h"

enum { EX_OK = 0, EX_ERROR = 1, EX_USAGE = 64, EX_CONFIG = 78 };

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "xml-file", required_argument, NULL, 'x' }, { "verbose", no_argument, NULL, 'V' },
		{ "live-check", no_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *file = NULL;
	int verbose = 0, live = 0, c;
	while ((c = getopt_long(argc, argv, "x:VhL", lo, NULL)) != -1) {
		switch (c) {
		case 'x': file = optarg; break;
		case 'L': live = 1; break;
		case 'V': verbose++; break;
		case 'h':
			printf("Usage: crm_verify -x FILE|-L [-V]\n");
			return EX_OK;
		default:
			fprintf(stderr, "Usage: crm_verify -x FILE|-L [-V]\n");
			return EX_USAGE;
		}
	}
	if (!file && !live) {
		fprintf(stderr, "crm_verify: -x FILE or -L (the live CIB, or CIB_file) is required\n");
		return EX_USAGE;
	}
	char *err = NULL;
	struct cib *cib;
	if (!file) {
		/* As 1.0's -L: the CIB cib_conn reaches (CIB_file, or the cluster). */
		xmlDocPtr doc = cib_conn_fetch("crm_verify");
		if (!doc)
			return 3;
		file = "live CIB";
		cib = cib_from_doc(doc);
	} else {
		cib = cib_parse_file_ro(file, &err);
	}
	if (!cib) {
		fprintf(stderr, "crm_verify: Couldn't parse input file: %s: %s\n", file, err ? err : "");
		g_free(err);
		return EX_ERROR;
	}
	cib_validate(cib);
	/* Running the engine surfaces semantic problems (e.g. unknown nodes)
	 * exactly as a real transition would meet them. */
	struct pe_ws *ws = pe_run(cib, NULL);
	pe_free(ws);
	int errors = 0, warnings = 0;
	for (guint i = 0; i < cib->diags->len; i++) {
		struct cib_diag *d = g_ptr_array_index(cib->diags, i);
		if (d->sev == CIB_ERROR)
			errors++;
		else
			warnings++;
		fprintf(stderr, "%s: %s: %s\n", file, d->sev == CIB_ERROR ? "error" : "warning", d->text);
	}
	cib_free(cib);
	if (errors) {
		fprintf(stderr, "crm_verify: Errors found during check: config not valid\n");
		if (!verbose)
			fprintf(stderr, "  -V may provide more details\n");
		return EX_CONFIG;
	}
	if (warnings) {
		fprintf(stderr, "crm_verify: Warnings found during check: config may not be valid\n");
		if (!verbose)
			fprintf(stderr, "  -V may provide more details\n");
		return EX_CONFIG;
	}
	return EX_OK;
}
