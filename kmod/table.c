// SPDX-License-Identifier: GPL-2.0-only
/*
 * Symbol tables: parallel arrays sorted by address for binary search, and
 * a chained hash on names, so that an address costs O(log n) and a name
 * O(1) whatever the table (the kernel's own module lookup is a linear
 * scan). About 18 bytes per symbol plus its name.
 */
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "internal.h"

#define KSR_NONE	U32_MAX

static u32 ksr_name_hash(const char *s)
{
	u32 h = 2166136261u;	/* FNV-1a */

	while (*s)
		h = (h ^ (u8)*s++) * 16777619u;
	return h;
}

void ksr_table_free(struct ksr_table *t)
{
	if (!t)
		return;
	kvfree(t->addr);
	kvfree(t->name);
	kvfree(t->type);
	kvfree(t->flags);
	kvfree(t->hash_head);
	kvfree(t->hash_next);
	kvfree(t->pool);
	kfree(t);
}

size_t ksr_table_bytes(const struct ksr_table *t)
{
	return sizeof(*t) + (size_t)t->nr * (sizeof(*t->addr) +
	       sizeof(*t->name) + sizeof(*t->type) + sizeof(*t->flags) +
	       sizeof(*t->hash_next)) +
	       ((size_t)t->hash_mask + 1) * sizeof(*t->hash_head);
}

int ksr_builder_init(struct ksr_builder *b, u32 cap, size_t pool_cap)
{
	struct ksr_table *t;

	memset(b, 0, sizeof(*b));
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	b->t = t;
	b->cap = cap;
	b->pool_cap = pool_cap;
	t->addr = kvmalloc_array(cap ?: 1, sizeof(*t->addr), GFP_KERNEL);
	t->name = kvmalloc_array(cap ?: 1, sizeof(*t->name), GFP_KERNEL);
	t->type = kvmalloc_array(cap ?: 1, sizeof(*t->type), GFP_KERNEL);
	t->flags = kvmalloc_array(cap ?: 1, sizeof(*t->flags), GFP_KERNEL);
	t->pool = kvmalloc(pool_cap ?: 1, GFP_KERNEL);
	if (!t->addr || !t->name || !t->type || !t->flags || !t->pool) {
		ksr_builder_abort(b);
		return -ENOMEM;
	}
	return 0;
}

void ksr_builder_abort(struct ksr_builder *b)
{
	ksr_table_free(b->t);
	b->t = NULL;
}

int ksr_builder_add(struct ksr_builder *b, unsigned long addr,
		    const char *name, char type, u8 flags)
{
	struct ksr_table *t = b->t;
	size_t len = strnlen(name, KSYMRES_NAME_MAX - 1) + 1;

	if (t->nr >= b->cap || len > b->pool_cap - b->pool_len)
		return -ENOSPC;
	t->addr[t->nr] = addr;
	t->name[t->nr] = b->pool_len;
	t->type[t->nr] = type;
	t->flags[t->nr] = flags;
	memcpy(t->pool + b->pool_len, name, len - 1);
	t->pool[b->pool_len + len - 1] = '\0';
	b->pool_len += len;
	t->nr++;
	return 0;
}

static int ksr_cmp_by_addr(const void *a, const void *b, const void *priv)
{
	const unsigned long *addr = priv;
	u32 i = *(const u32 *)a, j = *(const u32 *)b;

	if (addr[i] != addr[j])
		return addr[i] < addr[j] ? -1 : 1;
	return i < j ? -1 : (i > j);	/* stable: keep the source's order */
}

static bool ksr_sorted(const struct ksr_table *t)
{
	u32 i;

	for (i = 1; i < t->nr; i++)
		if (t->addr[i - 1] > t->addr[i])
			return false;
	return true;
}

/* Reorder the parallel arrays by address (module symtabs are not sorted). */
static int ksr_table_sort(struct ksr_table *t)
{
	unsigned long *addr;
	u32 *perm, *name;
	u8 *type, *flags;
	u32 i;
	int ret = -ENOMEM;

	if (ksr_sorted(t))
		return 0;
	perm = kvmalloc_array(t->nr, sizeof(*perm), GFP_KERNEL);
	addr = kvmalloc_array(t->nr, sizeof(*addr), GFP_KERNEL);
	name = kvmalloc_array(t->nr, sizeof(*name), GFP_KERNEL);
	type = kvmalloc_array(t->nr, sizeof(*type), GFP_KERNEL);
	flags = kvmalloc_array(t->nr, sizeof(*flags), GFP_KERNEL);
	if (!perm || !addr || !name || !type || !flags)
		goto out;
	for (i = 0; i < t->nr; i++)
		perm[i] = i;
	sort_r(perm, t->nr, sizeof(*perm), ksr_cmp_by_addr, NULL, t->addr);
	for (i = 0; i < t->nr; i++) {
		addr[i] = t->addr[perm[i]];
		name[i] = t->name[perm[i]];
		type[i] = t->type[perm[i]];
		flags[i] = t->flags[perm[i]];
	}
	swap(t->addr, addr);
	swap(t->name, name);
	swap(t->type, type);
	swap(t->flags, flags);
	ret = 0;
out:
	kvfree(perm);
	kvfree(addr);
	kvfree(name);
	kvfree(type);
	kvfree(flags);
	return ret;
}

static int ksr_table_hash(struct ksr_table *t)
{
	u32 buckets = roundup_pow_of_two(max(t->nr, 16u));
	u32 i, h;

	t->hash_mask = buckets - 1;
	t->hash_head = kvmalloc_array(buckets, sizeof(u32), GFP_KERNEL);
	t->hash_next = kvmalloc_array(t->nr ?: 1, sizeof(u32), GFP_KERNEL);
	if (!t->hash_head || !t->hash_next)
		return -ENOMEM;
	memset(t->hash_head, 0xff, buckets * sizeof(u32));
	/* Walk backwards so that each chain lists symbols in address order. */
	for (i = t->nr; i-- > 0;) {
		h = ksr_name_hash(t->pool + t->name[i]) & t->hash_mask;
		t->hash_next[i] = t->hash_head[h];
		t->hash_head[h] = i;
	}
	return 0;
}

struct ksr_table *ksr_builder_finish(struct ksr_builder *b, unsigned long end)
{
	struct ksr_table *t = b->t;

	if (ksr_table_sort(t) || ksr_table_hash(t)) {
		ksr_builder_abort(b);
		return NULL;
	}
	t->end = end;
	if (t->nr && t->end < t->addr[t->nr - 1])
		t->end = t->addr[t->nr - 1];
	b->t = NULL;
	return t;
}

/* Index of the (first) symbol at or below @addr, or -1. */
long ksr_table_find_addr(const struct ksr_table *t, unsigned long addr)
{
	u32 lo = 0, hi = t->nr;

	if (!t->nr || addr < t->addr[0] || addr >= t->end)
		return -1;
	while (hi - lo > 1) {
		u32 mid = lo + (hi - lo) / 2;

		if (t->addr[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	/* Aliases: the first listed wins, as in %pS and /proc/kallsyms. */
	while (lo && t->addr[lo - 1] == t->addr[lo])
		lo--;
	return lo;
}

/* As kallsyms: the distance to the next symbol at a higher address. */
u64 ksr_table_sym_size(const struct ksr_table *t, u32 idx)
{
	u32 i;

	for (i = idx + 1; i < t->nr; i++)
		if (t->addr[i] > t->addr[idx])
			return t->addr[i] - t->addr[idx];
	return t->end - t->addr[idx];
}

u32 ksr_table_name_next(const struct ksr_table *t, u32 idx, const char *name)
{
	for (; idx != KSR_NONE; idx = t->hash_next[idx])
		if (!strcmp(t->pool + t->name[idx], name))
			return idx;
	return KSR_NONE;
}

/* First symbol named @name, U32_MAX if none; then ksr_table_name_next(). */
u32 ksr_table_name_first(const struct ksr_table *t, const char *name)
{
	if (!t->nr)
		return KSR_NONE;
	return ksr_table_name_next(t,
				   t->hash_head[ksr_name_hash(name) & t->hash_mask],
				   name);
}

void ksr_table_mark_exported(struct ksr_table *t, unsigned long addr,
			     const char *name)
{
	u32 idx;

	for (idx = ksr_table_name_first(t, name); idx != KSR_NONE;
	     idx = ksr_table_name_next(t, t->hash_next[idx], name))
		if (t->addr[idx] == addr)
			t->flags[idx] |= KSR_F_EXPORTED;
}
