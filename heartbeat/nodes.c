/* The node table: lookup by name or uuid, and adding nodes (config, ping,
 * autojoin).  Status semantics live in membership.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "daemon.h"

struct hb_daemon hb;     /* the one daemon instance */

int node_find(const char *name)
{
	int i;

	for (i = 0; i < hb.nnodes; i++)
		if (strcmp(hb.nodes[i].name, name) == 0)
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
		if (hb.nodes[i].has_uuid && memcmp(hb.nodes[i].uuid, uuid, 16) == 0)
			return i;
	return -1;
}

int node_add(const char *name, enum node_type type)
{
	struct hb_node *n;
	int i = node_find(name);

	if (i >= 0)
		return i;
	if (hb.nnodes >= CONF_MAXNODES)
		return -1;
	n = realloc(hb.nodes, sizeof *n * (size_t)(hb.nnodes + 1));
	if (!n)
		return -1;
	hb.nodes = n;
	n = &hb.nodes[hb.nnodes];
	memset(n, 0, sizeof *n);
	snprintf(n->name, sizeof n->name, "%s", name);
	n->type = type;
	strcpy(n->status, "init");
	n->dt_ms = type == NODE_PING ? hb.cf->deadping_ms : hb.cf->deadtime_ms;
	n->ack_trigger = g_random_int_range(0, 10);
	n->weight = 100;
	return hb.nnodes++;
}

bool node_is_live(const struct hb_node *n)
{
	return strcmp(n->status, "up") == 0 || strcmp(n->status, "active") == 0 ||
	       strcmp(n->status, "ping") == 0;
}
