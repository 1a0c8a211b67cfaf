#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `ksymres decode --map` on a real panic, offline, with the slide taken
# from the text: a VM boot in which ksymres_oopsmod oopses with
# panic_on_oops=1, so that the console ends with the panic's own
# "Kernel Offset:" line. Before the oops the VM writes its live _text to
# the results; the host decodes the console log with the real System.map
# and no --slide, and checks the slide and every vmlinux frame's address
# against that _text. The run itself fails (it panics), as it must.
#
# Usage: decode-panic.sh KERNEL BASE_INITRD SYSMAP WORKDIR KSYMRES
set -uo pipefail

kernel=$1 base=$2 map=$3 work=$4 ksymres=$5
here=$(dirname "$(readlink -f "$0")")
mkdir -p "$work"
n=0
check() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fi
}

echo "TAP version 13"
echo "1..4"

cat > "$work/panic.sh" <<'EOF'
insmod /ksymres/modules/ksymres_oopsmod.ko
awk '$3 == "_text" { print "# live _text " $1 }' /proc/kallsyms
echo 1 > /proc/sys/kernel/panic_on_oops
sh -c 'echo oops > /dev/ksymres_oops'
EOF
"$here/mkinitramfs.sh" overlay "$work/panic.cpio.gz" "$work/panic.sh"
# ignore_loglevel: the trace goes to the console, which outlives the panic.
"$here/run.sh" -m cmd -a ignore_loglevel -o "$work/run" -t 300 "$kernel" "$base" \
	"$work/panic.cpio.gz" > /dev/null 2>&1
tr -d '\r' < "$work/run/console.log" > "$work/console.txt"
live=$(sed -n 's/^# live _text \([0-9a-f]*\).*/\1/p' "$work/run/results.log" | tr -d '\r')
mt=$(awk '$3 == "_text" { print $1; exit }' "$map")
grep -q 'Kernel panic' "$work/console.txt" && grep -q '^.*Kernel Offset: 0x' "$work/console.txt" &&
	[ -n "$live" ]
check $? "the VM panicked on the oops and printed its Kernel Offset"

"$ksymres" decode --map "$map" "$work/console.txt" > "$work/decoded" 2> "$work/err"
# module frames are not in a System.map: exit 1, and no slide complaint
[ $? -eq 1 ] && ! grep -q 'slide' "$work/err" "$work/decoded" &&
	! grep -q MISMATCH "$work/decoded"
check $? "decode --map takes the slide from the text: no frame without an address, none flagged"

slide=$(sed -n 's/.*Kernel Offset: \(0x[0-9a-f]*\).*/\1/p' "$work/console.txt" | head -n 1)
[ -n "$slide" ] && [ $((slide)) -eq $((0x$live - 0x$mt)) ]
check $? "the text's Kernel Offset ($slide) is live _text - map _text"

# vmlinux frames: name+0xoff/0xsize {0xaddr}: map address + slide + off
total=0 bad=0
while read -r name off addr; do
	total=$((total + 1))
	start=$(awk -v n="$name" '$3 == n { print $1 }' "$map")
	found=0
	for s in $start; do
		[ $((0x$s + slide + 0x$off)) -eq $((0x$addr)) ] && found=1
	done
	[ $found -eq 1 ] || { bad=$((bad + 1)); echo "# $name+0x$off at $addr: not the map's plus the slide"; }
done < <(sed -n 's/.*[ :]\([A-Za-z_][A-Za-z0-9_.$]*\)+0x\([0-9a-f]*\)\/0x[0-9a-f]* {0x\([0-9a-f]*\)}.*/\1 \2 \3/p' \
	"$work/decoded")
echo "# $total vmlinux frames"
[ "$total" -ge 3 ] && [ "$bad" -eq 0 ]
check $? "every vmlinux frame is at its map address plus the text's slide"
