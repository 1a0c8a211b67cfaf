#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Counts the TAP results in the given files and ends with the one line
#	N passed, N failed[, N skipped]
# Exits 1 when anything failed or when nothing ran.
#
# Leaf lines "ok N ..." pass ("# SKIP" skips), "not ok N ..." fail. A test
# program that the VM runner saw exit non-zero, or start and never end, is
# a failure of its own when none of its lines failed already.
set -eu

[ $# -gt 0 ] || { echo "usage: tap-summary.sh FILE..." >&2; exit 2; }

awk '
function close_program(code) {
	if (prog != "" && code != 0 && prog_failed == 0) {
		failed++
		printf "FAIL: %s exited with status %s\n", prog, code
	}
	prog = ""
}
/^# ksymres-test: run / { prog = $4; prog_failed = 0; next }
/^# ksymres-test: exit / { close_program($5 + 0); next }
/^not ok [0-9]+/ {
	if ($0 ~ /# (SKIP|skip)/) { skipped++; next }
	failed++; prog_failed++
	printf "FAIL: %s%s\n", (prog != "" ? prog ": " : ""), $0
	next
}
/^ok [0-9]+/ {
	if ($0 ~ /# (SKIP|skip)/) skipped++
	else passed++
	next
}
END {
	if (prog != "") {
		failed++
		printf "FAIL: %s started and never finished\n", prog
	}
	line = sprintf("%d passed, %d failed", passed, failed)
	if (skipped) line = line sprintf(", %d skipped", skipped)
	print line
	exit (failed > 0 || passed == 0) ? 1 : 0
}' "$@"
