/* authkeys: the key file, and the three signature methods of the original
 * (crc = CRC-32/POSIX unpadded hex, md5 = HMAC-MD5, sha1 = HMAC-SHA1), tokens in
 * lower-case hex.  Pure apart from auth_load(), which reads and checks the file. */
#ifndef HB_AUTH_H
#define HB_AUTH_H
#include <stdbool.h>
#include <stddef.h>

#define AUTH_MAXKEYS 16

enum auth_method { AUTH_NONE = -1, AUTH_CRC = 0, AUTH_MD5 = 1, AUTH_SHA1 = 2 };

struct auth_entry {
	bool defined;
	enum auth_method method;
	char *key;      /* NULL for crc */
	size_t keylen;
};

struct auth_keys {
	int active;                 /* index named by "auth N": the one we sign with */
	struct auth_entry e[AUTH_MAXKEYS];
};

/* Parse authkeys text.  On error writes "file:line: what was expected" into err
 * and returns -1 (keys left empty).  Errors: bad line, unknown method, key
 * missing for md5/sha1 or given for crc, index out of 0..15, "auth N" missing or
 * naming an index that is not defined after it.  out is overwritten, never
 * freed first (auth_clear an old set yourself); on error it is left empty
 * with active = -1.  err may be NULL. */
int auth_parse(const char *text, size_t len, const char *fname, struct auth_keys *out,
	       char *err, size_t errlen);
#define AUTH_CLUSTER_USER "hacluster"

/* Open, refuse if not owned by root (or AUTH_CLUSTER_USER) or readable/writable by group or others
 * (checked on the open fd), then auth_parse.  Error text names the file and the fix.
 * On failure errno is open's errno, EPERM for an owner/mode refusal (exit 6, as 3.0.6), or EINVAL
 * for a file that does not parse. */
int auth_load(const char *path, struct auth_keys *out, char *err, size_t errlen);
/* auth_load with another required owner uid (tests and non-root daemons). */
int auth_load_owned(const char *path, unsigned owner, struct auth_keys *out, char *err,
		    size_t errlen);
void auth_clear(struct auth_keys *k);

const char *auth_method_name(enum auth_method m);
enum auth_method auth_method_from_name(const char *name);

/* Token of data under a method and key, lower-case hex, written into out
 * (at least 41 bytes).  crc ignores the key. */
void auth_token(enum auth_method m, const char *key, size_t keylen,
		const void *data, size_t len, char out[41]);
/* CRC-32/POSIX without length, as the original's crc plugin. */
unsigned long auth_crc32(const void *data, size_t len);
#endif
