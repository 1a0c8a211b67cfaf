#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Turns the records ksymres-bench wrote in the VM (results.log) into
# BENCHMARKS.md and the plots of time per address against batch size
# (gnuplot). The goals table comes first, then every section as measured.
#
#   bench-report.sh RESULTS OUT.md PLOTDIR [HOST_LOADAVG]
#
# PLOTDIR/notes.md, when there, is appended: the reasons behind the goals
# a run misses and what would reach them, written by hand.
set -euo pipefail

die() { echo "bench-report.sh: $*" >&2; exit 1; }
[ $# -ge 3 ] || die "usage: bench-report.sh RESULTS OUT.md PLOTDIR [HOST_LOADAVG]"
results=$1 out=$2 plots=$3 hostload=${4:-unknown}
[ -r "$results" ] || die "$results: missing"
grep -q '^meta done 1' "$results" || die "$results: the bench did not finish"

mkdir -p "$plots"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The serial console ends lines with \r\n.
when=$(date -u -r "$results" '+%Y-%m-%d %H:%M UTC')
tr -d '\r' < "$results" > "$tmp/results"
results=$tmp/results

meta() { sed -n "s/^meta $1 //p" "$results" | head -n 1; }

# ---- plots: one per address set, four series ----
for set in vmlinux modules; do
	awk -v set="$set" '$1 == "plot" && $2 == set { v[$3, $4] = $5; n[$3] = 1 }
		END { for (k in n) print k, v[k, "dev_e2e"], v[k, "base_e2e"],
			v[k, "dev_warm"], v[k, "base_warm"] }' "$results" |
		sort -n > "$tmp/$set.dat"
	[ -s "$tmp/$set.dat" ] || die "no plot data for $set"
	gnuplot <<GP
set terminal pngcairo size 900,560 font "sans,10"
set output "$plots/batch-$set.png"
set title "$set addresses: time per address against batch size ($(meta kernel), QEMU TCG)"
set logscale xy
set xlabel "addresses per batch"
set ylabel "time per address (ns, log)"
set grid
set key top right
set format x "%.0s%c"
set format y "10^{%L}"
plot "$tmp/$set.dat" using 1:2 with linespoints lw 2 title "ksymres, end to end (open + resolve)", \
     "" using 1:3 with linespoints lw 2 title "read + parse + sort /proc/kallsyms + bsearch", \
     "" using 1:4 with linespoints lw 2 title "ksymres, warm handle", \
     "" using 1:5 with linespoints lw 2 title "bsearch over a loaded table"
GP
done

# ---- the report ----
{
	echo "# ksymres benchmarks"
	echo
	echo "Written by \`make bench\` from its VM run of $when. Every figure"
	echo "comes from one boot of the test VM (QEMU TCG, software emulation), and"
	echo "every comparison is a ratio of two figures measured in that boot: under"
	echo "TCG absolute times mean little, ratios do."
	echo
	echo "| | |"
	echo "| --- | --- |"
	echo "| kernel | $(meta kernel) (Debian cloud, stock) |"
	echo "| /proc/kallsyms | $(meta kallsyms_lines) symbols: $(meta kallsyms_vmlinux) vmlinux, $(meta kallsyms_module_syms) in modules |"
	echo "| ksymres index | $(meta ksymres_vmlinux) vmlinux symbols, $(meta ksymres_module_syms) module symbols, $(meta ksymres_modules) modules |"
	echo "| modules loaded | $(meta modules) in /proc/modules: $(meta debian_modules_loaded) real Debian modules (xfs, btrfs, sunrpc, nfsd, cifs, ib_core, mlx5_core, ...) and ksymres, ksymres_benchmod; failed: $(meta debian_modules_failed) |"
	echo "| answers agree | $(meta agree) random addresses: ksymres and the parsed /proc/kallsyms give the same symbol (the same name, or an alias at the same address) |"
	echo "| VM | $(meta cpus) CPUs; load average in the VM $(meta vm_load) |"
	echo "| host | load average before the run $hostload (other jobs share the host's 2 cores: ratios within the run stay comparable) |"
	echo "| repetitions | $(meta runs) runs per figure; single-call figures pool every call of every run |"
	echo
	echo "## Goals"
	echo
	echo "| goal | target | measured | |"
	echo "| --- | --- | ---: | --- |"
	sed -n 's/^goal //p' "$results"
	echo
	if [ -r "$plots/notes.md" ]; then
		echo "Why the goals marked missed are missed, by how much, and what would"
		echo "reach them: [Goals not reached](#goals-not-reached) at the end."
		echo
	fi
	sed -n 's/^md //p; s/^md$//p' "$results"
	if [ -r "$plots/notes.md" ]; then
		echo
		cat "$plots/notes.md"
	fi
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "  REPORT  $out, $plots/batch-vmlinux.png, $plots/batch-modules.png"
