#!/bin/sh
# pkg/install-tree.sh: what `make install` and `make uninstall` run.  Reads
# the manifest pkg/install.mk writes from the install lists; refuses to
# overwrite a file another installed package owns (dpkg's database says so)
# unless FORCE=1, saves every file it overwrites and puts it back at
# uninstall, and records what it installed.  Knows no file by name.
#
#   sh pkg/install-tree.sh install|uninstall|conflicts|list PACKAGE...
#
# Environment (from make): MANIFEST, MANDIR, DESTDIR, FORCE, RECORD_DIR
# (empty: no record, as for a package build), OUR_PACKAGES (the Debian names
# of our own packages: their files are not "another package's").
# Manifest lines: PACKAGE KIND MODE ENTRY DIR
#   KIND   file | keep (a configuration file left alone when present) |
#          link (ENTRY is TARGET=NAME) | dir (MODE[:OWNER:GROUP], ENTRY is "-")
#   ENTRY  FILE or FILE=NAME (installed as DIR/NAME); DIR "@man": MANDIR/manN
set -u
action=${1:-}
[ $# -gt 0 ] && shift
: "${MANIFEST:?MANIFEST not set}" "${MANDIR:=/usr/share/man}" "${DESTDIR=}" "${FORCE=}"
: "${RECORD_DIR=}" "${OUR_PACKAGES=}"
me="make $action"
tab=$(printf '\t')
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

wanted() { # PACKAGE: asked for on the command line
	for p in $pkgs; do [ "$p" = "$1" ] && return 0; done
	return 1
}

# entries: "PACKAGE<TAB>KIND<TAB>MODE<TAB>SOURCE<TAB>DEST" for the packages asked
# for, DEST without DESTDIR.  Later lines for the same DEST win.
entries() {
	while read -r pkg kind mode entry dir; do
		[ -n "${pkg:-}" ] || continue
		wanted "$pkg" || continue
		case $entry in
		*=*) src=${entry%%=*} name=${entry#*=} ;;
		*) src=$entry name=${entry##*/} ;;
		esac
		case $dir in
		@man) dir=$MANDIR/man${name##*.} ;;
		esac
		case $kind in
		dir) dest=$dir ;;
		*) dest=$dir/$name ;;
		esac
		printf '%s\t%s\t%s\t%s\t%s\n' "$pkg" "$kind" "$mode" "$src" "$dest"
	done <"$MANIFEST"
}

# ---- who owns a path: dpkg's database (the tree's own when DESTDIR has one)
dbmode=none adm=
if command -v dpkg-query >/dev/null 2>&1; then
	if [ -n "$DESTDIR" ] && [ -f "$DESTDIR/var/lib/dpkg/status" ]; then
		dbmode=tree adm="--admindir=$DESTDIR/var/lib/dpkg"
	elif [ -n "$DESTDIR" ]; then
		dbmode=copy   # a staging tree: conflicts are copies of installed packages' files
	else
		dbmode=root
	fi
fi

ours() { for p in $OUR_PACKAGES; do [ "$p" = "$1" ] && return 0; done; return 1; }

installed() { # PACKAGE: installed (any state but not-installed / config-files)
	case $(dpkg-query $adm -W -f='${db:Status-Status}' "$1" 2>/dev/null) in
	''|not-installed|config-files) return 1 ;;
	esac
	return 0
}

# The md5 PACKAGE records for PATH (md5sums or conffiles), empty if none.
recorded_md5() {
	f=$(dpkg-query $adm --control-path "$1" md5sums 2>/dev/null)
	r=
	[ -n "$f" ] && r=$(awk -v p="${2#/}" '$2 == p { print $1; exit }' "$f")
	[ -n "$r" ] || r=$(dpkg-query $adm -W -f='${Conffiles}\n' "$1" 2>/dev/null |
		awk -v p="$2" '$1 == p { print $2; exit }')
	echo "$r"
}

md5() { md5sum <"$1" 2>/dev/null | cut -d' ' -f1; }

# aliases PATH: the path and its other name on a merged-/usr system, where
# dpkg knows /lib/systemd/... while /usr/lib/systemd/... is the same file.
aliases() {
	echo "$1"
	case $1 in
	/usr/bin/*|/usr/sbin/*|/usr/lib/*|/usr/lib32/*|/usr/lib64/*|/usr/libx32/*) echo "${1#/usr}" ;;
	/bin/*|/sbin/*|/lib/*|/lib32/*|/lib64/*|/libx32/*) echo "/usr$1" ;;
	esac
}

# foreign DESTS-FILE: "DEST<TAB>PACKAGE" for each destination another
# installed package owns (in a staging tree: holds a copy of that file).
foreign() {
	[ "$dbmode" = none ] && return 0
	: >"$tmp/q"
	while read -r d; do
		aliases "$d" | while read -r a; do printf '%s\t%s\n' "$a" "$d"; done
	done <"$1" >"$tmp/alias"
	cut -f1 "$tmp/alias" | tr '\n' '\0' | xargs -0 -r dpkg-query $adm -S -- 2>/dev/null |
		grep -v '^diversion by' >"$tmp/owners"
	while IFS= read -r line; do
		path=${line#*: } owners=${line%%: *}
		dest=$(awk -F "$tab" -v p="$path" '$1 == p { print $2; exit }' "$tmp/alias")
		[ -n "$dest" ] || continue
		echo "$owners" | tr ',' '\n' | sed 's/^ *//; s/:.*//' | while read -r o; do
			[ -n "$o" ] || continue
			ours "$o" && continue
			installed "$o" || continue
			if [ "$dbmode" = copy ]; then
				[ -f "$DESTDIR$dest" ] || continue
				want=$(recorded_md5 "$o" "$path")
				[ -n "$want" ] && [ "$(md5 "$DESTDIR$dest")" = "$want" ] || continue
			fi
			printf '%s\t%s\n' "$dest" "$o"
		done
	done <"$tmp/owners" | sort -u
}

record_file() { echo "$DESTDIR$RECORD_DIR/make-install.$1.list"; }
save_dir() { echo "$DESTDIR$RECORD_DIR/make-install.saved"; }

# ---- users: as Debian's package creates them
ensure_users() {
	[ -z "$DESTDIR" ] && [ "$(id -u)" = 0 ] || return 0
	if ! getent group haclient >/dev/null; then
		if command -v addgroup >/dev/null; then addgroup --system haclient >/dev/null
		else groupadd -r haclient; fi && echo "$me: created group haclient"
	fi
	if ! getent passwd hacluster >/dev/null; then
		if command -v adduser >/dev/null; then
			adduser --system --ingroup haclient --home /var/lib/heartbeat --no-create-home \
				--disabled-login --disabled-password --gecos "Heartbeat System Account" \
				--shell /bin/false hacluster >/dev/null
		else
			useradd -r -g haclient -d /var/lib/heartbeat -M -s /bin/false \
				-c "Heartbeat System Account" hacluster
		fi && echo "$me: created user hacluster"
	fi
}

# set_owner PATH OWNER:GROUP: where the names exist.  Not in a staging tree
# (DESTDIR): the users there are the target's, and the package's maintainer
# scripts set owners where it is installed.
set_owner() {
	[ -z "$DESTDIR" ] || return 0
	u=${2%%:*} g=${2#*:}
	if [ -n "$u" ] && getent passwd "$u" >/dev/null; then chown "$u" "$1"; fi
	if [ -n "$g" ] && getent group "$g" >/dev/null; then chgrp "$g" "$1"; fi
}

# mkdirs DIR PACKAGE: create DIR and its missing parents, recording each new
# one for PACKAGE (uninstall removes it again when empty).
mkdirs() {
	missing=
	d=$1
	while [ -n "$d" ] && [ "$d" != / ] && [ ! -d "$d" ]; do
		missing="$d $missing"
		d=$(dirname "$d")
	done
	for d in $missing; do
		mkdir "$d" || return 1
		printf '%s\tdir\t%s\t-\n' "$2" "${d#"$DESTDIR"}" >>"$tmp/rec"
	done
}

do_install() {
	entries >"$tmp/entries"
	[ -s "$tmp/entries" ] || { echo "$me: nothing to install for: $pkgs"; return 0; }
	awk -F "$tab" '$2 != "dir" { print $5 }' "$tmp/entries" >"$tmp/dests"
	foreign "$tmp/dests" >"$tmp/foreign"
	if [ -s "$tmp/foreign" ]; then
		while IFS="$tab" read -r d o; do
			echo "$me: $d belongs to the installed package $o" >&2
		done <"$tmp/foreign"
		n=$(wc -l <"$tmp/foreign")
		if [ "$FORCE" != 1 ]; then
			echo "$me: refusing to overwrite $n file(s) of other packages: nothing installed." >&2
			echo "$me: remove those packages first (README.md, \"Replacing Debian's heartbeat\")," >&2
			echo "$me: or run 'make $action FORCE=1': their files are saved and 'make uninstall' puts them back." >&2
			return 1
		fi
		echo "$me: FORCE=1: overwriting them (saved for make uninstall)" >&2
	fi
	ensure_users
	: >"$tmp/rec"
	if [ -n "$RECORD_DIR" ]; then mkdirs "$DESTDIR$RECORD_DIR" "${pkgs%% *}" || return 1; fi
	saved=0 n=0
	while IFS="$tab" read -r pkg kind mode src dest; do
		t=$DESTDIR$dest
		case $kind in
		dir)
			mkdirs "$t" "$pkg" || return 1
			chmod "${mode%%:*}" "$t"
			case $mode in *:*) set_owner "$t" "${mode#*:}" ;; esac
			continue ;;
		keep)
			if [ -e "$t" ]; then echo "$me: kept $dest (already there)"; continue; fi ;;
		esac
		mkdirs "$(dirname "$t")" "$pkg" || return 1
		same=no
		if [ -e "$t" ] || [ -L "$t" ]; then
			if [ "$kind" = link ]; then
				[ -L "$t" ] && [ "$(readlink "$t")" = "$src" ] && same=yes
			elif [ ! -L "$t" ] && cmp -s "$src" "$t"; then
				same=yes
			fi
			s=$(save_dir)$dest
			if [ $same = no ] && [ -n "$RECORD_DIR" ] && [ ! -e "$s" ] && [ ! -L "$s" ]; then
				mkdir -p "$(dirname "$s")" && cp -a "$t" "$s" || return 1
				saved=$((saved + 1))
			fi
		fi
		case $kind in
		link) rm -f "$t" && ln -s "$src" "$t" || return 1 ;;
		*)
			rm -f "$t"
			case $mode in
			*:*) # MODE:OWNER:GROUP, group first: chgrp clears a setgid bit
				install -m 0755 "$src" "$t" || return 1
				if [ -n "$DESTDIR" ]; then
					# a set-id bit with the wrong group would give
					# every user that group: the target sets both
					echo "$me: $dest installed 0755: make it ${mode%%:*} ${mode#*:} where it runs"
				else
					set_owner "$t" "${mode#*:}"
					chmod "${mode%%:*}" "$t"
				fi ;;
			*) install -m "$mode" "$src" "$t" || return 1 ;;
			esac ;;
		esac
		n=$((n + 1))
		# the same file was there already: it stays whoever's it was (an
		# earlier make install's record still names it if it was ours)
		[ $same = yes ] && continue
		sum=-
		[ "$kind" = link ] || sum=$(md5 "$t")
		printf '%s\t%s\t%s\t%s\n' "$pkg" "$kind" "$dest" "$sum" >>"$tmp/rec"
	done <"$tmp/entries"
	if [ -n "$RECORD_DIR" ]; then
		for p in $pkgs; do
			r=$(record_file "$p")
			# this install's lines first; directories an earlier one made stay
			{ awk -F "$tab" -v p="$p" '$1 == p' "$tmp/rec"
			  [ -f "$r" ] && cat "$r"
			} | awk -F "$tab" '!seen[$3]++' >"$r.new" && mv "$r.new" "$r"
		done
	fi
	msg="$me: installed $n files ($pkgs) under ${DESTDIR:-/}"
	[ "$saved" -gt 0 ] && msg="$msg; saved $saved overwritten file(s) in $(save_dir)"
	echo "$msg"
}

do_uninstall() {
	: >"$tmp/todo"
	norecord=
	for p in $pkgs; do
		r=$(record_file "$p")
		if [ -n "$RECORD_DIR" ] && [ -f "$r" ]; then
			cat "$r" >>"$tmp/todo"
		else
			echo "$me: no record of an install of $p: removing what the install lists name"
			norecord=1
			entries | awk -F "$tab" -v p="$p" '$1 == p && $2 != "dir" { print $1 FS $2 FS $5 FS "-" }' >>"$tmp/todo"
		fi
	done
	: >"$tmp/foreign"
	if [ -n "$norecord" ]; then
		awk -F "$tab" '$4 == "-" && $2 != "dir" { print $3 }' "$tmp/todo" >"$tmp/dests"
		foreign "$tmp/dests" >"$tmp/foreign"
	fi
	n=0 kept=0 restored=0
	while IFS="$tab" read -r pkg kind dest sum; do
		[ "$kind" = dir ] && continue
		t=$DESTDIR$dest
		s=
		[ -n "$RECORD_DIR" ] && s=$(save_dir)$dest
		# what is there now is not what install put: someone else's now
		if [ "$sum" != - ] && [ -f "$t" ] && [ "$(md5 "$t")" != "$sum" ]; then
			echo "$me: kept $dest: changed since make install"
			kept=$((kept + 1)); continue
		fi
		if [ "$kind" = link ] && [ -e "$t" ] && [ ! -L "$t" ]; then
			echo "$me: kept $dest: no longer a symbolic link"
			kept=$((kept + 1)); continue
		fi
		o=$(awk -F "$tab" -v d="$dest" '$1 == d { print $2; exit }' "$tmp/foreign")
		if [ -n "$o" ]; then
			echo "$me: kept $dest: it belongs to the installed package $o"
			kept=$((kept + 1)); continue
		fi
		if [ -e "$t" ] || [ -L "$t" ]; then rm -f "$t" && n=$((n + 1)); fi
		if [ -n "$s" ] && { [ -e "$s" ] || [ -L "$s" ]; }; then
			mv "$s" "$t" && restored=$((restored + 1)) && echo "$me: restored $dest"
		fi
	done <"$tmp/todo"
	if [ -n "$RECORD_DIR" ]; then
		for p in $pkgs; do rm -f "$(record_file "$p")"; done
		s=$(save_dir)
		[ -d "$s" ] && find "$s" -depth -type d -empty -delete 2>/dev/null
		[ -d "$s" ] && echo "$me: left saved files of changed destinations in $s"
	fi
	# directories install created, deepest first, when empty
	awk -F "$tab" '$2 == "dir" { print $3 }' "$tmp/todo" | sort -r -u | while read -r d; do
		rmdir "$DESTDIR$d" 2>/dev/null
	done
	msg="$me: removed $n files ($pkgs)"
	[ "$restored" -gt 0 ] && msg="$msg, restored $restored saved original(s)"
	[ "$kept" -gt 0 ] && msg="$msg, kept $kept"
	echo "$msg"
}

pkgs="$*"
[ -n "$pkgs" ] || { echo "usage: install-tree.sh install|uninstall|conflicts|list PACKAGE..." >&2; exit 2; }
case $action in
install) do_install ;;
uninstall) do_uninstall ;;
conflicts) entries | awk -F "$tab" '$2 != "dir" { print $5 }' >"$tmp/d"; foreign "$tmp/d" ;;
list) entries ;;
*) echo "install-tree.sh: unknown action $action" >&2; exit 2 ;;
esac
