/* The "resources" section of cl_status --json: for each haresources group
 * its state on this node (none, starting, held, stopping, failed), who holds
 * it as far as we know, since when, and the last failure with the script,
 * operation, exit code and the end of its stderr.  Versioned: fields are only
 * ever added.  Reads rsc_groups / rsc_v1; changes nothing. */
#include <stdio.h>
#include "daemon.h"
#include "json.h"
#include "rsc.h"
#include "rsc_groups.h"

#define RSC_JSON_VERSION 1

static void failure_json(GString *s, const struct rg_failure *f)
{
	if (!f) {
		g_string_append(s, "null");
		return;
	}
	g_string_append(s, "{\"resource\":");
	json_str(s, f->resource);
	g_string_append(s, ",\"script\":");
	json_str(s, f->script[0] ? f->script : NULL);
	g_string_append(s, ",\"operation\":");
	json_str(s, f->op);
	if (f->exit_code >= 0)
		g_string_append_printf(s, ",\"exit_code\":%d", f->exit_code);
	else
		g_string_append(s, ",\"exit_code\":null");
	g_string_append(s, ",\"reason\":");
	json_str(s, f->reason);
	g_string_append(s, ",\"stderr\":");
	json_str(s, f->err);
	g_string_append_printf(s, ",\"time\":%lld}", f->when);
}

void rsc_json(GString *s)
{
	int g, r;

	g_string_append_printf(s, ",\"resources\":{\"version\":%d,\"managed_by\":", RSC_JSON_VERSION);
	if (hb.cf->crm) {
		g_string_append(s, "\"crm\",\"groups\":[]}");
		return;
	}
	if (!hb.resources_managed) {
		g_string_append(s, "\"none\",\"groups\":[]}");
		return;
	}
	g_string_append(s, "\"haresources\",\"rsc_hold\":");
	json_str(s, rsc_hold_text());
	g_string_append(s, ",\"groups\":[");
	for (g = 0; g < rg_count(); g++) {
		g_string_append(s, g ? ",{\"key\":" : "{\"key\":");
		json_str(s, rg_key(g));
		g_string_append(s, ",\"preferred\":");
		json_str(s, rg_node(g));
		g_string_append(s, ",\"state\":");
		json_str(s, rg_state_name(rg_state(g)));
		g_string_append(s, ",\"owner\":");
		json_str(s, rsc_group_owner(g));
		g_string_append_printf(s, ",\"since\":%lld,\"resources\":[", rg_since(g));
		for (r = 0; r < rg_nres(g); r++) {
			if (r)
				g_string_append_c(s, ',');
			json_str(s, rg_resource(g, r));
		}
		g_string_append(s, "],\"last_failure\":");
		failure_json(s, rg_last_failure(g));
		g_string_append_c(s, '}');
	}
	g_string_append(s, "]}");
}
