# Test helpers: arpcap (libpcap ARP capture), ra_run (lib/ra driver), pe_graphcmp.
PROGRAMS += tests/tools/arpcap tests/tools/ra_run
tests/tools/arpcap.o: tests/tools/arpcap.c
	$(CC) $(CPPFLAGS) $(PCAP_CFLAGS) $(ALL_CFLAGS) -c -o $@ $<
tests/tools/arpcap: tests/tools/arpcap.o
	$(LINK) tests/tools/arpcap.o $(PCAP_LIBS)
tests/tools/ra_run: tests/tools/ra_run.o lib/libhb.a
	$(LINK) tests/tools/ra_run.o $(HB_LIBS)
# pe_graphcmp: transition graphs compared at action level (tests/pe/suite).
PROGRAMS += tests/tools/pe_graphcmp
tests/tools/pe_graphcmp: tests/tools/pe_graphcmp.o
	$(LINK) tests/tools/pe_graphcmp.o $(XML_LIBS) $(GLIB_LIBS)
