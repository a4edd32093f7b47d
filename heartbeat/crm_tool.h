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
/* The options every tool shares, for getopt_long with an optstring
 * starting with ':' and --help mapped to 'Z': returns TOOL_OPT_HELP for
 * --help and "-?" (the caller prints its usage on stdout and exits 0);
 * prints the version for -$ and returns 0; prints the one-line complaint
 * naming a bad option (and the --help hint) and returns 1; returns
 * TOOL_OPT_OTHER for any other c. */
enum { TOOL_OPT_OTHER = -1, TOOL_OPT_HELP = -2 };
int tool_std_option(const char *prog, int c, char **argv);
/* After the options: complains (with the --help hint) about a word left
 * over, or, when commands is not NULL and no command was given, that one
 * of commands is needed.  TOOL_ARGS_OK when neither. */
enum { TOOL_ARGS_OK, TOOL_ARGS_EXTRA, TOOL_ARGS_NO_COMMAND };
int tool_args_done(const char *prog, int argc, char **argv, int have_command, const char *commands);
/* getopt's unknown-option message is one line already; this adds the
 * pointer to --help that 1.0's crm_help printed as a usage block. */
void tool_usage_hint(const char *prog);
/* The local node's name (uname -n), as the tools default to. */
const char *tool_local_uname(void);
/* The id of the node called uname in the CIB's <nodes> (NULL if none). */
const char *tool_node_uuid(xmlDocPtr doc, const char *uname);
#endif
