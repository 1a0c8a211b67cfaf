// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The annotator of `decode`: each token the scanner finds in a line is
 * looked up in the handle's source. A raw address gets its symbol; a frame
 * the kernel already symbolised is checked against the source (the name
 * exists, in that module, with that size, and the offset lands inside it)
 * and gets its absolute address for this boot. With debug info, both get
 * file:line and the functions inlined there. Then the line is written back
 * unchanged, with each annotation in braces after its token.
 */
#define _GNU_SOURCE	/* memmem() */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Enough for every duplicate of a name in vmlinux and the modules. */
#define DECODE_CANDIDATES	64

struct ksymres_decoder {
	struct ksymres_ctx *ctx;
	struct ksr_dwarf *dw;
	bool runtime;		/* the source's addresses are this boot's */
	bool has_modules;	/* the source knows modules */
	uint64_t text;		/* the source's _text (for debug info) */
	bool has_text;
	struct ksymres_symbol cand[DECODE_CANDIDATES];
};

KSYMRES_EXPORT struct ksymres_decoder *ksymres_decoder_new(struct ksymres_ctx *ctx)
{
	struct ksymres_source_info info = { 0 };
	struct ksymres_decoder *d;
	int ret;

	if (!ctx) {
		errno = EINVAL;
		return NULL;
	}
	ret = ksymres_get_info(ctx, &info);
	if (ret < 0) {
		errno = -ret;
		return NULL;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->ctx = ctx;
	/* A map's addresses are link-time ones until a slide is set. */
	d->runtime = info.source != KSYMRES_SOURCE_SYSMAP ||
		     (info.flags & KSYMRES_INFO_SLIDE);
	d->has_modules = info.source != KSYMRES_SOURCE_SYSMAP;
	if (info.flags & KSYMRES_INFO_TEXT) {
		d->text = info.text_start;
		d->has_text = true;
	} else {
		struct ksymres_symbol s;

		if (ksymres_lookup(ctx, "vmlinux:_text", &s, 1) > 0) {
			d->text = s.start;
			d->has_text = true;
		}
	}
	return d;
}

KSYMRES_EXPORT void ksymres_decoder_free(struct ksymres_decoder *d)
{
	if (!d)
		return;
	ksr_dwarf_free(d->dw);
	free(d);
}

static int add_debug(struct ksymres_decoder *d, const char *path, bool vmlinux)
{
	int ret;

	if (!d || !path)
		return -EINVAL;
	if (!d->dw) {
		ret = ksr_dwarf_new(&d->dw);
		if (ret)
			return ret;
	}
	return ksr_dwarf_add(d->dw, path, vmlinux);
}

KSYMRES_EXPORT int ksymres_decoder_set_vmlinux(struct ksymres_decoder *d, const char *path)
{
	return add_debug(d, path, true);
}

KSYMRES_EXPORT int ksymres_decoder_add_module(struct ksymres_decoder *d, const char *path)
{
	return add_debug(d, path, false);
}

KSYMRES_EXPORT int ksymres_text_slide(const char *text, size_t len, uint64_t *slide)
{
	struct ksymres_token t[8];
	const char *p, *end, *nl;
	int i, n;

	if (!text || !slide)
		return -EINVAL;
	end = text + len;
	for (p = text; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (!memmem(p, (size_t)(nl - p), "Kernel Offset: ", 15))
			continue;
		n = ksymres_scan_line(p, (size_t)(nl - p), t, ARRAY_SIZE(t));
		for (i = 0; i < n && i < (int)ARRAY_SIZE(t); i++)
			if (t[i].kind == KSYMRES_TOKEN_KERNEL_OFFSET) {
				*slide = t[i].addr;
				return 0;
			}
	}
	return -ENOENT;
}

/* A printed address that is a real kernel one (kmemleak prints hashes). */
static bool kernel_address(uint64_t a)
{
	return a >= 0xffff800000000000ULL || (a >= 0xc0000000ULL && a <= 0xffffffffULL);
}

static void decode_address(struct ksymres_decoder *d, struct ksymres_frame *f)
{
	int ret;

	f->sym.addr = f->token.addr;
	if (!d->runtime) {
		f->status = KSYMRES_FRAME_NO_SLIDE;
		return;
	}
	ret = ksymres_resolve(d->ctx, &f->token.addr, 1, &f->sym);
	if (ret <= 0 || !(f->sym.flags & KSYMRES_SYMBOL_FOUND)) {
		f->sym.flags = 0;
		f->status = KSYMRES_FRAME_NOT_FOUND;
	}
}

/* The candidate a frame means: the one of its size, else the first. */
static const struct ksymres_symbol *pick(const struct ksymres_decoder *d, int n,
					 const struct ksymres_token *t)
{
	int i;

	if (t->flags & KSYMRES_TOKEN_HAS_SIZE)
		for (i = 0; i < n; i++)
			if (d->cand[i].size == t->size)
				return &d->cand[i];
	return &d->cand[0];
}

static void mismatch(struct ksymres_frame *f, const char *why)
{
	if (f->status == KSYMRES_FRAME_OK) {
		f->status = KSYMRES_FRAME_MISMATCH;
		f->why = why;
	}
}

static void decode_frame(struct ksymres_decoder *d, const char *line,
			 struct ksymres_frame *f)
{
	const struct ksymres_token *t = &f->token;
	char q[KSR_MODULE_NAME_MAX + KSR_NAME_MAX + 2];
	const struct ksymres_symbol *c;
	struct ksymres_symbol back;
	uint64_t back_addr;
	int n;

	snprintf(q, sizeof(q), "%.*s:%.*s",
		 t->module_len ? (int)t->module_len : 7,
		 t->module_len ? line + t->module : "vmlinux",
		 (int)t->name_len, line + t->name);
	if (t->module_len && !d->has_modules) {
		f->status = KSYMRES_FRAME_NO_MODULE;
		return;
	}
	n = ksymres_lookup(d->ctx, q, d->cand, ARRAY_SIZE(d->cand));
	if (n <= 0) {
		f->status = KSYMRES_FRAME_NOT_FOUND;
		return;
	}
	if (n > (int)ARRAY_SIZE(d->cand))
		n = ARRAY_SIZE(d->cand);
	c = pick(d, n, t);
	f->sym = *c;
	f->sym.addr = c->start + t->offset;
	f->sym.offset = t->offset;
	if (!d->runtime && !t->module_len)
		f->status = KSYMRES_FRAME_NO_SLIDE;
	/*
	 * Sizes: the kernel's are the distance to the next kallsyms symbol; a
	 * System.map lists more symbols, so its sizes may be smaller, never
	 * larger. The offset must land inside the symbol in any case.
	 */
	if ((t->flags & KSYMRES_TOKEN_HAS_SIZE) && c->size != t->size &&
	    (ksymres_get_source(d->ctx) != KSYMRES_SOURCE_SYSMAP || c->size > t->size))
		mismatch(f, "the size differs");
	/*
	 * %pB (the "?" frames of a stack dump) looks up a return address
	 * minus one: a call that ends a function prints as name+size/size.
	 */
	if (c->size && t->offset > c->size &&
	    !(c->flags & KSYMRES_SYMBOL_SIZE_UNKNOWN))
		mismatch(f, "the offset is past the end of the symbol");
	if ((t->flags & KSYMRES_TOKEN_HAS_ADDR) && d->runtime &&
	    kernel_address(t->addr) && t->addr != f->sym.addr)
		mismatch(f, "the printed address is elsewhere");
	if (f->status != KSYMRES_FRAME_OK)
		return;
	/* And back: the address must resolve to this symbol or an alias. */
	back_addr = f->sym.addr - (t->offset && t->offset == c->size);
	if (ksymres_resolve(d->ctx, &back_addr, 1, &back) == 1 &&
	    back.start != c->start)
		mismatch(f, "the address resolves to another symbol");
}

static void locate(struct ksymres_decoder *d, struct ksymres_frame *f)
{
	const struct ksymres_symbol *s = &f->sym;
	int n;

	if (!d->dw || !s->name)
		return;
	if (!s->module && !d->has_text)
		return;
	n = ksr_dwarf_locate(d->dw, s->module, s->name, s->start, s->size,
			     s->offset, d->text, f->locs, ARRAY_SIZE(f->locs));
	if (n <= 0)
		return;
	f->nr_locs = (uint32_t)n;
	if (!f->locs[0].function)
		f->locs[0].function = s->name;
}

/* A frame whose module the source lacks still has a name for the .ko. */
static void name_only(struct ksymres_decoder *d, const char *line,
		      struct ksymres_frame *f, char *name, char *module)
{
	const struct ksymres_token *t = &f->token;

	memcpy(name, line + t->name, t->name_len);
	name[t->name_len] = '\0';
	memcpy(module, line + t->module, t->module_len);
	module[t->module_len] = '\0';
	f->sym.name = name;
	f->sym.module = module;
	f->sym.offset = t->offset;
	f->sym.size = t->size;
	locate(d, f);
	if (f->locs[0].function == name)
		f->locs[0].function = NULL;
	f->sym.name = NULL;
	f->sym.module = NULL;
}

KSYMRES_EXPORT int ksymres_decode_line(struct ksymres_decoder *d, const char *line,
				       size_t len, struct ksymres_frame *out, size_t max)
{
	struct ksymres_token stack_tok[64], *tok = stack_tok;
	size_t i;
	int n;

	if (!d || !line || (!out && max))
		return -EINVAL;
	n = ksymres_scan_line(line, len, tok, ARRAY_SIZE(stack_tok));
	/* A line with more tokens than that: as many as the caller has room for. */
	if ((size_t)n > ARRAY_SIZE(stack_tok) && max > ARRAY_SIZE(stack_tok)) {
		size_t want = (size_t)n < max ? (size_t)n : max;

		tok = calloc(want, sizeof(*tok));
		if (!tok)
			return -ENOMEM;
		ksymres_scan_line(line, len, tok, want);
	}
	for (i = 0; i < (size_t)n && i < max; i++) {
		struct ksymres_frame *f = &out[i];

		memset(f, 0, sizeof(*f));
		f->token = tok[i];
		switch (tok[i].kind) {
		case KSYMRES_TOKEN_ADDRESS:
			decode_address(d, f);
			break;
		case KSYMRES_TOKEN_FRAME:
			decode_frame(d, line, f);
			break;
		default:
			continue;
		}
		if (f->sym.flags & KSYMRES_SYMBOL_FOUND) {
			locate(d, f);
		} else if (f->status == KSYMRES_FRAME_NO_MODULE && d->dw) {
			char name[KSR_NAME_MAX], module[KSR_MODULE_NAME_MAX];

			/* the strings are libdw's after this; ours go away */
			name_only(d, line, f, name, module);
		}
	}
	if (tok != stack_tok)
		free(tok);
	return n;
}

/* snprintf() into buf at *o, counting what would not fit. */
__attribute__((format(printf, 4, 5)))
static void put(char *buf, size_t len, size_t *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(*o < len ? buf + *o : NULL, *o < len ? len - *o : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		*o += (size_t)n;
}

static void put_locs(char *buf, size_t len, size_t *o, const struct ksymres_frame *f)
{
	uint32_t i;

	if (f->nr_locs == 1) {
		put(buf, len, o, " %s:%u", f->locs[0].file, f->locs[0].line);
		return;
	}
	for (i = 0; i < f->nr_locs; i++)
		put(buf, len, o, "%s%s %s:%u", i ? ", inlined into " : " ",
		    f->locs[i].function ? f->locs[i].function : "?",
		    f->locs[i].file ? f->locs[i].file : "?", f->locs[i].line);
}

static void put_symbol(char *buf, size_t len, size_t *o, const struct ksymres_symbol *s)
{
	put(buf, len, o, "%s+0x%" PRIx64 "/0x%" PRIx64 "%s%s%s", s->name, s->offset,
	    s->size, s->module ? " [" : "", s->module ? s->module : "",
	    s->module ? "]" : "");
}

static void annotate(char *buf, size_t len, size_t *o, const struct ksymres_frame *f)
{
	const struct ksymres_token *t = &f->token;
	bool quiet = t->kind == KSYMRES_TOKEN_ADDRESS &&
		     !(t->flags & (KSYMRES_TOKEN_BRACKETED | KSYMRES_TOKEN_IP));

	switch (f->status) {
	case KSYMRES_FRAME_OK:
		put(buf, len, o, " {");
		if (t->kind == KSYMRES_TOKEN_ADDRESS)
			put_symbol(buf, len, o, &f->sym);
		else
			put(buf, len, o, "0x%" PRIx64, f->sym.addr);
		break;
	case KSYMRES_FRAME_NOT_FOUND:
		/* A bare number that is no symbol is left alone. */
		if (quiet)
			return;
		put(buf, len, o, " {%s", t->kind == KSYMRES_TOKEN_ADDRESS ?
		    "no symbol" : "no such symbol in the source");
		break;
	case KSYMRES_FRAME_MISMATCH:
		put(buf, len, o, " {MISMATCH: %s: source has ", f->why);
		put_symbol(buf, len, o, &f->sym);
		put(buf, len, o, " at 0x%" PRIx64, f->sym.addr);
		break;
	case KSYMRES_FRAME_NO_SLIDE:
		if (quiet)
			return;
		if (t->kind == KSYMRES_TOKEN_ADDRESS)
			put(buf, len, o, " {slide unknown");
		else
			put(buf, len, o, " {map 0x%" PRIx64 ", slide unknown", f->sym.addr);
		break;
	case KSYMRES_FRAME_NO_MODULE:
		put(buf, len, o, " {module not in the source%s", f->nr_locs ? ";" : "");
		break;
	default:
		return;
	}
	put_locs(buf, len, o, f);
	put(buf, len, o, "}");
}

KSYMRES_EXPORT int ksymres_decode_format(const char *line, size_t len,
					 const struct ksymres_frame *frames, size_t n,
					 char *buf, size_t buflen)
{
	size_t o = 0, from = 0, i;

	if (!line || (!frames && n) || (!buf && buflen))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		const struct ksymres_frame *f = &frames[i];

		if (f->token.kind == KSYMRES_TOKEN_KERNEL_OFFSET ||
		    f->token.end > len || f->token.end < from)
			continue;
		put(buf, buflen, &o, "%.*s", (int)(f->token.end - from), line + from);
		from = f->token.end;
		annotate(buf, buflen, &o, f);
	}
	put(buf, buflen, &o, "%.*s", (int)(len - from), line + from);
	if (buflen && o >= buflen)
		buf[buflen - 1] = '\0';
	return o > (size_t)__INT_MAX__ ? -EOVERFLOW : (int)o;
}
