/* STONITH in haresources mode: pick the device ha.cf gives this node
 * (stonith TYPE FILE, or the last matching stonith_host line), and reset a
 * dead peer through the stonith command (cluster-glue's unless it was
 * absent at build time) as a child process, retrying every 5 s as the
 * original does: taking over without a successful reset could corrupt
 * shared data.  Parameters reach the command through -F FILE or, for
 * stonith_host, the environment (-E): a command line is readable by every
 * local user. */
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
#include "stonith_check.h"

#define STONITH_RETRY_MS 5000
#define STONITH_TIMEOUT_MS 120000

static char *dev_type;
static char *dev_file;     /* stonith TYPE FILE: handed over as -F FILE */
static char *dev_params;   /* stonith_host: split over the type's names ... */
static char **dev_env;     /* ... into NAME=value for -E, once they are known */

struct fence {
	int ni;
	void (*done)(int, bool);
	struct timer retry;
	struct ra_run *run;
	bool cancelled;
};

static struct fence *fences[CONF_MAXNODES];

void stonith_init(void)
{
	int i;

	if (hb.cf->stonith_type && hb.cf->stonith_file) {
		dev_type = g_strdup(hb.cf->stonith_type);
		dev_file = g_strdup(hb.cf->stonith_file);
	}
	for (i = 0; i < hb.cf->nstonith_hosts; i++) {
		struct conf_stonith_host *h = &hb.cf->stonith_hosts[i];

		if (strcmp(h->host, "*") == 0 || strcmp(h->host, hb.localname) == 0) {
			g_free(dev_type);
			g_free(dev_file);
			g_free(dev_params);
			dev_type = g_strdup(h->type);
			dev_file = NULL;
			dev_params = g_strdup(h->params);
		}
	}
	if (dev_type)
		log_info("STONITH device for this node: %s (%s)", dev_type, stonith_command());
}

bool stonith_configured(void)
{
	return dev_type != NULL;
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

static void reset(struct fence *f)
{
	char *argv[10];
	int n = 0;

	argv[n++] = (char *)stonith_command();
	argv[n++] = "-t";
	argv[n++] = dev_type;
	if (dev_file) {
		argv[n++] = "-F";
		argv[n++] = dev_file;
	} else {
		argv[n++] = "-E";
	}
	argv[n++] = "-T";
	argv[n++] = "reset";
	argv[n++] = (char *)hb.nodes[f->ni].name;
	argv[n] = NULL;
	f->run = ra_spawn("stonith", "reset", argv, dev_file ? NULL : dev_env, STONITH_TIMEOUT_MS,
			  finished, f);
}

/* The answer to "stonith -t TYPE -n": the names the stonith_host values go
 * to, asked the first time they are needed (and again after a failure). */
static void got_names(const struct ra_result *res, void *data)
{
	struct fence *f = data;
	const char *name = hb.nodes[f->ni].name;

	f->run = NULL;
	if (f->cancelled) {
		fences[f->ni] = NULL;
		g_free(f);
		return;
	}
	if (res->rc == RA_RC_OK && res->out) {
		char **names = g_strsplit_set(res->out, " \t\r\n", -1);
		GPtrArray *a = g_ptr_array_new();

		for (char **p = names; *p; p++)
			if (**p)
				g_ptr_array_add(a, *p);
		g_ptr_array_add(a, NULL);
		dev_env = stonith_param_env((char *const *)a->pdata, dev_params ? dev_params : "");
		if (!dev_env)
			log_err("Invalid Stonith configuration parameter for %s: %u values needed",
				dev_type, a->len - 1);
		g_ptr_array_free(a, TRUE);
		g_strfreev(names);
	} else {
		log_err("STONITH device %s: %s -t %s -n failed", dev_type, stonith_command(), dev_type);
	}
	if (dev_env) {
		reset(f);
		return;
	}
	log_err("STONITH of %s failed.  Retrying...", name);
	timer_start(&f->retry, STONITH_RETRY_MS);
}

static void attempt(struct fence *f)
{
	char *argv[] = { (char *)stonith_command(), "-t", dev_type, "-n", NULL };

	log_info("Resetting node %s with [%s]", hb.nodes[f->ni].name, dev_type);
	if (dev_file || dev_env)
		reset(f);
	else
		f->run = ra_spawn("stonith", "names", argv, NULL, STONITH_TIMEOUT_MS, got_names, f);
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
