/* crmgen: a cluster design sheet saved as CSV -> a file of crm configure
 * commands, as Linux-HA Japan's pm_crmgen 1.0 made it.  This file owns the
 * command line, reading the CSV, writing the crm file and the exit status
 * (0 ok, 1 error and nothing written, 2 warnings); the rest is cg_*.c. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cg.h"

#define CG_MAXFILE (64 * 1024 * 1024)

static void help(FILE *f)
{
	fputs("Usage: crmgen [options] CSVFILE\n"
	      "\n"
	      "Options:\n"
	      "  -o FILE        write the crm commands to FILE (default: standard output)\n"
	      "  -V             more messages: -V warnings, -VV notices, -VVV the reason of each\n"
	      "                 error, -VVVV debugging\n"
	      "  -C             no colocation constraints for the pingd/diskd columns of LOCATION\n"
	      "  -O             no order constraints for the pingd/diskd columns of LOCATION\n"
	      "  -v, --version  print the version and exit\n"
	      "  -h, --help     print this help and exit\n"
	      "\n"
	      "The CSV may be in Shift_JIS (as Excel saves it) or UTF-8, with or without a BOM.\n", f);
}

static char *read_all(const char *path, size_t *len, int *err)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*err = 0;
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > CG_MAXFILE) {
		*err = fstat(fd, &st) < 0 ? errno : S_ISREG(st.st_mode) ? EFBIG : EISDIR;
		close(fd);
		return NULL;
	}
	buf = cg_alloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size && (r = read(fd, buf + got, (size_t)st.st_size - got)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			free(buf);
			close(fd);
			return NULL;
		}
		got += (size_t)r;
	}
	close(fd);
	*len = got;
	return buf;
}

static bool write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, s, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		len -= (size_t)w;
	}
	return true;
}

static int write_output(struct cg_log *log, const char *path, const struct cg_buf *out)
{
	int fd;

	if (!path) {
		if (!write_all(1, out->s, out->len)) {
			cg_log_msg(log, CG_ERROR, 0, M_STDOUT_FAIL);
			return 1;
		}
		return 0;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		cg_log_msg(log, CG_ERROR, 0, M_OPEN_FAIL, path);
		return 1;
	}
	if (!write_all(fd, out->s, out->len) || close(fd) < 0) {
		cg_log_msg(log, CG_ERROR, 0, M_WRITE_FAIL, path);
		unlink(path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "version", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cg_log log = { .level = CG_ERROR, .out = stderr, .english = cg_locale_english() };
	struct cg_buf out = { 0 }, cmdline = { 0 };
	const char *output = NULL;
	bool colo = true, order = true;
	char *data, *name;
	size_t len = 0;
	int c, rc, err, i;

	while ((c = getopt_long(argc, argv, "o:VCOvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'V': log.level++; break;
		case 'C': colo = false; break;
		case 'O': order = false; break;
		case 'v':
			puts("crmgen 1.0");
			return 0;
		case 'h':
			help(stdout);
			return 0;
		default:
			help(stderr);
			return 1;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "%s\n\n", cg_msg_text(&log, optind == argc ? M_NO_CSV : M_MANY_CSV));
		help(stderr);
		return 1;
	}
	name = cg_strdup(argv[optind]);
	log.file = basename(name);
	for (i = 0; i < argc; i++) {
		if (i)
			cg_buf_str(&cmdline, " ");
		cg_buf_str(&cmdline, argv[i]);
	}
	cg_log_msg(&log, CG_INFO, 0, M_CMDLINE, cmdline.s);
	free(cmdline.s);
	data = read_all(argv[optind], &len, &err);
	if (!data) {
		cg_log_msg(&log, CG_ERROR, 0, M_OPEN_FAIL, argv[optind]);
		if (log.level >= CG_INFO)
			fprintf(stderr, "info  : %s\n", strerror(err));
		rc = 1;
	} else {
		rc = cg_generate(data, len, &log, colo, order, &out);
		free(data);
		if (rc != 1 && out.len > 0 && write_output(&log, output, &out))
			rc = 1;
	}
	if (rc == 1)
		fprintf(stderr, "%s\n", cg_msg_text(&log, M_QUIT_ERR));
	else if (rc == 2 && log.level < CG_WARN)
		fprintf(stderr, "%s\n", cg_msg_text(&log, M_QUIT_WARN));
	free(out.s);
	free(name);
	return rc;
}
