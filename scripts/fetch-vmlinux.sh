#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The vmlinux with DWARF of a Debian kernel, for file:line: extracted once
# per release from the linux-image-<rel>-dbg package that fetch-sysmap.sh
# caches (about 600 MB; it stays in the cache, never in the VM).
# Prints the vmlinux's path.
#
# Usage: fetch-vmlinux.sh RELEASE
set -eu
. "$(dirname "$0")/cache.sh"

rel=${1:?usage: fetch-vmlinux.sh RELEASE}
out=$KSYMRES_CACHE/vmlinux/$rel/vmlinux-$rel
if [ ! -s "$out" ]; then
	# The map's fetch downloads the package when it is not cached yet.
	"$(dirname "$0")/fetch-sysmap.sh" "$rel" >/dev/null
	deb=$(ls "$KSYMRES_CACHE/dbg/$rel"/linux-image-"$rel"-dbg_*.deb | head -n 1)
	echo "  EXTRACT vmlinux-$rel" >&2
	mkdir -p "${out%/*}"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/lib/debug/boot/vmlinux-$rel" > "$out.tmp"
	mv "$out.tmp" "$out"
fi
echo "$out"
