/* meatclient: the operator's half of the meatware STONITH device.  After
 * power-cycling NODE by hand, the operator confirms here and the waiting
 * "stonith -T reset NODE" completes.  Usage: meatclient -c NODE [-w] */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib.h>
#include "stonith.h"

int main(int argc, char **argv)
{
	const char *node = NULL;
	int wait_for = 0, c;
	while ((c = getopt(argc, argv, "c:w")) != -1) {
		switch (c) {
		case 'c': node = optarg; break;
		case 'w': wait_for = 1; break;
		default: goto usage;
		}
	}
	if (!node || optind != argc)
		goto usage;
	char *host = g_ascii_strdown(node, -1);
	char *pipe = g_strdup_printf("%s.%s", st_meatpipe_prefix(), host);
	struct stat st;
	/* -w: wait for the device to ask, instead of failing now */
	while (stat(pipe, &st) < 0 || !S_ISFIFO(st.st_mode)) {
		if (!wait_for) {
			fprintf(stderr, "Meatware_IPC failed: %s: no reset pending for %s\n", pipe,
				host);
			return 1;
		}
		sleep(1);
	}
	printf("\nWARNING!\n\nIf node \"%s\" has not been manually power-cycled or "
	       "disconnected from all shared resources and networks, data on shared disks "
	       "may become corrupted and migrated services might not work as expected.\n"
	       "Please verify that the name or address above corresponds to the node you "
	       "just rebooted.\n\nPROCEED? [yN] ", host);
	fflush(stdout);
	char line[64] = "";
	if (!fgets(line, sizeof line, stdin) || (line[0] != 'y' && line[0] != 'Y')) {
		printf("Meatware_client: operation canceled.\n");
		return 1;
	}
	int fd = open(pipe, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "Meatware_IPC failed: %s: %s\n", pipe, strerror(errno));
		return 1;
	}
	char *msg = g_strdup_printf("meatware reply %s", host);
	ssize_t n = write(fd, msg, strlen(msg));
	close(fd);
	if (n != (ssize_t)strlen(msg)) {
		fprintf(stderr, "Meatware_IPC failed: %s\n", strerror(errno));
		return 1;
	}
	printf("Meatware_client: reset confirmed.\n");
	g_free(msg);
	g_free(pipe);
	g_free(host);
	return 0;
usage:
	fprintf(stderr, "usage: %s -c node [-w]\n", argv[0]);
	return 2;
}
