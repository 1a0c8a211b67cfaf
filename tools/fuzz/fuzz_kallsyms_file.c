// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: a whole /proc/kallsyms-format file (symbols of vmlinux and of modules)
 * loaded by ksymres_open_kallsyms(), then resolve, lookup, foreach, modules
 * and info asked of it.
 */
#include "fuzz_source_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_source_file(data, size, ksymres_open_kallsyms);
}
