// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: one line of nm output (System.map, /proc/kallsyms),
 * ksr_nm_parse(). Whatever the bytes, a symbol's name and module lie
 * inside the line, have the lengths given and hold no blank; an address
 * has 1 to 16 digits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy, so that ASan sees any read past the line */
	char *line = malloc(size ? size : 1);
	struct nm_line l;
	size_t i;

	if (!line)
		return 0;
	memcpy(line, data, size);
	if (ksr_nm_parse(line, size, &l) == NM_SYMBOL) {
		if (l.name < line || l.name + l.name_len > line + size ||
		    !l.name_len || l.name_len >= KSR_NAME_MAX)
			abort();
		for (i = 0; i < l.name_len; i++)
			if (l.name[i] <= ' ' || l.name[i] >= 0x7f)
				abort();
		if (l.module && (l.module < line ||
				 l.module + l.module_len > line + size))
			abort();
		if (!l.addr_digits || l.addr_digits > 16)
			abort();
	}
	free(line);
	return 0;
}
