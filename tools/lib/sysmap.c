// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The System.map source: nm output of vmlinux, for a kernel that need not
 * be running here. Debian ships a one-line placeholder at
 * /boot/System.map-<release>:
 *
 *	ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package
 *
 * which is recognised and reported (ENODATA), not taken for a map with one
 * odd symbol. The release comes from the file name (System.map-<release>).
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

#define PLACEHOLDER	"The real System.map is in the "

static int placeholder_hook(struct ksymres_ctx *ctx, const char *line, size_t len)
{
	(void)len;
	if (!strstr(line, PLACEHOLDER))
		return 0;
	ctx->report.placeholder = 1;
	return 1;
}

static int release_from_name(struct ksymres_ctx *ctx, const char *path)
{
	const char *base = strrchr(path, '/');
	static const char prefix[] = "System.map-";

	base = base ? base + 1 : path;
	if (strncmp(base, prefix, sizeof(prefix) - 1) || !base[sizeof(prefix) - 1])
		return 0;
	base += sizeof(prefix) - 1;
	ctx->release = strpool_add(&ctx->pool, base, strlen(base));
	return ctx->release ? 0 : -ENOMEM;
}

int ksr_sysmap_open(struct ksymres_ctx *ctx, const char *path)
{
	int ret;

	if (!path || !*path)
		return -EINVAL;
	ctx->source = KSYMRES_SOURCE_SYSMAP;
	ctx->ops = &ksr_file_ops;
	ret = release_from_name(ctx, path);
	if (ret)
		return ret;
	return ksr_file_load(ctx, path, placeholder_hook);
}
