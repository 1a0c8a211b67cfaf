// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Which System.map symbols a cross-check can compare with the kernel.
 * Not comparable, so counted and never flagged: absolute symbols (A:
 * constants, not addresses), per-cpu offsets (below _text: offsets into
 * each CPU's area, which KASLR does not move), and the names
 * scripts/kallsyms leaves out of kallsyms (its own kallsyms_* tables and
 * the list in is_ignored_symbol() of 6.1). Symbols a map has and the
 * kernel lacks for a reason are sorted out later: __init ones (freed
 * after boot and dropped by some sources) and compiler local labels.
 */
#include <string.h>

#include "internal.h"

static bool has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

bool ksr_kallsyms_omits(const char *name)
{
	static const char *const names[] = {
		"kallsyms_addresses", "kallsyms_offsets", "kallsyms_relative_base",
		"kallsyms_num_syms", "kallsyms_names", "kallsyms_markers",
		"kallsyms_token_table", "kallsyms_token_index",
		"kallsyms_seqs_of_names", "_SDA_BASE_", "_SDA2_BASE_",
	};
	static const char *const prefixes[] = {
		"__efistub_", "__kvm_nvhe_$", "__kvm_nvhe_.L", "__AArch64ADRPThunk_",
		"__ARMV5PILongThunk_", "__ARMV7PILongThunk_", "__ThumbV7PILongThunk_",
		"__LA25Thunk_", "__microLA25Thunk_", "__kcfi_typeid_",
	};
	static const char *const suffixes[] = { "_from_arm", "_from_thumb", "_veneer" };
	size_t i, len;

	/* Every name listed starts with 'k' or '_', or ends in 'm', 'b', 'r'. */
	len = strlen(name);
	if (name[0] != 'k' && name[0] != '_' && !memchr(name, '.', len) &&
	    (!len || !strchr("mbr", name[len - 1])))
		return false;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i]))
			return true;
	for (i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (has_prefix(name, prefixes[i]))
			return true;
	for (i = 0; i < ARRAY_SIZE(suffixes); i++)
		if (has_suffix(name, suffixes[i]))
			return true;
	return strstr(name, ".long_branch.") || strstr(name, ".plt_branch.");
}

/* Assembler-local names that reach a symbol table now and then. */
bool ksr_local_label(const char *name)
{
	if (has_prefix(name, ".L") || name[0] == '$')
		return true;
	/* "L0", "L123": anonymous labels of some assemblers */
	if (name[0] == 'L' && name[1]) {
		for (name++; *name; name++)
			if (*name < '0' || *name > '9')
				return false;
		return true;
	}
	return false;
}

enum ksr_cmp_class ksr_classify(const char *name, char type, uint64_t addr,
				uint64_t text)
{
	if (type == 'A' || type == 'a')
		return KSR_CMP_ABSOLUTE;
	if (addr < text)
		return KSR_CMP_PERCPU;
	if (ksr_kallsyms_omits(name))
		return KSR_CMP_KALLSYMS_OMITTED;
	return KSR_CMP_COMPARABLE;
}
