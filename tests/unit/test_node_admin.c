/* heartbeat/node_admin.c through the daemon's receive path: addnode,
 * delnode (refused while the node lives or another node is down), the
 * deleted node announced in repnodes, setweight and
 * setsite with bad values refused, and the cache files written. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "daemon_fixture.h"
#include "clock.h"

static uint64_t now = 1000000;
static unsigned long seq2;
static char dir[] = "/tmp/test_node_admin.XXXXXX";

static void from_n2(const char *t, const char *k1, const char *v1, const char *k2, const char *v2)
{
	fx_deliver("n2", t, ++seq2, 1, k1, v1, k2, v2);
}

static int file_has(const char *name, const char *text)
{
	char path[200], buf[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	return strstr(buf, text) != NULL;
}

int main(void)
{
	int n3, n2;
	const struct hb_msg *m;

	if (!mkdtemp(dir)) {
		SKIP("no temporary directory");
		return T_DONE();
	}
	fx_setup("node n1 n2\nbcast eth0\nkeepalive 1\ndeadtime 10\ninitdead 20\n");
	snprintf(hb.var_lib, sizeof hb.var_lib, "%s", dir);
	clock_set_fake(&now);
	membership_start();
	n2 = node_find("n2");
	from_n2("status", "st", "active", NULL, NULL);
	hb.nodes[n2].st = ST_ACTIVE;

	/* addnode: from a peer (its hb_addnode) or our own FIFO */
	from_n2("addnode", "nodelist", "N3 ", NULL, NULL);
	n3 = node_find("n3");
	CHECK(n3 >= 0);
	if (n3 < 0)
		return T_DONE();
	CHECK_INT(hb.nodes[n3].type, NODE_NORMAL);
	CHECK_INT(hb.nodes[n3].added_ms, now);
	CHECK(file_has("hostcache", "n3\t00000000-0000-0000-0000-000000000000\t100\t\n"));
	CHECK(file_has("hostcache", "n1\taaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa\t100\t\n"));
	/* a name too long adds nothing */
	{
		char longlist[300];

		memset(longlist, 'x', sizeof longlist - 1);
		longlist[sizeof longlist - 1] = 0;
		from_n2("addnode", "nodelist", longlist, NULL, NULL);
		CHECK_INT(hb.nnodes, 3);
	}

	/* weight and site */
	from_n2("setweight", "node", "n3", "weight", "7");
	CHECK_INT(hb.nodes[n3].weight, 7);
	from_n2("setweight", "node", "n3", "weight", "heavy");
	CHECK_INT(hb.nodes[n3].weight, 7);
	from_n2("setweight", "node", "nx", "weight", "5");
	from_n2("setsite", "node", "N3", "site", "dc2");
	CHECK_STR(hb.nodes[n3].site, "dc2");
	CHECK(file_has("hostcache", "n3\t00000000-0000-0000-0000-000000000000\t7\tdc2\n"));

	/* delnode: refused while n3 is not dead, and for ourselves */
	from_n2("delnode", "nodelist", "n3", NULL, NULL);
	CHECK_INT(node_find("n3"), n3);
	hb.nodes[n3].st = ST_DEAD;
	from_n2("delnode", "nodelist", "n3 n1", NULL, NULL);
	CHECK_INT(node_find("n3"), n3);
	/* ... and while another node is not up */
	hb.nodes[n2].st = ST_DEAD;
	from_n2("delnode", "nodelist", "n3", NULL, NULL);
	CHECK_INT(node_find("n3"), n3);
	hb.nodes[n2].st = ST_ACTIVE;
	from_n2("delnode", "nodelist", "n3", NULL, NULL);
	CHECK_INT(node_find("n3"), -1);
	CHECK_INT(hb.nodes[n3].type, NODE_DELETED);
	CHECK(node_admin_is_deleted("n3"));
	CHECK(file_has("delhostcache", "n3\t"));
	CHECK(!file_has("hostcache", "n3\t"));

	/* repnodes names it (its packets: tests/helpers, the fixture's peers share a uuid) */
	fx_clear();
	from_n2("reqnodes", "dest", "n1", NULL, NULL);
	m = fx_last("repnodes");
	CHECK(m != NULL);
	if (m) {
		CHECK_STR(msg_get(m, "nodelist"), "n1 n2 ");
		CHECK_STR(msg_get(m, "delnodelist"), "n3 ");
	}

	/* added again: the same slot, no longer deleted */
	from_n2("addnode", "nodelist", "n3", NULL, NULL);
	CHECK_INT(node_find("n3"), n3);
	CHECK(!node_admin_is_deleted("n3"));
	CHECK_INT(hb.nodes[n3].weight, 100);

	fx_teardown();
	{
		char path[200];

		snprintf(path, sizeof path, "%s/hostcache", dir);
		unlink(path);
		snprintf(path, sizeof path, "%s/delhostcache", dir);
		unlink(path);
		rmdir(dir);
	}
	return T_DONE();
}
