#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Proves that the test VM runner fails the runs it must fail: a failing
# test, a kernel WARNING, and a VM that never finishes. Prints TAP.
#
# Usage: runner-selftest.sh KERNEL BASE_INITRD WARNMOD_KO WORKDIR
set -uo pipefail

kernel=$1 base=$2 warnmod=$3 work=$4
here=$(dirname "$(readlink -f "$0")")
top=$here/../..
mkdir -p "$work/failing"
n=0

expect_failure() {
	local what=$1 status=$2
	n=$((n + 1))
	if [ "$status" -ne 0 ]; then
		echo "ok $n runner fails a run $what"
	else
		echo "not ok $n runner passed a run $what"
	fi
}

echo "TAP version 13"
echo "1..3"

# A test that reports "not ok": the run itself is clean, the count fails.
printf '#!/bin/sh\necho "1..1"\necho "not ok 1 deliberate failure"\nexit 1\n' \
	> "$work/failing/fails"
chmod +x "$work/failing/fails"
echo "/ksymres/run-tests.sh /root/failing" > "$work/fail.sh"
"$here/mkinitramfs.sh" overlay "$work/fail.cpio.gz" "$work/fail.sh" \
	"$work/failing:/root/failing"
"$here/run.sh" -m cmd -o "$work/fail" -t 120 "$kernel" "$base" \
	"$work/fail.cpio.gz" 2>/dev/null &&
	"$top/scripts/tap-summary.sh" "$work/fail/results.log" >/dev/null
expect_failure "whose test fails" $?

# A module that WARNs: every test passes, the kernel log does not.
echo "insmod /root/$(basename "$warnmod")" > "$work/warn.sh"
"$here/mkinitramfs.sh" overlay "$work/warn.cpio.gz" "$work/warn.sh" "$warnmod"
"$here/run.sh" -m cmd -o "$work/warn" -t 120 "$kernel" "$base" \
	"$work/warn.cpio.gz" 2>/dev/null
expect_failure "whose kernel logs a WARNING" $?

# A command that never ends: the time limit stops the VM.
echo "sleep 3600" > "$work/hang.sh"
"$here/mkinitramfs.sh" overlay "$work/hang.cpio.gz" "$work/hang.sh"
"$here/run.sh" -m cmd -o "$work/hang" -t 20 "$kernel" "$base" \
	"$work/hang.cpio.gz" 2>/dev/null
expect_failure "that does not finish in time" $?
