#!/bin/sh
# Policy-engine benchmark (run by hand, not by CI: crm_simulate needs minutes
# at 32x2000).  For each size NxM it generates the spec 6.3 CIBs (fresh, steady
# from the fresh placement, steady with node01 down), runs our ptest and
# Pacemaker's crm_simulate (-R: one scheduler run plus the summary) RUNS times,
# and prints median wall time, peak RSS, the ratios, and whether the two
# Transition Summaries are identical (whitespace-normalised, order-free).
# Usage: tests/bench/pe/run.sh [16x500] [32x2000]   env: RUNS (3), SCENARIOS
# (a time below 10 ms counts as 10 ms in the ratio)
cd "$(dirname "$0")/../../.." || exit 1
RUNS=${RUNS:-3}
SCENARIOS=${SCENARIOS:-"fresh steady node01-down"}
sizes=${*:-"16x500 32x2000"}
ptest=./heartbeat/ptest
gen=tests/bench/pe/gen_cib.py
[ -x "$ptest" ] || make -s heartbeat/ptest || exit 1
command -v crm_simulate >/dev/null || { echo "crm_simulate not installed (pacemaker-cli-utils)"; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time not installed"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/pebench.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

norm() { sed -n '/^Transition Summary:/,/^$/p' "$1" | sed -e 's/[[:space:]][[:space:]]*/ /g' | sort; }

# measure OUTFILE cmd...: runs RUNS times; prints "median_wall max_rss_kib"
measure() {
	out=$1; shift
	: >"$work/times"
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -o "$work/t" -f "%e %M" "$@" >"$out" 2>/dev/null
		cat "$work/t" >>"$work/times"
		i=$((i + 1))
	done
	sort -n "$work/times" | awk '{ w[NR] = $1; if ($2 > m) m = $2 } END { printf "%s %d\n", w[int((NR + 1) / 2)], m }'
}

printf '%-8s %-14s %10s %10s %10s %10s %8s %8s  %s\n' size scenario "ours s" "ours MiB" "pcmk s" "pcmk MiB" "x time" "x RSS" "summaries"
for size in $sizes; do
	n=${size%x*}
	m=${size#*x}
	fresh=$work/fresh-$size.xml
	steady=$work/steady-$size.xml
	python3 "$gen" --nodes "$n" --primitives "$m" -o "$fresh" || exit 1
	"$ptest" -x "$fresh" >"$work/place-$size.txt" 2>/dev/null
	python3 "$gen" --nodes "$n" --primitives "$m" --status steady --placement "$work/place-$size.txt" -o "$steady" || exit 1
	for sc in $SCENARIOS; do
		case $sc in
		fresh) file=$fresh; extra= ;;
		steady) file=$steady; extra= ;;
		node01-down) file=$steady; extra="-d node01" ;;
		*) continue ;;
		esac
		# shellcheck disable=SC2086
		o=$(measure "$work/ours.txt" "$ptest" -x "$file" $extra)
		# shellcheck disable=SC2086
		p=$(measure "$work/pcmk.txt" crm_simulate -x "$file" -R $extra)
		if norm "$work/ours.txt" >"$work/a" && norm "$work/pcmk.txt" >"$work/b" && cmp -s "$work/a" "$work/b"; then
			same="identical ($(($(wc -l <"$work/a") - 1)) actions)"
		else
			same="DIFFERENT ($(diff "$work/a" "$work/b" | grep -c '^[<>]') lines)"
		fi
		echo "$o $p" | awk -v s="$size" -v sc="$sc" -v same="$same" '{
			ot = $1; om = $2 / 1024; pt = $3; pm = $4 / 1024
			printf "%-8s %-14s %10.2f %10.1f %10.2f %10.1f %8.1f %8.1f  %s\n", s, sc, ot, om, pt, pm,
				(pt / (ot < 0.01 ? 0.01 : ot)), (om > 0 ? pm / om : 0), same }'
	done
done
