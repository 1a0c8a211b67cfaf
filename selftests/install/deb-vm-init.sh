#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# /init of the package test VM: the Debian root of deb-test.sh, where the
# ksymres packages were installed (ksymres.ko built by their DKMS hook).
# Loads the installed module, runs the installed CLI, purges the packages
# and checks nothing of them is left. Channels as in selftests/vm/init:
# ttyS1 results (unnumbered TAP lines, numbered by the host), ttyS2 the
# kernel log.

export PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# What udev would add: dkms reads bash process substitutions via /dev/fd.
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run

results=/dev/ttyS1
packages="ksymres ksymres-dkms libksymres-dev libksymres0"
rel=$(uname -r)
say() { echo "# ksymres-vm: $*" > "$results"; }
ok() { echo "ok - $*" > "$results"; }
notok() { echo "not ok - $*" > "$results"; sed 's/^/#   /' /tmp/out | tail -n 15 > "$results"; }
check() { desc=$1; shift; if "$@" > /tmp/out 2>&1; then ok "$desc"; else notok "$desc"; fi; }

finish() {
	dmesg > /dev/ttyS2
	say "end"
	sync
	echo o > /proc/sysrq-trigger
	sleep 30
}

echo "ksymres-vm: start marker" > /dev/kmsg
say "start mode=deb kernel=$rel"

if modprobe ksymres 2> /tmp/out; then
	say "insmod ksymres.ko: ok (modprobe ksymres: $(modinfo -n ksymres))"
else
	say "insmod ksymres.ko: FAILED: $(cat /tmp/out)"
	notok "modprobe ksymres"
	finish
fi
check "modprobe loads the DKMS build, /lib/modules/$rel/updates/dkms/ksymres.ko" \
	test "$(modinfo -n ksymres)" = "/lib/modules/$rel/updates/dkms/ksymres.ko"
check "/dev/ksymres is a character device, mode 0600" \
	sh -c '[ -c /dev/ksymres ] && [ "$(stat -c %a /dev/ksymres)" = 600 ]'
lib=$(ldd /usr/bin/ksymres | sed -n 's/.*libksymres\.so\.0 => \([^ ]*\) .*/\1/p')
check "ksymres loads libksymres.so.0 of package libksymres0 ($lib)" \
	sh -c "[ -n '$lib' ] && dpkg -S \"\$(readlink -f '$lib')\" | grep -q '^libksymres0:'"
ksymres info > /tmp/info 2>&1
status=$?
sed 's/^/# /' /tmp/info > "$results"
check "ksymres info from the installed files: exit 0, source device, release $rel" \
	sh -c "[ $status -eq 0 ] && grep -qx 'source: device' /tmp/info && grep -qx 'release: $rel' /tmp/info"
sched=$(grep -m1 ' T schedule$' /proc/kallsyms | cut -d' ' -f1)
check "ksymres resolve 0x$sched (schedule in /proc/kallsyms) gives schedule+0x0" \
	sh -c "ksymres resolve 0x$sched | grep -q '^schedule+0x0/'"

if rmmod ksymres 2> /tmp/out; then
	say "rmmod ksymres: ok"
else
	say "rmmod ksymres: FAILED: $(cat /tmp/out)"
fi

# What the packages own, from dpkg itself, before they go.
for p in $packages; do
	dpkg -L "$p"
done 2> /dev/null | sort -u > /tmp/owned
check "dpkg -L lists the packages' files ($(wc -l < /tmp/owned) paths)" \
	grep -qx /usr/bin/ksymres /tmp/owned
# shellcheck disable=SC2086
check "apt-get remove --purge $packages" \
	env DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y $packages
grep -E '^(Removing|Purging|Deleting|depmod)' /tmp/out | sed 's/^/# /' > "$results"
check "dpkg knows none of the packages any more" sh -c "
	for p in $packages; do
		s=\$(dpkg-query -W -f='\${db:Status-Status}' \$p 2>/dev/null) || continue
		[ \"\$s\" = not-installed ] || { echo \"\$p: \$s\"; exit 1; }
	done"
check "every file dpkg listed is gone (directories shared with others stay)" sh -c '
	while read -r f; do
		[ -d "$f" ] && [ ! -L "$f" ] && continue
		[ -e "$f" ] || [ -L "$f" ] && echo "left: $f"
	done < /tmp/owned | grep . && exit 1; exit 0'
check "dkms status is empty" sh -c '[ -z "$(dkms status 2>&1)" ]'
check "nothing named *ksymres* is left on the root file system" sh -c '
	find / -xdev -name "*ksymres*" -not -path "/ksymres-test/*" -not -path /ksymres-test | grep . && exit 1; exit 0'
check "modprobe no longer finds ksymres (depmod ran on removal)" sh -c '! modprobe -n ksymres'

# Autoload on open, with a module built with KSYMRES_MINOR=243: depmod
# lists the node in modules.devname, kmod static-nodes says how to make it
# (as systemd-tmpfiles-setup-dev does at boot), and the first open makes
# the kernel run modprobe for char-major-10-243.
mkdir -p "/lib/modules/$rel/extra"
cp /ksymres-test/ksymres-minor243.ko "/lib/modules/$rel/extra/ksymres.ko"
depmod -a
check "modules.devname lists ksymres as c10:243" \
	grep -qx 'ksymres ksymres c10:243' "/lib/modules/$rel/modules.devname"
kmod static-nodes --format=tmpfiles --output=/tmp/nodes
check "kmod static-nodes: /dev/ksymres, c 10:243" grep -q '^c! /dev/ksymres .* 10:243$' /tmp/nodes
mknod -m 0600 /dev/ksymres c 10 243
check "ksymres is not loaded before the open" sh -c '[ ! -e /sys/module/ksymres ]'
check "opening /dev/ksymres loads ksymres (request_module char-major-10-243)" \
	sh -c ': < /dev/ksymres && [ -e /sys/module/ksymres ]'
check "the autoloaded device answers at minor 243" sh -c \
	'grep -qx "243 ksymres" /proc/misc'
check "rmmod ksymres after the autoload" rmmod ksymres
rm -f "/lib/modules/$rel/extra/ksymres.ko" /dev/ksymres
depmod -a
finish
