/* The policy engine's working set: the CIB turned into nodes and resource
 * instances with their current state, the placement decided for them, and the
 * action graph.  pe_run() is a pure function of the struct cib (plus "now");
 * printing and graph output only read the result. */
#ifndef HB_PE_H
#define HB_PE_H
#include <stdio.h>
#include <glib.h>
#include "cib/cib.h"

#define PE_INF 1000000

/* Score arithmetic (spec 2.1): saturating, -INFINITY wins over +INFINITY. */
int pe_score_add(int a, int b);
int pe_score_clamp(long long v);
/* Colocation fold-in: weight scaled by factor (a score / INFINITY). */
int pe_score_scale(int weight, double factor);
/* "INFINITY", "-INFINITY" or the number; buf of at least 16 bytes. */
const char *pe_score_str(int s, char *buf);

struct pe_node {
	char *uname, *id;
	int idx;
	int online, unclean, pending, standby, maintenance, shutdown, expected_down;
	int fence;                /* fencing scheduled */
	const char *fence_reason;
	int count;                /* resources assigned (tie-break) */
	int seen;                 /* has a node_state */
	int member;               /* in the membership (in_ccm) */
	GHashTable *free_cap;     /* utilization name -> long long * left (placement-strategy) */
};

enum pe_kind { PE_PRIMITIVE, PE_GROUP, PE_CLONE };
/* Roles in Pacemaker's order (a higher role includes the lower ones). */
enum pe_role { PE_ROLE_UNKNOWN, PE_ROLE_STOPPED, PE_ROLE_STARTED, PE_ROLE_UNPROMOTED, PE_ROLE_PROMOTED };
enum { PE_MULTI_STOP_START, PE_MULTI_STOP_ONLY, PE_MULTI_BLOCK };

struct pe_rsc {
	char *id;                 /* instance name: "rsc", "rsc:0" */
	char *base;               /* configured id */
	const char *clone_name;   /* anonymous clone instance: the id its history has ("rsc") */
	int running_name;         /* clone_name is that of a history where it is active */
	enum pe_kind kind;
	struct cib_rsc *cfg;
	struct pe_rsc *parent;
	GPtrArray *children;      /* struct pe_rsc * */
	int cfg_order;

	/* Meta, already resolved with parents and rsc_defaults. */
	int managed, target_stopped, stickiness, migration_threshold, priority;
	long long failure_timeout;
	int clone_max, clone_node_max, interleave;
	int promotable;           /* clone: <master> or promotable=true */
	int promoted_max, promoted_node_max; /* promotable clone */
	int target_unpromoted;    /* target-role Unpromoted/Slave: never promoted */
	int requires_nothing;     /* meta requires=nothing: runs without quorum */
	int requires_fencing;     /* requires=fencing (the default with fencing on, but
				   * for fencing devices): starts wait for all fencing */
	int multiple_active;      /* PE_MULTI_*: what to do when active on several nodes */

	/* Current state (primitives). */
	GPtrArray *running;       /* struct pe_node * */
	int failed;               /* needs recovery */
	int failed_stop_block;    /* a stop failed, no fencing: blocked */
	int orphan;
	int own_cfg;              /* orphan with a made-up cib_rsc (freed with it) */
	int norphans;             /* clone: orphan instances made so far */
	struct pe_node *promoted_on; /* instance of a promotable clone: runs promoted there */
	int pending_start;
	struct pe_node *pending_start_on; /* a start in flight there */
	struct pe_node *partial_src, *partial_tgt; /* migrate_to done, migrate_from not */
	int partial_continue;     /* the partial migration goes on (target stays) */
	int def_changed;          /* op-digest differs: restart */
	int agent_changed;        /* history of another agent (deleted, restarted) */
	GPtrArray *failed_ops;    /* char * "op key on node" for printing */

	/* Placement. */
	int *weight;              /* per node; meaningful when allowed[i] */
	char *allowed;
	int assigned_done, assigning, merging;
	struct pe_node *next;     /* NULL: stopped */
	struct pe_node *prefer;   /* clone instance: its current node */
	int promote_next;         /* promotable instance: promoted after the transition */
	int promo_priority;       /* its promotion score on its next node */
	int promo_sort;           /* the same with the clone's node weights (sort key) */
	int unrunnable;           /* cannot start anywhere due to order/quorum */
	const char *block_reason;

	/* Colocations where this is the dependent / the primary. */
	GPtrArray *with;          /* struct pe_coloc * (this with primary) */
	GPtrArray *deps;          /* struct pe_coloc * (dependent with this) */

	/* Actions (primitives; groups/clones get pseudo actions). */
	struct pe_action *start, *stop_any;
	struct pe_action *migrate_to, *migrate_from; /* set when it migrates */
	struct pe_action *promote, *demote; /* promotable instances (NULL otherwise) */
	GPtrArray *stops;         /* one per running node */
	GPtrArray *notify_data;   /* clone with notify=true: "name", "value" pairs of the
				   * CRM_meta_notify_* lists (NULL: no notifications) */
};

struct pe_coloc {
	struct pe_rsc *dep, *prim;
	int score;
	int dep_role, prim_role;  /* enum pe_role; PE_ROLE_UNKNOWN: any */
	const char *id;
};

enum pe_task { PE_START, PE_STOP, PE_MONITOR, PE_PROBE, PE_RUNNING, PE_STOPPED,
	       PE_START_P, PE_STOP_P, PE_FENCE, PE_CLEAR_FAILCOUNT,
	       PE_CANCEL,           /* cancel a recurring op no longer wanted */
	       PE_DELETE,           /* forget the history of an orphan */
	       PE_SHUTDOWN,         /* do_shutdown of a node that leaves */
	       PE_MIGRATE_TO,       /* live migration: on the source */
	       PE_MIGRATE_FROM,     /* live migration: on the target */
	       PE_PROMOTE, PE_DEMOTE, /* promotable instances */
	       PE_PROMOTE_P, PE_PROMOTED, PE_DEMOTE_P, PE_DEMOTED, /* promotable clones (pseudo) */
	       PE_NOTIFY,           /* clone notification to one instance (rsc_op "notify") */
	       PE_NOTIFY_P, PE_NOTIFIED }; /* a clone's notification and its confirmation (pseudo) */

struct pe_action {
	int id;
	enum pe_task task;
	struct pe_rsc *rsc;       /* NULL for fencing */
	struct pe_node *node;     /* NULL for pseudo */
	long long interval_ms;
	int optional, runnable, pseudo;
	int reissue;              /* a start in flight issued again: no stop */
	int held;                 /* optional, and would be unrunnable but for an
				   * asymmetrical order: nothing new may follow */
	char *reason;             /* "due to ..." */
	GPtrArray *after;         /* struct pe_order * where this is "then" */
	GPtrArray *before;        /* struct pe_order * where this is "first" */
	int done;                 /* printing order helper */
	int rank;
	const char *fence_action; /* PE_FENCE: reboot (default), off */
	const char *cancel_op;    /* PE_CANCEL: the op cancelled ("monitor") */
	int cancel_call_id;       /* PE_CANCEL: its call-id */
	const struct cib_lrm_rsc *lrm; /* PE_DELETE of an orphan: its history (rsc NULL) */
	int notify_op;            /* PE_NOTIFY*: the clone action notified (PE_START, PE_STOP,
				   * PE_PROMOTE, PE_DEMOTE) */
	int notify_post;          /* PE_NOTIFY*: 0 before that action, 1 after */
};

enum {
	PE_ORD_IMPLIES_THEN = 1,  /* first required -> then required */
	PE_ORD_IMPLIES_FIRST = 2, /* then required -> first required */
	PE_ORD_RUNNABLE_LEFT = 4, /* first unrunnable -> then unrunnable */
	PE_ORD_RESTART = 8,       /* stop/start of one resource */
	PE_ORD_ANY_RUNNABLE = 16, /* then runnable if any first runnable (clones) */
	PE_ORD_ASYMMETRIC = 32,   /* symmetrical=false: holds back a needed start only */
	PE_ORD_AS_RUNNING = 64    /* reported as the first's collective "running" */
};

struct pe_order {
	struct pe_action *first, *then;
	int flags;
};

/* Facts of the history that call for housekeeping actions (cancel, delete,
 * clear_failcount), noted while unpacking. */
enum pe_note_kind {
	PE_NOTE_RECURRING,      /* a recurring op is active on node */
	PE_NOTE_AGENT_CHANGED,  /* history is of another class/provider/type */
	PE_NOTE_FC_EXPIRED,     /* the fail count on node has expired */
	PE_NOTE_ORPHAN_HISTORY, /* an inactive orphan's history on node */
	PE_NOTE_RESCHEDULE      /* a recurring op's failure expired: run it again */
};

struct pe_note {
	enum pe_note_kind kind;
	struct pe_rsc *rsc;             /* NULL for orphan history */
	const struct cib_lrm_rsc *lrm;  /* the history entry */
	struct pe_node *node;
	const char *op;                 /* RECURRING: operation name */
	long long interval_ms;
	int call_id;
};

enum { PE_PLACE_DEFAULT, PE_PLACE_UTILIZATION, PE_PLACE_MINIMAL, PE_PLACE_BALANCED };

struct pe_ws {
	struct cib *cib;
	long long now;
	int stonith_enabled, symmetric, have_quorum, start_failure_fatal, stop_orphans;
	char *no_quorum_policy;
	int default_stickiness;
	int placement;            /* PE_PLACE_*: placement-strategy */
	GPtrArray *nodes;         /* struct pe_node * in configuration order */
	GPtrArray *rscs;          /* top-level struct pe_rsc * */
	GPtrArray *prims;         /* every primitive instance, in order */
	GPtrArray *colocs;
	GPtrArray *actions;
	GPtrArray *orders;
	GHashTable *by_id;        /* instance id -> pe_rsc (incl. groups/clones) */
	GHashTable *known;        /* "uname\nbase-id" of every lrm_resource */
	GPtrArray *notes;         /* struct pe_note * */
	GString *log;             /* allocation scores (-s) */
	int show_scores;
};

struct pe_options {
	long long now;            /* 0: cib execution-date or time(NULL) */
	int show_scores;
};

struct pe_ws *pe_run(struct cib *cib, const struct pe_options *opt);
void pe_free(struct pe_ws *ws);

/* Internal stages, in order. */
void pe_unpack(struct pe_ws *ws);
void pe_assign(struct pe_ws *ws);
void pe_actions(struct pe_ws *ws);

struct pe_node *pe_find_node(struct pe_ws *ws, const char *uname);
struct pe_rsc *pe_find_rsc(struct pe_ws *ws, const char *id);
int pe_node_can_run(const struct pe_node *n);
/* Names compared with their numbers as numbers (node2 < node10). */
int pe_natural_cmp(const char *a, const char *b);
/* A new ordering "first then then" with PE_ORD_* flags. */
void pe_order_actions(struct pe_ws *ws, struct pe_action *first, struct pe_action *then, int flags);
/* A new action (optional, runnable) in the working set. */
struct pe_action *pe_new_action(struct pe_ws *ws, enum pe_task t, struct pe_rsc *r, struct pe_node *n);
/* Moves of allow-migrate primitives become migrate_to/migrate_from. */
void pe_migrations(struct pe_ws *ws);
int pe_allows_migration(const struct pe_rsc *r);
/* Partial and failed migrations in the history (pe_migrate_hist.c). */
void pe_unpack_migrations(struct pe_ws *ws);
/* cancel, delete, clear_failcount and do_shutdown from the history's notes. */
void pe_housekeeping(struct pe_ws *ws);
/* Probes ordered before the stops and starts that depend on what they find. */
void pe_order_probes(struct pe_ws *ws);

/* Rules (pe_rules.c): a node attribute or built-in (#uname #id #kind
 * #is_dc); the comparison of two values as Pacemaker 2.1.5 does; whether a
 * rule is true on a node, and its score there. */
const char *pe_node_attr(struct pe_ws *ws, const struct pe_node *n, const char *name);
int pe_rule_cmp(const char *l, const char *r, enum cib_expr_type t, enum cib_expr_op op);
int pe_rule_eval(struct pe_ws *ws, const struct cib_rule *ru, const struct pe_node *n, int *score);

/* The op-digest of a primitive's parameters, as the controller records it
 * and the engine compares it (g_free). */
char *pe_params_digest(const struct cib_nvlist *params);

/* Utilization (pe_utilization.c): capacities from the CIB; banning (w[i] =
 * -INFINITY) the nodes without room for r and the resources colocated with
 * it that are not placed yet, returning the node to prefer when no node has
 * room for them all; taking r's needs from n and giving them back;
 * balanced's preference between two nodes (< 0: a first). */
void pe_util_init(struct pe_ws *ws);
struct pe_node *pe_util_ban(struct pe_ws *ws, struct pe_rsc *r, int *w, const char *allowed);
void pe_util_consume(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n);
void pe_util_release(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n);
/* Stops on a node before the starts and migrations to it (load_stopped). */
void pe_util_orders(struct pe_ws *ws);
int pe_util_compare(const struct pe_node *a, const struct pe_node *b);

/* Promotable clones (pe_promote.c): role names as the CIB spells them
 * (Master/Promoted, Slave/Unpromoted, Started, Stopped) and as Pacemaker
 * 2.1.5 prints them; the next role of a primitive; choosing the instances
 * of a placed promotable clone to promote. */
int pe_role_parse(const char *s);
/* A primitive instance's promotion score on n (master-NAME); *set = 1
 * when the attribute is there. */
int pe_promotion_score(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n, int *set);
const char *pe_role_name(int role);
int pe_role_now(const struct pe_rsc *r);
int pe_role_next(const struct pe_rsc *r);
int pe_is_promotable_inst(const struct pe_rsc *r);
void pe_promotion_roles(struct pe_ws *ws, struct pe_rsc *clone);

/* Clone notifications (pe_notify.c): for clones with meta notify=true,
 * pre and post notifications around each of their start, stop, promote and
 * demote that runs, with the instances told and the orderings; run last,
 * on the finished graph.  The name of a notified action's phase ("start",
 * "running"...). */
void pe_notifications(struct pe_ws *ws);
const char *pe_notify_op_name(int op, int done);

/* Output. */
void pe_print_status(struct pe_ws *ws, FILE *out, int revised);
void pe_print_summary(struct pe_ws *ws, FILE *out);
void pe_print_transition(struct pe_ws *ws, FILE *out);
/* Actions that will run, each after its inputs (stable). Caller frees the array. */
GPtrArray *pe_sorted_actions(struct pe_ws *ws);
int pe_write_graph_xml(struct pe_ws *ws, const char *path);
int pe_write_graph_stream(struct pe_ws *ws, FILE *f);
/* Graph vocabulary: "start", "monitor", "stonith"...; the operation key
 * ("rsc_monitor_10000", "stonith-n1-reboot"; caller frees); the timeout in ms. */
const char *pe_task_name(const struct pe_action *a);
char *pe_action_key(const struct pe_action *a);
long long pe_action_timeout(struct pe_ws *ws, const struct pe_action *a);
int pe_write_graph_dot(struct pe_ws *ws, const char *path);

/* Injections on the model before pe_run (crm_simulate -d/-u/-i). */
int pe_inject_node_down(struct cib *cib, const char *uname);
int pe_inject_node_up(struct cib *cib, const char *uname);
int pe_inject_op(struct cib *cib, const char *spec, char **err);
#endif
