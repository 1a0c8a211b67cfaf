#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The main job's show, run inside the test VM by `make demo`: ksymres
# answering what a kernel developer asks of it. Addresses are taken from
# /proc/kallsyms of this boot (KASLR moves them every time).

step() {
	printf '\n$ %s\n' "$*"
	"$@"
	status=$?
	[ "$status" -eq 0 ] || echo "(exit status $status)"
}

# hex + small offset, without 64-bit overflow in the shell's arithmetic
add_hex() {
	hi=${1%????????}
	lo=${1#"$hi"}
	printf '%s%08x\n' "$hi" $((0x$lo + $2))
}

echo "ksymres demo: kernel $(uname -r), ksymres.ko loaded"

step ksymres info

sched=$(grep -m1 ' T schedule$' /proc/kallsyms | cut -d' ' -f1)
inside=$(add_hex "$sched" 0x10)
modsym=$(grep -m1 ' [tT] .*\[ksymres\]$' /proc/kallsyms | tr '\t' ' ')
modaddr=$(add_hex "$(echo "$modsym" | cut -d' ' -f1)" 0x4)
echo
echo "# schedule is at 0x$sched in this boot; $(echo "$modsym" | cut -d' ' -f3) is in module ksymres"
step ksymres resolve "0x$inside" "[<$modaddr>]"

dup=$(cut -d' ' -f3 /proc/kallsyms | grep -v '^\[' | sort | uniq -d | head -n 1)
step ksymres lookup schedule "$dup"

step ksymres modules

map=/boot/System.map-$(uname -r)
echo
echo "# Is the System.map in /boot this kernel's? (the real one, from the -dbg package)"
step ksymres check "$map"

# The same map with one function's address changed by hand, as when a map
# is kept from a build before a one-line fix: DRIFT, and exactly where.
sym=$(awk '$2 == "T" && $3 == "vfs_read" { print $1 }' "$map")
moved=${sym%????????}$(printf '%08x' $((0x${sym#????????} + 0x20)))
sed "s/^$sym T vfs_read\$/$moved T vfs_read/" "$map" > /tmp/edited.map
echo
echo "# A copy with vfs_read moved 0x20 bytes on:"
step ksymres check /tmp/edited.map

# A real kernel stack as /proc/PID/stack prints it (frames already named,
# addresses hidden as [<0>]) and an old-style raw frame: decode checks each
# frame against this kernel and adds what is missing.
sleep 30 &
pid=$!
sleep 1
{ cat "/proc/$pid/stack"; echo " [<$inside>]"; } > /tmp/trace.txt
kill "$pid"
echo
echo "# A sleeping task's kernel stack, and a raw address:"
step ksymres decode /tmp/trace.txt
