#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ksymres check in the VM, on real files: the booted kernel's real map
# (from the -dbg package) must MATCH on every source; Debian's placeholder
# must be passed over by the search for the real map; a copy edited in
# known ways (one symbol moved, one removed, one renamed, every address
# shifted) must report exactly those and the shift as a different slide;
# another kernel's map (the generic flavour's, or the cloud one in the
# debug kernel) must be WRONG KERNEL; garbage, empty, binary and truncated
# files must get a clear message and no crash. Expectations come from the
# files and /proc/kallsyms at run time. Prints TAP.
rel=$(uname -r)
map=/boot/System.map-$rel
other=$(ls /ksymres/data/System.map-* 2>/dev/null | head -n 1)
tmp=$(mktemp -d)
. /ksymres/tap.sh

tap_explain() {
	[ -f "$tmp/out" ] && sed 's/^/# out: /' "$tmp/out" | head -n 20
	[ -f "$tmp/err" ] && sed 's/^/# err: /' "$tmp/err" | head -n 5
	return 0
}
# run ARGS...: ksymres with output in $tmp/out, $tmp/err, status in $rc
run() { ksymres "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?; }
has() { grep -qF -- "$1" "$tmp/out"; }

echo "1..23"

if head -n 1 "$map" | grep -q 'The real System.map'; then
	echo "Bail out! $map is the placeholder: the VM needs the real map"
	exit 1
fi
nsym=$(grep -c . "$map")

# --- the real map -----------------------------------------------------
run --source device check "$map"
ok $((rc != 0)) "real map against the device: MATCH (exit 0)"
has "MATCH: " && has "0 moved, 0 missing, 0 renamed, 0 added"
ok $? "real map: summary line with the counts, nothing drifted"
has "map: $map ($nsym symbols, release $rel)"
ok $? "real map: $nsym symbols counted, release from the name"
text=$(grep ' _text$' /proc/kallsyms | cut -d' ' -f1)
mtext=$(grep ' _text$' "$map" | cut -d' ' -f1)
# the slide without 64-bit shell arithmetic: both share the top 8 digits
slide=$(printf '%x' $((0x${text#????????} - 0x${mtext#????????})))
has "slide: 0x$slide (from _text, confirmed"
ok $? "real map: slide 0x$slide from _text, confirmed by the symbols"
fp=$(sed -n 's/^fingerprint: map \([0-9a-f]*\), reference \([0-9a-f]*\) (same build)$/\1 \2/p' "$tmp/out")
[ -n "$fp" ] && [ "${fp% *}" = "${fp#* }" ]
ok $? "real map: the map's and the kernel's fingerprints are equal ($fp)"
abs=$(awk '$2 == "A" || $2 == "a"' "$map" | wc -l)
has "not compared: $abs absolute,"
ok $? "real map: the $abs absolute symbols counted, not flagged"

run --source kallsyms check "$map"
ok $((rc != 0)) "real map against /proc/kallsyms: MATCH"
grep -q "^fingerprint: map ${fp% *}, reference ${fp% *} " "$tmp/out"
ok $? "/proc/kallsyms gives the device's fingerprint"

grep -v '\[' /proc/kallsyms > "$tmp/kallsyms.saved"
run --source "kallsyms=$tmp/kallsyms.saved" check "$map"
ok $((rc != 0)) "offline: real map against a saved kallsyms: MATCH"
run --source "map=$map" check "$map"
ok $((rc != 0)) "offline: map against itself: MATCH"

# --- the search ---------------------------------------------------------
root=$tmp/root
mkdir -p "$root/boot" "$root/usr/lib/debug/boot"
printf 'ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\n' \
	> "$root/boot/System.map-$rel"
cp "$map" "$root/usr/lib/debug/boot/System.map-$rel"
run check --root "$root"
ok $((rc != 0)) "search: placeholder skipped, the real map found: MATCH"
has "$root/boot/System.map-$rel: placeholder (Debian's; the real map is in the linux-image-$rel-dbg package"
ok $? "search: says the placeholder is one and where the real one is"
has "$root/usr/lib/debug/boot/System.map-$rel: chosen" &&
	has "$root/System.map: not-tried"
ok $? "search: names the map chosen and the ones not tried"
rm "$root/usr/lib/debug/boot/System.map-$rel"
run check --root "$root"
ok $((rc != 5)) "search: only the placeholder: PLACEHOLDER (exit 5)"
has "$root/lib/modules/$rel/build/System.map: missing"
ok $? "search: every missing candidate is named"

# --- an edited copy -----------------------------------------------------
# Three unique text symbols far apart, in the map and in kallsyms alike.
# (one awk pass: busybox's grep -f with 60,000 patterns is slow under TCG)
awk 'NR == FNR { if (NF == 3) k[$3]++; next }
	{ m[$3]++; if ($2 == "T") order[++n] = $3 }
	END {
		for (i = 1; i <= n; i++) {
			s = order[i]
			if (m[s] == 1 && k[s] == 1 && s ~ /^[A-Za-z0-9_]+$/)
				print s
		}
	}' /proc/kallsyms "$map" > "$tmp/uniq"
nu=$(wc -l < "$tmp/uniq")
mv_sym=$(sed -n "$((nu / 4))p" "$tmp/uniq")
rm_sym=$(sed -n "$((nu / 2))p" "$tmp/uniq")
rn_sym=$(sed -n "$((nu * 3 / 4))p" "$tmp/uniq")
if grep -qv '^ffffffff8[1-9a-e]\|^0000' "$map"; then
	skip "edited map: DRIFT with exactly the edits" "addresses outside ffffffff81..8e"
	skip "edited map: the shift" "addresses outside ffffffff81..8e"
else
	# +0x1000000 on every kernel address: bump the 10th hex digit
	awk -v mv="$mv_sym" -v rm="$rm_sym" -v rn="$rn_sym" '
		$3 == rm { next }
		$3 == rn { $3 = $3 "_renamed_by_test" }
		{ print }
	' "$map" | sed -e 's/^ffffffff8e/ffffffff8f/;t' -e 's/^ffffffff8d/ffffffff8e/;t' \
		-e 's/^ffffffff8c/ffffffff8d/;t' -e 's/^ffffffff8b/ffffffff8c/;t' \
		-e 's/^ffffffff8a/ffffffff8b/;t' -e 's/^ffffffff89/ffffffff8a/;t' \
		-e 's/^ffffffff88/ffffffff89/;t' -e 's/^ffffffff87/ffffffff88/;t' \
		-e 's/^ffffffff86/ffffffff87/;t' -e 's/^ffffffff85/ffffffff86/;t' \
		-e 's/^ffffffff84/ffffffff85/;t' -e 's/^ffffffff83/ffffffff84/;t' \
		-e 's/^ffffffff82/ffffffff83/;t' -e 's/^ffffffff81/ffffffff82/' > "$tmp/edited.1"
	# the moved one: 0x40 further, on the low 32 bits
	line=$(grep " $mv_sym\$" "$tmp/edited.1")
	a=${line%% *}
	lo=${a#????????}
	new=${a%????????}$(printf '%08x' $((0x$lo + 0x40)))
	sed "s/^$a \(. $mv_sym\)\$/$new \1/" "$tmp/edited.1" > "$tmp/edited.map"
	run --source device check "$tmp/edited.map"
	grep '^  ' "$tmp/out" | sed 's/ expected .* delta / delta /; s/ expected .* is / is /; s/ actual .*//' \
		> "$tmp/found"
	printf '  moved    T %s delta -0x40\n  renamed  T %s_renamed_by_test is %s in the reference\n  added    ? %s\n' \
		"$mv_sym" "$rn_sym" "$rn_sym" "$rm_sym" > "$tmp/want"
	# the device may know type letters: compare the added line without it
	sed -i 's/^\(  added    \). /\1? /' "$tmp/found"
	[ "$rc" -eq 1 ] && cmp -s "$tmp/want" "$tmp/found"
	ok $? "edited map: DRIFT (exit 1) with exactly the moved ($mv_sym), renamed ($rn_sym) and removed ($rm_sym) symbols"
	[ "$rc" -eq 1 ] || sed "s/^/# found: /" "$tmp/found"
	has "; the map's addresses are shifted by -0x1000000 from its link addresses"
	ok $? "edited map: the constant shift is recognised as a different slide"
fi

# --- another kernel -----------------------------------------------------
if [ -n "$other" ]; then
	run --source device check "$other"
	ok $((rc != 4)) "another kernel's map (${other##*/}): WRONG KERNEL (exit 4)"
	has "the map is named for release ${other##*System.map-}; the kernel is $rel"
	ok $? "another kernel: the release in its name is named"
	cp "$other" "$tmp/System.map"
	run --source device check "$tmp/System.map"
	ok $((rc != 4)) "another kernel, unnamed: WRONG KERNEL from the symbols alone"
	has "no single slide fits"
	ok $? "another kernel, unnamed: no single slide fits"
else
	for t in 1 2 3 4; do
		skip "another kernel's map" "none in /ksymres/data"
	done
fi

# --- bad files ----------------------------------------------------------
: > "$tmp/empty"
head -c 65536 /ksymres/ksymres.ko > "$tmp/binary"
printf 'this is not\na map at all\n' > "$tmp/garbage"
head -c $(($(wc -c < "$map") / 2)) "$map" > "$tmp/truncated"
# cut inside a line, whatever the byte at the middle was
[ -z "$(tail -c 1 "$tmp/truncated" | tr -d '\n')" ] && printf 'ffffffff81' >> "$tmp/truncated"
bad=0
for f in empty binary garbage; do
	run --source device check "$tmp/$f"
	if [ "$rc" -ne 2 ] || ! grep -q "no symbol lines" "$tmp/err"; then
		echo "# $f: rc=$rc $(head -n 2 "$tmp/err")"
		bad=1
	fi
done
ok $bad "empty, binary and garbage files: BAD MAP (exit 2), 'no symbol lines'"
run --source device check "$tmp/truncated"
[ "$rc" -eq 1 ] && grep -q "no newline at the end (truncated file?)" "$tmp/err" && has "DRIFT: "
ok $? "a truncated map: DRIFT (the lost half is 'added'), and the cut is named"

rm -rf "$tmp"
exit $failed
