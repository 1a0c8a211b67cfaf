// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: the text scanner of `decode` (ksymres_scan_line) and
 * the "Kernel Offset:" finder on any bytes. Beyond not crashing, every
 * token must lie inside the line, in order, without overlap, with its name
 * and module inside it; the count must not depend on the room given.
 */
#include <stdint.h>
#include <stdlib.h>

#include "ksymres.h"

#define MAXTOK 64

static void check(int cond)
{
	if (!cond)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *line = (const char *)data;
	struct ksymres_token t[MAXTOK];
	size_t prev_end = 0, i;
	uint64_t slide;
	int n;

	n = ksymres_scan_line(line, size, t, MAXTOK);
	check(n >= 0);
	check(ksymres_scan_line(line, size, NULL, 0) == n);
	for (i = 0; i < (size_t)n && i < MAXTOK; i++) {
		const struct ksymres_token *k = &t[i];

		check(k->start >= prev_end && k->start < k->end && k->end <= size);
		prev_end = k->end;
		check(k->kind >= KSYMRES_TOKEN_ADDRESS && k->kind <= KSYMRES_TOKEN_KERNEL_OFFSET);
		if (k->kind != KSYMRES_TOKEN_FRAME)
			continue;
		check(k->name_len && k->name >= k->start && k->name + k->name_len <= k->end);
		check(!k->module_len ||
		      (k->module > k->name && k->module + k->module_len < k->end));
	}
	check(ksymres_text_slide(line, size, &slide) == 0 ||
	      ksymres_text_slide(line, size, &slide) == -2 /* ENOENT */);
	return 0;
}
