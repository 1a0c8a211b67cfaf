#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `ksymres decode --vmlinux`: file:line and inlined frames (through libdw)
# for frames of the test VM's kernel, against what binutils' addr2line -f -i
# prints for the same addresses. The frames are built from the real
# System.map (a few functions, each at half its size) and the vmlinux with
# DWARF is the -dbg package's (scripts/fetch-vmlinux.sh; it stays on the
# host). Paths may differ by addr2line's build-directory prefix only.
# Needs KSYMRES, TOP. Emits TAP.
set -u

n=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; }
T=$(mktemp -d "${TMPDIR:-/tmp}/ksymres-dwarf.XXXXXX")
trap 'rm -rf "$T"' EXIT

rel=$("$TOP/scripts/kernel.sh" vm-release 2>/dev/null) &&
	map=$("$TOP/scripts/fetch-sysmap.sh" "$rel" 2>/dev/null) &&
	vmlinux=$("$TOP/scripts/fetch-vmlinux.sh" "$rel" 2>/dev/null) || {
	echo "ok 1 - file:line against addr2line # SKIP no -dbg vmlinux for the VM kernel"
	echo "1..1"
	exit 0
}

# Functions of an oops's trace (do_syscall_64 inlines do_syscall_x64), and
# every 9000th text symbol; each at half its size in the map (the distance
# to the next symbol).
awk 'prev != "" { print prev, paddr, $1; prev = "" }
	$2 ~ /^[tT]$/ && ($3 == "vfs_write" || $3 == "do_syscall_64" ||
	$3 == "ksys_write" || $3 == "schedule" || NR % 9000 == 0) { prev = $3; paddr = $1 }' \
	"$map" > "$T/picked"
# dash saturates 64-bit hex: do the sums on the low 32 bits.
while read -r name addr next; do
	hi=${addr%????????} lo=${addr#????????}
	[ "$hi" = "${next%????????}" ] || continue
	size=$((0x${next#????????} - 0x$lo))
	[ "$size" -ge 16 ] && [ "$size" -lt 65536 ] || continue
	off=$((size / 2))
	echo "$name" >> "$T/names"
	printf '  %s+0x%x/0x%x\n' "$name" "$off" "$size"
	printf '%s%08x\n' "$hi" $((0x$lo + off)) >> "$T/addrs"
done < "$T/picked" > "$T/trace"
frames=$(grep -c . "$T/trace")

"$KSYMRES" decode --map "$map" --slide 0 --vmlinux "$vmlinux" "$T/trace" > "$T/decoded" 2> "$T/err"
status=$?
[ "$status" -eq 0 ] && [ "$(grep -c '{0x[0-9a-f]* .*:[0-9]*}' "$T/decoded")" -eq "$frames" ] &&
	pass "every one of $frames frames gets an address and file:line" ||
	{ fail "every one of $frames frames gets an address and file:line (exit $status)"; sed 's/^/# /' "$T/err" "$T/decoded" | head; }

# Ours, one line per frame: "func file:line|func file:line|..."
sed 's/.*{0x[0-9a-f]* \(.*\)}$/\1/' "$T/decoded" | awk -v names="$T/names" '
	BEGIN { while ((getline l < names) > 0) { name[++k] = l } }
	{ i++; n = split($0, part, ", inlined into ")
	  out = ""
	  for (j = 1; j <= n; j++) {
		p = part[j]
		if (n == 1) p = name[i] " " p
		out = out (j > 1 ? "|" : "") p
	  }
	  print out }' > "$T/ours"
# addr2line's: the same, paths as it prints them, discriminators dropped
addr2line -a -f -i -e "$vmlinux" $(cat "$T/addrs") | sed 's/ (discriminator [0-9]*)//' | awk '
	/^0x[0-9a-f]+$/ { if (started) print out; out = ""; started = 1; fn = 1; next }
	fn { func = $0; fn = 0; next }
	{ out = out (out != "" ? "|" : "") func " " $0; fn = 1 }
	END { if (started) print out }' > "$T/theirs"

# Equal, up to a leading directory on addr2line's paths.
paste -d'\n' "$T/ours" "$T/theirs" | awk '
	NR % 2 { ours = $0; next }
	{ theirs = $0
	  n = split(ours, a, "|"); m = split(theirs, b, "|")
	  same = (n == m)
	  for (i = 1; same && i <= n; i++) {
		split(a[i], x, " "); split(b[i], y, " ")
		if (x[1] != y[1]) same = 0
		else if (x[2] != y[2] && substr(y[2], length(y[2]) - length(x[2])) != "/" x[2]) same = 0
	  }
	  if (!same) { bad++; print "# ours:     " ours; print "# addr2line: " theirs }
	  if (n > 1) inl++
	  total++ }
	END { print "# " total " frames, " inl + 0 " with inlined functions, " bad + 0 " differ"
	      exit bad > 0 || total == 0 }' > "$T/cmp"
cmp_status=$?
cat "$T/cmp"
[ "$cmp_status" -eq 0 ] && [ "$(grep -c . "$T/ours")" -eq "$frames" ] &&
	pass "file:line and inlined functions equal addr2line -f -i's" ||
	fail "file:line and inlined functions equal addr2line -f -i's"
grep -q '|' "$T/ours" &&
	pass "an inlined chain is among them (do_syscall_64 inlines do_syscall_x64)" ||
	fail "an inlined chain is among them (do_syscall_64 inlines do_syscall_x64)"

# libdw missing or a bad file: a clear error, nothing printed on stdout.
"$KSYMRES" decode --map "$map" --vmlinux "$T/trace" "$T/trace" > "$T/out" 2> "$T/err"
status=$?
[ "$status" -eq 2 ] && [ ! -s "$T/out" ] && grep -q "vmlinux.*no ELF" "$T/err" &&
	pass "--vmlinux on a text file: exit 2 and says why" ||
	{ fail "--vmlinux on a text file: exit 2 and says why (exit $status)"; sed 's/^/# /' "$T/err"; }
echo "1..$n"
