#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Builds the debug kernel (KASAN, lockdep, kmemleak, UBSAN, fault
# injection) from Debian's linux-source-6.1 with the fragment
# selftests/debug/debug.config merged over tinyconfig. Cached: rebuilt only
# when the fragment or the source package version changes. Prints the
# build tree (KDIR; bzImage is arch/x86/boot/bzImage, the map System.map).
set -eu
. "$(dirname "$0")/cache.sh"

fragment=$(readlink -f "$(dirname "$0")/../selftests/debug/debug.config")
tarball=/usr/src/linux-source-6.1.tar.xz
[ -r "$tarball" ] || { echo "debug-kernel.sh: $tarball missing" >&2; exit 1; }
version=$(dpkg-query -W -f='${Version}' linux-source-6.1)
key=$( (echo "$version"; cat "$fragment") | sha256sum | cut -c1-16)
tree=$KSYMRES_CACHE/debug-kernel/$key

if [ -f "$tree/.ksymres-built" ]; then
	echo "$tree"
	exit 0
fi

# A build of another key (about 2 GB) is left alone: the cache is shared
# with other checkouts, which may still use it. A half-built tree of this
# key is started again. It starts from a copy of the newest built tree of
# the same source version when there is one: kbuild then rebuilds only
# what the changed options touch (minutes less than a full build).
rm -rf "$tree"
mkdir -p "$tree"
seed=
for built in $(ls -td "$KSYMRES_CACHE"/debug-kernel/*/.ksymres-built 2>/dev/null); do
	if [ "$(cat "${built%/*}/.ksymres-version" 2>/dev/null)" = "$version" ]; then
		seed=${built%/*}
		break
	fi
done
if [ -n "$seed" ]; then
	echo "  COPY    debug kernel tree ${seed##*/} (incremental build)" >&2
	cp -a "$seed/." "$tree/"
	rm -f "$tree/.ksymres-built"
else
	echo "  UNTAR   linux-source-6.1 $version (debug kernel)" >&2
	tar -xJf "$tarball" -C "$tree" --strip-components=1
fi
echo "$version" > "$tree/.ksymres-version"
cd "$tree"
echo "  CONFIG  tinyconfig + $(basename "$fragment")" >&2
make -s tinyconfig >/dev/null
scripts/kconfig/merge_config.sh -m .config "$fragment" >/dev/null
make -s olddefconfig >/dev/null
missing=
for opt in $(grep -E '^CONFIG_[A-Z0-9_]+=y' "$fragment" | cut -d= -f1); do
	grep -qx "$opt=y" .config || missing="$missing $opt"
done
if [ -n "$missing" ]; then
	echo "debug-kernel.sh: the merged config lacks:$missing" >&2
	echo "debug-kernel.sh: (a dependency is missing from the fragment)" >&2
	exit 1
fi
echo "  BUILD   debug kernel (make -j$(nproc) bzImage modules)" >&2
make -s -j"$(nproc)" bzImage modules >build.log 2>&1 || {
	tail -n 40 build.log >&2
	exit 1
}
touch .ksymres-built
echo "$tree"
