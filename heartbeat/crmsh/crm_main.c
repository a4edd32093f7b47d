/* crm: the shell's entry point.  Commands come from the arguments
 * (`crm configure primitive ...`), from a file (`crm -f FILE`), from stdin
 * or from the interactive prompt; levels are top, configure, resource,
 * node and cib.  Pending configuration changes are committed when the run ends. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "crm.h"

enum level { TOP, CONFIGURE, RESOURCE, NODE, CIB, RA };
static const char *const level_names[] = { "", "configure", "resource", "node", "cib", "ra" };

static void usage(FILE *f)
{
	fputs("usage:\n"
	      "    crm [-F] [-D display_type] [-c cib] [-f file] [args]\n"
	      "\n"
	      "    -F, --force       commit even when verification reports errors\n"
	      "    -f, --file=FILE   run the commands in FILE (\"-\": stdin)\n"
	      "    -c, --cib=NAME    work on the shadow CIB NAME\n"
	      "    -D, --display=T   output type (plain, color, uppercase): accepted, output is plain\n"
	      "    -w, --wait        accepted for compatibility\n"
	      "    -h, --help        this text\n"
	      "\n"
	      "    Levels: configure, resource, node, cib, ra, status.  See crm(8).\n", f);
}

static enum level level_of(const char *w)
{
	for (int l = CONFIGURE; l <= RA; l++)
		if (!strcmp(w, level_names[l]))
			return l;
	return TOP;
}

static int is_leave(const char *w)
{
	return !strcmp(w, "end") || !strcmp(w, "up") || !strcmp(w, "cd") || !strcmp(w, "back");
}

static int is_quit(const char *w)
{
	return !strcmp(w, "quit") || !strcmp(w, "exit") || !strcmp(w, "bye");
}

/* Runs words at level l; *lvl receives the level entered or left. */
static int run(struct crm_session *s, enum level *lvl, char **w, int *quit)
{
	if (!w[0])
		return 0;
	if (is_quit(w[0])) {
		*quit = 1;
		return 0;
	}
	if (*lvl != TOP && is_leave(w[0])) {
		*lvl = TOP;
		return 0;
	}
	enum level l = *lvl;
	if (l == TOP) {
		if (!strcmp(w[0], "status"))
			return crm_status_cmd(w + 1);
		if (!strcmp(w[0], "help")) {
			usage(stdout);
			return 0;
		}
		l = level_of(w[0]);
		if (l == TOP) {
			crm_err_at(s->lineno, "syntax: Unknown command near <%s>", w[0]);
			return 1;
		}
		if (!w[1]) {
			*lvl = l;
			return 0;
		}
		w++;
	}
	switch (l) {
	case CONFIGURE: return crm_configure_cmd(s, w);
	case RESOURCE: return crm_resource_cmd(w);
	case NODE: return crm_node_cmd(w, s->force);
	case CIB: return crm_cib_cmd(s, w);
	case RA: return crm_ra_cmd(w);
	default: return 1;
	}
}

/* A script: logical lines, each a command at the current level. */
static int run_text(struct crm_session *s, const char *text, int interactive)
{
	enum level lvl = TOP;
	int rc = 0, quit = 0;
	GPtrArray *lines = interactive ? NULL : crm_lines(text);
	for (guint i = 0; lines && i < lines->len && !quit; i++) {
		struct crm_line *l = g_ptr_array_index(lines, i);
		if (l->text[0] == '#')
			continue;
		char *err = NULL;
		char **w = crm_split(l->text, &err);
		s->lineno = l->lineno;
		if (!w) {
			crm_err_at(l->lineno, "%s", err);
			g_free(err);
			rc = 1;
			continue;
		}
		rc |= run(s, &lvl, w, &quit);
		g_strfreev(w);
	}
	crm_lines_free(lines);
	s->lineno = 0;
	return rc;
}

static int interactive(struct crm_session *s)
{
	enum level lvl = TOP;
	int rc = 0, quit = 0;
	GString *cum = g_string_new(NULL);
	crm_prompt_init(s);
	while (!quit) {
		const char *sh = getenv("CIB_shadow");
		char *prompt = g_strdup_printf("crm(%s)%s# ", sh && *sh ? sh : "live", level_names[lvl]);
		char *buf = crm_prompt_read(prompt, (int)lvl);
		g_free(prompt);
		if (!buf)
			break;
		g_strstrip(buf);
		size_t n = strlen(buf);
		if (n && buf[n - 1] == '\\') {
			buf[n - 1] = 0;
			g_string_append(cum, buf);
			g_free(buf);
			continue;
		}
		g_string_append(cum, buf);
		g_free(buf);
		char *err = NULL;
		char **w = cum->str[0] == '#' ? g_new0(char *, 1) : crm_split(cum->str, &err);
		g_string_truncate(cum, 0);
		if (!w) {
			crm_err("%s", err);
			g_free(err);
			continue;
		}
		rc = run(s, &lvl, w, &quit);
		g_strfreev(w);
	}
	g_string_free(cum, TRUE);
	if (!quit)
		putchar('\n');
	return rc;
}

static char *slurp(FILE *f)
{
	GString *s = g_string_new(NULL);
	char tmp[4096];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		g_string_append_len(s, tmp, n);
	return g_string_free(s, FALSE);
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "force", no_argument, NULL, 'F' }, { "file", required_argument, NULL, 'f' },
		{ "cib", required_argument, NULL, 'c' }, { "display", required_argument, NULL, 'D' },
		{ "wait", no_argument, NULL, 'w' }, { "help", no_argument, NULL, 'h' },
		{ "debug", no_argument, NULL, 'd' }, { "regression-tests", no_argument, NULL, 'R' },
		{ "version", no_argument, NULL, 'V' }, { NULL, 0, NULL, 0 }
	};
	struct crm_session s = { 0 };
	const char *file = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "+Ff:c:D:whdRVH:", lo, NULL)) != -1) {
		switch (c) {
		case 'F': s.force = 1; break;
		case 'f': file = optarg; break;
		case 'c': crm_use_shadow(optarg); break;
		case 'D': case 'w': case 'd': case 'R': case 'H': break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("crm (heartbeat " HB_VERSION ")\n"); return 0;
		default:
			fprintf(stderr, "crm: see crm --help\n");
			return 1;
		}
	}
	int rc;
	if (file) {
		FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
		if (!f) {
			crm_err("%s: %s", file, g_strerror(errno));
			return 1;
		}
		char *text = slurp(f);
		if (f != stdin)
			fclose(f);
		rc = run_text(&s, text, 0);
		g_free(text);
	} else if (optind < argc) {
		enum level lvl = TOP;
		int quit = 0;
		rc = run(&s, &lvl, argv + optind, &quit);
		if (lvl != TOP && !quit) {
			/* `crm configure` alone: the rest comes from stdin. */
			char **w = g_new0(char *, 3);
			w[0] = g_strdup(level_names[lvl]);
			if (isatty(0)) {
				rc = interactive(&s);
			} else {
				char *text = slurp(stdin);
				GString *t = g_string_new(level_names[lvl]);
				g_string_append_printf(t, "\n%s", text);
				rc = run_text(&s, t->str, 0);
				g_string_free(t, TRUE);
				g_free(text);
			}
			g_strfreev(w);
		}
	} else if (isatty(0)) {
		rc = interactive(&s);
	} else {
		char *text = slurp(stdin);
		rc = run_text(&s, text, 0);
		g_free(text);
	}
	if (s.dirty && crm_commit(&s) < 0)
		rc = 1;
	crm_session_close(&s);
	return rc ? 1 : 0;
}
