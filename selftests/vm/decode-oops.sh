#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `ksymres decode` on a real oops and a real WARN, run in a VM boot of its
# own (the oops kills its writer and taints the kernel). ksymres_oopsmod
# makes them between two markers that the runner (run.sh -O) knows: there
# it accepts exactly this one Oops and one WARNING, from this module, and
# in a kernel with KASAN (the debug kernel) this module's one
# slab-out-of-bounds report. The
# captured text is decoded live (device), from a saved /proc/kallsyms and
# from the real System.map with the slide of this boot, and every frame's
# address is checked against /proc/kallsyms. Prints TAP; the decoded text
# goes to the results for the host (the fuzz corpus and host tests use it).
map=/boot/System.map-$(uname -r)
tmp=$(mktemp -d)
. /ksymres/tap.sh

echo "1..10"
kasan=0
grep -q ' kasan_report$' /proc/kallsyms && kasan=1

insmod /ksymres/modules/ksymres_oopsmod.ko
ok $? "ksymres_oopsmod loads"
echo 0 > /proc/sys/kernel/panic_on_oops
echo "<2>ksymres-decode: expected oops: begin" > /dev/kmsg
sh -c 'echo oops > /dev/ksymres_oops' 2>/dev/null
sh -c 'echo warn > /dev/ksymres_oops'
[ $kasan -eq 0 ] || sh -c 'echo kasan > /dev/ksymres_oops'
echo "<2>ksymres-decode: expected oops: end" > /dev/kmsg
dmesg | sed -n '/ksymres-decode: expected oops: begin/,/ksymres-decode: expected oops: end/p' \
	> "$tmp/oops.txt"
# (with KASAN the NULL read is a general protection fault KASAN explains)
grep -Eq 'Oops: |general protection fault' "$tmp/oops.txt" &&
	grep -q 'WARNING: .*\[ksymres_oopsmod\]' "$tmp/oops.txt"
ok $? "the kernel logged an Oops and a WARNING from ksymres_oopsmod"
echo "# ---- captured text ----"
sed 's/^/# /' "$tmp/oops.txt"

ksymres decode "$tmp/oops.txt" > "$tmp/live.txt"
ok $? "live decode (device) finds every frame and flags none"
echo "# ---- decoded live ----"
sed 's/^/# /' "$tmp/live.txt"

# Every frame annotated "name+0xoff/0xsize [mod] {0xaddr}": addr must be
# the start of a symbol of that name (in that module) in /proc/kallsyms,
# plus off. One frame a line is printed by this kernel.
sed -n 's/.*[ :]\([A-Za-z_][A-Za-z0-9_.$]*\)+0x\([0-9a-f]*\)\/0x[0-9a-f]*\( \[[A-Za-z0-9_]*\]\)\{0,1\} {0x\([0-9a-f]*\)}.*/\1 \2 \4\3/p' \
	"$tmp/live.txt" > "$tmp/frames"
total=0 bad=0 mods=0
while read -r name off addr mod; do
	total=$((total + 1))
	mod=${mod#[}
	mod=${mod%]}
	[ -n "$mod" ] && mods=$((mods + 1))
	found=0
	for start in $(awk -v n="$name" -v m="$mod" \
		'$3 == n && ((m == "" && NF == 3) || $4 == "[" m "]") { print $1 }' /proc/kallsyms); do
		[ "$(printf '%016x' $((0x$start + 0x$off)))" = "$addr" ] && found=1
	done
	[ $found -eq 1 ] || { bad=$((bad + 1)); echo "# not in /proc/kallsyms: $name+0x$off [$mod] at $addr"; }
done < "$tmp/frames"
echo "# $total frames checked, $mods in modules"
[ "$bad" -eq 0 ] && [ "$total" -ge 10 ] && [ "$mods" -ge 4 ]
ok $? "every frame's address is its symbol's in /proc/kallsyms plus the offset"

cp /proc/kallsyms "$tmp/kallsyms"
ksymres decode --kallsyms "$tmp/kallsyms" "$tmp/oops.txt" > "$tmp/saved.txt"
ok $? "decode from a saved /proc/kallsyms finds every frame"
cmp -s "$tmp/live.txt" "$tmp/saved.txt"
ok $? "a saved /proc/kallsyms gives the same text as the device"

# The real System.map, slid by this boot's offset (from the two _text).
lt=$(awk '$3 == "_text" { print $1; exit }' /proc/kallsyms)
mt=$(awk '$3 == "_text" { print $1; exit }' "$map")
slide=$(printf '%x' $((0x$lt - 0x$mt)))
echo "# slide 0x$slide"
ksymres decode --map "$map" --slide "0x$slide" "$tmp/oops.txt" > "$tmp/map.txt"
# module frames are not in a System.map: status 1, and said so
[ $? -eq 1 ] && grep -q '\[ksymres_oopsmod\] {module not in the source}' "$tmp/map.txt"
ok $? "System.map: module frames are reported as not in the source"
# vmlinux frames: the same absolute addresses as live
sed -n 's/.*\(+0x[0-9a-f]*\/0x[0-9a-f]* {0x[0-9a-f]*}\).*/\1/p' "$tmp/live.txt" |
	sed 's/\/0x[0-9a-f]*//' > "$tmp/live.addrs"
sed -n 's/.*\(+0x[0-9a-f]*\/0x[0-9a-f]* {0x[0-9a-f]*}\).*/\1/p' "$tmp/map.txt" |
	sed 's/\/0x[0-9a-f]*//' > "$tmp/map.addrs"
[ -s "$tmp/map.addrs" ] && grep -F -x -f "$tmp/map.addrs" "$tmp/live.addrs" > /dev/null &&
	[ "$(grep -c . "$tmp/map.addrs")" -eq "$(($(grep -c . "$tmp/frames") - mods))" ] &&
	[ -z "$(grep -F -x -v -f "$tmp/live.addrs" "$tmp/map.addrs")" ]
ok $? "System.map with this boot's slide gives the live addresses of every vmlinux frame"

# lockdep's "hardirqs last enabled at (0): [<0000000000000000>]" (debug
# kernel) names no code: those null addresses, and only they, are not found.
ksymres decode --json "$tmp/oops.txt" > "$tmp/live.json"
nulls=$(grep -o '\[<0*>\]' "$tmp/oops.txt" | grep -c .)
[ "$(grep -o '"status": *"ok"' "$tmp/live.json" | grep -c .)" -eq "$total" ] &&
	[ "$(grep -o '"status": *"not_found"' "$tmp/live.json" | grep -c .)" -eq "$nulls" ] &&
	! grep -q '"status": *"mismatch"' "$tmp/live.json"
ok $? "--json has one ok record per frame (not found: the $nulls null addresses)"
if [ $kasan -eq 1 ]; then
	grep -q 'BUG: KASAN: slab-out-of-bounds in ksymres_oopsmod_oob[.a-z0-9]*+0x[0-9a-f]*/0x[0-9a-f]* \[ksymres_oopsmod\] {0x[0-9a-f]*}' \
		"$tmp/live.txt"
	ok $? "a real KASAN report decodes too (its frames are among those checked)"
else
	skip "a real KASAN report decodes too" "no KASAN in this kernel"
fi
rm -rf "$tmp"
