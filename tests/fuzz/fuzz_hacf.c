/* libFuzzer target: arbitrary bytes as ha.cf (with and without a local node),
 * the checks against a machine (fake probes that accept or refuse by the
 * first byte of the name), the bytes as haresources checked against the
 * config just parsed, and a reload from the first half of the bytes to the
 * whole (conf_diff, conf_apply_live, haresources_diff).  Any crash, leak or undefined behaviour here is a bug:
 * both files come from outside. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "conf.h"
#include "conf_check.h"
#include "conf_diff.h"
#include <stdlib.h>
#include "haresources.h"

static int odd(const char *s, char *err, size_t len)
{
	if (s[0] & 1) {
		snprintf(err, len, "refused [%s]", s);
		return -1;
	}
	return 0;
}

static int f_iface(const char *n, enum media_type t, char *e, size_t l) { (void)t; return odd(n, e, l); }
static int f_resolve(const char *h, int fam, char *e, size_t l) { (void)fam; return odd(h, e, l); }
static int f_serial(const char *p, char *e, size_t l) { return odd(p, e, l); }
static const struct conf_probes probes = { f_iface, f_resolve, f_serial };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hb_config cf, half;
	struct conf_errors er = { 0 };
	struct haresources hr, hr2;
	struct conf_diff d;
	struct hr_change *c = NULL;

	conf_parse((const char *)data, size, "ha.cf", (size & 1) ? "n1" : NULL, &cf, &er);
	(void)conf_param(&cf, "keepalive");
	conf_check_system(&cf, &probes, &er);
	haresources_parse((const char *)data, size, "haresources", &cf, &hr, &er);
	haresources_free(&hr);
	haresources_parse((const char *)data, size, "haresources", NULL, &hr, &er);
	conf_parse((const char *)data, size / 2, "ha.cf", "n1", &half, &er);
	conf_diff(&half, &cf, &d);
	conf_diff_free(&d);
	conf_apply_live(&half, &cf);
	haresources_parse((const char *)data, size / 2, "haresources", NULL, &hr2, &er);
	haresources_diff(&hr2, &hr, &c);
	free(c);
	haresources_free(&hr2);
	haresources_free(&hr);
	conf_free(&half);
	conf_free(&cf);
	conf_errors_free(&er);
	return 0;
}
