#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs every test program in /ksymres/tests (or the folder given) inside
# the VM, one after the other, each under a time limit, and says how each
# one ended. The host counts the TAP lines and fails a program that exits
# non-zero.

limit=${KSYMRES_TEST_TIMEOUT:-600}

for test in "${1:-/ksymres/tests}"/*; do
	[ -x "$test" ] || continue
	name=${test##*/}
	echo "# ksymres-test: run $name"
	timeout "$limit" "$test" < /dev/null
	echo "# ksymres-test: exit $name $?"
done
