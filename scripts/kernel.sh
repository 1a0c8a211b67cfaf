#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Which kernel to build for and to boot, derived from what is installed.
#
#   kernel.sh vm-release   newest Debian cloud kernel with image and headers
#                          (the kernel the test VM boots)
#   kernel.sh kdir         headers of the running kernel if installed,
#                          else the newest Debian cloud kernel headers
set -eu

vm_release() {
	for image in $(ls /boot/vmlinuz-*-cloud-amd64 2>/dev/null | sort -rV); do
		rel=${image#/boot/vmlinuz-}
		if [ -d "/lib/modules/$rel/build" ]; then
			echo "$rel"
			return 0
		fi
	done
	echo "kernel.sh: no Debian cloud kernel with headers installed" \
	     "(linux-image-cloud-amd64, linux-headers-cloud-amd64)" >&2
	return 1
}

case ${1:-} in
vm-release)
	vm_release
	;;
kdir)
	if [ -d "/lib/modules/$(uname -r)/build" ]; then
		echo "/lib/modules/$(uname -r)/build"
		exit 0
	fi
	# Headers alone suffice to build: do not require the image too.
	for dir in $(ls -d /lib/modules/*-cloud-amd64/build 2>/dev/null | sort -rV); do
		[ -d "$dir" ] && { echo "$dir"; exit 0; }
	done
	echo "kernel.sh: no kernel headers: install linux-headers-cloud-amd64" \
	     "or pass KDIR=" >&2
	exit 1
	;;
*)
	echo "usage: kernel.sh vm-release|kdir" >&2
	exit 2
	;;
esac
