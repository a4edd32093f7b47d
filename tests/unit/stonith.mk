# Unit test for the STONITH device core.
UNIT_TESTS += tests/unit/test_stonith
tests/unit/test_stonith: tests/unit/test_stonith.o lib/libhb.a
	$(LINK) tests/unit/test_stonith.o $(HB_LIBS)
