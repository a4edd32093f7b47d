#!/bin/sh
# Fills the git-ignored seed corpus of fuzz_hostcache: hostcache files in
# 3.0.6's four-column form and the older two-column one, a delhostcache,
# bad lines, and addnode node lists.  Run from the repository root.
cd "$(dirname "$0")/../.." || exit 1
c=tests/fuzz/corpus-hostcache
mkdir -p "$c" || exit 1
printf 'n1\t6f1c2c1e-1b2a-4c3d-9e8f-0123456789ab\t100\t\nn3\t0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70\t50\tdc2\n' >"$c/four-columns"
printf 'n1\t6f1c2c1e-1b2a-4c3d-9e8f-0123456789ab\nN2\t00000000-0000-0000-0000-000000000000\n' >"$c/two-columns"
printf 'n3\t00000000-0000-0000-0000-000000000000\t100\t\n' >"$c/delhostcache"
printf 'n1\tnot-a-uuid\nn2\t6f1c2c1e-1b2a-4c3d-9e8f-0123456789ab\theavy\tx\n\tno-name\na\tb\tc\td\te\n' >"$c/bad-lines"
printf 'n3 n4 ' >"$c/nodelist"
printf '  Alpha\tbeta alpha ' >"$c/nodelist-case"
