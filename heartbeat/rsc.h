/* What the messaging core asks of resource management (rsc_v1.c for
 * haresources mode).  rsc_init subscribes it to the membership events
 * (events.h) and the routing table (routes.c) hands it its message types;
 * the core never runs a script itself. */
#ifndef HB_RSC_H
#define HB_RSC_H
#include <stdbool.h>
#include <glib.h>
#include "msg.h"
#include "haresources.h"

/* The original waited for a script forever; a hung one then froze every
 * takeover.  ha.cf "resource_timeout" changes this. */
#define RSC_DEFAULT_TIMEOUT_MS (300 * 1000)

void rsc_init(void);
/* The event handlers (called through the registry; tests call them too). */
void rsc_comm_up(void);
/* A node's status changed (including to dead). */
void rsc_node_status(int ni);
/* The resource protocol's message types (route_fn: true when consumed). */
bool rsc_on_ask_resources(int ni, const struct hb_msg *m, bool from_self);
bool rsc_on_starting(int ni, const struct hb_msg *m, bool from_self);
bool rsc_on_resource(int ni, const struct hb_msg *m, bool from_self);
bool rsc_on_ip_request(int ni, const struct hb_msg *m, bool from_self);
bool rsc_on_ip_request_resp(int ni, const struct hb_msg *m, bool from_self);
bool rsc_on_hb_takeover(int ni, const struct hb_msg *m, bool from_self);
bool rsc_on_shutdone(int ni, const struct hb_msg *m, bool from_self);
/* What we hold, as getrsc / cl_status rscstatus report it. */
const char *rsc_hold_text(void);
/* Ask for a standby of "all" / "local" / "foreign" as hb_standby does;
 * false if resources are in flux (nothing sent). */
bool rsc_request_standby(const char *type);
/* A node we had declared dead is back with the same generation: both sides
 * may hold the same groups.  Resolve to one owner per group. */
void rsc_partition_healed(int ni);
/* Graceful shutdown: release what we hold, then call done(). */
void rsc_shutdown(void (*done)(void));
/* The node that holds haresources group g as far as we know (us, or a live
 * peer whose last rsc_hold covers it), NULL if none is known. */
const char *rsc_group_owner(int g);
/* No resource job runs or waits and the protocol is settled. */
bool rsc_stable_now(void);
/* Whether haresources group g should run here now (see rsc_v1.c). */
bool rsc_should_hold(int g);
/* Reload: take the new haresources hr (ownership passes) and the running
 * config's script settings.  Appends to did what it does, to refused what
 * waits for a restart and why (rsc_reload.c). */
void rsc_reload(struct haresources *hr, GString *did, GString *refused);
/* The HA_* environment of scripts, again from hb.cf (after a reload). */
void rsc_export_env(void);
/* Appends ',"resources":{...}' (versioned) to a JSON object being built:
 * every group, its state here, owner, since when, last failure (rsc_json.c). */
void rsc_json(GString *s);
#endif
