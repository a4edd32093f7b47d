/* The STONITH command as the daemon knows it before any reset: which command
 * (cluster-glue's unless it was absent at build time), its device types and
 * a type's parameter names, the checks of the stonith / stonith_host lines,
 * and the environment that carries a device's parameters into a reset. */
#ifndef HB_STONITH_CHECK_H
#define HB_STONITH_CHECK_H
#include <stddef.h>
#include "conf.h"

/* $HB_STONITH_CMD, else the command configure chose. */
const char *stonith_command(void);
/* "stonith -L": the types (g_strfreev), or NULL with the reason in err. */
char **stonith_list_types(char *err, size_t errlen);
/* "stonith -t TYPE -n": the parameter names (g_strfreev; empty for a type
 * with none), or NULL with the reason in err. */
char **stonith_param_names(const char *type, char *err, size_t errlen);
/* "NAME=value" for each name, the values split from params as stonith -p
 * splits them (g_strfreev), or NULL when params has too few words. */
char **stonith_param_env(char *const *names, const char *params);
/* Check every stonith / stonith_host line of cf against the command: the
 * type must be one it lists and the parameters must cover its names.
 * Lines for this node are errors, lines for other nodes warnings, added
 * to errs as "file:line: message".  Returns the number of errors. */
int stonith_check_config(const struct hb_config *cf, const char *localname,
			 struct conf_errors *errs);
#endif
