# Unit test for the STONITH device core.
UNIT_TESTS += tests/unit/test_stonith
tests/unit/test_stonith: tests/unit/test_stonith.o lib/libhb.a
	$(LINK) tests/unit/test_stonith.o $(HB_LIBS)
# ... and of the daemon's STONITH checks (heartbeat/stonith_check.c).
UNIT_TESTS += tests/unit/test_stonith_check
tests/unit/test_stonith_check: tests/unit/test_stonith_check.o heartbeat/stonith_check.o lib/libhb.a
	$(LINK) tests/unit/test_stonith_check.o heartbeat/stonith_check.o $(HB_LIBS)
tests/unit/test_stonith_check.o: CPPFLAGS += -Iheartbeat
