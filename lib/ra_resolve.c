/* Resource name resolution for lib/ra: turns a haresources token or parsed
 * resource into class + executable + arguments, the way ResourceManager's
 * canonname/scriptpath do.  Touches the filesystem only to stat candidates. */
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib.h>
#include "ra.h"

#define DEF_RESOURCE_DIR "/etc/ha.d/resource.d"
#define DEF_INIT_DIR "/etc/init.d"
#define DEF_OCF_ROOT "/usr/lib/ocf"

/* Shell glob [0-9]*.[0-9]*.[0-9]*.[0-9]* : a digit first, then three times
 * a '.' immediately followed by a digit, anything in between. */
static int is_ip_shorthand(const char *s)
{
	if (!g_ascii_isdigit(*s))
		return 0;
	s++;
	for (int dots = 0; dots < 3; dots++) {
		const char *p = s;
		while (*p && !(p[0] == '.' && g_ascii_isdigit(p[1])))
			p++;
		if (!*p)
			return 0;
		s = p + 2;
	}
	return 1;
}

static int executable_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static int valid_name(const char *s)
{
	return *s && !strchr(s, '/') && strcmp(s, ".") && strcmp(s, "..");
}

static int valid_param(const char *a)
{
	const char *eq = strchr(a, '=');
	if (!eq || eq == a)
		return 0;
	for (const char *p = a; p < eq; p++)
		if (!g_ascii_isalnum(*p) && *p != '_')
			return 0;
	return 1;
}

static void set_args(struct ra_spec *out, char **args, int n)
{
	out->nargs = n;
	out->args = g_new0(char *, n + 1);
	for (int i = 0; i < n; i++)
		out->args[i] = g_strdup(args[i]);
}

/* ocf:PROVIDER:TYPE, params name=value. */
static int resolve_ocf(const char *type, char **args, int nargs, const struct ra_dirs *d,
		       struct ra_spec *out, char *err, size_t errlen)
{
	char **parts = g_strsplit(type, ":", 3);
	int rc = -1;
	if (g_strv_length(parts) != 3 || !valid_name(parts[1]) || !valid_name(parts[2])) {
		snprintf(err, errlen, "Bad OCF resource name %s (want ocf:provider:type)", type);
		goto out;
	}
	for (int i = 0; i < nargs; i++)
		if (!valid_param(args[i])) {
			snprintf(err, errlen, "OCF resource %s: argument \"%s\" is not name=value",
				 type, args[i]);
			goto out;
		}
	const char *root = d && d->ocf_root ? d->ocf_root : DEF_OCF_ROOT;
	char *rel = g_strdup_printf("%s/resource.d/%s/%s", root, parts[1], parts[2]);
	char *path = g_canonicalize_filename(rel, NULL);
	g_free(rel);
	if (!executable_file(path)) {
		snprintf(err, errlen, "Cannot locate resource script %s", path);
		g_free(path);
		goto out;
	}
	out->cls = RA_CLASS_OCF;
	out->path = path;
	out->provider = g_strdup(parts[1]);
	out->type = g_strdup(parts[2]);
	set_args(out, args, nargs);
	rc = 0;
out:
	g_strfreev(parts);
	return rc;
}

static int resolve_script(const char *script, char **args, int nargs, const struct ra_dirs *d,
			  struct ra_spec *out, char *err, size_t errlen)
{
	const char *dirs[2] = {
		d && d->resource_dir ? d->resource_dir : DEF_RESOURCE_DIR,
		d && d->init_dir ? d->init_dir : DEF_INIT_DIR,
	};
	if (valid_name(script))
		for (int i = 0; i < 2; i++) {
			/* Absolute: children run in "/". */
			char *rel = g_build_filename(dirs[i], script, NULL);
			char *path = g_canonicalize_filename(rel, NULL);
			g_free(rel);
			if (executable_file(path)) {
				out->cls = i == 0 ? RA_CLASS_HEARTBEAT : RA_CLASS_LSB;
				out->path = path;
				out->type = g_strdup(script);
				set_args(out, args, nargs);
				return 0;
			}
			g_free(path);
		}
	snprintf(err, errlen, "Cannot locate resource script %s", script);
	return -1;
}

static int resolve(const char *name, const char *type, char **args, int nargs,
		   const struct ra_dirs *d, struct ra_spec *out, char *err, size_t errlen)
{
	int rc;
	memset(out, 0, sizeof(*out));
	if (g_str_has_prefix(type, "ocf:")) {
		rc = resolve_ocf(type, args, nargs, d, out, err, errlen);
	} else if (is_ip_shorthand(type)) {
		/* ResourceManager turns TOKEN into IPaddr::TOKEN: the type itself
		 * becomes the first argument. */
		char **all = g_new0(char *, nargs + 2);
		all[0] = (char *)type;
		for (int i = 0; i < nargs; i++)
			all[i + 1] = args[i];
		rc = resolve_script("IPaddr", all, nargs + 1, d, out, err, errlen);
		g_free(all);
	} else {
		rc = resolve_script(type, args, nargs, d, out, err, errlen);
	}
	if (rc == 0)
		out->name = g_strdup(name);
	else
		ra_spec_free(out);
	return rc;
}

int ra_resolve(const struct hr_resource *r, const struct ra_dirs *dirs,
	       struct ra_spec *out, char *err, size_t errlen)
{
	if (!r || !r->type) {
		memset(out, 0, sizeof(*out));
		snprintf(err, errlen, "empty resource");
		return -1;
	}
	return resolve(r->spec ? r->spec : r->type, r->type, r->args, r->nargs,
		       dirs, out, err, errlen);
}

int ra_resolve_token(const char *token, const struct ra_dirs *dirs,
		     struct ra_spec *out, char *err, size_t errlen)
{
	/* Script = text before the first "::"; the rest has every "::" turned
	 * into a blank and is word-split, so empty pieces vanish. */
	const char *sep = strstr(token, "::");
	char *type = sep ? g_strndup(token, sep - token) : g_strdup(token);
	GPtrArray *args = g_ptr_array_new_with_free_func(g_free);
	if (sep) {
		char **pieces = g_strsplit(sep + 2, "::", -1);
		for (char **p = pieces; *p; p++) {
			char **words = g_strsplit_set(*p, " \t\n", -1);
			for (char **w = words; *w; w++)
				if (**w)
					g_ptr_array_add(args, g_strdup(*w));
			g_strfreev(words);
		}
		g_strfreev(pieces);
	}
	int rc = resolve(token, type, (char **)args->pdata, args->len, dirs, out, err, errlen);
	g_ptr_array_free(args, TRUE);
	g_free(type);
	return rc;
}

void ra_spec_free(struct ra_spec *s)
{
	if (!s)
		return;
	g_free(s->name);
	g_free(s->path);
	g_free(s->provider);
	g_free(s->type);
	g_strfreev(s->args);
	memset(s, 0, sizeof(*s));
}
