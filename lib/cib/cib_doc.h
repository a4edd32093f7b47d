/* Document-level operations on a CIB held as an xmlDoc: the requests cibadmin
 * and every other tool send (query, create, modify, replace, delete, erase,
 * bump, upgrade, apply-diff), the version rules that go with them, the
 * 0.6 -> pacemaker-1.0 upgrade, a check of each change against the lib/cib
 * reader, and the diff/patch format the runtime replicates changes with.
 * Pure: no files, no sockets, no clock except where a caller passes it. */
#ifndef HB_CIB_DOC_H
#define HB_CIB_DOC_H
#include <glib.h>
#include <libxml/tree.h>

/* Result codes, numbered as heartbeat 2.x / Pacemaker 1.0 numbered them
 * (enum cib_errors): the tools exit with the negated value (cibadmin) or
 * the value modulo 256 (crm_resource, crm_attribute), as 1.0 did. */
enum cib_rc {
	CIB_OK = 0,
	CIB_E_OPERATION = -1,
	CIB_E_NOT_CONNECTED = -3,
	CIB_E_CONNECTION = -10,
	CIB_E_MISSING = -12,
	CIB_E_MISSING_FIELD = -15,
	CIB_E_STALE = -20,
	CIB_E_EXISTS = -21,
	CIB_E_NOTEXISTS = -22,
	CIB_E_NOSECTION = -24,
	CIB_E_NOOBJECT = -25,
	CIB_E_NOPARENT = -26,
	CIB_E_NOTSUPPORTED = -29,
	CIB_E_MISSING_DATA = -40,
	CIB_E_DIFF_FAILED = -43,
	CIB_E_DIFF_RESYNC = -44,
	CIB_E_OLD_DATA = -45,
	CIB_E_DTD = -47,
	CIB_E_BAD_SECTION = -48,
	CIB_E_INVALID_ARG = -52,
	CIB_E_PERMISSION = -54,
};

/* The text 1.0's cib_error2string gave for rc ("The object already exists"). */
const char *cib_strerror(int rc);

enum cib_opcode {
	CIB_REQ_QUERY, CIB_REQ_CREATE, CIB_REQ_MODIFY, CIB_REQ_REPLACE, CIB_REQ_DELETE,
	CIB_REQ_ERASE, CIB_REQ_BUMP, CIB_REQ_UPGRADE, CIB_REQ_PATCH
};

enum {
	CIB_F_CAN_CREATE = 1,   /* -M -c: create what modify does not find */
	CIB_F_MULTIPLE = 2,     /* -d: an xpath delete removes every match */
	CIB_F_NO_CHILDREN = 4,  /* -n: a query returns the element alone */
	CIB_F_FORCE = 8,        /* -f: quorum override (live backend) */
	CIB_F_LOCAL = 16,       /* -l: answer from the local copy (live backend) */
};

struct cib_req {
	enum cib_opcode op;
	const char *section;    /* -o: crm_config, nodes, resources, constraints,
				 * rsc_defaults, op_defaults, configuration,
				 * status, all; NULL = the whole CIB */
	const char *xpath;      /* -A: replaces section */
	xmlNodePtr data;        /* input element (not owned); a <diff> for PATCH */
	int flags;
};

/* The element a section name stands for; NULL when doc lacks it or the name
 * is not a section (cib_section_known tells the two apart). */
xmlNodePtr cib_section(xmlDocPtr doc, const char *section);
int cib_section_known(const char *section);

/* Applies req to doc in place, without version bumps or checks: the bare
 * document operation.  *output (may be NULL) receives a new unlinked node
 * the caller frees with xmlFreeNode: the query answer, or the <failed>
 * report of a refused create.  Returns CIB_OK or a cib_rc. */
int cib_doc_apply(xmlDocPtr doc, const struct cib_req *req, xmlNodePtr *output);

/* The whole transaction a CIB server performs: copy cur, apply req, check
 * the result with the lib/cib reader (a change that adds an error the
 * reader did not report before is refused with CIB_E_DTD and the reason),
 * then bump the version:
 *   - query: nothing changes, *result is NULL;
 *   - a change outside <status> (configuration or a root attribute other
 *     than the counters): epoch + 1, num_updates = 0;
 *   - a change inside <status> only: num_updates + 1;
 *   - bump (-B): epoch + 1;
 *   - erase (-E): an empty CIB with the same admin_epoch and validate-with,
 *     epoch + 1, num_updates = 0;
 *   - a replace of the whole <cib> takes the replacement's counters, which
 *     may not be older than cur's (CIB_E_OLD_DATA), then bumps as a change;
 *   - a request that sets admin_epoch or epoch itself is not bumped further
 *     (cibadmin -M -X '<cib admin_epoch="admin_epoch++"/>');
 *   - a patch takes the counters the diff carries.
 * A request that changes nothing leaves *result NULL and returns CIB_OK.
 * On success with a change, *result is the new document (caller frees).
 * *reason (may be NULL) receives a g_malloc'd explanation on refusal. */
int cib_doc_process(xmlDocPtr cur, const struct cib_req *req, xmlDocPtr *result,
		    xmlNodePtr *output, char **reason);

/* Version tuple of a document, and its comparison (admin_epoch, epoch,
 * num_updates; <0, 0, >0 as strcmp). */
struct cib_version {
	long long admin_epoch, epoch, num_updates;
};
void cib_doc_version(xmlDocPtr doc, struct cib_version *v);
int cib_version_cmp(const struct cib_version *a, const struct cib_version *b);

/* Errors the lib/cib reader and cib_validate report for doc (g_strfreev). */
char **cib_doc_errors(xmlDocPtr doc);

/* An empty CIB as cibadmin -E and crm_shadow --create-empty make it. */
xmlDocPtr cib_doc_new_empty(const char *validate_with);

/* 0.6 (heartbeat 2.x) -> pacemaker-1.0 spelling, after Pacemaker 1.0's
 * xml/upgrade06.xsl (spec v2-crm.md 1.9): <attributes> wrappers dropped,
 * underscored names dashed, from/to constraints rewritten, resource options
 * moved to meta_attributes, master_slave -> master, INFINITY upper-cased,
 * rules given score 0, validate-with="pacemaker-1.0".  New elements get
 * readable ids derived from their parent's ("RSC-meta_attributes",
 * "RSC-meta_attributes-NAME") where the stylesheet used generate-id().
 * Returns 1 if doc was changed, 0 if it already was 1.0 or later. */
int cib_doc_upgrade(xmlDocPtr doc);

/* Diff between two CIB versions, modelled on Pacemaker 1.0's format:
 *
 *   <diff format="1" crm_feature_set="3.0.1">
 *     <diff-removed admin_epoch=.. epoch=.. num_updates=..>   (old version)
 *       <cib ...> the parts of old that new lacks </cib>
 *     </diff-removed>
 *     <diff-added admin_epoch=.. epoch=.. num_updates=..>     (new version)
 *       <cib ...> the parts of new that old lacks </cib>
 *     </diff-added>
 *   </diff>
 *
 * Each part holds the chain of ancestors (tag and id only) down to what
 * changed.  An element removed whole carries __crm_diff_marker__="removed:top";
 * an element added whole carries __crm_diff_marker__="added:top" and
 * __crm_diff_pos__="N", its index among its parent's element children in
 * new, so order (group members, ops) survives.  Elements present in both
 * appear with just their changed attributes: new values under diff-added,
 * old values of attributes new lacks under diff-removed.  Children are
 * matched by tag, id (or none) and rank: __crm_diff_rank__="N" names the
 * N+1th sibling of that tag and id (0 when absent, so a hand-written diff
 * may name <configuration> or <nodes> plainly; duplicate ids in a broken CIB
 * are told apart the same way).  Comments take part as
 * <__crm_diff_comment__ text=".."> elements matched by rank.  The version attributes of the root
 * are not diffed: they are the part's own attributes. */
xmlNodePtr cib_diff(xmlDocPtr old, xmlDocPtr new);
/* 1 when the diff changes nothing but the counters. */
int cib_diff_is_empty(xmlNodePtr diff);
/* Applies diff to doc in place if doc's version equals the diff-removed
 * version (else CIB_E_DIFF_RESYNC: ask for a full copy) and every removal
 * finds its target (else CIB_E_DIFF_FAILED, doc unchanged).  The result
 * carries the diff-added version (all three counters; a missing one means
 * 0).  *err (may be NULL) says why on failure. */
int cib_patch(xmlDocPtr doc, xmlNodePtr diff, char **err);

/* XML helpers shared by the tools. */
/* Parses text into a document; bounded like the reader (no network, no
 * huge nodes).  On failure NULL and *err "XML parse error: ... (line N)". */
xmlDocPtr cib_xml_parse(const char *buf, size_t len, char **err);
xmlDocPtr cib_xml_read_file(const char *path, char **err);
/* The element as 1.0's dump_xml_formatted printed it: two-space indent,
 * attributes in document order, no XML declaration, trailing newline. */
char *cib_xml_dump(xmlNodePtr n);
/* Canonical text (attributes sorted, ids optionally dropped) for
 * comparisons that ignore attribute order. */
char *cib_xml_canon(xmlNodePtr n, int drop_ids);
const char *cib_xml_attr(xmlNodePtr n, const char *name);
xmlNodePtr cib_xml_child(xmlNodePtr parent, const char *tag, const char *id);
xmlNodePtr cib_xml_find_id(xmlNodePtr root, const char *tag, const char *id);
#endif
