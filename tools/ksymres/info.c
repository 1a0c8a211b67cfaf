// SPDX-License-Identifier: GPL-2.0-or-later
/* ksymres info: who the kernel is, and what the source can tell. */
#include <inttypes.h>
#include <string.h>

#include "cli.h"

static const struct {
	uint32_t bit;
	const char *name;
} features[] = {
	{ KSYMRES_FEATURE_RESOLVE, "resolve" },
	{ KSYMRES_FEATURE_MODULES, "modules" },
	{ KSYMRES_FEATURE_LOOKUP, "lookup" },
	{ KSYMRES_FEATURE_DUMP, "dump" },
	{ KSYMRES_FEATURE_TYPES, "types" },
	{ KSYMRES_FEATURE_EXPORTED, "exported" },
	{ KSYMRES_FEATURE_TOMBSTONES, "tombstones" },
	{ KSYMRES_FEATURE_BUILD_ID, "build_id" },
	{ KSYMRES_FEATURE_KASLR, "kaslr" },
};

static const struct {
	uint32_t bit;
	const char *name;
} limits[] = {
	{ KSYMRES_INFO_SIZES_ESTIMATED, "sizes_estimated" },
	{ KSYMRES_INFO_MODULE_RANGES_ESTIMATED, "module_ranges_estimated" },
};

static void build_id_hex(const struct ksymres_source_info *in, char *buf)
{
	uint32_t i;

	for (i = 0; i < in->build_id_size; i++)
		sprintf(buf + 2 * i, "%02x", in->build_id[i]);
	buf[2 * i] = '\0';
}

static void print_text(const struct ksymres_source_info *in,
		       const struct ksymres_file_report *r, bool file)
{
	char id[2 * sizeof(in->build_id) + 1];
	size_t i;

	build_id_hex(in, id);
	printf("source: %s\n", ksymres_source_name(in->source));
	printf("path: %s\n", in->path ? in->path : "-");
	printf("release: %s\n", in->release ? in->release : "unknown");
	printf("build_id: %s\n", (in->flags & KSYMRES_INFO_BUILD_ID) ? id : "unknown");
	if (in->flags & KSYMRES_INFO_KASLR)
		printf("kaslr_offset: 0x%" PRIx64 "\n", in->kaslr_offset);
	else
		printf("kaslr_offset: unknown\n");
	if (in->flags & KSYMRES_INFO_SLIDE)
		printf("slide: 0x%" PRIx64 "\n", in->slide);
	if (in->flags & KSYMRES_INFO_TEXT)
		printf("text_start: 0x%" PRIx64 "\n", in->text_start);
	if (in->flags & KSYMRES_INFO_TEXT_END)
		printf("text_end: 0x%" PRIx64 "\n", in->text_end);
	if (in->flags & KSYMRES_INFO_GENERATION)
		printf("generation: %" PRIu64 "\n", in->generation);
	if (in->abi_version)
		printf("abi_version: %u\n", in->abi_version);
	printf("live: %s\n", in->flags & KSYMRES_INFO_LIVE ? "yes" : "no");
	printf("vmlinux_symbols: %u\n", in->nr_vmlinux_syms);
	printf("module_symbols: %u\n", in->nr_module_syms);
	printf("modules: %u\n", in->nr_modules);
	if (in->addr_bits)
		printf("address_bits: %u\n", in->addr_bits);
	printf("features:");
	for (i = 0; i < ARRAY_SIZE(features); i++)
		if (in->features & features[i].bit)
			printf(" %s", features[i].name);
	putchar('\n');
	printf("limits:");
	for (i = 0; i < ARRAY_SIZE(limits); i++)
		if (in->flags & limits[i].bit)
			printf(" %s", limits[i].name);
	putchar('\n');
	if (file)
		printf("file_lines: %" PRIu64 "\nfile_garbage_lines: %" PRIu64 "\n",
		       r->lines, r->garbage);
}

static void hex_or_null(struct json *j, const char *key, bool known, uint64_t v)
{
	json_key(j, key);
	if (known)
		json_hex(j, v);
	else
		json_null(j);
}

static void print_json(const struct ksymres_source_info *in,
		       const struct ksymres_file_report *r, bool file)
{
	char id[2 * sizeof(in->build_id) + 1];
	struct json j;
	size_t i;

	build_id_hex(in, id);
	json_init(&j, stdout);
	json_obj_begin(&j);
	json_key(&j, "source");
	json_str(&j, ksymres_source_name(in->source));
	json_key(&j, "path");
	json_str(&j, in->path);
	json_key(&j, "release");
	json_str(&j, in->release);
	json_key(&j, "build_id");
	json_str(&j, (in->flags & KSYMRES_INFO_BUILD_ID) ? id : NULL);
	hex_or_null(&j, "kaslr_offset", in->flags & KSYMRES_INFO_KASLR, in->kaslr_offset);
	hex_or_null(&j, "slide", in->flags & KSYMRES_INFO_SLIDE, in->slide);
	hex_or_null(&j, "text_start", in->flags & KSYMRES_INFO_TEXT, in->text_start);
	hex_or_null(&j, "text_end", in->flags & KSYMRES_INFO_TEXT_END, in->text_end);
	json_key(&j, "generation");
	if (in->flags & KSYMRES_INFO_GENERATION)
		json_uint(&j, in->generation);
	else
		json_null(&j);
	json_key(&j, "abi_version");
	json_uint(&j, in->abi_version);
	json_key(&j, "live");
	json_bool(&j, in->flags & KSYMRES_INFO_LIVE);
	json_key(&j, "nr_vmlinux_syms");
	json_uint(&j, in->nr_vmlinux_syms);
	json_key(&j, "nr_module_syms");
	json_uint(&j, in->nr_module_syms);
	json_key(&j, "nr_modules");
	json_uint(&j, in->nr_modules);
	json_key(&j, "address_bits");
	json_uint(&j, in->addr_bits);
	json_key(&j, "features");
	json_arr_begin(&j);
	for (i = 0; i < ARRAY_SIZE(features); i++)
		if (in->features & features[i].bit)
			json_str(&j, features[i].name);
	json_arr_end(&j);
	json_key(&j, "limits");
	json_arr_begin(&j);
	for (i = 0; i < ARRAY_SIZE(limits); i++)
		if (in->flags & limits[i].bit)
			json_str(&j, limits[i].name);
	json_arr_end(&j);
	if (file) {
		json_key(&j, "file");
		json_obj_begin(&j);
		json_key(&j, "lines");
		json_uint(&j, r->lines);
		json_key(&j, "symbols");
		json_uint(&j, r->symbols);
		json_key(&j, "blank");
		json_uint(&j, r->blank);
		json_key(&j, "undefined");
		json_uint(&j, r->undefined);
		json_key(&j, "garbage");
		json_uint(&j, r->garbage);
		json_key(&j, "garbage_lines");
		json_arr_begin(&j);
		for (i = 0; i < r->nr_bad_lines; i++)
			json_uint(&j, r->bad_lines[i]);
		json_arr_end(&j);
		json_key(&j, "crlf");
		json_uint(&j, r->crlf);
		json_key(&j, "truncated");
		json_bool(&j, r->truncated);
		json_obj_end(&j);
	}
	json_obj_end(&j);
	json_end(&j);
}

int cmd_info(struct cli_ctx_args *a)
{
	struct ksymres_source_info in;
	struct ksymres_file_report r;
	struct ksymres_ctx *ctx;
	bool file;
	int ret;

	if (a->argc) {
		cli_error("info: '%s': unexpected argument", a->argv[0]);
		return EXIT_USAGE;
	}
	ret = cli_open(a, &ctx);
	if (ret)
		return ret;
	ret = ksymres_get_info(ctx, &in);
	if (ret) {
		cli_error("info: %s", ksymres_strerror(ret));
		ksymres_free(ctx);
		return EXIT_SOURCE;
	}
	ksymres_file_report(ctx, &r);
	file = in.source != KSYMRES_SOURCE_DEVICE;
	if (a->opts.json)
		print_json(&in, &r, file);
	else
		print_text(&in, &r, file);
	ksymres_free(ctx);
	return 0;
}
