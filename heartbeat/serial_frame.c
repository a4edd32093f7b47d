/* Serial line framing as the original reads its tty: the high bit is stripped,
 * CR is ignored, lines are skipped until one starts with ">>>", then collected
 * until one starts with "<<<".  A new ">>>" inside a frame restarts it, so a
 * sender that died mid-frame costs one frame, never the link. */
#include <stdlib.h>
#include <string.h>
#include "serial_frame.h"
#include "msg.h"

void serial_frame_init(struct serial_frame *f, size_t max)
{
	memset(f, 0, sizeof(*f));
	f->max = max ? max : MSG_MAXMSG;
	if (f->max < 8)
		f->max = 8;   /* room for ">>>\n<<<\n" */
}

void serial_frame_free(struct serial_frame *f)
{
	free(f->buf);
	f->buf = NULL;
	f->len = f->cap = 0;
}

void serial_frame_reset(struct serial_frame *f)
{
	f->len = f->line_start = f->headlen = f->linelen = 0;
	f->state = SF_SKIP;
	f->ready = false;
}

static bool put(struct serial_frame *f, char c)
{
	if (f->len >= f->max)
		return false;
	if (f->len == f->cap) {
		/* Grow geometrically but never past max, so garbage cannot make
		 * us hold more than one frame's worth. */
		size_t ncap = f->cap ? f->cap * 2 : 1024;
		if (ncap > f->max)
			ncap = f->max;
		char *nb = realloc(f->buf, ncap);
		if (!nb)
			return false;
		f->buf = nb;
		f->cap = ncap;
	}
	f->buf[f->len++] = c;
	return true;
}

static void start_frame(struct serial_frame *f)
{
	f->len = 0;
	f->state = SF_COLLECT;
	/* max >= 8, so these cannot fail for lack of room; allocation may. */
	if (!(put(f, '>') && put(f, '>') && put(f, '>') && put(f, '\n'))) {
		f->state = SF_SKIP;
		f->len = 0;
	}
	f->line_start = f->len;
}

static bool starts(const char *p, size_t n, char c)
{
	return n >= 3 && p[0] == c && p[1] == c && p[2] == c;
}

/* One byte while outside a frame: only the first three bytes of a line matter. */
static void skip_byte(struct serial_frame *f, char c)
{
	if (c != '\n') {
		f->linelen++;
		if (f->headlen < sizeof(f->head))
			f->head[f->headlen++] = c;
		return;
	}
	bool open = starts(f->head, f->headlen, '>');
	if (!open)
		f->skipped += f->linelen + 1;
	f->headlen = f->linelen = 0;
	if (open)
		start_frame(f);
}

/* One byte inside a frame. Returns true when the frame is complete. */
static bool collect_byte(struct serial_frame *f, char c)
{
	if (!put(f, c)) {
		/* Too big (or no memory): drop it and wait for the next ">>>",
		 * keeping the head of the current line in case it is one. */
		size_t ll = f->len - f->line_start;
		f->oversize++;
		f->skipped += f->line_start;
		f->state = SF_DISCARD;
		f->headlen = ll < sizeof(f->head) ? ll : sizeof(f->head);
		memcpy(f->head, f->buf + f->line_start, f->headlen);
		f->linelen = ll;
		f->len = f->line_start = 0;
		skip_byte(f, c);
		return false;
	}
	if (c != '\n')
		return false;
	const char *line = f->buf + f->line_start;
	size_t ll = f->len - f->line_start;
	if (starts(line, ll, '<')) {
		f->len = f->line_start;
		/* The closing line is rebuilt as exactly "<<<\n"; it cannot be
		 * longer than the line it replaces, so it fits. */
		memcpy(f->buf + f->len, "<<<\n", 4);
		f->len += 4;
		f->ready = true;
		f->frames++;
		f->state = SF_SKIP;
		f->headlen = f->linelen = 0;
		return true;
	}
	if (starts(line, ll, '>')) {
		/* The sender started over: what we had is lost. */
		f->skipped += f->line_start;
		f->len = 4;
	}
	f->line_start = f->len;
	return false;
}

size_t serial_frame_feed(struct serial_frame *f, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	if (f->ready) {
		f->ready = false;
		f->len = 0;
	}
	for (i = 0; i < len; i++) {
		char c = (char)(p[i] & 0x7f);
		if (c == '\r')
			continue;
		if (f->state == SF_COLLECT) {
			if (collect_byte(f, c))
				return i + 1;
		} else {
			skip_byte(f, c);
		}
	}
	return len;
}

const char *serial_frame_take(struct serial_frame *f, size_t *len)
{
	if (!f->ready)
		return NULL;
	f->ready = false;
	*len = f->len;
	return f->buf;
}
