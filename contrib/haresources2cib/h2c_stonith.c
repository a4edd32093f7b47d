/* Parameter names of a stonith device type, from "stonith -n -t TYPE" (the
 * cluster-glue command, found on PATH), as the original asked it.  Bounded:
 * a plugin that hangs is killed after STONITH_WAIT_MS. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "h2c.h"

#define STONITH_WAIT_MS 10000

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Read the child's output until EOF, a full buffer or the deadline. */
static size_t read_bounded(int fd, char *buf, size_t cap, long deadline)
{
	size_t got = 0;

	while (got < cap) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long left = deadline - now_ms();
		ssize_t r;

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			break;
		r = read(fd, buf + got, cap - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

int h2c_stonith_names(const char *type, char ***names, char *err, size_t errlen)
{
	char buf[4096], *save = NULL, *nl;
	int pfd[2], status = 0, n = 0;
	long deadline;
	size_t got;
	pid_t pid;

	*names = NULL;
	if (pipe(pfd) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		execlp("stonith", "stonith", "-n", "-t", type, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	deadline = now_ms() + STONITH_WAIT_MS;
	got = read_bounded(pfd[0], buf, sizeof buf - 1, deadline);
	close(pfd[0]);
	while (waitpid(pid, &status, WNOHANG) == 0) {
		struct timespec nap = { 0, 10 * 1000000L };

		if (now_ms() >= deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		nanosleep(&nap, NULL);
	}
	buf[got] = '\0';
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			snprintf(err, errlen, "the stonith command (cluster-glue) is not on PATH");
		else
			snprintf(err, errlen, "\"stonith -n -t %s\" failed (unknown device type?)", type);
		return -1;
	}
	nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	for (char *t = strtok_r(buf, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
		char **nn = realloc(*names, (size_t)(n + 1) * sizeof *nn);

		if (!nn || !(nn[n] = strdup(t))) {
			free(nn ? nn : *names);
			*names = NULL;
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		*names = nn;
		n++;
	}
	return n;
}
