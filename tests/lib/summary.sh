# tests/lib/summary.sh — the closing line every suite prints:
#   [name: ]N passed, N failed[, N skipped]
# summary_line reads output on stdin and prints the last such line;
# summary_parse LINE sets s_p, s_f and s_s (0 when the line has no skips).
summary_line() {
	grep -E '^([A-Za-z0-9_./-]+: )?[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' | tail -n 1
}
summary_parse() {
	l=${1#*: }
	s_p=${l%% passed*}
	s_f=${l#*passed, }; s_f=${s_f%% failed*}
	case $l in
	*skipped) s_s=${l##*failed, }; s_s=${s_s%% skipped} ;;
	*) s_s=0 ;;
	esac
}
