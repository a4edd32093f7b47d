/* STONITH devices with the cluster-glue plugin semantics: a device of a type
 * (null, ssh, meatware, suicide, external/NAME) is configured from named
 * parameters, then lists hosts, reports status and resets/powers hosts.
 * Calls block; the daemon runs them in a child (the stonith command). */
#ifndef HB_STONITH_H
#define HB_STONITH_H

/* Return codes, numerically those of cluster-glue (the stonith command
 * exits with them). */
enum st_rc { S_OK = 0, S_BADCONFIG = 1, S_ACCESS = 2, S_INVAL = 3, S_BADHOST = 4,
	     S_RESETFAIL = 5, S_TIMEOUT = 6, S_ISOFF = 7, S_OOPS = 8 };
enum st_request { ST_GENERIC_RESET = 1, ST_POWERON = 2, ST_POWEROFF = 3 };
enum st_info { ST_DEVICEID = 2, ST_DEVICENAME, ST_DEVICEDESCR, ST_DEVICEURL, ST_CONF_XML };

struct st_device;

struct st_plugin {
	const char *type;                         /* "null"; "external" for external/NAME */
	const char *descr;                        /* one line for -h */
	/* NULL-terminated parameter names (device-owned) or NULL on failure */
	char **(*confignames)(struct st_device *d);
	int (*status)(struct st_device *d);
	char **(*hosts)(struct st_device *d);     /* g_strfreev; NULL on failure */
	int (*reset)(struct st_device *d, int request, const char *host);
	char *(*info)(struct st_device *d, int what); /* g_free; NULL if none */
};

struct st_device {
	const struct st_plugin *p;
	char *type;        /* as given: "external/ssh" */
	char *subtype;     /* "ssh" for external, else NULL */
	char *plugindir;   /* where external/NAME scripts live */
	char **names;      /* config names, cached */
	char **values;     /* parallel to names once configured */
	int configured;
};

/* Plugin directory: $HB_STONITH_PLUGINDIR, else the compiled default. */
const char *st_plugindir(void);
/* NULL when the type is unknown (external/NAME must be an executable). */
struct st_device *st_new(const char *type);
void st_free(struct st_device *d);
/* All known types, built-ins then external/NAME found on disk (g_strfreev). */
char **st_types(void);

char **st_confignames(struct st_device *d);
/* "-p" form: white-space separated values in confignames order, the last
 * taking the rest of the string.  S_OK or S_BADCONFIG. */
int st_set_config_string(struct st_device *d, const char *params);
/* The same split for any NULL-terminated names: the values (g_strfreev), or
 * NULL when params has fewer words than there are names. */
char **st_split_params(char *const *names, const char *params);
/* The first line of a file that is neither empty nor a # comment. */
int st_set_config_file(struct st_device *d, const char *path);
/* Each config name looked up in env (NULL-terminated NAME=value, NULL means
 * the process environment); all must be present. */
int st_set_config_env(struct st_device *d, char **env);
const char *st_param(const struct st_device *d, const char *name);

int st_status(struct st_device *d);
char **st_hostlist(struct st_device *d);
int st_reset(struct st_device *d, int request, const char *host);
char *st_get_info(struct st_device *d, int what);

/* Helpers for plugins. */
char **st_split_hosts(const char *list);    /* white space or commas, lower-cased */
int st_host_in(char **hosts, const char *host);
const char *st_rc_text(int rc);
/* FIFO name prefix for meatware: $HB_MEATPIPE_PREFIX or /run/meatware. */
const char *st_meatpipe_prefix(void);

extern const struct st_plugin st_null_plugin, st_ssh_plugin, st_meatware_plugin,
	st_suicide_plugin, st_external_plugin;
#endif
