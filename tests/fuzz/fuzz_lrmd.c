/* libFuzzer target: untrusted bytes from an lrmd client.  Frames are taken
 * apart as lrmd_ipc does (or, for input starting ">>>", the bytes are read
 * as classic messages one after the other, so the text seeds in
 * tests/data/lrm/fuzz reach the handler) and each message goes through the request handler
 * (over a fake runner and the fake clock: nothing is executed) and through
 * the client-side event and list parsers.  A crash, leak or hang is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "api_proto.h"
#include "timer.h"
#include "heartbeat/crm/lrmd.h"

static struct lrmd_op *running[8];
static int nrun;
static void *fake_start(struct lrmd_op *op) { running[nrun++ % 8] = op; return op; }
static void fake_kill(void *h) { (void)h; }
static const struct lrmd_backend fake = { fake_start, fake_kill };
static void sink(const struct lrm_event *ev) { (void)ev; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint64_t now = 1;
	static int ready;
	const char *p = (const char *)data;

	if (!ready) {
		timer_fake_start(&now);
		lrmd_rsc_init(&fake, sink);
		ready = 1;
	}
	nrun = 0;
	bool text = size >= 4 && !memcmp(p, ">>>\n", 4);
	for (int frames = 0; size && frames < 64; frames++) {
		struct hb_msg *m = NULL;
		int used;
		if (text) {
			/* one message up to and with its "<<<\n" */
			const char *end = memmem(p, size, "<<<\n", 4);
			struct msg_decoded d;
			used = end ? (int)(end - p) + 4 : (int)size;
			if (msg_decode(p, (size_t)used, false, &d) == MSG_OK) {
				m = d.msg;
				d.msg = NULL;
				msg_decoded_clear(&d);
			}
		} else {
			used = api_unframe(p, size, &m);
		}
		if (used <= 0)
			break;
		p += used;
		size -= (size_t)used;
		if (!m)
			continue;
		struct hb_msg *r = lrmd_handle_request(m);
		struct lrm_event ev;
		struct lrm_rsc_info *v;
		int n;
		lrm_proto_parse_event(m, &ev);
		n = lrm_proto_parse_list(m, &v);
		lrm_rsc_info_free_all(v, n > 0 ? (size_t)n : 0);
		if (r) {
			GString *s = g_string_new(NULL);
			api_frame_msg(r, s);
			g_string_free(s, TRUE);
			msg_free(r);
		}
		msg_free(m);
		/* let what was queued run and finish once, then its timers */
		for (int i = 0; i < nrun && i < 8; i++)
			if (running[i] && running[i]->running)
				lrmd_op_done(running[i], i % 9, LRM_OP_DONE, "x");
		nrun = 0;
		timer_fake_advance(1000);
	}
	lrmd_rsc_shutdown();
	timer_fake_clear();
	return 0;
}
