/* See readfile.h. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include "readfile.h"

char *readfile_fd(int fd, size_t size, size_t *len)
{
	char *text = malloc(size + 1);
	size_t got = 0;
	ssize_t r;

	if (!text) {
		close(fd);
		return NULL;
	}
	while (got < size) {
		r = read(fd, text + got, size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	text[got] = 0;
	*len = got;
	return text;
}
