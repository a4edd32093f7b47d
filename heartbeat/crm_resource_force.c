/* crm_resource --force-start / --force-stop / --force-check: run one
 * action of a primitive's agent here, by hand, with the parameters the CIB
 * gives it, through lib/ra (the same environment the executor would use).
 * The cluster is not told; the exit code is the agent's, on the OCF scale. */
#include <stdlib.h>
#include <string.h>
#include "crm_resource.h"
#include "ra.h"

struct wait {
	GMainLoop *loop;
	struct ra_result res;
	char *out;
};

static void done(const struct ra_result *r, void *data)
{
	struct wait *w = data;
	w->res = *r;
	w->out = g_strdup(r->out ? r->out : "");
	w->res.out = w->out;
	g_main_loop_quit(w->loop);
}

/* The resource's parameters: its own instance attributes, then its
 * parents' (a group's reach its members). */
static void params(xmlNodePtr x, GPtrArray *names, GPtrArray *values)
{
	for (; x && strcmp((const char *)x->name, "resources"); x = x->parent)
		for (xmlNodePtr s = x->children; s; s = s->next) {
			if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "instance_attributes"))
				continue;
			for (xmlNodePtr nv = s->children; nv; nv = nv->next) {
				const char *n = cib_xml_attr(nv, "name"), *v = cib_xml_attr(nv, "value");
				if (!n || nv->type != XML_ELEMENT_NODE)
					continue;
				int have = 0;
				for (guint i = 0; i < names->len; i++)
					have |= !strcmp(g_ptr_array_index(names, i), n);
				if (!have) {
					g_ptr_array_add(names, (gpointer)n);
					g_ptr_array_add(values, (gpointer)(v ? v : ""));
				}
			}
		}
}

int rsc_force(struct rsc_opts *o)
{
	struct view_rsc *r = rsc_find_or_clone(o->view, o->rsc_id);
	if (!r || r->kind != VIEW_PRIM || !r->xml) {
		CMD_ERR("We can only process primitive resources, not %s\n", o->rsc_id);
		return 2; /* OCF: invalid argument */
	}
	struct ra_spec spec = { 0 };
	const char *cls = r->cls ? r->cls : "", *type = r->type ? r->type : "";
	GPtrArray *names = g_ptr_array_new(), *values = g_ptr_array_new();
	params(r->xml, names, values);
	if (!strcmp(cls, "ocf") && r->provider) {
		const char *root = getenv("OCF_ROOT") ? getenv("OCF_ROOT") : "/usr/lib/ocf";
		spec.cls = RA_CLASS_OCF;
		spec.path = g_strdup_printf("%s/resource.d/%s/%s", root, r->provider, type);
		spec.provider = g_strdup(r->provider);
		spec.nargs = (int)names->len;
		spec.args = g_new0(char *, names->len + 1);
		for (guint i = 0; i < names->len; i++)
			spec.args[i] = g_strdup_printf("%s=%s", (char *)g_ptr_array_index(names, i),
						       (char *)g_ptr_array_index(values, i));
	} else if (!strcmp(cls, "lsb")) {
		spec.cls = RA_CLASS_LSB;
		spec.path = g_strdup_printf("/etc/init.d/%s", type);
		spec.args = g_new0(char *, 1);
	} else if (!strcmp(cls, "heartbeat")) {
		spec.cls = RA_CLASS_HEARTBEAT;
		spec.path = g_strdup_printf("/etc/ha.d/resource.d/%s", type);
		/* Positional arguments are the parameters named 1, 2, ... */
		spec.args = g_new0(char *, names->len + 1);
		for (int k = 1; k <= (int)names->len; k++) {
			char key[16];
			snprintf(key, sizeof key, "%d", k);
			for (guint i = 0; i < names->len; i++)
				if (!strcmp(g_ptr_array_index(names, i), key))
					spec.args[spec.nargs++] = g_strdup(g_ptr_array_index(values, i));
		}
	} else {
		CMD_ERR("%s: class %s cannot be run by hand\n", o->rsc_id, cls);
		g_ptr_array_free(names, TRUE);
		g_ptr_array_free(values, TRUE);
		return 3; /* OCF: unimplemented feature */
	}
	spec.type = g_strdup(type);
	spec.name = g_strdup(o->rsc_id);
	g_ptr_array_free(names, TRUE);
	g_ptr_array_free(values, TRUE);
	char *inst = g_strdup_printf("OCF_RESOURCE_INSTANCE=%s", o->rsc_id);
	char *env[] = { inst, NULL };
	struct wait w = { g_main_loop_new(NULL, FALSE), { 0 }, NULL };
	ra_start(&spec, o->force_op, env, 60000, done, &w);
	g_main_loop_run(w.loop);
	if (w.out && *w.out)
		fputs(w.out, stdout);
	char *agent = g_strdup_printf("%s%s%s:%s", cls, spec.provider ? ":" : "", spec.provider ? spec.provider : "", type);
	const char *op = !strcmp(o->force_op, "start") ? "force-start" : !strcmp(o->force_op, "stop") ? "force-stop" :
											  "force-check";
	printf("Operation %s for %s (%s) returned: '%s' (%d)\n", op, o->rsc_id, agent,
	       w.res.timed_out ? "timed out" : view_rc_text(w.res.rc), (int)w.res.rc);
	g_free(agent);
	g_free(inst);
	g_free(w.out);
	g_main_loop_unref(w.loop);
	ra_spec_free(&spec);
	return w.res.rc > 255 ? 1 : (int)w.res.rc;
}
