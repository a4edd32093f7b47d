/* The node table: lookup by name or uuid, adding nodes (config, ping,
 * autojoin), and the status words.  The table is allocated once at its
 * full size and never moves, so a struct hb_node pointer stays valid for
 * the life of the daemon (a realloc here used to pull entries out from
 * under callers).  Status semantics live in membership.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "daemon.h"

struct hb_daemon hb;     /* the one daemon instance */

int node_find(const char *name)
{
	int i;

	for (i = 0; i < hb.nnodes; i++)
		if (hb.nodes[i].type != NODE_DELETED && strcmp(hb.nodes[i].name, name) == 0)
			return i;
	return -1;
}

int node_find_uuid(const unsigned char uuid[16])
{
	static const unsigned char zero[16];
	int i;

	if (memcmp(uuid, zero, 16) == 0)
		return -1;
	for (i = 0; i < hb.nnodes; i++)
		if (hb.nodes[i].type != NODE_DELETED && hb.nodes[i].has_uuid && memcmp(hb.nodes[i].uuid, uuid, 16) == 0)
			return i;
	return -1;
}

static const char *const status_words[] = { "init", "up", "active", "dead", "ping" };

int nodes_init(int cap)
{
	if (hb.nodes)
		return 0;
	if (cap < 1)
		cap = 1;
	if (cap > CONF_MAXNODES)
		cap = CONF_MAXNODES;
	hb.nodes = calloc((size_t)cap, sizeof *hb.nodes);
	if (!hb.nodes)
		return -1;
	hb.nodes_cap = cap;
	hb.nnodes = 0;
	return 0;
}

void nodes_free(void)
{
	int i;

	for (i = 0; hb.nodes && i < hb.nodes_cap; i++)
		free(hb.nodes[i].missing);
	free(hb.nodes);
	hb.nodes = NULL;
	hb.nodes_cap = hb.nnodes = 0;
}

int node_add(const char *name, enum node_type type)
{
	struct hb_node *n;
	int i = node_find(name);

	if (i >= 0)
		return i;
	if (!hb.nodes)
		return -1;
	/* a deleted node coming back takes its old slot */
	for (i = 0; i < hb.nnodes; i++)
		if (hb.nodes[i].type == NODE_DELETED && strcmp(hb.nodes[i].name, name) == 0)
			break;
	if (i == hb.nnodes && hb.nnodes >= hb.nodes_cap)
		return -1;
	n = &hb.nodes[i];
	{
		/* a slot coming back keeps its array */
		struct missing_seq *ms = n->missing ? n->missing : calloc(MISSING_MAX, sizeof *ms);

		if (!ms)
			return -1;
		memset(n, 0, sizeof *n);
		memset(ms, 0, MISSING_MAX * sizeof *ms);
		n->missing = ms;
	}
	snprintf(n->name, sizeof n->name, "%s", name);
	n->type = type;
	n->st = ST_INIT;
	n->dt_ms = type == NODE_PING ? hb.cf->deadping_ms : hb.cf->deadtime_ms;
	n->ack_trigger = g_random_int_range(0, 10);
	n->weight = 100;
	if (i == hb.nnodes)
		hb.nnodes++;
	return i;
}

bool node_is_live(const struct hb_node *n)
{
	return n->st == ST_UP || n->st == ST_ACTIVE || n->st == ST_PING;
}

const char *status_word(enum node_status st)
{
	return st < ST_OTHER ? status_words[st] : "?";
}

const char *node_status_name(const struct hb_node *n)
{
	return n->st == ST_OTHER ? n->st_other : status_word(n->st);
}

bool node_set_status_word(struct hb_node *n, const char *word)
{
	enum node_status st = ST_OTHER;
	int i;

	for (i = 0; i < ST_OTHER; i++)
		if (strcmp(word, status_words[i]) == 0)
			st = (enum node_status)i;
	if (st == n->st && (st != ST_OTHER || strncmp(n->st_other, word, sizeof n->st_other - 1) == 0))
		return false;
	n->st = st;
	if (st == ST_OTHER)
		snprintf(n->st_other, sizeof n->st_other, "%.31s", word);
	return true;
}

const char *link_status_name(enum link_status st)
{
	return st == LINK_UP ? "up" : "dead";
}
