/* What the CRM operator tools share: opening the CIB through cib_conn with
 * a clear word when the cluster is not running, reading XML input, and
 * the one-line messages for bad arguments. */
#ifndef HB_CRM_TOOL_H
#define HB_CRM_TOOL_H
#include <stdio.h>
#include "cib/cib_conn.h"

/* Opens the connection the environment selects (CIB_file, CIB_shadow or
 * the live cluster).  On failure prints "PROG: WHY" and, when no cluster
 * runs, a hint, to stderr, and returns NULL with *rc set (a cib_rc). */
struct cib_conn *tool_connect(const char *prog, int *rc);
/* The whole CIB (caller frees); on failure prints why and returns NULL. */
xmlDocPtr tool_query(struct cib_conn *c, const char *prog, int *rc);
/* Applies one request; prints the reason of a refusal on stderr. */
int tool_apply(struct cib_conn *c, const char *prog, const struct cib_req *req, xmlNodePtr *output);

/* XML input from a file, a string or stdin ("-" or NULL path with
 * from_stdin); on failure prints "PROG: Couldn't parse input from SRC: WHY". */
xmlDocPtr tool_read_xml(const char *prog, const char *file, const char *text, int from_stdin);

/* "PROG: MESSAGE" on stderr (printf format). */
void tool_err(const char *prog, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* After getopt_long (optstring starting with ':') returned c = '?' or ':':
 * 1 when it was "-?" (the caller prints help), else prints the one-line
 * complaint naming the option and the --help hint and returns 0. */
int tool_option_error(const char *prog, int c, char **argv);
/* getopt's unknown-option message is one line already; this adds the
 * pointer to --help that 1.0's crm_help printed as a usage block. */
void tool_usage_hint(const char *prog);
/* The local node's name (uname -n), as the tools default to. */
const char *tool_local_uname(void);
/* The id of the node called uname in the CIB's <nodes> (NULL if none). */
const char *tool_node_uuid(xmlDocPtr doc, const char *uname);
#endif
