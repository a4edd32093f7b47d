/* haresources parser: continuation lines, comments, node check against ha.cf,
 * resource splitting into script and arguments, IP shorthand, errors. */
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

#define RES(g, r) (hr.groups[g].res[r])

static void test_basic(void)
{
	CHECK_INT(P("n1 IPaddr2::10.250.0.100/24/eth0 tbmarker\n", NULL), 0);
	CHECK_INT(er.n + er.nwarn, 0);
	CHECK_INT(hr.ngroups, 1);
	CHECK_STR(hr.groups[0].node, "n1");
	CHECK_INT(hr.groups[0].line, 1);
	CHECK_INT(hr.groups[0].nres, 2);
	CHECK_STR(RES(0, 0).spec, "IPaddr2::10.250.0.100/24/eth0");
	CHECK_STR(RES(0, 0).type, "IPaddr2");
	CHECK_INT(RES(0, 0).nargs, 1);
	CHECK_STR(RES(0, 0).args[0], "10.250.0.100/24/eth0");
	CHECK_STR(RES(0, 1).type, "tbmarker");
	CHECK_INT(RES(0, 1).nargs, 0);
	CHECK(RES(0, 1).args == NULL);

	/* several groups, blanks and tabs, the node lower-cased (only the node) */
	CHECK_INT(P("NodeA\tApache::/etc/Apache.conf   httpd\n\n  nodeb  Squid\n", NULL), 0);
	CHECK_INT(hr.ngroups, 2);
	CHECK_STR(hr.groups[0].node, "nodea");
	CHECK_STR(RES(0, 0).type, "Apache");
	CHECK_STR(RES(0, 0).args[0], "/etc/Apache.conf");
	CHECK_STR(hr.groups[1].node, "nodeb");
	CHECK_INT(hr.groups[1].line, 3);
	CHECK_STR(RES(1, 0).type, "Squid");
	/* no final newline, CRLF */
	CHECK_INT(P("n1 a\r\nn2 b", NULL), 0);
	CHECK_INT(hr.ngroups, 2);
	CHECK_STR(RES(0, 0).type, "a");
	CHECK_STR(RES(1, 0).type, "b");
	/* empty input */
	CHECK_INT(P("", NULL), 0);
	CHECK_INT(hr.ngroups, 0);
	CHECK_INT(haresources_parse(NULL, 0, NULL, NULL, &hr, &er), 0);
}

static void test_args(void)
{
	/* "::" separates arguments; a single ':' stays */
	CHECK_INT(P("n1 Filesystem::srv:/exp::/mnt::nfs::ro,soft\n", NULL), 0);
	CHECK_STR(RES(0, 0).type, "Filesystem");
	CHECK_INT(RES(0, 0).nargs, 4);
	CHECK_STR(RES(0, 0).args[0], "srv:/exp");
	CHECK_STR(RES(0, 0).args[1], "/mnt");
	CHECK_STR(RES(0, 0).args[2], "nfs");
	CHECK_STR(RES(0, 0).args[3], "ro,soft");
	/* empty words vanish as in the shell */
	CHECK_INT(P("n1 a::::b:: c::\n", NULL), 0);
	CHECK_STR(RES(0, 0).type, "a");
	CHECK_INT(RES(0, 0).nargs, 1);
	CHECK_STR(RES(0, 0).args[0], "b");
	CHECK_STR(RES(0, 1).type, "c");
	CHECK_INT(RES(0, 1).nargs, 0);
	/* OCF-style names keep their single colons */
	CHECK_INT(P("n1 ocf:heartbeat:IPaddr2::1.2.3.4\n", NULL), 0);
	CHECK_STR(RES(0, 0).type, "ocf:heartbeat:IPaddr2");
	CHECK_STR(RES(0, 0).args[0], "1.2.3.4");
	/* a leading "::" gives an empty type name, left for the runner to refuse */
	CHECK_INT(P("n1 ::x\n", NULL), 0);
	CHECK_STR(RES(0, 0).type, "");
	CHECK_STR(RES(0, 0).args[0], "x");
}

static void test_ip_shorthand(void)
{
	static const char *const ips[] = { "10.0.0.5", "10.0.0.5/24", "10.0.0.5/24/eth0/10.0.0.255",
		"192.168.1.10/24/eth0", "1.2.3.4", "1a.2.3.4", "1.2.3.4x", "1..2.3.4" };
	static const char *const not_ips[] = { "a1.2.3.4", "1.2.3", "10.0.0.x",
		"1.2.3.", "IPaddr::10.0.0.5", "1.2", "httpd" };
	char t[128];
	size_t i;

	for (i = 0; i < sizeof ips / sizeof ips[0]; i++) {
		snprintf(t, sizeof t, "n1 %s\n", ips[i]);
		CHECK_INT(P(t, NULL), 0);
		CHECK_STR(RES(0, 0).type, "IPaddr");
		CHECK_INT(RES(0, 0).nargs, 1);
		CHECK_STR(RES(0, 0).args[0], ips[i]);
		CHECK_STR(RES(0, 0).spec, ips[i]);
	}
	for (i = 0; i < sizeof not_ips / sizeof not_ips[0]; i++) {
		snprintf(t, sizeof t, "n1 %s\n", not_ips[i]);
		CHECK_INT(P(t, NULL), 0);
		CHECK(strcmp(RES(0, 0).type, "IPaddr") != 0 || strcmp(not_ips[i], "IPaddr::10.0.0.5") == 0);
	}
	/* the glob wins over "::": the whole token is IPaddr's one argument */
	CHECK_INT(P("n1 1.2.3.4::x\n", NULL), 0);
	CHECK_STR(RES(0, 0).type, "IPaddr");
	CHECK_STR(RES(0, 0).args[0], "1.2.3.4::x");
}

static void test_continuation_and_comments(void)
{
	CHECK_INT(P("# header\n  # indented comment\nn1 10.0.0.1 \\\n   httpd \\\n\tsquid\nn2 x # trailing\n", NULL), 0);
	CHECK_INT(hr.ngroups, 2);
	CHECK_INT(hr.groups[0].line, 3);
	CHECK_INT(hr.groups[0].nres, 3);
	CHECK_STR(RES(0, 0).type, "IPaddr");
	CHECK_STR(RES(0, 1).type, "httpd");
	CHECK_STR(RES(0, 2).type, "squid");
	CHECK_STR(hr.groups[1].node, "n2");
	CHECK_INT(hr.groups[1].line, 6);
	CHECK_INT(hr.groups[1].nres, 1);
	/* a backslash glued to a word, and blanks after the backslash */
	CHECK_INT(P("n1 a\\  \nb\n", NULL), 0);
	CHECK_INT(hr.ngroups, 1);
	CHECK_INT(hr.groups[0].nres, 2);
	/* the node alone on the first line */
	CHECK_INT(P("n1 \\\n  a b\n", NULL), 0);
	CHECK_INT(hr.groups[0].nres, 2);
	CHECK_STR(hr.groups[0].node, "n1");
	/* a comment on a continued line is dropped (the original's ResourceManager
	 * would turn it into resources "#" and "note"; we do what the user meant) */
	CHECK_INT(P("n1 a \\\n  httpd # note\n", NULL), 0);
	CHECK_INT(hr.groups[0].nres, 2);
	/* a comment eats the backslash: no continuation */
	CHECK_INT(P("n1 a # c \\\nn2 b\n", NULL), 0);
	CHECK_INT(hr.ngroups, 2);
	/* a backslash on the last line */
	CHECK_INT(P("n1 a \\", NULL), 0);
	CHECK_INT(hr.ngroups, 1);
	CHECK_INT(hr.groups[0].nres, 1);
	/* a NUL ends the physical line's text */
	{
		static const char t[] = "n1 a\0 b c\nn2 d\n";

		haresources_free(&hr);
		conf_errors_free(&er);
		CHECK_INT(haresources_parse(t, sizeof t - 1, "haresources", NULL, &hr, &er), 0);
		CHECK_INT(hr.ngroups, 2);
		CHECK_INT(hr.groups[0].nres, 1);
	}
}

static void test_nodes(void)
{
	struct hb_config cf;
	struct conf_errors ce = { 0 };
	static const char hacf[] = "node n1 N2\nbcast eth0\nlogfacility daemon\n";

	CHECK_INT(conf_parse(hacf, sizeof hacf - 1, "ha.cf", "n1", &cf, &ce), 0);
	CHECK_INT(P("N1 a\nn2 b\n", &cf), 0);
	CHECK_INT(hr.ngroups, 2);
	/* every bad node is reported; the good groups remain */
	CHECK_INT(P("n9 10.0.0.1\nn1 a\nNX b\n", &cf), -1);
	CHECK_INT(er.n, 2);
	if (er.n == 2) {
		CHECK_STR(er.msg[0], "haresources:1: Bad nodename [n9] (expected the preferred node first: one of the nodes ha.cf declares: n1, n2)");
		CHECK_STR(er.msg[1], "haresources:3: Bad nodename [nx] (expected the preferred node first: one of the nodes ha.cf declares: n1, n2)");
	}
	CHECK_INT(hr.ngroups, 1);
	CHECK_STR(hr.groups[0].node, "n1");
	/* continuation lines are not node names */
	CHECK_INT(P("n1 a \\\n n9 b\n", &cf), 0);
	CHECK_INT(hr.groups[0].nres, 3);
	/* without ha.cf no check */
	CHECK_INT(P("n9 a\n", NULL), 0);
	/* errors append to what the caller already holds */
	{
		struct haresources h2;

		CHECK_INT(haresources_parse("zz a\n", 5, "hr2", &cf, &h2, &ce), -1);
		CHECK_INT(ce.n, 1);
		CHECK_STR(ce.msg[0], "hr2:1: Bad nodename [zz] (expected the preferred node first: one of the nodes ha.cf declares: n1, n2)");
		haresources_free(&h2);
	}
	conf_free(&cf);
	conf_errors_free(&ce);
}

static void test_warnings(void)
{
	/* a node without resources would make a group without a name: dropped */
	CHECK_INT(P("n1\nn2 b\n", NULL), 0);
	CHECK_INT(hr.ngroups, 1);
	CHECK_STR(hr.groups[0].node, "n2");
	CHECK_INT(er.nwarn, 1);
	if (er.nwarn)
		CHECK_STR(er.warn[0], "haresources:1: node [n1] has no resources on this line: line ignored");
}

static void test_duplicates(void)
{
	/* the same resource in two groups: both would run it */
	CHECK_INT(P("n1 10.0.0.1 a\nn2 10.0.0.1 b\n", NULL), -1);
	CHECK_INT(er.n, 1);
	if (er.n)
		CHECK_STR(er.msg[0], "haresources:2: resource [10.0.0.1] is already in the group on line 1 (expected each resource in one group only: both groups would run it)");
	/* anywhere in the group, and the IP shorthand is IPaddr */
	CHECK_INT(P("n1 a Filesystem::/dev/sdb1::/data\nn2 b IPaddr::10.0.0.9\n\nn2 c \\\n  Filesystem::/dev/sdb1::/data 10.0.0.9\n", NULL), -1);
	CHECK_INT(er.n, 2);
	if (er.n == 2) {
		CHECK_STR(er.msg[0], "haresources:4: resource [Filesystem::/dev/sdb1::/data] is already in the group on line 1 (expected each resource in one group only: both groups would run it)");
		CHECK_STR(er.msg[1], "haresources:4: resource [10.0.0.9] is already in the group on line 2 (expected each resource in one group only: both groups would run it)");
	}
	/* twice in one group */
	CHECK_INT(P("n1 a b a\n", NULL), -1);
	if (er.n)
		CHECK_STR(er.msg[0], "haresources:1: resource [a] appears twice in this group (expected each resource once)");
	/* different arguments are different resources */
	CHECK_INT(P("n1 a Filesystem::/dev/sdb1::/data\nn2 b Filesystem::/dev/sdb2::/data2\n", NULL), 0);
	/* MailTo in every group is usual: a warning only */
	CHECK_INT(P("n1 a MailTo::root\nn2 b MailTo::root\n", NULL), 0);
	CHECK_INT(er.nwarn, 1);
	if (er.nwarn)
		CHECK_STR(er.warn[0], "haresources:2: resource [MailTo::root] is already in the group on line 1 (expected each resource in one group only: every holder sends its mail)");
}

static void test_files(void)
{
	const char *shared = getenv("HB_DATA");
	char path[1024];

	if (!shared)
		shared = "tests/data";
	snprintf(path, sizeof path, "%s/spec/captures/steady-sha1/haresources", shared);
	haresources_free(&hr);
	conf_errors_free(&er);
	if (FIXTURE(path)) {
		CHECK_INT(haresources_load(path, NULL, &hr, &er), 0);
		CHECK_INT(hr.ngroups, 1);
		if (hr.ngroups == 1) {
			CHECK_STR(hr.groups[0].node, "n1");
			CHECK_INT(hr.groups[0].nres, 2);
			if (hr.groups[0].nres == 2)
				CHECK_STR(RES(0, 0).type, "IPaddr2");
		}
	}
	haresources_free(&hr);
	conf_errors_free(&er);
	CHECK_INT(haresources_load("/nonexistent/haresources", NULL, &hr, &er), -1);
	CHECK_INT(er.n, 1);
	if (er.n)
		CHECK_STR(er.msg[0], "/nonexistent/haresources: Cannot open resources file: No such file or directory");
	CHECK_INT(hr.ngroups, 0);
	conf_errors_free(&er);
	CHECK_INT(haresources_load("/", NULL, &hr, &er), -1);
	CHECK_INT(er.n, 1);
}

int main(void)
{
	test_basic();
	test_args();
	test_ip_shorthand();
	test_continuation_and_comments();
	test_nodes();
	test_warnings();
	test_duplicates();
	test_files();
	haresources_free(&hr);
	conf_errors_free(&er);
	return T_DONE();
}
