#!/bin/sh
# Fills the git-ignored seed corpus of fuzz_compress: zlib and bz2 streams of
# classic and netstring messages (first byte: bit 0 = bz2, bit 1 = 4 KiB bound),
# one cut short and one with junk after it.  Needs python3; run from the
# repository root.
cd "$(dirname "$0")/../.." || exit 1
c=tests/fuzz/corpus-compress
mkdir -p "$c" || exit 1
command -v python3 >/dev/null 2>&1 || exit 0
python3 - "$c" <<'PY'
import bz2, sys, zlib
d = sys.argv[1]
msgs = [b">>>\nt=test\nx=hello hello hello\n<<<\n\0",
        b"###\n10:(0)t=cib,26:(2)child=###\n6:(0)a=1,%%%\n,%%%\n",
        b"<cib>" + b"<lrm_rsc_op id=\"r1_monitor_10000\" rc-code=\"0\"/>" * 200 + b"</cib>"]
for i, m in enumerate(msgs):
    z, b = zlib.compress(m), bz2.compress(m, 1)
    open(f"{d}/zlib-{i}", "wb").write(b"\0" + z)
    open(f"{d}/bz2-{i}", "wb").write(b"\1" + b)
    open(f"{d}/zlib-small-{i}", "wb").write(b"\2" + z)
    open(f"{d}/zlib-cut-{i}", "wb").write(b"\0" + z[:len(z) // 2])
    open(f"{d}/bz2-junk-{i}", "wb").write(b"\1" + b + b"junk")
PY
