# Unit tests of lib/cib and lib/pengine (score arithmetic, constraints,
# failure rules, the graph writer, location rules).  test_pe_common.c is #included by the test_pe_* files.
UNIT_TESTS += tests/unit/test_cib tests/unit/test_pe_scores tests/unit/test_pe_constraints \
	tests/unit/test_pe_failures tests/unit/test_pe_graph \
	tests/unit/test_pe_rules tests/unit/test_pe_utilization tests/unit/test_pe_promotable \
	tests/unit/test_pe_notify tests/unit/test_pe_decide
tests/unit/test_cib: tests/unit/test_cib.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_cib.o $(CIB_LIBS)
tests/unit/test_pe_scores: tests/unit/test_pe_scores.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_pe_scores.o $(CIB_LIBS)
tests/unit/test_pe_constraints: tests/unit/test_pe_constraints.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_pe_constraints.o $(CIB_LIBS)
tests/unit/test_pe_failures: tests/unit/test_pe_failures.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_pe_failures.o $(CIB_LIBS)
tests/unit/test_pe_graph: tests/unit/test_pe_graph.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_pe_graph.o $(CIB_LIBS)
tests/unit/test_pe_rules: tests/unit/test_pe_rules.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_pe_rules.o $(CIB_LIBS)
tests/unit/test_pe_utilization: tests/unit/test_pe_utilization.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_pe_utilization.o $(CIB_LIBS)
tests/unit/test_pe_promotable: tests/unit/test_pe_promotable.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_pe_promotable.o $(CIB_LIBS)
tests/unit/test_pe_notify: tests/unit/test_pe_notify.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_pe_notify.o $(CIB_LIBS)
tests/unit/test_pe_decide: tests/unit/test_pe_decide.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_pe_decide.o $(CIB_LIBS)
