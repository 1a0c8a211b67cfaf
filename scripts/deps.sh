#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Install the Debian packages ksymres needs to build, boot its test VM and
# check its code, when they are missing. Does nothing when all are there.
# Not root: prints the apt-get line to run and fails.
#
# Usage: scripts/deps.sh [group...]   groups: build vm lint fuzz dkms deb bench
# (default: build vm lint fuzz; the others for the targets that need them)
set -eu

build="make gcc g++ gcc-multilib clang pkg-config linux-headers-cloud-amd64
	linux-source-6.1 xz-utils libdw-dev binutils"
vm="linux-image-cloud-amd64 qemu-system-x86 busybox-static cpio gzip"
lint="sparse codespell cppcheck flex bison bc libelf-dev libssl-dev"
dkms="dkms"
# Debian packaging and its install test: dh_dkms is in dh-dkms since
# bookworm (it left the dkms package in 3.0.3-3).
deb="dpkg-dev debhelper dh-dkms dkms fakeroot lintian debootstrap e2fsprogs"
# make bench: the plots, and perf as the peer symboliser it runs in the VM
bench="gnuplot-nox linux-perf"
# libFuzzer's runtime comes with Debian 12's clang (14), not in its package
fuzz="clang libclang-rt-14-dev"

[ $# -gt 0 ] || set -- build vm lint fuzz
want=
for group in "$@"; do
	case $group in
	build) want="$want $build" ;;
	vm) want="$want $vm" ;;
	lint) want="$want $lint" ;;
	dkms) want="$want $dkms" ;;
	deb) want="$want $deb" ;;
	bench) want="$want $bench" ;;
	fuzz) want="$want $fuzz" ;;
	*) echo "deps.sh: unknown group '$group' (build, vm, lint, fuzz, dkms, deb, bench)" >&2; exit 2 ;;
	esac
done

missing=
for pkg in $want; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null) || status=
	[ "$status" = installed ] || missing="$missing $pkg"
done
[ -n "$missing" ] || exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "ksymres: missing Debian packages:$missing" >&2
	echo "ksymres: run as root: apt-get update && $cmd" >&2
	exit 1
fi
echo "  DEPS   installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; refresh them once per hour.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -60 2>/dev/null | head -n 1)" ]; then
	apt-get update -qq
fi
$cmd -qq >/dev/null
