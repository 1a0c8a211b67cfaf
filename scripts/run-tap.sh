#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs one TAP-emitting test program on the host and frames its output as
# the VM runner does, so that tap-summary.sh counts a program that fails
# without a "not ok" line of its own.
#
# Usage: run-tap.sh NAME OUTFILE COMMAND...
name=$1 out=$2
shift 2
{
	echo "# ksymres-test: run $name"
	"$@" < /dev/null 2>&1
	echo "# ksymres-test: exit $name $?"
} > "$out"
