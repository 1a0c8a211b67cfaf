#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Which kernel to build for and to boot, derived from what is installed.
#
#   kernel.sh vm-release   newest Debian cloud kernel with image and headers
#                          (the kernel the test VM boots)
#   kernel.sh kdir         headers of the running kernel if installed,
#                          else those of the vm-release kernel
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
	else
		echo "/lib/modules/$(vm_release)/build"
	fi
	;;
*)
	echo "usage: kernel.sh vm-release|kdir" >&2
	exit 2
	;;
esac
