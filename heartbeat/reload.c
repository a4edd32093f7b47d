/* Reload reports: the log lines and <run_dir>/reload.status, "marker PID.N"
 * then one "applied|restart|failed|unchanged TEXT" line per item, written to a
 * temporary file and renamed so a reader never sees half of one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "log.h"
#include "reload.h"

static void status_path(const char *run_dir, char *out, size_t len, bool tmp)
{
	snprintf(out, len, "%s/reload.status%s", run_dir, tmp ? ".tmp" : "");
}

/* text holds one item per line: each goes to the log line and the file. */
static void add_items(GString *line, FILE *f, const char *kind, const char *text)
{
	const char *p = text, *nl;

	while (p && *p) {
		nl = strstr(p, "\n");
		if (line->len)
			g_string_append(line, "; ");
		g_string_append_len(line, p, nl ? (gssize)(nl - p) : (gssize)strlen(p));
		if (f)
			fprintf(f, "%s %.*s\n", kind, nl ? (int)(nl - p) : (int)strlen(p), p);
		p = nl ? nl + 1 : NULL;
	}
}

void reload_report(const char *run_dir, const struct conf_diff *d, const GString *did,
		   const GString *refused, const char *failed)
{
	static unsigned long n;
	char path[4200], tmp[4200];
	GString *now = g_string_new(NULL), *later = g_string_new(NULL);
	FILE *f;
	int i;

	status_path(run_dir, path, sizeof path, false);
	status_path(run_dir, tmp, sizeof tmp, true);
	f = fopen(tmp, "w");
	if (f)
		fprintf(f, "marker %d.%lu.%lld\n", (int)getpid(), ++n, (long long)time(NULL));
	if (failed) {
		log_err("%s", failed);
		if (f)
			fprintf(f, "failed %s\n", failed);
	} else {
		for (i = 0; d && i < d->n; i++)
			add_items(d->v[i].live ? now : later, f, d->v[i].live ? "applied" : "restart",
				  d->v[i].text);
		if (did && did->len)
			add_items(now, f, "applied", did->str);
		if (refused && refused->len)
			add_items(later, f, "restart", refused->str);
		if (now->len)
			log_info("Configuration reloaded: %s", now->str);
		if (later->len)
			log_warn("Configuration reload: kept the running values until heartbeat restarts for: %s",
				 later->str);
		if (!now->len && !later->len) {
			log_info("Configuration unchanged.");
			if (f)
				fprintf(f, "unchanged\n");
		}
	}
	if (f) {
		if (fclose(f) == 0)
			rename(tmp, path);
		else
			unlink(tmp);
	}
	g_string_free(now, TRUE);
	g_string_free(later, TRUE);
}

void reload_marker(const char *run_dir, char *out, size_t len)
{
	char path[4200], line[256] = "";
	FILE *f;

	status_path(run_dir, path, sizeof path, false);
	f = fopen(path, "r");
	if (f) {
		if (!fgets(line, sizeof line, f))
			line[0] = '\0';
		fclose(f);
	}
	snprintf(out, len, "%s", line);
}

int reload_wait_print(const char *run_dir, const char *marker, unsigned timeout_ms)
{
	char path[4200], now[256], line[4096];
	unsigned waited;
	int rc = 0;
	FILE *f;

	for (waited = 0;; waited += 50) {
		reload_marker(run_dir, now, sizeof now);
		if (now[0] && strcmp(now, marker) != 0)
			break;
		if (waited >= timeout_ms) {
			fprintf(stderr, "heartbeat: reload: no report from the daemon within %u s (see its log)\n",
				timeout_ms / 1000);
			return 1;
		}
		usleep(50000);
	}
	status_path(run_dir, path, sizeof path, false);
	f = fopen(path, "r");
	if (!f)
		return 1;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "applied ", 8) == 0)
			fprintf(stderr, "heartbeat: reload: applied: %s\n", line + 8);
		else if (strncmp(line, "restart ", 8) == 0)
			fprintf(stderr, "heartbeat: reload: needs a restart of heartbeat: %s\n", line + 8);
		else if (strncmp(line, "failed ", 7) == 0)
			fprintf(stderr, "heartbeat: reload FAILED: %s\n", line + 7), rc = 1;
		else if (strcmp(line, "unchanged") == 0)
			fprintf(stderr, "heartbeat: reload: configuration unchanged\n");
	}
	fclose(f);
	return rc;
}
