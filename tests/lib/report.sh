# tests/lib/report.sh — pass/fail/skip bookkeeping for the harness-based suites.
# Each test runs in a subshell so its EXIT trap tears its hosts down whatever happens;
# the closing line is the "N passed, N failed[, N skipped]" that tests/run-all sums.

T_PASS=0 T_FAIL=0 T_SKIP=0
T_FAILED_NAMES=()

# t_run NAME FUNC ARGS...: run FUNC in a subshell; its exit status decides the result.
t_run() {
	local name=$1 rc start; shift
	start=$(date +%s)
	echo "--- $name"
	( T_NAME=$name; "$@" )
	rc=$?
	if [ $rc -eq 0 ]; then
		T_PASS=$((T_PASS + 1)); echo "PASS $name ($(( $(date +%s) - start ))s)"
	else
		T_FAIL=$((T_FAIL + 1)); T_FAILED_NAMES+=("$name"); echo "FAIL $name ($(( $(date +%s) - start ))s)"
	fi
}

t_skip() { # NAME REASON
	T_SKIP=$((T_SKIP + 1)); echo "SKIP $1: $2"
}

# t_fail MESSAGE: inside a test: say why, keep every host's logs, end the test.
t_fail() {
	echo "  failed: $*"
	hb_keep "${T_NAME:-test}" | sed 's/^/  /'
	exit 1
}
t_note() { echo "  $*"; }

t_summary() {
	[ ${#T_FAILED_NAMES[@]} -gt 0 ] && echo "failed: ${T_FAILED_NAMES[*]}"
	if [ "$T_SKIP" -gt 0 ]; then
		echo "$T_PASS passed, $T_FAIL failed, $T_SKIP skipped"
	else
		echo "$T_PASS passed, $T_FAIL failed"
	fi
	[ "$T_FAIL" -eq 0 ]
}
