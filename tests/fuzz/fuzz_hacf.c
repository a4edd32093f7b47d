/* libFuzzer target: arbitrary bytes as ha.cf (with and without a local node)
 * and as haresources checked against the config just parsed.  Any crash, leak
 * or undefined behaviour here is a bug: both files come from outside. */
#include <stddef.h>
#include <stdint.h>
#include "conf.h"
#include "haresources.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hb_config cf;
	struct conf_errors er = { 0 };
	struct haresources hr;

	conf_parse((const char *)data, size, "ha.cf", (size & 1) ? "n1" : NULL, &cf, &er);
	(void)conf_param(&cf, "keepalive");
	haresources_parse((const char *)data, size, "haresources", &cf, &hr, &er);
	haresources_free(&hr);
	haresources_parse((const char *)data, size, "haresources", NULL, &hr, &er);
	haresources_free(&hr);
	conf_free(&cf);
	conf_errors_free(&er);
	return 0;
}
