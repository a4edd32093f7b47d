/* lib/conf_check: ha.cf against a machine described by fake probes: which
 * media, peers, ping hosts and serial ports are refused, with what message,
 * and that nothing else is. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "check.h"
#include "conf.h"
#include "conf_check.h"

/* The fake machine: eth0 with IPv4, eth1 up without an address, lo; names
 * "peer" and "10.x" resolve; /dev/ttyS0 is a serial port. */
static int fake_iface(const char *ifname, enum media_type t, char *err, size_t len)
{
	if (strcmp(ifname, "eth0") == 0 || strcmp(ifname, "lo") == 0)
		return 0;
	if (strcmp(ifname, "eth1") == 0) {
		if (t != MEDIA_BCAST && t != MEDIA_MCAST)
			return 0;
		snprintf(err, len, "no IPv4 address: Cannot assign requested address");
		return -1;
	}
	snprintf(err, len, "No such device");
	return -1;
}

static int fake_resolve(const char *host, int family, char *err, size_t len)
{
	if (strcmp(host, "peer") == 0 || strncmp(host, "10.", 3) == 0 ||
	    (family == AF_INET6 && strchr(host, ':')))
		return 0;
	snprintf(err, len, "Name or service not known");
	return -1;
}

static int fake_serial(const char *path, char *err, size_t len)
{
	if (strcmp(path, "/dev/ttyS0") == 0)
		return 0;
	snprintf(err, len, "No such file or directory");
	return -1;
}

static const struct conf_probes fake = { fake_iface, fake_resolve, fake_serial };
static struct hb_config cf;
static struct conf_errors er;

/* Parses "node n1\n" + text as ha.cf and runs the checks; returns their count. */
static int C(const char *text)
{
	char buf[2048];

	conf_free(&cf);
	conf_errors_free(&er);
	snprintf(buf, sizeof buf, "node n1\nlogfacility daemon\n%s", text);
	conf_parse(buf, strlen(buf), "ha.cf", "n1", &cf, &er);
	conf_errors_free(&er);   /* only the checks' own messages below */
	return conf_check_system(&cf, &fake, &er);
}

static void test_media(void)
{
	CHECK_INT(C("bcast eth0\nucast eth0 peer\nucast eth0 10.0.0.2\nmcast eth0 239.1.1.1 694 1 0\nserial /dev/ttyS0\n"), 0);
	CHECK_INT(er.nwarn, 0);
	CHECK_INT(C("ucast6 eth1 fe80::1\nmcast6 eth1 ff02::1 694 1 0\nucast eth1 peer\n"), 0);

	CHECK_INT(C("bcast eth0 eth7\n"), 1);
	CHECK_STR(er.msg[0], "ha.cf:3: bcast: interface [eth7] cannot be used: No such device (expected an interface with an IPv4 broadcast address; see ip addr)");
	CHECK_INT(C("bcast eth1\n"), 1);
	CHECK_STR(er.msg[0], "ha.cf:3: bcast: interface [eth1] cannot be used: no IPv4 address: Cannot assign requested address (expected an interface with an IPv4 broadcast address; see ip addr)");
	CHECK_INT(C("mcast eth9 239.1.1.1 694 1 0\n"), 1);
	CHECK_STR(er.msg[0], "ha.cf:3: mcast: interface [eth9] cannot be used: No such device (expected an interface with an IPv4 address; see ip addr)");
	CHECK_INT(C("ucast eth9 10.0.0.2\n"), 1);
	CHECK_STR(er.msg[0], "ha.cf:3: ucast: interface [eth9] cannot be used: No such device (expected an existing interface; see ip addr)");
	/* a bad interface is the one error of its line: its peer is not looked up */
	CHECK_INT(C("ucast eth9 nosuch\n"), 1);
	CHECK_INT(C("bcast eth0\nucast eth0 nosuch.invalid\n"), 1);
	CHECK_STR(er.msg[0], "ha.cf:4: ucast eth0: peer [nosuch.invalid] does not resolve: Name or service not known (expected an IPv4 address, or a name in /etc/hosts)");
	CHECK_INT(C("ucast6 eth0 fe80::1\nucast6 eth8 fe80::2\n"), 1);
	CHECK_STR(er.msg[0], "ha.cf:4: ucast6: interface [eth8] cannot be used: No such device (expected an existing interface; see ip addr)");
	CHECK_INT(C("serial /dev/ttyS0 /dev/ttyS9\n"), 1);
	CHECK_STR(er.msg[0], "ha.cf:3: serial: port [/dev/ttyS9] cannot be used: No such file or directory (expected a serial device such as /dev/ttyS0)");
	/* every bad medium is reported */
	CHECK_INT(C("bcast eth7\nbcast eth8\nucast eth0 x.invalid\n"), 3);
}

static void test_pings(void)
{
	CHECK_INT(C("bcast eth0\nping 10.0.0.1 peer\nping_group g 10.0.0.5 peer\n"), 0);
	CHECK_INT(C("bcast eth0\nping 10.0.0.1 gone.invalid\n"), 1);
	CHECK_STR(er.msg[0], "ha.cf:4: ping: host [gone.invalid] does not resolve: Name or service not known (expected an address, or a name in /etc/hosts)");
	/* a group with one good host starts (as 3.0.6): a warning per bad host */
	CHECK_INT(C("bcast eth0\nping_group g gone.invalid 10.0.0.5\n"), 0);
	CHECK_INT(er.nwarn, 1);
	CHECK_STR(er.warn[0], "ha.cf:4: ping_group g: host [gone.invalid] does not resolve: Name or service not known (expected an address, or a name in /etc/hosts)");
	/* ... and none good is an error */
	CHECK_INT(C("bcast eth0\nping_group g a.invalid b.invalid\n"), 1);
	CHECK_INT(er.nwarn, 2);
	CHECK_STR(er.msg[0], "ha.cf:4: ping_group g: none of its hosts resolves (expected at least one that does)");
	CHECK_INT(C("bcast eth0\nping_group g a.invalid\n"), 1);
	CHECK_INT(er.nwarn, 0);
}

int main(void)
{
	test_media();
	test_pings();
	conf_free(&cf);
	conf_errors_free(&er);
	return T_DONE();
}
