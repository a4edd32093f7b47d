# Unit test of lib/log: line formats, the ha_logd frame, file output.
UNIT_TESTS += tests/unit/test_log
tests/unit/test_log: tests/unit/test_log.o lib/libhb.a
	$(LINK) tests/unit/test_log.o $(HB_LIBS)
