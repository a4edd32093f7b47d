/* haresources2cib's mapping: what lib/haresources keeps of comments, the
 * IPaddr argument split in each compat mode, id counters, clones, --no-ocf,
 * --no-monitor, auto_failback, stonith_host (names from a stand-in for
 * "stonith -n -t"), the errors with file:line, the pacemaker-1.0 upgrade,
 * and the minidom-style printer. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "h2c.h"

static char msgbuf[8192];

static int fake_names(const char *type, char ***names, char *err, size_t errlen)
{
	static const char *const riloe[] = { "hostlist", "ilo_hostname", "ilo_user" };
	int i, n;

	if (strcmp(type, "meatware") == 0)
		n = 1;
	else if (strcmp(type, "external/riloe") == 0)
		n = 3;
	else {
		snprintf(err, errlen, "no such type");
		return -1;
	}
	*names = calloc((size_t)n, sizeof **names);
	for (i = 0; i < n; i++)
		(*names)[i] = strdup(riloe[i]);
	return n;
}

/* Convert; the document printed (0.6, or 1.0 when pm10), or NULL.  The
 * messages land in msgbuf; *nerr / *nwarn count them. */
static char *convert(const char *hr_text, const char *hacf, struct h2c_opts *o, bool pm10, int *nerr, int *nwarn)
{
	struct conf_errors ce = { 0 }, he = { 0 };
	struct hb_config cf;
	struct haresources hr;
	FILE *m = fmemopen(msgbuf, sizeof msgbuf, "w");
	struct h2c_msgs msgs = { .out = m };
	struct xel *cib, *up;
	char *text = NULL;

	memset(msgbuf, 0, sizeof msgbuf);
	conf_parse(hacf, strlen(hacf), "ha.cf", NULL, &cf, &ce);
	if (haresources_parse(hr_text, strlen(hr_text), "haresources", &cf, &hr, &he) < 0)
		fprintf(m, "%s\n", he.msg[0]);
	o->hacf_name = "ha.cf";
	if (!o->stonith_names)
		o->stonith_names = fake_names;
	cib = h2c_map(&hr, "haresources", &cf, o, &msgs);
	if (cib) {
		if (pm10) {
			up = h2c_upgrade(cib);
			xel_free(cib);
			cib = up;
		}
		text = xel_pretty(cib, "<?xml version=\"1.0\" ?>");
		xel_free(cib);
	}
	fclose(m);
	*nerr = msgs.nerr + he.n;
	*nwarn = msgs.nwarn;
	haresources_free(&hr);
	conf_free(&cf);
	conf_errors_free(&ce);
	conf_errors_free(&he);
	return text;
}

#define HACF "node pm01 pm02\nbcast eth0\n"
#define HAS(text, s) CHECK((text) && strstr((text), (s)) != NULL)
#define HASNT(text, s) CHECK((text) && strstr((text), (s)) == NULL)
#define MSG(s) CHECK(strstr(msgbuf, (s)) != NULL)

static void test_lib_comments(void)
{
	struct haresources hr;
	struct conf_errors e = { 0 };
	const char *t = "# a comment\npm01 a b #grpX\npm02 c # not a tag\n#rsc_order a start after c\n"
			"pm01 d \\\n#clone:x\n";

	CHECK_INT(haresources_parse(t, strlen(t), "hr", NULL, &hr, &e), 0);
	CHECK_INT(hr.ngroups, 3);
	if (hr.ngroups == 3) {
		CHECK_STR(hr.groups[0].tag, "grpX");
		CHECK(hr.groups[1].tag == NULL);
		CHECK(hr.groups[2].tag == NULL);   /* a comment line ending a continuation tags nothing */
	}
	CHECK_INT(hr.ncomments, 3);
	if (hr.ncomments == 3) {
		CHECK_STR(hr.comments[0].text, " a comment");
		CHECK_INT(hr.comments[0].line, 1);
		CHECK_STR(hr.comments[1].text, "rsc_order a start after c");
		CHECK_INT(hr.comments[1].line, 4);
		CHECK_STR(hr.comments[2].text, "clone:x");
	}
	haresources_free(&hr);
	conf_errors_free(&e);
}

static void test_ipaddr(void)
{
	struct h2c_opts o = { 0 };
	int ne, nw;
	char *x;

	/* ours: bits -> cidr_netmask (_attr_2), interface -> nic (_attr_1) */
	x = convert("pm01 IPaddr::10.0.0.5/24/eth1/10.0.0.255/junk\n", HACF, &o, false, &ne, &nw);
	CHECK_INT(ne + nw, 0);
	HAS(x, "<primitive class=\"ocf\" id=\"IPaddr_10_0_0_5\" provider=\"heartbeat\" type=\"IPaddr\">");
	HAS(x, "<nvpair id=\"IPaddr_10_0_0_5_attr_1\" name=\"nic\" value=\"eth1\"/>");
	HAS(x, "<nvpair id=\"IPaddr_10_0_0_5_attr_2\" name=\"cidr_netmask\" value=\"24\"/>");
	HAS(x, "<nvpair id=\"IPaddr_10_0_0_5_attr_3\" name=\"broadcast\" value=\"10.0.0.255\"/>");
	HASNT(x, "junk");   /* the broadcast address ends the list */
	HAS(x, "interval=\"5s\" name=\"monitor\" timeout=\"5s\"");
	free(x);
	/* 2.1.3: the bits under nic, the interface under cidr_netmask */
	o.compat = H2C_COMPAT_213;
	x = convert("pm01 IPaddr2::10.0.0.5/24/eth1\n", HACF, &o, false, &ne, &nw);
	HAS(x, "id=\"IPaddr2_1\"");
	HAS(x, "<nvpair id=\"IPaddr2_1_attr_1\" name=\"nic\" value=\"24\"/>");
	HAS(x, "<nvpair id=\"IPaddr2_1_attr_2\" name=\"cidr_netmask\" value=\"eth1\"/>");
	free(x);
	/* 1.0: the names swapped, the mix-up kept; "preferred" */
	o.compat = H2C_COMPAT_10;
	x = convert("pm01 10.0.0.5/24/eth1\n", HACF, &o, false, &ne, &nw);
	HAS(x, "<nvpair id=\"IPaddr_10_0_0_5_attr_1\" name=\"cidr_netmask\" value=\"eth1\"/>");
	HAS(x, "<nvpair id=\"IPaddr_10_0_0_5_attr_2\" name=\"nic\" value=\"24\"/>");
	HAS(x, "<rule id=\"preferred_location_IPaddr_10_0_0_5\" score=\"100\">");
	free(x);
	/* only the first argument of IPaddr counts; IPaddr needs one */
	o.compat = H2C_FIXED;
	x = convert("pm01 IPaddr::10.0.0.5::ignored\n", HACF, &o, false, &ne, &nw);
	HASNT(x, "ignored");
	free(x);
	x = convert("pm01 IPaddr\n", HACF, &o, false, &ne, &nw);
	CHECK(x == NULL);
	CHECK_INT(ne, 1);
	MSG("haresources:1: IPaddr needs an address");
	free(x);
}

static void test_ids_and_params(void)
{
	struct h2c_opts o = { 0 };
	int ne, nw;
	char *x;

	x = convert("pm01 Filesystem::/dev/sda1::/mnt::ext3::noatime::extra more MailTo::a@b::sub\n"
		    "pm02 Dummy::s::t\npm02 10.1.1.1 apache #grpB\n", HACF, &o, false, &ne, &nw);
	CHECK_INT(ne, 0);
	CHECK_INT(nw, 1);   /* "more" is no known agent */
	HAS(x, "<group id=\"group_1\">");
	HAS(x, "id=\"Filesystem_1\"");
	/* the last parameter of the table takes the rest (Filesystem has six) */
	HAS(x, "<nvpair id=\"Filesystem_1_attr_3\" name=\"options\" value=\"noatime\"/>");
	HAS(x, "<nvpair id=\"Filesystem_1_attr_4\" name=\"ocfs2_cluster\" value=\"extra\"/>");
	HAS(x, "<primitive class=\"UNKNOWN\" id=\"more_2\"");
	HAS(x, "id=\"MailTo_3\"");
	/* a single resource after a 3-member group: id_index 1 + 4 = 5 */
	HAS(x, "id=\"Dummy_5\"");
	HAS(x, "<nvpair id=\"Dummy_5_attr_0\" name=\"state\" value=\"s t\"/>");
	/* the second group counts from 11; its #id names it */
	HAS(x, "<group id=\"grpB\">");
	HAS(x, "id=\"apache_12\"");
	HAS(x, "<rsc_location id=\"rsc_location_grpB\" rsc=\"grpB\">");
	HAS(x, "value=\"pm02\"");
	free(x);
	CHECK_INT(ne, 0);

	/* classes from the script directories; scripts get numbered parameters */
	{
		char dir[] = "/tmp/h2cXXXXXX", path[256];
		FILE *f;

		if (mkdtemp(dir)) {
			snprintf(path, sizeof path, "%s/myscript", dir);
			f = fopen(path, "w");
			if (f)
				fclose(f);
			o.resource_dir = dir;
			o.init_dir = "/nonexistent";
			x = convert("pm01 myscript::a::b other\n", HACF, &o, false, &ne, &nw);
			HAS(x, "<primitive class=\"heartbeat\" id=\"myscript_1\"");
			HAS(x, "<nvpair id=\"myscript_1_attr_1\" name=\"1\" value=\"a\"/>");
			HAS(x, "<nvpair id=\"myscript_1_attr_2\" name=\"2\" value=\"b\"/>");
			HAS(x, "interval=\"120s\" name=\"monitor\" timeout=\"60s\"");
			CHECK_INT(nw, 1);
			MSG("other is an unknown Resource Agent. Please refer to http://www.linux-ha.org/ResourceAgent\n");
			free(x);
			o.init_dir = dir;
			o.resource_dir = NULL;
			x = convert("pm01 myscript\n", HACF, &o, false, &ne, &nw);
			HAS(x, "class=\"lsb\"");
			free(x);
			unlink(path);
			rmdir(dir);
			o.init_dir = NULL;
		}
	}

	/* --no-ocf: everything a script, IPaddr's whole argument is parameter 1 */
	o.no_ocf = true;
	x = convert("pm01 IPaddr::10.0.0.5/24/eth0\n", HACF, &o, false, &ne, &nw);
	HAS(x, "class=\"UNKNOWN\"");
	HAS(x, "<nvpair id=\"IPaddr_10_0_0_5_attr_1\" name=\"1\" value=\"10.0.0.5/24/eth0\"/>");
	HAS(x, "interval=\"120s\"");
	free(x);
	o.no_ocf = false;
	/* --no-monitor */
	o.no_monitor = true;
	x = convert("pm01 Dummy\n", HACF, &o, false, &ne, &nw);
	HASNT(x, "<operations>");
	free(x);
	o.no_monitor = false;
}

static void test_clone_constraints(void)
{
	struct h2c_opts o = { 0 };
	int ne, nw;
	char *x;

	x = convert("pm01 Delay #a\npm01 Dummy extra #clone:cl\n#rsc_order a start before cl\n"
		    "#rsc_colocation a cl -infinity\n#rsc_order a stop after ghost\n", HACF, &o, false, &ne, &nw);
	CHECK_INT(ne, 0);
	CHECK_INT(nw, 2);   /* the clone's left-out resource, the unknown id */
	HAS(x, "<clone id=\"cl\">");
	HAS(x, "<nvpair id=\"cl_attr_1\" name=\"clone_max\" value=\"2\"/>");
	HAS(x, "id=\"Dummy_1\"");          /* the clone's child takes the group counter */
	HASNT(x, "rsc_location_cl");
	HASNT(x, "extra");
	MSG("haresources:2: warning: #clone: only Dummy is cloned, extra is left out");
	MSG("haresources:5: warning: no resource has the id [ghost]");
	HAS(x, "<rsc_order action=\"start\" from=\"a\" id=\"rsc_order_a_cl\" symmetrical=\"true\" to=\"cl\" type=\"before\"/>");
	HAS(x, "<rsc_colocation from=\"a\" id=\"rsc_colocation_a_cl\" score=\"-infinity\" to=\"cl\"/>");
	free(x);
	/* a score the CIB would not take */
	x = convert("pm01 Delay #a\n#rsc_colocation a a inf\n", HACF, &o, false, &ne, &nw);
	CHECK(x == NULL);
	MSG("haresources:2: #rsc_colocation: expected FROM TO SCORE");

	/* in the 1.0 spelling */
	x = convert("pm01 myapp #a\npm01 Dummy #clone:cl\n#rsc_order a start before cl\n#rsc_order cl stop after a\n"
		    "#rsc_colocation a cl -infinity\n", HACF, &o, true, &ne, &nw);
	HAS(x, "validate-with=\"pacemaker-1.0\"");
	HAS(x, "<meta_attributes id=\"clone-cl.meta\">");
	HAS(x, "name=\"clone-max\" value=\"2\"");
	HAS(x, "name=\"clone-node-max\" value=\"1\"");
	HASNT(x, "cl_inst_attr");
	HAS(x, "<rsc_order first=\"a\" first-action=\"start\" id=\"rsc_order_a_cl\" symmetrical=\"true\" then=\"cl\"/>");
	HAS(x, "<rsc_order first=\"a\" first-action=\"stop\" id=\"rsc_order_cl_a\" symmetrical=\"true\" then=\"cl\" then-action=\"stop\"/>");
	HAS(x, "<rsc_colocation id=\"rsc_colocation_a_cl\" rsc=\"a\" score=\"-INFINITY\" with-rsc=\"cl\"/>");
	HAS(x, "<primitive class=\"UNKNOWN\" id=\"a\" type=\"myapp\">");   /* provider only for ocf */
	HASNT(x, "<attributes>");
	free(x);
}

static void test_options(void)
{
	struct h2c_opts o = { 0 };
	int ne, nw;
	char *x;

	x = convert("pm01 Dummy\n", "node pm01 pm02\nauto_failback off\n", &o, false, &ne, &nw);
	HAS(x, "name=\"default-resource-stickiness\" value=\"INFINITY\"");
	HAS(x, "name=\"stonith-enabled\" value=\"false\"");
	free(x);
	o.compat = H2C_COMPAT_213;
	x = convert("pm01 Dummy\n", "node pm01 pm02\nauto_failback off\n", &o, false, &ne, &nw);
	HAS(x, "name=\"default-resource-stickiness\" value=\"0\"");
	free(x);
	o.compat = H2C_FIXED;
	x = convert("pm01 Dummy\n", "node pm01 pm02\nauto_failback legacy\n", &o, false, &ne, &nw);
	HAS(x, "name=\"default-resource-stickiness\" value=\"0\"");
	free(x);
}

static void test_stonith(void)
{
	struct h2c_opts o = { 0 };
	int ne, nw;
	char *x;
	const char *cf = "node pm01 pm02\nstonith_host pm01 external/riloe pm02 ilo2 admin\nstonith_host * meatware pm01\n";

	x = convert("pm01 Dummy\n", cf, &o, false, &ne, &nw);
	CHECK_INT(ne, 0);
	HAS(x, "name=\"stonith-enabled\" value=\"true\"");
	HAS(x, "<primitive class=\"stonith\" id=\"stonith_2\" provider=\"heartbeat\" type=\"external/riloe\">");
	HAS(x, "<op id=\"stonith_2_mon\" interval=\"5s\" name=\"monitor\" prereq=\"nothing\" timeout=\"20s\"/>");
	HAS(x, "<op id=\"stonith_2_start\" name=\"start\" prereq=\"nothing\" timeout=\"20s\"/>");
	HAS(x, "<nvpair id=\"stonith_2_attr_2\" name=\"hostlist\" value=\"pm02\"/>");
	HAS(x, "<nvpair id=\"stonith_2_attr_4\" name=\"ilo_user\" value=\"admin\"/>");
	HAS(x, "<rsc_location id=\"rsc_location_stonith_2\" rsc=\"stonith_2\">");
	HAS(x, "<clone id=\"clone_3\">");
	HAS(x, "id=\"stonith_3\"");
	HASNT(x, "rsc_location_stonith_3");
	free(x);
	/* 2.1.3 never switched STONITH on */
	o.compat = H2C_COMPAT_213;
	x = convert("pm01 Dummy\n", cf, &o, false, &ne, &nw);
	HAS(x, "name=\"stonith-enabled\" value=\"false\"");
	free(x);
	/* in 1.0: requires, and an interval for the start op; no provider */
	o.compat = H2C_FIXED;
	x = convert("pm01 Dummy\n", cf, &o, true, &ne, &nw);
	HAS(x, "<op id=\"stonith_2_start\" interval=\"0\" name=\"start\" requires=\"nothing\" timeout=\"20s\"/>");
	HAS(x, "<primitive class=\"stonith\" id=\"stonith_2\" type=\"external/riloe\">");
	free(x);
	/* errors name ha.cf and the line */
	x = convert("pm01 Dummy\n", "node pm01\nbcast eth0\nstonith_host pm01 meatware a b\n", &o, false, &ne, &nw);
	CHECK(x == NULL);
	MSG("ha.cf:3: stonith_host: meatware takes 1 parameter, [b] is one too many");
	x = convert("pm01 Dummy\n", "node pm01\nstonith_host pm01 bogus a\n", &o, false, &ne, &nw);
	CHECK(x == NULL);
	MSG("ha.cf:2: stonith_host: cannot learn the parameters of bogus: no such type");
}

static void test_errors(void)
{
	struct h2c_opts o = { 0 };
	int ne, nw;
	char *x;

	x = convert("pm01 10.0.0.1\npm02 10.0.0.1\n", HACF, &o, false, &ne, &nw);
	CHECK(x == NULL);
	MSG("haresources:2: id [IPaddr_10_0_0_1] is already used (line 1)");
	x = convert("pm01 a #9lives\n", HACF, &o, false, &ne, &nw);
	CHECK(x == NULL);
	MSG("haresources:1: [9lives] is not a valid id");
	x = convert("pm01 a\n#rsc_order a start sideways a\n#rsc_colocation a b\n", HACF, &o, false, &ne, &nw);
	CHECK(x == NULL);
	CHECK_INT(ne, 2);
	MSG("haresources:2: #rsc_order: expected FROM start|stop|promote|demote before|after TO");
	MSG("haresources:3: #rsc_colocation: expected FROM TO SCORE");
	x = convert("pm03 a\n", HACF, &o, false, &ne, &nw);
	MSG("haresources:1: Bad nodename [pm03]");
	free(x);
}

static void test_printer(void)
{
	struct xel *r = xel_new("r"), *k;
	char *s;

	xel_set(r, "zeta", "1");
	xel_set(r, "alpha", "a&b<c>\"d'");
	k = xel_add(r, "k");
	xel_add(k, "leaf");
	s = xel_pretty(r, "<?xml version=\"1.0\" ?>");
	CHECK_STR(s, "<?xml version=\"1.0\" ?>\n<r alpha=\"a&amp;b&lt;c&gt;&quot;d'\" zeta=\"1\">\n"
		     "\t<k>\n\t\t<leaf/>\n\t</k>\n</r>\n");
	free(s);
	xel_free(r);
}

int main(void)
{
	test_lib_comments();
	test_ipaddr();
	test_ids_and_params();
	test_clone_constraints();
	test_options();
	test_stonith();
	test_errors();
	test_printer();
	return T_DONE();
}
