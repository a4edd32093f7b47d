/* The message model: an ordered list of typed fields, as the original's ha_msg,
 * and its two text encodings (classic ">>>" and netstring "###").  Pure code:
 * no sockets, no keys (signing lives in wire.c / auth.c). */
#ifndef HB_MSG_H
#define HB_MSG_H
#include <stddef.h>
#include <stdbool.h>
#include <glib.h>

#define MSG_MAXMSG 262144          /* largest serialised message (MAXMSG) */
#define MSG_MAXDEPTH 16            /* struct nesting limit */

enum msg_ftype {
	FT_STRING = 0, FT_BINARY = 1, FT_STRUCT = 2, FT_LIST = 3,
	FT_COMPRESS = 4, FT_UNCOMPRESS = 5
};

struct hb_msg;

struct msg_field {
	char *name;
	enum msg_ftype type;
	/* FT_STRING, FT_BINARY, FT_LIST (packed "len:elem,"), FT_COMPRESS: raw bytes,
	 * always followed by a NUL that len does not count.  FT_STRUCT: child. */
	char *value;
	size_t len;
	struct hb_msg *child;
};

struct hb_msg {
	struct msg_field *f;
	size_t n, cap;
};

enum msg_err {
	MSG_OK = 0,
	MSG_E_EMPTY,      /* zero-length input */
	MSG_E_MAGIC,      /* neither ">>>\n" nor "###\n" */
	MSG_E_SYNTAX,     /* a line / netstring that does not parse */
	MSG_E_TYPE,       /* unknown or forbidden type digit */
	MSG_E_TRUNCATED,  /* input ended inside a field */
	MSG_E_TOOBIG,     /* over MSG_MAXMSG */
	MSG_E_DEPTH,      /* struct nesting too deep */
	MSG_E_NOTRAILER,  /* netstring without its auth trailer */
	MSG_E_ENCODE,     /* cannot be written in the requested form */
	MSG_E__COUNT
};
const char *msg_strerror(enum msg_err e);

struct hb_msg *msg_new(void);
void msg_free(struct hb_msg *m);
struct hb_msg *msg_copy(const struct hb_msg *m);

/* Append a field (duplicates allowed, as ha_msg_add). Return 0, or -1 on a bad name. */
int msg_add(struct hb_msg *m, const char *name, const char *value);
int msg_add_bin(struct hb_msg *m, const char *name, const void *val, size_t len);
/* FT_STRUCT / FT_UNCOMPRESS: val is a const struct hb_msg * (copied), len unused.
 * FT_LIST: val must be a well-formed packed list. */
int msg_add_typed(struct hb_msg *m, const char *name, enum msg_ftype t, const void *val, size_t len);
int msg_add_struct(struct hb_msg *m, const char *name, const struct hb_msg *child); /* copies child */
int msg_addf(struct hb_msg *m, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* FT_LIST from n strings (packed "len:elem,"). */
int msg_add_list(struct hb_msg *m, const char *name, const char *const *elems, size_t n);
/* Change the first field of that name, or append (ha_msg_mod). */
int msg_mod(struct hb_msg *m, const char *name, const char *value);
int msg_mod_bin(struct hb_msg *m, const char *name, const void *val, size_t len);
/* Remove every field of that name; returns how many went. */
int msg_del(struct hb_msg *m, const char *name);

const struct msg_field *msg_field(const struct hb_msg *m, const char *name);
/* First field of that name if it is a string, else NULL. */
const char *msg_get(const struct hb_msg *m, const char *name);
/* First binary field of that name (NULL if absent or not binary). */
const void *msg_get_bin(const struct hb_msg *m, const char *name, size_t *len);
/* First list field as a NULL-terminated vector (g_strfreev it); n gets the count. */
char **msg_get_list(const struct hb_msg *m, const char *name, size_t *n);
/* Child of the first struct (type 2 or 5) field of that name, else NULL. */
const struct hb_msg *msg_get_struct(const struct hb_msg *m, const char *name);
/* Parse the first string field as hex / decimal; false if absent or not a number. */
bool msg_get_hex(const struct hb_msg *m, const char *name, unsigned long *out);
bool msg_get_dec(const struct hb_msg *m, const char *name, long *out);

/* ---- encodings ---- */

enum msg_fmt { MSG_FMT_CLASSIC, MSG_FMT_NETSTRING };

/* The encoders append to out and return 0, or -1 leaving out as it was: a field
 * the format cannot carry (classic: NUL in a string, LF in a list, a string name
 * starting with "(", FT_UNCOMPRESS, a struct-LF stand-in byte already present),
 * nesting deeper than MSG_MAXDEPTH, or a result of MSG_MAXMSG bytes or more. */
/* Classic: ">>>\n" fields "<<<\n", optionally followed by a NUL. */
int msg_to_classic(const struct hb_msg *m, GString *out, bool nul);
int msg_to_classic_max(const struct hb_msg *m, GString *out, bool nul, size_t max);
/* The text the classic auth field signs: every field but "auth", no head/tail. */
int msg_classic_authtext(const struct hb_msg *m, GString *out);
/* Netstring body "###\n" ... "%%%\n" without any trailer. */
int msg_to_netstring(const struct hb_msg *m, GString *out);
/* The same with another size bound (whole-message compression serialises up
 * to MAXUNCOMPRESSED before compressing). */
int msg_to_netstring_max(const struct hb_msg *m, GString *out, size_t max);

/* Result of decoding one wire buffer. */
struct msg_decoded {
	struct hb_msg *msg;     /* owned by the caller after success */
	enum msg_fmt fmt;
	size_t signed_len;      /* netstring: bytes from '#' to the end of "%%%\n" */
	char *trailer;          /* netstring: the trailer text "N token" (malloc'd), else NULL */
};
/* Decode classic (with or without NUL, stopping at "<<<\n" or NUL) or netstring.
 * need_trailer: a netstring must carry its auth trailer (network input).
 * Never reads past len; never aborts on any input. */
enum msg_err msg_decode(const void *buf, size_t len, bool need_trailer, struct msg_decoded *out);
/* The same for input up to max bytes (a decompressed payload). */
enum msg_err msg_decode_max(const void *buf, size_t len, bool need_trailer, size_t max,
			    struct msg_decoded *out);
void msg_decoded_clear(struct msg_decoded *d);

/* Human-readable one-line rendering for logs/debug ("t=status st=up ..."). */
char *msg_describe(const struct hb_msg *m);
#endif
