# Unit tests of lib/ core modules: timers and child processes.
UNIT_TESTS += tests/unit/test_timer tests/unit/test_spawn
tests/unit/test_timer: tests/unit/test_timer.o lib/libhb.a
	$(LINK) tests/unit/test_timer.o $(HB_LIBS)
# test_spawn starts spawn_probe (beside it) to see what a child inherits.
tests/unit/test_spawn: tests/unit/test_spawn.o lib/libhb.a tests/unit/spawn_probe
	$(LINK) tests/unit/test_spawn.o $(HB_LIBS)
tests/unit/spawn_probe: tests/unit/spawn_probe.o
	$(LINK) tests/unit/spawn_probe.o
CLEANFILES += tests/unit/spawn_probe
# lib/hostcache: node lists and node cache files.
UNIT_TESTS += tests/unit/test_hostcache
tests/unit/test_hostcache: tests/unit/test_hostcache.o lib/libhb.a
	$(LINK) tests/unit/test_hostcache.o $(HB_LIBS)
