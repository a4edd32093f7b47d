/* cib_conn: the one way every operator tool reaches a CIB.  Two backends:
 *
 *   FILE  CIB_file=PATH (or CIB_shadow=NAME, the file shadow.NAME in
 *         $CIB_shadow_dir, default /var/lib/heartbeat/crm): every request is
 *         read-modify-write of the file under a lock, through
 *         cib_doc_process (checks and version bumps) and lib/cib's atomic
 *         save.  Controller requests are not available.
 *   LIVE  the local controller's socket (CIB_LIVE_SOCKET, overridable with
 *         HA_CIB_SOCKET), used when neither variable is set.  The protocol
 *         is the runtime's: lib/cib/cib_conn_live.c is the slot it fills in;
 *         until then opening fails with CIB_E_CONNECTION as when no cluster
 *         runs.
 *
 * A LIVE backend implements struct cib_conn_ops below; the tools never see
 * which backend they have except through cib_conn_kind(). */
#ifndef HB_CIB_CONN_H
#define HB_CIB_CONN_H
#include "cib/cib_doc.h"

#define CIB_LIVE_SOCKET "/run/heartbeat/crm/cib_rw"
#define CIB_DEFAULT_DIR "/var/lib/heartbeat/crm"

enum cib_conn_kind { CIB_CONN_FILE, CIB_CONN_LIVE };

/* A controller request (crmadmin, crm_resource -C/-F/-P/-R).  Replies:
 *   dc_query     <dc uname="pm01"/> (no uname: no DC elected)
 *   node_status  <ping crm_subsystem="crmd" crmd_state="S_IDLE" result="ok"/>
 *   lrm_delete, lrm_fail, reprobe, lrm_refresh, shutdown, election: none */
struct cib_crmd_req {
	const char *op;        /* "dc_query", "node_status", "stats", "lrm_delete", "lrm_fail",
				* "reprobe", "lrm_refresh", "shutdown", "election" */
	const char *node;      /* target node uname, NULL = local / all */
	const char *rsc;       /* resource id for lrm_* */
	/* "attr_update" / "attr_delete" (attrd_updater): the attribute, its
	 * value and how long the controller holds it back */
	const char *name, *value;
	unsigned dampen_ms;
};

/* What a backend provides.  Every call is synchronous and bounded by the
 * backend's own timeout; rc values are enum cib_rc. */
struct cib_conn_ops {
	/* The whole current CIB (caller frees). */
	int (*query)(void *st, xmlDocPtr *doc, char **err);
	/* One request, applied as cib_doc_process would (the live side runs
	 * it on the DC); *output as cib_doc_apply's. */
	int (*apply)(void *st, const struct cib_req *req, xmlNodePtr *output, char **err);
	/* A descriptor that becomes readable when the CIB changes, or -1 when
	 * the backend can only be polled (see cib_conn_wait). */
	int (*watch_fd)(void *st);
	/* After watch_fd is readable: consume the notification; *diff (may
	 * stay NULL) receives the change as a cib_diff when the backend knows
	 * it.  Returns 1 changed, 0 nothing yet, <0 connection lost. */
	int (*watch_read)(void *st, xmlNodePtr *diff);
	/* Controller requests; *reply (may be NULL) is the answer element. */
	int (*crmd)(void *st, const struct cib_crmd_req *req, xmlNodePtr *reply, char **err);
	void (*close)(void *st);
};

struct cib_conn;

/* Opens the backend the environment selects.  client names the tool (for
 * the live side's logs).  On failure returns NULL with *rc and *err set:
 * CIB_E_CONNECTION when no cluster runs here or CIB_file cannot be read
 * (*err names the file or socket and why). */
struct cib_conn *cib_conn_open(const char *client, int *rc, char **err);
/* The LIVE backend only, whatever CIB_file says (crmadmin: the controller
 * has no file equivalent). */
struct cib_conn *cib_conn_open_live(const char *client, int *rc, char **err);
enum cib_conn_kind cib_conn_kind(const struct cib_conn *c);
/* The file behind a FILE connection, NULL for LIVE. */
const char *cib_conn_path(const struct cib_conn *c);
void cib_conn_close(struct cib_conn *c);

int cib_conn_query(struct cib_conn *c, xmlDocPtr *doc, char **err);
int cib_conn_apply(struct cib_conn *c, const struct cib_req *req, xmlNodePtr *output, char **err);
int cib_conn_crmd(struct cib_conn *c, const struct cib_crmd_req *req, xmlNodePtr *reply, char **err);
/* The whole CIB the environment selects, for the -L option of ptest and
 * crm_verify: opens, queries and closes.  On failure prints 1.0's
 * "Live CIB query failed: WHY" (and "PROG: DETAIL") on stderr and returns
 * NULL; 1.0 then exits 3. */
xmlDocPtr cib_conn_fetch(const char *prog);
/* Waits at most timeout_ms for a change (crm_mon -i): 1 changed, 0 timed
 * out, <0 connection lost.  FILE backends compare the file's identity and
 * mtime a few times a second; LIVE ones wait on watch_fd. */
int cib_conn_wait(struct cib_conn *c, int timeout_ms);

/* The FILE backend's entry point, in cib_conn_file.c. */
int cib_conn_file_open(const char *path, const struct cib_conn_ops **ops, void **st, char **err);
/* The LIVE backend's entry point, in cib_conn_live.c: connect to the
 * controller and fill *ops / *st, or return a cib_rc. */
int cib_conn_live_open(const char *socket_path, const char *client,
		       const struct cib_conn_ops **ops, void **st, char **err);
#endif
