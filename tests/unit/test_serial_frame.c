/* Unit tests for heartbeat/serial_frame.c: the real bytes of a serial link
 * between two 3.0.6 nodes (captures/serial) split every way, plus garbage,
 * CR, high bits and oversize frames.  No tty involved. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "heartbeat/serial_frame.h"
#include "msg.h"

struct buf {
	unsigned char *p;
	size_t len, cap;
};

static void add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			exit(2);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

/* socat -x log: "> date length=N ..." / "< ..." headers, then hex lines. */
static int load_capture(struct buf *out, struct buf *in)
{
	const char *shared = getenv("HB_DATA");
	char path[1024], line[8192];
	struct buf *cur = NULL;

	snprintf(path, sizeof(path), "%s/spec/captures/serial/serial-only-socat-hex.log",
		 shared && *shared ? shared : "tests/data");
	FILE *fp = fopen(path, "r");
	if (!fp) {
		printf("cannot open %s\n", path);
		return -1;
	}
	while (fgets(line, sizeof(line), fp)) {
		if (line[0] == '>' || line[0] == '<') {
			cur = line[0] == '>' ? out : in;
			continue;
		}
		char *s = line, *end;
		for (;;) {
			unsigned long v = strtoul(s, &end, 16);
			if (end == s || !cur)
				break;
			unsigned char c = (unsigned char)v;
			add(cur, &c, 1);
			s = end;
		}
	}
	fclose(fp);
	return 0;
}

/* Feed data in pieces of the given sizes (cycled; 0 = all at once); every
 * frame goes into frames (concatenated). Returns the number of frames. */
static int run(struct serial_frame *f, const unsigned char *p, size_t len, const size_t *pieces,
	       size_t npieces, struct buf *frames, int *decodable)
{
	size_t off = 0, pi = 0;
	int n = 0;

	while (off < len) {
		size_t want = npieces ? pieces[pi++ % npieces] : len;
		if (want == 0 || want > len - off)
			want = len - off;
		size_t end = off + want;
		while (off < end) {
			off += serial_frame_feed(f, p + off, end - off);
			size_t fl;
			const char *fr = serial_frame_take(f, &fl);
			if (!fr)
				continue;
			n++;
			if (frames)
				add(frames, fr, fl);
			if (decodable) {
				struct msg_decoded d;
				if (msg_decode(fr, fl, false, &d) == MSG_OK && msg_get(d.msg, "t") &&
				    msg_get(d.msg, "auth"))
					(*decodable)++;
				msg_decoded_clear(&d);
			}
		}
	}
	return n;
}

static int frames_of(const unsigned char *p, size_t len, struct buf *frames)
{
	struct serial_frame f;
	serial_frame_init(&f, 0);
	int n = run(&f, p, len, NULL, 0, frames, NULL);
	serial_frame_free(&f);
	return n;
}

static void test_capture(void)
{
	struct buf out = {0}, in = {0};
	CHECK_INT(load_capture(&out, &in), 0);
	CHECK_INT(out.len, 9627);
	CHECK_INT(in.len, 9343);

	struct buf *dirs[2] = { &out, &in };
	int want[2] = { 47, 46 };
	int total_dec = 0;
	for (int d = 0; d < 2; d++) {
		struct buf *s = dirs[d];
		struct serial_frame f;
		struct buf got = {0};
		int dec = 0;

		/* The capture is clean, so its frames are the stream itself. */
		serial_frame_init(&f, 0);
		CHECK_INT(run(&f, s->p, s->len, NULL, 0, &got, &dec), want[d]);
		CHECK_INT(dec, want[d]);
		total_dec += dec;
		CHECK_MEM(got.p, got.len, s->p, s->len);
		CHECK_INT(f.oversize, 0);
		serial_frame_free(&f);

		/* One byte at a time: every boundary at once. */
		static const size_t one[] = { 1 };
		got.len = 0;
		serial_frame_init(&f, 0);
		CHECK_INT(run(&f, s->p, s->len, one, 1, &got, NULL), want[d]);
		CHECK_MEM(got.p, got.len, s->p, s->len);
		serial_frame_free(&f);

		/* Odd piece sizes that drift across frame edges. */
		static const size_t odd[] = { 3, 511, 7, 512, 1, 200, 4 };
		got.len = 0;
		serial_frame_init(&f, 0);
		CHECK_INT(run(&f, s->p, s->len, odd, 7, &got, NULL), want[d]);
		CHECK_MEM(got.p, got.len, s->p, s->len);
		serial_frame_free(&f);
		free(got.p);
	}
	CHECK_INT(total_dec, 93);

	/* Two pieces split at every byte boundary of one direction. */
	int bad = 0;
	for (size_t k = 0; k <= out.len; k++) {
		struct serial_frame f;
		size_t pieces[2] = { k, out.len - k };
		serial_frame_init(&f, 0);
		if (k == 0)
			pieces[0] = out.len;
		int n = run(&f, out.p, out.len, pieces, 2, NULL, NULL);
		if (n != 47 || f.skipped != 0 || f.oversize != 0)
			bad++;
		serial_frame_free(&f);
	}
	CHECK_INT(bad, 0);
	free(out.p);
	free(in.p);
}

static const char F1[] = ">>>\nt=status\nst=up\nsrc=n1\nauth=1 abc\n<<<\n";
static const char F2[] = ">>>\nt=NS_ackmsg\ndest=n2\n<<<\n";

static void test_garbage(void)
{
	struct buf in = {0}, got = {0};
	static const unsigned char junk[] = "line noise\n\x00\x01\xff>>\n<<<\n x>>>\n>>";
	add(&in, junk, sizeof(junk) - 1);
	add(&in, "\n", 1);   /* ends the ">>" line */
	add(&in, F1, strlen(F1));
	add(&in, "trailing junk with no newline <<<", 33);
	add(&in, "\n", 1);
	add(&in, F2, strlen(F2));
	CHECK_INT(frames_of(in.p, in.len, &got), 2);
	struct buf want = {0};
	add(&want, F1, strlen(F1));
	add(&want, F2, strlen(F2));
	CHECK_MEM(got.p, got.len, want.p, want.len);

	/* A sender that restarts mid-frame: the broken frame is dropped. */
	in.len = got.len = 0;
	add(&in, ">>>\nt=status\nsrc=n", 18);
	add(&in, "\n", 1);
	add(&in, F2, strlen(F2));
	CHECK_INT(frames_of(in.p, in.len, &got), 1);
	CHECK_MEM(got.p, got.len, F2, strlen(F2));

	/* Opening and closing lines with extra text are rebuilt. */
	in.len = got.len = 0;
	add(&in, ">>>xyz\nt=a\n<<<tail\n", 20);
	CHECK_INT(frames_of(in.p, in.len, &got), 1);
	CHECK_MEM(got.p, got.len, ">>>\nt=a\n<<<\n", 12);

	/* Empty frame; a "<<<" outside a frame is ignored. */
	in.len = got.len = 0;
	add(&in, "<<<\n>>>\n<<<\n", 12);
	CHECK_INT(frames_of(in.p, in.len, &got), 1);
	CHECK_MEM(got.p, got.len, ">>>\n<<<\n", 8);

	/* Garbage alone never allocates, however long the line. */
	struct serial_frame f;
	serial_frame_init(&f, 0);
	unsigned char *big = malloc(1 << 20);
	memset(big, 'x', 1 << 20);
	CHECK_INT(serial_frame_feed(&f, big, 1 << 20), 1 << 20);
	CHECK_INT(f.cap, 0);
	CHECK_INT(f.skipped, 0);
	CHECK_INT(serial_frame_feed(&f, "\n", 1), 1);
	CHECK_INT(f.skipped, (1 << 20) + 1);
	free(big);
	serial_frame_free(&f);

	/* A frame not taken is replaced by the next one. */
	serial_frame_init(&f, 0);
	CHECK_INT(serial_frame_feed(&f, F1, strlen(F1)), strlen(F1));
	CHECK_INT(serial_frame_feed(&f, F2, strlen(F2)), strlen(F2));
	size_t fl = 0;
	const char *fr = serial_frame_take(&f, &fl);
	CHECK(fr != NULL);
	if (fr)
		CHECK_MEM(fr, fl, F2, strlen(F2));
	CHECK(serial_frame_take(&f, &fl) == NULL);
	CHECK_INT(f.frames, 2);
	serial_frame_free(&f);

	/* feed stops right after a frame's last byte. */
	serial_frame_init(&f, 0);
	in.len = 0;
	add(&in, F1, strlen(F1));
	add(&in, F2, strlen(F2));
	CHECK_INT(serial_frame_feed(&f, in.p, in.len), strlen(F1));
	serial_frame_free(&f);
	free(in.p);
	free(got.p);
	free(want.p);
}

static void test_cr_and_high_bit(void)
{
	struct buf in = {0}, got = {0};
	for (const char *p = F1; *p; p++) {
		if (*p == '\n')
			add(&in, "\r", 1);
		add(&in, p, 1);
		if (*p == '=')
			add(&in, "\r", 1);
	}
	CHECK_INT(frames_of(in.p, in.len, &got), 1);
	CHECK_MEM(got.p, got.len, F1, strlen(F1));

	in.len = got.len = 0;
	for (const char *p = F2; *p; p++) {
		unsigned char c = (unsigned char)*p | 0x80;
		add(&in, &c, 1);
	}
	add(&in, "\x8d", 1);   /* CR with the high bit set is still CR */
	CHECK_INT(frames_of(in.p, in.len, &got), 1);
	CHECK_MEM(got.p, got.len, F2, strlen(F2));
	free(in.p);
	free(got.p);
}

static void test_oversize(void)
{
	struct serial_frame f;
	struct buf in = {0}, got = {0};
	char line[101];

	memset(line, 'y', 99);
	line[99] = '\n';
	serial_frame_init(&f, 300);
	add(&in, ">>>\n", 4);
	for (int i = 0; i < 10; i++)
		add(&in, line, 100);
	add(&in, "<<<\n", 4);
	add(&in, F1, strlen(F1));
	CHECK_INT(run(&f, in.p, in.len, NULL, 0, &got, NULL), 1);
	CHECK_MEM(got.p, got.len, F1, strlen(F1));
	CHECK_INT(f.oversize, 1);
	CHECK(f.cap <= 300);
	serial_frame_free(&f);

	/* An oversize frame cut short by a new ">>>" counts once. */
	in.len = got.len = 0;
	serial_frame_init(&f, 300);
	add(&in, ">>>\n", 4);
	for (int i = 0; i < 5; i++)
		add(&in, line, 100);
	add(&in, F2, strlen(F2));
	CHECK_INT(run(&f, in.p, in.len, NULL, 0, &got, NULL), 1);
	CHECK_MEM(got.p, got.len, F2, strlen(F2));
	CHECK_INT(f.oversize, 1);
	serial_frame_free(&f);

	/* The default limit is MSG_MAXMSG, "<<<\n" included. */
	for (int extra = 0; extra <= 1; extra++) {
		size_t body = MSG_MAXMSG - 8 + (size_t)extra;
		in.len = got.len = 0;
		add(&in, ">>>\n", 4);
		char *b = malloc(body);
		memset(b, 'z', body);
		b[body - 1] = '\n';
		add(&in, b, body);
		free(b);
		add(&in, "<<<\n", 4);
		serial_frame_init(&f, 0);
		CHECK_INT(run(&f, in.p, in.len, NULL, 0, &got, NULL), extra ? 0 : 1);
		CHECK_INT(got.len, extra ? 0 : MSG_MAXMSG);
		CHECK_INT(f.oversize, extra);
		CHECK(f.cap <= MSG_MAXMSG);
		serial_frame_free(&f);
	}
	free(in.p);
	free(got.p);
}

int main(void)
{
	test_capture();
	test_garbage();
	test_cr_and_high_bit();
	test_oversize();
	return T_DONE();
}
