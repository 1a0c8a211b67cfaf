#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Builds the initramfs of the ksymres test VM: busybox, ksymres.ko, the
# test modules, the CLI and libksymres, the selftest programs, and the real
# System.map of the booted kernel where a user's would be.
#
#   mkinitramfs.sh base OUT.cpio.gz RELEASE SYSMAP KO TESTMOD_DIR BUILD_DIR [OTHER_MAP]
#	BUILD_DIR holds bin/, lib/ and selftests/ (whatever exists is taken);
#	OTHER_MAP, another kernel's System.map-<release> for the cross-check
#	tests, goes to /ksymres/data/ under its own name
#   mkinitramfs.sh overlay OUT.cpio.gz CMDFILE [HOST[:GUEST]...]
#	a second archive, appended to the base one (the kernel unpacks
#	concatenated archives in order): CMDFILE as /ksymres/cmd.sh and the
#	given files, by default under /root
set -euo pipefail

die() { echo "mkinitramfs.sh: $*" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Copy a dynamically linked program's system libraries (and the loader)
# too; libksymres itself is copied from the build.
copy_libs() {
	local lib
	for lib in $(ldd "$1" 2>/dev/null | tr ' \t' '\n\n' | grep -E '^/(usr/)?lib' || true); do
		[ -e "$stage$lib" ] && continue
		mkdir -p "$stage$(dirname "$lib")"
		cp -L "$lib" "$stage$lib"
	done
}

pack() {
	(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --quiet) | gzip -1 > "$1.tmp"
	mv "$1.tmp" "$1"
}

base() {
	local out=$1 rel=$2 sysmap=$3 ko=$4 testmods=$5 build=$6 other=${7-} here f
	here=$(dirname "$(readlink -f "$0")")

	[ -r "$ko" ] || die "$ko: not built"
	[ -r "$sysmap" ] || die "$sysmap: missing"
	mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,usr/local/lib} \
		"$stage"/{proc,sys,dev,tmp,root,boot,etc} \
		"$stage"/ksymres/{tests,modules}
	cp /bin/busybox "$stage/bin/busybox"
	for f in $(/bin/busybox --list); do
		[ -e "$stage/bin/$f" ] || ln -s busybox "$stage/bin/$f"
	done
	echo "root:x:0:0:root:/root:/bin/sh" > "$stage/etc/passwd"
	echo "nobody:x:65534:65534:nobody:/:/bin/false" >> "$stage/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' > "$stage/etc/group"

	install -m 0755 "$here/init" "$stage/init"
	install -m 0755 "$here/run-tests.sh" "$stage/ksymres/run-tests.sh"
	install -m 0644 "$here/tap.sh" "$stage/ksymres/tap.sh"
	cp "$ko" "$stage/ksymres/ksymres.ko"
	for f in "$testmods"/*.ko; do
		[ -e "$f" ] && cp "$f" "$stage/ksymres/modules/"
	done
	# Where a user's map would be, for the cross-check to find.
	cp "$sysmap" "$stage/boot/System.map-$rel"
	if [ -n "$other" ]; then
		[ -r "$other" ] || die "$other: missing"
		mkdir -p "$stage/ksymres/data"
		cp "$other" "$stage/ksymres/data/"
	fi

	for f in "$build"/lib/libksymres.so*; do
		[ -e "$f" ] && cp -P "$f" "$stage/usr/local/lib/"
	done
	for f in "$build"/bin/*; do
		[ -x "$f" ] || continue
		cp "$f" "$stage/usr/local/bin/"
		copy_libs "$f"
	done
	for f in "$build"/selftests/*; do
		[ -f "$f" ] && [ -x "$f" ] || continue
		cp "$f" "$stage/ksymres/tests/"
		copy_libs "$f"
	done
	pack "$out"
}

overlay() {
	local out=$1 cmdfile=$2 spec host guest
	shift 2
	mkdir -p "$stage/ksymres" "$stage/root"
	cp "$cmdfile" "$stage/ksymres/cmd.sh"
	for spec in "$@"; do
		host=${spec%%:*}
		guest=${spec#*:}
		[ "$guest" != "$spec" ] || guest=/root/$(basename "$host")
		[ -e "$host" ] || die "$host: no such file"
		mkdir -p "$stage$(dirname "$guest")"
		cp -a "$host" "$stage$guest"
		if [ -f "$host" ] && [ -x "$host" ]; then
			copy_libs "$host"
		fi
	done
	pack "$out"
}

case ${1:-} in
base) shift; [ $# -eq 6 ] || [ $# -eq 7 ] || die "usage: base OUT RELEASE SYSMAP KO TESTMOD_DIR BUILD_DIR [OTHER_MAP]"; base "$@" ;;
overlay) shift; [ $# -ge 2 ] || die "usage: overlay OUT CMDFILE [HOST[:GUEST]...]"; overlay "$@" ;;
*) die "usage: mkinitramfs.sh base|overlay ..." ;;
esac
