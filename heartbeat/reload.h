/* What a reload (SIGHUP, heartbeat -r) did, told twice: one log line for
 * what changed now and one for what waits for a restart (and why), and a
 * small file in the run directory that "heartbeat -r" waits for and prints,
 * so /etc/init.d/heartbeat reload says it on stderr too. */
#ifndef HB_RELOAD_H
#define HB_RELOAD_H
#include <glib.h>
#include "conf_diff.h"

/* d: the ha.cf changes (NULL when the reload failed); did / refused: what the
 * resource side does or refuses; failed: why nothing was applied, or NULL. */
void reload_report(const char *run_dir, const struct conf_diff *d, const GString *did,
		   const GString *refused, const char *failed);
/* The marker of the last report ("" if none): compare before and after. */
void reload_marker(const char *run_dir, char *out, size_t len);
/* Waits (at most timeout_ms) for a report newer than marker, prints it on
 * stderr.  Returns 0 (applied, or unchanged), 1 (failed or no answer). */
int reload_wait_print(const char *run_dir, const char *marker, unsigned timeout_ms);
#endif
