// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The device source: /dev/ksymres (ksymres.ko) through the ioctls of
 * <linux/ksymres.h>. Every ioctl goes through ksr_ioctl(), so that errno
 * handling lives in one place. Output arrays and string tables are grown
 * on EMSGSIZE from the sizes the kernel writes back; strings are checked
 * against the table before use and interned, so that results outlive the
 * buffers they came in.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/ksymres.h>

#include "internal.h"

#define DEVICE_PATH	"/dev/" KSYMRES_DEVICE_NAME
/* ESTALE restarts of a dump before giving up (modules loading in a loop). */
#define DUMP_RETRIES	8
/* EMSGSIZE answers to one question before the device is judged broken. */
#define GROW_RETRIES	8

_Static_assert(KSYMRES_SYMBOL_FOUND == KSYMRES_SYM_FOUND &&
	       KSYMRES_SYMBOL_MODULE == KSYMRES_SYM_MODULE &&
	       KSYMRES_SYMBOL_INIT == KSYMRES_SYM_INIT &&
	       KSYMRES_SYMBOL_GONE == KSYMRES_SYM_GONE &&
	       KSYMRES_SYMBOL_EXPORTED == KSYMRES_SYM_EXPORTED,
	       "symbol flags follow the ABI");
_Static_assert(KSYMRES_FEATURE_KASLR == KSYMRES_FEAT_KASLR &&
	       KSYMRES_FEATURE_RESOLVE == KSYMRES_FEAT_RESOLVE &&
	       KSYMRES_FEATURE_BUILD_ID == KSYMRES_FEAT_BUILD_ID,
	       "feature bits follow the ABI");
_Static_assert((int)KSYMRES_MOD_GONE == (int)KSYMRES_MODULE_GONE, "module states follow the ABI");
_Static_assert((int)KSYMRES_SYMCLASS_ABS == (int)KSYMRES_CLASS_ABS, "classes follow the ABI");

/* Kernel-defined bits we pass on; the rest of flags is the library's. */
#define ABI_SYM_FLAGS	(KSYMRES_SYM_FOUND | KSYMRES_SYM_MODULE | KSYMRES_SYM_INIT | \
			 KSYMRES_SYM_GONE | KSYMRES_SYM_EXPORTED)

struct ksr_device {
	int fd;
	struct ksymres_symbol *snap;	/* last dump, for ksymres_foreach() */
	size_t nr_snap;
};

static int ksr_ioctl(struct ksr_device *d, unsigned long req, void *arg)
{
	if (ioctl(d->fd, req, arg) < 0)
		return -errno;
	return 0;
}

static uint64_t uptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/*
 * A string of the table, or NULL if the kernel's offset is out of bounds;
 * interned (it outlives tab) unless the caller only needs it while tab lives.
 */
static const char *tab_str(struct ksymres_ctx *ctx, const char *tab,
			   uint32_t used, uint32_t off, bool intern)
{
	size_t len;

	if (off >= used)
		return NULL;
	len = strnlen(tab + off, used - off);
	if (off + len >= used)
		return NULL;
	return intern ? strpool_intern(&ctx->pool, tab + off, len) : tab + off;
}

static int convert_sym_in(struct ksymres_ctx *ctx, const struct ksymres_sym *k,
			  const char *tab, uint32_t used, bool intern,
			  struct ksymres_symbol *o)
{
	memset(o, 0, sizeof(*o));
	o->addr = k->addr;
	if (!(k->flags & KSYMRES_SYM_FOUND))
		return 0;
	o->start = k->start;
	o->offset = k->offset;
	o->size = k->size;
	o->flags = k->flags & ABI_SYM_FLAGS;
	o->query = k->query;
	o->type = k->type ? (char)k->type : '?';
	o->sym_class = k->sym_class;
	o->name = tab_str(ctx, tab, used, k->name_off, intern);
	if (!o->name)
		return -EPROTO;
	/* Offset 0 is the empty string: vmlinux. */
	if (k->module_off) {
		o->module = tab_str(ctx, tab, used, k->module_off, intern);
		if (!o->module)
			return -EPROTO;
		o->flags |= KSYMRES_SYMBOL_MODULE;
	}
	return 0;
}

static int convert_sym(struct ksymres_ctx *ctx, const struct ksymres_sym *k,
		       const char *tab, uint32_t used, struct ksymres_symbol *o)
{
	return convert_sym_in(ctx, k, tab, used, true, o);
}

static int grow(void **buf, size_t *cap, size_t need, size_t elem)
{
	void *p;

	if (need <= *cap)
		return 0;
	p = realloc(*buf, need * elem);
	if (!p)
		return -ENOMEM;
	*buf = p;
	*cap = need;
	return 0;
}

/* grow() by at least doubling: a buffer appended to page after page. */
static int grow_double(void **buf, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	return grow(buf, cap, need > 2 * *cap ? need : 2 * *cap, elem);
}

static int resolve_chunk(struct ksymres_ctx *ctx, const uint64_t *addrs,
			 uint32_t n, struct ksymres_symbol *out, int *found)
{
	struct ksymres_sym *recs = calloc(n, sizeof(*recs));
	size_t tab_cap = 0;
	char *tab = NULL;
	uint32_t done = 0;
	int ret = -ENOMEM;

	if (!recs)
		return -ENOMEM;
	if (grow((void **)&tab, &tab_cap, (size_t)n * 48 + 4096 > KSYMRES_STRTAB_MAX ?
		 KSYMRES_STRTAB_MAX : (size_t)n * 48 + 4096, 1))
		goto out;
	while (done < n) {
		struct ksymres_resolve r = {
			.size = sizeof(r),
			.count = n - done,
			.addrs = uptr(addrs + done),
			.results = uptr(recs),
			.strtab = uptr(tab),
			.strtab_size = tab_cap,
			.sym_size = sizeof(*recs),
		};
		uint32_t i;
		int err = ksr_ioctl(ctx->dev, KSYMRES_IOC_RESOLVE, &r);

		if (err && err != -EMSGSIZE && err != -EINTR) {
			ret = err;
			goto out;
		}
		/* Success means every record; anything less would loop forever. */
		if (r.nr_done > r.count || (!err && r.nr_done != r.count) ||
		    (r.strtab_used > tab_cap && !err)) {
			ret = -EPROTO;
			goto out;
		}
		for (i = 0; i < r.nr_done; i++) {
			ret = convert_sym(ctx, &recs[i], tab,
					  r.strtab_used < tab_cap ? r.strtab_used : tab_cap,
					  &out[done + i]);
			if (ret)
				goto out;
			/* A record not found is all zero: the address is ours. */
			out[done + i].addr = addrs[done + i];
			if (out[done + i].flags & KSYMRES_SYMBOL_FOUND)
				(*found)++;
		}
		done += r.nr_done;
		if (err == -EINTR) {
			ret = err;
			goto out;
		}
		if (err == -EMSGSIZE) {
			size_t need = r.strtab_used > KSYMRES_STRTAB_MAX ?
				      KSYMRES_STRTAB_MAX : r.strtab_used;

			/* r is the kernel's answer, which cppcheck cannot see */
			/* cppcheck-suppress knownConditionTrueFalse */
			if (!r.nr_done && need <= tab_cap) {
				ret = -EMSGSIZE;
				goto out;
			}
			if (grow((void **)&tab, &tab_cap, need, 1))
				goto out;
		}
	}
	ret = 0;
out:
	free(recs);
	free(tab);
	return ret;
}

static int dev_resolve(struct ksymres_ctx *ctx, const uint64_t *addrs, size_t n,
		       struct ksymres_symbol *out)
{
	int found = 0, ret;
	size_t i;

	for (i = 0; i < n; i += KSYMRES_RESOLVE_MAX) {
		size_t chunk = n - i < KSYMRES_RESOLVE_MAX ? n - i : KSYMRES_RESOLVE_MAX;

		ret = resolve_chunk(ctx, addrs + i, chunk, out + i, &found);
		if (ret)
			return ret;
	}
	return found;
}

/* One name; flags: 0 or KSYMRES_LOOKUP_FIRST. */
static int dev_lookup_flags(struct ksymres_ctx *ctx, const char *module,
			    bool vmlinux, const char *name, uint32_t flags,
			    struct ksymres_symbol *out, size_t max)
{
	size_t qlen = strlen(name) + 1, rec_cap = 0, tab_cap = 0;
	struct ksymres_sym *recs = NULL;
	char *query, *tab = NULL;
	uint32_t count = 0, i;
	int ret, tries = 0;

	if (module)
		qlen += strlen(module) + 1;
	else if (vmlinux)
		qlen += sizeof("vmlinux");
	query = malloc(qlen);
	if (!query)
		return -ENOMEM;
	if (module)
		snprintf(query, qlen, "%s:%s", module, name);
	else
		snprintf(query, qlen, "%s%s", vmlinux ? "vmlinux:" : "", name);

	ret = -ENOMEM;
	if (grow((void **)&recs, &rec_cap, 16, sizeof(*recs)) ||
	    grow((void **)&tab, &tab_cap, 4096, 1))
		goto out;
	for (;;) {
		struct ksymres_lookup l = {
			.size = sizeof(l),
			.flags = flags,
			.count = 1,
			.names_size = qlen,
			.names = uptr(query),
			.counts = uptr(&count),
			.results = uptr(recs),
			.max_results = rec_cap,
			.strtab = uptr(tab),
			.strtab_size = tab_cap,
			.sym_size = sizeof(*recs),
		};

		memset(recs, 0, rec_cap * sizeof(*recs));
		ret = ksr_ioctl(ctx->dev, KSYMRES_IOC_LOOKUP, &l);
		if (ret == -EMSGSIZE) {
			ret = -ENOMEM;
			if (l.nr_results > KSYMRES_LOOKUP_MAX * 16U ||
			    l.strtab_used > KSYMRES_STRTAB_MAX) {
				ret = -EMSGSIZE;
				goto out;
			}
			/* A device that keeps saying EMSGSIZE must not hang us. */
			if (++tries > GROW_RETRIES) {
				ret = -EPROTO;
				goto out;
			}
			if (grow((void **)&recs, &rec_cap, l.nr_results, sizeof(*recs)) ||
			    grow((void **)&tab, &tab_cap, l.strtab_used, 1))
				goto out;
			continue;
		}
		if (ret)
			goto out;
		if (l.nr_results > rec_cap || l.strtab_used > tab_cap) {
			ret = -EPROTO;
			goto out;
		}
		for (i = 0; i < l.nr_results && i < max; i++) {
			ret = convert_sym(ctx, &recs[i], tab, l.strtab_used, &out[i]);
			if (ret)
				goto out;
			out[i].query = 0;
		}
		ret = l.nr_results > INT32_MAX ? INT32_MAX : (int)l.nr_results;
		break;
	}
out:
	free(query);
	free(recs);
	free(tab);
	return ret;
}

static int dev_lookup(struct ksymres_ctx *ctx, const char *module, bool vmlinux,
		      const char *name, struct ksymres_symbol *out, size_t max)
{
	return dev_lookup_flags(ctx, module, vmlinux, name, 0, out, max);
}

/*
 * The module stops at the first match. One older than the flag refuses it
 * (the name was checked before, so EINVAL can mean nothing else).
 */
static int dev_lookup_first(struct ksymres_ctx *ctx, const char *module,
			    bool vmlinux, const char *name,
			    struct ksymres_symbol *out)
{
	int n = dev_lookup_flags(ctx, module, vmlinux, name,
				 KSYMRES_LOOKUP_FIRST, out, 1);

	return n == -EINVAL ? -EOPNOTSUPP : n;
}

/* Every record of one dump; string offsets into one table of all pages. */
struct dump_all {
	struct ksymres_sym *recs;
	size_t nr, rec_cap;
	char *names;
	size_t names_used, names_cap;
};

static void dump_all_release(struct dump_all *a)
{
	free(a->recs);
	free(a->names);
}

/*
 * Appends one page: its string table after those before it, its records
 * with their offsets moved along. Every offset is checked here, once.
 */
static int dump_append(struct dump_all *a, const struct ksymres_sym *recs,
		       uint32_t nr, const char *tab, uint32_t used)
{
	size_t base = a->names_used;
	uint32_t i;

	if (used && tab[used - 1] != '\0')
		return -EPROTO;
	if (base + used > UINT32_MAX)
		return -E2BIG;
	if (grow_double((void **)&a->recs, &a->rec_cap, a->nr + nr, sizeof(*a->recs)) ||
	    grow_double((void **)&a->names, &a->names_cap, base + used, 1))
		return -ENOMEM;
	for (i = 0; i < nr; i++) {
		struct ksymres_sym *k = &a->recs[a->nr + i];

		*k = recs[i];
		if (!(k->flags & KSYMRES_SYM_FOUND))
			continue;
		if (k->name_off >= used || k->module_off >= used)
			return -EPROTO;
		k->name_off += base;
		/* Offset 0 stays 0: vmlinux. */
		if (k->module_off)
			k->module_off += base;
	}
	memcpy(a->names + base, tab, used);
	a->nr += nr;
	a->names_used += used;
	return 0;
}

/*
 * One consistent snapshot of every symbol: a module coming or going between
 * pages makes the kernel answer ESTALE, and the walk starts over, so that
 * the caller's callback never sees a mix of two generations.
 */
static int dump_fetch(struct ksymres_ctx *ctx, struct dump_all *a)
{
	size_t rec_cap = 0, tab_cap = 0;
	struct ksymres_sym *recs = NULL;
	char *tab = NULL;
	int ret = -ENOMEM, tries;

	if (grow((void **)&recs, &rec_cap, 4096, sizeof(*recs)) ||
	    grow((void **)&tab, &tab_cap, 256 * 1024, 1))
		goto out;
	for (tries = 0; tries < DUMP_RETRIES; tries++) {
		uint64_t cursor = 0, gen = 0;

		a->nr = 0;
		a->names_used = 0;
		do {
			struct ksymres_dump dp = {
				.size = sizeof(dp),
				.cursor = cursor,
				.generation = gen,
				.results = uptr(recs),
				.max_results = rec_cap,
				.strtab = uptr(tab),
				.strtab_size = tab_cap,
				.sym_size = sizeof(*recs),
			};

			ret = ksr_ioctl(ctx->dev, KSYMRES_IOC_DUMP, &dp);
			if (ret == -EMSGSIZE && tab_cap < KSYMRES_STRTAB_MAX) {
				ret = -ENOMEM;
				if (grow((void **)&tab, &tab_cap, tab_cap * 2, 1))
					goto out;
				continue;
			}
			if (ret)
				break;
			if (dp.nr_results > rec_cap || dp.strtab_used > tab_cap ||
			    (!dp.nr_results && dp.cursor != KSYMRES_DUMP_END)) {
				ret = -EPROTO;
				goto out;
			}
			ret = dump_append(a, recs, dp.nr_results, tab, dp.strtab_used);
			if (ret)
				goto out;
			cursor = dp.cursor;
			gen = dp.generation;
		} while (cursor != KSYMRES_DUMP_END);
		if (ret != -ESTALE)
			break;
	}
out:
	free(recs);
	free(tab);
	return ret;
}

/* ksymres_foreach(): names interned, the snapshot kept in the handle. */
static int dev_foreach(struct ksymres_ctx *ctx, ksymres_symbol_fn fn, void *arg)
{
	struct ksr_device *d = ctx->dev;
	struct dump_all a = { 0 };
	size_t i, cap = d->nr_snap;
	int ret;

	ret = dump_fetch(ctx, &a);
	if (!ret && grow((void **)&d->snap, &cap, a.nr, sizeof(*d->snap)))
		ret = -ENOMEM;
	for (i = 0; !ret && i < a.nr; i++)
		ret = convert_sym(ctx, &a.recs[i], a.names, a.names_used, &d->snap[i]);
	dump_all_release(&a);
	if (ret)
		return ret;
	d->nr_snap = a.nr;
	for (i = 0; i < d->nr_snap; i++) {
		ret = fn(&d->snap[i], arg);
		if (ret)
			return ret;
	}
	return 0;
}

/* ksymres_foreach_transient(): names point into the dump, freed after. */
static int dev_foreach_transient(struct ksymres_ctx *ctx, ksymres_symbol_fn fn,
				 void *arg)
{
	struct dump_all a = { 0 };
	struct ksymres_symbol sym;
	size_t i;
	int ret;

	ret = dump_fetch(ctx, &a);
	for (i = 0; !ret && i < a.nr; i++) {
		ret = convert_sym_in(ctx, &a.recs[i], a.names, a.names_used, false, &sym);
		if (!ret)
			ret = fn(&sym, arg);
	}
	dump_all_release(&a);
	return ret;
}

static void convert_range(struct ksymres_addr_range *o, const struct ksymres_range *k)
{
	o->start = k->start;
	o->size = k->size;
}

static int dev_modules(struct ksymres_ctx *ctx, struct ksymres_module_info *out,
		       size_t max)
{
	struct ksymres_module *mods = NULL;
	size_t cap = 0;
	uint32_t i;
	int ret, tries = 0;

	for (;;) {
		struct ksymres_modules m = {
			.size = sizeof(m),
			.modules = uptr(mods),
			.max_modules = cap,
			.module_size = sizeof(*mods),
		};

		if (mods)
			memset(mods, 0, cap * sizeof(*mods));
		ret = ksr_ioctl(ctx->dev, KSYMRES_IOC_MODULES, &m);
		if (ret == -EMSGSIZE || (!ret && m.nr_modules > cap)) {
			/* A device that keeps saying EMSGSIZE must not hang us. */
			if (++tries > GROW_RETRIES) {
				ret = -EPROTO;
				break;
			}
			/* Room for a few that load meanwhile. */
			ret = -ENOMEM;
			if (grow((void **)&mods, &cap, (size_t)m.nr_modules + 8, sizeof(*mods)))
				break;
			continue;
		}
		if (ret)
			break;
		for (i = 0; i < m.nr_modules && i < max; i++) {
			const struct ksymres_module *k = &mods[i];
			struct ksymres_module_info *o = &out[i];

			memset(o, 0, sizeof(*o));
			o->name = strpool_intern(&ctx->pool, k->name,
						 strnlen(k->name, sizeof(k->name)));
			if (!o->name) {
				ret = -ENOMEM;
				goto out;
			}
			convert_range(&o->core_text, &k->core_text);
			convert_range(&o->core_rodata, &k->core_rodata);
			convert_range(&o->core_data, &k->core_data);
			convert_range(&o->init_text, &k->init_text);
			convert_range(&o->init_data, &k->init_data);
			o->state = k->state <= KSYMRES_MODULE_GONE ? k->state : KSYMRES_MOD_UNKNOWN;
			o->nr_syms = k->nr_syms;
		}
		ret = m.nr_modules > INT32_MAX ? INT32_MAX : (int)m.nr_modules;
		break;
	}
out:
	free(mods);
	return ret;
}

static int dev_info(struct ksymres_ctx *ctx, struct ksymres_source_info *info)
{
	struct ksymres_info k = { .size = sizeof(k) };
	int ret;

	ret = ksr_ioctl(ctx->dev, KSYMRES_IOC_INFO, &k);
	if (ret)
		return ret;
	info->abi_version = k.abi_version;
	info->features = k.features;
	info->generation = k.generation;
	info->flags |= KSYMRES_INFO_GENERATION | KSYMRES_INFO_LIVE;
	if (k.features & KSYMRES_FEAT_KASLR) {
		info->kaslr_offset = k.kaslr_offset;
		info->flags |= KSYMRES_INFO_KASLR;
	}
	if (k.text_start) {
		info->text_start = k.text_start;
		info->flags |= KSYMRES_INFO_TEXT;
	}
	if (k.text_end) {
		info->text_end = k.text_end;
		info->flags |= KSYMRES_INFO_TEXT_END;
	}
	info->nr_vmlinux_syms = k.nr_vmlinux_syms;
	info->nr_module_syms = k.nr_module_syms;
	info->nr_modules = k.nr_modules;
	/* The kernel's word size, not ours (32-bit programs on 64-bit kernels). */
	info->addr_bits = k.text_start > UINT32_MAX ? 64 : 32;
	if ((k.features & KSYMRES_FEAT_BUILD_ID) && k.build_id_size) {
		info->build_id_size = k.build_id_size < sizeof(k.build_id) ?
				      k.build_id_size : sizeof(k.build_id);
		memcpy(info->build_id, k.build_id, info->build_id_size);
		info->flags |= KSYMRES_INFO_BUILD_ID;
	}
	if (k.release[0]) {
		info->release = strpool_intern(&ctx->pool, k.release,
					       strnlen(k.release, sizeof(k.release)));
		if (!info->release)
			return -ENOMEM;
		info->flags |= KSYMRES_INFO_RELEASE;
	}
	return 0;
}

static void dev_close(struct ksymres_ctx *ctx)
{
	if (!ctx->dev)
		return;
	if (ctx->dev->fd >= 0)
		close(ctx->dev->fd);
	free(ctx->dev->snap);
	free(ctx->dev);
	ctx->dev = NULL;
}

static const struct ksymres_ops dev_ops = {
	.resolve = dev_resolve,
	.lookup = dev_lookup,
	.lookup_first = dev_lookup_first,
	.foreach = dev_foreach,
	.foreach_transient = dev_foreach_transient,
	.modules = dev_modules,
	.info = dev_info,
	.close = dev_close,
};

int ksr_device_open(struct ksymres_ctx *ctx, const char *path)
{
	struct ksymres_info k = { .size = sizeof(k) };
	bool dflt = !path || !*path;
	int ret;

	ctx->source = KSYMRES_SOURCE_DEVICE;
	ctx->ops = &dev_ops;
	ctx->path = strdup(dflt ? DEVICE_PATH : path);
	ctx->dev = calloc(1, sizeof(*ctx->dev));
	if (!ctx->path || !ctx->dev)
		return -ENOMEM;
	ctx->dev->fd = open(ctx->path, O_RDONLY | O_CLOEXEC);
	if (ctx->dev->fd < 0)
		return errno == ENOENT && dflt ? -ENODEV : -errno;
	/* Is it ours? Anything else answers ENOTTY (or worse) to INFO. */
	ret = ksr_ioctl(ctx->dev, KSYMRES_IOC_INFO, &k);
	if (ret)
		return ret;
	if (k.abi_version < 1)
		return -EPROTO;
	return 0;
}

/* The live _text from the device, for ksymres_compute_slide(). */
int ksr_device_text(uint64_t *text)
{
	struct ksymres_info k = { .size = sizeof(k) };
	struct ksr_device d;
	int ret;

	d.fd = open(DEVICE_PATH, O_RDONLY | O_CLOEXEC);
	if (d.fd < 0)
		return -errno;
	ret = ksr_ioctl(&d, KSYMRES_IOC_INFO, &k);
	close(d.fd);
	if (ret)
		return ret;
	if (!k.text_start)
		return -ENOENT;
	*text = k.text_start;
	return 0;
}
