/* Fragmentation of oversized packets (see frag.h).  Bounded: at most
 * FRAG_SLOTS packets are being joined at once, each at most MSG_MAXMSG
 * bytes in at most MSG_MAXMSG / FRAG_PIECE + 1 pieces, for at most 10 s. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "daemon.h"
#include "frag.h"
#include "log.h"
#include "media.h"
#include "wire.h"

#define FRAG_SLOTS 8
#define FRAG_MAXPIECES (MSG_MAXMSG / FRAG_PIECE + 1)
#define FRAG_TTL_MS 10000

struct frag_slot {
	bool used;
	char src[CONF_HOSTLEN];
	unsigned long id;
	unsigned count, have;
	size_t total;
	uint64_t started;
	GBytes *piece[FRAG_MAXPIECES];
};
static struct frag_slot slots[FRAG_SLOTS];
static unsigned long next_id;

int frag_send(struct medium *md, const char *pkt, size_t len, const char *dest)
{
	unsigned count = (unsigned)((len + FRAG_PIECE - 1) / FRAG_PIECE), i;
	char buf[64];
	int rc = 0;

	if (count > FRAG_MAXPIECES)
		return -1;
	next_id++;
	for (i = 0; i < count && rc == 0; i++) {
		size_t off = (size_t)i * FRAG_PIECE, n = len - off < FRAG_PIECE ? len - off : FRAG_PIECE;
		struct hb_msg *f = msg_new();
		GString *enc = g_string_new(NULL);

		msg_add(f, "t", FRAG_TYPE);
		if (dest)
			msg_add(f, "dest", dest);
		msg_add(f, "src", hb.localname);
		snprintf(buf, sizeof buf, "%lx", hb.generation);
		msg_add(f, "hg", buf);
		snprintf(buf, sizeof buf, "%lx", (unsigned long)time(NULL));
		msg_add(f, "ts", buf);
		msg_addf(f, "frag_id", "%lx", next_id);
		msg_addf(f, "frag_no", "%u", i);
		msg_addf(f, "frag_count", "%u", count);
		msg_add_bin(f, "frag_data", pkt + off, n);
		if (wire_encode(&hb.keys, f, MSG_FMT_NETSTRING, false, false, enc) < 0 ||
		    md->ops->send(md, enc->str, enc->len) < 0)
			rc = -1;
		g_string_free(enc, TRUE);
		msg_free(f);
	}
	return rc;
}

static void slot_clear(struct frag_slot *s)
{
	for (unsigned i = 0; i < FRAG_MAXPIECES; i++)
		if (s->piece[i])
			g_bytes_unref(s->piece[i]);
	memset(s, 0, sizeof *s);
}

void frag_expire(uint64_t now)
{
	for (int i = 0; i < FRAG_SLOTS; i++)
		if (slots[i].used && now - slots[i].started > FRAG_TTL_MS)
			slot_clear(&slots[i]);
}

static struct frag_slot *slot_for(const char *src, unsigned long id, unsigned count, uint64_t now)
{
	struct frag_slot *free_s = NULL, *oldest = NULL;
	for (int i = 0; i < FRAG_SLOTS; i++) {
		struct frag_slot *s = &slots[i];
		if (s->used && s->id == id && strcmp(s->src, src) == 0)
			return s->count == count ? s : NULL;
		if (!s->used && !free_s)
			free_s = s;
		if (s->used && (!oldest || s->started < oldest->started))
			oldest = s;
	}
	if (!free_s) {
		/* all busy: the oldest join gives way (it would expire anyway) */
		slot_clear(oldest);
		free_s = oldest;
	}
	free_s->used = true;
	snprintf(free_s->src, sizeof free_s->src, "%s", src);
	free_s->id = id;
	free_s->count = count;
	free_s->started = now;
	return free_s;
}

bool frag_receive(const struct hb_msg *m, uint64_t now, char **out, size_t *outlen)
{
	const char *src = msg_get(m, "src"), *dest = msg_get(m, "dest");
	unsigned long id;
	long no, count;
	size_t len;
	const void *data = msg_get_bin(m, "frag_data", &len);

	frag_expire(now);
	if (!src || !data || !msg_get_hex(m, "frag_id", &id) || !msg_get_dec(m, "frag_no", &no) ||
	    !msg_get_dec(m, "frag_count", &count) || count < 1 || count > FRAG_MAXPIECES || no < 0 ||
	    no >= count || len == 0 || len > FRAG_PIECE)
		return false;
	if (dest && strcasecmp(dest, hb.localname) != 0)
		return false;
	struct frag_slot *s = slot_for(src, id, (unsigned)count, now);
	if (!s || s->piece[no])
		return false; /* a copy from another medium, or an inconsistent count */
	if (s->total + len > MSG_MAXMSG) {
		slot_clear(s);
		return false;
	}
	s->piece[no] = g_bytes_new(data, len);
	s->total += len;
	if (++s->have < s->count)
		return false;
	char *b = g_malloc(s->total + 1);
	size_t off = 0;
	for (unsigned i = 0; i < s->count; i++) {
		size_t n;
		const void *p = g_bytes_get_data(s->piece[i], &n);
		memcpy(b + off, p, n);
		off += n;
	}
	b[off] = '\0';
	*out = b;
	*outlen = off;
	/* The joined packet's id stays known until it expires, so pieces of the
	 * same packet arriving later on another medium start no second join. */
	for (unsigned i = 0; i < FRAG_MAXPIECES; i++)
		if (s->piece[i]) {
			g_bytes_unref(s->piece[i]);
			s->piece[i] = g_bytes_new_static("", 0);
		}
	s->have = s->count + 1;
	return true;
}
