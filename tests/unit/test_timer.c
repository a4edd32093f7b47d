/* lib/timer: the fake backend's order and clock (one-shot, periodic, re-arm,
 * cancel, stop-and-free from inside a callback), and the same contract on
 * the glib backend with 0 ms timers (nothing here waits on real time). */
#include <stdlib.h>
#include <glib.h>
#include "check.h"
#include "clock.h"
#include "timer.h"

static uint64_t now = 1000;
static char trail[256];
static int ntrail;

struct probe {
	struct timer t;
	char tag;
	int fired;
	int rearm_ms;     /* >0: a one-shot re-arms itself once with this */
	int stop_after;   /* periodic: stops itself after this many fires */
	bool free_self;
};

static void note(char c)
{
	if (ntrail < (int)sizeof trail - 1)
		trail[ntrail++] = c;
	trail[ntrail] = 0;
}

static void on_fire(void *data)
{
	struct probe *p = data;

	p->fired++;
	note(p->tag);
	if (p->rearm_ms > 0) {
		int ms = p->rearm_ms;
		p->rearm_ms = 0;
		timer_start(&p->t, (unsigned)ms);
	}
	if (p->stop_after && p->fired >= p->stop_after) {
		timer_stop(&p->t);
		if (p->free_self)
			free(p);
	}
}

static void reset_trail(void)
{
	ntrail = 0;
	trail[0] = 0;
}

static void test_fake_order(void)
{
	struct probe a = { .tag = 'a' }, b = { .tag = 'b' }, c = { .tag = 'c' };

	reset_trail();
	timer_init(&a.t, on_fire, &a);
	timer_init(&b.t, on_fire, &b);
	timer_init(&c.t, on_fire, &c);
	timer_start(&a.t, 300);
	timer_start(&b.t, 100);
	timer_start(&c.t, 100);        /* same deadline as b: arm order decides */
	CHECK_INT(timer_fake_pending(), 3);
	CHECK_INT(timer_remaining(&a.t), 300);
	timer_fake_advance(99);
	CHECK_STR(trail, "");
	CHECK_INT(now, 1099);
	timer_fake_advance(1);
	CHECK_STR(trail, "bc");
	CHECK(!timer_armed(&b.t) && timer_armed(&a.t));
	CHECK_INT(timer_remaining(&a.t), 200);
	/* re-arming forgets the earlier deadline */
	timer_start(&a.t, 50);
	timer_fake_advance(1000);
	CHECK_STR(trail, "bca");
	CHECK_INT(a.fired, 1);
	CHECK_INT(now, 2100);
	CHECK_INT(timer_fake_pending(), 0);
	CHECK_INT(timer_remaining(&a.t), 0);
}

static uint64_t seen_at[8];
static int nseen;
static void record_time(void *data)
{
	(void)data;
	if (nseen < 8)
		seen_at[nseen] = clock_ms();
	nseen++;
}

static void test_fake_clock_moves_to_each_deadline(void)
{
	struct timer t1, t2;
	uint64_t start = now;

	nseen = 0;
	timer_init(&t1, record_time, NULL);
	timer_init(&t2, record_time, NULL);
	timer_start(&t1, 10);
	timer_start(&t2, 40);
	timer_fake_advance(100);
	CHECK_INT(nseen, 2);
	CHECK_INT(seen_at[0], start + 10);
	CHECK_INT(seen_at[1], start + 40);
	CHECK_INT(now, start + 100);
	/* the test moving the clock itself: due timers fire on run_due */
	timer_start(&t1, 500);
	now += 499;
	CHECK_INT(timer_fake_run_due(), 0);
	now += 1;
	CHECK_INT(timer_fake_run_due(), 1);
}

static void test_fake_periodic(void)
{
	struct probe p = { .tag = 'p', .stop_after = 3 };
	struct probe *heap = calloc(1, sizeof *heap);
	uint64_t due;

	reset_trail();
	timer_init(&p.t, on_fire, &p);
	timer_start_periodic(&p.t, 1000);
	timer_fake_advance(999);
	CHECK_INT(p.fired, 0);
	CHECK(timer_fake_next(&due) && due == now + 1);
	timer_fake_advance(10000);
	CHECK_INT(p.fired, 3);             /* stopped itself at the third */
	CHECK(!timer_armed(&p.t));
	/* a periodic timer that stops and frees itself in its callback */
	heap->tag = 'h';
	heap->stop_after = 2;
	heap->free_self = true;
	timer_init(&heap->t, on_fire, heap);
	timer_start_periodic(&heap->t, 5);
	timer_fake_advance(100);
	CHECK_STR(trail, "ppphh");
	CHECK_INT(timer_fake_pending(), 0);
	/* a one-shot that re-arms itself from its callback */
	p = (struct probe){ .tag = 'r', .rearm_ms = 20 };
	timer_init(&p.t, on_fire, &p);
	timer_start(&p.t, 10);
	timer_fake_advance(25);
	CHECK_INT(p.fired, 1);
	CHECK(timer_armed(&p.t));
	timer_fake_advance(5);
	CHECK_INT(p.fired, 2);
	CHECK(!timer_armed(&p.t));
}

static int once_count;
static void once_fn(void *data)
{
	once_count += *(int *)data;
}

static void test_fake_cancel_and_once(void)
{
	struct probe p = { .tag = 'x' };
	static int three = 3;

	timer_init(&p.t, on_fire, &p);
	timer_stop(&p.t);                  /* not armed: harmless */
	timer_start(&p.t, 10);
	timer_stop(&p.t);
	timer_stop(&p.t);
	timer_fake_advance(100);
	CHECK_INT(p.fired, 0);
	once_count = 0;
	timer_once(0, once_fn, &three);
	timer_once(30, once_fn, &three);
	CHECK_INT(once_count, 0);          /* even 0 ms waits for the clock to be driven */
	CHECK_INT(timer_fake_run_due(), 1);
	CHECK_INT(once_count, 3);
	timer_fake_advance(30);
	CHECK_INT(once_count, 6);
	/* clear frees pending once timers (ASan would see a leak) and disarms */
	timer_once(30, once_fn, &three);
	timer_start(&p.t, 10);
	timer_fake_clear();
	CHECK(!timer_armed(&p.t));
	timer_fake_advance(100);
	CHECK_INT(once_count, 6);
	CHECK_INT(p.fired, 0);
}

/* ---- glib backend: same contract, driven by the main loop ---- */

static void pump(int (*done)(void), int max)
{
	for (int i = 0; i < max && !done(); i++)
		g_main_context_iteration(NULL, TRUE);
}

static struct probe g1, g2, *gheap;
static int g_done(void) { return g1.fired >= 1 && g2.fired >= 3 && once_count >= 1; }
static int heap_gone(void) { return gheap == NULL; }
static void heap_fire(void *data)
{
	struct probe *p = data;

	if (++p->fired == 2) {
		timer_stop(&p->t);
		free(p);
		gheap = NULL;
	}
}

static void test_glib(void)
{
	static int one = 1;

	once_count = 0;
	g1 = (struct probe){ .tag = '1' };
	g2 = (struct probe){ .tag = '2', .stop_after = 3 };
	timer_init(&g1.t, on_fire, &g1);
	timer_init(&g2.t, on_fire, &g2);
	timer_start(&g1.t, 0);
	timer_start_periodic(&g2.t, 1);
	timer_once(0, once_fn, &one);
	pump(g_done, 1000);
	CHECK_INT(g1.fired, 1);
	CHECK_INT(g2.fired, 3);
	CHECK_INT(once_count, 1);
	CHECK(!timer_armed(&g1.t) && !timer_armed(&g2.t));
	/* stopped before it fires: never fires */
	g1.fired = 0;
	timer_start(&g1.t, 0);
	timer_stop(&g1.t);
	for (int i = 0; i < 5; i++)
		g_main_context_iteration(NULL, FALSE);
	CHECK_INT(g1.fired, 0);
	/* a periodic timer freed by its own callback: its source goes too */
	gheap = calloc(1, sizeof *gheap);
	timer_init(&gheap->t, heap_fire, gheap);
	timer_start_periodic(&gheap->t, 1);
	pump(heap_gone, 1000);
	CHECK(gheap == NULL);
	for (int i = 0; i < 5; i++)
		g_main_context_iteration(NULL, FALSE);
	/* re-armed from its own callback: fires again */
	g1 = (struct probe){ .tag = '1', .rearm_ms = 1 };
	timer_init(&g1.t, on_fire, &g1);
	timer_start(&g1.t, 0);
	for (int i = 0; i < 1000 && g1.fired < 2; i++)
		g_main_context_iteration(NULL, TRUE);
	CHECK_INT(g1.fired, 2);
}

int main(void)
{
	test_glib();
	timer_fake_start(&now);
	test_fake_order();
	test_fake_clock_moves_to_each_deadline();
	test_fake_periodic();
	test_fake_cancel_and_once();
	return T_DONE();
}
