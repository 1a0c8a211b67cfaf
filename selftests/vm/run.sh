#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boots the ksymres test VM under QEMU (TCG) and judges the run.
#
#   run.sh [options] KERNEL INITRD...
#	-m MODE     check (run the selftests), cmd (run /ksymres/cmd.sh),
#	            shell (interactive)                       [check]
#	-o DIR      where console.log, results.log, kmsg.log go [build/vm/run]
#	-t SECONDS  hard time limit of the whole VM run         [900]
#	-a ARGS     more kernel command line
#	-d DISK     a raw disk image, as NVMe (/dev/nvme0n1: the stock
#	            kernel has NVMe and ext4 built in, so it can be the root
#	            with no initrd: -a "root=/dev/nvme0n1 init=...")
#	-O          accept the decode test's deliberate oops (see expected_oops)
#
# Several INITRDs are concatenated (the kernel unpacks them in order).
# The run fails on a missing end marker, a timeout, an insmod or rmmod
# failure, and on a kernel log (after the start marker) that shows an oops,
# a BUG, a WARNING, KASAN, UBSAN, kmemleak or lockdep reports or a call
# trace; then the kernel log is printed. Counting the test results is
# tap-summary.sh's job.
set -euo pipefail

mode=check out=build/vm/run limit=900 append='' disk='' oops=0
while getopts m:o:t:a:d:O opt; do
	case $opt in
	m) mode=$OPTARG ;;
	o) out=$OPTARG ;;
	t) limit=$OPTARG ;;
	a) append="$append $OPTARG" ;;
	d) disk=$OPTARG ;;
	O) oops=1 ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || { [ $# -eq 1 ] && [ -n "$disk" ]; } ||
	{ echo "usage: run.sh [-m mode] [-o dir] [-t s] [-d disk] KERNEL INITRD..." >&2; exit 2; }
kernel=$1
shift

mkdir -p "$out"
boot=()
if [ $# -gt 0 ]; then
	initrd=$out/initrd.cpio.gz
	cat "$@" > "$initrd"
	boot=(-initrd "$initrd")
fi
# shellcheck disable=SC2054 # commas belong to QEMU's option syntax
[ -z "$disk" ] || boot+=(-drive "file=$disk,if=none,id=disk0,format=raw"
	-device nvme,drive=disk0,serial=ksymres)
console=$out/console.log results=$out/results.log kmsg=$out/kmsg.log
rm -f "$console" "$results" "$kmsg"
touch "$results" "$kmsg"

cmdline="console=ttyS0 panic=-1 ksymres.mode=$mode$append"
[ "$mode" = shell ] || cmdline="$cmdline quiet"

qemu=(qemu-system-x86_64 -accel tcg -m "${KSYMRES_VM_MEMORY:-1024}"
	-smp "${KSYMRES_VM_CPUS:-2}" -display none -no-reboot
	-kernel "$kernel" "${boot[@]}" -append "$cmdline"
	-device virtio-rng-pci)
if [ "$mode" = shell ]; then
	exec "${qemu[@]}" -serial mon:stdio -serial "file:$results" \
		-serial "file:$kmsg"
fi

status=0
timeout -k 10 "$limit" "${qemu[@]}" -serial "file:$console" \
	-serial "file:$results" -serial "file:$kmsg" < /dev/null || status=$?

fail() {
	echo "ksymres-vm: FAIL: $*" >&2
	failed=1
}
failed=0
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
	fail "timeout: the VM ran longer than ${limit}s"
elif [ "$status" -ne 0 ]; then
	fail "qemu exited with status $status"
fi
grep -q '^# ksymres-vm: end' "$results" ||
	fail "no end marker in the results: the VM did not finish"
grep -q '^# ksymres-vm: insmod ksymres.ko: ok' "$results" ||
	fail "insmod ksymres.ko did not succeed"
grep -q '^# ksymres-vm: rmmod ksymres: ok' "$results" ||
	fail "rmmod ksymres did not succeed after the run (leaked reference?)"

# The decode test (selftests/vm/decode-oops.sh) oopses and WARNs on purpose
# between two markers of its own. With -O, and only then, that block is left
# out of the judgement if it holds exactly what the test makes and nothing
# else judged: one NULL dereference (an Oops; under KASAN the general
# protection fault KASAN calls a null-ptr-deref), one WARNING from
# ksymres_oopsmod, every kernel RIP in ksymres_oopsmod, and under KASAN its
# one slab-out-of-bounds report. Any other block fails the run; so does an
# oops anywhere else.
judged_kmsg=$kmsg judged_console=$console
expected_oops() {
	local begin='ksymres-decode: expected oops: begin'
	local end='ksymres-decode: expected oops: end' block=$out/oops-block.log
	local null='BUG: kernel NULL pointer dereference' oops='Oops: '
	local gpf='general protection fault, probably for non-canonical address.*KASAN$'
	local knull='KASAN: null-ptr-deref in range'
	local oob='BUG: KASAN: slab-out-of-bounds in ksymres_oopsmod_oob[.a-z0-9]*+.*\[ksymres_oopsmod\]$'
	local warn='WARNING: .*\[ksymres_oopsmod\]$' rip='RIP: 0010:'
	local judged='Oops|BUG:|WARNING:|KASAN|UBSAN|kmemleak|possible circular|possible recursive|general protection|Kernel panic'

	if [ "$(grep -c "$begin" "$kmsg")" -ne 1 ] || [ "$(grep -c "$end" "$kmsg")" -ne 1 ]; then
		fail "-O: the kernel log has not exactly one expected-oops block"
		return
	fi
	sed -n "/$begin/,/$end/p" "$kmsg" | tr -d '\r' > "$block"
	# No pipes into grep -q here: under pipefail an early exit reads as failure.
	grep -- "$rip" "$block" > "$block.rip" || true
	grep -v -e "$null" -e "$oops" -e "$gpf" -e "$knull" -e "$oob" -e "$warn" \
		"$block" > "$block.rest" || true
	c() { grep -c -- "$1" "$block" || true; }
	if ! { { [ "$(c "$null")" -eq 1 ] && [ "$(c "$oops")" -eq 1 ] &&
		 [ "$(c "$gpf")" -eq 0 ] && [ "$(c "$knull")" -eq 0 ]; } ||
	       { [ "$(c "$gpf")" -eq 1 ] && [ "$(c "$knull")" -eq 1 ] &&
		 [ "$(c "$null")" -eq 0 ] && [ "$(c "$oops")" -eq 0 ]; }; } ||
	   [ "$(c "$warn")" -ne 1 ] || [ "$(c "$oob")" -gt 1 ] ||
	   [ "$(c "$rip")" -lt 2 ] || grep -qv '\[ksymres_oopsmod\]$' "$block.rip" ||
	   grep -Eq "$judged" "$block.rest"; then
		fail "-O: the expected-oops block holds more or other than ksymres_oopsmod's oops, WARNING (and KASAN report):"
		grep -E "$judged|$rip" "$block" | head -n 20 >&2
		return
	fi
	judged_kmsg=$out/kmsg.judged judged_console=$out/console.judged
	sed "/$begin/,/$end/d" "$kmsg" > "$judged_kmsg"
	sed "/$begin/,/$end/d" "$console" > "$judged_console"
}
[ "$oops" -eq 0 ] || expected_oops

# The kernel log after the marker must be clean. kmemleak's own "new
# suspected memory leaks" line is judged below, from its reports.
bad='Oops|BUG:|WARNING:|KASAN|UBSAN|kmemleak|lockdep|possible circular|possible recursive|general protection|Call Trace|RIP:|Kernel panic'
# Between the markers of faultinject_test, allocations fail on purpose:
# the kernel dumps the stack of each (warn_alloc: "Call Trace:", frames
# indented, the user RIP of the system call) and kmemleak scans an object
# whole when its own bookkeeping fails. Those lines are expected there;
# any report's own header line (BUG:, WARNING:, KASAN, ...) still counts.
since_marker() {
	sed -n '/ksymres-vm: start marker/,$p' "$judged_kmsg" |
		grep -v 'kmemleak: [0-9]* new suspected memory leaks' |
		awk '/ksymres-test: injected allocation failures: begin/ { inj = 1 }
		     /ksymres-test: injected allocation failures: end/ { inj = 0 }
		     inj && /^( |Call Trace:|RIP: 0033:|kmemleak: Cannot allocate a scan area)/ { next }
		     { print }'
}
if since_marker | grep -Eq "$bad"; then
	fail "the kernel log reports a problem:"
	since_marker | grep -E "$bad" | head -n 20 >&2
fi

# kmemleak (debug kernel): no leak of ksymres's while it is loaded, and no
# leak at all appearing when it is unloaded (its frames are gone by then).
leaks() {
	sed -n "/^# ksymres-vm: kmemleak $1: begin/,/^# ksymres-vm: kmemleak $1: end/p" \
		"$results" | grep -v '^# ksymres-vm: '
}
# A frame printed as a bare address is code of a module that is gone: in
# the test VM, an earlier ksymres or a test module.
if leaks before-rmmod | grep -Eq 'ksymres|\] 0x[0-9a-f]+$'; then
	fail "kmemleak reports a leak of ksymres:"
	leaks before-rmmod >&2
fi
if leaks after-rmmod | grep -q 'unreferenced object'; then
	fail "kmemleak reports leaks after rmmod ksymres:"
	leaks after-rmmod >&2
fi
# The console shows a panic even when ttyS2 never got the log.
if grep -Eq 'Kernel panic|Oops|BUG:' "$judged_console"; then
	fail "the console shows a kernel crash"
fi

if [ "$failed" -ne 0 ]; then
	echo "---- kernel log ($kmsg) ----" >&2
	if [ -s "$kmsg" ]; then
		sed -n '/ksymres-vm: start marker/,$p' "$kmsg" >&2
	else
		tail -n 100 "$console" >&2
	fi
	echo "---- end of kernel log ----" >&2
	exit 1
fi
exit 0
