// SPDX-License-Identifier: GPL-2.0-only
/*
 * Symbol indexes: parallel arrays sorted by address (32-bit offsets from a
 * base) for binary search, one shared pool of names, and a chained hash on
 * names, so that an address costs O(log n) and a name O(1) whatever the
 * table (the kernel's own module lookups are linear scans).
 *
 * Module symbol tables are not sorted: a stable LSD radix sort on the
 * 32-bit offsets (three passes of 11 bits) orders them in linear time,
 * which keeps a 25,000-symbol module well under a millisecond natively.
 */
#include <linux/bitmap.h>
#include <linux/bits.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/stringhash.h>

#include "internal.h"

#define KSR_RADIX_BITS	11
#define KSR_RADIX	BIT(KSR_RADIX_BITS)
#define KSR_ROWS_BYTES	(BITS_TO_LONGS(KSR_FILTER_ROWS) * sizeof(long))

/* The dcache's word-at-a-time hash: length and hash in one pass. */
u32 ksr_name_hash(const char *s)
{
	return hashlen_hash(hashlen_string(NULL, s));
}

void ksr_index_free(struct ksr_index *x)
{
	if (!x)
		return;
	kvfree(x->rows);	/* and the other arrays, in one block */
	kvfree(x->pool);
	kfree(x);
}

size_t ksr_index_bytes(const struct ksr_index *x)
{
	return sizeof(*x) + KSR_ROWS_BYTES +
	       (size_t)x->nr * (3 * sizeof(u32) + 2) +
	       ((size_t)x->hash_mask + 1) * sizeof(u32) + x->pool_size;
}

void ksr_builder_abort(struct ksr_builder *b)
{
	kvfree(b->addr);	/* and the other arrays, in one block */
	kvfree(b->pool);
	memset(b, 0, sizeof(*b));
}

int ksr_builder_init(struct ksr_builder *b, u32 cap, size_t pool_cap)
{
	memset(b, 0, sizeof(*b));
	if (pool_cap > U32_MAX)
		return -E2BIG;
	b->cap = cap;
	b->pool_cap = pool_cap + 1;
	/* addr, name, hash, type, flags */
	b->addr = kvmalloc(array_size(cap ?: 1, sizeof(long) + 2 * sizeof(u32) + 2),
			   GFP_KERNEL);
	b->pool = kvmalloc(b->pool_cap, GFP_KERNEL);
	if (!b->addr || !b->pool) {
		ksr_builder_abort(b);
		return -ENOMEM;
	}
	b->name = (u32 *)(b->addr + (cap ?: 1));
	b->hash = b->name + (cap ?: 1);
	b->type = (u8 *)(b->hash + (cap ?: 1));
	b->flags = b->type + (cap ?: 1);
	b->pool[0] = '\0';	/* offset 0: the empty name */
	b->pool_len = 1;
	return 0;
}

int ksr_builder_add(struct ksr_builder *b, unsigned long addr,
		    const char *name, char type, u8 flags)
{
	u64 hashlen = hashlen_string(NULL, name);
	size_t len = hashlen_len(hashlen);

	if (len > KSYMRES_NAME_MAX - 1) {
		len = KSYMRES_NAME_MAX - 1;
		hashlen = full_name_hash(NULL, name, len);
	}
	if (b->nr >= b->cap || len + 1 > b->pool_cap - b->pool_len)
		return -ENOSPC;
	b->addr[b->nr] = addr;
	b->hash[b->nr] = hashlen_hash(hashlen);
	b->name[b->nr] = b->pool_len;
	b->type[b->nr] = type;
	b->flags[b->nr] = flags;
	memcpy(b->pool + b->pool_len, name, len);
	b->pool[b->pool_len + len] = '\0';
	b->pool_len += len + 1;
	b->nr++;
	return 0;
}

/* Stable sort of perm[0..n) by key[perm[i]], through tmp[0..n). */
static void ksr_radix_sort(const u32 *key, u32 *perm, u32 *tmp, u32 n,
			   u32 *count)
{
	unsigned int shift;
	u32 i, sum, c, top = 0;

	for (i = 0; i < n; i++)
		top |= key[perm[i]];
	for (shift = 0; shift < 32 && top >> shift; shift += KSR_RADIX_BITS) {
		memset(count, 0, KSR_RADIX * sizeof(*count));
		for (i = 0; i < n; i++)
			count[(key[perm[i]] >> shift) & (KSR_RADIX - 1)]++;
		for (i = 0, sum = 0; i < KSR_RADIX; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			tmp[count[(key[perm[i]] >> shift) & (KSR_RADIX - 1)]++] =
				perm[i];
		memcpy(perm, tmp, n * sizeof(*perm));
	}
}

static bool ksr_builder_sorted(const struct ksr_builder *b)
{
	u32 i;

	for (i = 1; i < b->nr; i++)
		if (b->addr[i - 1] > b->addr[i])
			return false;
	return true;
}

/*
 * Split into absolute symbols (below 4 GiB) and the rest, which must lie
 * within 4 GiB of the lowest of them; fill key[] and the order perm[].
 */
static int ksr_builder_order(struct ksr_builder *b, struct ksr_index *x,
			     u32 *key, u32 *perm, u32 *tmp)
{
	unsigned long base = ULONG_MAX;
	u32 *count;
	u32 i, n_abs = 0, a, r;

	for (i = 0; i < b->nr; i++) {
		if (b->addr[i] <= U32_MAX)
			n_abs++;
		else if (b->addr[i] < base)
			base = b->addr[i];
	}
	for (i = 0; i < b->nr; i++) {
		if (b->addr[i] <= U32_MAX) {
			key[i] = b->addr[i];
		} else {
			if (b->addr[i] - base > U32_MAX)
				return -ERANGE;
			key[i] = b->addr[i] - base;
		}
	}
	x->base = base == ULONG_MAX ? 0 : base;
	x->nr_abs = n_abs;
	if (ksr_builder_sorted(b)) {
		for (i = 0; i < b->nr; i++)
			perm[i] = i;
		return 0;
	}
	/* absolute symbols first, each group in source order, then sort */
	for (i = 0, a = 0, r = n_abs; i < b->nr; i++) {
		if (b->addr[i] <= U32_MAX)
			perm[a++] = i;
		else
			perm[r++] = i;
	}
	count = kmalloc_array(KSR_RADIX, sizeof(*count), GFP_KERNEL);
	if (!count)
		return -ENOMEM;
	ksr_radix_sort(key, perm, tmp, n_abs, count);
	ksr_radix_sort(key, perm + n_abs, tmp, b->nr - n_abs, count);
	kfree(count);
	return 0;
}

/*
 * Chain the symbols by name hash and note their name filter rows;
 * hash[perm[i]] is symbol i's hash.
 */
static void ksr_index_hash(struct ksr_index *x, const u32 *hash,
			   const u32 *perm)
{
	u32 i, h;

	memset(x->hash_head, 0xff, ((size_t)x->hash_mask + 1) * sizeof(u32));
	bitmap_zero(x->rows, KSR_FILTER_ROWS);
	/* Walk backwards so that each chain lists symbols in address order. */
	for (i = x->nr; i-- > 0;) {
		h = hash[perm[i]] & x->hash_mask;
		x->hash_next[i] = x->hash_head[h];
		x->hash_head[h] = i;
		__set_bit(ksr_filter_row(hash[perm[i]]), x->rows);
	}
}

/* Build the index and free the builder's arrays, whatever the outcome. */
struct ksr_index *ksr_builder_finish(struct ksr_builder *b, unsigned long end)
{
	struct ksr_index *x;
	u32 *key = NULL, *perm, *tmp;
	u32 buckets, i, j;
	size_t bytes;
	char *p;

	x = kzalloc(sizeof(*x), GFP_KERNEL);
	if (!x)
		goto err;
	x->nr = b->nr;
	buckets = roundup_pow_of_two(max(b->nr, 32U)) / 2;
	x->hash_mask = buckets - 1;
	/* rows, off, name, hash_next, hash_head, type, flags in one block */
	bytes = size_add(size_mul(b->nr, 3 * sizeof(u32) + 2),
			 size_mul(buckets, sizeof(u32)));
	bytes = size_add(bytes, KSR_ROWS_BYTES);
	p = kvmalloc(bytes, GFP_KERNEL);
	/* key, perm and the radix sort's tmp */
	key = kvmalloc(array_size(b->nr ?: 1, 3 * sizeof(u32)), GFP_KERNEL);
	if (!p || !key) {
		kvfree(p);
		goto err;
	}
	perm = key + (b->nr ?: 1);
	tmp = perm + (b->nr ?: 1);
	x->rows = (unsigned long *)p;
	x->off = (u32 *)(p + KSR_ROWS_BYTES);
	x->name = x->off + b->nr;
	x->hash_next = x->name + b->nr;
	x->hash_head = x->hash_next + b->nr;
	x->type = (u8 *)(x->hash_head + buckets);
	x->flags = x->type + b->nr;
	if (ksr_builder_order(b, x, key, perm, tmp))
		goto err;
	for (i = 0; i < b->nr; i++) {
		j = perm[i];
		x->off[i] = key[j];
		x->name[i] = b->name[j];
		x->type[i] = b->type[j];
		x->flags[i] = b->flags[j];
	}
	/* a pool sized from an upper bound gives back what it did not use */
	if (b->pool_cap - b->pool_len > b->pool_len / 8) {
		x->pool = kvmalloc(b->pool_len, GFP_KERNEL);
		if (x->pool)
			memcpy(x->pool, b->pool, b->pool_len);
	}
	if (!x->pool) {
		x->pool = b->pool;
		b->pool = NULL;
	}
	x->pool_size = b->pool_len;
	ksr_index_hash(x, b->hash, perm);
	x->end = end;
	if (x->nr && x->end < ksr_index_addr(x, x->nr - 1))
		x->end = ksr_index_addr(x, x->nr - 1);
	kvfree(key);
	ksr_builder_abort(b);
	return x;
err:
	kvfree(key);
	ksr_index_free(x);
	ksr_builder_abort(b);
	return NULL;
}

/*
 * Index of the symbol that contains @addr, the first of its aliases (as
 * kallsyms picks), or -1. Only addresses above 4 GiB are looked up: low
 * absolute symbols (per-cpu offsets) never contain an address.
 */
long ksr_index_find(const struct ksr_index *x, unsigned long addr)
{
	u32 lo = x->nr_abs, hi = x->nr, mid, key;

	if (lo == hi || addr <= U32_MAX || addr < x->base || addr >= x->end ||
	    addr - x->base > U32_MAX)
		return -1;
	key = addr - x->base;
	if (key < x->off[lo])
		return -1;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (x->off[mid] <= key)
			lo = mid;
		else
			hi = mid;
	}
	while (lo > x->nr_abs && x->off[lo - 1] == x->off[lo])
		lo--;
	return lo;
}

/* As kallsyms: the distance to the next symbol at a higher address. */
u64 ksr_index_size(const struct ksr_index *x, u32 i)
{
	unsigned long addr = ksr_index_addr(x, i);
	u32 j;

	for (j = i + 1; j < x->nr; j++) {
		if (i < x->nr_abs && j >= x->nr_abs)
			return 0;
		if (ksr_index_addr(x, j) > addr)
			return ksr_index_addr(x, j) - addr;
	}
	return x->end > addr ? x->end - addr : 0;
}

u32 ksr_index_name_next(const struct ksr_index *x, u32 i, const char *name)
{
	for (; i != KSR_NONE; i = x->hash_next[i])
		if (!strcmp(ksr_index_name(x, i), name))
			return i;
	return KSR_NONE;
}

/* As ksr_index_name_first(), with @hash = ksr_name_hash(@name) given. */
u32 ksr_index_name_first_hashed(const struct ksr_index *x, const char *name,
				u32 hash)
{
	if (!x->nr)
		return KSR_NONE;
	return ksr_index_name_next(x, x->hash_head[hash & x->hash_mask], name);
}

/* First symbol named @name, KSR_NONE if none; then ksr_index_name_next(). */
u32 ksr_index_name_first(const struct ksr_index *x, const char *name)
{
	return ksr_index_name_first_hashed(x, name, ksr_name_hash(name));
}

void ksr_index_mark_exported(struct ksr_index *x, unsigned long addr,
			     const char *name)
{
	u32 i;

	for (i = ksr_index_name_first(x, name); i != KSR_NONE;
	     i = ksr_index_name_next(x, x->hash_next[i], name))
		if (ksr_index_addr(x, i) == addr)
			x->flags[i] |= KSR_F_EXPORTED;
}
