/* Reading a small configuration file whole, for the parsers that take text. */
#ifndef HB_READFILE_H
#define HB_READFILE_H
#include <stddef.h>

/* Read the rest of an open regular file of size bytes into a malloc'd,
 * NUL-terminated buffer; *len gets what was read (short if the file shrank).
 * Closes fd.  Returns NULL when out of memory. */
char *readfile_fd(int fd, size_t size, size_t *len);
#endif
