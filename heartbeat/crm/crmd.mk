# heartbeat/crm/crmd: the v2 controller (membership, DC election, CIB
# replica and its socket, policy engine runs, transitions), started by
# heartbeat with `crm yes|respawn`.
CRMD_SRCS = heartbeat/crm/crmd_main.c heartbeat/crm/crmd_msg.c heartbeat/crm/crmd_peers.c \
	heartbeat/crm/crmd_cib.c heartbeat/crm/crmd_cibreq.c heartbeat/crm/crmd_ipc.c \
	heartbeat/crm/crmd_status.c heartbeat/crm/crmd_pe.c heartbeat/crm/crmd_te.c \
	heartbeat/crm/crmd_lrm.c heartbeat/crm/crmd_fence.c heartbeat/crm/crmd_shutdown.c \
	heartbeat/crm/crmd_attrd.c heartbeat/crm/crmd_parts.c
PROGRAMS += heartbeat/crm/crmd
heartbeat/crm/crmd: $(CRMD_SRCS:.c=.o) lib/libhbcib.a lib/libhb.a
	$(LINK) $(CRMD_SRCS:.c=.o) $(CIB_LIBS)
HA_DAEMONS += heartbeat/crm/crmd
MANS += heartbeat/crm/crmd.8

# pingd: heartbeat 2.x's ping-node watcher (ha.cf ping nodes -> a node
# attribute through the controller), in $(libexecdir)/heartbeat where
# resource-agents' ocf:heartbeat:pingd agent looks for it ($HA_BIN).
PINGD_OBJS = heartbeat/crm/pingd.o
PROGRAMS += heartbeat/crm/pingd
heartbeat/crm/pingd: $(PINGD_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) $(PINGD_OBJS) $(CIB_LIBS)
HA_DAEMONS += heartbeat/crm/pingd
MANS += heartbeat/crm/pingd.8
