/* The pid file (/run/heartbeat.pid: pid right-aligned in 11 columns + LF, as
 * the original, so either daemon's -s / -k and init scripts read it). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
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

/* Held for the daemon's life: the lock on the pid file, so that a second
 * daemon started at the same instant (both having read no pid) cannot also
 * believe it is alone. */
static int lock_fd = -1;

int pidfile_write(const char *path)
{
	char buf[32];
	int fd, n;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int e = errno;

		close(fd);
		errno = e == EWOULDBLOCK ? EEXIST : e;
		return e == EWOULDBLOCK ? -2 : -1;
	}
	/* The file is rewritten in place (not renamed over): the lock belongs
	 * to this inode.  Readers see a short file only for an instant, and
	 * then take it for "not running" exactly as with no file. */
	n = snprintf(buf, sizeof buf, "%11d\n", (int)getpid());
	if (ftruncate(fd, 0) < 0 || pwrite(fd, buf, (size_t)n, 0) != n) {
		close(fd);
		return -1;
	}
	if (lock_fd >= 0)
		close(lock_fd);
	lock_fd = fd;
	return 0;
}

void pidfile_remove(const char *path)
{
	bool stale;

	if (pidfile_read(path, &stale) == getpid())
		unlink(path);
	if (lock_fd >= 0)
		close(lock_fd);
	lock_fd = -1;
}
