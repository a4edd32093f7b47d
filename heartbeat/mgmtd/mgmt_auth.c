/* Who may log in: PAM (service hbmgmtd) says the password is right and the
 * account usable, then membership of the allowed group.  The PAM calls
 * block (modules sleep on failure) and so run on mgmtd's worker threads,
 * never on the HTTP loop.  Also the per-source limit of failed logins.
 * No password is ever copied anywhere but into PAM's reply. */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <security/pam_appl.h>
#include "mgmtd.h"

struct conv_data {
	const char *user, *password;
};

/* PAM asks for the password (echo off) and maybe the user (echo on). */
static int conv(int n, const struct pam_message **msg, struct pam_response **resp, void *data)
{
	struct conv_data *d = data;
	struct pam_response *r;
	int i;

	if (n <= 0 || n > PAM_MAX_NUM_MSG)
		return PAM_CONV_ERR;
	r = calloc((size_t)n, sizeof(*r));
	if (!r)
		return PAM_BUF_ERR;
	for (i = 0; i < n; i++) {
		switch (msg[i]->msg_style) {
		case PAM_PROMPT_ECHO_OFF:
			r[i].resp = strdup(d->password);
			break;
		case PAM_PROMPT_ECHO_ON:
			r[i].resp = strdup(d->user);
			break;
		case PAM_ERROR_MSG:
		case PAM_TEXT_INFO:
			break;
		default:
			goto fail;
		}
	}
	*resp = r;
	return PAM_SUCCESS;
fail:
	for (i = 0; i < n; i++) {
		if (r[i].resp) {
			explicit_bzero(r[i].resp, strlen(r[i].resp));
			free(r[i].resp);
		}
	}
	free(r);
	return PAM_CONV_ERR;
}

static bool in_group(const char *user, const char *group)
{
	struct group gr, *g = NULL;
	struct passwd pw, *p = NULL;
	char buf[16384], pbuf[4096];
	gid_t groups[256];
	int n = 256, i;

	if (getgrnam_r(group, &gr, buf, sizeof(buf), &g) != 0 || !g)
		return false;
	if (getpwnam_r(user, &pw, pbuf, sizeof(pbuf), &p) != 0 || !p)
		return false;
	if (getgrouplist(user, p->pw_gid, groups, &n) < 0)
		return false;
	for (i = 0; i < n; i++)
		if (groups[i] == g->gr_gid)
			return true;
	return false;
}

enum mgmt_auth_result mgmt_auth_pam(const struct mgmt_conf *c, const char *user,
				    const char *password, char *why, size_t whylen)
{
	struct conv_data d = { user, password };
	struct pam_conv pc = { conv, &d };
	pam_handle_t *ph = NULL;
	int rc;

	if (c->pam_confdir)
		rc = pam_start_confdir(c->pam_service, user, &pc, c->pam_confdir, &ph);
	else
		rc = pam_start(c->pam_service, user, &pc, &ph);
	if (rc != PAM_SUCCESS) {
		snprintf(why, whylen, "PAM service %s: %s", c->pam_service, pam_strerror(ph, rc));
		return AUTH_ERROR;
	}
	pam_set_item(ph, PAM_RHOST, "mgmtd");
	rc = pam_authenticate(ph, PAM_DISALLOW_NULL_AUTHTOK);
	if (rc == PAM_SUCCESS)
		rc = pam_acct_mgmt(ph, PAM_DISALLOW_NULL_AUTHTOK);
	if (rc != PAM_SUCCESS) {
		snprintf(why, whylen, "%s", pam_strerror(ph, rc));
		pam_end(ph, rc);
		return AUTH_BAD_PASSWORD;
	}
	pam_end(ph, rc);
	if (!in_group(user, c->group)) {
		snprintf(why, whylen, "not a member of group %s", c->group);
		return AUTH_NOT_ALLOWED;
	}
	return AUTH_OK;
}

/* ---- failed logins per source ---- */

struct fails {
	int count;
	time_t first;
};
static GMutex rate_lock;
static GHashTable *rate;     /* source -> struct fails */
static int rate_max = 5, rate_window = 60;

void mgmt_rate_setup(int failures, int window_s)
{
	g_mutex_lock(&rate_lock);
	rate_max = failures;
	rate_window = window_s;
	if (!rate)
		rate = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_mutex_unlock(&rate_lock);
}

/* Drops entries whose window is over (so the table stays small). */
static void rate_expire(time_t now)
{
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, rate);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (now - ((struct fails *)v)->first >= rate_window)
			g_hash_table_iter_remove(&it);
}

bool mgmt_rate_allow(const char *source, int *retry_s)
{
	time_t now = time(NULL);
	struct fails *f;
	bool ok = true;

	g_mutex_lock(&rate_lock);
	rate_expire(now);
	f = g_hash_table_lookup(rate, source);
	if (f && f->count >= rate_max) {
		ok = false;
		*retry_s = (int)(f->first + rate_window - now);
		if (*retry_s < 1)
			*retry_s = 1;
	}
	g_mutex_unlock(&rate_lock);
	return ok;
}

void mgmt_rate_fail(const char *source)
{
	time_t now = time(NULL);
	struct fails *f;

	g_mutex_lock(&rate_lock);
	rate_expire(now);
	f = g_hash_table_lookup(rate, source);
	if (!f) {
		/* a flood from many sources must not grow the table for ever */
		if (g_hash_table_size(rate) >= 4096)
			g_hash_table_remove_all(rate);
		f = g_new0(struct fails, 1);
		f->first = now;
		g_hash_table_insert(rate, g_strdup(source), f);
	}
	f->count++;
	g_mutex_unlock(&rate_lock);
}

void mgmt_rate_reset(const char *source)
{
	g_mutex_lock(&rate_lock);
	g_hash_table_remove(rate, source);
	g_mutex_unlock(&rate_lock);
}
