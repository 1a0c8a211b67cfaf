// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The kallsyms source: /proc/kallsyms, or a copy saved on some machine.
 * The kernel prints every address as zero to readers it does not trust
 * (kptr_restrict, no CAP_SYSLOG): such a file answers nothing, and says so.
 */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>

#include "internal.h"

#define PROC_KALLSYMS	"/proc/kallsyms"

int ksr_kallsyms_open(struct ksymres_ctx *ctx, const char *path)
{
	const struct symtab *t = &ctx->tab;
	struct utsname u;
	size_t i;
	int ret;

	if (!path || !*path)
		path = PROC_KALLSYMS;
	ctx->source = KSYMRES_SOURCE_KALLSYMS;
	ctx->ops = &ksr_file_ops;
	ctx->live = !strcmp(path, PROC_KALLSYMS);
	ret = ksr_file_load(ctx, path, NULL);
	if (ret)
		return ret;
	for (i = 0; i < t->nr; i++)
		if (t->syms[i].addr)
			break;
	if (i == t->nr)
		return -EPERM;
	if (ctx->live && uname(&u) == 0) {
		ctx->release = strpool_add(&ctx->pool, u.release, strlen(u.release));
		if (!ctx->release)
			return -ENOMEM;
	}
	return 0;
}
