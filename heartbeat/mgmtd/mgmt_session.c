/* Login sessions: a random token (the cookie) -> user, CSRF token and
 * expiry.  Idle sessions end after session_timeout seconds; the table is
 * bounded (the oldest goes first).  Tokens come from GnuTLS's random
 * generator and are compared in constant time. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include "mgmtd.h"

#define MAX_SESSIONS 256

struct session {
	char user[64];
	char csrf[65];
	gint64 last;         /* monotonic microseconds of the last use */
	gint64 created;
};

static GMutex lock;
static GHashTable *sessions;   /* token -> struct session */
static int timeout_s = 900;

void mgmt_session_setup(int t)
{
	g_mutex_lock(&lock);
	timeout_s = t;
	if (!sessions)
		sessions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_mutex_unlock(&lock);
}

static gint64 now_s(void)
{
	return g_get_monotonic_time();
}

static void random_hex(char out[65])
{
	unsigned char b[32];
	int i;

	if (gnutls_rnd(GNUTLS_RND_KEY, b, sizeof(b)) < 0)
		g_error("mgmtd: no random bytes for a session token");
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

bool mgmt_token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i;
	unsigned char d = la != lb;

	for (i = 0; i < la && i < lb; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

static void expire(gint64 now)
{
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, sessions);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (now - ((struct session *)v)->last >= (gint64)timeout_s * G_USEC_PER_SEC)
			g_hash_table_iter_remove(&it);
}

static void drop_oldest(void)
{
	GHashTableIter it;
	gpointer k, v, oldest = NULL;
	gint64 t = G_MAXINT64;

	g_hash_table_iter_init(&it, sessions);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (((struct session *)v)->created < t) {
			t = ((struct session *)v)->created;
			oldest = k;
		}
	if (oldest)
		g_hash_table_remove(sessions, oldest);
}

static void fill(const struct session *s, struct mgmt_session_info *info)
{
	g_strlcpy(info->user, s->user, sizeof(info->user));
	memcpy(info->csrf, s->csrf, sizeof(info->csrf));
	info->expires_in = timeout_s;
}

void mgmt_session_new(const char *user, char token[65], struct mgmt_session_info *info)
{
	struct session *s = g_new0(struct session, 1);

	g_strlcpy(s->user, user, sizeof(s->user));
	random_hex(s->csrf);
	random_hex(token);
	g_mutex_lock(&lock);
	s->last = s->created = now_s();
	expire(s->last);
	if (g_hash_table_size(sessions) >= MAX_SESSIONS)
		drop_oldest();
	g_hash_table_insert(sessions, g_strdup(token), s);
	fill(s, info);
	g_mutex_unlock(&lock);
}

bool mgmt_session_get(const char *token, struct mgmt_session_info *info)
{
	struct session *s;
	gint64 now = now_s();
	bool ok = false;

	if (!token || strlen(token) != 64)
		return false;
	g_mutex_lock(&lock);
	expire(now);
	/* the hash lookup is not constant-time, but the token is 256 random
	 * bits: there is nothing to learn from timing a miss */
	s = g_hash_table_lookup(sessions, token);
	if (s) {
		s->last = now;
		fill(s, info);
		ok = true;
	}
	g_mutex_unlock(&lock);
	return ok;
}

void mgmt_session_end(const char *token)
{
	if (!token)
		return;
	g_mutex_lock(&lock);
	g_hash_table_remove(sessions, token);
	g_mutex_unlock(&lock);
}
