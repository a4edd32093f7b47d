/* The one clock every timer and timeout reads: monotonic milliseconds.
 * Tests replace it with clock_set_fake() so state machines run without sleeping. */
#ifndef HB_CLOCK_H
#define HB_CLOCK_H
#include <stdint.h>

uint64_t clock_ms(void);
/* Tests only: from now on clock_ms() returns *now (pass NULL to go back). */
void clock_set_fake(const uint64_t *now);
#endif
