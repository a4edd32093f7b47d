/* A daemon without a network for unit tests: the global hb set up from an
 * ha.cf text, one fake medium that records (decoded) what would have been
 * sent, and helpers that deliver signed packets from a peer. */
#ifndef HB_DAEMON_FIXTURE_H
#define HB_DAEMON_FIXTURE_H
#include "daemon.h"

extern GPtrArray *fx_sent;     /* struct hb_msg * of everything sent */
extern int fx_medium;          /* the medium fx_deliver's packets arrive on (0) */

/* hacf: the ha.cf text (local node is n1); nodes n1..nN from its node lines. */
void fx_setup(const char *hacf);
/* Free what the last fx_setup and the code it drove allocated. */
void fx_teardown(void);
/* A packet from src (seq 0 = none), up to two extra fields. */
void fx_deliver(const char *src, const char *t, unsigned long seq, unsigned long hg,
		const char *k1, const char *v1, const char *k2, const char *v2);
/* The same with any number of fields: NULL-terminated name, value pairs. */
void fx_deliverv(const char *src, const char *t, unsigned long seq, unsigned long hg, ...);
int fx_count(const char *t);
const struct hb_msg *fx_last(const char *t);
/* the last sent message of type t whose field k equals v */
const struct hb_msg *fx_find(const char *t, const char *k, const char *v);
void fx_clear(void);
#endif
