// SPDX-License-Identifier: GPL-2.0-or-later
/* ksymres dump: every symbol, in the format of /proc/kallsyms, printed as it comes. */
#include <inttypes.h>

#include "cli.h"

struct dump_state {
	struct json j;
	bool json;
	int digits;
};

static int dump_one(const struct ksymres_symbol *s, void *arg)
{
	struct dump_state *st = arg;
	char type[2] = { s->type, 0 };

	if (!st->json) {
		printf("%0*" PRIx64 " %c %s", st->digits, s->start, s->type, s->name);
		if (s->module)
			printf("\t[%s]", s->module);
		putchar('\n');
		return 0;
	}
	json_obj_begin(&st->j);
	json_key(&st->j, "address");
	json_hex(&st->j, s->start);
	json_key(&st->j, "type");
	json_str(&st->j, type);
	json_key(&st->j, "symbol");
	json_str(&st->j, s->name);
	json_key(&st->j, "module");
	json_str(&st->j, s->module);
	json_key(&st->j, "size");
	json_hex(&st->j, s->size);
	cli_symbol_flags_json(&st->j, s->flags);
	json_obj_end(&st->j);
	return 0;
}

int cmd_dump(struct cli_ctx_args *a)
{
	struct ksymres_source_info info;
	struct dump_state st = { .json = a->opts.json, .digits = 16 };
	struct ksymres_ctx *ctx;
	int ret;

	if (a->argc) {
		cli_error("dump: '%s': unexpected argument", a->argv[0]);
		return EXIT_USAGE;
	}
	ret = cli_open(a, &ctx);
	if (ret)
		return ret;
	if (ksymres_get_info(ctx, &info) == 0 && info.addr_bits == 32)
		st.digits = 8;
	if (st.json) {
		json_init(&st.j, stdout);
		json_obj_begin(&st.j);
		json_key(&st.j, "source");
		json_str(&st.j, ksymres_source_name(ksymres_get_source(ctx)));
		json_key(&st.j, "symbols");
		json_arr_begin(&st.j);
	}
	ret = ksymres_foreach_transient(ctx, dump_one, &st);
	if (st.json) {
		json_arr_end(&st.j);
		json_obj_end(&st.j);
		json_end(&st.j);
	}
	if (ret) {
		cli_error("dump: %s", ksymres_strerror(ret));
		ret = EXIT_SOURCE;
	}
	ksymres_free(ctx);
	return ret;
}
