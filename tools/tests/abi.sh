#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The exported ABI of libksymres.so: exactly the functions the public
# header declares, each versioned in libksymres.map, nothing else leaking
# out of -fvisibility=hidden, and the soname the Makefile promises.
# Needs O (the build dir) and TOP. Emits TAP.
set -u

SO=$O/lib/libksymres.so.0
HDR=$TOP/tools/lib/ksymres.h
MAP=$TOP/tools/lib/libksymres.map
T=$(mktemp -d "${TMPDIR:-/tmp}/ksymres-abi.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0
failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; sed 's/^/#   /' "$T/diff" 2>/dev/null | head -10; }

nm -D --defined-only "$SO" | awk '$2 ~ /^[TtWiDdBbRr]$/ { print $3 }' | sort > "$T/dynsyms"
sed 's/@.*//' "$T/dynsyms" | grep -v '^LIBKSYMRES_' | sort -u > "$T/exported"
# Function names declared in the header: an identifier followed by '('
# at the start of a declaration line.
sed -n 's/^[a-z].*[ *]\(ksymres_[a-z_0-9]*\)(.*/\1/p' "$HDR" | sort -u > "$T/declared"
sed -n 's/^[[:space:]]*\(ksymres_[a-z_0-9]*\);/\1/p' "$MAP" | sort -u > "$T/versioned"

[ -s "$T/declared" ] && diff -u "$T/declared" "$T/exported" > "$T/diff" &&
	pass "exported functions are exactly those of ksymres.h ($(wc -l < "$T/declared"))" ||
	fail "exported functions are exactly those of ksymres.h"
diff -u "$T/versioned" "$T/exported" > "$T/diff" &&
	pass "every exported function is in libksymres.map and every versioned one exported" ||
	fail "exported and versioned functions agree"
# name@@NODE as the map assigns them: each function in the node it is listed in
awk '/^LIBKSYMRES_[0-9.]* *\{/ { node = $1 } /^[[:space:]]*ksymres_[a-z_0-9]*;/ { sub(/;/, "", $1); print $1 "@@" node }' \
	"$MAP" | sort > "$T/wanted"
grep -v '^LIBKSYMRES_' "$T/dynsyms" | sort > "$T/got"
diff -u "$T/wanted" "$T/got" > "$T/diff" && [ -s "$T/wanted" ] &&
	pass "every export carries the version node libksymres.map lists it in" ||
	fail "every export carries the version node libksymres.map lists it in"
# A released node never changes: what 0.1 exported stays in 0.1.
grep '@@LIBKSYMRES_0\.1$' "$T/dynsyms" | sed 's/@.*//' | sort > "$T/v01"
sed -n '/^LIBKSYMRES_0\.1 {/,/^}/s/^[[:space:]]*\(ksymres_[a-z_0-9]*\);/\1/p' "$MAP" | sort > "$T/map01"
diff -u "$T/map01" "$T/v01" > "$T/diff" && [ "$(grep -c . "$T/v01")" -eq 20 ] &&
	pass "LIBKSYMRES_0.1 still holds its 20 functions" ||
	fail "LIBKSYMRES_0.1 still holds its 20 functions"
soname=$(readelf -d "$SO" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libksymres.so.0 ] && pass "soname is libksymres.so.0" ||
	{ echo "soname: $soname" > "$T/diff"; fail "soname is libksymres.so.0"; }
# The library never prints: no stdio writers in its imports.
nm -D --undefined-only "$SO" | awk '{ print $2 }' | sed 's/@.*//' |
	grep -E '^(printf|fprintf|vfprintf|puts|fputs|putchar|fputc|perror|fwrite|write|dprintf|vprintf)$' > "$T/diff"
[ ! -s "$T/diff" ] && pass "the library imports no printing function" ||
	fail "the library imports no printing function"

echo "1..$n"
[ $failed -eq 0 ]
