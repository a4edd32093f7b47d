/* Fencing a dead peer before its groups are taken over (haresources mode). */
#ifndef HB_RSC_STONITH_H
#define HB_RSC_STONITH_H
#include <stdbool.h>

void stonith_init(void);
bool stonith_configured(void);
/* Reset node ni; retried every 5 s until it works (then done(ni, true)) or
 * the node comes back (stonith_cancel). */
void stonith_fence(int ni, void (*done)(int ni, bool ok));
void stonith_cancel(int ni);
#endif
