/* What a reload changes: the differences between the running ha.cf and a
 * freshly read one, each marked as applied live (timers, logging, script
 * settings) or needing a restart, with the reason; and copying the live ones
 * into the running configuration.  Pure. */
#ifndef HB_CONF_DIFF_H
#define HB_CONF_DIFF_H
#include <stdbool.h>
#include "conf.h"
#include "haresources.h"

struct conf_change {
	char *text;      /* "keepalive 1000ms -> 500ms", "udpport 694 -> 695 (media are opened at start)" */
	bool live;
};

struct conf_diff {
	int n;
	struct conf_change *v;
};

void conf_diff(const struct hb_config *running, const struct hb_config *fresh, struct conf_diff *out);
void conf_diff_free(struct conf_diff *d);
/* Copy into running every value that conf_diff would call live. */
void conf_apply_live(struct hb_config *running, const struct hb_config *fresh);

enum hr_change_kind { HR_ADDED, HR_REMOVED, HR_CHANGED, HR_MOVED };

struct hr_change {
	enum hr_change_kind kind;
	const char *key;        /* the group's first resource (points into old or new) */
	const char *from_node, *to_node;   /* HR_MOVED */
};

/* Groups (by key) added, removed, with other resources, or with another
 * preferred node, in the new file's order (removed ones after). */
int haresources_diff(const struct haresources *old, const struct haresources *new,
		     struct hr_change **out);
#endif
