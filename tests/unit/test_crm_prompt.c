/* The crm shell prompt's tab completion (heartbeat/crmsh/crm_prompt.c):
 * per level and word, the commands, then resource ids, node names, object
 * ids and agents read from a CIB file and an OCF tree made here. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "crm.h"

static const char cib[] =
	"<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\"><configuration><crm_config/>"
	"<nodes><node id=\"a1\" uname=\"alpha\"/><node id=\"b2\" uname=\"bravo\"/></nodes>"
	"<resources><group id=\"grpWeb\"><primitive id=\"ipWeb\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\"/>"
	"<primitive id=\"fsWeb\" class=\"ocf\" provider=\"heartbeat\" type=\"Filesystem\"/></group>"
	"<clone id=\"clPing\"><primitive id=\"ping1\" class=\"ocf\" provider=\"pacemaker\" type=\"ping\"/></clone></resources>"
	"<constraints><rsc_location id=\"loc-web\" rsc=\"grpWeb\" node=\"alpha\" score=\"100\"/></constraints>"
	"</configuration><status/></cib>";

static int in(char **c, const char *want)
{
	for (char **p = c; p && *p; p++)
		if (!strcmp(*p, want))
			return 1;
	return 0;
}

static int has(char **c, const char *want)
{
	if (in(c, want))
		return 1;
	printf("  no '%s' among:", want);
	for (char **p = c; p && *p; p++)
		printf(" %s", *p);
	printf("\n");
	return 0;
}

static int count(char **c)
{
	int n = 0;
	while (c && c[n])
		n++;
	return n;
}

#define OFFERS(line, level, want) do { char **c_ = crm_prompt_candidates((line), (level)); \
	CHECK(has(c_, (want))); g_strfreev(c_); } while (0)
#define LACKS(line, level, what) do { char **c_ = crm_prompt_candidates((line), (level)); \
	CHECK(!in(c_, (what))); g_strfreev(c_); } while (0)

int main(void)
{
	char dir[] = "/tmp/test_crm_prompt.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *file = g_build_filename(dir, "cib.xml", NULL), *ocf = g_build_filename(dir, "resource.d", "acme", NULL);
	CHECK(g_file_set_contents(file, cib, -1, NULL));
	CHECK(g_mkdir_with_parents(ocf, 0755) == 0);
	char *agent = g_build_filename(ocf, "Widget", NULL), *notx = g_build_filename(ocf, "README", NULL);
	CHECK(g_file_set_contents(agent, "#!/bin/sh\nexit 0\n", -1, NULL));
	chmod(agent, 0755);
	CHECK(g_file_set_contents(notx, "not an agent\n", -1, NULL));
	setenv("CIB_file", file, 1);
	setenv("OCF_ROOT", dir, 1);
	crm_prompt_init(NULL);

	/* the top level's commands, and a level's commands after its name */
	OFFERS("", 0, "configure");
	OFFERS("", 0, "status");
	OFFERS("configure", 0, "primitive");
	OFFERS("resource", 0, "cleanup");
	/* inside configure: commands, objects to show or delete, agents */
	OFFERS("", 1, "commit");
	OFFERS("show", 1, "grpWeb");
	OFFERS("show", 1, "fsWeb");
	OFFERS("delete", 1, "loc-web");
	OFFERS("primitive p9", 1, "ocf:acme:Widget");
	LACKS("primitive p9", 1, "ocf:acme:README");   /* not executable: not an agent */
	OFFERS("group g2", 1, "ipWeb");
	OFFERS("location l2 grpWeb", 1, "bravo");
	{
		/* primitive's later words are free (params ...): nothing offered */
		char **c = crm_prompt_candidates("primitive p9 ocf:acme:Widget", 1);
		CHECK_INT(count(c), 0);
		g_strfreev(c);
	}
	/* resource and node levels: ids, then node names */
	OFFERS("stop", 2, "clPing");
	OFFERS("move grpWeb", 2, "alpha");
	OFFERS("resource move grpWeb", 0, "bravo");
	OFFERS("standby", 3, "bravo");
	OFFERS("node fence", 0, "alpha");
	LACKS("standby", 3, "grpWeb");
	unlink(agent);
	unlink(notx);
	unlink(file);
	rmdir(ocf);
	char *rd = g_build_filename(dir, "resource.d", NULL);
	rmdir(rd);
	rmdir(dir);
	g_free(rd);
	g_free(agent);
	g_free(notx);
	g_free(file);
	g_free(ocf);
	return T_DONE();
}
