/* The pid file (/run/heartbeat.pid: pid right-aligned in 11 columns + LF, as
 * the original, so either daemon's -s / -k and init scripts read it). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pidfile.h"

pid_t pidfile_read(const char *path, bool *stale)
{
	char buf[32];
	FILE *f = fopen(path, "r");
	long pid;

	*stale = false;
	if (!f)
		return 0;
	if (!fgets(buf, sizeof buf, f)) {
		fclose(f);
		return 0;
	}
	fclose(f);
	pid = strtol(buf, NULL, 10);
	if (pid <= 0)
		return 0;
	if (kill((pid_t)pid, 0) < 0 && errno == ESRCH) {
		*stale = true;
		return 0;
	}
	return (pid_t)pid;
}

int pidfile_write(const char *path)
{
	char tmp[4200], buf[32];
	int fd, n;

	snprintf(tmp, sizeof tmp, "%s.%d", path, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	n = snprintf(buf, sizeof buf, "%11d\n", (int)getpid());
	if (write(fd, buf, (size_t)n) != n) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

void pidfile_remove(const char *path)
{
	bool stale;

	if (pidfile_read(path, &stale) == getpid())
		unlink(path);
}
