/* heartbeat's CRM children table: what each crm value means, which child
 * is failfast in which mode, where the binaries are looked for, and what
 * heartbeat -t says about a missing one. */
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib.h>
#include "check.h"
#include "config.h"
#include "crm_children.h"

static void test_modes(void)
{
	CHECK_INT(crm_mode_of(false, "yes"), CRM_OFF);
	CHECK_INT(crm_mode_of(true, NULL), CRM_FAILFAST);
	CHECK_INT(crm_mode_of(true, "yes"), CRM_FAILFAST);
	CHECK_INT(crm_mode_of(true, "on"), CRM_FAILFAST);
	CHECK_INT(crm_mode_of(true, "valgrind"), CRM_FAILFAST);
	CHECK_INT(crm_mode_of(true, "Respawn"), CRM_RESPAWN);
	CHECK_INT(crm_mode_of(true, "minimal"), CRM_MINIMAL);
	CHECK_INT(crm_mode_of(true, "manual"), CRM_MINIMAL);
	CHECK_INT(crm_mode_of(true, "ccm-only"), CRM_CCM_ONLY);
}

static void test_table(void)
{
	size_t n;
	const struct crm_child_def *d = crm_child_defs(&n);

	CHECK_INT(n, 3);
	if (n != 3)
		return;
	CHECK_STR(d[0].name, "lrmd");          /* started first, stopped last */
	CHECK_STR(d[0].user, "root");
	CHECK_STR(d[1].name, "crmd");
	CHECK_STR(d[1].user, "hacluster");
	CHECK_STR(d[2].name, "mgmtd");         /* only where it was built */
	CHECK(d[2].optional && !d[0].optional && !d[1].optional);
	/* as 2.x: yes makes crmd failfast, lrmd is always respawned */
	CHECK(!crm_child_failfast(CRM_FAILFAST, &d[0]));
	CHECK(crm_child_failfast(CRM_FAILFAST, &d[1]));
	CHECK(crm_child_failfast(CRM_MINIMAL, &d[1]));
	CHECK(!crm_child_failfast(CRM_RESPAWN, &d[1]));
}

static void test_dir_and_check(void)
{
	struct hb_config cf = { 0 };
	struct conf_errors e = { 0 };
	char *dir = g_dir_make_tmp("crmchildren.XXXXXX", NULL), *lrmd;

	unsetenv(CRM_DAEMON_DIR_ENV);
	CHECK_STR(crm_daemon_dir(&cf), HA_LIBEXECDIR);
	cf.crm_daemon_dir = dir;
	CHECK_STR(crm_daemon_dir(&cf), dir);
	setenv(CRM_DAEMON_DIR_ENV, "/elsewhere", 1);
	CHECK_STR(crm_daemon_dir(&cf), "/elsewhere");
	unsetenv(CRM_DAEMON_DIR_ENV);

	cf.crm = true;
	cf.crm_value = "respawn";
	lrmd = g_strdup_printf("%s/lrmd", dir);
	g_file_set_contents(lrmd, "#!/bin/sh\n", -1, NULL);
	chmod(lrmd, 0755);
	crm_children_check(&cf, &e);
	CHECK_INT(e.n, 0);
	CHECK_INT(e.nwarn, 1);                 /* crmd only */
	if (e.nwarn == 1) {
		CHECK(strstr(e.warn[0], "crmd is missing") != NULL);
		CHECK(strstr(e.warn[0], "takes no part in the CRM") != NULL);
	}
	conf_errors_free(&e);
	memset(&e, 0, sizeof e);
	cf.crm_value = "ccm-only";           /* nothing is started: nothing to miss */
	crm_children_check(&cf, &e);
	CHECK_INT(e.nwarn, 0);
	conf_errors_free(&e);
	unlink(lrmd);
	rmdir(dir);
	g_free(lrmd);
	g_free(dir);
}

int main(void)
{
	test_modes();
	test_table();
	test_dir_and_check();
	return T_DONE();
}
