// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ksymres resolve: addresses from the arguments or from stdin (one per
 * line), answered in batches of one library call each, printed in input
 * order like %pS.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define BATCH	4096

struct item {
	char *input;
	uint64_t lineno;	/* stdin line, 0 for arguments */
	uint64_t addr;
	int err;		/* ksymres_parse_addr() */
};

struct batch {
	struct ksymres_ctx *ctx;
	const struct cli_opts *opts;
	struct json j;
	struct item items[BATCH];
	uint64_t addrs[BATCH];
	struct ksymres_symbol out[BATCH];
	size_t n;
	int status;
};

static void print_error(struct batch *b, const struct item *it)
{
	const char *why = it->err == -ERANGE ? "address out of range" : "not an address";
	char q[96];

	cli_quote(it->input, q, sizeof(q));
	if (it->lineno)
		cli_error("resolve: <stdin>:%" PRIu64 ": '%s': %s", it->lineno, q, why);
	else
		cli_error("resolve '%s': %s", q, why);
	b->status = cli_worst(b->status, EXIT_USAGE);
	if (b->opts->json) {
		json_obj_begin(&b->j);
		json_key(&b->j, "input");
		json_str(&b->j, it->input);
		if (it->lineno) {
			json_key(&b->j, "line");
			json_uint(&b->j, it->lineno);
		}
		json_key(&b->j, "error");
		json_str(&b->j, why);
		json_obj_end(&b->j);
	}
}

static void print_json(struct batch *b, const struct item *it,
		       const struct ksymres_symbol *s)
{
	struct json *j = &b->j;
	bool found = s->flags & KSYMRES_SYMBOL_FOUND;
	char type[2] = { s->type, 0 };

	json_obj_begin(j);
	json_key(j, "input");
	json_str(j, it->input);
	json_key(j, "address");
	json_hex(j, s->addr);
	json_key(j, "found");
	json_bool(j, found);
	if (found) {
		json_key(j, "symbol");
		json_str(j, s->name);
		json_key(j, "module");
		json_str(j, s->module);
		json_key(j, "start");
		json_hex(j, s->start);
		json_key(j, "offset");
		json_hex(j, s->offset);
		json_key(j, "size");
		json_hex(j, s->size);
		json_key(j, "type");
		json_str(j, type);
		cli_symbol_flags_json(j, s->flags);
	}
	json_obj_end(j);
}

static int flush(struct batch *b)
{
	size_t i, k = 0;
	int ret;

	for (i = 0; i < b->n; i++)
		if (!b->items[i].err)
			b->addrs[k++] = b->items[i].addr;
	ret = ksymres_resolve(b->ctx, b->addrs, k, b->out);
	if (ret < 0) {
		cli_error("resolve: %s", ksymres_strerror(ret));
		b->status = EXIT_SOURCE;
		return ret;
	}
	for (i = 0, k = 0; i < b->n; i++) {
		struct item *it = &b->items[i];
		const struct ksymres_symbol *s;
		char buf[1024];

		if (it->err) {
			print_error(b, it);
			goto next;
		}
		s = &b->out[k++];
		if (!(s->flags & KSYMRES_SYMBOL_FOUND))
			b->status = cli_worst(b->status, EXIT_NOT_FOUND);
		if (b->opts->json) {
			print_json(b, it, s);
			goto next;
		}
		ksymres_format_symbol(s, buf, sizeof(buf));
		if (b->opts->address)
			printf("%016" PRIx64 " %s\n", s->addr, buf);
		else
			printf("%s\n", buf);
next:
		free(it->input);
	}
	b->n = 0;
	return 0;
}

static int add(struct batch *b, const char *input, uint64_t lineno)
{
	struct item *it = &b->items[b->n];

	it->input = strdup(input);
	if (!it->input) {
		cli_error("resolve: %s", strerror(ENOMEM));
		b->status = EXIT_SOURCE;
		return -ENOMEM;
	}
	it->lineno = lineno;
	it->err = ksymres_parse_addr(input, &it->addr);
	if (++b->n == BATCH)
		return flush(b);
	return 0;
}

static int read_stdin(struct batch *b)
{
	uint64_t lineno = 0;
	size_t cap = 0;
	char *line = NULL;
	ssize_t len;
	int ret = 0;

	while ((len = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!line[strspn(line, " \t")])
			continue;	/* blank lines separate, they ask nothing */
		ret = add(b, line, lineno);
		if (ret)
			break;
	}
	if (ferror(stdin)) {
		cli_error("resolve: <stdin>: %s", strerror(errno));
		b->status = cli_worst(b->status, EXIT_USAGE);
	}
	free(line);
	return ret;
}

int cmd_resolve(struct cli_ctx_args *a)
{
	struct ksymres_ctx *ctx;
	struct batch *b;
	int i, ret;

	ret = cli_open(a, &ctx);
	if (ret)
		return ret;
	b = calloc(1, sizeof(*b));
	if (!b) {
		cli_error("resolve: %s", strerror(ENOMEM));
		ksymres_free(ctx);
		return EXIT_SOURCE;
	}
	b->ctx = ctx;
	b->opts = &a->opts;
	if (a->opts.json) {
		json_init(&b->j, stdout);
		json_obj_begin(&b->j);
		json_key(&b->j, "source");
		json_str(&b->j, ksymres_source_name(ksymres_get_source(ctx)));
		json_key(&b->j, "results");
		json_arr_begin(&b->j);
	}
	ret = 0;
	if (a->argc) {
		for (i = 0; i < a->argc && !ret; i++)
			ret = add(b, a->argv[i], 0);
	} else {
		ret = read_stdin(b);
	}
	if (!ret)
		flush(b);
	if (a->opts.json) {
		json_arr_end(&b->j);
		json_obj_end(&b->j);
		json_end(&b->j);
	}
	ret = b->status;
	free(b);
	ksymres_free(ctx);
	return ret;
}
