/* The jobs of mgmt_http.c's worker threads: login (the body, the
 * failed-login limit, PAM, the session and its cookie), a change (the body,
 * then mgmt_action_apply), and the summary and metrics texts.  Everything
 * here may block; none of it runs on the HTTP loop. */
#include <stdio.h>
#include <string.h>
#include "json.h"
#include "json_parse.h"
#include "log.h"
#include "mgmt_render.h"
#include "mgmt_http.h"

char *error_json(const char *fmt, ...)
{
	GString *o = g_string_new("{\"error\":");
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	json_str(o, m);
	g_free(m);
	g_string_append(o, "}\n");
	return g_string_free(o, FALSE);
}

static bool user_name_ok(const char *u)
{
	size_t i, n = strlen(u);

	if (n == 0 || n > 32 || u[0] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!g_ascii_isalnum(u[i]) && u[i] != '_' && u[i] != '-' && u[i] != '.')
			return false;
	return true;
}

static void wipe_tree(struct json_val *v)
{
	size_t i;

	if (!v)
		return;
	if (v->str)
		explicit_bzero(v->str, strlen(v->str));
	for (i = 0; i < v->n; i++)
		wipe_tree(v->items[i]);
}

static void do_login(struct req *q)
{
	char err[200], why[256] = "", token[65];
	struct json_val *j = json_parse(q->body->str, q->body->len, err, sizeof(err));
	const char *user = json_get_str(j, "user"), *pw = json_get_str(j, "password");
	struct mgmt_session_info info;
	enum mgmt_auth_result ar;
	int retry;

	q->ctype = "application/json";
	if (!j) {
		q->status = 400;
		q->out = error_json("malformed JSON: %s", err);
		goto out;
	}
	if (!user || !pw || !user_name_ok(user) || strlen(pw) > 512) {
		q->status = 400;
		q->out = error_json("expected {\"user\": NAME, \"password\": TEXT}");
		goto out;
	}
	if (!mgmt_rate_allow(q->source, &retry)) {
		log_msg(LOG_LVL_WARN, "login of %s from %s refused: %d failed logins within %d s "
			"(retry in %d s)", user, q->source, http_conf->login_failures, http_conf->login_window, retry);
		q->status = 429;
		snprintf(q->retry_after, sizeof(q->retry_after), "%d", retry);
		q->out = error_json("too many failed logins from %s: try again in %d s", q->source, retry);
		goto out;
	}
	ar = mgmt_auth_pam(http_conf, user, pw, why, sizeof(why));
	if (ar != AUTH_OK) {
		mgmt_rate_fail(q->source);
		log_msg(LOG_LVL_WARN, "login of %s from %s failed: %s", user, q->source, why);
		q->status = ar == AUTH_ERROR ? 500 : 401;
		q->out = error_json(ar == AUTH_ERROR ? "authentication is not working (see the log)"
				    : "login failed: wrong user or password, or not allowed");
		goto out;
	}
	mgmt_rate_reset(q->source);
	mgmt_session_new(user, token, &info);
	log_msg(LOG_LVL_INFO, "%s logged in from %s", user, q->source);
	snprintf(q->cookie, sizeof(q->cookie), "%s=%s; Path=/; Max-Age=%d; HttpOnly; Secure; SameSite=Strict",
		 MGMT_COOKIE, token, info.expires_in);
	explicit_bzero(token, sizeof(token));
	{
		GString *o = g_string_new("{\"user\":");

		json_str(o, info.user);
		g_string_append_printf(o, ",\"csrf\":\"%s\",\"expires_in\":%d}\n", info.csrf, info.expires_in);
		q->out = g_string_free(o, FALSE);
	}
	q->status = 200;
out:
	wipe_tree(j);
	json_free(j);
	explicit_bzero(q->body->str, q->body->len);
}

static void do_action(struct req *q)
{
	struct mgmt_action a;
	char err[300], msg[1024];
	int rc;

	q->ctype = "application/json";
	if (!mgmt_action_parse(q->body->str, q->body->len, &a, err, sizeof(err))) {
		q->status = 400;
		q->out = error_json("bad request body: %s", err);
		return;
	}
	rc = mgmt_action_apply(&a, q->sess.user, msg, sizeof(msg));
	mgmt_status_invalidate();
	q->status = rc;
	if (rc == 200) {
		GString *o = g_string_new("{\"ok\":true,\"message\":");

		json_str(o, msg);
		g_string_append(o, "}\n");
		q->out = g_string_free(o, FALSE);
	} else {
		q->out = error_json("%s", msg);
	}
}

void mgmt_job_run(struct req *q)
{
	switch (q->job) {
	case JOB_LOGIN:
		do_login(q);
		break;
	case JOB_ACTION:
		do_action(q);
		break;
	case JOB_SUMMARY:
		q->status = 200;
		q->ctype = "application/json";
		q->out = mgmt_summary_json();
		break;
	case JOB_METRICS:
		q->status = 200;
		q->ctype = "text/plain; version=0.0.4; charset=utf-8";
		q->out = mgmt_metrics_text();
		break;
	default:
		q->status = 500;
		q->ctype = "application/json";
		q->out = error_json("internal error");
	}
}
