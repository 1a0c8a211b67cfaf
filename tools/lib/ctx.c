// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The handle and the common API: argument checks, choosing a source, and
 * passing each question to the source's operations.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "internal.h"

KSYMRES_EXPORT struct ksymres_ctx *ksymres_new(void)
{
	struct ksymres_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx) {
		errno = ENOMEM;
		return NULL;
	}
	strpool_init(&ctx->pool);
	return ctx;
}

KSYMRES_EXPORT void ksymres_free(struct ksymres_ctx *ctx)
{
	if (!ctx)
		return;
	if (ctx->ops)
		ctx->ops->close(ctx);
	symtab_release(&ctx->tab);
	free(ctx->path);
	strpool_release(&ctx->pool);
	free(ctx);
}

/* A failed open leaves the report for the caller, and no source. */
static int opened(struct ksymres_ctx *ctx, int ret)
{
	if (ret && ctx->ops) {
		ctx->ops->close(ctx);
		ctx->ops = NULL;
		ctx->source = KSYMRES_SOURCE_NONE;
	}
	return ret;
}

static int can_open(struct ksymres_ctx *ctx)
{
	if (!ctx)
		return -EINVAL;
	if (ctx->ops)
		return -EBUSY;
	/* A second try after a failure starts clean. */
	symtab_release(&ctx->tab);
	memset(&ctx->report, 0, sizeof(ctx->report));
	free(ctx->path);
	ctx->path = NULL;
	ctx->release = NULL;
	ctx->live = false;
	return 0;
}

KSYMRES_EXPORT int ksymres_open_device(struct ksymres_ctx *ctx, const char *path)
{
	int ret = can_open(ctx);

	return ret ? ret : opened(ctx, ksr_device_open(ctx, path));
}

KSYMRES_EXPORT int ksymres_open_kallsyms(struct ksymres_ctx *ctx, const char *path)
{
	int ret = can_open(ctx);

	return ret ? ret : opened(ctx, ksr_kallsyms_open(ctx, path));
}

KSYMRES_EXPORT int ksymres_open_sysmap(struct ksymres_ctx *ctx, const char *path)
{
	int ret = can_open(ctx);

	return ret ? ret : opened(ctx, ksr_sysmap_open(ctx, path));
}

static const char *spec_arg(const char *spec, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(spec, word, n))
		return NULL;
	if (spec[n] == '\0')
		return "";
	if (spec[n] == '=' && spec[n + 1])
		return spec + n + 1;
	return NULL;
}

KSYMRES_EXPORT int ksymres_open(struct ksymres_ctx *ctx, const char *spec)
{
	const char *arg;

	if (!ctx)
		return -EINVAL;
	if (!spec || !*spec) {
		/* The device when the module is loaded, else kallsyms. */
		if (access("/dev/ksymres", F_OK) == 0)
			return ksymres_open_device(ctx, NULL);
		return ksymres_open_kallsyms(ctx, NULL);
	}
	arg = spec_arg(spec, "device");
	if (arg)
		return ksymres_open_device(ctx, *arg ? arg : NULL);
	arg = spec_arg(spec, "kallsyms");
	if (arg)
		return ksymres_open_kallsyms(ctx, *arg ? arg : NULL);
	arg = spec_arg(spec, "map");
	if (arg && *arg)
		return ksymres_open_sysmap(ctx, arg);
	return -EINVAL;
}

KSYMRES_EXPORT enum ksymres_source ksymres_get_source(const struct ksymres_ctx *ctx)
{
	return ctx ? ctx->source : KSYMRES_SOURCE_NONE;
}

KSYMRES_EXPORT int ksymres_file_report(const struct ksymres_ctx *ctx,
				       struct ksymres_file_report *report)
{
	if (!ctx || !report)
		return -EINVAL;
	*report = ctx->report;
	return 0;
}

static bool file_source(const struct ksymres_ctx *ctx)
{
	return ctx->source == KSYMRES_SOURCE_KALLSYMS ||
	       ctx->source == KSYMRES_SOURCE_SYSMAP;
}

KSYMRES_EXPORT int ksymres_set_slide(struct ksymres_ctx *ctx, uint64_t slide)
{
	if (!ctx || !ctx->ops)
		return -EINVAL;
	/* /proc/kallsyms itself already holds runtime addresses. */
	if (!file_source(ctx) || ctx->live)
		return -EOPNOTSUPP;
	ctx->slide = slide;
	ctx->slide_set = true;
	return 0;
}

KSYMRES_EXPORT int ksymres_compute_slide(struct ksymres_ctx *ctx,
					 const char *live_kallsyms, uint64_t *slide)
{
	uint64_t live;
	int ret;

	if (!ctx || !ctx->ops || !slide)
		return -EINVAL;
	if (!file_source(ctx) || ctx->live)
		return -EOPNOTSUPP;
	if (!ctx->tab.has_text)
		return -ENOENT;
	/*
	 * A file named for another release would give a slide that means
	 * nothing: refuse rather than guess. Only the running kernel's release
	 * is known here; a caller-given live_kallsyms has none.
	 */
	if (!live_kallsyms && ctx->release) {
		struct utsname u;

		if (uname(&u) == 0 && strcmp(u.release, ctx->release))
			return -EXDEV;
	}
	/* The device knows _text exactly; kallsyms when it is not there. */
	if (live_kallsyms || ksr_device_text(&live)) {
		ret = ksr_live_text(live_kallsyms, &live);
		if (ret)
			return ret;
	}
	*slide = live - ctx->tab.text;
	return 0;
}

KSYMRES_EXPORT int ksymres_resolve(struct ksymres_ctx *ctx, const uint64_t *addrs,
				   size_t n, struct ksymres_symbol *out)
{
	if (!ctx || !ctx->ops || (n && (!addrs || !out)))
		return -EINVAL;
	if (n > INT32_MAX)
		return -E2BIG;
	return n ? ctx->ops->resolve(ctx, addrs, n, out) : 0;
}

/* "name", "module:name" or "vmlinux:name" split; -EINVAL if malformed. */
struct lookup_spec {
	char modbuf[KSR_MODULE_NAME_MAX];
	const char *module;	/* NULL: any */
	const char *name;
	bool vmlinux;		/* vmlinux only */
};

static int split_spec(const char *spec, struct lookup_spec *q)
{
	const char *colon = strchr(spec, ':');
	size_t mlen;

	q->module = NULL;
	q->vmlinux = false;
	q->name = spec;
	if (colon) {
		mlen = colon - spec;
		if (!mlen || mlen >= sizeof(q->modbuf))
			return -EINVAL;
		memcpy(q->modbuf, spec, mlen);
		q->modbuf[mlen] = '\0';
		q->name = colon + 1;
		if (!strcmp(q->modbuf, "vmlinux"))
			q->vmlinux = true;
		else
			q->module = q->modbuf;
	}
	if (!*q->name || strlen(q->name) >= KSR_NAME_MAX || strchr(q->name, ':'))
		return -EINVAL;
	return 0;
}

KSYMRES_EXPORT int ksymres_lookup(struct ksymres_ctx *ctx, const char *name,
				  struct ksymres_symbol *out, size_t max)
{
	struct lookup_spec q;

	if (!ctx || !ctx->ops || !name || (max && !out))
		return -EINVAL;
	if (split_spec(name, &q))
		return -EINVAL;
	return ctx->ops->lookup(ctx, q.module, q.vmlinux, q.name, out, max);
}

KSYMRES_EXPORT int ksymres_lookup_first(struct ksymres_ctx *ctx, const char *name,
					struct ksymres_symbol *out)
{
	struct lookup_spec q;
	int n;

	if (!ctx || !ctx->ops || !name || !out)
		return -EINVAL;
	if (split_spec(name, &q))
		return -EINVAL;
	n = -EOPNOTSUPP;
	if (ctx->ops->lookup_first)
		n = ctx->ops->lookup_first(ctx, q.module, q.vmlinux, q.name, out);
	/* no cheaper way, or a module older than the flag: the first of all */
	if (n == -EOPNOTSUPP)
		n = ctx->ops->lookup(ctx, q.module, q.vmlinux, q.name, out, 1);
	return n > 1 ? 1 : n;
}

KSYMRES_EXPORT int ksymres_foreach(struct ksymres_ctx *ctx, ksymres_symbol_fn fn,
				   void *arg)
{
	if (!ctx || !ctx->ops || !fn)
		return -EINVAL;
	return ctx->ops->foreach(ctx, fn, arg);
}

KSYMRES_EXPORT int ksymres_foreach_transient(struct ksymres_ctx *ctx,
					     ksymres_symbol_fn fn, void *arg)
{
	if (!ctx || !ctx->ops || !fn)
		return -EINVAL;
	if (!ctx->ops->foreach_transient)
		return ctx->ops->foreach(ctx, fn, arg);
	return ctx->ops->foreach_transient(ctx, fn, arg);
}

KSYMRES_EXPORT int ksymres_modules(struct ksymres_ctx *ctx,
				   struct ksymres_module_info *out, size_t max)
{
	if (!ctx || !ctx->ops || (max && !out))
		return -EINVAL;
	return ctx->ops->modules(ctx, out, max);
}

KSYMRES_EXPORT int ksymres_get_info(struct ksymres_ctx *ctx,
				    struct ksymres_source_info *info)
{
	if (!ctx || !ctx->ops || !info)
		return -EINVAL;
	memset(info, 0, sizeof(*info));
	info->source = ctx->source;
	info->path = ctx->path;
	if (ctx->release) {
		info->release = ctx->release;
		info->flags |= KSYMRES_INFO_RELEASE;
	}
	if (ctx->live)
		info->flags |= KSYMRES_INFO_LIVE;
	return ctx->ops->info(ctx, info);
}
