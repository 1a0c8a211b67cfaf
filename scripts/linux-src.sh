#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Extract from Debian's linux-source-6.1 the parts ksymres builds with: the
# kselftest harness headers and checkpatch.pl. Extracted once per source
# package version into the cache; prints the tree's path.
set -eu
. "$(dirname "$0")/cache.sh"

tarball=/usr/src/linux-source-6.1.tar.xz
[ -r "$tarball" ] || {
	echo "linux-src.sh: $tarball missing (package linux-source-6.1)" >&2
	exit 1
}
version=$(dpkg-query -W -f='${Version}' linux-source-6.1)
dest=$KSYMRES_CACHE/linux-source-$version
if [ ! -f "$dest/.extracted" ]; then
	echo "  UNTAR  linux-source-6.1 $version (harness, checkpatch)" >&2
	rm -rf "$dest.tmp"
	mkdir -p "$dest.tmp"
	tar -xJf "$tarball" -C "$dest.tmp" --strip-components=1 \
		--wildcards \
		'linux-source-6.1/tools/testing/selftests/kselftest*.h' \
		'linux-source-6.1/scripts/checkpatch.pl' \
		'linux-source-6.1/scripts/spelling.txt' \
		'linux-source-6.1/scripts/const_structs.checkpatch' \
		'linux-source-6.1/Documentation/userspace-api/ioctl/ioctl-number.rst'
	touch "$dest.tmp/.extracted"
	rm -rf "$dest"
	mv "$dest.tmp" "$dest"
fi
echo "$dest"
