#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The uapi header must compile alone, as the kernel's usr/include/Makefile
# checks its own: C90 and C++, 64- and 32-bit, without padding holes.
# Prints TAP; exits non-zero on a failure.
top=$(dirname "$(readlink -f "$0")")/..
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0

try() {
	name=$1
	shift
	n=$((n + 1))
	if echo '#include <linux/ksymres.h>' |
	   "$@" -I"$top/uapi" -fsyntax-only - 2>"$tmp/err"; then
		echo "ok $n uapi header compiles alone as $name"
	else
		echo "not ok $n uapi header compiles alone as $name"
		sed 's/^/# /' "$tmp/err"
		failed=1
	fi
}

# Same layout for 32- and 64-bit callers (compat_ptr_ioctl relies on it).
same_layout() {
	n=$((n + 1))
	cat > "$tmp/layout.c" <<'END'
#include <stdio.h>
#include <linux/ksymres.h>
#define S(t) printf(#t " %zu\n", sizeof(struct t))
int main(void)
{
	S(ksymres_info); S(ksymres_sym); S(ksymres_resolve);
	S(ksymres_lookup); S(ksymres_dump); S(ksymres_module);
	S(ksymres_modules);
	return 0;
}
END
	if gcc -m64 -I"$top/uapi" -o "$tmp/layout64" "$tmp/layout.c" &&
	   gcc -m32 -I"$top/uapi" -o "$tmp/layout32" "$tmp/layout.c" &&
	   [ "$("$tmp/layout64")" = "$("$tmp/layout32")" ]; then
		echo "ok $n uapi structs have the same size on 32- and 64-bit"
	else
		echo "not ok $n uapi structs have the same size on 32- and 64-bit"
		failed=1
	fi
}

echo "1..9"
try "C90, 64-bit" gcc -m64 -std=c90 -pedantic -Wall -Werror -Wpadded -x c
try "C90, 32-bit" gcc -m32 -std=c90 -pedantic -Wall -Werror -Wpadded -x c
try "C11, 64-bit" gcc -m64 -std=c11 -Wall -Wextra -Werror -Wpadded -x c
try "C11, 32-bit" gcc -m32 -std=c11 -Wall -Wextra -Werror -Wpadded -x c
try "C++, 64-bit" g++ -m64 -Wall -Werror -Wpadded -x c++
try "C++, 32-bit" g++ -m32 -Wall -Werror -Wpadded -x c++
try "C++98, 64-bit" g++ -m64 -std=c++98 -pedantic -Wall -Werror -x c++
try "C++98, 32-bit" g++ -m32 -std=c++98 -pedantic -Wall -Werror -x c++
same_layout
exit $failed
