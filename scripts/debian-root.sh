#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A Debian root for the package install test (make check-deb): debootstrap
# minbase of SUITE, plus what installing ksymres-dkms for the test VM's
# kernel needs (dkms, that kernel's headers). Cached as a tarball in
# $KSYMRES_CACHE/debian-root/, keyed by suite, kernel release and the day
# it was made; one younger than 30 days is reused, an older one is left
# and a fresh one made (security updates move on). Prints its path.
#
#   debian-root.sh SUITE RELEASE        (root; network to the mirror)
#   DEBIAN_MIRROR=http://... to use another mirror
set -euo pipefail

suite=${1:?usage: debian-root.sh SUITE RELEASE}
rel=${2:?usage: debian-root.sh SUITE RELEASE}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# shellcheck source=scripts/cache.sh
. "$(dirname "$0")/cache.sh"
dir=$KSYMRES_CACHE/debian-root
mkdir -p "$dir"

# dkms and the headers for ksymres-dkms; libc6-dev to build against
# libksymres-dev. The list's hash is part of the name: a new list, a new root.
packages="dkms linux-headers-$rel libc6-dev"
key=$suite-minbase-$rel-$(echo "$packages" | md5sum | cut -c1-8)
newest=$(find "$dir" -maxdepth 1 -name "$key-*.tar" -mtime -30 | sort | tail -n 1)
if [ -n "$newest" ]; then
	echo "$newest"
	exit 0
fi

out=$dir/$key-$(date -u +%Y%m%d).tar
stage=$(mktemp -d "${TMPDIR:-/tmp}/ksymres-root.XXXXXX")
root=$stage/root
cleanup() {
	mountpoint -q "$root/proc" && umount "$root/proc"
	rm -rf "$stage"
}
trap cleanup EXIT

echo "  ROOT    debootstrap --variant=minbase $suite (once; cached in $dir)" >&2
debootstrap --variant=minbase "$suite" "$root" "$mirror" > "$stage/debootstrap.log" 2>&1 ||
	{ tail -n 20 "$stage/debootstrap.log" >&2; exit 1; }
# The kernel's headers come from the security suite when the kernel does.
cat > "$root/etc/apt/sources.list" <<EOS
deb $mirror $suite main
deb $mirror $suite-updates main
deb ${mirror%/debian}/debian-security $suite-security main
EOS
mount -t proc proc "$root/proc"
echo "  ROOT    + $packages" >&2
# shellcheck disable=SC2086 # $packages is a list
chroot "$root" apt-get update -qq > "$stage/apt.log" 2>&1 &&
	DEBIAN_FRONTEND=noninteractive chroot "$root" apt-get install -y -qq \
		--no-install-recommends $packages >> "$stage/apt.log" 2>&1 ||
	{ tail -n 20 "$stage/apt.log" >&2; exit 1; }
chroot "$root" apt-get clean
umount "$root/proc"
tar -C "$root" --numeric-owner -cf "$out.tmp" .
mv "$out.tmp" "$out"
echo "$out"
