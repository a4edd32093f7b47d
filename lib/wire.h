/* The boundary between bytes on a medium and a verified message.  wire_decode
 * takes untrusted bytes and either returns a message whose signature checked
 * out, or a drop reason; wire_encode signs a message for sending. */
#ifndef HB_WIRE_H
#define HB_WIRE_H
#include "msg.h"
#include "auth.h"

enum wire_drop {
	WIRE_OK = 0,
	WIRE_DROP_MALFORMED,   /* did not decode */
	WIRE_DROP_TOOBIG,
	WIRE_DROP_NOAUTH,      /* no trailer / no auth field */
	WIRE_DROP_BADAUTH,     /* signature mismatch or unknown key index */
	WIRE_DROP_COMPRESS,    /* whole-message payload corrupt, over 2 MiB or unknown method */
	WIRE_DROP__COUNT
};
const char *wire_drop_name(enum wire_drop r);

/* Decode and verify.  Classic: the auth field over msg_classic_authtext with the
 * key of the index named in the packet.  Netstring: the trailer over the raw
 * signed bytes, with the method of the named index and (like 3.0.6) the key of
 * our own active entry.  On success *out is the message (caller frees). */
enum wire_drop wire_decode(const struct auth_keys *k, const void *buf, size_t len,
			   struct hb_msg **out);

/* Serialise for sending with the active key.
 * Compression (cz_policy, as glue's msg2wirefmt): FT_UNCOMPRESS fields are
 * compressed into FT_COMPRESS; a netstring message of MAXMSG bytes or more,
 * or with cz_policy.traditional one over cz_policy.threshold, is sent
 * whole-message compressed; the trailer signs the bytes actually sent.
 * MSG_FMT_NETSTRING: netstring + trailer; if inner_auth, first append the
 *   classic "auth" field as 3.0.6 does with msgfmt classic (bytes identical).
 * MSG_FMT_CLASSIC: classic text with the "auth" field last (serial links);
 *   nul adds the trailing NUL.
 * The message itself is not changed. Returns 0 or -1 (cannot encode). */
int wire_encode(const struct auth_keys *k, const struct hb_msg *m, enum msg_fmt fmt,
		bool inner_auth, bool nul, GString *out);
/* Size of m serialised as netstring before any compression (for the log line
 * of a message refused as too big); 0 if it cannot be serialised at all. */
size_t wire_plain_size(const struct hb_msg *m);
#endif
