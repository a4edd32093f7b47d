/* What mgmt_http.c hands to its worker threads (mgmt_jobs.c): one request
 * whose connection is suspended until the job has filled in the answer. */
#ifndef HB_MGMT_HTTP_H
#define HB_MGMT_HTTP_H
#include <netinet/in.h>
#include <microhttpd.h>
#include "mgmtd.h"

enum job { JOB_NONE, JOB_LOGIN, JOB_ACTION, JOB_SUMMARY, JOB_METRICS };

struct req {
	GString *body;
	bool too_big;
	bool suspended, done;
	enum job job;
	struct MHD_Connection *conn;
	char source[INET6_ADDRSTRLEN];
	struct mgmt_session_info sess;
	/* what the worker answers */
	int status;
	char *out;
	const char *ctype;
	char cookie[256];
	char retry_after[16];
};

/* The running configuration (set by mgmt_http_start). */
extern const struct mgmt_conf *http_conf;
/* {"error": TEXT} and a newline (g_free). */
char *error_json(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Runs q's job (blocking: PAM, heartbeat, the CIB, the tools) and fills
 * in status, out, ctype and the headers. */
void mgmt_job_run(struct req *q);
#endif
