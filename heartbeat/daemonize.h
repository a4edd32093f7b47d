/* Going to the background with a start-up report: the command that starts
 * the daemon returns only once the daemon runs (exit 0) or has given up
 * (its exit code, with the reasons it printed), so the init script's
 * "start" cannot say Done. for a daemon that died during start-up. */
#ifndef HB_DAEMONIZE_H
#define HB_DAEMONIZE_H

/* Forks.  Returns 0 in the child (the daemon, in a new session, stdin and
 * stdout on /dev/null, stderr to the waiting parent); the parent never
 * returns: it copies the child's stderr and exits with the child's result.
 * -1 if fork failed (nothing happened). */
int daemonize_start(unsigned timeout_s);
/* The daemon is up: the parent exits 0, stderr goes to /dev/null. */
void daemonize_ready(void);
#endif
