#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The module's install paths on the host, for an installed kernel's
# headers (no module is loaded): `make modules_install DESTDIR=...`, and
# DKMS add/build/install/uninstall/remove in private trees (--dkmstree,
# --sourcetree, --installtree, --no-depmod), so that the system's
# /var/lib/dkms, /usr/src and /lib/modules are not touched. Each installed
# module must be what modprobe finds by name after depmod. Emits TAP.
#
#   dkms-test.sh RELEASE WORKDIR
set -u

rel=${1:?usage: dkms-test.sh RELEASE WORKDIR}
W=${2:?usage: dkms-test.sh RELEASE WORKDIR}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
arch=$(uname -m)
# shellcheck source=selftests/install/tap.sh
. "$TOP/selftests/install/tap.sh"

rm -rf "$W" && mkdir -p "$W" || exit 1

# One version everywhere: the module source, the library, the package.
v_make=$(sed -n 's/^KSYMRES_VERSION ?= //p' "$TOP/Makefile")
v_dkms=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$TOP/dkms.conf")
v_deb=$(sed -n '1s/^ksymres (\([^)]*\)).*/\1/p' "$TOP/debian/changelog")
if [ -n "$v_make" ] && [ "$v_make" = "$v_dkms" ] && [ "$v_make" = "$v_deb" ]; then
	pass "one version in Makefile, dkms.conf and debian/changelog: $v_make"
else
	fail "versions differ: Makefile '$v_make', dkms.conf '$v_dkms', debian/changelog '$v_deb'"
fi
v=$v_dkms

# What modprobe would load for "ksymres" from the tree under $1.
found_by_modprobe() {
	local base=$1 want=$2 got
	cp /lib/modules/"$rel"/modules.order /lib/modules/"$rel"/modules.builtin \
		"$base/lib/modules/$rel/" 2>/dev/null
	depmod -b "$base" "$rel" || return 1
	got=$(modprobe -d "$base" -S "$rel" --show-depends ksymres) || return 1
	echo "$got"
	[ "$got" = "insmod $base/lib/modules/$rel/$want " ] || [ "$got" = "insmod $base/lib/modules/$rel/$want" ]
}

vermagic_ok() {
	local got
	got=$(modinfo -F vermagic "$1") || return 1
	echo "vermagic: $got"
	[ "${got%% *}" = "$rel" ]
}

# --- make modules_install ---
step "make modules_install KVER=$rel DESTDIR=..." \
	make -s -C "$TOP" modules_install KVER="$rel" DESTDIR="$W/mi"
mi_ko=$W/mi/lib/modules/$rel/extra/kmod/ksymres.ko
[ -f "$mi_ko" ] && pass "installed under /lib/modules/$rel/extra" || fail "no $mi_ko"
step "its vermagic names $rel" vermagic_ok "$mi_ko"
[ ! -e "$W/mi/lib/modules/$rel/modules.dep" ] &&
	pass "no modules.dep written into DESTDIR (depmod is the target's)" ||
	fail "modules.dep written into DESTDIR"
step "depmod + modprobe find it by name" found_by_modprobe "$W/mi" extra/kmod/ksymres.ko

# --- DKMS, in private trees ---
sys_before=$(ls -a /var/lib/dkms /usr/src "/lib/modules/$rel" 2>/dev/null; \
	find "/lib/modules/$rel" -name 'ksymres.ko*' 2>/dev/null)
src=$W/src tree=$W/tree inst=$W/root/lib/modules
mkdir -p "$inst/$rel" "$tree"
# dkms signs what it builds, with a key it makes on first use in
# /var/lib/dkms unless told otherwise: a throwaway key here instead.
export mok_signing_key=$W/mok.key mok_certificate=$W/mok.pub
dk() { dkms --dkmstree "$tree" --sourcetree "$src" --installtree "$inst" "$@"; }

step "make dkms-src stages the module source" \
	make -s -C "$TOP" dkms-src DKMS_SRC="$src/ksymres-$v"
step "dkms add (the staged source tree)" dk add "$src/ksymres-$v"
dk status > "$W/log" 2>&1
grep -q "^ksymres/$v: added" "$W/log" && pass "dkms status: added" || fail "dkms status: added"
step "dkms build -k $rel" dk build -m ksymres -v "$v" -k "$rel"
built=$tree/ksymres/$v/$rel/$arch/module/ksymres.ko
[ -f "$built" ] && pass "dkms built ksymres.ko" || fail "no $built"
step "its vermagic names $rel" vermagic_ok "$built"
dk status > "$W/log" 2>&1
grep -q "^ksymres/$v, $rel, $arch: built" "$W/log" && pass "dkms status: built" || fail "dkms status: built"
step "dkms install -k $rel --no-depmod" dk install --no-depmod -m ksymres -v "$v" -k "$rel"
cmp -s "$built" "$inst/$rel/updates/dkms/ksymres.ko" &&
	pass "installed as /lib/modules/$rel/updates/dkms/ksymres.ko" || fail "not in updates/dkms"
step "depmod + modprobe find it by name" found_by_modprobe "$W/root" updates/dkms/ksymres.ko
step "dkms uninstall" dk uninstall --no-depmod -m ksymres -v "$v" -k "$rel"
[ ! -e "$inst/$rel/updates/dkms/ksymres.ko" ] && pass "uninstall removed the module" ||
	fail "uninstall left the module"
step "dkms remove --all" dk remove --no-depmod -m ksymres -v "$v" --all
dk status > "$W/log" 2>&1
[ ! -s "$W/log" ] && [ ! -e "$tree/ksymres" ] && pass "dkms status empty, tree clean" ||
	fail "dkms status not empty after remove"
sys_after=$(ls -a /var/lib/dkms /usr/src "/lib/modules/$rel" 2>/dev/null; \
	find "/lib/modules/$rel" -name 'ksymres.ko*' 2>/dev/null)
[ "$sys_before" = "$sys_after" ] && pass "system /var/lib/dkms, /usr/src, /lib/modules/$rel untouched" ||
	{ diff <(echo "$sys_before") <(echo "$sys_after") | sed 's/^/#   /'; fail "system trees changed"; }

echo "1..$n"
[ "$failed" -eq 0 ]
