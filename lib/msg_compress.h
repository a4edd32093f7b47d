/* Compression of messages, the two ways cluster-glue does it:
 *  - field level: a struct field a client marked "to be compressed"
 *    (FT_UNCOMPRESS) travels as FT_COMPRESS bytes, and the top-level message
 *    names the algorithm in "_compression_algorithm";
 *  - whole message: a message too big for MAXMSG (or, with
 *    traditional_compression, over the threshold) travels as a message of
 *    just "(1)_compressed_payload" and "(0)_compression_algorithm".
 * Both undo paths are bounded by MAXUNCOMPRESSED and report, never abort. */
#ifndef HB_MSG_COMPRESS_H
#define HB_MSG_COMPRESS_H
#include "compress.h"
#include "msg.h"

#define MCZ_ALGO_FIELD "_compression_algorithm"
#define MCZ_PAYLOAD_FIELD "_compressed_payload"

/* Add child (copied) as a struct to be compressed when sent, as
 * ha_msg_addstruct_compress. */
int mcz_add_struct(struct hb_msg *m, const char *name, const struct hb_msg *child);

/* True if m (or a struct inside it) has a field of type t. */
bool mcz_has_type(const struct hb_msg *m, enum msg_ftype t);

/* Turn every FT_UNCOMPRESS field of m, at any depth, into FT_COMPRESS with
 * algorithm a, and set "_compression_algorithm" at the top.  Returns how many
 * fields were compressed, or -1 (m is then unchanged in meaning but may be
 * partly packed: callers work on a copy). */
int mcz_pack_fields(struct hb_msg *m, enum cz_algo a);

/* Undo it: every FT_COMPRESS field becomes an FT_UNCOMPRESS struct again
 * (so a client forwarding it re-compresses it).  The algorithm is the
 * top-level "_compression_algorithm" (zlib when absent, as glue's default).
 * On error m keeps its still-compressed fields. */
enum cz_err mcz_unpack_fields(struct hb_msg *m);

/* Whole-message compression: the wrapper message (caller frees), or NULL
 * with *err set (the message cannot be serialised, or is over 2 MiB). */
struct hb_msg *mcz_wrap(const struct hb_msg *m, enum cz_algo a, enum cz_err *err);
bool mcz_is_wrapped(const struct hb_msg *m);
/* The message inside a wrapper (caller frees). */
enum cz_err mcz_unwrap(const struct hb_msg *w, struct hb_msg **inner);
#endif
