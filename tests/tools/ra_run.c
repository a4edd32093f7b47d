/* ra_run: test driver for lib/ra.  Resolves one haresources resource token,
 * runs one operation through the asynchronous runner and prints the result.
 * Usage: ra_run [-d rscdir] [-i initdir] [-o ocfroot] [-t ms] [-e N=V]... TOKEN OP */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib.h>
#include "ra.h"
#include "log.h"

static GMainLoop *loop;
static int final_rc = 1;
static pid_t child;

static void done(const struct ra_result *r, void *data)
{
	printf("rc=%d running=%d exited=%d exit=%d signal=%d timed_out=%d pid=%d\n", r->rc,
	       r->running, r->exited, r->exit_code, r->signo, r->timed_out, (int)child);
	final_rc = r->rc;
	g_main_loop_quit(loop);
}

int main(int argc, char **argv)
{
	struct ra_dirs d = { 0 };
	unsigned timeout = 20000;
	GPtrArray *env = g_ptr_array_new();
	int c;
	while ((c = getopt(argc, argv, "d:i:o:t:e:")) != -1) {
		switch (c) {
		case 'd': d.resource_dir = optarg; break;
		case 'i': d.init_dir = optarg; break;
		case 'o': d.ocf_root = optarg; break;
		case 't': timeout = atoi(optarg); break;
		case 'e': g_ptr_array_add(env, optarg); break;
		default: goto usage;
		}
	}
	if (argc - optind != 2)
		goto usage;
	g_ptr_array_add(env, NULL);
	struct log_settings ls = { .ident = "ra_run", .to_stderr = 1, .facility = -1, .debug = 1 };
	log_setup(&ls);
	struct ra_spec s;
	char err[256];
	if (ra_resolve_token(argv[optind], &d, &s, err, sizeof err) < 0) {
		fprintf(stderr, "ra_run: %s\n", err);
		return 2;
	}
	loop = g_main_loop_new(NULL, FALSE);
	ra_set_kill_grace(1000);
	child = ra_pid(ra_start(&s, argv[optind + 1], (char **)env->pdata, timeout, done, NULL));
	g_main_loop_run(loop);
	ra_spec_free(&s);
	g_ptr_array_free(env, TRUE);
	return final_rc;
usage:
	fprintf(stderr, "usage: ra_run [-d rscdir] [-i initdir] [-o ocfroot] [-t ms] [-e N=V]... TOKEN OP\n");
	return 2;
}
