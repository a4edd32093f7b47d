/* The parent half waits on a pipe that is the child's stderr: what the child
 * writes there is copied through, a final READY marker means success, and an
 * end of file without it means the child died, whose exit status is then the
 * parent's.  Bounded: a start-up that hangs is reported, not waited for. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "daemonize.h"

#define READY "\001heartbeat-ready\n"

static int report_fd = -1;

static int wait_child(pid_t pid, int fd, unsigned timeout_s)
{
	char buf[4096], tail[sizeof READY] = "";
	time_t end = time(NULL) + (time_t)timeout_s;
	struct pollfd p = { fd, POLLIN, 0 };
	size_t rl = strlen(READY);
	int st;

	for (;;) {
		int left = (int)(end - time(NULL));
		ssize_t n;

		if (left <= 0) {
			fprintf(stderr, "heartbeat: still starting after %u s (pid %d); see its log\n",
				timeout_s, (int)pid);
			return 1;
		}
		if (poll(&p, 1, left * 1000) < 0 && errno != EINTR)
			return 1;
		n = read(fd, buf, sizeof buf);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			break;
		/* Copy through, holding back what could be the start of READY. */
		{
			size_t tl = strlen(tail), i, keep;
			char all[sizeof tail + sizeof buf];

			memcpy(all, tail, tl);
			memcpy(all + tl, buf, (size_t)n);
			tl += (size_t)n;
			if (tl >= rl && memcmp(all + tl - rl, READY, rl) == 0) {
				fwrite(all, 1, tl - rl, stderr);
				return 0;
			}
			for (keep = rl - 1 < tl ? rl - 1 : tl; keep > 0; keep--)
				if (memcmp(all + tl - keep, READY, keep) == 0)
					break;
			fwrite(all, 1, tl - keep, stderr);
			for (i = 0; i < keep; i++)
				tail[i] = all[tl - keep + i];
			tail[keep] = '\0';
		}
	}
	fputs(tail, stderr);
	/* The pipe closed without READY: the daemon is gone; report how. */
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 1;
	if (WIFEXITED(st)) {
		fprintf(stderr, "heartbeat: the daemon exited during start-up (exit %d)\n", WEXITSTATUS(st));
		return WEXITSTATUS(st) ? WEXITSTATUS(st) : 1;
	}
	fprintf(stderr, "heartbeat: the daemon died during start-up (signal %d)\n",
		WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return 1;
}

int daemonize_start(unsigned timeout_s)
{
	int p[2];
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid > 0) {
		close(p[1]);
		exit(wait_child(pid, p[0], timeout_s));
	}
	close(p[0]);
	/* stderr is a pipe to a parent that may be gone: never die writing to it */
	signal(SIGPIPE, SIG_IGN);
	setsid();
	if (!freopen("/dev/null", "r", stdin) || !freopen("/dev/null", "w", stdout))
		_exit(1);
	dup2(p[1], STDERR_FILENO);
	if (p[1] != STDERR_FILENO)
		close(p[1]);
	report_fd = STDERR_FILENO;
	return 0;
}

void daemonize_ready(void)
{
	int fd;

	if (report_fd < 0)
		return;
	if (write(report_fd, READY, strlen(READY)) < 0) {
		/* the parent is gone: nobody to tell */
	}
	fd = open("/dev/null", O_WRONLY);
	if (fd >= 0) {
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
	report_fd = -1;
}
