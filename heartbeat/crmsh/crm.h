/* The crm shell (crmsh's `crm`, the subset of spec v2-crm.md 7): the pieces
 * shared by the lexer, the per-element parsers, the CIB builder, the
 * printer and the command levels.  Parsing is pure (text in, XML objects
 * out); only crm_session.c touches the CIB through cib_conn. */
#ifndef HB_CRM_H
#define HB_CRM_H
#include <stdio.h>
#include <glib.h>
#include <libxml/tree.h>

/* --- crm_lex.c: logical lines and words ------------------------------- */

/* One logical line of a script: physical lines joined at a trailing
 * backslash and stripped, as crmsh's lines2cli; empty lines are dropped
 * and not counted, comment lines are kept (and counted). */
struct crm_line {
	char *text;
	int lineno;
};
/* Splits buf into logical lines (g_ptr_array of struct crm_line *, free
 * with crm_lines_free). */
GPtrArray *crm_lines(const char *buf);
void crm_lines_free(GPtrArray *a);
/* Words of a line as POSIX shlex splits them (quotes removed, backslash
 * escapes); NULL with *err ("No closing quotation") on an open quote. */
char **crm_split(const char *line, char **err);
/* 1 when s must be quoted in show output (crmsh: not ^[\w.-]+$). */
int crm_needs_quotes(const char *s);

/* --- crm_parse*.c: one statement into one object ---------------------- */

enum crm_kind {
	CRM_NODE, CRM_PRIMITIVE, CRM_GROUP, CRM_CLONE, CRM_MS, CRM_LOCATION,
	CRM_COLOCATION, CRM_ORDER, CRM_PROPERTY, CRM_RSC_DEFAULTS, CRM_OP_DEFAULTS,
	CRM_MONITOR
};

struct crm_obj {
	enum crm_kind kind;
	char *id;
	xmlNodePtr xml;          /* the element (unlinked, owned) */
	char **members;          /* group/clone/ms: child ids (g_strfreev) */
	int lineno;
	/* monitor RSC INTERVAL: the op to add to rsc (xml is the <op>) */
};
/* A new object of kind with an element <tag id="id">. */
struct crm_obj *crm_obj_new(enum crm_kind kind, const char *id, const char *tag);
/* Parsers' error return: frees o, hands msg (allocated) to *err, NULL. */
struct crm_obj *crm_obj_fail(struct crm_obj *o, char **err, char *msg);
void crm_obj_free(struct crm_obj *o);

/* Parses one statement (the words of a logical line).  Comments seen
 * before it are stored as the element's first children.  On a syntax
 * error returns NULL and sets *err to crmsh's text ("syntax in order:
 * Invalid kind: always near <prmA>"), without line or "parsing" suffix. */
struct crm_obj *crm_parse(char **w, GPtrArray *comments, char **err);
/* 1 when word starts a configure statement crm_parse knows. */
int crm_is_statement(const char *word);

/* crm_parse_attrs.c helpers shared by the element parsers. */
struct crm_ids;          /* ids generated inside one object */
struct crm_ids *crm_ids_new(void);
void crm_ids_free(struct crm_ids *ids);
/* base, or base-0, base-1, ... the first not yet taken; records it. */
char *crm_ids_make(struct crm_ids *ids, const char *base);
void crm_ids_take(struct crm_ids *ids, const char *id);
/* name=value split at the first '='; 0 when word has none. */
int crm_nv_split(const char *word, char **name, char **value);
/* params/meta/utilization: parses w[*i...] (after the keyword) into a
 * <TAG id=...> set under parent, up to the next keyword.  $id=, $id-ref=. */
int crm_parse_set(char **w, int *i, xmlNodePtr parent, const char *tag, const char *owner,
		  const char *suffix, struct crm_ids *ids, char **err);
/* inf, -inf, +inf, INFINITY... as the CIB spells them; NULL if not a score. */
char *crm_score(const char *s);
/* "SCORE:" word -> score (g_free); NULL when word is not "X:" */
char *crm_score_colon(const char *word);

/* crm_parse_rsc.c, crm_parse_cons.c, crm_parse_prop.c */
struct crm_obj *crm_parse_primitive(char **w, char **err);
struct crm_obj *crm_parse_container(char **w, enum crm_kind kind, char **err);
struct crm_obj *crm_parse_monitor(char **w, char **err);
struct crm_obj *crm_parse_location(char **w, char **err);
struct crm_obj *crm_parse_colocation(char **w, char **err);
struct crm_obj *crm_parse_order(char **w, char **err);
struct crm_obj *crm_parse_props(char **w, enum crm_kind kind, char **err);
struct crm_obj *crm_parse_node(char **w, char **err);

/* --- crm_build.c: objects into a configuration ------------------------ */

/* Applies objs (in the order crmsh processes them) to cfg, the
 * <configuration> element of the working copy: objects with an existing
 * id replace it, new ones are appended, property sets merge nvpair by
 * nvpair, containers pull their members in.  Prints crmsh's messages;
 * returns the number of errors (0: the caller may commit). */
int crm_apply(xmlNodePtr cfg, GPtrArray *objs);
/* load replace: as crm_apply, sets replaced whole, then every object
 * objs does not name is deleted (nodes stay).  Errors as crm_apply. */
int crm_replace(xmlNodePtr cfg, GPtrArray *objs);
/* Errors for constraints naming resources that do not exist. */
int crm_check_refs(xmlNodePtr cfg);
/* delete ID (and constraints left without a resource); 0 or -1. */
int crm_delete(xmlNodePtr cfg, const char *id);
/* rename OLD NEW in the object and every reference; 0 or -1. */
int crm_rename(xmlNodePtr cfg, const char *from, const char *to);
/* The object (resource, constraint, set, node) with that id, or NULL. */
xmlNodePtr crm_find_obj(xmlNodePtr cfg, const char *id);
/* crmsh's word for an object's element: primitive, ms, location, property... */
const char *crm_cli_name(xmlNodePtr n);
/* A configuration with empty crm_config, nodes, resources, constraints. */
xmlNodePtr crm_empty_config(xmlDocPtr doc);
xmlNodePtr crm_section_of(xmlNodePtr cfg, const char *name, int create);

/* --- crm_show.c: configuration back to crm syntax --------------------- */

/* Prints every object of cfg (or only those named in ids) as crmsh 4.4's
 * `configure show` does. */
void crm_show(FILE *f, xmlNodePtr cfg, char **ids);
/* Set by `show`: passw* values print as ****** (never for save or edit). */
extern int crm_show_obscure;
/* `show xml`: the configuration as XML. */
void crm_show_xml(FILE *f, xmlNodePtr cfg, char **ids);

/* --- crm_session.c: the working copy and commit ----------------------- */

struct crm_session {
	xmlDocPtr orig;          /* the CIB as read */
	xmlDocPtr work;          /* the shadow copy commands change */
	int force;               /* -F: commit despite verify errors */
	int dirty;
	int errors;              /* errors seen in this run (exit status) */
	const char *src;         /* file being read, NULL for arguments */
	int lineno;              /* logical line in src, 0 when none */
};
int crm_session_open(struct crm_session *s);
void crm_session_close(struct crm_session *s);
/* Verifies and commits work; 0 ok, -1 refused (nothing written). */
int crm_commit(struct crm_session *s);
/* Checks work as crm_verify does; prints crmsh's messages; count of errors. */
int crm_verify_doc(xmlDocPtr doc, int quiet);
xmlNodePtr crm_work_cfg(struct crm_session *s);

/* crm_configure.c: the configure level.  Runs one command (words); 0 ok,
 * 1 error. */
int crm_configure_cmd(struct crm_session *s, char **w);
/* load update|replace from text: all-or-nothing. */
int crm_load_text(struct crm_session *s, const char *text, int replace);

/* crm_cib_cmd.c: shadow CIBs; crm_use_shadow(NULL or "live") goes back. */
int crm_cib_cmd(struct crm_session *s, char **w);
void crm_use_shadow(const char *name);
/* crm_ra_cmd.c: classes, list, meta/info, providers */
int crm_ra_cmd(char **w);

/* crm_resource_cmd.c, crm_node_cmd.c (also status) */
int crm_resource_cmd(char **w);
int crm_node_cmd(char **w, int force);

/* --- crm_agents.c: names in an agent directory, sorted ---------------- */
GPtrArray *crm_dir_names(const char *dir, int exec_only);   /* exec_only: executable files */
void crm_names_sort(GPtrArray *names);

/* --- crm_prompt.c: the interactive prompt ---------------------------- */
void crm_prompt_init(struct crm_session *s);
/* One line (g_free), NULL at the end of input; level: crm_main's enum. */
char *crm_prompt_read(const char *prompt, int level);
/* What tab offers after line (the words before the one completed). */
char **crm_prompt_candidates(const char *line, int level);   /* force: -F answers yes */
int crm_status_cmd(char **w);

/* Set: messages are not printed (the fuzz target). */
extern int crm_quiet;
/* Messages as crmsh prints them: "ERROR: ", "WARNING: ", "INFO: ". */
void crm_err(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void crm_warn(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void crm_info(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* ERROR: LINE: MSG when reading a script (lineno > 0), else ERROR: MSG. */
void crm_err_at(int lineno, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
#endif
