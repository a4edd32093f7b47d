/* libFuzzer target for the CIB reader and the policy engine behind it:
 * any bytes must give a clear error or a model (with diagnostics), never a
 * crash, and the engine must digest whatever model the reader accepts. */
#include <stdio.h>
#include "cib/cib.h"
#include "pengine/pe.h"

static FILE *sink;

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (!sink)
		sink = fopen("/dev/null", "w");
	char *err = NULL;
	struct cib *c = cib_parse_memory((const char *)data, size, &err);
	if (!c) {
		if (!err)
			__builtin_trap(); /* a failed parse must say why */
		g_free(err);
		return 0;
	}
	cib_validate(c);
	struct pe_options opt = { 1000000, 1 };
	struct pe_ws *ws = pe_run(c, &opt);
	if (sink) {
		pe_print_status(ws, sink, 0);
		pe_print_summary(ws, sink);
		pe_print_transition(ws, sink);
		pe_print_status(ws, sink, 1);
	}
	pe_free(ws);
	cib_free(c);
	return 0;
}
