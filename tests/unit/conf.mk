# Unit tests for the ha.cf and haresources parsers.
UNIT_TESTS += tests/unit/test_conf tests/unit/test_haresources
tests/unit/test_conf: tests/unit/test_conf.o lib/libhb.a
	$(LINK) tests/unit/test_conf.o $(HB_LIBS)
tests/unit/test_haresources: tests/unit/test_haresources.o lib/libhb.a
	$(LINK) tests/unit/test_haresources.o $(HB_LIBS)
UNIT_TESTS += tests/unit/test_conf_check
tests/unit/test_conf_check: tests/unit/test_conf_check.o lib/libhb.a
	$(LINK) tests/unit/test_conf_check.o $(HB_LIBS)
UNIT_TESTS += tests/unit/test_conf_diff
tests/unit/test_conf_diff: tests/unit/test_conf_diff.o lib/libhb.a
	$(LINK) tests/unit/test_conf_diff.o $(HB_LIBS)
