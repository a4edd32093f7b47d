/* LIVE backend of cib_conn: the local controller's socket.  This is the
 * slot the runtime fills in: connect, then implement struct cib_conn_ops
 * (query, apply, watch_fd/watch_read for change notifications carrying a
 * cib_diff, crmd for controller requests) over its protocol.  Until the
 * controller exists, a socket nobody listens on means the cluster is not
 * running here, and a listener that answers is not spoken to yet. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "cib/cib_conn.h"

int cib_conn_live_open(const char *socket_path, const char *client,
		       const struct cib_conn_ops **ops, void **st, char **err)
{
	(void)client;
	*ops = NULL;
	*st = NULL;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(socket_path) >= sizeof sa.sun_path) {
		*err = g_strdup_printf("%s: socket path too long", socket_path);
		return CIB_E_CONNECTION;
	}
	strcpy(sa.sun_path, socket_path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		*err = g_strdup_printf("%s: %s", socket_path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return CIB_E_CONNECTION;
	}
	close(fd);
	*err = g_strdup_printf("%s: the controller's CIB protocol is not implemented in this build", socket_path);
	return CIB_E_CONNECTION;
}
