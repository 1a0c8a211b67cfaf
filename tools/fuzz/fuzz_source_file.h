/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The file sources fuzzed whole: the input becomes a file in memory
 * (memfd, opened again through /proc/self/fd) and is loaded as the
 * library loads a real one; then every question is asked of it. A load
 * may fail with an error; it must never crash, leak or read out of bounds.
 */
#ifndef KSYMRES_FUZZ_SOURCE_FILE_H
#define KSYMRES_FUZZ_SOURCE_FILE_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ksymres.h"

static int count_symbol(const struct ksymres_symbol *sym, void *arg)
{
	(void)sym;
	++*(size_t *)arg;
	return 0;
}

static void ask_everything(struct ksymres_ctx *ctx, const uint8_t *data,
			   size_t size)
{
	struct ksymres_symbol out[8];
	struct ksymres_module_info mods[4];
	struct ksymres_source_info info;
	struct ksymres_file_report report;
	uint64_t addrs[8];
	char buf[600];
	size_t i, n = 0;

	/* addresses taken from the input itself, and around them */
	for (i = 0; i < 8; i++) {
		addrs[i] = 0;
		if (size >= (i + 1) * 8)
			memcpy(&addrs[i], data + i * 8, 8);
	}
	addrs[7] = 0xffffffff81000000ULL;
	ksymres_resolve(ctx, addrs, 8, out);
	for (i = 0; i < 8; i++)
		if (out[i].name)
			ksymres_format_symbol(&out[i], buf, sizeof(buf));
	ksymres_foreach(ctx, count_symbol, &n);
	ksymres_lookup(ctx, "_text", out, 8);
	ksymres_lookup(ctx, "vmlinux:_text", out, 8);
	ksymres_lookup(ctx, "mod:x", out, 8);
	if (size) {
		/* the first line's text as a name (data has no NUL) */
		const uint8_t *nl = memchr(data, '\n', size);
		size_t len = nl ? (size_t)(nl - data) : size;

		if (len > sizeof(buf) - 1)
			len = sizeof(buf) - 1;
		memcpy(buf, data, len);
		buf[len] = '\0';
		ksymres_lookup(ctx, buf, out, 8);
	}
	ksymres_modules(ctx, mods, 4);
	ksymres_get_info(ctx, &info);
	ksymres_file_report(ctx, &report);
	ksymres_set_slide(ctx, 0x1000000);
	ksymres_resolve(ctx, addrs, 8, out);
}

static int fuzz_source_file(const uint8_t *data, size_t size,
			    int (*open_fn)(struct ksymres_ctx *, const char *))
{
	struct ksymres_ctx *ctx;
	char path[64];
	int fd = memfd_create("ksymres-fuzz", MFD_CLOEXEC);

	if (fd < 0)
		abort();
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ctx = ksymres_new();
	if (!ctx)
		abort();
	if (open_fn(ctx, path) == 0)
		ask_everything(ctx, data, size);
	ksymres_free(ctx);
	close(fd);
	return 0;
}

#endif /* KSYMRES_FUZZ_SOURCE_FILE_H */
