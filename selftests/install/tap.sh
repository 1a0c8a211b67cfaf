# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Sourced by the install tests: TAP lines, numbered as they come. A failed
# step shows the tail of its output ($W/log).
n=0 failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
	[ -s "$W/log" ] && tail -n 15 "$W/log" | sed 's/^/#   /'
}
# step DESCRIPTION COMMAND...: passes when the command does.
step() { local d=$1; shift; if "$@" > "$W/log" 2>&1; then pass "$d"; else fail "$d"; fi; }
