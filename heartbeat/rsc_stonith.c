/* STONITH in haresources mode: pick the device ha.cf gives this node
 * (stonith TYPE FILE, or the last matching stonith_host line), and reset a
 * dead peer through the stonith command as a child process, retrying every
 * 5 s as the original does: taking over without a successful reset could
 * corrupt shared data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "config.h"
#include "daemon.h"
#include "log.h"
#include "ra.h"
#include "timer.h"
#include "rsc_stonith.h"

#define STONITH_RETRY_MS 5000
#define STONITH_TIMEOUT_MS 120000

static char *dev_type, *dev_params;

struct fence {
	int ni;
	void (*done)(int, bool);
	struct timer retry;
	struct ra_run *run;
	bool cancelled;
};

static struct fence *fences[CONF_MAXNODES];

static char *params_from_file(const char *path)
{
	char line[4096];
	FILE *f = fopen(path, "r");
	char *res = NULL;

	if (!f) {
		log_err("cannot read STONITH configuration file %s", path);
		return NULL;
	}
	while (fgets(line, sizeof line, f)) {
		char *p = line;

		line[strcspn(line, "\r\n")] = 0;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p && *p != '#') {
			res = g_strdup(p);
			break;
		}
	}
	fclose(f);
	return res;
}

void stonith_init(void)
{
	int i;

	if (hb.cf->stonith_type && hb.cf->stonith_file) {
		dev_type = g_strdup(hb.cf->stonith_type);
		dev_params = params_from_file(hb.cf->stonith_file);
	}
	for (i = 0; i < hb.cf->nstonith_hosts; i++) {
		struct conf_stonith_host *h = &hb.cf->stonith_hosts[i];

		if (strcmp(h->host, "*") == 0 || strcmp(h->host, hb.localname) == 0) {
			g_free(dev_type);
			g_free(dev_params);
			dev_type = g_strdup(h->type);
			dev_params = g_strdup(h->params);
		}
	}
	if (dev_type)
		log_info("STONITH device for this node: %s", dev_type);
}

bool stonith_configured(void)
{
	return dev_type != NULL;
}

static const char *stonith_cmd(void)
{
	const char *e = getenv("HB_STONITH_CMD");

	return e ? e : HA_SBINDIR "/stonith";
}

static void attempt(struct fence *f);

static void retry(void *data)
{
	attempt(data);
}

static void finished(const struct ra_result *res, void *data)
{
	struct fence *f = data;
	const char *name = hb.nodes[f->ni].name;

	f->run = NULL;
	if (f->cancelled) {
		/* the node came back while we were at it; if it dies again it
		 * is fenced anew */
		log_info("STONITH of %s ended (%s) after the node came back", name,
			 res->rc == RA_RC_OK ? "reset" : "failed");
		fences[f->ni] = NULL;
		g_free(f);
		return;
	}
	if (res->rc == RA_RC_OK) {
		log_info("node %s now reset.", name);
		fences[f->ni] = NULL;
		f->done(f->ni, true);
		g_free(f);
		return;
	}
	log_err("STONITH of %s failed.  Retrying...", name);
	timer_start(&f->retry, STONITH_RETRY_MS);
}

static void attempt(struct fence *f)
{
	const char *name = hb.nodes[f->ni].name;
	char *argv[] = { (char *)stonith_cmd(), "-t", dev_type, "-p", dev_params ? dev_params : "",
			 "-T", "reset", (char *)name, NULL };

	log_info("Resetting node %s with [%s]", name, dev_type);
	f->run = ra_spawn("stonith", "reset", argv, NULL, STONITH_TIMEOUT_MS, finished, f);
}

void stonith_fence(int ni, void (*done)(int ni, bool ok))
{
	struct fence *f;

	if (fences[ni]) {
		/* still running from before the node came back: it is needed again */
		fences[ni]->cancelled = false;
		fences[ni]->done = done;
		return;
	}
	f = g_new0(struct fence, 1);
	f->ni = ni;
	f->done = done;
	timer_init(&f->retry, retry, f);
	fences[ni] = f;
	attempt(f);
}

void stonith_cancel(int ni)
{
	struct fence *f = ni >= 0 && ni < CONF_MAXNODES ? fences[ni] : NULL;

	if (!f)
		return;
	log_info("node %s is back: STONITH cancelled", hb.nodes[ni].name);
	if (timer_armed(&f->retry)) {
		timer_stop(&f->retry);
		fences[ni] = NULL;
		g_free(f);
		return;
	}
	f->cancelled = true;
}
