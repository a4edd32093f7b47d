/* The HTTP side: libmicrohttpd over GnuTLS on one polling thread, routes
 * and their checks (method, session, CSRF token, body size), the static
 * page's files, and the hand-off of everything that may block (PAM, reads
 * of heartbeat and the CIB, the CRM tools: mgmt_jobs.c) to worker threads
 * while the connection is suspended.  A second plain-HTTP listener serves only
 * /metrics when metrics_bind is set. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <microhttpd.h>
#include "json.h"
#include "json_parse.h"
#include "log.h"
#include "mgmtd.h"
#include "mgmt_render.h"
#include "mgmt_http.h"

const struct mgmt_conf *http_conf;
static struct MHD_Daemon *httpd, *metricsd;
static GThreadPool *pool;

static void source_of(struct MHD_Connection *c, char *buf, size_t len)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	g_strlcpy(buf, "?", len);
	if (!sa)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, (socklen_t)len);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf, (socklen_t)len);
}

static void common_headers(struct MHD_Response *r, bool api)
{
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
	MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	if (api)
		MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result send_text(struct MHD_Connection *c, int status, const char *ctype, char *text,
				 const char *extra_name, const char *extra_value)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result rc;

	MHD_add_response_header(r, "Content-Type", ctype);
	common_headers(r, true);
	if (extra_name && extra_value && *extra_value)
		MHD_add_response_header(r, extra_name, extra_value);
	rc = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result send_error(struct MHD_Connection *c, int status, const char *extra_name,
				  const char *extra_value, const char *msg)
{
	return send_text(c, status, "application/json", error_json("%s", msg), extra_name, extra_value);
}

/* ---- static files ---- */

static const char *ctype_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
	if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
	if (!strcmp(dot, ".svg")) return "image/svg+xml";
	if (!strcmp(dot, ".png")) return "image/png";
	return "image/x-icon";
}

static enum MHD_Result serve_static(struct MHD_Connection *c, const char *url)
{
	const char *name = url[1] ? url + 1 : "index.html";
	char path[4200];
	struct MHD_Response *r;
	struct stat st;
	enum MHD_Result rc;
	int fd;

	/* one segment of safe characters only: no "..", no "/", no "%00" */
	if (strstr(url, "..") || strchr(name, '/') || strchr(name, '\\'))
		return send_error(c, MHD_HTTP_BAD_REQUEST, NULL, NULL,
				  "bad path: expected /NAME.html, .js, .css, .svg, .png or .ico");
	if (!mgmt_static_name_ok(name))
		return send_error(c, MHD_HTTP_NOT_FOUND, NULL, NULL, "no such page");
	snprintf(path, sizeof(path), "%s/%s", http_conf->www, name);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return send_error(c, MHD_HTTP_NOT_FOUND, NULL, NULL, "no such page");
	}
	r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	MHD_add_response_header(r, "Content-Type", ctype_of(name));
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	common_headers(r, false);
	rc = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

static void worker(gpointer data, gpointer unused)
{
	struct req *q = data;

	mgmt_job_run(q);
	q->done = true;
	MHD_resume_connection(q->conn);
}

static enum MHD_Result start_job(struct req *q, enum job j)
{
	q->job = j;
	q->suspended = true;
	MHD_suspend_connection(q->conn);
	g_thread_pool_push(pool, q, NULL);
	return MHD_YES;
}

static enum MHD_Result finish_job(struct req *q)
{
	enum MHD_Result rc;
	struct MHD_Response *r;
	char *out = q->out;

	q->out = NULL;
	r = MHD_create_response_from_buffer(strlen(out), out, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", q->ctype);
	common_headers(r, true);
	if (q->cookie[0])
		MHD_add_response_header(r, "Set-Cookie", q->cookie);
	if (q->retry_after[0])
		MHD_add_response_header(r, "Retry-After", q->retry_after);
	rc = MHD_queue_response(q->conn, (unsigned)q->status, r);
	MHD_destroy_response(r);
	return rc;
}

/* ---- routing ---- */

static bool session_of(struct MHD_Connection *c, struct mgmt_session_info *info)
{
	const char *tok = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, MGMT_COOKIE);

	return tok && mgmt_session_get(tok, info);
}

/* The cookie again with a fresh Max-Age: the session was just used, and
 * the browser must keep it as long as the server does. */
static void refresh_cookie(struct req *q)
{
	const char *tok = MHD_lookup_connection_value(q->conn, MHD_COOKIE_KIND, MGMT_COOKIE);

	if (tok && strlen(tok) == 64)
		snprintf(q->cookie, sizeof(q->cookie), "%s=%s; Path=/; Max-Age=%d; HttpOnly; Secure; SameSite=Strict",
			 MGMT_COOKIE, tok, q->sess.expires_in);
}

static enum MHD_Result method_not_allowed(struct MHD_Connection *c, const char *allow)
{
	char m[128];

	snprintf(m, sizeof(m), "method not allowed here (allowed: %s)", allow);
	return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "Allow", allow, m);
}

static enum MHD_Result route(struct req *q, const char *url, const char *method, bool metrics_only)
{
	struct MHD_Connection *c = q->conn;
	bool get = !strcmp(method, "GET") || !strcmp(method, "HEAD"), post = !strcmp(method, "POST");

	if (!strcmp(url, "/metrics")) {
		if (!get)
			return method_not_allowed(c, "GET, HEAD");
		if (!metrics_only && http_conf->metrics_address)
			return send_error(c, MHD_HTTP_NOT_FOUND, NULL, NULL, "metrics are served on metrics_bind");
		if (!metrics_only && http_conf->metrics_login && !session_of(c, &q->sess))
			return send_error(c, MHD_HTTP_UNAUTHORIZED, NULL, NULL, "log in first");
		return start_job(q, JOB_METRICS);
	}
	if (metrics_only)
		return send_error(c, MHD_HTTP_NOT_FOUND, NULL, NULL, "only /metrics here");
	if (!strncmp(url, "/api/", 5)) {
		if (strncmp(url, "/api/v1/", 8))
			return send_error(c, MHD_HTTP_NOT_FOUND, NULL, NULL, "unknown API version (this is v1)");
		url += 7;
		if (!strcmp(url, "/login")) {
			if (!post)
				return method_not_allowed(c, "POST");
			return start_job(q, JOB_LOGIN);
		}
		if (!strcmp(url, "/logout")) {
			const char *tok = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, MGMT_COOKIE);
			const char *csrf = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");

			if (!post)
				return method_not_allowed(c, "POST");
			if (!session_of(c, &q->sess))
				return send_error(c, MHD_HTTP_UNAUTHORIZED, NULL, NULL, "not logged in");
			if (!csrf || !mgmt_token_equal(csrf, q->sess.csrf))
				return send_error(c, MHD_HTTP_FORBIDDEN, NULL, NULL, "missing or wrong X-CSRF-Token");
			mgmt_session_end(tok);
			log_msg(LOG_LVL_INFO, "%s logged out", q->sess.user);
			return send_text(c, 200, "application/json", g_strdup("{\"ok\":true}\n"), "Set-Cookie",
					 MGMT_COOKIE "=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
		}
		if (!strcmp(url, "/session")) {
			GString *o;

			if (!get)
				return method_not_allowed(c, "GET, HEAD");
			if (!session_of(c, &q->sess))
				return send_error(c, MHD_HTTP_UNAUTHORIZED, NULL, NULL, "not logged in (or the session expired)");
			o = g_string_new("{\"user\":");
			json_str(o, q->sess.user);
			g_string_append_printf(o, ",\"csrf\":\"%s\",\"expires_in\":%d}\n", q->sess.csrf,
					       q->sess.expires_in);
			refresh_cookie(q);
			return send_text(c, 200, "application/json", g_string_free(o, FALSE), "Set-Cookie", q->cookie);
		}
		if (!strcmp(url, "/summary")) {
			if (!get)
				return method_not_allowed(c, "GET, HEAD");
			if (!session_of(c, &q->sess))
				return send_error(c, MHD_HTTP_UNAUTHORIZED, NULL, NULL, "not logged in (or the session expired)");
			refresh_cookie(q);
			return start_job(q, JOB_SUMMARY);
		}
		if (!strcmp(url, "/actions")) {
			const char *csrf = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");

			if (!post)
				return method_not_allowed(c, "POST");
			if (!session_of(c, &q->sess))
				return send_error(c, MHD_HTTP_UNAUTHORIZED, NULL, NULL, "not logged in (or the session expired)");
			if (!csrf || !mgmt_token_equal(csrf, q->sess.csrf)) {
				log_msg(LOG_LVL_WARN, "change by %s from %s refused: missing or wrong CSRF token",
					q->sess.user, q->source);
				return send_error(c, MHD_HTTP_FORBIDDEN, NULL, NULL, "missing or wrong X-CSRF-Token");
			}
			return start_job(q, JOB_ACTION);
		}
		return send_error(c, MHD_HTTP_NOT_FOUND, NULL, NULL, "no such API path");
	}
	if (!get)
		return method_not_allowed(c, "GET, HEAD");
	return serve_static(c, url);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	bool metrics_only = cls != NULL;
	struct req *q = *con_cls;

	if (!q) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");

		q = g_new0(struct req, 1);
		q->body = g_string_new(NULL);
		q->conn = c;
		source_of(c, q->source, sizeof(q->source));
		*con_cls = q;
		if (ci)
			mgmt_deadline_request(ci->socket_context, true);
		/* refuse a body announced too big before reading a byte of it */
		if (cl && g_ascii_strtoull(cl, NULL, 10) > (guint64)http_conf->max_body) {
			char m[96];

			snprintf(m, sizeof(m), "request body too big: at most %d bytes", http_conf->max_body);
			return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "Connection", "close", m);
		}
		return MHD_YES;
	}
	if (q->done)
		return finish_job(q);
	if (*upload_size) {
		if (q->body->len + *upload_size > (size_t)http_conf->max_body)
			q->too_big = true;
		else
			g_string_append_len(q->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (q->too_big) {
		char m[96];

		snprintf(m, sizeof(m), "request body too big: at most %d bytes", http_conf->max_body);
		return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "Connection", "close", m);
	}
	return route(q, url, method, metrics_only);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
	struct req *q = *con_cls;
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	/* a kept-alive connection has conn_timeout again for its next request */
	if (ci)
		mgmt_deadline_request(ci->socket_context, false);

	if (!q)
		return;
	if (q->body) {
		explicit_bzero(q->body->str, q->body->len);
		g_string_free(q->body, TRUE);
	}
	g_free(q->out);
	explicit_bzero(q->cookie, sizeof(q->cookie));
	g_free(q);
	*con_cls = NULL;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	const union MHD_ConnectionInfo *ci;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		*socket_context = ci ? mgmt_deadline_open(ci->connect_fd) : NULL;
	} else {
		mgmt_deadline_close(*socket_context);
		*socket_context = NULL;
	}
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char buf[512];
	size_t n;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	n = strlen(buf);
	while (n && buf[n - 1] == '\n')
		buf[--n] = 0;
	log_msg(LOG_LVL_DEBUG, "http: %s", buf);
}

/* %XX decoding as libmicrohttpd's own, except that %00 stays as it is: a
 * NUL would cut the path short ("/index.html%00.js" served index.html). */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (r[0] == '%' && g_ascii_isxdigit(r[1]) && g_ascii_isxdigit(r[2]) && (r[1] != '0' || r[2] != '0')) {
			*w++ = (char)(g_ascii_xdigit_value(r[1]) * 16 + g_ascii_xdigit_value(r[2]));
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = 0;
	return (size_t)(w - s);
}

static bool sockaddr_of(const char *addr, int port, struct sockaddr_storage *ss, char *why, size_t whylen)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		return true;
	}
	if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		return true;
	}
	snprintf(why, whylen, "address %s: expected an IPv4 or IPv6 address", addr);
	return false;
}

bool mgmt_http_start(const struct mgmt_conf *c, const char *cert_pem, const char *key_pem,
		     char *why, size_t whylen)
{
	struct sockaddr_storage ss, ms;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
			 MHD_USE_ERROR_LOG;

	http_conf = c;
	if (!sockaddr_of(c->address, c->port, &ss, why, whylen))
		return false;
	if (c->metrics_address && !sockaddr_of(c->metrics_address, c->metrics_port, &ms, why, whylen))
		return false;
	pool = g_thread_pool_new(worker, NULL, 4, FALSE, NULL);
	mgmt_deadline_start(c->conn_timeout);
	httpd = MHD_start_daemon(flags | MHD_USE_TLS | (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
				 (uint16_t)c->port, NULL, NULL, on_request, NULL,
				 MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
				 MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
				 MHD_OPTION_HTTPS_MEM_KEY, key_pem,
				 MHD_OPTION_HTTPS_MEM_CERT, cert_pem,
				 MHD_OPTION_HTTPS_PRIORITIES, MGMT_TLS_PRIORITIES,
				 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)c->conn_timeout,
				 MHD_OPTION_CONNECTION_LIMIT, (unsigned)c->max_conns,
				 MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)c->max_conns_per_ip,
				 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
				 MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
				 MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
				 MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
				 MHD_OPTION_END);
	if (!httpd) {
		snprintf(why, whylen, "cannot serve HTTPS on %s port %d: %s", c->address, c->port,
			 errno ? strerror(errno) : "libmicrohttpd refused");
		return false;
	}
	if (c->metrics_address) {
		metricsd = MHD_start_daemon(flags | (ms.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
					    (uint16_t)c->metrics_port, NULL, NULL, on_request, (void *)1,
					    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
					    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ms,
					    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)c->conn_timeout,
					    MHD_OPTION_CONNECTION_LIMIT, (unsigned)c->max_conns,
					    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)c->max_conns_per_ip,
					    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
					    MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
					    MHD_OPTION_END);
		if (!metricsd) {
			snprintf(why, whylen, "cannot serve metrics on %s port %d: %s", c->metrics_address,
				 c->metrics_port, errno ? strerror(errno) : "libmicrohttpd refused");
			return false;
		}
	}
	return true;
}

void mgmt_http_stop(void)
{
	/* let running jobs finish (they resume their connections) first */
	if (pool)
		g_thread_pool_free(pool, FALSE, TRUE);
	pool = NULL;
	g_usleep(100000);
	if (metricsd)
		MHD_stop_daemon(metricsd);
	if (httpd)
		MHD_stop_daemon(httpd);
	metricsd = httpd = NULL;
	mgmt_deadline_stop();
}
