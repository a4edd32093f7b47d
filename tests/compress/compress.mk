# tests/compress: the suite's API client (sends and receives a big
# compressed struct field through our client library).
PROGRAMS += tests/compress/cz_client
tests/compress/cz_client: tests/compress/cz_client.o lib/libhb.a
	$(LINK) tests/compress/cz_client.o $(HB_LIBS)
