#!/bin/sh
# Seeds of fuzz_cib_ops (git-ignored tests/fuzz/corpus-cib_ops/): CIB examples
# and crm-corpus CIBs alone (taken as requests against the built-in CIB),
# and a few "CIB NUL request" inputs, diffs among them.
cd "$(dirname "$0")/../.." || exit 1
shared=${HB_DATA:-tests/data}
out=tests/fuzz/corpus-cib_ops
mkdir -p "$out" || exit 1
for f in "$shared"/spec/cib-examples/*.xml "$shared"/spec/crm-corpus/*.xml "$shared"/crm-tools/*.xml; do
	[ -f "$f" ] && cp "$f" "$out/$(basename "$(dirname "$f")")-$(basename "$f")"
done
base=$shared/spec/cib-examples/01-two-node-group.xml
if [ -f "$base" ]; then
	{ cat "$base"; printf '\000<nvpair id="opt-no-quorum-policy" value="stop"/>'; } >"$out/pair-modify"
	{ cat "$base"; printf '\000<rsc_location id="x" rsc="grpWWW" node="pm02" score="5"/>'; } >"$out/pair-create"
	{ cat "$base"; printf '\000<diff format="1"><diff-removed admin_epoch="0" epoch="5" num_updates="0"><cib><configuration><nodes><node id="pm02" __crm_diff_marker__="removed:top"/></nodes></configuration></cib></diff-removed><diff-added admin_epoch="0" epoch="6" num_updates="0"><cib><configuration><nodes><node id="pm03" uname="pm03" __crm_diff_marker__="added:top" __crm_diff_pos__="1"/></nodes></configuration></cib></diff-added></diff>'; } >"$out/pair-patch"
fi
# a CIB whose root has an id, and a request with none (the root id is an
# ordinary attribute in a diff: once lost, found by a long run)
printf '<cib epoch="2" num_updates="0" admin_epoch="0" id="r"><configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>\000<cib/>' >"$out/root-id"
echo "seeds: $(ls "$out" | wc -l) cib_ops seeds"
