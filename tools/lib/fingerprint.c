// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A build's fingerprint that KASLR does not change: every compared
 * symbol's name and offset from _text, hashed one by one and summed, so
 * that the order of the lines (nm sorts, kallsyms does not quite) and the
 * source (map, kallsyms, device) do not matter, and duplicates count.
 * Two machines that print the same fingerprint run the same build;
 * the version symbol klogd and ksymoops looked for is long gone.
 */
#include <stdio.h>

#include "internal.h"

/* splitmix64's finaliser: every input bit reaches every output bit. */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

void ksr_fp_add(struct ksr_fp *fp, const char *name, uint64_t offset)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a 64 over the name */

	for (; *name; name++) {
		h ^= (unsigned char)*name;
		h *= 0x100000001b3ULL;
	}
	fp->sum += mix(h ^ mix(offset));
	fp->count++;
}

void ksr_fp_format(const struct ksr_fp *fp, char *out)
{
	snprintf(out, KSYMRES_FINGERPRINT_LEN, "%016llx",
		 (unsigned long long)mix(fp->sum ^ mix(fp->count)));
}
