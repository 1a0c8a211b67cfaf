#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The built .debs on a Debian system: installed with apt into a bookworm
# root (scripts/debian-root.sh: debootstrap minbase + dkms + the kernel's
# headers), in a chroot on the host, so that the DKMS hook of ksymres-dkms
# builds ksymres.ko there at native speed. That root then boots as the test
# VM's disk under the stock kernel, which loads the installed module, runs
# the installed CLI, purges the packages and checks nothing is left
# (deb-vm-init.sh). Emits TAP.
#
#   deb-test.sh RELEASE KERNEL DEB_DIR WORKDIR
set -u

rel=${1:?usage: deb-test.sh RELEASE KERNEL DEB_DIR WORKDIR}
kernel=${2:?} debs=${3:?} W=${4:?}
here=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$here/../.." && pwd)
R=$W/root
# shellcheck source=selftests/install/tap.sh
. "$here/tap.sh"
bail() { echo "Bail out! $*"; echo "1..$n"; exit 1; }
in_root() { chroot "$R" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C \
	DEBIAN_FRONTEND=noninteractive "$@"; }
umount_root() {
	local m
	for m in dev/pts dev sys proc; do
		mountpoint -q "$R/$m" && umount "$R/$m"
	done
	return 0
}
trap umount_root EXIT

umount_root
rm -rf "$W" && mkdir -p "$R" || exit 1
start=$(date +%s)
tarball=$("$TOP/scripts/debian-root.sh" bookworm "$rel") || bail "no Debian root"
tar -C "$R" --numeric-owner -xpf "$tarball" || bail "cannot unpack $tarball"
pass "bookworm root ($(basename "$tarball")) in $(( $(date +%s) - start ))s"

pkgs=()
for f in "$debs"/*.deb; do
	case $f in *-dbgsym_*) ;; *) [ -f "$f" ] && pkgs+=("$f") ;; esac
done
[ "${#pkgs[@]}" -eq 4 ] || bail "expected 4 packages in $debs, found ${#pkgs[@]}"
mkdir -p "$R/tmp/debs" && cp "${pkgs[@]}" "$R/tmp/debs/"
if ! { mount -t proc proc "$R/proc" && mount -t sysfs sysfs "$R/sys" &&
	mount --bind /dev "$R/dev" && mount --bind /dev/pts "$R/dev/pts"; }; then
	bail "cannot mount in the root"
fi

# dkms builds for every kernel with headers in the root; the host's own
# (uname -r) has none there and is skipped.
step "apt-get install ./ksymres*.deb (dkms builds ksymres.ko for $rel)" \
	in_root sh -c 'apt-get install -y --no-install-recommends /tmp/debs/*.deb'
in_root dkms status > "$W/log" 2>&1
grep -q "^ksymres/.*, $rel, .*: installed" "$W/log" && pass "dkms status: installed for $rel" ||
	fail "dkms status: installed for $rel"
step "modinfo -k $rel ksymres: the DKMS build, found through depmod" \
	in_root sh -c "modinfo -k $rel -n ksymres | grep -qx /lib/modules/$rel/updates/dkms/ksymres.ko"
step "ksymres --version runs from the installed files" in_root ksymres --version
cat > "$R/tmp/prog.c" <<'CEOF'
#include <stdio.h>
#include <ksymres.h>
#include <linux/ksymres.h>

int main(void)
{
	struct ksymres_ctx *ctx = ksymres_new();

	if (!ctx)
		return 1;
	printf("libksymres %s, ABI %d\n", ksymres_version(), KSYMRES_ABI_VERSION);
	ksymres_free(ctx);
	return 0;
}
CEOF
step "a program builds with libksymres-dev (cc ... -lksymres) and runs" \
	in_root sh -c 'cc -Wall -Werror -o /tmp/prog /tmp/prog.c -lksymres && /tmp/prog'
step "the udev example is installed, its rule commented out" in_root sh -c \
	'f=/usr/share/doc/ksymres-dkms/examples/70-ksymres.rules; grep -q "^#KERNEL==\"ksymres\"" $f && ! grep -q "^KERNEL" $f'
step "the DKMS build has a dynamic minor: no char-major-10 or devname alias" in_root sh -c \
	"! modinfo -k $rel -F alias ksymres | grep -E '^(char-major-10-|devname:)'"
# The packaged source, built with a fixed minor from the local-use range,
# for the VM to autoload on open once the packages are gone.
mkdir -p "$R/ksymres-test"
step "the packaged source builds with KSYMRES_MINOR=243 (aliases char-major-10-243, devname:ksymres)" \
	in_root sh -c "cp -r /usr/src/ksymres-*/ /tmp/minor && \
		make -C /lib/modules/$rel/build M=/tmp/minor KSYMRES_MINOR=243 modules &&
		modinfo -F alias /tmp/minor/kmod/ksymres.ko | sort | tr '\n' ' ' |
			grep -qx 'char-major-10-243 devname:ksymres ' &&
		cp /tmp/minor/kmod/ksymres.ko /ksymres-test/ksymres-minor243.ko"
rm -rf "$R/tmp/debs" "$R/tmp/prog" "$R/tmp/prog.c" "$R/tmp/minor"
umount_root

install -m 0755 "$here/deb-vm-init.sh" "$R/ksymres-test/init"
size=$(( $(du -sm "$R" | cut -f1) * 5 / 4 + 64 ))
step "ext4 image of the root (${size} MiB)" mkfs.ext4 -q -F -L ksymres-root -d "$R" "$W/root.img" "${size}M"

vmstart=$(date +%s)
"$TOP/selftests/vm/run.sh" -m deb -o "$W/vm" -t "${KSYMRES_DEB_VM_TIMEOUT:-900}" -d "$W/root.img" \
	-a "root=/dev/nvme0n1 rw rootfstype=ext4 init=/ksymres-test/init" "$kernel" > "$W/log" 2>&1
status=$?
while read -r line; do
	case $line in
	"ok - "*) pass "vm: ${line#ok - }" ;;
	"not ok - "*) : > "$W/log"; fail "vm: ${line#not ok - }" ;;
	"#"*) echo "$line" ;;
	esac
done < "$W/vm/results.log"
[ "$status" -eq 0 ] && pass "vm: ran to the end in $(( $(date +%s) - vmstart ))s, modprobe and rmmod ok, kernel log clean" ||
	fail "vm: run failed"
echo "# deb test took $(( $(date +%s) - start ))s"
echo "1..$n"
# 1.7 GB of root and image: kept only to look into a failure.
[ "$failed" -eq 0 ] && rm -rf "$R" "$W/root.img"
[ "$failed" -eq 0 ]
