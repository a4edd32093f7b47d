/* haresources2cib: convert a heartbeat v1 haresources file (with the ha.cf
 * beside it) into a cib.xml, as haresources2cib.py of heartbeat 2.x and
 * Pacemaker 1.0 did.  This file owns the command line, reading the inputs
 * and writing the result; the conversion is h2c_map.c / h2c_upgrade.c. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "config.h"
#include "h2c.h"
#include "readfile.h"

#define H2C_MAXFILE (16 * 1024 * 1024)

struct args {
	struct h2c_opts o;
	const char *haresources, *hacf, *output;
	bool to_stdout, pm10;
	char *dflt_hr, *dflt_cf, *dflt_out, *dflt_rdir;
};

static void usage(FILE *f)
{
	fputs("usage: haresources2cib [--no-ocf] [--stdout] [--no-monitor] [--config|-c configfile]\n"
	      "                       [--output|-o file] [--schema 0.6|pacemaker-1.0]\n"
	      "                       [--compat 2.1.3|1.0] [--resource-dir dir] [--init-dir dir]\n"
	      "                       [--help|-h] [resourcefile]\n", f);
}

static char *path_join(const char *dir, const char *name)
{
	char *s = NULL;

	if (asprintf(&s, "%s/%s", dir, name) < 0) {
		fputs("haresources2cib: out of memory\n", stderr);
		exit(1);
	}
	return s;
}

static int parse_args(int argc, char **argv, struct args *a)
{
	static const struct option longopts[] = {
		{ "no-ocf", no_argument, NULL, 'N' },
		{ "stdout", no_argument, NULL, 'S' },
		{ "no-monitor", no_argument, NULL, 'M' },
		{ "config", required_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ "schema", required_argument, NULL, 's' },
		{ "compat", required_argument, NULL, 'C' },
		{ "resource-dir", required_argument, NULL, 'R' },
		{ "init-dir", required_argument, NULL, 'I' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *ha_dir = getenv("HB_HA_DIR"), *var_lib = getenv("HB_VARLIB");
	int c;

	if (!ha_dir || !*ha_dir)
		ha_dir = HA_SYSCONFDIR;
	if (!var_lib || !*var_lib)
		var_lib = HA_VARLIBDIR;
	a->dflt_hr = path_join(ha_dir, "haresources");
	a->dflt_cf = path_join(ha_dir, "ha.cf");
	a->dflt_rdir = path_join(ha_dir, "resource.d");
	a->dflt_out = path_join(var_lib, "crm/cib.xml");
	a->haresources = a->dflt_hr;
	a->hacf = a->dflt_cf;
	a->o.resource_dir = a->dflt_rdir;
	a->o.init_dir = "/etc/init.d";
	a->o.stonith_names = h2c_stonith_names;
	while ((c = getopt_long(argc, argv, "c:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'N': a->o.no_ocf = true; break;
		case 'S': a->to_stdout = true; break;
		case 'M': a->o.no_monitor = true; break;
		case 'c': a->hacf = optarg; break;
		case 'o': a->output = optarg; break;
		case 'R': a->o.resource_dir = optarg; break;
		case 'I': a->o.init_dir = optarg; break;
		case 's':
			if (strcmp(optarg, "pacemaker-1.0") == 0)
				a->pm10 = true;
			else if (strcmp(optarg, "0.6") == 0)
				a->pm10 = false;
			else {
				fprintf(stderr, "haresources2cib: --schema: unknown spelling [%s] (expected 0.6 or pacemaker-1.0)\n",
					optarg);
				return -1;
			}
			break;
		case 'C':
			if (strcmp(optarg, "2.1.3") == 0)
				a->o.compat = H2C_COMPAT_213;
			else if (strcmp(optarg, "1.0") == 0)
				a->o.compat = H2C_COMPAT_10;
			else {
				fprintf(stderr, "haresources2cib: --compat: unknown version [%s] (expected 2.1.3 or 1.0)\n",
					optarg);
				return -1;
			}
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind < argc)
		a->haresources = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "haresources2cib: one haresources file only ([%s] is one too many)\n", argv[optind]);
		return -1;
	}
	if (a->to_stdout && a->output) {
		fputs("haresources2cib: --stdout and --output exclude each other\n", stderr);
		return -1;
	}
	a->o.hacf_name = a->hacf;
	return 0;
}

static char *read_input(const char *path, size_t *len)
{
	struct stat st;
	char *text;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "haresources2cib: cannot open %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > H2C_MAXFILE) {
		fprintf(stderr, "haresources2cib: %s: not a regular file of at most %d bytes\n", path, H2C_MAXFILE);
		close(fd);
		return NULL;
	}
	text = readfile_fd(fd, (size_t)st.st_size, len);
	if (!text)
		fputs("haresources2cib: out of memory\n", stderr);
	return text;
}

/* The first word of line n of text. */
static void directive_of_line(const char *text, size_t len, int n, char *word, size_t wlen)
{
	size_t pos = 0, i = 0;
	int line = 1;

	while (pos < len && line < n)
		if (text[pos++] == '\n')
			line++;
	while (pos < len && (text[pos] == ' ' || text[pos] == '\t'))
		pos++;
	while (pos < len && i + 1 < wlen && text[pos] != ' ' && text[pos] != '\t' && text[pos] != '\n' &&
	       text[pos] != '\r')
		word[i++] = text[pos++];
	word[i] = '\0';
}

/* ha.cf through heartbeat's own parser.  Only the directives the conversion
 * reads must be right: a wrong one is an error; trouble elsewhere (media,
 * timings, the checks on the whole file) is heartbeat's business and at most
 * a warning here. */
static int load_hacf(const char *path, struct hb_config *cf)
{
	struct conf_errors errs = { 0 };
	size_t len = 0, plen = strlen(path);
	char *text = read_input(path, &len), word[64];
	int i, line, fatal = 0;

	if (!text)
		return -1;
	conf_parse(text, len, path, NULL, cf, &errs);
	for (i = 0; i < errs.n; i++) {
		const char *msg = errs.msg[i];

		if (strncmp(msg, path, plen) != 0 || msg[plen] != ':' || sscanf(msg + plen + 1, "%d", &line) != 1)
			continue;      /* a check on the whole file */
		directive_of_line(text, len, line, word, sizeof word);
		if (strcmp(word, "node") == 0 || strcmp(word, "stonith_host") == 0 ||
		    strcmp(word, "auto_failback") == 0) {
			fprintf(stderr, "%s\n", msg);
			fatal++;
		} else
			fprintf(stderr, "%s (ignored: not needed for the conversion)\n", msg);
	}
	conf_errors_free(&errs);
	free(text);
	return fatal ? -1 : 0;
}

static int load_haresources(const char *path, const struct hb_config *cf, struct haresources *hr)
{
	struct conf_errors errs = { 0 };
	int i, rc = haresources_load(path, cf, hr, &errs);

	for (i = 0; i < errs.n; i++)
		fprintf(stderr, "%s\n", errs.msg[i]);
	for (i = 0; i < errs.nwarn; i++)
		fprintf(stderr, "%s (warning)\n", errs.warn[i]);
	conf_errors_free(&errs);
	return rc;
}

/* Like the original: never overwrite a cib.xml (or its signature) that is there. */
static int write_cib(const char *path, const char *text, bool chown_cluster)
{
	char *sig = NULL, *tmp = NULL;
	size_t len = strlen(text);
	int fd, rc = -1;

	if (asprintf(&sig, "%s.sig", path) < 0 || asprintf(&tmp, "%s.tmpXXXXXX", path) < 0)
		goto out;
	if (access(path, F_OK) == 0 || access(sig, F_OK) == 0) {
		fprintf(stderr, "haresources2cib: %s or %s exists: remove them before generating a new cib.xml\n",
			path, sig);
		goto out;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "haresources2cib: cannot create a file beside %s: %s\n", path, strerror(errno));
		goto out;
	}
	if (write(fd, text, len) != (ssize_t)len || fchmod(fd, 0600) < 0 || close(fd) < 0) {
		fprintf(stderr, "haresources2cib: cannot write %s: %s\n", tmp, strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (chown_cluster && geteuid() == 0) {
		struct passwd *pw = getpwnam("hacluster");
		struct group *gr = getgrnam("haclient");

		if (pw && gr && chown(tmp, pw->pw_uid, gr->gr_gid) < 0)
			fprintf(stderr, "haresources2cib: warning: cannot give %s to hacluster:haclient: %s\n",
				path, strerror(errno));
	}
	if (rename(tmp, path) < 0) {
		fprintf(stderr, "haresources2cib: cannot rename %s to %s: %s\n", tmp, path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(sig);
	free(tmp);
	return rc;
}

int main(int argc, char **argv)
{
	struct args a = { 0 };
	struct hb_config cf;
	struct haresources hr = { 0 };
	struct h2c_msgs m = { .out = stderr };
	struct xel *cib = NULL, *up;
	char *text = NULL;
	bool bad;
	int rc = 1;

	memset(&cf, 0, sizeof cf);
	if (parse_args(argc, argv, &a) < 0)
		goto out;
	if (load_hacf(a.hacf, &cf) < 0)
		goto out;
	/* After a haresources error the lines that parsed are still converted,
	 * so that one run reports every mistake. */
	bad = load_haresources(a.haresources, &cf, &hr) < 0;
	cib = h2c_map(&hr, a.haresources, &cf, &a.o, &m);
	if (!cib || bad)
		goto out;
	if (a.pm10) {
		up = h2c_upgrade(cib);
		xel_free(cib);
		cib = up;
	}
	text = xel_pretty(cib, a.pm10 ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" : "<?xml version=\"1.0\" ?>");
	if (!text) {
		fputs("haresources2cib: out of memory\n", stderr);
		goto out;
	}
	if (a.to_stdout) {
		/* The original printed the document with "print": one newline more. */
		if (fputs(text, stdout) == EOF || fputc('\n', stdout) == EOF || fflush(stdout) == EOF) {
			fprintf(stderr, "haresources2cib: cannot write the standard output: %s\n", strerror(errno));
			goto out;
		}
	} else if (write_cib(a.output ? a.output : a.dflt_out, text, !a.output) < 0)
		goto out;
	rc = 0;
out:
	free(text);
	xel_free(cib);
	haresources_free(&hr);
	conf_free(&cf);
	free(a.dflt_hr);
	free(a.dflt_cf);
	free(a.dflt_rdir);
	free(a.dflt_out);
	return rc;
}
