# haresources2cib: haresources + ha.cf -> cib.xml (contrib/, installed in sbin).
PROGRAMS += contrib/haresources2cib/haresources2cib
H2C_SRCS = contrib/haresources2cib/h2c_map.c contrib/haresources2cib/h2c_upgrade.c \
	contrib/haresources2cib/h2c_xml.c contrib/haresources2cib/h2c_stonith.c
H2C_OBJS = $(H2C_SRCS:.c=.o)
CLEANFILES += contrib/haresources2cib/h2c.a
contrib/haresources2cib/h2c.a: $(H2C_OBJS)
	rm -f $@ && ar rcs $@ $^
contrib/haresources2cib/haresources2cib: contrib/haresources2cib/haresources2cib.o contrib/haresources2cib/h2c.a lib/libhb.a
	$(LINK) contrib/haresources2cib/haresources2cib.o contrib/haresources2cib/h2c.a $(HB_LIBS)
# It writes a v2 CIB: the v2 tools package (pkg/install.mk).
CRM_TOOLS += contrib/haresources2cib/haresources2cib
CRM_MANS += contrib/haresources2cib/haresources2cib.8
