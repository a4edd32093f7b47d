# tests/lrm: lrmtest, the command-line lrmd client the suite drives lrmd with
# (built with the programs, never installed).
PROGRAMS += tests/lrm/lrmtest
tests/lrm/lrmtest: tests/lrm/lrmtest.o lib/libhb.a
	$(LINK) tests/lrm/lrmtest.o $(HB_LIBS)
