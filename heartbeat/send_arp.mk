# send_arp: gratuitous ARP sender (libnet), installed where IPaddr2 looks for it.
PROGRAMS += heartbeat/send_arp
heartbeat/send_arp.o: heartbeat/send_arp.c
	$(CC) $(CPPFLAGS) -D_DEFAULT_SOURCE $(LIBNET_CFLAGS) $(ALL_CFLAGS) -c -o $@ $<
heartbeat/send_arp: heartbeat/send_arp.o
	$(LINK) heartbeat/send_arp.o $(LIBNET_LIBS)
install:: heartbeat/send_arp
	install -d $(DESTDIR)$(libexecdir)/heartbeat
	install -m 755 heartbeat/send_arp $(DESTDIR)$(libexecdir)/heartbeat/send_arp
