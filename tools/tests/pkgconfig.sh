#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `make install DESTDIR=...` gives a tree that a small program builds
# against with `pkg-config --cflags --libs libksymres`, shared and static;
# the installed CLI runs from it (rpath $ORIGIN/../lib); every exported
# symbol is versioned. Needs TOP and O. Emits TAP.
set -u

TOP=${TOP:?} O=${O:?} CC=${CC:-cc} CFLAGS=${CFLAGS:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/ksymres-pc.XXXXXX")
trap 'rm -rf "$T"' EXIT
R=$T/root
n=0
failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; [ -f "$T/log" ] && sed 's/^/#   /' "$T/log" | tail -15; }
step() { desc=$1; shift; if "$@" > "$T/log" 2>&1; then pass "$desc"; else fail "$desc"; fi; }

step "make install PREFIX=/usr DESTDIR=... (library)" \
	make -s --no-print-directory -C "$TOP/tools/lib" O="$O" PREFIX=/usr DESTDIR="$R" install
step "make install PREFIX=/usr DESTDIR=... (CLI, man pages)" \
	make -s --no-print-directory -C "$TOP/tools/ksymres" O="$O" PREFIX=/usr DESTDIR="$R" install
missing=
for f in usr/lib/libksymres.so.0 usr/lib/libksymres.so usr/lib/libksymres.a \
	 usr/lib/pkgconfig/libksymres.pc usr/include/ksymres.h usr/include/linux/ksymres.h \
	 usr/bin/ksymres usr/share/man/man1/ksymres.1 usr/share/man/man3/libksymres.3 \
	 usr/share/man/man4/ksymres.4; do
	[ -e "$R/$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && pass "installed: library, headers (with linux/ksymres.h), CLI, man pages" ||
	{ echo "# missing:$missing"; fail "installed: library, headers, CLI, man pages"; }
step "every exported symbol is versioned (check_abi)" \
	make -s --no-print-directory -C "$TOP/tools/lib" O="$O" check_abi

cat > "$T/prog.c" <<'CEOF'
#include <stdio.h>
#include <string.h>
#include <ksymres.h>
#include <linux/ksymres.h>

int main(int argc, char **argv)
{
	struct ksymres_ctx *ctx = ksymres_new();
	uint64_t addr = 0xffffffff81000150ULL;
	struct ksymres_symbol s;
	char buf[128];
	int ret;

	if (!ctx || argc < 2)
		return 2;
	ret = ksymres_open_sysmap(ctx, argv[1]);
	if (ret) {
		fprintf(stderr, "%s: %s\n", argv[1], ksymres_strerror(ret));
		return 3;
	}
	if (ksymres_resolve(ctx, &addr, 1, &s) != 1)
		return 1;
	ksymres_format_symbol(&s, buf, sizeof(buf));
	printf("%s abi=%d lib=%s\n", buf, KSYMRES_ABI_VERSION, ksymres_version());
	ksymres_free(ctx);
	return 0;
}
CEOF
printf 'ffffffff81000000 T _text\nffffffff81000100 T foo\nffffffff81000200 T bar\n' > "$T/System.map"

export PKG_CONFIG_PATH="$R/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$R"
unset PKG_CONFIG_LIBDIR
if flags=$(pkg-config --cflags --libs libksymres 2> "$T/log") && echo "$flags" | grep -q -- "-I$R/usr/include" &&
   echo "$flags" | grep -q -- "-L$R/usr/lib" && echo "$flags" | grep -q -- "-lksymres"; then
	pass "pkg-config --cflags --libs libksymres: $flags"
else
	fail "pkg-config --cflags --libs libksymres"
fi
[ "$(pkg-config --modversion libksymres 2>/dev/null)" = "$("$R/usr/bin/ksymres" --version | sed 's/^ksymres \([^ ]*\).*/\1/')" ] &&
	pass "pkg-config version matches ksymres --version" || fail "pkg-config version matches ksymres --version"
# shellcheck disable=SC2046
step "a program builds against the installed tree (shared)" \
	$CC $CFLAGS -std=gnu11 -Wall -Wextra -Werror -o "$T/prog" "$T/prog.c" $(pkg-config --cflags --libs libksymres)
out=$(LD_LIBRARY_PATH="$R/usr/lib" "$T/prog" "$T/System.map" 2> "$T/log")
[ "$out" = "foo+0x50/0x100 abi=1 lib=0.1.0" ] && pass "the program runs: $out" || { echo "# got: $out"; fail "the program runs"; }
# shellcheck disable=SC2046
step "a program builds against the installed tree (static)" \
	$CC $CFLAGS -std=gnu11 -Wall -Werror -o "$T/prog-static" "$T/prog.c" $(pkg-config --cflags libksymres) \
		-L"$R/usr/lib" -Wl,-Bstatic -lksymres -Wl,-Bdynamic
out=$(env -u LD_LIBRARY_PATH "$T/prog-static" "$T/System.map" 2> "$T/log")
[ "$out" = "foo+0x50/0x100 abi=1 lib=0.1.0" ] && pass "the static program runs without the .so" || fail "the static program runs without the .so"
printf '#include <ksymres.h>\n#include <linux/ksymres.h>\nint main(void) { ksymres_free(ksymres_new()); return 0; }\n' > "$T/both.c"
# shellcheck disable=SC2046
step "the installed headers compile together as strict C99" \
	$CC -std=c99 -pedantic -Wall -Wextra -Werror -c -o "$T/both.o" "$T/both.c" $(pkg-config --cflags libksymres)
if command -v c++ > /dev/null; then
	cp "$T/both.c" "$T/both.cc"
	# shellcheck disable=SC2046
	step "the installed headers compile as C++" \
		c++ -Wall -Wextra -Werror -c -o "$T/both-cc.o" "$T/both.cc" $(pkg-config --cflags libksymres)
fi
out=$(env -u LD_LIBRARY_PATH "$R/usr/bin/ksymres" --source "map=$T/System.map" resolve 0xffffffff81000110 2> "$T/log")
[ "$out" = "foo+0x10/0x100" ] && pass "installed ksymres finds its library through \$ORIGIN/../lib" ||
	{ echo "# got: $out"; fail "installed ksymres runs"; }
if command -v ldd > /dev/null; then
	ldd "$R/usr/bin/ksymres" | grep -q "$R/usr/bin/../lib/libksymres.so.0" &&
		pass "ldd: ksymres uses the installed libksymres.so.0" || fail "ldd: ksymres uses the installed libksymres.so.0"
fi
# The .pc paths hang off ${prefix}: a tree moved elsewhere still builds
# with --define-prefix, without a sysroot.
mv "$R/usr" "$T/moved"
if flags=$(env -u PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_PATH="$T/moved/lib/pkgconfig" \
	   pkg-config --define-prefix --cflags --libs libksymres 2> "$T/log") &&
   echo "$flags" | grep -q -- "-I$T/moved/include" &&
   $CC $CFLAGS -std=gnu11 -Wall -Werror -o "$T/prog-moved" "$T/prog.c" $flags > "$T/log" 2>&1 &&
   LD_LIBRARY_PATH="$T/moved/lib" "$T/prog-moved" "$T/System.map" > /dev/null 2>> "$T/log"; then
	pass "a moved tree builds with pkg-config --define-prefix: $flags"
else
	fail "a moved tree builds with pkg-config --define-prefix"
fi
mv "$T/moved" "$R/usr"
step "the man pages render without warnings" sh -c \
	"for m in '$R'/usr/share/man/man*/*; do out=\$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l \"\$m\" 2>&1 >/dev/null) || exit 1; [ -z \"\$out\" ] || { echo \"\$m: \$out\"; exit 1; }; done"

echo "1..$n"
[ $failed -eq 0 ]
