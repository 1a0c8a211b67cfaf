// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ksymres decode: oops and stack-trace text in, the same text out with
 * each address and frame annotated (libksymres's decoder does the work).
 * The input is read whole first: a panic prints its "Kernel Offset:" line
 * after the trace it explains.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cli.h"

#define MAX_MODULES	32
#define FRAMES_PER_LINE	64

struct cli_decode_opts {
	const char *kallsyms;
	const char *map;
	const char *vmlinux;
	const char *modules[MAX_MODULES];
	int nr_modules;
};

int cli_decode_opt(struct cli_opts *o, int which, const char *arg)
{
	static struct cli_decode_opts opts;
	struct cli_decode_opts *d = &opts;

	o->decode = d;
	switch (which) {
	case 0:
		d->kallsyms = arg;
		break;
	case 1:
		d->map = arg;
		break;
	case 2:
		d->vmlinux = arg;
		break;
	default:
		if (d->nr_modules == MAX_MODULES) {
			cli_error("decode: more than %d --module files", MAX_MODULES);
			return -1;
		}
		d->modules[d->nr_modules++] = arg;
	}
	return 0;
}

struct text {
	char *buf;
	size_t len, cap;
};

static int slurp(FILE *f, struct text *t)
{
	size_t n;

	do {
		if (t->cap - t->len < 65536) {
			char *b = realloc(t->buf, t->cap * 2 + 65536);

			if (!b)
				return -ENOMEM;
			t->buf = b;
			t->cap = t->cap * 2 + 65536;
		}
		n = fread(t->buf + t->len, 1, t->cap - t->len, f);
		t->len += n;
	} while (n);
	return ferror(f) ? -EIO : 0;
}

static int read_input(struct cli_ctx_args *a, struct text *t)
{
	char q[256];
	int i, ret;

	if (!a->argc)
		return slurp(stdin, t) ? (cli_error("decode: <stdin>: %s", strerror(errno)),
					  EXIT_USAGE) : 0;
	for (i = 0; i < a->argc; i++) {
		FILE *f = strcmp(a->argv[i], "-") ? fopen(a->argv[i], "r") : stdin;

		if (!f) {
			cli_error("decode '%s': %s", cli_quote(a->argv[i], q, sizeof(q)),
				  strerror(errno));
			return EXIT_USAGE;
		}
		ret = slurp(f, t);
		if (f != stdin)
			fclose(f);
		if (ret) {
			cli_error("decode '%s': %s", cli_quote(a->argv[i], q, sizeof(q)),
				  strerror(-ret));
			return EXIT_USAGE;
		}
	}
	return 0;
}

/* --kallsyms and --map are --source spellings; only one source. */
static int pick_source(struct cli_ctx_args *a, const struct cli_decode_opts *d,
		       char *spec, size_t len)
{
	if (!d)
		return 0;
	if (d->kallsyms && d->map) {
		cli_error("decode: --kallsyms and --map: give one source");
		return EXIT_USAGE;
	}
	if ((d->kallsyms || d->map) && a->opts.source) {
		cli_error("decode: --source and --%s: give one source",
			  d->map ? "map" : "kallsyms");
		return EXIT_USAGE;
	}
	if (d->kallsyms || d->map) {
		snprintf(spec, len, "%s=%s", d->map ? "map" : "kallsyms",
			 d->map ? d->map : d->kallsyms);
		a->opts.source = spec;
	}
	return 0;
}

/* A map without --slide: the panic's own "Kernel Offset:" line, if any. */
static int text_slide(struct cli_ctx_args *a, struct ksymres_ctx *ctx,
		      const struct text *t)
{
	uint64_t slide;

	if (ksymres_get_source(ctx) != KSYMRES_SOURCE_SYSMAP || a->opts.slide)
		return 0;
	if (ksymres_text_slide(t->buf, t->len, &slide)) {
		cli_error("decode: no --slide and no 'Kernel Offset:' line in the text: "
			  "vmlinux addresses are not this boot's, and are not resolved");
		return 0;
	}
	if (ksymres_set_slide(ctx, slide)) {
		cli_error("decode: cannot apply the text's slide 0x%" PRIx64, slide);
		return EXIT_SOURCE;
	}
	return 0;
}

static int debug_error(const char *what, const char *path, int ret)
{
	char q[256];

	cli_quote(path, q, sizeof(q));
	if (ret == -ENOSYS)
		cli_error("decode: %s '%s': libdw.so.1 (elfutils) cannot be loaded; "
			  "install libdw1 for file:line", what, q);
	else if (ret == -EBADMSG)
		cli_error("decode: %s '%s': no ELF symbol table or debug info", what, q);
	else
		cli_error("decode: %s '%s': %s", what, q, strerror(-ret));
	return ret == -ENOSYS ? EXIT_SOURCE : EXIT_USAGE;
}

/* The -dbg package's vmlinux for the source's release, when installed. */
static const char *default_vmlinux(struct ksymres_ctx *ctx, char *buf, size_t len)
{
	struct ksymres_source_info in = { 0 };
	struct utsname u;
	const char *rel = NULL;

	/* A saved kallsyms file may be another kernel's: only a known release. */
	if (!ksymres_get_info(ctx, &in) && in.release)
		rel = in.release;
	else if ((in.source == KSYMRES_SOURCE_DEVICE || (in.flags & KSYMRES_INFO_LIVE)) &&
		 !uname(&u))
		rel = u.release;
	if (!rel)
		return NULL;
	snprintf(buf, len, "/usr/lib/debug/boot/vmlinux-%s", rel);
	return access(buf, R_OK) ? NULL : buf;
}

static int add_debug(struct ksymres_decoder *dec, struct ksymres_ctx *ctx,
		     const struct cli_decode_opts *d)
{
	const char *vmlinux = d ? d->vmlinux : NULL;
	char buf[512];
	int i, ret;

	if (!vmlinux)
		vmlinux = default_vmlinux(ctx, buf, sizeof(buf));
	if (vmlinux) {
		ret = ksymres_decoder_set_vmlinux(dec, vmlinux);
		if (ret)
			return debug_error("--vmlinux", vmlinux, ret);
	}
	for (i = 0; d && i < d->nr_modules; i++) {
		ret = ksymres_decoder_add_module(dec, d->modules[i]);
		if (ret)
			return debug_error("--module", d->modules[i], ret);
	}
	return 0;
}

static const char *const status_names[] = {
	[KSYMRES_FRAME_OK] = "ok",
	[KSYMRES_FRAME_NOT_FOUND] = "not_found",
	[KSYMRES_FRAME_MISMATCH] = "mismatch",
	[KSYMRES_FRAME_NO_SLIDE] = "no_slide",
	[KSYMRES_FRAME_NO_MODULE] = "no_module",
};

static void frame_json(struct json *j, uint64_t lineno, const char *line,
		       const struct ksymres_frame *f)
{
	const struct ksymres_token *t = &f->token;
	uint32_t i;

	json_obj_begin(j);
	json_key(j, "line");
	json_uint(j, lineno);
	json_key(j, "text");
	{
		char *s = strndup(line + t->start, t->end - t->start);

		json_str(j, s ? s : "");
		free(s);
	}
	json_key(j, "kind");
	json_str(j, t->kind == KSYMRES_TOKEN_ADDRESS ? "address" : "frame");
	json_key(j, "reliable");
	json_bool(j, !(t->flags & KSYMRES_TOKEN_UNRELIABLE));
	json_key(j, "ip");
	json_bool(j, t->flags & KSYMRES_TOKEN_IP);
	json_key(j, "status");
	json_str(j, f->status < ARRAY_SIZE(status_names) ? status_names[f->status] : "?");
	if (f->why) {
		json_key(j, "why");
		json_str(j, f->why);
	}
	if (f->sym.flags & KSYMRES_SYMBOL_FOUND) {
		json_key(j, "address");
		json_hex(j, f->sym.addr);
		json_key(j, "symbol");
		json_str(j, f->sym.name);
		json_key(j, "module");
		json_str(j, f->sym.module);
		json_key(j, "offset");
		json_hex(j, f->sym.offset);
		json_key(j, "size");
		json_hex(j, f->sym.size);
	}
	json_key(j, "locations");
	json_arr_begin(j);
	for (i = 0; i < f->nr_locs; i++) {
		json_obj_begin(j);
		json_key(j, "function");
		json_str(j, f->locs[i].function);
		json_key(j, "file");
		json_str(j, f->locs[i].file);
		json_key(j, "line");
		json_uint(j, f->locs[i].line);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
}

struct out {
	struct json j;
	bool json;
	char *buf;
	size_t cap;
	int status;
};

static int emit_line(struct out *o, uint64_t lineno, const char *line, size_t len,
		     const struct ksymres_frame *f, size_t n)
{
	size_t i;
	int need;

	for (i = 0; i < n; i++) {
		if (f[i].token.kind == KSYMRES_TOKEN_KERNEL_OFFSET)
			continue;
		if (f[i].status == KSYMRES_FRAME_MISMATCH ||
		    (f[i].status != KSYMRES_FRAME_OK &&
		     f[i].token.kind == KSYMRES_TOKEN_FRAME))
			o->status = cli_worst(o->status, EXIT_NOT_FOUND);
		/* as in the text: a bare number that is no symbol is no frame */
		if (o->json && (f[i].status == KSYMRES_FRAME_OK ||
				f[i].token.kind == KSYMRES_TOKEN_FRAME ||
				(f[i].token.flags & (KSYMRES_TOKEN_BRACKETED | KSYMRES_TOKEN_IP))))
			frame_json(&o->j, lineno, line, &f[i]);
	}
	if (o->json)
		return 0;
	need = ksymres_decode_format(line, len, f, n, o->buf, o->cap);
	if (need < 0)
		return need;
	if ((size_t)need >= o->cap) {
		char *b = realloc(o->buf, (size_t)need + 1);

		if (!b)
			return -ENOMEM;
		o->buf = b;
		o->cap = (size_t)need + 1;
		ksymres_decode_format(line, len, f, n, o->buf, o->cap);
	}
	fwrite(o->buf, 1, (size_t)need, stdout);
	return 0;
}

static int decode_text(struct ksymres_decoder *dec, struct out *o, const struct text *t)
{
	static struct ksymres_frame frames[FRAMES_PER_LINE];
	const char *p = t->buf, *end = t->buf + t->len, *nl;
	uint64_t lineno = 0;
	int n, ret;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		lineno++;
		n = ksymres_decode_line(dec, p, (size_t)(nl - p), frames, FRAMES_PER_LINE);
		if (n < 0) {
			cli_error("decode: line %" PRIu64 ": %s", lineno, ksymres_strerror(n));
			return EXIT_SOURCE;
		}
		if (n > FRAMES_PER_LINE)
			n = FRAMES_PER_LINE;	/* the rest of the line stays as it is */
		ret = emit_line(o, lineno, p, (size_t)(nl - p), frames, (size_t)n);
		if (ret) {
			cli_error("decode: %s", strerror(-ret));
			return EXIT_SOURCE;
		}
		if (!o->json && nl < end)
			putchar('\n');
	}
	return 0;
}

int cmd_decode(struct cli_ctx_args *a)
{
	struct ksymres_decoder *dec = NULL;
	struct ksymres_ctx *ctx = NULL;
	struct text t = { 0 };
	struct out o = { .json = a->opts.json };
	char spec[4200];
	int ret;

	ret = pick_source(a, a->opts.decode, spec, sizeof(spec));
	if (!ret)
		ret = read_input(a, &t);
	if (!ret)
		ret = cli_open(a, &ctx);
	if (!ret)
		ret = text_slide(a, ctx, &t);
	if (!ret) {
		dec = ksymres_decoder_new(ctx);
		if (!dec) {
			cli_error("decode: %s", strerror(errno));
			ret = EXIT_SOURCE;
		}
	}
	if (!ret)
		ret = add_debug(dec, ctx, a->opts.decode);
	if (ret)
		goto out;
	if (o.json) {
		json_init(&o.j, stdout);
		json_obj_begin(&o.j);
		json_key(&o.j, "source");
		json_str(&o.j, ksymres_source_name(ksymres_get_source(ctx)));
		json_key(&o.j, "frames");
		json_arr_begin(&o.j);
	}
	ret = decode_text(dec, &o, &t);
	if (o.json) {
		json_arr_end(&o.j);
		json_obj_end(&o.j);
		json_end(&o.j);
	}
	if (!ret)
		ret = o.status;
out:
	free(o.buf);
	free(t.buf);
	ksymres_decoder_free(dec);
	ksymres_free(ctx);
	return ret;
}
