#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The CLI and libksymres on their three sources, against each other on this
# kernel: the device and /proc/kallsyms must give identical answers, and
# the real System.map (from the -dbg package) with the slide computed
# against the live kernel the same names and offsets. Prints TAP.
map=/boot/System.map-$(uname -r)
tmp=$(mktemp -d)
. /ksymres/tap.sh

echo "1..7"

# Every 40th vmlinux text symbol, one byte in (no [module] column).
awk '$2 ~ /^[tT]$/ && NF == 3 && NR % 40 == 0 { print "0x" $1 }' \
	/proc/kallsyms | sed 's/$/ /' > "$tmp/addrs.raw"
# one byte in: add 1 to the last hex digit's value without 64-bit math
while read -r a; do
	last=${a#"${a%?}"}
	printf '%s%x\n' "${a%?}" $((0x$last + 1)) 2>/dev/null
done < "$tmp/addrs.raw" | grep -v 'x.*10$' > "$tmp/addrs"
echo "# $(wc -l < "$tmp/addrs") addresses"

ksymres --source device resolve < "$tmp/addrs" > "$tmp/device"
ok $? "device resolves every sampled address"
ksymres --source kallsyms resolve < "$tmp/addrs" > "$tmp/kallsyms"
ok $? "/proc/kallsyms source resolves every sampled address"
cmp -s "$tmp/device" "$tmp/kallsyms"
ok $? "device and /proc/kallsyms give identical answers"

ksymres --source "map=$map" --slide auto resolve < "$tmp/addrs" > "$tmp/map"
ok $? "System.map source with a computed slide resolves every address"
# The map has symbols kallsyms omits, so sizes may differ: compare
# name+offset; where the names differ they must be aliases (one address).
cut -d/ -f1 "$tmp/device" > "$tmp/device.names"
cut -d/ -f1 "$tmp/map" > "$tmp/map.names"
paste -d' ' "$tmp/device.names" "$tmp/map.names" | while read -r d m; do
	[ "$d" = "$m" ] && continue
	[ "${d#*+}" = "${m#*+}" ] || { echo "# offset differs: $d $m"; echo x; continue; }
	a=$(ksymres lookup "vmlinux:${d%+*}" | cut -d' ' -f1)
	b=$(ksymres lookup "vmlinux:${m%+*}" | cut -d' ' -f1)
	[ -n "$a" ] && [ "$a" = "$b" ] || { echo "# not aliases: $d $m"; echo x; }
done > "$tmp/map.diff"
grep -q '^x' "$tmp/map.diff"
[ $? -ne 0 ]
ok $? "System.map and the device agree on names (up to aliases) and offsets"
grep '^#' "$tmp/map.diff" | head -n 5

names=$(awk 'NF == 3 && NR % 997 == 0 { print $3 }' /proc/kallsyms | head -n 50)
# shellcheck disable=SC2086
ksymres --source device lookup $names > "$tmp/lookup.device"
ksymres --source kallsyms lookup $names > "$tmp/lookup.kallsyms"
# the device knows no vmlinux type letters ('?'): compare without them
awk '{ $3 = ""; print }' "$tmp/lookup.device" > "$tmp/ld"
awk '{ $3 = ""; print }' "$tmp/lookup.kallsyms" > "$tmp/lk"
cmp -s "$tmp/ld" "$tmp/lk" && [ -s "$tmp/ld" ]
ok $? "device and /proc/kallsyms look up the same addresses for $(echo $names | wc -w) names"

# ksymres dump streams the device's records (names valid per callback):
# the same lines as the /proc/kallsyms source, one per /proc/kallsyms line,
# but for BPF programs and ftrace/kprobe trampoline pages, which the device
# does not list (README: what ksymres leaves out).
not_indexed='\[\(bpf\|__builtin__[a-z_]*\)\]$'
ksymres --source device dump | sort > "$tmp/dump.device"
ksymres --source kallsyms dump | grep -v "$not_indexed" | sort > "$tmp/dump.kallsyms"
cmp -s "$tmp/dump.device" "$tmp/dump.kallsyms" &&
	[ "$(grep -c . "$tmp/dump.device")" -eq "$(grep -vc "$not_indexed" /proc/kallsyms)" ]
ok $? "device dump and /proc/kallsyms dump: the same $(grep -c . "$tmp/dump.device") lines"

if [ "$failed" -ne 0 ]; then
	for f in device kallsyms map lookup.device lookup.kallsyms dump.device dump.kallsyms; do
		echo "# --- $f"
		head -n 5 "$tmp/$f" | sed 's/^/# /'
	done
fi
rm -rf "$tmp"
exit $failed
