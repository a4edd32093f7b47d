/* Built-in ipfail: move resources to the node that still sees more ping
 * nodes.  Speaks the original ipfail's messages, so a peer running the real
 * ipfail client understands it. */
#ifndef HB_IPFAIL_H
#define HB_IPFAIL_H
#include <stdbool.h>
#include "msg.h"

void ipfail_init(void);
bool ipfail_enabled(void);
/* A ping node's status changed. */
void ipfail_ping_change(void);
/* The peer became active: tell it our count. */
void ipfail_peer_up(int ni);
/* An ipfail message (to_id=ipfail); true if handled here. */
bool ipfail_message(int ni, const struct hb_msg *m);
#endif
