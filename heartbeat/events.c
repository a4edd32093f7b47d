/* The event registry (events.h): a fixed list of listeners per type.  No
 * allocation on the heartbeat path; a listener may subscribe or unsubscribe
 * others while an event is being delivered (it takes effect next time). */
#include <stdio.h>
#include <string.h>
#include "events.h"
#include "log.h"

#define EV_MAX_LISTENERS 16

struct listener {
	ev_fn fn;
	void *data;
};

static struct listener listeners[EV__COUNT][EV_MAX_LISTENERS];
static int nlisteners[EV__COUNT];

void events_subscribe(enum ev_type type, ev_fn fn, void *data)
{
	int i;

	if (type >= EV__COUNT)
		return;
	for (i = 0; i < nlisteners[type]; i++)
		if (listeners[type][i].fn == fn && listeners[type][i].data == data)
			return;
	if (nlisteners[type] >= EV_MAX_LISTENERS) {
		log_err("event %d: more than %d listeners; one is not subscribed", (int)type, EV_MAX_LISTENERS);
		return;
	}
	listeners[type][nlisteners[type]++] = (struct listener){ fn, data };
}

void events_unsubscribe(enum ev_type type, ev_fn fn, void *data)
{
	int i;

	if (type >= EV__COUNT)
		return;
	for (i = 0; i < nlisteners[type]; i++)
		if (listeners[type][i].fn == fn && listeners[type][i].data == data) {
			memmove(&listeners[type][i], &listeners[type][i + 1],
				sizeof listeners[type][0] * (size_t)(nlisteners[type] - i - 1));
			nlisteners[type]--;
			return;
		}
}

void events_emit(enum ev_type type, int ni, int mi)
{
	struct listener now[EV_MAX_LISTENERS];
	struct event e = { type, ni, mi };
	int i, n;

	if (type >= EV__COUNT)
		return;
	/* a snapshot: listeners may change the list while we deliver */
	n = nlisteners[type];
	memcpy(now, listeners[type], sizeof now[0] * (size_t)n);
	for (i = 0; i < n; i++)
		now[i].fn(&e, now[i].data);
}

void events_reset(void)
{
	memset(nlisteners, 0, sizeof nlisteners);
}
