#ifndef HB_PIDFILE_H
#define HB_PIDFILE_H
#include <stdbool.h>
#include <sys/types.h>
/* The running daemon's pid, or 0 (stale set when the file names a dead pid). */
pid_t pidfile_read(const char *path, bool *stale);
/* Write our pid and keep the file locked until pidfile_remove: -2 (errno
 * EEXIST) when another process holds the lock, -1 on another error. */
int pidfile_write(const char *path);
void pidfile_remove(const char *path);
#endif
