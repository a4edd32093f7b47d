/* mgmtd: main.  Reads /etc/ha.d/mgmtd.conf, loads (or on first start
 * makes) the TLS key and certificate, starts the HTTPS server and waits for
 * SIGTERM/SIGINT.  It stays in the foreground: heartbeat's respawn (or the
 * crm yes start list) runs and watches it. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gnutls/gnutls.h>
#include "config.h"
#include "log.h"
#include "mgmtd.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: mgmtd [-c FILE] [-t] [-d] [-h]\n"
		"  -c FILE  configuration (default %s)\n"
		"  -t       check the configuration and the certificate, print \"configuration OK\"\n"
		"  -d       debug log lines\n"
		"  -h       this text\n", MGMT_CONF_FILE);
}

int main(int argc, char **argv)
{
	const char *path = MGMT_CONF_FILE;
	struct log_settings ls = { 0 };
	struct mgmt_conf c;
	GString *errs = g_string_new(NULL);
	char why[512] = "", *cert = NULL, *key = NULL;
	bool check = false;
	int opt, debug = 0, sig;
	sigset_t set;

	while ((opt = getopt(argc, argv, "c:tdh")) != -1) {
		switch (opt) {
		case 'c': path = optarg; break;
		case 't': check = true; break;
		case 'd': debug++; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "mgmtd: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	ls.ident = "mgmtd";
	ls.to_stderr = 1;
	ls.facility = check ? -1 : 3 << 3;   /* LOG_DAEMON */
	ls.debug = debug;
	log_setup(&ls);
	if (!mgmt_conf_load(&c, path, errs)) {
		fputs(errs->str, stderr);
		return 1;
	}
	g_string_free(errs, TRUE);
	if (c.logfile && !check) {
		ls.logfile = c.logfile;
		log_setup(&ls);
	}
	if (gnutls_global_init() < 0) {
		fprintf(stderr, "mgmtd: GnuTLS did not start\n");
		return 1;
	}
	if (!mgmt_tls_load(c.cert, c.key, &cert, &key, why, sizeof(why))) {
		fprintf(stderr, "mgmtd: %s\n", why);
		return 1;
	}
	if (check) {
		printf("configuration OK\n");
		fflush(stdout);
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);
	/* the signals are taken by sigwait below, never by a worker thread */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	log_start_async();
	mgmt_session_setup(c.session_timeout);
	mgmt_action_tools(c.crm_tools);
	mgmt_rate_setup(c.login_failures, c.login_window);
	if (!mgmt_http_start(&c, cert, key, why, sizeof(why))) {
		log_msg(LOG_LVL_ERR, "%s", why);
		log_flush(2000);
		return 1;
	}
	explicit_bzero(key, strlen(key));
	log_msg(LOG_LVL_INFO, "serving https://%s:%d/ (TLS 1.2+, PAM service %s, group %s)%s%s",
		c.address, c.port, c.pam_service, c.group,
		c.metrics_address ? ", metrics on " : "", c.metrics_address ? c.metrics_address : "");
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig == SIGHUP) {
			log_msg(LOG_LVL_INFO, "SIGHUP: restart mgmtd to read %s again", path);
			continue;
		}
		break;
	}
	log_msg(LOG_LVL_INFO, "stopping (signal %d)", sig);
	mgmt_http_stop();
	log_flush(2000);
	g_free(cert);
	g_free(key);
	mgmt_conf_free(&c);
	return 0;
}
