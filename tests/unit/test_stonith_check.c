/* Unit tests for heartbeat/stonith_check.c: the NAME=value environment a
 * reset gets its parameters in, and the checks of stonith / stonith_host
 * lines against a stand-in stonith command (a script in a temporary
 * directory, named by HB_STONITH_CMD). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include "check.h"
#include "stonith_check.h"

static char dir[] = "/tmp/hbstchk.XXXXXX";

static void test_env(void)
{
	char *three[] = { "ipaddr", "login", "password", NULL };
	char *one[] = { "hostlist", NULL };
	char *none[] = { NULL };
	char **e = stonith_param_env(three, "  10.0.0.1  admin my pass word ");

	CHECK(e && g_strv_length(e) == 3);
	if (e && g_strv_length(e) == 3) {
		CHECK_STR(e[0], "ipaddr=10.0.0.1");
		CHECK_STR(e[1], "login=admin");
		/* the last name takes the rest of the line, as stonith -p does */
		CHECK_STR(e[2], "password=my pass word");
	}
	g_strfreev(e);
	CHECK(stonith_param_env(three, "10.0.0.1 admin") == NULL);
	CHECK(stonith_param_env(three, "") == NULL);
	e = stonith_param_env(one, "n1 n2");
	CHECK(e && e[0] && !e[1]);
	CHECK_STR(e ? e[0] : NULL, "hostlist=n1 n2");
	g_strfreev(e);
	e = stonith_param_env(none, "");
	CHECK(e && !e[0]);
	g_strfreev(e);
}

static int has(char **arr, int n, const char *text)
{
	for (int i = 0; i < n; i++)
		if (strstr(arr[i], text))
			return 1;
	return 0;
}

static void test_check(void)
{
	char path[256], cfgfile[256], *cmd;
	struct conf_stonith_host hosts[] = {
		{ "*", "null", "a b", 3 },
		{ "*", "nosuch", "x", 4 },
		{ "other", "ipmilam", "x", 5 },
		{ "me", "ipmi", "1.2.3.4 admin", 6 },
		{ "*", "external/broken", "", 7 },
		{ "*", "ipmi", "1.2.3.4 admin secret", 8 },
	};
	struct hb_config cf = { 0 };
	struct conf_errors e = { 0 };
	FILE *f;

	snprintf(path, sizeof path, "%s/stonith", dir);
	f = fopen(path, "w");
	fputs("#!/bin/sh\ncase \"$*\" in\n"
	      "-L) printf 'external/broken\\nipmi\\nnull\\n' ;;\n"
	      "'-t null -n') echo 'hostlist  ' ;;\n"
	      "'-t ipmi -n') echo 'ipaddr  login  password  ' ;;\n"
	      "*) exit 8 ;;\nesac\n", f);
	fclose(f);
	chmod(path, 0755);
	setenv("HB_STONITH_CMD", path, 1);
	CHECK_STR(stonith_command(), path);

	cf.path = "ha.cf";
	cf.stonith_hosts = hosts;
	cf.nstonith_hosts = 6;
	CHECK_INT(stonith_check_config(&cf, "me", &e), 3);
	CHECK_INT(e.n, 3);
	CHECK(has(e.msg, e.n, "ha.cf:4: Invalid Stonith type [nosuch]: "));
	CHECK(has(e.msg, e.n, "ha.cf:6: Invalid Stonith configuration parameter: ipmi needs 3 values "
		  "(ipaddr login password), 2 given"));
	CHECK(has(e.msg, e.n, "ha.cf:7: STONITH device type external/broken: cannot get its parameter names"));
	/* a line for another node cannot stop this one: a warning */
	CHECK_INT(e.nwarn, 1);
	CHECK(has(e.warn, e.nwarn, "ha.cf:5: Invalid Stonith type [ipmilam]"));
	CHECK(has(e.warn, e.nwarn, "node other"));
	/* nothing of the values is repeated in a message */
	CHECK(!has(e.msg, e.n, "secret") && !has(e.msg, e.n, "admin"));
	conf_errors_free(&e);

	/* stonith TYPE FILE: the file's first line that is not a comment */
	snprintf(cfgfile, sizeof cfgfile, "%s/null.cfg", dir);
	f = fopen(cfgfile, "w");
	fputs("# the null device\n\n  n1 n2\n", f);
	fclose(f);
	cf.nstonith_hosts = 0;
	cf.stonith_type = "null";
	cf.stonith_file = cfgfile;
	cf.stonith_line = 9;
	CHECK_INT(stonith_check_config(&cf, "me", &e), 0);
	CHECK_INT(e.n + e.nwarn, 0);
	cf.stonith_type = "ipmi";
	CHECK_INT(stonith_check_config(&cf, "me", &e), 1);
	CHECK(e.n == 1 && strstr(e.msg[0], "ha.cf:9: Invalid Stonith configuration parameter: ipmi needs 3"));
	conf_errors_free(&e);
	cf.stonith_file = "/nonexistent/stonith.cfg";
	CHECK_INT(stonith_check_config(&cf, "me", &e), 1);
	CHECK(e.n == 1 && strstr(e.msg[0], "ha.cf:9: stonith: cannot read config file"));
	conf_errors_free(&e);

	/* no stonith command: every line is an error */
	cmd = g_strdup_printf("%s/missing", dir);
	setenv("HB_STONITH_CMD", cmd, 1);
	CHECK_INT(stonith_check_config(&cf, "me", &e), 1);
	CHECK(e.n == 1 && strstr(e.msg[0], "ha.cf:9: cannot check the STONITH device: cannot run"));
	conf_errors_free(&e);
	g_free(cmd);
	/* nothing configured: the command is not even asked */
	cf.stonith_type = NULL;
	CHECK_INT(stonith_check_config(&cf, "me", &e), 0);
	unsetenv("HB_STONITH_CMD");
	unlink(path);
	unlink(cfgfile);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_env();
	test_check();
	rmdir(dir);
	return T_DONE();
}
