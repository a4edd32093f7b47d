/* See nodename.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include "nodename.h"

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

int nodename_local(const char *ha_dir, char *out, size_t len)
{
	char path[4096], line[256];
	struct utsname u;
	FILE *f;

	/* nodeinfo overrides uname -n, as in the original. */
	snprintf(path, sizeof path, "%s/nodeinfo", ha_dir);
	f = fopen(path, "r");
	if (f) {
		if (fgets(line, sizeof line, f)) {
			line[strcspn(line, " \t\r\n")] = 0;
			if (line[0]) {
				snprintf(out, len, "%s", line);
				fclose(f);
				lower(out);
				return 0;
			}
		}
		fclose(f);
	}
	if (uname(&u) < 0)
		return -1;
	snprintf(out, len, "%s", u.nodename);
	lower(out);
	return 0;
}
