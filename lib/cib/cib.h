/* The CIB as a plain C model: what lib/cib reads from cib.xml (heartbeat 2.x
 * 0.6 spelling and pacemaker-1.0..3.x), the diagnostics found on the way, and
 * atomic persistence.  Only the subset of spec/v2-crm.md section 1 is modelled;
 * anything else is reported as a diagnostic, never silently dropped. */
#ifndef HB_CIB_H
#define HB_CIB_H
#include <glib.h>
#include <libxml/tree.h>

enum cib_sev { CIB_ERROR, CIB_WARNING };

struct cib_diag {
	enum cib_sev sev;
	char *text;              /* "element <x id=y>: what is wrong" */
};

struct cib_nv {
	char *name, *value;
};

/* Ordered name/value list; later duplicates do not override earlier ones,
 * as in Pacemaker where the first set wins. */
struct cib_nvlist {
	GPtrArray *items;        /* struct cib_nv * */
};

struct cib_op {
	char *id, *name;
	long long interval_ms;
	char *on_fail;           /* NULL = default */
	char *role;
	int enabled;
	long long timeout_ms;    /* -1 = not given (op_defaults, then 20s) */
	long long start_delay_ms; /* -1 = not given */
};

enum cib_rsc_kind { CIB_PRIMITIVE, CIB_GROUP, CIB_CLONE };

struct cib_rsc {
	enum cib_rsc_kind kind;
	char *id;
	char *cls, *provider, *type;   /* primitives */
	struct cib_nvlist meta, params;
	struct cib_nvlist utilization;  /* what it needs of a node's capacity */
	int promotable;                 /* clone: <master> or promotable=true */
	GPtrArray *ops;                 /* struct cib_op * */
	GPtrArray *children;            /* struct cib_rsc * (group members, clone child) */
	struct cib_rsc *parent;
};

struct cib_node {
	char *id, *uname, *type;
	struct cib_nvlist attrs;
	struct cib_nvlist utilization;  /* capacity for placement-strategy */
};

enum cib_expr_op { CIB_EQ, CIB_NE, CIB_LT, CIB_GT, CIB_LTE, CIB_GTE, CIB_DEFINED, CIB_NOT_DEFINED };
enum cib_expr_type { CIB_TYPE_AUTO, CIB_TYPE_STRING, CIB_TYPE_INTEGER, CIB_TYPE_NUMBER, CIB_TYPE_VERSION };

/* A <date_expression> (cib_date.c): times are seconds since the epoch,
 * -1 when not given. */
enum cib_date_op { CIB_DATE_IN_RANGE, CIB_DATE_GT, CIB_DATE_LT, CIB_DATE_SPEC };
#define CIB_DATE_SPEC_N 11   /* years months monthdays hours minutes seconds yeardays weekyears weeks weekdays moon */
struct cib_date {
	enum cib_date_op op;
	long long start, end;           /* in_range's end: end=, or start + <duration> */
	char *spec[CIB_DATE_SPEC_N];    /* date_spec ranges ("9-17"), NULL = any */
};
int cib_date_parse(const char *iso8601, long long *when);       /* 0, or -1 */
long long cib_date_add(long long when, const int dur[7]);       /* years months weeks days hours minutes seconds */
int cib_date_matches(const struct cib_date *d, long long now);
struct cib_date *cib_date_read(xmlNodePtr date_expression, char **why);  /* NULL with *why */
void cib_date_free(struct cib_date *d);

struct cib_expr {
	char *attr, *value;             /* value "" for defined/not_defined */
	enum cib_expr_op op;
	enum cib_expr_type type;
	struct cib_date *date;          /* a date expression (attr, value unused) */
};

struct cib_rule {
	char *id;
	int score;
	char *score_attr;               /* score-attribute: the node attribute is the score */
	char *role;                     /* NULL = any */
	int is_or;                      /* boolean-op="or" */
	GPtrArray *exprs;               /* struct cib_expr *; NULL entry: never true (unsupported) */
	GPtrArray *rules;               /* nested struct cib_rule *, terms like exprs */
};

struct cib_location {
	char *id, *rsc, *node;
	int score;                      /* when node is set */
	char *role;                     /* role="Promoted"...: NULL = any */
	GPtrArray *rules;               /* struct cib_rule * */
};

struct cib_colocation {
	char *id, *rsc, *with;
	char *rsc_role, *with_role;     /* rsc-role, with-rsc-role: NULL = any */
	int score;
};

struct cib_order {
	char *id, *first, *then, *first_action, *then_action;
	int mandatory;                  /* kind Mandatory or score > 0 */
	int symmetrical;
};

struct cib_lrm_op {
	char *id, *operation;
	long long interval_ms;
	int call_id, rc, op_status;
	int expected_rc;                /* from transition-key; -1 when absent */
	char *digest;
	long long last_rc_change;
	char *migrate_source, *migrate_target; /* migrate_to/migrate_from: node names */
};

struct cib_lrm_rsc {
	char *id, *cls, *provider, *type;
	GPtrArray *ops;                 /* struct cib_lrm_op * */
};

struct cib_node_state {
	char *id, *uname;
	char *in_ccm, *crmd, *join, *expected, *ha;   /* NULL when absent */
	long long shutdown;
	struct cib_nvlist attrs;        /* transient attributes */
	GPtrArray *lrm;                 /* struct cib_lrm_rsc * */
};

struct cib {
	xmlDocPtr doc;                  /* kept for persistence */
	long long admin_epoch, epoch, num_updates;
	char *validate_with, *feature_set, *dc_uuid;
	int legacy;                     /* 0.6 spelling (no validate-with) */
	int have_quorum;
	long long execution_date;       /* 0 = now */
	struct cib_nvlist options, rsc_defaults, op_defaults;
	GPtrArray *nodes, *resources, *locations, *colocations, *orders, *states;
	GPtrArray *diags;               /* struct cib_diag * */
};

/* Parse; returns NULL only when the XML itself is unusable (*err then says
 * why and must be g_free'd).  Subset problems are in cib->diags. */
struct cib *cib_parse_file(const char *path, char **err);
struct cib *cib_parse_memory(const char *buf, size_t len, char **err);
struct cib *cib_from_doc(xmlDocPtr doc);  /* takes ownership of doc */
/* Same model, streaming the status section; no document kept (c->doc NULL). */
struct cib *cib_parse_file_ro(const char *path, char **err);
void cib_free(struct cib *c);
void cib_lrm_op_free(gpointer op);  /* free function of cib_lrm_rsc.ops */

/* Validation beyond parsing: dangling references, bad scores, duplicate ids. */
void cib_validate(struct cib *c);
int cib_error_count(const struct cib *c);

const char *cib_nv_get(const struct cib_nvlist *l, const char *name);
void cib_nv_set(struct cib_nvlist *l, const char *name, const char *value);
void cib_nv_unset(struct cib_nvlist *l, const char *name);
void cib_diag_add(struct cib *c, enum cib_sev sev, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

struct cib_rsc *cib_find_rsc(const struct cib *c, const char *id);
struct cib_node *cib_find_node(const struct cib *c, const char *uname);
struct cib_node_state *cib_find_state(const struct cib *c, const char *uname);

/* Scores: "INFINITY", "+INFINITY", "-INFINITY", "inf"... or an integer,
 * clamped to +-1000000.  Returns 0 and sets *ok=0 on garbage. */
int cib_parse_score(const char *s, int *ok);
/* "10s", "1min", "500ms", "10" (seconds) -> milliseconds; -1 on garbage. */
long long cib_parse_interval(const char *s);
/* An ISO 8601 duration ("P1DT2H", "PT1M30S") in seconds, a year 365 days
 * and a month 30; -1 when invalid.  strict: date units only before 'T',
 * hours and seconds only after (crm_resource -u); else units in any order
 * up to a blank, as Pacemaker reads an interval. */
long long cib_iso_duration(const char *s, int strict);
int cib_is_true(const char *s);

/* Persistence: bump epoch (config change: num_updates reset) or num_updates
 * in the document, and write it atomically (temp, fsync, rename, fsync dir). */
void cib_bump(xmlDocPtr doc, int config_change);
int cib_write_atomic(xmlDocPtr doc, const char *path, char **err);
/* The same, then PATH.sig (md5 of the file) likewise: the controller's copy. */
int cib_write_signed(xmlDocPtr doc, const char *path, char **err);
/* PATH when PATH.sig vouches for it; NULL with *err saying why otherwise. */
xmlDocPtr cib_read_signed(const char *path, char **err);
#endif
