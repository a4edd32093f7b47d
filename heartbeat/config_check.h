/* What the daemon checks before it starts, on -t and on reload, beyond
 * parsing: the ha.cf media against this machine, and every haresources
 * resource against the script or agent that would run it.  Blocking (DNS,
 * file system): never called from the running loop except on reload. */
#ifndef HB_CONFIG_CHECK_H
#define HB_CONFIG_CHECK_H
#include "conf.h"
#include "conf_check.h"
#include "haresources.h"

extern const struct conf_probes config_system_probes;

/* Where our own heartbeat-class scripts are, used when resource.d lacks one. */
const char *config_rsc_fallback_dir(void);

/* Errors "haresources:LINE: resource [X]: ..." for resources no script or
 * agent can run.  Returns the number of errors added. */
int config_check_resources(const struct haresources *hr, const char *ha_dir, const char *fname,
			   struct conf_errors *errs);
#endif
