# Unit tests of the CIB document layer (lib/cib/cib_doc.h): operations,
# version rules, upgrade, diff and patch.
UNIT_TESTS += tests/unit/test_cib_ops tests/unit/test_cib_diff
tests/unit/test_cib_ops: tests/unit/test_cib_ops.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_cib_ops.o $(CIB_LIBS)
tests/unit/test_cib_diff: tests/unit/test_cib_diff.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_cib_diff.o $(CIB_LIBS)
# The live CIB socket's protocol and backend, the signed cib.xml (crmd's).
UNIT_TESTS += tests/unit/test_cib_live
tests/unit/test_cib_live: tests/unit/test_cib_live.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_cib_live.o $(CIB_LIBS)
