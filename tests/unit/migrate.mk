# Unit tests of contrib/crmgen (CSV reader, encodings, dict order, sheets)
# and contrib/haresources2cib (the mapping).
UNIT_TESTS += tests/unit/test_crmgen tests/unit/test_haresources2cib
tests/unit/test_crmgen.o: CPPFLAGS += -Icontrib/crmgen
tests/unit/test_crmgen: tests/unit/test_crmgen.o contrib/crmgen/crmgen.a
	$(LINK) tests/unit/test_crmgen.o contrib/crmgen/crmgen.a
tests/unit/test_haresources2cib.o: CPPFLAGS += -Icontrib/haresources2cib
tests/unit/test_haresources2cib: tests/unit/test_haresources2cib.o contrib/haresources2cib/h2c.a lib/libhb.a
	$(LINK) tests/unit/test_haresources2cib.o contrib/haresources2cib/h2c.a $(HB_LIBS)
