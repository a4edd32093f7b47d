/* Where an accepted message goes, by its type: membership, resource
 * management, or the API clients.  Nothing here parses bytes or checks
 * signatures: that happened in transport_receive. */
#include <string.h>
#include <strings.h>
#include "daemon.h"
#include "rsc.h"
#include "ipfail.h"

void dispatch_message(int ni, struct hb_msg *m, bool from_self)
{
	const char *t = msg_get(m, "t");

	if (!t)
		return;
	if (strcasecmp(t, "status") == 0)
		return;       /* handled by transport/membership; changes reach clients as notices */
	if (!from_self) {
		if (strcmp(t, "reqnodes") == 0) {
			membership_reqnodes(ni, m);
			return;
		}
		if (strcmp(t, "repnodes") == 0) {
			membership_repnodes(ni, m);
			return;
		}
		if (strcmp(t, "shutdone") == 0)
			membership_shutdone(ni, m);
	}
	if (rsc_message(ni, m, from_self))
		return;
	if (!from_self && ipfail_message(ni, m))
		return;
	api_deliver(m);
}
