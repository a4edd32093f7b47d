# lib/ ha.cf and haresources parsers.
LIBHB_SRCS += lib/conf.c lib/conf_directives.c lib/conf_media.c lib/conf_check.c lib/conf_diff.c lib/haresources.c
