/* The pid file (heartbeat/pidfile.c): written as the original writes it,
 * read back, stale pids noticed, and locked for the daemon's life so that a
 * second daemon cannot also believe it is alone. */
#include <stdlib.h>
#include <sys/wait.h>
#include "check.h"
#include "pidfile.h"

int main(void)
{
	char dir[] = "/tmp/test_pidfile.XXXXXX", path[64], buf[32];
	bool stale;
	pid_t child;
	int st = 0;
	FILE *f;

	if (!mkdtemp(dir)) {
		printf("FAIL: mkdtemp\n");
		return 1;
	}
	snprintf(path, sizeof path, "%s/heartbeat.pid", dir);
	CHECK_INT(pidfile_read(path, &stale), 0);
	CHECK(!stale);
	CHECK_INT(pidfile_write(path), 0);
	CHECK_INT(pidfile_read(path, &stale), getpid());
	f = fopen(path, "r");
	CHECK(f && fgets(buf, sizeof buf, f));
	if (f)
		fclose(f);
	CHECK_INT(strlen(buf), 12);      /* %11d and a newline, as 3.0.6 */
	/* another process cannot take it while we hold it ... */
	child = fork();
	if (child == 0)
		_exit(pidfile_write(path) == -2 ? 0 : 1);
	waitpid(child, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_INT(pidfile_read(path, &stale), getpid());
	/* ... and can once we are gone */
	pidfile_remove(path);
	CHECK(access(path, F_OK) != 0);
	child = fork();
	if (child == 0)
		_exit(pidfile_write(path) == 0 ? 0 : 1);
	waitpid(child, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* the child's pid is left behind, dead: stale */
	CHECK_INT(pidfile_read(path, &stale), 0);
	CHECK(stale);
	/* a stale file does not stop a new daemon */
	CHECK_INT(pidfile_write(path), 0);
	CHECK_INT(pidfile_read(path, &stale), getpid());
	pidfile_remove(path);
	rmdir(dir);
	return T_DONE();
}
