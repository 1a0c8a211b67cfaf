#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `make bench`, in the test VM (ksymres.ko already loaded by /init): load
# the real Debian modules of /root/mods in order, with ksymres's per-module
# index messages on, load the bench-only ksymres_benchmod (it times the
# kernel's own sprint_symbol() and kallsyms_lookup_name()), then run
# ksymres-bench. Its records go to the results channel for
# scripts/bench-report.sh.
#
#   sh /root/bench.sh [RUNS]

runs=${1:-5}
mods=/root/mods

# ksymres.ko logs each module index it builds (size, time) with pr_debug.
echo 'module ksymres +p' > /sys/kernel/debug/dynamic_debug/control ||
	echo "bench.sh: dynamic debug not available: no per-module index figures" >&2

loaded=0
failed=
for m in $(cat $mods/load.list); do
	if insmod "$mods/$m" 2> /tmp/insmod.err; then
		loaded=$((loaded + 1))
	else
		failed="$failed ${m%.ko}($(sed 's/.*: //' /tmp/insmod.err | tr ' ' '_'))"
	fi
done
echo "meta debian_modules_loaded $loaded"
echo "meta debian_modules_failed${failed:- none}"

insmod /ksymres/modules/ksymres_benchmod.ko ||
	echo "bench.sh: ksymres_benchmod did not load: the kernel's own paths are not timed" >&2

/root/ksymres-bench "$runs"
status=$?

rmmod ksymres_benchmod 2>/dev/null
exit $status
