/* Unit tests for the STONITH device core (stonith/st_core.c): parameter
 * strings, files and environments, host lists, and the null and suicide
 * devices, which need no outside world. */
#include <stdlib.h>
#include <unistd.h>
#include <glib.h>
#include "check.h"
#include "stonith/stonith.h"

static void test_config(void)
{
	struct st_device *d = st_new("null");
	CHECK(d != NULL);
	char **names = st_confignames(d);
	CHECK(names && names[0] && !names[1]);
	CHECK_STR(names[0], "hostlist");
	CHECK_INT(st_status(d), S_OOPS);             /* not configured yet */
	CHECK(st_hostlist(d) == NULL);
	CHECK_INT(st_set_config_string(d, "   "), S_BADCONFIG);
	CHECK_INT(st_set_config_string(d, NULL), S_BADCONFIG);
	/* one name: it takes the whole rest, blanks and all */
	CHECK_INT(st_set_config_string(d, "  a  B,c\td \n"), S_OK);
	CHECK_STR(st_param(d, "hostlist"), "a  B,c\td");
	char **h = st_hostlist(d);
	CHECK_INT(g_strv_length(h), 4);
	CHECK_STR(h[1], "b");
	CHECK_INT(st_host_in(h, "C"), 1);
	CHECK_INT(st_host_in(h, "e"), 0);
	g_strfreev(h);
	CHECK_INT(st_status(d), S_OK);
	CHECK_INT(st_reset(d, ST_GENERIC_RESET, "x"), S_OK);
	CHECK_INT(st_reset(d, 9, "x"), S_INVAL);
	CHECK_INT(st_reset(d, ST_POWEROFF, ""), S_INVAL);
	CHECK_INT(st_reset(d, ST_POWERON, NULL), S_INVAL);
	char *info = st_get_info(d, ST_CONF_XML);
	CHECK(info && strstr(info, "hostlist"));
	g_free(info);
	CHECK(st_param(d, "nothing") == NULL);

	char *env[] = { "PATH=/bin", "hostlist=p,q", NULL };
	CHECK_INT(st_set_config_env(d, env), S_OK);
	CHECK_STR(st_param(d, "hostlist"), "p,q");
	char *noenv[] = { "PATH=/bin", NULL };
	CHECK_INT(st_set_config_env(d, noenv), S_BADCONFIG);

	char tmpl[] = "/tmp/test_stonith.XXXXXX";
	int fd = mkstemp(tmpl);
	const char *text = "# a comment\n\n   \n  x y z  \nsecond line\n";
	CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	CHECK_INT(st_set_config_file(d, tmpl), S_OK);
	CHECK_STR(st_param(d, "hostlist"), "x y z");
	unlink(tmpl);
	CHECK_INT(st_set_config_file(d, tmpl), S_BADCONFIG);
	st_free(d);
}

static void test_types(void)
{
	CHECK(st_new("nosuch") == NULL);
	CHECK(st_new("external/") == NULL);
	CHECK(st_new("external/../../bin/sh") == NULL);
	CHECK(st_new(NULL) == NULL);
	g_setenv("HB_STONITH_PLUGINDIR", "/nonexistent", TRUE);
	char **t = st_types();
	CHECK_INT(g_strv_length(t), 4);
	CHECK_STR(t[0], "meatware");
	CHECK_STR(t[3], "suicide");
	g_strfreev(t);
	CHECK_STR(st_plugindir(), "/nonexistent");

	struct st_device *d = st_new("suicide");
	CHECK(d != NULL);
	CHECK_INT(g_strv_length(st_confignames(d)), 0);
	CHECK_INT(st_set_config_string(d, ""), S_OK);
	char **h = st_hostlist(d);
	CHECK_INT(g_strv_length(h), 1);
	g_strfreev(h);
	CHECK_INT(st_reset(d, ST_GENERIC_RESET, "surely-not-this-host.invalid"), S_BADHOST);
	st_free(d);

	d = st_new("ssh");
	CHECK_INT(st_set_config_string(d, "h1 h2"), S_OK);
	CHECK_INT(st_reset(d, ST_GENERIC_RESET, "h3"), S_BADHOST);
	CHECK_INT(st_reset(d, ST_POWERON, "H1"), S_INVAL);
	st_free(d);

	d = st_new("meatware");
	CHECK_INT(st_set_config_string(d, "m1"), S_OK);
	CHECK_INT(st_reset(d, ST_GENERIC_RESET, "m2"), S_BADHOST);
	st_free(d);
	st_free(NULL);

	CHECK_STR(st_rc_text(S_BADHOST), "unknown host");
	CHECK_STR(st_rc_text(42), "unknown error");
	char **s = st_split_hosts(" ,A,,b\n");
	CHECK_INT(g_strv_length(s), 2);
	CHECK_STR(s[0], "a");
	g_strfreev(s);
	s = st_split_hosts(NULL);
	CHECK_INT(g_strv_length(s), 0);
	g_strfreev(s);
}

int main(void)
{
	test_config();
	test_types();
	return T_DONE();
}
