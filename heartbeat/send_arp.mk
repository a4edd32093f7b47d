# send_arp: gratuitous ARP sender (libnet).  resource-agents ships the one
# IPaddr2 and SendArp run ($HA_BIN/send_arp); ours is installed there only
# where resource-agents is absent (configure --with-send-arp).
PROGRAMS += heartbeat/send_arp
heartbeat/send_arp.o: heartbeat/send_arp.c
	$(CC) $(CPPFLAGS) -D_DEFAULT_SOURCE $(LIBNET_CFLAGS) $(ALL_CFLAGS) -c -o $@ $<
heartbeat/send_arp: heartbeat/send_arp.o
	$(LINK) heartbeat/send_arp.o $(LIBNET_LIBS)
ifeq ($(INSTALL_SEND_ARP),yes)
HA_DAEMONS += heartbeat/send_arp
MANS += heartbeat/send_arp.8
endif
