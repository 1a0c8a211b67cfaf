// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ksymres lookup: every symbol with each name, duplicates included, or
 * with --first the one kallsyms_lookup_name() would answer.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void print_match(const struct ksymres_symbol *s, int bits)
{
	if (s->flags & KSYMRES_SYMBOL_SIZE_UNKNOWN)
		printf("%0*" PRIx64 " ? %c %s", bits / 4, s->start, s->type, s->name);
	else
		printf("%0*" PRIx64 " 0x%" PRIx64 " %c %s", bits / 4, s->start,
		       s->size, s->type, s->name);
	if (s->module)
		printf(" [%s]", s->module);
	putchar('\n');
}

static void json_match(struct json *j, const struct ksymres_symbol *s)
{
	char type[2] = { s->type, 0 };

	json_obj_begin(j);
	json_key(j, "symbol");
	json_str(j, s->name);
	json_key(j, "module");
	json_str(j, s->module);
	json_key(j, "address");
	json_hex(j, s->start);
	json_key(j, "size");
	json_hex(j, s->size);
	json_key(j, "type");
	json_str(j, type);
	cli_symbol_flags_json(j, s->flags);
	json_obj_end(j);
}

/* All matches of one name, the array grown to the count the library gives. */
static int lookup_all(struct ksymres_ctx *ctx, const char *name, bool first,
		      struct ksymres_symbol **out, size_t *cap)
{
	int n;

	if (first && !*cap) {
		*out = calloc(1, sizeof(**out));
		if (!*out)
			return -ENOMEM;
		*cap = 1;
	}
	if (first)
		return ksymres_lookup_first(ctx, name, *out);
	for (;;) {
		n = ksymres_lookup(ctx, name, *out, *cap);
		if (n < 0 || (size_t)n <= *cap)
			return n;
		free(*out);
		*cap = n;
		*out = calloc(*cap, sizeof(**out));
		if (!*out) {
			*cap = 0;
			return -ENOMEM;
		}
	}
}

int cmd_lookup(struct cli_ctx_args *a)
{
	struct ksymres_symbol *out = NULL;
	struct ksymres_source_info info;
	struct ksymres_ctx *ctx;
	int status = 0, i, n, ret, bits;
	size_t cap = 0;
	struct json j;

	if (!a->argc) {
		cli_error("lookup: no NAME given (see ksymres lookup --help)");
		return EXIT_USAGE;
	}
	ret = cli_open(a, &ctx);
	if (ret)
		return ret;
	bits = ksymres_get_info(ctx, &info) == 0 && info.addr_bits == 32 ? 32 : 64;
	if (a->opts.json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "source");
		json_str(&j, ksymres_source_name(ksymres_get_source(ctx)));
		json_key(&j, "results");
		json_arr_begin(&j);
	}
	for (i = 0; i < a->argc; i++) {
		const char *name = a->argv[i];
		char q[128];
		int k;

		n = lookup_all(ctx, name, a->opts.first, &out, &cap);
		cli_quote(name, q, sizeof(q));
		if (n == -EINVAL) {
			cli_error("lookup '%s': not a symbol name (NAME, MODULE:NAME or vmlinux:NAME)", q);
			status = cli_worst(status, EXIT_USAGE);
		} else if (n < 0) {
			cli_error("lookup '%s': %s", q, ksymres_strerror(n));
			status = cli_worst(status, EXIT_SOURCE);
		} else if (!n) {
			cli_error("lookup '%s': not found", q);
			status = cli_worst(status, EXIT_NOT_FOUND);
		}
		if (a->opts.json) {
			json_obj_begin(&j);
			json_key(&j, "name");
			json_str(&j, name);
			if (n < 0) {
				json_key(&j, "error");
				json_str(&j, n == -EINVAL ? "not a symbol name" :
					 ksymres_strerror(n));
			} else {
				json_key(&j, "found");
				json_bool(&j, n > 0);
				json_key(&j, "matches");
				json_arr_begin(&j);
				for (k = 0; k < n; k++)
					json_match(&j, &out[k]);
				json_arr_end(&j);
			}
			json_obj_end(&j);
			continue;
		}
		for (k = 0; k < n; k++)
			print_match(&out[k], bits);
	}
	if (a->opts.json) {
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	}
	free(out);
	ksymres_free(ctx);
	return status;
}
