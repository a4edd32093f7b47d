# Unit tests of lib/ core modules: timers.
UNIT_TESTS += tests/unit/test_timer
tests/unit/test_timer: tests/unit/test_timer.o lib/libhb.a
	$(LINK) tests/unit/test_timer.o $(HB_LIBS)
