/* Who we are: the local node name, the generation number (raised at every
 * start so peers can tell a restart from a replay) and the node uuid.  The
 * files written here must survive a crash: temp file, fsync, rename. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "daemon.h"
#include "log.h"

static int write_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
	char tmp[4200];
	int fd;

	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
		return -1;
	}
	if (write(fd, data, len) != (ssize_t)len || fsync(fd) < 0) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int identity_generation(const char *var_lib, bool from_time, unsigned long *gen, char *err, size_t errlen)
{
	char path[4096], buf[64];
	unsigned long g = 0;
	FILE *f;

	if (from_time) {
		*gen = (unsigned long)time(NULL);
		return 0;
	}
	snprintf(path, sizeof path, "%s/hb_generation", var_lib);
	f = fopen(path, "r");
	if (f) {
		if (fgets(buf, sizeof buf, f))
			g = strtoul(buf, NULL, 10);
		fclose(f);
	}
	if (g == 0 || g >= 0xfffffffeUL) {
		/* none, or nowhere left to count: start from the clock */
		g = (unsigned long)time(NULL);
		log_info("No Previous generation - starting at %lu", g + 1);
	}
	g++;
	/* 15 columns right-aligned plus LF: the original's layout, so either
	 * daemon can be started on the same state directory. */
	snprintf(buf, sizeof buf, "%15lu\n", g);
	if (write_atomic(path, buf, 16, err, errlen) < 0)
		return -1;
	*gen = g;
	return 0;
}

static void uuid_from_name(const char *name, unsigned char u[16])
{
	unsigned int h;
	const signed char *p = (const signed char *)name;
	int i;

	/* The original seeds the C library's rand() with a string hash of the
	 * name; we use the same recipe so the uuid matches on glibc. */
	h = (unsigned int)(int)*p;
	for (p += *p != 0; *p; p++)
		h = h * 31 + (unsigned int)(int)*p;
	srand(h);
	for (i = 0; i < 16; i++) {
		int hi = rand() % 16, lo = rand() % 16;
		u[i] = (unsigned char)(hi << 4 | lo);
	}
}

int identity_uuid(const char *var_lib, bool from_nodename, const char *name, unsigned char uuid[16],
		  char *err, size_t errlen)
{
	char path[4096];
	int fd;
	ssize_t n = 0;

	if (from_nodename) {
		uuid_from_name(name, uuid);
		return 0;
	}
	snprintf(path, sizeof path, "%s/hb_uuid", var_lib);
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		n = read(fd, uuid, 16);
		close(fd);
		if (n == 16)
			return 0;
	}
	log_info("No uuid found for current node - generating a new uuid.");
	fd = open("/dev/urandom", O_RDONLY);
	if (fd < 0 || read(fd, uuid, 16) != 16) {
		snprintf(err, errlen, "cannot read /dev/urandom: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	uuid[6] = (uuid[6] & 0x0f) | 0x40;   /* version 4, variant 1 */
	uuid[8] = (uuid[8] & 0x3f) | 0x80;
	return write_atomic(path, uuid, 16, err, errlen);
}
