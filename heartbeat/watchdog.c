/* The ha.cf "watchdog" device: opened at start with a timeout of about one
 * deadtime, written to every time we send a heartbeat, closed with the
 * magic 'V' on a clean exit.  If the daemon hangs, the kernel reboots the
 * node before the peer's takeover could meet a half-dead holder. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/watchdog.h>
#include "daemon.h"
#include "log.h"
#include "events.h"

static int wd_fd = -1;
static int wd_timeout = -1;     /* seconds, as last set */

static void watchdog_pet(const struct event *e, void *data);

/* About one deadtime: a reload that raises keepalive or deadtime must
 * raise this too, or the node reboots before its next heartbeat. */
void watchdog_apply_timing(void)
{
	int timeout = (int)((hb.cf->deadtime_ms + 10 + 999) / 1000);

	if (wd_fd < 0 || timeout == wd_timeout)
		return;
	if (ioctl(wd_fd, WDIOC_SETTIMEOUT, &timeout) < 0) {
		log_warn("watchdog %s: cannot set its timeout to %d s: %s", hb.cf->watchdog, timeout,
			 strerror(errno));
		return;
	}
	if (wd_timeout >= 0)
		log_info("watchdog %s: timeout now %d s", hb.cf->watchdog, timeout);
	wd_timeout = timeout;
	/* pet it now: the new timeout counts from here */
	if (write(wd_fd, "", 1) < 0)
		log_warn("watchdog write: %s", strerror(errno));
}

void watchdog_open(void)
{
	if (!hb.cf->watchdog)
		return;
	wd_fd = open(hb.cf->watchdog, O_WRONLY | O_CLOEXEC);
	if (wd_fd < 0) {
		log_err("Cannot open watchdog device %s: %s", hb.cf->watchdog, strerror(errno));
		return;
	}
	watchdog_apply_timing();
	log_info("Using watchdog device: %s", hb.cf->watchdog);
	events_subscribe(EV_STATUS_SENT, watchdog_pet, NULL);
}

static void watchdog_pet(const struct event *e, void *data)
{
	if (wd_fd >= 0 && write(wd_fd, "", 1) < 0)
		log_warn("watchdog write: %s", strerror(errno));
}

void watchdog_close(void)
{
	if (wd_fd < 0)
		return;
	if (write(wd_fd, "V", 1) < 0)
		log_warn("watchdog magic close: %s", strerror(errno));
	close(wd_fd);
	wd_fd = -1;
	wd_timeout = -1;
}
