/* Checks of a parsed ha.cf against the machine it is to run on: media
 * interfaces that exist and can carry the medium, peers and ping hosts that
 * resolve, serial devices that exist.  The machine is reached only through
 * the probes, so the rules are unit-tested without it. */
#ifndef HB_CONF_CHECK_H
#define HB_CONF_CHECK_H
#include "conf.h"

struct conf_probes {
	/* Can medium type t use interface ifname?  0, or -1 with the reason
	 * (errno text) in err. */
	int (*iface)(const char *ifname, enum media_type t, char *err, size_t errlen);
	/* Does host resolve in family (AF_INET, AF_INET6)?  0, or -1 with why. */
	int (*resolve)(const char *host, int family, char *err, size_t errlen);
	/* Is path a character device?  0, or -1 with why. */
	int (*serial)(const char *path, char *err, size_t errlen);
};

/* Adds "ha.cf:LINE: ..." errors (and warnings) for what the daemon could not
 * open.  Returns the number of errors added. */
int conf_check_system(const struct hb_config *c, const struct conf_probes *p,
		      struct conf_errors *errs);
#endif
