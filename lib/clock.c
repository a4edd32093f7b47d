/* Monotonic clock.  Wall time is never used for liveness: an NTP step must not
 * make a live node look dead. */
#include <time.h>
#include "clock.h"

static const uint64_t *fake_now;

void clock_set_fake(const uint64_t *now) { fake_now = now; }

uint64_t clock_ms(void)
{
	struct timespec ts;

	if (fake_now)
		return *fake_now;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}
