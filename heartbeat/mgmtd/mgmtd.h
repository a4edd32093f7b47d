/* mgmtd: the management daemon (HTTPS JSON API, PAM login, Prometheus
 * metrics, one static page).  Shared declarations of its small modules;
 * each .c file says what it owns.  mgmtd is only a client of heartbeat and
 * of the CIB: it keeps no cluster state of its own beyond a 1 s cache. */
#ifndef HB_MGMTD_H
#define HB_MGMTD_H
#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#define MGMT_API_VERSION 1
#define MGMT_DEFAULT_PORT 7630
#define MGMT_CONF_FILE HA_SYSCONFDIR "/mgmtd.conf"

/* ---- mgmt_conf.c: mgmtd.conf ---- */
struct mgmt_conf {
	char *address;            /* listen address ("0.0.0.0", "::", "127.0.0.1") */
	int port;
	char *cert, *key;         /* PEM files; generated when both are missing */
	char *group;              /* users allowed in (haclient) */
	char *pam_service;        /* hbmgmtd */
	char *pam_confdir;        /* NULL: /etc/pam.d (tests point it elsewhere) */
	char *www;                /* the static page's directory */
	char *logfile;            /* NULL: syslog (and stderr) only */
	char *crm_tools;          /* where crm_standby, crm_resource, crm_attribute are */
	char *metrics_address;    /* NULL: /metrics on the main port; else plain HTTP here */
	int metrics_port;
	bool metrics_login;       /* /metrics needs a session */
	int session_timeout;      /* seconds of idleness before a session ends */
	int login_failures;       /* failed logins per source ... */
	int login_window;         /* ... within this many seconds, then refused for it */
	int max_body;             /* bytes of a request body */
	int conn_timeout;         /* seconds a connection may idle (slow clients) */
	int max_conns, max_conns_per_ip;
};
/* Defaults, then the file (missing file: defaults).  Every bad line is
 * reported "FILE:LINE: why" into errs (one per line); false if any. */
bool mgmt_conf_load(struct mgmt_conf *c, const char *path, GString *errs);
void mgmt_conf_defaults(struct mgmt_conf *c);
/* Parse text as the file's content (pure; used by the loader and tests). */
bool mgmt_conf_parse(struct mgmt_conf *c, const char *path, const char *text, GString *errs);
void mgmt_conf_free(struct mgmt_conf *c);

/* ---- mgmt_tls.c ---- */
/* Reads cert and key (PEM) into cert_pem and key_pem (g_free); when neither
 * file exists, makes a self-signed pair for this host first (key 0600).
 * false with why on error. */
bool mgmt_tls_load(const char *cert, const char *key, char **cert_pem, char **key_pem,
		   char *why, size_t whylen);
/* GnuTLS priorities: TLS 1.2 and 1.3 only. */
#define MGMT_TLS_PRIORITIES "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"

/* ---- mgmt_auth.c: PAM and the failed-login limit ---- */
enum mgmt_auth_result { AUTH_OK, AUTH_BAD_PASSWORD, AUTH_NOT_ALLOWED, AUTH_ERROR };
/* Blocking (PAM modules may sleep): called from the worker threads only. */
enum mgmt_auth_result mgmt_auth_pam(const struct mgmt_conf *c, const char *user,
				    const char *password, char *why, size_t whylen);
/* Whether source may try a login now (false: rate-limited; *retry_s set). */
bool mgmt_rate_allow(const char *source, int *retry_s);
void mgmt_rate_fail(const char *source);
void mgmt_rate_reset(const char *source);
void mgmt_rate_setup(int failures, int window_s);

/* ---- mgmt_session.c ---- */
#define MGMT_COOKIE "hbmgmt_session"
struct mgmt_session_info {
	char user[64];
	char csrf[65];
	int expires_in;
};
/* New session for user; writes its token (64 hex) into token. */
void mgmt_session_new(const char *user, char token[65], struct mgmt_session_info *info);
/* Looks the token up and extends it; false when unknown or expired. */
bool mgmt_session_get(const char *token, struct mgmt_session_info *info);
void mgmt_session_end(const char *token);
void mgmt_session_setup(int timeout_s);
/* Constant-time comparison of two NUL-terminated tokens. */
bool mgmt_token_equal(const char *a, const char *b);

/* ---- mgmt_action.c: the change requests (pure parse, then apply) ---- */
enum mgmt_action_kind {
	ACT_NODE_STANDBY, ACT_NODE_ONLINE, ACT_RSC_START, ACT_RSC_STOP, ACT_RSC_MOVE,
	ACT_RSC_UNMOVE, ACT_RSC_CLEANUP, ACT_MAINTENANCE, ACT_V1_STANDBY, ACT_V1_TAKEOVER,
};
struct mgmt_action {
	enum mgmt_action_kind kind;
	char node[256];           /* node name, or "" */
	char resource[256];       /* resource id, or "" */
	char what[16];            /* v1: all / foreign / local */
	bool on;                  /* maintenance */
};
/* The JSON body of POST /api/v1/actions -> action.  false with err
 * ("line 1, column 3: ..." or "field 'node': ...").  Pure. */
bool mgmt_action_parse(const char *body, size_t len, struct mgmt_action *a, char *err, size_t errlen);
const char *mgmt_action_name(enum mgmt_action_kind k);
/* The directory of the CRM tools the changes run (HA_SBINDIR by default). */
void mgmt_action_tools(const char *dir);
/* Carry it out for user (logged).  Returns an HTTP status; msg says what
 * happened or why not. */
int mgmt_action_apply(const struct mgmt_action *a, const char *user, char *msg, size_t msglen);
/* Names the static server may serve: one path segment of [A-Za-z0-9_-]
 * plus a known extension.  Pure. */
bool mgmt_static_name_ok(const char *name);

/* ---- mgmt_status.c (rendered by mgmt_render.c and mgmt_metrics.c) ---- */
/* The cluster as last read (at most 1 s old); the texts are g_free'd. */
char *mgmt_summary_json(void);
char *mgmt_metrics_text(void);
/* Whether the local heartbeat runs under the CRM (crm yes), from the last read. */
bool mgmt_status_crm(void);
/* The local node's name as heartbeat said it (cached; "" before). */
void mgmt_status_local(char *buf, size_t len);
/* Whether heartbeat lists name as a (normal) node. */
bool mgmt_status_has_node(const char *name);

/* ---- mgmt_deadline.c: request headers within conn_timeout seconds ---- */
void mgmt_deadline_start(int seconds);
void mgmt_deadline_stop(void);
void *mgmt_deadline_open(int fd);
void mgmt_deadline_request(void *t, bool in_request);
void mgmt_deadline_close(void *t);

/* ---- mgmt_http.c ---- */
bool mgmt_http_start(const struct mgmt_conf *c, const char *cert_pem, const char *key_pem,
		     char *why, size_t whylen);
void mgmt_http_stop(void);
#endif
