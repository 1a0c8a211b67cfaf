#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Proves that the test VM runner fails the runs it must fail: a failing
# test, a kernel WARNING, a VM that never finishes, and under -O (the decode
# test's expected oops) an oops outside its markers and another module's
# WARNING inside them. Prints TAP.
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
echo "1..5"

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

# -O accepts ksymres_oopsmod's oops only between the decode test's markers.
oopsmod=/ksymres/modules/ksymres_oopsmod.ko
cat > "$work/oops-outside.sh" <<EOF
insmod $oopsmod
echo 0 > /proc/sys/kernel/panic_on_oops
sh -c 'echo oops > /dev/ksymres_oops'
EOF
"$here/mkinitramfs.sh" overlay "$work/oops-outside.cpio.gz" "$work/oops-outside.sh"
"$here/run.sh" -O -m cmd -o "$work/oops-outside" -t 120 "$kernel" "$base" \
	"$work/oops-outside.cpio.gz" 2>/dev/null
expect_failure "under -O whose oops is outside the markers" $?

# The expected Oops and WARNING, plus another module's WARNING inside.
cat > "$work/oops-extra.sh" <<EOF
insmod $oopsmod
echo 0 > /proc/sys/kernel/panic_on_oops
echo "<2>ksymres-decode: expected oops: begin" > /dev/kmsg
sh -c 'echo oops > /dev/ksymres_oops'
sh -c 'echo warn > /dev/ksymres_oops'
insmod /root/$(basename "$warnmod")
echo "<2>ksymres-decode: expected oops: end" > /dev/kmsg
EOF
"$here/mkinitramfs.sh" overlay "$work/oops-extra.cpio.gz" "$work/oops-extra.sh" "$warnmod"
"$here/run.sh" -O -m cmd -o "$work/oops-extra" -t 120 "$kernel" "$base" \
	"$work/oops-extra.cpio.gz" 2>/dev/null
expect_failure "under -O with another module's WARNING inside the markers" $?
