# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the scripts: where downloads and extractions are cached.
# Outside the git tree's tracked files; override with KSYMRES_CACHE.
KSYMRES_CACHE=${KSYMRES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ksymres}
mkdir -p "$KSYMRES_CACHE"
