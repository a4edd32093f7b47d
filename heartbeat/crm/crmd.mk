# heartbeat/crm/crmd: the v2 controller (membership, DC election, CIB
# replica and its socket, policy engine runs, transitions), started by
# heartbeat with `crm yes|respawn`.
CRMD_SRCS = heartbeat/crm/crmd_main.c heartbeat/crm/crmd_msg.c heartbeat/crm/crmd_peers.c \
	heartbeat/crm/crmd_cib.c heartbeat/crm/crmd_cibreq.c heartbeat/crm/crmd_ipc.c \
	heartbeat/crm/crmd_status.c heartbeat/crm/crmd_pe.c heartbeat/crm/crmd_te.c \
	heartbeat/crm/crmd_lrm.c heartbeat/crm/crmd_fence.c heartbeat/crm/crmd_shutdown.c \
	heartbeat/crm/crmd_attrd.c
PROGRAMS += heartbeat/crm/crmd
heartbeat/crm/crmd: $(CRMD_SRCS:.c=.o) lib/libhbcib.a lib/libhb.a
	$(LINK) $(CRMD_SRCS:.c=.o) $(CIB_LIBS)
HA_DAEMONS += heartbeat/crm/crmd
MANS += heartbeat/crm/crmd.8
