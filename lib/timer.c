/* The timer module (timer.h): glib timeout sources in the daemon, a list
 * walked by the test in fake mode.  Both backends keep due_ms in clock_ms()
 * terms so timer_remaining() means the same in either. */
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>
#include "clock.h"
#include "timer.h"

#define FAKE_MAX_FIRES 10000000   /* one advance: a 0 ms timer re-arming itself forever */

static uint64_t *fake_now;         /* non-NULL: fake backend */
static struct timer *fake_list;    /* armed timers, unsorted */
static unsigned long fake_order;

/* glib backend: the periodic timer whose callback is running, and whether
 * that callback stopped or re-armed it (its source must then not continue;
 * the timer itself may already be freed, so it is not read again). */
static struct timer *firing;
static bool firing_changed;

static void fake_unlink(struct timer *t)
{
	struct timer **pp;

	for (pp = &fake_list; *pp; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	t->next = NULL;
}

void timer_stop(struct timer *t)
{
	if (t == firing)
		firing_changed = true;
	if (!t->armed)
		return;
	t->armed = false;
	if (fake_now)
		fake_unlink(t);
	else if (t->src)
		g_source_remove(t->src);
	t->src = 0;
}

/* A one-shot's turn, either backend: disarmed first (the callback may
 * re-arm it), nothing read after the callback (it may free it). */
static void fire_once(struct timer *t)
{
	t->armed = false;
	t->src = 0;
	if (t->owned) {
		t->fn(t->data);
		g_free(t);
		return;
	}
	t->fn(t->data);
}

static gboolean on_glib_once(gpointer data)
{
	fire_once(data);
	return G_SOURCE_REMOVE;
}

static gboolean on_glib_periodic(gpointer data)
{
	struct timer *t = data, *outer = firing;
	bool outer_changed = firing_changed, changed;

	t->due_ms = clock_ms() + t->period_ms;
	firing = t;
	firing_changed = false;
	t->fn(t->data);
	changed = firing_changed;
	firing = outer;
	firing_changed = outer_changed;
	return changed ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void arm(struct timer *t, unsigned ms, unsigned period)
{
	timer_stop(t);
	t->period_ms = period;
	t->due_ms = clock_ms() + ms;
	t->armed = true;
	if (fake_now) {
		t->order = ++fake_order;
		t->next = fake_list;
		fake_list = t;
		return;
	}
	t->src = period ? g_timeout_add(period, on_glib_periodic, t) : g_timeout_add(ms, on_glib_once, t);
}

void timer_init(struct timer *t, timer_fn fn, void *data)
{
	*t = (struct timer)TIMER_INIT(fn, data);
}

void timer_start(struct timer *t, unsigned ms)
{
	arm(t, ms, 0);
}

void timer_start_periodic(struct timer *t, unsigned ms)
{
	arm(t, ms, ms ? ms : 1);
}

bool timer_armed(const struct timer *t)
{
	return t->armed;
}

uint64_t timer_remaining(const struct timer *t)
{
	uint64_t now = clock_ms();

	return t->armed && t->due_ms > now ? t->due_ms - now : 0;
}

void timer_once(unsigned ms, timer_fn fn, void *data)
{
	struct timer *t = g_new0(struct timer, 1);

	timer_init(t, fn, data);
	t->owned = true;
	timer_start(t, ms);
}

/* ---- fake backend ---- */

void timer_fake_start(uint64_t *now)
{
	fake_now = now;
	clock_set_fake(now);
}

static struct timer *earliest(void)
{
	struct timer *t, *best = NULL;

	for (t = fake_list; t; t = t->next)
		if (!best || t->due_ms < best->due_ms || (t->due_ms == best->due_ms && t->order < best->order))
			best = t;
	return best;
}

bool timer_fake_next(uint64_t *due)
{
	struct timer *t = earliest();

	if (t && due)
		*due = t->due_ms;
	return t != NULL;
}

int timer_fake_pending(void)
{
	struct timer *t;
	int n = 0;

	for (t = fake_list; t; t = t->next)
		n++;
	return n;
}

/* Fire the earliest timer if it is due by limit.  Nothing of t is read after
 * its callback: the callback may free it. */
static bool fire_one(uint64_t limit)
{
	struct timer *t = earliest();

	if (!t || t->due_ms > limit)
		return false;
	if (t->due_ms > *fake_now)
		*fake_now = t->due_ms;
	if (t->period_ms) {
		t->due_ms = *fake_now + t->period_ms;
		t->order = ++fake_order;
		t->fn(t->data);
		return true;
	}
	fake_unlink(t);
	fire_once(t);
	return true;
}

static int fire_until(uint64_t limit)
{
	int n = 0;

	while (fire_one(limit))
		if (++n >= FAKE_MAX_FIRES) {
			/* a test bug, not something to wait out */
			fprintf(stderr, "timer: %d timers fired in one step: a timer re-arms itself at 0 ms\n", n);
			abort();
		}
	return n;
}

void timer_fake_advance(uint64_t ms)
{
	uint64_t target = *fake_now + ms;

	fire_until(target);
	*fake_now = target;
}

int timer_fake_run_due(void)
{
	return fire_until(*fake_now);
}

void timer_fake_clear(void)
{
	while (fake_list) {
		struct timer *t = fake_list;

		fake_list = t->next;
		t->next = NULL;
		t->armed = false;
		if (t->owned)
			g_free(t);
	}
}
