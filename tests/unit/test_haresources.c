/* haresources parser: continuation lines, comments, node check against ha.cf,
 * resource splitting into script and arguments, IP shorthand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "haresources.h"

static struct haresources hr;
static struct conf_errors er;

static int P(const char *text, const struct hb_config *cf)
{
	haresources_free(&hr);
	conf_errors_free(&er);
	return haresources_parse(text, strlen(text), "haresources", cf, &hr, &er);
}

int main(void)
{
	CHECK_INT(P("n1 IPaddr2::10.250.0.100/24/eth0 tbmarker\n", NULL), 0);
	CHECK_INT(hr.ngroups, 1);
	CHECK_STR(hr.groups[0].node, "n1");
	CHECK_INT(hr.groups[0].nres, 2);
	CHECK_STR(hr.groups[0].res[0].type, "IPaddr2");
	CHECK_INT(hr.groups[0].res[0].nargs, 1);
	CHECK_STR(hr.groups[0].res[0].args[0], "10.250.0.100/24/eth0");
	CHECK_STR(hr.groups[0].res[1].type, "tbmarker");
	haresources_free(&hr);
	conf_errors_free(&er);
	return T_DONE();
}
