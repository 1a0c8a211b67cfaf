// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: addresses as people paste them, ksymres_parse_addr().
 * An address it accepts, printed back as 0x%llx, parses to the same value.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksymres.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), again[32];
	uint64_t addr, back;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (ksymres_parse_addr(s, &addr) == 0) {
		snprintf(again, sizeof(again), "0x%" PRIx64, addr);
		if (ksymres_parse_addr(again, &back) || back != addr)
			abort();
	}
	free(s);
	return 0;
}
