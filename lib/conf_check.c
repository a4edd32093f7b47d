/* ha.cf against this machine, through the probes of conf_check.h: what the
 * media and ping code would fail on when they open, found before start so
 * that "heartbeat -t" and the start refuse it with the ha.cf line. */
#include <netdb.h>
#include <stdio.h>
#include <sys/socket.h>
#include "conf_check.h"

/* The directive of each medium, and what its interface must offer (what its
 * open in heartbeat/media_*.c asks of the interface). */
static const struct { const char *name, *need; } kinds[] = {
	[MEDIA_BCAST] = { "bcast", "an interface with an IPv4 broadcast address" },
	[MEDIA_MCAST] = { "mcast", "an interface with an IPv4 address" },
	[MEDIA_UCAST] = { "ucast", "an existing interface" },
	[MEDIA_SERIAL] = { "serial", "" },
	[MEDIA_MCAST6] = { "mcast6", "an existing interface" },
	[MEDIA_UCAST6] = { "ucast6", "an existing interface" },
};

int conf_check_system(const struct hb_config *c, const struct conf_probes *p,
		      struct conf_errors *errs)
{
	const char *f = c->path ? c->path : "ha.cf";
	char why[256];
	int i, j, n0 = errs->n;

	for (i = 0; i < c->nmedia; i++) {
		const struct conf_medium *m = &c->media[i];
		const char *kind = kinds[m->type].name;

		if (m->type == MEDIA_SERIAL) {
			if (p->serial(m->dev, why, sizeof why) < 0)
				conf_msg(errs, false, f, m->line,
					 "serial: port [%s] cannot be used: %s (expected a serial device such as /dev/ttyS0)",
					 m->dev, why);
			continue;
		}
		if (p->iface(m->dev, m->type, why, sizeof why) < 0) {
			conf_msg(errs, false, f, m->line, "%s: interface [%s] cannot be used: %s (expected %s; see ip addr)",
				 kind, m->dev, why, kinds[m->type].need);
			continue;
		}
		if ((m->type == MEDIA_UCAST || m->type == MEDIA_UCAST6) &&
		    p->resolve(m->addr, m->type == MEDIA_UCAST ? AF_INET : AF_INET6, why, sizeof why) < 0)
			conf_msg(errs, false, f, m->line,
				 "%s %s: peer [%s] does not resolve: %s (expected an %s address, or a name in /etc/hosts)",
				 kind, m->dev, m->addr, why, m->type == MEDIA_UCAST ? "IPv4" : "IPv6");
	}
	for (i = 0; i < c->npings; i++) {
		const struct conf_ping *pg = &c->pings[i];
		int bad = 0;

		for (j = 0; j < pg->naddrs; j++) {
			if (p->resolve(pg->addrs[j], pg->v6 ? AF_INET6 : AF_INET, why, sizeof why) == 0)
				continue;
			bad++;
			/* The original starts a ping_group with one good host; it
			 * refuses a ping node whose only host is unknown. */
			if (pg->group)
				conf_msg(errs, pg->naddrs > 1, f, pg->line,
					 "ping_group %s: host [%s] does not resolve: %s (expected an address, or a name in /etc/hosts)",
					 pg->name, pg->addrs[j], why);
			else
				conf_msg(errs, false, f, pg->line,
					 "%s: host [%s] does not resolve: %s (expected an address, or a name in /etc/hosts)",
					 pg->v6 ? "ping6" : "ping", pg->addrs[j], why);
		}
		if (pg->group && pg->naddrs > 1 && bad == pg->naddrs)
			conf_msg(errs, false, f, pg->line,
				 "ping_group %s: none of its hosts resolves (expected at least one that does)",
				 pg->name);
	}
	return errs->n - n0;
}
