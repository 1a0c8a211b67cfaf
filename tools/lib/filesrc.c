// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What the two file sources (/proc/kallsyms and System.map) share: reading
 * the file into a symtab, counting what is not a symbol, and answering
 * every question from the table. Sizes come from the next symbol and say
 * so; a slide moves vmlinux addresses only (module addresses in a saved
 * kallsyms belong to the boot that saved it).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

void ksr_report_garbage(struct ksymres_file_report *r, uint64_t lineno)
{
	r->garbage++;
	if (r->nr_bad_lines < KSYMRES_REPORT_BAD_LINES)
		r->bad_lines[r->nr_bad_lines++] = lineno;
}

struct load_state {
	struct ksymres_ctx *ctx;
	int (*hook)(struct ksymres_ctx *ctx, const char *line, size_t len);
	uint64_t hooked_line;	/* the line the hook took, 0: none */
};

/*
 * A line the hook took (Debian's placeholder) in a file that turned out to
 * hold symbols after all is just a line that is not nm format: count it
 * where it belongs among the first bad lines.
 */
static void unhook_line(struct ksymres_file_report *r, uint64_t lineno)
{
	uint32_t i, n = r->nr_bad_lines;

	r->garbage++;
	for (i = 0; i < n && r->bad_lines[i] < lineno; i++)
		;
	if (i == KSYMRES_REPORT_BAD_LINES)
		return;
	if (n == KSYMRES_REPORT_BAD_LINES)
		n--;
	else
		r->nr_bad_lines++;
	memmove(&r->bad_lines[i + 1], &r->bad_lines[i], (n - i) * sizeof(r->bad_lines[0]));
	r->bad_lines[i] = lineno;
}

static int load_line(const char *line, size_t len, uint64_t lineno,
		     unsigned int lflags, void *arg)
{
	struct load_state *st = arg;
	struct ksymres_ctx *ctx = st->ctx;
	struct ksymres_file_report *r = &ctx->report;
	struct nm_line l;
	int ret;

	r->lines = lineno;
	if (lflags & KSR_LINE_CRLF)
		r->crlf++;
	if (lflags & KSR_LINE_NO_EOL)
		r->truncated = 1;
	if (lflags & KSR_LINE_LONG) {
		r->long_lines++;
		ksr_report_garbage(r, lineno);
		return 0;
	}
	if (st->hook && !st->hooked_line) {
		ret = st->hook(ctx, line, len);
		if (ret < 0)
			return ret;
		if (ret) {
			st->hooked_line = lineno;
			return 0;
		}
	}
	switch (ksr_nm_parse(line, len, &l)) {
	case NM_BLANK:
		r->blank++;
		return 0;
	case NM_UNDEFINED:
		r->undefined++;
		return 0;
	case NM_GARBAGE:
		ksr_report_garbage(r, lineno);
		return 0;
	case NM_SYMBOL:
		break;
	}
	if (lineno > UINT32_MAX)
		return -EFBIG;
	ret = symtab_add(&ctx->tab, &ctx->pool, &l, (uint32_t)lineno);
	if (ret)
		return ret;
	r->symbols++;
	if (l.addr_digits > 8)
		r->addr_bits = 64;
	else if (!r->addr_bits)
		r->addr_bits = 32;
	return 0;
}

int ksr_file_load(struct ksymres_ctx *ctx, const char *path,
		  int (*hook)(struct ksymres_ctx *ctx, const char *line, size_t len))
{
	struct load_state st = { .ctx = ctx, .hook = hook };
	struct stat sb;
	int fd, ret;

	ctx->path = strdup(path);
	if (!ctx->path)
		return -ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		close(fd);
		return -EISDIR;
	}
	ret = ksr_read_lines(fd, load_line, &st);
	close(fd);
	if (ret)
		return ret;
	if (!ctx->tab.nr)
		return ctx->report.placeholder ? -ENODATA : -EBADMSG;
	if (st.hooked_line) {
		ctx->report.placeholder = 0;
		unhook_line(&ctx->report, st.hooked_line);
	}
	return symtab_finish(&ctx->tab);
}

static bool slid(const struct ksymres_ctx *ctx, const struct fsym *s)
{
	return ctx->slide_set && !s->module && s->resolvable;
}

static void fill(const struct ksymres_ctx *ctx, const struct fsym *s,
		 uint64_t addr, bool asked, struct ksymres_symbol *o)
{
	memset(o, 0, sizeof(*o));
	o->start = s->addr + (slid(ctx, s) ? ctx->slide : 0);
	o->addr = asked ? addr : o->start;
	o->offset = o->addr - o->start;
	o->size = s->size;
	o->name = s->name;
	o->module = s->module;
	o->type = s->type;
	o->sym_class = s->cls;
	o->flags = KSYMRES_SYMBOL_FOUND;
	if (s->module)
		o->flags |= KSYMRES_SYMBOL_MODULE;
	if (!s->resolvable)
		o->flags |= KSYMRES_SYMBOL_NO_ADDRESS;
	else if (s->size_known)
		o->flags |= KSYMRES_SYMBOL_SIZE_ESTIMATED;
	else
		o->flags |= KSYMRES_SYMBOL_SIZE_UNKNOWN;
	if (slid(ctx, s))
		o->flags |= KSYMRES_SYMBOL_SLID;
}

/* The symbol covering a (file) address in one index, or NULL. */
static const struct fsym *bisect(const struct symtab *t, const uint32_t *idx,
				 size_t n, uint64_t a)
{
	size_t lo = 0, hi = n;
	const struct fsym *s;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->syms[idx[mid]].addr <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	lo--;
	/* Aliases: the first in table order wins (symtab.c orders them as kallsyms). */
	while (lo && t->syms[idx[lo - 1]].addr == t->syms[idx[lo]].addr)
		lo--;
	s = &t->syms[idx[lo]];
	if (a == s->addr || (s->size_known && a - s->addr < s->size))
		return s;
	return NULL;
}

static int file_resolve(struct ksymres_ctx *ctx, const uint64_t *addrs,
			size_t n, struct ksymres_symbol *out)
{
	const struct symtab *t = &ctx->tab;
	size_t i;
	int found = 0;

	for (i = 0; i < n; i++) {
		uint64_t a = addrs[i];
		const struct fsym *s;

		s = bisect(t, t->mod_idx, t->nr_mod_idx, a);
		if (!s)
			s = bisect(t, t->vm_idx, t->nr_vm_idx,
				   ctx->slide_set ? a - ctx->slide : a);
		if (s) {
			fill(ctx, s, a, true, &out[i]);
			if (found < INT32_MAX)
				found++;
		} else {
			memset(&out[i], 0, sizeof(out[i]));
			out[i].addr = a;
		}
	}
	return found;
}

static int file_lookup(struct ksymres_ctx *ctx, const char *module,
		       bool vmlinux, const char *name,
		       struct ksymres_symbol *out, size_t max)
{
	const struct symtab *t = &ctx->tab;
	uint32_t i;
	int n = 0;

	if (!t->nr_buckets)
		return 0;
	i = t->buckets[ksr_hash(name, strlen(name)) & (t->nr_buckets - 1)];
	for (; i; i = t->syms[i - 1].chain) {
		const struct fsym *s = &t->syms[i - 1];

		if (strcmp(s->name, name))
			continue;
		if (vmlinux && s->module)
			continue;
		if (module && (!s->module || strcmp(s->module, module)))
			continue;
		if ((size_t)n < max)
			fill(ctx, s, 0, false, &out[n]);
		if (n < INT32_MAX)
			n++;
	}
	return n;
}

static int file_foreach(struct ksymres_ctx *ctx, ksymres_symbol_fn fn, void *arg)
{
	const struct symtab *t = &ctx->tab;
	struct ksymres_symbol sym;
	size_t i;
	int ret;

	for (i = 0; i < t->nr; i++) {
		fill(ctx, &t->syms[i], 0, false, &sym);
		ret = fn(&sym, arg);
		if (ret)
			return ret;
	}
	return 0;
}

static int file_modules(struct ksymres_ctx *ctx, struct ksymres_module_info *out,
			size_t max)
{
	const struct symtab *t = &ctx->tab;
	size_t i;

	for (i = 0; i < t->nr_mods && i < max; i++) {
		const struct fmod *m = &t->mods[i];

		memset(&out[i], 0, sizeof(out[i]));
		out[i].name = m->name;
		if (m->lo != UINT64_MAX) {
			out[i].core_text.start = m->lo;
			out[i].core_text.size = m->hi - m->lo;
		}
		out[i].state = KSYMRES_MOD_UNKNOWN;
		out[i].nr_syms = m->nr;
		out[i].flags = KSYMRES_MOD_RANGES_ESTIMATED;
		if (!strcmp(m->name, "bpf") || !strncmp(m->name, "__builtin__", 11))
			out[i].flags |= KSYMRES_MOD_PSEUDO;
	}
	return t->nr_mods > INT32_MAX ? INT32_MAX : (int)t->nr_mods;
}

static int file_info(struct ksymres_ctx *ctx, struct ksymres_source_info *info)
{
	const struct symtab *t = &ctx->tab;

	info->features = KSYMRES_FEATURE_RESOLVE | KSYMRES_FEATURE_LOOKUP |
			 KSYMRES_FEATURE_DUMP | KSYMRES_FEATURE_TYPES;
	info->flags |= KSYMRES_INFO_SIZES_ESTIMATED;
	if (t->nr_mods) {
		info->features |= KSYMRES_FEATURE_MODULES;
		info->flags |= KSYMRES_INFO_MODULE_RANGES_ESTIMATED;
	}
	if (t->has_text) {
		info->text_start = t->text + (ctx->slide_set ? ctx->slide : 0);
		info->flags |= KSYMRES_INFO_TEXT;
	}
	if (t->has_etext) {
		info->text_end = t->etext + (ctx->slide_set ? ctx->slide : 0);
		info->flags |= KSYMRES_INFO_TEXT_END;
	}
	if (ctx->slide_set) {
		info->slide = ctx->slide;
		info->flags |= KSYMRES_INFO_SLIDE;
		/* A map's slide against the live kernel is the KASLR offset. */
		if (ctx->source == KSYMRES_SOURCE_SYSMAP) {
			info->kaslr_offset = ctx->slide;
			info->flags |= KSYMRES_INFO_KASLR;
		}
	}
	info->nr_vmlinux_syms = t->nr_vmlinux;
	info->nr_module_syms = t->nr - t->nr_vmlinux;
	info->nr_modules = t->nr_mods;
	info->addr_bits = t->addr_bits;
	return 0;
}

static void file_close(struct ksymres_ctx *ctx)
{
	symtab_release(&ctx->tab);
}

const struct ksymres_ops ksr_file_ops = {
	.resolve = file_resolve,
	.lookup = file_lookup,
	.foreach = file_foreach,
	.modules = file_modules,
	.info = file_info,
	.close = file_close,
};
