/* The changes mgmtd makes.  The body of POST /api/v1/actions is parsed here
 * (pure, fuzzed), then carried out the way the operator would: in
 * haresources mode through heartbeat's FIFO with the messages hb_standby and
 * hb_takeover write; under the CRM by running our crm_standby, crm_resource
 * and crm_attribute, so every change takes the tools' code path.  Each
 * change is logged with the user who asked. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "config.h"
#include "json_parse.h"
#include "log.h"
#include "mgmtd.h"

static const struct {
	const char *name;
	enum mgmt_action_kind kind;
	char needs;      /* 'n' node, 'r' resource, 'o' resource + optional node, 'm' on, 'w' what */
} actions[] = {
	{ "node_standby", ACT_NODE_STANDBY, 'n' },
	{ "node_online", ACT_NODE_ONLINE, 'n' },
	{ "resource_start", ACT_RSC_START, 'r' },
	{ "resource_stop", ACT_RSC_STOP, 'r' },
	{ "resource_move", ACT_RSC_MOVE, 'o' },
	{ "resource_unmove", ACT_RSC_UNMOVE, 'r' },
	{ "resource_cleanup", ACT_RSC_CLEANUP, 'o' },
	{ "maintenance", ACT_MAINTENANCE, 'm' },
	{ "standby", ACT_V1_STANDBY, 'w' },
	{ "takeover", ACT_V1_TAKEOVER, 'w' },
};

const char *mgmt_action_name(enum mgmt_action_kind k)
{
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(actions); i++)
		if (actions[i].kind == k)
			return actions[i].name;
	return "?";
}

/* Node names and resource ids: what uname and XML ids allow, nothing that a
 * shell, a FIFO message or a log line could take for syntax. */
static bool name_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 255 || s[0] == '-')
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!g_ascii_isalnum(c) && c != '-' && c != '_' && c != '.' && c != ':')
			return false;
	}
	return true;
}

static bool str_field(const struct json_val *o, const char *key, bool required, char *out, size_t len,
		      char *err, size_t errlen)
{
	const struct json_val *v = json_get(o, key);

	out[0] = 0;
	if (!v || v->type == JSON_NULL) {
		if (required)
			snprintf(err, errlen, "field '%s': expected a string, it is missing", key);
		return !required;
	}
	if (v->type != JSON_STR) {
		snprintf(err, errlen, "field '%s': expected a string", key);
		return false;
	}
	if (!name_ok(v->str)) {
		snprintf(err, errlen, "field '%s': expected a name of letters, digits and - _ . : (at most 255)", key);
		return false;
	}
	g_strlcpy(out, v->str, len);
	return true;
}

bool mgmt_action_parse(const char *body, size_t len, struct mgmt_action *a, char *err, size_t errlen)
{
	struct json_val *j = json_parse(body, len, err, errlen);
	const struct json_val *on;
	const char *name;
	size_t i, k;
	bool ok = false;

	memset(a, 0, sizeof(*a));
	if (!j)
		return false;
	if (j->type != JSON_OBJ) {
		snprintf(err, errlen, "expected a JSON object");
		goto out;
	}
	for (k = 0; k < j->n; k++) {
		const char *key = j->keys[k];

		if (strcmp(key, "action") && strcmp(key, "node") && strcmp(key, "resource") &&
		    strcmp(key, "on") && strcmp(key, "what")) {
			snprintf(err, errlen, "field '%.64s': unknown (expected action, node, resource, on, what)", key);
			goto out;
		}
	}
	name = json_get_str(j, "action");
	if (!name) {
		snprintf(err, errlen, "field 'action': expected a string");
		goto out;
	}
	for (i = 0; i < G_N_ELEMENTS(actions); i++)
		if (!strcmp(actions[i].name, name))
			break;
	if (i == G_N_ELEMENTS(actions)) {
		snprintf(err, errlen, "field 'action': expected node_standby, node_online, resource_start, "
			 "resource_stop, resource_move, resource_unmove, resource_cleanup, maintenance, "
			 "standby or takeover");
		goto out;
	}
	a->kind = actions[i].kind;
	switch (actions[i].needs) {
	case 'n':
		ok = str_field(j, "node", true, a->node, sizeof(a->node), err, errlen);
		break;
	case 'r':
		ok = str_field(j, "resource", true, a->resource, sizeof(a->resource), err, errlen);
		break;
	case 'o':
		ok = str_field(j, "resource", true, a->resource, sizeof(a->resource), err, errlen) &&
		     str_field(j, "node", false, a->node, sizeof(a->node), err, errlen);
		break;
	case 'm':
		on = json_get(j, "on");
		if (!on || on->type != JSON_BOOL) {
			snprintf(err, errlen, "field 'on': expected true or false");
			break;
		}
		a->on = on->b;
		ok = true;
		break;
	case 'w': {
		const char *w = json_get_str(j, "what");

		if (!json_get(j, "what"))
			w = "all";
		if (!w || (strcmp(w, "all") && strcmp(w, "foreign") && strcmp(w, "local"))) {
			snprintf(err, errlen, "field 'what': expected all, foreign or local");
			break;
		}
		g_strlcpy(a->what, w, sizeof(a->what));
		ok = true;
		break;
	}
	}
out:
	json_free(j);
	return ok;
}

bool mgmt_static_name_ok(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (!dot || dot == name || strlen(name) > 64)
		return false;
	for (i = 0; name + i < dot; i++)
		if (!g_ascii_isalnum(name[i]) && name[i] != '-' && name[i] != '_')
			return false;
	return !strcmp(dot, ".html") || !strcmp(dot, ".js") || !strcmp(dot, ".css") ||
	       !strcmp(dot, ".svg") || !strcmp(dot, ".png") || !strcmp(dot, ".ico");
}

/* ---- haresources mode: heartbeat's FIFO ---- */

static int fifo_send(const char *text, char *msg, size_t msglen)
{
	const char *vl = getenv("HB_VARLIB");
	char path[4200];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/fifo", vl ? vl : HA_VARLIBDIR);
	fd = open(path, O_WRONLY | O_NONBLOCK | O_NOFOLLOW);
	if (fd < 0) {
		snprintf(msg, msglen, "cannot open %s: %s (is heartbeat running?)", path, strerror(errno));
		return 503;
	}
	n = write(fd, text, strlen(text));
	close(fd);
	if (n != (ssize_t)strlen(text)) {
		snprintf(msg, msglen, "cannot write %s: %s", path, n < 0 ? strerror(errno) : "short write");
		return 503;
	}
	return 200;
}

static int v1_apply(const struct mgmt_action *a, char *msg, size_t msglen)
{
	char local[256], text[128];
	const char *what = a->what;
	bool standby;

	mgmt_status_local(local, sizeof(local));
	switch (a->kind) {
	case ACT_V1_STANDBY:
		standby = true;
		break;
	case ACT_V1_TAKEOVER:
		standby = false;
		break;
	case ACT_NODE_STANDBY:
		/* this node going standby is hb_standby here; another node going
		 * standby is, in a pair, this node taking everything over */
		if (!mgmt_status_has_node(a->node)) {
			snprintf(msg, msglen, "no node %s in this cluster", a->node);
			return 404;
		}
		what = "all";
		standby = !strcmp(a->node, local);
		break;
	default:
		snprintf(msg, msglen, "%s needs a CRM cluster (crm yes); this one runs haresources",
			 mgmt_action_name(a->kind));
		return 409;
	}
	if (standby)
		snprintf(text, sizeof(text), ">>>\nt=ask_resources\nrsc_hold=%s\ninfo=me\n<<<\n", what);
	else
		snprintf(text, sizeof(text), ">>>\nt=hb_takeover\nrsc_hold=%s\n<<<\n", what);
	if (fifo_send(text, msg, msglen) != 200)
		return 503;
	snprintf(msg, msglen, "%s asked of %s [%s]", standby ? "standby" : "takeover", local, what);
	return 200;
}

/* ---- CRM mode: the tools ---- */

static int run_tool(char **argv, char *msg, size_t msglen)
{
	int out[2], status = 0, i;
	pid_t pid, w = 0;
	GString *o = g_string_new(NULL);
	gint64 end = g_get_monotonic_time() + 30 * G_USEC_PER_SEC;

	if (pipe2(out, O_CLOEXEC) != 0) {
		snprintf(msg, msglen, "pipe: %s", strerror(errno));
		return 500;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(msg, msglen, "fork: %s", strerror(errno));
		close(out[0]);
		close(out[1]);
		return 500;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);

		dup2(nul, 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		for (i = 3; i < 1024; i++)
			close(i);
		execv(argv[0], argv);
		dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(out[1]);
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	for (;;) {
		char buf[1024];
		ssize_t n = read(out[0], buf, sizeof(buf));

		if (n > 0 && o->len < 4096)
			g_string_append_len(o, buf, n);
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid && n <= 0)
			break;
		if (g_get_monotonic_time() > end) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			g_string_append(o, " (killed after 30 s)");
			status = -1;
			break;
		}
		if (n <= 0)
			g_usleep(20000);
	}
	close(out[0]);
	g_strstrip(o->str);
	snprintf(msg, msglen, "%s", o->str);
	g_string_free(o, TRUE);
	return status == 0 ? 200 : 409;
}

static char tools_dir[4096] = HA_SBINDIR;

void mgmt_action_tools(const char *dir)
{
	g_strlcpy(tools_dir, dir, sizeof(tools_dir));
}

static int crm_apply(const struct mgmt_action *a, char *msg, size_t msglen)
{
	char tool[4200];
	char *argv[16];
	int n = 0, rc;
	const char *tn;

	switch (a->kind) {
	case ACT_NODE_STANDBY:
	case ACT_NODE_ONLINE:
		tn = "crm_standby";
		argv[1] = "-N"; argv[2] = (char *)a->node; argv[3] = "-v";
		argv[4] = a->kind == ACT_NODE_STANDBY ? "on" : "off";
		n = 5;
		break;
	case ACT_RSC_START:
	case ACT_RSC_STOP:
		tn = "crm_resource";
		argv[1] = "-r"; argv[2] = (char *)a->resource; argv[3] = "--meta";
		argv[4] = "-p"; argv[5] = "target-role"; argv[6] = "-v";
		argv[7] = a->kind == ACT_RSC_START ? "Started" : "Stopped";
		n = 8;
		break;
	case ACT_RSC_MOVE:
	case ACT_RSC_CLEANUP:
		tn = "crm_resource";
		argv[1] = a->kind == ACT_RSC_MOVE ? "-M" : "-C";
		argv[2] = "-r"; argv[3] = (char *)a->resource;
		n = 4;
		if (a->node[0]) {
			argv[4] = "-N";
			argv[5] = (char *)a->node;
			n = 6;
		}
		break;
	case ACT_RSC_UNMOVE:
		tn = "crm_resource";
		argv[1] = "-U"; argv[2] = "-r"; argv[3] = (char *)a->resource;
		n = 4;
		break;
	case ACT_MAINTENANCE:
		tn = "crm_attribute";
		argv[1] = "-t"; argv[2] = "crm_config"; argv[3] = "-n"; argv[4] = "maintenance-mode";
		argv[5] = "-v"; argv[6] = a->on ? "true" : "false";
		n = 7;
		break;
	default:
		snprintf(msg, msglen, "%s is for haresources clusters; under the CRM use node_standby "
			 "or resource_move", mgmt_action_name(a->kind));
		return 409;
	}
	snprintf(tool, sizeof(tool), "%s/%s", tools_dir, tn);
	argv[0] = tool;
	argv[n] = NULL;
	rc = run_tool(argv, msg, msglen);
	if (rc == 200 && !msg[0])
		snprintf(msg, msglen, "done");
	return rc;
}

int mgmt_action_apply(const struct mgmt_action *a, const char *user, char *msg, size_t msglen)
{
	bool crm = mgmt_status_crm();
	int rc;

	msg[0] = 0;
	rc = crm ? crm_apply(a, msg, msglen) : v1_apply(a, msg, msglen);
	log_msg(rc == 200 ? LOG_LVL_INFO : LOG_LVL_WARN, "user %s: %s%s%s%s%s%s%s%s: %s (%s)",
		user, mgmt_action_name(a->kind), a->node[0] ? " node=" : "", a->node,
		a->resource[0] ? " resource=" : "", a->resource,
		a->kind == ACT_MAINTENANCE ? (a->on ? " on" : " off") : "",
		a->what[0] ? " " : "", a->what, rc == 200 ? "done" : "refused", msg);
	return rc;
}
