/* Minimal unit-test helpers: every check counts, a failed one prints where it
 * failed and what it saw, and T_DONE() prints the closing "N passed, N failed"
 * line that tests/run-unit and CI read. */
#ifndef HB_TEST_CHECK_H
#define HB_TEST_CHECK_H
#include <stdio.h>
#include <string.h>

#include <unistd.h>

static int t_pass, t_fail, t_skip;

#define CHECK(cond) do { if (cond) t_pass++; else { t_fail++; \
	printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } } while (0)

#define CHECK_INT(got, want) do { long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ == w_) t_pass++; else { t_fail++; \
	printf("FAIL %s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); } } while (0)

#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); \
	if (g_ && w_ && strcmp(g_, w_) == 0) t_pass++; else { t_fail++; \
	printf("FAIL %s:%d: %s = \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got, \
	       g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } } while (0)

#define CHECK_MEM(got, glen, want, wlen) do { size_t gl_ = (glen), wl_ = (wlen); \
	if (gl_ == wl_ && memcmp((got), (want), gl_) == 0) t_pass++; else { t_fail++; \
	printf("FAIL %s:%d: %s differs (len %zu, want %zu)\n", __FILE__, __LINE__, #got, gl_, wl_); } } while (0)

/* A fixture the test needs: a missing one is one clear failure (the caller
 * skips the checks that would read it), never a crash. */
#define FIXTURE(path) (access((path), R_OK) == 0 ? 1 : \
	(t_fail++, printf("FAIL %s:%d: missing fixture %s (tests/data is part of the tree)\n", \
			  __FILE__, __LINE__, (path)), 0))

/* A check that cannot run here (a tool or privilege the machine lacks). */
#define SKIP(why) do { t_skip++; printf("SKIP %s:%d: %s\n", __FILE__, __LINE__, (why)); } while (0)

#define T_DONE() (printf("%d passed, %d failed, %d skipped\n", t_pass, t_fail, t_skip), t_fail ? 1 : 0)

#endif
