// SPDX-License-Identifier: GPL-2.0-or-later
/* ksymres modules: loaded modules with their address ranges. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "cli.h"

static const char *state_name(const struct ksymres_module_info *m)
{
	static const char *const names[] = { "live", "coming", "going", "gone" };

	if (m->flags & KSYMRES_MOD_PSEUDO)
		return "pseudo";
	return m->state < 4 ? names[m->state] : "unknown";
}

static void json_range(struct json *j, const char *key,
		       const struct ksymres_addr_range *r)
{
	json_key(j, key);
	json_obj_begin(j);
	json_key(j, "start");
	json_hex(j, r->start);
	json_key(j, "size");
	json_hex(j, r->size);
	json_obj_end(j);
}

static void print_json(struct json *j, const struct ksymres_module_info *m)
{
	json_obj_begin(j);
	json_key(j, "name");
	json_str(j, m->name);
	json_key(j, "state");
	json_str(j, state_name(m));
	json_key(j, "nr_syms");
	json_uint(j, m->nr_syms);
	json_key(j, "pseudo");
	json_bool(j, m->flags & KSYMRES_MOD_PSEUDO);
	json_key(j, "ranges_estimated");
	json_bool(j, m->flags & KSYMRES_MOD_RANGES_ESTIMATED);
	json_range(j, "core_text", &m->core_text);
	json_range(j, "core_rodata", &m->core_rodata);
	json_range(j, "core_data", &m->core_data);
	json_range(j, "init_text", &m->init_text);
	json_range(j, "init_data", &m->init_data);
	json_obj_end(j);
}

int cmd_modules(struct cli_ctx_args *a)
{
	struct ksymres_module_info *mods = NULL;
	struct ksymres_source_info info;
	struct ksymres_ctx *ctx;
	int n, i, ret;
	struct json j;
	size_t cap = 0;

	if (a->argc) {
		cli_error("modules: '%s': unexpected argument", a->argv[0]);
		return EXIT_USAGE;
	}
	ret = cli_open(a, &ctx);
	if (ret)
		return ret;
	/* The count can grow between calls: ask until it fits. */
	while ((n = ksymres_modules(ctx, mods, cap)) > (int)cap) {
		free(mods);
		cap = n + 8;
		mods = calloc(cap, sizeof(*mods));
		if (!mods) {
			n = -ENOMEM;
			break;
		}
	}
	if (n < 0) {
		cli_error("modules: %s", ksymres_strerror(n));
		ret = EXIT_SOURCE;
		goto out;
	}
	/* An empty list from a source that cannot list modules says nothing. */
	if (ksymres_get_info(ctx, &info) == 0 && !(info.features & KSYMRES_FEATURE_MODULES))
		cli_error("modules: %s '%s' lists no modules (a System.map describes vmlinux only)",
			  ksymres_source_name(info.source), info.path ? info.path : "?");
	if (a->opts.json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "source");
		json_str(&j, ksymres_source_name(ksymres_get_source(ctx)));
		json_key(&j, "modules");
		json_arr_begin(&j);
		for (i = 0; i < n; i++)
			print_json(&j, &mods[i]);
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
		goto out;
	}
	/* name, core text start, size, symbols, state; '~' marks an estimate */
	for (i = 0; i < n; i++)
		printf("%s %016" PRIx64 " %s0x%" PRIx64 " %u %s\n", mods[i].name,
		       mods[i].core_text.start,
		       mods[i].flags & KSYMRES_MOD_RANGES_ESTIMATED ? "~" : "",
		       mods[i].core_text.size, mods[i].nr_syms,
		       state_name(&mods[i]));
out:
	free(mods);
	ksymres_free(ctx);
	return ret;
}
