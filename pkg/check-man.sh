#!/bin/sh
# pkg/check-man.sh: every man page of the tree (NAME.N with a .TH line, kept
# beside its code) passes groff's and mandoc's warnings, and every program
# the install lists install has a page of its name in the same package.
# Resource scripts and files outside the program directories are exempt.
# Run by "make check-man" (MANIFEST from pkg/install.mk); prints each
# problem and "check-man: N problem(s)"; exit 1 if any.
set -u
: "${MANIFEST:?MANIFEST not set}"
problems=0
bad() { echo "check-man: $*"; problems=$((problems + 1)); }

pages=$(find . \( -path ./.git -o -path './debian/*/*' -o -path './build-*' -o -path './tests/data' \) -prune -o \
	-type f -name '*.[1-8]' -print | sort)
n=0
for p in $pages; do
	grep -q '^\.TH ' "$p" || continue
	n=$((n + 1))
	out=$(groff -man -ww -z -t "$p" 2>&1)
	[ -z "$out" ] || bad "$p: groff: $out"
	if command -v mandoc >/dev/null 2>&1; then
		out=$(mandoc -Tlint -Wwarning "$p" 2>&1)
		[ -z "$out" ] || bad "$p: mandoc: $out"
	fi
	sec=${p##*.}
	th=$(awk '$1 == ".TH" { print $3; exit }' "$p")
	[ "$th" = "$sec" ] || bad "$p: .TH says section $th, the file name $sec"
done
[ "$n" -gt 0 ] || bad "no man page found (run from the top of the tree)"

# Programs: executables installed into a bin, sbin, libexec or share/heartbeat
# directory (not resource.d, not init.d).
tab=$(printf '\t')
MANIFEST=$MANIFEST DESTDIR= RECORD_DIR= sh pkg/install-tree.sh list heartbeat crm-tools >"${TMPDIR:-/tmp}/check-man.$$"
while IFS="$tab" read -r pkg kind mode src dest; do
	[ "$kind" = file ] || continue
	case $mode in 0755|2555*|4755*) ;; *) continue ;; esac
	case $dest in */resource.d/*|*/init.d/*) continue ;; esac
	name=${dest##*/}
	if ! awk -F "$tab" -v p="$pkg" -v n="$name" '
		$1 == p && $5 ~ "/man[1-8]/" { b = $5; sub(".*/", "", b); sub("\\.[1-8]$", "", b); if (b == n) f = 1 }
		END { exit !f }' "${TMPDIR:-/tmp}/check-man.$$"; then
		bad "$dest ($src, package $pkg) has no man page: add $name.N beside it to MANS (or CRM_MANS)"
	fi
done <"${TMPDIR:-/tmp}/check-man.$$"
rm -f "${TMPDIR:-/tmp}/check-man.$$"
echo "check-man: $n man page(s) checked, $problems problem(s)"
[ "$problems" -eq 0 ]
