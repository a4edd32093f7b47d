/* Serial line framing: turns the byte stream of a heartbeat serial link into
 * whole ">>>\n...<<<\n" classic frames.  Pure code: no tty, no clock; the
 * caller feeds bytes and takes frames.  Memory is bounded by the frame limit. */
#ifndef HB_SERIAL_FRAME_H
#define HB_SERIAL_FRAME_H
#include <stdbool.h>
#include <stddef.h>

enum sf_state { SF_SKIP, SF_COLLECT, SF_DISCARD };

struct serial_frame {
	char *buf;              /* the frame being collected */
	size_t len, cap, max;   /* max: largest frame kept, "<<<\n" included */
	size_t line_start;      /* offset in buf of the line being collected */
	enum sf_state state;
	char head[3];           /* first bytes of the current line (skip states) */
	size_t headlen, linelen;
	bool ready;             /* buf[0..len) holds one whole frame */
	unsigned long frames, oversize, skipped;  /* skipped: bytes of lines outside frames */
};

/* max == 0 means MSG_MAXMSG. */
void serial_frame_init(struct serial_frame *f, size_t max);
void serial_frame_free(struct serial_frame *f);
/* Drop any partial frame (e.g. after a break or reopen); counters stay. */
void serial_frame_reset(struct serial_frame *f);
/* Consume bytes until one frame is complete or data runs out.  Returns how
 * many bytes were used; the rest belongs to the next call.  A ready frame not
 * yet taken is dropped by the next feed. */
size_t serial_frame_feed(struct serial_frame *f, const void *data, size_t len);
/* The ready frame, or NULL.  Valid until the next feed/reset; clears ready. */
const char *serial_frame_take(struct serial_frame *f, size_t *len);
#endif
