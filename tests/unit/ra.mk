# Unit test for lib/ra (runs tiny scripts in a temporary directory).
UNIT_TESTS += tests/unit/test_ra
tests/unit/test_ra: tests/unit/test_ra.o lib/libhb.a
	$(LINK) tests/unit/test_ra.o $(HB_LIBS)
