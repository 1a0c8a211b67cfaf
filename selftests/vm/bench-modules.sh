#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The real Debian modules `make bench` loads in the VM before it measures,
# so that module costs are those users see: big ones (xfs, btrfs, sunrpc,
# ib_core, ...) and their dependencies, from the booted kernel's own
# package (the cloud flavour; another flavour's modules would not match
# its vermagic). Copies them, uncompressed, into DIR with load.list, one
# file name a line, every module after the ones it depends on.
#
#   bench-modules.sh RELEASE DIR
set -euo pipefail

die() { echo "bench-modules.sh: $*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: bench-modules.sh RELEASE DIR"
rel=$1 dir=$2
mdir=/lib/modules/$rel
dep=$mdir/modules.dep
[ -r "$dep" ] || die "$dep: missing (install linux-image-$rel)"

# Wanted modules, by name; those this flavour lacks are skipped and said.
wanted="xfs btrfs sunrpc nfsv4 nfsd cifs ib_core ib_uverbs rdma_cm rpcrdma
	kvm mlx5_core mlx4_core libceph ceph scsi_mod libata target_core_mod
	iscsi_target_mod sctp tipc bridge bonding nf_tables nf_conntrack dm_mod
	md_mod bcache drbd libnvdimm ext4 fuse overlay vxlan geneve openvswitch"

declare -A done_
order=()
# Depth-first over modules.dep: dependencies first.
visit() {
	local path=$1 deps d
	[ -n "${done_[$path]:-}" ] && return
	done_[$path]=1
	deps=$(sed -n "s|^$path: *||p" "$dep")
	for d in $deps; do
		visit "$d"
	done
	order+=("$path")
}

for name in $wanted; do
	path=$(grep -E "^(.*/)?${name//_/[_-]}\\.ko(\\.xz|\\.zst|\\.gz)?:" "$dep" | head -n 1 | cut -d: -f1 || true)
	if [ -z "$path" ]; then
		echo "bench-modules.sh: $name: not in $rel (built in or absent): skipped" >&2
		continue
	fi
	visit "$path"
done

rm -rf "$dir"
mkdir -p "$dir"
for path in "${order[@]}"; do
	f=$mdir/$path base=$(basename "$path")
	case $f in
	*.ko.xz) xz -dc "$f" > "$dir/${base%.xz}"; base=${base%.xz} ;;
	*.ko.zst) zstd -qdc "$f" > "$dir/${base%.zst}"; base=${base%.zst} ;;
	*.ko.gz) gzip -dc "$f" > "$dir/${base%.gz}"; base=${base%.gz} ;;
	*) cp "$f" "$dir/$base" ;;
	esac
	echo "$base" >> "$dir/load.list"
done
echo "  MODS    ${#order[@]} modules of $rel into $dir"
