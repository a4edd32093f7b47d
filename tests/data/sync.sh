#!/bin/sh
# Refreshes tests/data/spec/ from the shared specification beside the project
# (../shared/spec by default, or the directory given).  A developer runs this
# when the spec's data grows; no test reads ../shared itself, so a clone
# anywhere passes its tests with what is committed here.
cd "$(dirname "$0")/../.." || exit 1
src=${1:-../shared/spec}
[ -d "$src" ] || { echo "sync: no spec data at $src" >&2; exit 1; }
dirs="captures cib-examples crm-corpus haresources2cib pe-corpus pe-corpus-2 pm-crmgen-examples"
for d in $dirs; do
	[ -d "$src/$d" ] || { echo "sync: $src/$d missing, kept ours" >&2; continue; }
	rm -rf "tests/data/spec/$d.new" && cp -a "$src/$d" "tests/data/spec/$d.new" &&
		rm -rf "tests/data/spec/$d" && mv "tests/data/spec/$d.new" "tests/data/spec/$d"
done
git status --short tests/data | head -n 20
