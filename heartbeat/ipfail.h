/* Built-in ipfail: move resources to the node that still sees more ping
 * nodes.  Speaks the original ipfail's messages, so a peer running the real
 * ipfail client understands it. */
#ifndef HB_IPFAIL_H
#define HB_IPFAIL_H
#include <stdbool.h>
#include "msg.h"

/* Turns it on when configured, listening to node status events. */
void ipfail_init(void);
bool ipfail_enabled(void);
/* An ipfail message (to_id=ipfail); true if handled here. */
bool ipfail_message(int ni, const struct hb_msg *m);
#endif
