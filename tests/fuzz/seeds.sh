#!/bin/sh
# Fills the git-ignored seed corpora of the messaging fuzzers from the shared
# captures: tests/fuzz/corpus-msg/ (every UDP payload, each serial message,
# small hand-made classic/netstring shapes) and tests/fuzz/corpus-authkeys/.
# Run from the repository root; HB_DATA as for the unit tests.
cd "$(dirname "$0")/../.." || exit 1
shared=${HB_DATA:-tests/data}
caps=$shared/spec/captures
msg=tests/fuzz/corpus-msg
ak=tests/fuzz/corpus-authkeys
mkdir -p "$msg" "$ak" || exit 1

n=0
for f in "$caps"/*/payloads/*.bin; do
	[ -f "$f" ] || continue
	d=$(basename "$(dirname "$(dirname "$f")")")
	cp "$f" "$msg/$d-$(basename "$f")" && n=$((n + 1))
done

# Serial: the socat hex log holds both directions as header lines ("> ..."
# or "< ...") followed by hex bytes; cut each direction into messages.
log=$caps/serial/serial-only-socat-hex.log
if [ -f "$log" ]; then
	for dir in '>' '<'; do
		LC_ALL=C awk -v want="$dir" -v out="$msg/serial-$([ "$dir" = '>' ] && echo a || echo b)-" '
			/^[<>]/ { cur = substr($0, 1, 1); next }
			function hex(h) { h = tolower(h); return (index("0123456789abcdef", substr(h, 1, 1)) - 1) * 16 + index("0123456789abcdef", substr(h, 2, 1)) - 1 }
			cur == want { for (i = 1; i <= NF; i++) buf = buf sprintf("%c", hex($i)) }
			END {
				k = 0
				while ((s = index(buf, ">>>\n")) > 0) {
					buf = substr(buf, s)
					e = index(buf, "\n<<<\n")
					if (e == 0) break
					f = sprintf("%s%03d", out, ++k)
					printf "%s", substr(buf, 1, e + 4) > f
					close(f)
					buf = substr(buf, e + 5)
				}
			}' "$log" 2>/dev/null
	done
fi

# Shapes the captures lack: nesting, lists, binary, compressed, type 5.
printf '>>>\n(2)child=>>>\024a=1\024<<<\024\n(3)names=3:abc,4:defg,\nauth=1 0\n<<<\n\000' >"$msg/hand-classic-struct"
printf '###\n26:(2)child=###\n6:(0)a=1,%%%%%%\n,18:(3)l=3:abc,4:defg,,9:(4)z=xyz,13:(5)u=###\n%%%%%%\n,%%%%%%\n5:1 00,' >"$msg/hand-netstring-struct"
printf '>>>\nt=status\nmulti=a\023b\n(1)u=EjRWeJq83vASNFZ4mrze8A==\n(4)c=AAAA\n<<<\n' >"$msg/hand-classic-types"

for f in "$caps"/*/authkeys; do
	[ -f "$f" ] && cp "$f" "$ak/$(basename "$(dirname "$f")")"
done
printf '# keys\n\n  auth 3\r\n1 crc\n2 md5 s3cr3t\n\t3 sha1 s3cr3t extra\n15 sha1 k\n0 crc\n' >"$ak/hand-all"
printf 'auth 2\n1 crc\nauth 16\n' >"$ak/hand-bad"
printf 'auth 1\n1 md5\n' >"$ak/hand-nokey"

# ha.cf / haresources fuzzer (fuzz_hacf): the captured configs.
mkdir -p tests/fuzz/corpus-hacf && for f in "$caps"/*/ha.cf.n* "$caps"/*/haresources; do [ -f "$f" ] && cp "$f" "tests/fuzz/corpus-hacf/$(basename "$(dirname "$f")")-$(basename "$f")"; done

echo "seeds: $(ls "$msg" | wc -l) message seeds ($n payloads), $(ls "$ak" | wc -l) authkeys seeds"
