/* The local node's name as heartbeat knows it: the first word of
 * <ha.d>/nodeinfo if there is one, else uname -n; lower case either way.
 * Shared by the daemon and its clients, which must agree on it. */
#ifndef HB_NODENAME_H
#define HB_NODENAME_H
#include <stddef.h>

int nodename_local(const char *ha_dir, char *out, size_t len);
#endif
