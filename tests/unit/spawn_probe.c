/* Started by test_spawn through lib/spawn: prints what it inherited, one
 * "key value" line each, so the test can check the child's clean slate.
 * With an argument "err" it also writes a line to stderr. */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	sigset_t blocked;
	char cwd[256];
	int s, fd;

	printf("policy %d\n", sched_getscheduler(0));
	sigprocmask(SIG_BLOCK, NULL, &blocked);
	printf("blocked");
	for (s = 1; s < NSIG; s++)
		if (sigismember(&blocked, s) == 1)
			printf(" %d", s);
	printf("\nignored");
	for (s = 1; s < NSIG; s++) {
		struct sigaction sa;

		if (sigaction(s, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			printf(" %d", s);
	}
	printf("\nfds");
	for (fd = 0; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			printf(" %d", fd);
	printf("\nstdin_devnull %d\n", lseek(0, 0, SEEK_END) == 0 && read(0, cwd, 1) == 0);
	printf("pgrp_is_self %d\n", getpgrp() == getpid());
	printf("uid %d\ngid %d\n", (int)getuid(), (int)getgid());
	printf("cwd %s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
	printf("env %s\n", getenv("PROBE") ? getenv("PROBE") : "-");
	if (argc > 1 && strcmp(argv[1], "err") == 0)
		fprintf(stderr, "to stderr\n");
	return 3;
}
