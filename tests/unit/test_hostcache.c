/* lib/hostcache: addnode/delnode node lists, hostcache lines (both the
 * 3.0.6 four-column form and the older two-column one), bad lines named by
 * file and line, and a write/read round trip through PATH.tmp. */
#include <stdlib.h>
#include "check.h"
#include "hostcache.h"

static char names[CONF_MAXNODES][CONF_HOSTLEN];

static void test_nodelist(void)
{
	char err[200];

	CHECK_INT(nodelist_split("n3 ", names, CONF_MAXNODES, err, sizeof err), 1);
	CHECK_STR(names[0], "n3");
	CHECK_INT(nodelist_split("  Alpha\tbeta  alpha gamma", names, CONF_MAXNODES, err, sizeof err), 3);
	CHECK_STR(names[0], "alpha");
	CHECK_STR(names[1], "beta");
	CHECK_STR(names[2], "gamma");
	CHECK_INT(nodelist_split(" ", names, CONF_MAXNODES, err, sizeof err), 0);
	CHECK_INT(nodelist_split("a b c", names, 2, err, sizeof err), -1);
	CHECK_STR(err, "more than 2 node names");
	{
		char longname[CONF_HOSTLEN + 10];

		memset(longname, 'x', sizeof longname - 1);
		longname[sizeof longname - 1] = 0;
		CHECK_INT(nodelist_split(longname, names, CONF_MAXNODES, err, sizeof err), -1);
		CHECK(strstr(err, "node name of 109 characters") != NULL);
	}
	CHECK_INT(nodelist_split("ok bad\001name", names, CONF_MAXNODES, err, sizeof err), -1);
	CHECK(strstr(err, "control character") != NULL);
}

static void test_lines(void)
{
	struct hostcache_entry e;
	char err[200], line[HOSTCACHE_LINE_MAX];

	CHECK_INT(hostcache_parse_line("Node1\t6f1c2c1e-1b2a-4c3d-9e8f-0123456789ab\t50\tdc2", &e, err, sizeof err), 0);
	CHECK_STR(e.name, "node1");
	CHECK_INT(e.weight, 50);
	CHECK_STR(e.site, "dc2");
	CHECK(e.has_uuid);
	CHECK_INT(e.uuid[0], 0x6f);
	CHECK_INT(e.uuid[15], 0xab);
	hostcache_format_line(&e, line, sizeof line);
	CHECK_STR(line, "node1\t6f1c2c1e-1b2a-4c3d-9e8f-0123456789ab\t50\tdc2\n");
	/* the older form: weight 100, no site */
	CHECK_INT(hostcache_parse_line("n2\t00000000-0000-0000-0000-000000000000", &e, err, sizeof err), 0);
	CHECK_INT(e.weight, 100);
	CHECK_STR(e.site, "");
	CHECK(!e.has_uuid);
	hostcache_format_line(&e, line, sizeof line);
	CHECK_STR(line, "n2\t00000000-0000-0000-0000-000000000000\t100\t\n");
	CHECK_INT(hostcache_parse_line("n2", &e, err, sizeof err), -1);
	CHECK_STR(err, "1 tab-separated fields (expected name, uuid[, weight, site])");
	CHECK_INT(hostcache_parse_line("n2\tnot-a-uuid", &e, err, sizeof err), -1);
	CHECK_STR(err, "uuid 'not-a-uuid' (expected 8-4-4-4-12 hex digits)");
	CHECK_INT(hostcache_parse_line("n2\t6f1c2c1e-1b2a-4c3d-9e8f-0123456789ab\theavy\tx", &e, err, sizeof err), -1);
	CHECK_STR(err, "weight 'heavy' (expected a whole number 0..1000000)");
	CHECK_INT(hostcache_parse_line("\t6f1c2c1e-1b2a-4c3d-9e8f-0123456789ab", &e, err, sizeof err), -1);
	CHECK_INT(hostcache_parse_line("a\tb\tc\td\te", &e, err, sizeof err), -1);
}

static int count;
static char warned[400];
static void on_entry(const struct hostcache_entry *e, void *d) { count++; }
static void on_warn(const char *msg, void *d) { snprintf(warned, sizeof warned, "%s", msg); }

static void test_files(void)
{
	char dir[] = "/tmp/test_hostcache.XXXXXX", path[200], tmp[220], err[300];
	struct hostcache_entry e[2];
	FILE *f;

	if (!mkdtemp(dir)) {
		SKIP("no temporary directory");
		return;
	}
	snprintf(path, sizeof path, "%s/hostcache", dir);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	CHECK_INT(hostcache_read(path, on_entry, on_warn, NULL, err, sizeof err), 0);   /* none yet */
	memset(e, 0, sizeof e);
	strcpy(e[0].name, "n1");
	e[0].weight = 100;
	strcpy(e[1].name, "n3");
	e[1].weight = 7;
	strcpy(e[1].site, "dc2");
	CHECK_INT(hostcache_write(path, e, 2, err, sizeof err), 0);
	CHECK(access(tmp, F_OK) != 0);
	count = 0;
	CHECK_INT(hostcache_read(path, on_entry, on_warn, NULL, err, sizeof err), 2);
	CHECK_INT(count, 2);
	f = fopen(path, "a");
	fputs("garbage\n", f);
	fclose(f);
	count = 0;
	CHECK_INT(hostcache_read(path, on_entry, on_warn, NULL, err, sizeof err), 2);
	CHECK(strstr(warned, "/hostcache:3: 1 tab-separated fields") != NULL);
	CHECK(strstr(warned, "; line ignored") != NULL);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	test_nodelist();
	test_lines();
	test_files();
	return T_DONE();
}
