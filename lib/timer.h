/* Timers over the one clock (clock.h): one-shot and periodic, cancel, re-arm.
 * The daemon's timers run on the glib main loop; a unit test switches to the
 * fake backend, where nothing fires until the test moves the fake clock.
 * This module only schedules callbacks; it never sleeps and never reads
 * wall time. */
#ifndef HB_TIMER_H
#define HB_TIMER_H
#include <stdbool.h>
#include <stdint.h>

typedef void (*timer_fn)(void *data);

/* Owned by the caller (usually inside its own state), so a timer can be
 * re-armed or cancelled without looking anything up.  Fields are private. */
struct timer {
	timer_fn fn;
	void *data;
	unsigned period_ms;      /* 0: one-shot */
	uint64_t due_ms;         /* clock_ms() at which it fires next */
	unsigned src;            /* glib source while armed (glib backend) */
	unsigned long order;     /* fake backend: arm order breaks ties */
	bool armed;
	bool owned;              /* timer_once(): freed after it fires */
	struct timer *next;      /* fake backend: the armed list */
};

#define TIMER_INIT(fn, data) { (fn), (data), 0, 0, 0, 0, false, false, NULL }

void timer_init(struct timer *t, timer_fn fn, void *data);
/* Arm to fire once, ms from now.  An armed timer is re-armed (the earlier
 * deadline is forgotten).  The callback may re-arm or stop it. */
void timer_start(struct timer *t, unsigned ms);
/* Arm to fire every ms (the first time ms from now); re-arms likewise. */
void timer_start_periodic(struct timer *t, unsigned ms);
/* Disarm; harmless when not armed.  A callback may stop its own timer and
 * then free the memory holding it. */
void timer_stop(struct timer *t);
bool timer_armed(const struct timer *t);
/* Milliseconds until it fires (0 when due or not armed). */
uint64_t timer_remaining(const struct timer *t);
/* Fire-and-forget: fn(data) once, ms from now; cannot be cancelled. */
void timer_once(unsigned ms, timer_fn fn, void *data);

/* ---- tests: the fake backend ---- */
/* From now on clock_ms() returns *now and timers fire only inside
 * timer_fake_advance / timer_fake_run_due, in deadline order (ties in arm
 * order), with *now set to each one's deadline as it fires. */
void timer_fake_start(uint64_t *now);
/* Move the fake clock by ms, firing everything that falls due on the way. */
void timer_fake_advance(uint64_t ms);
/* Fire what is due at the current fake time (after the test moved *now
 * itself); returns how many fired. */
int timer_fake_run_due(void);
/* The earliest deadline, false when nothing is armed. */
bool timer_fake_next(uint64_t *due);
int timer_fake_pending(void);
/* Disarm every timer (timer_once ones are freed): between test cases. */
void timer_fake_clear(void);
#endif
