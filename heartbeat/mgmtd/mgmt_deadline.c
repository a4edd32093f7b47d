/* The header deadline: libmicrohttpd's timeout only counts idleness, so a
 * client sending a byte now and then (slowloris) would keep a connection
 * for ever.  Each connection is tracked from accept (and again after each
 * answer); one that has not completed its request headers within the
 * deadline is shut down (shutdown(2), never close: the descriptor stays
 * libmicrohttpd's, which then cleans up as for any peer that went away). */
#include <sys/socket.h>
#include "mgmtd.h"

struct track {
	int fd;
	gint64 since;        /* monotonic us: accepted, or last answer sent */
	bool in_request;     /* headers complete: the deadline no longer applies */
	bool cut;
};

static GMutex lock;
static GPtrArray *tracks;
static GThread *thread;
static volatile gint running;
static gint64 deadline_us;

static gpointer watch(gpointer unused)
{
	while (g_atomic_int_get(&running)) {
		gint64 now = g_get_monotonic_time();
		guint i;

		g_mutex_lock(&lock);
		for (i = 0; i < tracks->len; i++) {
			struct track *t = g_ptr_array_index(tracks, i);

			if (!t->in_request && !t->cut && now - t->since > deadline_us) {
				shutdown(t->fd, SHUT_RDWR);
				t->cut = true;
			}
		}
		g_mutex_unlock(&lock);
		g_usleep(250000);
	}
	return NULL;
}

void mgmt_deadline_start(int seconds)
{
	deadline_us = (gint64)seconds * G_USEC_PER_SEC;
	tracks = g_ptr_array_new();
	g_atomic_int_set(&running, 1);
	thread = g_thread_new("mgmtd-deadline", watch, NULL);
}

void mgmt_deadline_stop(void)
{
	if (!thread)
		return;
	g_atomic_int_set(&running, 0);
	g_thread_join(thread);
	thread = NULL;
}

void *mgmt_deadline_open(int fd)
{
	struct track *t = g_new0(struct track, 1);

	t->fd = fd;
	t->since = g_get_monotonic_time();
	g_mutex_lock(&lock);
	g_ptr_array_add(tracks, t);
	g_mutex_unlock(&lock);
	return t;
}

void mgmt_deadline_request(void *p, bool in_request)
{
	struct track *t = p;

	if (!t)
		return;
	g_mutex_lock(&lock);
	t->in_request = in_request;
	if (!in_request)
		t->since = g_get_monotonic_time();
	g_mutex_unlock(&lock);
}

void mgmt_deadline_close(void *p)
{
	if (!p)
		return;
	g_mutex_lock(&lock);
	g_ptr_array_remove_fast(tracks, p);
	g_mutex_unlock(&lock);
	g_free(p);
}
