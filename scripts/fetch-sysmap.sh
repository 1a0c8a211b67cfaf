#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The real System.map of a Debian kernel: /boot/System.map-<rel> is only a
# placeholder; the real one is in linux-image-<rel>-dbg. Download that
# package once per release into the cache and extract the map from it.
# Prints the map's path.
#
# Usage: fetch-sysmap.sh RELEASE
set -eu
. "$(dirname "$0")/cache.sh"

rel=${1:?usage: fetch-sysmap.sh RELEASE}
dir=$KSYMRES_CACHE/dbg/$rel
map=$KSYMRES_CACHE/sysmap/$rel/System.map-$rel
if [ ! -s "$map" ]; then
	mkdir -p "$dir"
	deb=$(ls "$dir"/linux-image-"$rel"-dbg_*.deb 2>/dev/null | head -n 1) || deb=
	if [ -z "$deb" ]; then
		echo "  FETCH  linux-image-$rel-dbg (for the real System.map)" >&2
		# apt-get download drops privileges to _apt when it can: give it a
		# folder of its own to write to, then keep the file.
		tmp=$(mktemp -d)
		chmod 0777 "$tmp"
		(cd "$tmp" && apt-get download -q=2 "linux-image-$rel-dbg") || {
			# The package lists may be older than the kernel: refresh once.
			[ "$(id -u)" -eq 0 ] && apt-get update -qq
			(cd "$tmp" && apt-get download -q=2 "linux-image-$rel-dbg")
		}
		mv "$tmp"/*.deb "$dir"/
		rmdir "$tmp"
		deb=$(ls "$dir"/linux-image-"$rel"-dbg_*.deb | head -n 1)
	fi
	echo "  EXTRACT System.map-$rel" >&2
	mkdir -p "${map%/*}"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/lib/debug/boot/System.map-$rel" > "$map.tmp"
	mv "$map.tmp" "$map"
fi
echo "$map"
