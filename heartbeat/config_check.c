/* The probes of this machine for lib/conf_check (the same interface ioctls
 * the media open with, getaddrinfo, stat), and the haresources check that
 * resolves every resource as the daemon will when it runs it. */
#include <errno.h>
#include <glob.h>
#include <net/if.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include "config.h"
#include "config_check.h"
#include "media.h"
#include "ra.h"

static int probe_iface(const char *ifname, enum media_type t, char *err, size_t errlen)
{
	struct in_addr a;

	if (if_nametoindex(ifname) == 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	if ((t == MEDIA_BCAST && media_if_addr(ifname, SIOCGIFBRDADDR, &a) < 0) ||
	    (t == MEDIA_MCAST && media_if_addr(ifname, SIOCGIFADDR, &a) < 0)) {
		snprintf(err, errlen, "no IPv4 %saddress: %s", t == MEDIA_BCAST ? "broadcast " : "",
			 strerror(errno));
		return -1;
	}
	return 0;
}

static int probe_resolve(const char *host, int family, char *err, size_t errlen)
{
	struct addrinfo hints, *res = NULL;
	int rc;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = family;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0) {
		snprintf(err, errlen, "%s", gai_strerror(rc));
		return -1;
	}
	freeaddrinfo(res);
	return 0;
}

static int probe_serial(const char *path, char *err, size_t errlen)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISCHR(st.st_mode)) {
		snprintf(err, errlen, "not a character device");
		return -1;
	}
	return 0;
}

const struct conf_probes config_system_probes = { probe_iface, probe_resolve, probe_serial };

const char *config_rsc_fallback_dir(void)
{
	const char *e = getenv("HB_RSC_FALLBACK_DIR");

	return e ? e : HA_DATADIR "/resource.d";
}

/* "OCF::TYPE::INSTANCE" runs the first OCF_ROOT/resource.d/(any provider)/TYPE. */
static int ocf_wrapper_agent(const struct hr_resource *r, char *err, size_t errlen)
{
	const char *root = getenv("OCF_ROOT") ? getenv("OCF_ROOT") : "/usr/lib/ocf";
	char *pat;
	glob_t g;
	int rc, found = 0;
	size_t i;

	if (r->nargs < 2 || strchr(r->args[0], '/')) {
		snprintf(err, errlen, "expected OCF::TYPE::INSTANCE (the agent type and an instance name)");
		return -1;
	}
	if (asprintf(&pat, "%s/resource.d/*/%s", root, r->args[0]) < 0)
		return 0;
	rc = glob(pat, 0, NULL, &g);
	for (i = 0; rc == 0 && i < g.gl_pathc && !found; i++)
		found = access(g.gl_pathv[i], X_OK) == 0;
	if (rc == 0)
		globfree(&g);
	if (!found)
		snprintf(err, errlen, "no OCF agent %s (looked for %s)", r->args[0], pat);
	free(pat);
	return found ? 0 : -1;
}

int config_check_resources(const struct haresources *hr, const char *ha_dir, const char *fname,
			   struct conf_errors *errs)
{
	char rdir[4200], err[512], err2[512];
	struct ra_dirs user = { rdir, NULL, NULL }, ours = { config_rsc_fallback_dir(), NULL, NULL };
	struct ra_spec spec;
	int g, r, n0 = errs->n;

	snprintf(rdir, sizeof rdir, "%s/resource.d", ha_dir);
	for (g = 0; g < hr->ngroups; g++) {
		const struct hr_group *grp = &hr->groups[g];

		for (r = 0; r < grp->nres; r++) {
			const struct hr_resource *res = &grp->res[r];

			/* As rg_init resolves them: the user's scripts first, ours after. */
			if (ra_resolve(res, &user, &spec, err, sizeof err) == 0 ||
			    ra_resolve(res, &ours, &spec, err2, sizeof err2) == 0) {
				bool wrapper = spec.cls == RA_CLASS_HEARTBEAT && strcmp(spec.type, "OCF") == 0;

				ra_spec_free(&spec);
				if (wrapper && ocf_wrapper_agent(res, err, sizeof err) < 0)
					conf_msg(errs, false, fname, grp->line, "resource [%.100s]: %s", res->spec, err);
				continue;
			}
			if (strncmp(res->type, "ocf:", 4) != 0)
				conf_msg(errs, false, fname, grp->line,
					 "resource [%.100s]: %s (expected an executable script in %s, %s or /etc/init.d)",
					 res->spec, err, rdir, ours.resource_dir);
			else if (strncmp(err, "Cannot locate", 13) == 0)
				conf_msg(errs, false, fname, grp->line,
					 "resource [%.100s]: no OCF agent %s (expected an installed agent: check the provider and type, and that resource-agents is installed)",
					 res->spec, err + strlen("Cannot locate resource script "));
			else if (strstr(err, "name=value"))
				conf_msg(errs, false, fname, grp->line,
					 "resource [%.100s]: %s (expected ocf:PROVIDER:TYPE::name=value::name=value)",
					 res->spec, err);
			else
				conf_msg(errs, false, fname, grp->line, "resource [%.100s]: %s", res->spec, err);
		}
	}
	return errs->n - n0;
}
