#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ksymres(1) on the host: every bad-input path (unreadable file, garbage
# lines, truncated file, huge line, empty input), exit codes, messages that
# name the argument, file or line at fault, and --json on every command.
# Needs KSYMRES (the binary). Emits TAP.
set -u

K=${KSYMRES:?set KSYMRES to the ksymres binary}
T=$(mktemp -d "${TMPDIR:-/tmp}/ksymres-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
chmod 755 "$T"
n=0
failed=0

pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
	echo "#   rc=$rc"; sed 's/^/#   out: /' "$T/out" | head -5
	sed 's/^/#   err: /' "$T/err" | head -5
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# run [--in FILE] ARGS...: ksymres with stdin from FILE (default /dev/null)
run() {
	in=/dev/null
	if [ "${1-}" = --in ]; then in=$2; shift 2; fi
	"$K" "$@" < "$in" > "$T/out" 2> "$T/err"
	rc=$?
}
# expect DESC RC [OUT-EXACT] [ERR-SUBSTRING]
expect() {
	desc=$1 want_rc=$2 want_out=${3-} want_err=${4-}
	good=1
	[ "$rc" -eq "$want_rc" ] || good=0
	if [ "${3+x}" ] && [ "$want_out" != "*" ]; then
		[ "$(cat "$T/out")" = "$want_out" ] || good=0
	fi
	if [ -n "$want_err" ]; then
		grep -qF -- "$want_err" "$T/err" || good=0
	fi
	if [ $good -eq 1 ]; then pass "$desc"; else fail "$desc"; fi
}
is_json() {
	if command -v jq > /dev/null; then
		jq -e . "$T/out" > /dev/null 2>&1
	else
		python3 -m json.tool "$T/out" > /dev/null 2>&1
	fi
}
expect_json() {
	rc_keep=$rc
	if [ "$rc_keep" -eq "$2" ] && is_json && [ "$(wc -l < "$T/out")" -eq 1 ]; then
		pass "$1"
	else
		fail "$1"
	fi
}

MAP=$T/System.map-6.1.0-99-test
cat > "$MAP" <<'MAPEOF'
0000000000000000 D __per_cpu_start
ffffffff81000000 T _text
ffffffff81000100 T foo
ffffffff81000200 t foo
ffffffff81000300 T bar
ffffffff81001000 T _etext
ffffffff81003000 B _end
MAPEOF
KALL=$T/kallsyms.saved
printf 'ffffffff81000000 T _text\nffffffff81000100 T foo\nffffffff81000200 T _etext\nffffffffc0001000 t ext4_init\t[ext4]\nffffffffc0001800 d ext4_data\t[ext4]\nffffffffc0002000 t foo\t[ext4]\n' > "$KALL"

# ---- usage ----
run --help
expect "--help: usage on stdout, exit 0" 0 "*"
grep -q '^  resolve ' "$T/out" && grep -q '^  modules ' "$T/out" && pass "--help lists the commands from the table" || fail "--help lists the commands from the table"
for c in resolve lookup dump modules info check decode; do
	run "$c" --help
	[ "$rc" -eq 0 ] && grep -q "^usage: ksymres \[OPTIONS\] $c" "$T/out" && [ ! -s "$T/err" ] &&
		pass "$c --help: to stdout, exit 0" || fail "$c --help: to stdout, exit 0"
done
run --version
expect "--version" 0 "*" ""
grep -q '^ksymres [0-9]' "$T/out" && pass "--version prints the version" || fail "--version prints the version"
run
expect "no command: usage error" 2 "" "usage:"
run frobnicate
expect "unknown command: exit 2, named" 2 "" "ksymres: 'frobnicate': unknown command"
run resolve --frob 1
expect "unknown option: exit 2, named" 2 "" "'--frob': unknown option"
run lookup -a foo
expect "an option of another command: exit 2" 2 "" "'-a': unknown option"
run --source
expect "--source without an argument: exit 2" 2 "" "needs an argument"
run --source bogus info
expect "--source bogus: exit 2, named" 2 "" "--source 'bogus': not a source"
run --source map= info
expect "--source map= (no file): exit 2" 2 "" "not a source"
run lookup --source "map=$MAP"
expect "lookup without names: exit 2" 2 "" "lookup: no NAME given"
run dump --source "map=$MAP" extra
expect "dump with an operand: exit 2, named" 2 "" "dump: 'extra': unexpected argument"

# ---- resolve ----
run --source "map=$MAP" resolve ffffffff81000150 0xffffffff81000250 '[<ffffffff81000310>]'
expect "resolve: every address form, %pS output" 0 "foo+0x50/0x100
foo+0x50/0x100
bar+0x10/0xd00"
run resolve --source "map=$MAP" -a 0xffffffff81000150
expect "resolve -a: address first; options after the command" 0 "ffffffff81000150 foo+0x50/0x100"
run --source "map=$MAP" resolve ffffffff81000150 0x10
expect "resolve: one not found: exit 1, raw address printed" 1 "foo+0x50/0x100
0x10"
run --source "map=$MAP" resolve foo ffffffff81000150 'zz zz' ffffffff81000310
expect "resolve: bad arguments named, the rest answered, exit 2" 2 "foo+0x50/0x100
bar+0x10/0xd00" "ksymres: resolve 'foo': not an address"
grep -qF "resolve 'zz zz': not an address" "$T/err" && pass "resolve: every bad argument is named" || fail "resolve: every bad argument is named"
run --source "map=$MAP" resolve 0x10000000000000000
expect "resolve: a 65-bit address is out of range" 2 "" "out of range"
printf 'ffffffff81000150\n\n  [<ffffffff81000310>]  \r\nnope\nffffffff81000250\n' > "$T/in"
run --in "$T/in" --source "map=$MAP" resolve
expect "resolve from stdin: blank lines skipped, CRLF ok, bad line named by number" 2 "foo+0x50/0x100
bar+0x10/0xd00
foo+0x50/0x100" "resolve: <stdin>:4: 'nope': not an address"
: > "$T/empty"
run --in "$T/empty" --source "map=$MAP" resolve
expect "resolve with empty stdin: nothing asked, nothing printed, exit 0" 0 ""
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "f"; print "" }' > "$T/hugein"
run --in "$T/hugein" --source "map=$MAP" resolve
expect "resolve: a 100,000-character stdin line is named, shortened" 2 "" "<stdin>:1: 'fffff"
[ "$(wc -c < "$T/err")" -lt 400 ] && pass "resolve: the huge line is not echoed in full" || fail "resolve: the huge line is not echoed in full"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "ffffffff81000%03x\n", 256 + i % 512 }' > "$T/many"
run --in "$T/many" --source "map=$MAP" resolve
[ "$rc" -eq 0 ] && [ "$(wc -l < "$T/out")" -eq 20000 ] && [ "$(sed -n 20000p "$T/out")" = "foo+0x1f/0x100" ] &&
	pass "resolve: 20,000 stdin lines over several batches, in order" ||
	fail "resolve: 20,000 stdin lines over several batches, in order"

# ---- lookup ----
run --source "map=$MAP" lookup foo
expect "lookup: every duplicate, with address, size and type" 0 "ffffffff81000100 0x100 T foo
ffffffff81000200 0x100 t foo"
run --source "kallsyms=$KALL" lookup foo ext4:foo vmlinux:foo
expect "lookup: module:name and vmlinux:name" 0 "ffffffff81000100 0x100 T foo
ffffffffc0002000 ? t foo [ext4]
ffffffffc0002000 ? t foo [ext4]
ffffffff81000100 0x100 T foo"
run --source "map=$MAP" lookup nosuch foo
expect "lookup: a missing name: exit 1, named; the others answered" 1 "ffffffff81000100 0x100 T foo
ffffffff81000200 0x100 t foo" "ksymres: lookup 'nosuch': not found"
run --source "map=$MAP" lookup 'ext4:' foo
expect "lookup: a malformed name: exit 2, named" 2 "*" "lookup 'ext4:': not a symbol name"
run --source "kallsyms=$KALL" lookup --first foo ext4:foo nosuch
expect "lookup --first: one match a name, the lowest vmlinux one first" 1 "ffffffff81000100 0x100 T foo
ffffffffc0002000 ? t foo [ext4]" "ksymres: lookup 'nosuch': not found"
run --source "map=$MAP" resolve --first 0x1
expect "--first belongs to lookup: exit 2" 2 "" "'--first': unknown option"

# ---- dump, modules, info ----
run --source "kallsyms=$KALL" dump
if [ "$rc" -eq 0 ] && cmp -s "$T/out" "$KALL"; then pass "dump of a saved kallsyms reproduces it"; else fail "dump of a saved kallsyms reproduces it"; fi
run --source "kallsyms=$KALL" modules
expect "modules: name, start, estimated size, symbols, state" 0 "ext4 ffffffffc0001000 ~0x1001 3 unknown"
run --source "map=$MAP" modules
expect "modules on a map: empty, and says a map has none" 0 "" "lists no modules"
run --source "map=$MAP" info
expect "info on a map" 0 "*"
grep -q '^release: 6.1.0-99-test$' "$T/out" && grep -q '^limits: sizes_estimated' "$T/out" &&
	pass "info: release from the map's name, limits shown" || fail "info: release from the map's name, limits shown"
run --source "map=$MAP" --slide 0x2a000000 info
grep -q '^slide: 0x2a000000$' "$T/out" && grep -q '^kaslr_offset: 0x2a000000$' "$T/out" &&
	pass "--slide N shows in info" || fail "--slide N shows in info"
run --source "map=$MAP" --slide 0x2a000000 resolve 0xffffffffab000150
expect "--slide N: runtime addresses resolve" 0 "foo+0x50/0x100"
run --source "map=$MAP" --slide -0x1000 resolve 0xffffffff80fff150
expect "--slide -N: a negative slide" 0 "foo+0x50/0x100"
run --source "map=$MAP" --slide zork info
expect "--slide zork: exit 2, named" 2 "" "--slide 'zork': not a hex number"

# ---- --json on every command ----
run --json --source "map=$MAP" resolve ffffffff81000150 0x10 foo
expect_json "resolve --json: one JSON document" 2
if command -v jq > /dev/null; then
	[ "$(jq -r '.results[0].symbol, .results[0].offset, .results[1].found, .results[2].error' "$T/out" | tr '\n' ' ')" = "foo 0x50 false not an address " ] &&
		pass "resolve --json: fields symbol, offset, found, error" || fail "resolve --json: fields symbol, offset, found, error"
else
	skip "resolve --json fields" "no jq"
fi
run --json --source "kallsyms=$KALL" lookup foo nosuch
expect_json "lookup --json: one JSON document" 1
run --json --source "kallsyms=$KALL" dump
expect_json "dump --json: one JSON document" 0
run --json --source "kallsyms=$KALL" modules
expect_json "modules --json: one JSON document" 0
run --json --source "map=$MAP" info
expect_json "info --json: one JSON document" 0
if command -v jq > /dev/null; then
	[ "$(jq -r '.release, .file.lines, .kaslr_offset' "$T/out" | tr '\n' ' ')" = "6.1.0-99-test 7 null " ] &&
		pass "info --json: release, file.lines, kaslr_offset null when unknown" ||
		fail "info --json: release, file.lines, kaslr_offset null when unknown"
else
	skip "info --json fields" "no jq"
fi

# ---- bad source files ----
run --source "map=$T/nonexistent" info
expect "missing map: exit 3, file named" 3 "" "map '$T/nonexistent': No such file or directory"
run --source "map=$T" info
expect "a directory as map: exit 3" 3 "" "Is a directory"
cp "$MAP" "$T/secret"
chmod 000 "$T/secret"
if [ "$(id -u)" -ne 0 ]; then
	run --source "map=$T/secret" info
	expect "unreadable map: exit 3, Permission denied" 3 "" "Permission denied"
elif command -v setpriv > /dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$K" --source "map=$T/secret" info > "$T/out" 2> "$T/err"
	rc=$?
	expect "unreadable map (as nobody): exit 3, Permission denied" 3 "" "map '$T/secret': Permission denied"
else
	skip "unreadable map" "root and no setpriv"
fi
: > "$T/System.map-empty"
run --source "map=$T/System.map-empty" info
expect "empty map: exit 2, says no symbol lines" 2 "" "no symbol lines"
printf 'hello\nworld\n' > "$T/prose"
run --source "map=$T/prose" info
expect "all-garbage map: exit 2, lines named" 2 "" "2 lines not in nm format, skipped: line 1, 2"
{ cat "$MAP"; echo "this is garbage"; echo "ffffffff81000400 T"; } > "$T/garbage"
run --source "map=$T/garbage" resolve ffffffff81000150
expect "garbage lines: warned with line numbers, answers still given" 0 "foo+0x50/0x100" "2 lines not in nm format, skipped: line 8, 9"
i=0; : > "$T/lots"; while [ $i -lt 30 ]; do echo "junk $i" >> "$T/lots"; i=$((i + 1)); done; cat "$MAP" >> "$T/lots"
run --source "map=$T/lots" resolve ffffffff81000150
expect "30 garbage lines: the list is capped" 0 "foo+0x50/0x100" "30 lines not in nm format, skipped: line 1, 2, 3"
grep -qF ', 16, ...' "$T/err" && pass "the capped list ends in ..." || fail "the capped list ends in ..."
{ cat "$MAP"; printf 'ffffffff810004'; } > "$T/truncated"
run --source "map=$T/truncated" resolve ffffffff81000150
expect "truncated map: the torn last line is named" 0 "foo+0x50/0x100" "line 8: no newline at the end (truncated file?)"
{ head -n 3 "$MAP"; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "x"; print "" }'; tail -n 4 "$MAP"; } > "$T/hugeline"
run --source "map=$T/hugeline" resolve ffffffff81000310
expect "a huge line in a map: skipped and named, the rest used" 0 "bar+0x10/0xd00" "line 4 (some longer than the line limit)"
head -c 65536 /dev/urandom > "$T/binary" 2>/dev/null || dd if=/dev/zero of="$T/binary" bs=1k count=64 2>/dev/null
run --source "map=$T/binary" info
[ "$rc" -eq 2 ] || [ "$rc" -eq 0 ] && pass "binary file: no crash (exit $rc)" || fail "binary file: no crash"
printf 'ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\n' > "$T/System.map-6.1.0-99-cloud-amd64"
run --source "map=$T/System.map-6.1.0-99-cloud-amd64" info
expect "Debian placeholder: exit 3, says where the real map is" 3 "" "the linux-image-6.1.0-99-cloud-amd64-dbg package, at /usr/lib/debug/boot/System.map-6.1.0-99-cloud-amd64"
printf '0000000000000000 T _text\n0000000000000000 T foo\n' > "$T/zero"
run --source "kallsyms=$T/zero" info
expect "kallsyms with hidden addresses: exit 3, says why" 3 "" "addresses are hidden"

if [ "$(id -u)" -eq 0 ] && command -v setpriv > /dev/null &&
   setpriv --reuid=65534 --regid=65534 --clear-groups head -n 1 /proc/kallsyms 2>/dev/null | grep -q '^0*[[:space:]]'; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$K" --source kallsyms resolve 0xffffffff81000000 > "$T/out" 2> "$T/err" < /dev/null
	rc=$?
	expect "live kallsyms as nobody (addresses hidden): exit 3, says why" 3 "" "kallsyms '/proc/kallsyms': kernel addresses are hidden"
else
	skip "live kallsyms with hidden addresses" "cannot run as nobody, or nobody sees addresses"
fi

# ---- the device ----
if [ -e /dev/ksymres ]; then
	skip "--source device without the module" "/dev/ksymres exists"
else
	run --source device info
	expect "--source device without /dev/ksymres: exit 3, clear message" 3 "" "device '/dev/ksymres': no /dev/ksymres (is ksymres.ko loaded?)"
	run --source device=/dev/null info
	expect "--source device=/dev/null: exit 3, not our device" 3 "" "not a ksymres device"
fi

# ---- the live kernel through /proc/kallsyms ----
if "$K" --source kallsyms lookup _text > "$T/text" 2> /dev/null; then
	addr=$(awk 'NR == 1 { print $1 }' "$T/text")
	run --source kallsyms resolve "$addr"
	[ "$rc" -eq 0 ] && grep -q '+0x0/' "$T/out" && pass "live kallsyms: _text resolves" || fail "live kallsyms: _text resolves"
	# A map of the live kernel moved down by 0x10000000: --slide auto finds it.
	awk 'NF == 3 && $1 ~ /^ffffffff8/ { printf "ffffffff7%s %s %s\n", substr($1, 10), $2, $3 }' /proc/kallsyms > "$T/shifted"
	case $addr in
	ffffffff8*)
		run --source "map=$T/shifted" --slide auto info
		grep -q '^slide: 0x10000000$' "$T/out" && pass "--slide auto: computed against the live _text" || fail "--slide auto: computed against the live _text"
		run --source "map=$T/shifted" --slide auto resolve "$addr"
		[ "$rc" -eq 0 ] && grep -q '+0x0/' "$T/out" && pass "--slide auto: live addresses resolve in the shifted map" || fail "--slide auto: live addresses resolve in the shifted map"
		;;
	*)
		skip "--slide auto" "kernel text not at ffffffff8xxxxxxx"
		;;
	esac
	# A map named for a release that is not running: no slide is guessed.
	cp "$T/shifted" "$T/System.map-0.0.0-not-this-kernel"
	run --source "map=$T/System.map-0.0.0-not-this-kernel" --slide auto resolve "$addr"
	expect "--slide auto with another release's map: exit 3, names both" 3 "" "is for kernel 0.0.0-not-this-kernel, not the running one"
	run --source kallsyms --slide 0x1000 resolve "$addr"
	expect "--slide on the live /proc/kallsyms: exit 2, says why" 2 "" "holds runtime addresses"
else
	skip "live kallsyms" "/proc/kallsyms hides addresses"
	skip "--slide auto" "/proc/kallsyms hides addresses"
fi

# ---- check ----
CREF=$T/check.kallsyms
printf 'ffffffffa1000000 T _text\nffffffffa1000100 T foo\nffffffffa1000200 t foo\nffffffffa1000300 T bar\nffffffffa1001000 T _etext\nffffffffa1003000 B _end\n' > "$CREF"
run --source "kallsyms=$CREF" check "$MAP"
expect "check: a map and its kernel's kallsyms: MATCH, exit 0" 0 "*"
tail -n 1 "$T/out" | grep -q '^MATCH: 6 compared, 6 matched, 0 moved, 0 missing, 0 renamed, 0 added; not compared: 0 absolute, 1 per-cpu,' &&
	pass "check: the summary line is last, with the counts" || fail "check: the summary line is last, with the counts"
grep -q '^slide: 0x20000000 (from _text, confirmed by ' "$T/out" &&
	pass "check: slide from _text, confirmed" || fail "check: slide from _text, confirmed"
sed 's/^ffffffff81000300 T bar$/ffffffff81000380 T bar/' "$MAP" > "$T/moved.map"
run --source "kallsyms=$CREF" check "$T/moved.map"
expect "check: a moved symbol: DRIFT, exit 1, expected, actual and delta" 1 "*"
grep -q '^  moved    T bar expected 0xffffffffa1000380 actual 0xffffffffa1000300 delta -0x80$' "$T/out" &&
	pass "check: the moved line names both addresses and the delta" || fail "check: the moved line names both addresses and the delta"
run --source "kallsyms=$CREF" --json check "$T/moved.map"
expect_json "check --json: one document, exit 1" 1
grep -q '"verdict":"DRIFT"' "$T/out" && grep -q '"delta":"-0x80"' "$T/out" &&
	pass "check --json: verdict and delta" || fail "check --json: verdict and delta"
run --source "kallsyms=$CREF" check --max-report 0 "$T/moved.map"
grep -q '^  \.\.\. and 1 more (--max-report)$' "$T/out" && [ "$rc" -eq 1 ] &&
	pass "check --max-report 0: the findings are counted, not listed" || fail "check --max-report 0: the findings are counted, not listed"
run --source "kallsyms=$CREF" check --max-report -1 "$MAP"
expect "check --max-report -1: exit 2" 2 "" "--max-report '-1': not a count"
run --source "kallsyms=$CREF" check "$MAP" "$MAP"
expect "check with two maps: exit 2" 2 "" "one map at most"
run --source "kallsyms=$CREF" --slide 0x10 check "$MAP"
expect "check --slide: refused, exit 2" 2 "" "check computes the slide itself"
run --source "kallsyms=$CREF" resolve --root / 0x1
expect "--root on another command: exit 2" 2 "" "'--root': unknown option"
run --source "kallsyms=$CREF" check "$T/nonexistent"
expect "check of a missing map: NO MAP, exit 6" 6 "*" "no such file"
: > "$T/empty.map"
run --source "kallsyms=$CREF" check "$T/empty.map"
expect "check of an empty file: BAD MAP, exit 2" 2 "*" "no symbol lines"
printf 'ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\n' > "$T/System.map-6.1.0-98-cloud-amd64"
run --source "kallsyms=$CREF" check "$T/System.map-6.1.0-98-cloud-amd64"
expect "check of the placeholder: PLACEHOLDER, exit 5, names the package" 5 "*" "the linux-image-6.1.0-98-cloud-amd64-dbg package"
printf 'ffffffff81000000 T _text\nffffffff81000110 T foo\nffffffff81000230 t foo\nffffffff81000350 T bar\n' > "$T/other.map"
run --source "kallsyms=$CREF" check "$T/other.map"
expect "check of another build's map: WRONG KERNEL, exit 4" 4 "*"
grep -q '^  no single slide fits' "$T/out" && pass "check: WRONG KERNEL says why" || fail "check: WRONG KERNEL says why"
mkdir -p "$T/root/boot"
cp "$T/System.map-6.1.0-98-cloud-amd64" "$T/root/boot/"
run --source "kallsyms=$CREF" check --root "$T/root" --release 6.1.0-98-cloud-amd64
expect "check --root with only a placeholder: exit 5" 5 "*"
grep -q "^  $T/root/boot/System.map-6.1.0-98-cloud-amd64: placeholder (Debian's; the real map is in the linux-image-6.1.0-98-cloud-amd64-dbg package" "$T/out" &&
	grep -q "^  $T/root/usr/src/linux/System.map: missing$" "$T/out" &&
	pass "check --root: every candidate listed with its reason" || fail "check --root: every candidate listed with its reason"

# ---- decode ----
printf ' foo+0x10/0x100\n [<ffffffff81000110>]\n ext4_init+0x4/0x800 [ext4]\nplain\n' > "$T/trace"
run decode --kallsyms "$KALL" "$T/trace"
expect "decode: frames and addresses annotated, other text unchanged" 0 \
" foo+0x10/0x100 {0xffffffff81000110}
 [<ffffffff81000110>] {foo+0x10/0x100}
 ext4_init+0x4/0x800 [ext4] {0xffffffffc0001004}
plain"
run --in "$T/trace" decode --kallsyms "$KALL"
expect "decode: from stdin the same" 0 "*"
run decode --kallsyms "$KALL" --json "$T/trace"
expect_json "decode --json: one document" 0
run decode --kallsyms "$KALL" "$T/nonexistent"
expect "decode: missing input file: exit 2, named" 2 "" "decode '$T/nonexistent': No such file"
run decode --kallsyms "$KALL" --map "$MAP" "$T/trace"
expect "decode: --kallsyms and --map: exit 2" 2 "" "give one source"
run --source "map=$MAP" decode --kallsyms "$KALL" "$T/trace"
expect "decode: --source and --kallsyms: exit 2" 2 "" "give one source"
run resolve --vmlinux x 1
expect "--vmlinux outside decode: unknown option" 2 "" "'--vmlinux': unknown option"
run decode --map "$MAP" "$T/trace"
expect "decode --map without a slide: exit 1, says the slide is unknown" 1 "*" "no --slide and no 'Kernel Offset:' line"
grep -q 'foo+0x10/0x100 {map 0xffffffff81000110, slide unknown}' "$T/out" &&
	pass "decode --map without a slide: frames get the map address" ||
	fail "decode --map without a slide: frames get the map address"
printf ' foo+0x10/0x100\nKernel Offset: 0x20000000 from 0xffffffff81000000\n' > "$T/panic"
run decode --map "$MAP" "$T/panic"
expect "decode --map: the slide from the text's Kernel Offset line" 0 \
" foo+0x10/0x100 {0xffffffffa1000110}
Kernel Offset: 0x20000000 from 0xffffffff81000000"
run decode --kallsyms "$KALL" --vmlinux "$MAP" "$T/trace"
expect "decode --vmlinux on a non-ELF file: exit 2, says why" 2 "" "no ELF symbol table"
run decode --kallsyms "$KALL" --module "$T/nonexistent.ko" "$T/trace"
expect "decode --module on a missing file: exit 2, named" 2 "" "nonexistent.ko': No such file"
head -c 100000 /dev/urandom > "$T/binary"
run decode --kallsyms "$KALL" "$T/binary"
[ "$rc" -le 1 ] && cmp -s "$T/out" "$T/binary" || grep -q '{' "$T/out"
[ $? -eq 0 ] && pass "decode: binary input passes through (annotated at most)" ||
	fail "decode: binary input passes through (annotated at most)"

echo "1..$n"
[ $failed -eq 0 ]
