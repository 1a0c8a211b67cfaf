// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: a whole System.map file (nm output of vmlinux, or Debian's placeholder)
 * loaded by ksymres_open_sysmap(), then resolve, lookup, foreach, modules
 * and info asked of it.
 */
#include "fuzz_source_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_source_file(data, size, ksymres_open_sysmap);
}
