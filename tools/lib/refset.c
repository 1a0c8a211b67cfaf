// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The reference side of a cross-check: the vmlinux symbols of any source
 * (the device, /proc/kallsyms, a saved kallsyms, another map), copied out
 * through ksymres_foreach() so that every source is compared the same way,
 * with a name hash that keeps duplicates, an address index for "which
 * symbol is there instead", _text, and the fingerprint.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int collect(const struct ksymres_symbol *sym, void *arg)
{
	struct refset *rs = arg;
	struct ref_sym *r;

	if (sym->module)
		return 0;	/* modules are not in a System.map */
	if (rs->nr == UINT32_MAX - 1)
		return -EFBIG;
	if (rs->nr == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 65536;
		struct ref_sym *s = realloc(rs->syms, cap * sizeof(*s));

		if (!s)
			return -ENOMEM;
		rs->syms = s;
		rs->cap = cap;
	}
	r = &rs->syms[rs->nr++];
	memset(r, 0, sizeof(*r));
	r->addr = sym->start;
	r->name = sym->name;
	r->type = sym->type;
	return 0;
}

static void find_text(struct refset *rs)
{
	size_t i;

	for (i = 0; i < rs->nr; i++) {
		if (!strcmp(rs->syms[i].name, "_text")) {
			rs->text = rs->syms[i].addr;
			rs->has_text = true;
			return;
		}
		if (!rs->has_text && !strcmp(rs->syms[i].name, "_stext")) {
			rs->text = rs->syms[i].addr;
			rs->has_text = true;
		}
	}
}

static int cmp_addr(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;	/* addr, then index: a stable order */

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

static int build_indexes(struct refset *rs)
{
	uint64_t (*keys)[2];
	size_t i, n = 1, nc = 0;

	while (n < rs->nr * 2)
		n <<= 1;
	rs->buckets = calloc(n, sizeof(*rs->buckets));
	keys = malloc((rs->nr + 1) * sizeof(*keys));
	rs->by_addr = malloc((rs->nr + 1) * sizeof(*rs->by_addr));
	if (!rs->buckets || !keys || !rs->by_addr) {
		free(keys);
		return -ENOMEM;
	}
	rs->nr_buckets = n;
	for (i = rs->nr; i-- > 0;) {
		struct ref_sym *s = &rs->syms[i];
		uint32_t h;

		s->hash = ksr_hash(s->name, strlen(s->name));
		h = s->hash & (n - 1);
		s->next = rs->buckets[h];
		rs->buckets[h] = i + 1;
	}
	for (i = 0; i < rs->nr; i++) {
		struct ref_sym *s = &rs->syms[i];

		s->comparable = ksr_classify(s->name, s->type, s->addr, rs->text) ==
				KSR_CMP_COMPARABLE;
		if (!s->comparable)
			continue;
		ksr_fp_add(&rs->fp, s->name, s->addr - rs->text);
		keys[nc][0] = s->addr;
		keys[nc][1] = i;
		nc++;
	}
	qsort(keys, nc, sizeof(*keys), cmp_addr);
	for (i = 0; i < nc; i++)
		rs->by_addr[i] = (uint32_t)keys[i][1];
	rs->nr_by_addr = nc;
	free(keys);
	return 0;
}

int refset_load(struct refset *rs, struct ksymres_ctx *ref)
{
	int ret;

	memset(rs, 0, sizeof(*rs));
	ret = ksymres_foreach(ref, collect, rs);
	if (ret)
		return ret;
	find_text(rs);
	/* Without _text, as symtab.c: the lowest text symbol splits off per-cpu. */
	if (!rs->has_text) {
		size_t i;

		rs->text = UINT64_MAX;
		for (i = 0; i < rs->nr; i++)
			if ((rs->syms[i].type == 't' || rs->syms[i].type == 'T') &&
			    rs->syms[i].addr && rs->syms[i].addr < rs->text)
				rs->text = rs->syms[i].addr;
		if (rs->text == UINT64_MAX)
			rs->text = 0;
	}
	return build_indexes(rs);
}

/* The first symbol called name, as index + 1; 0 when there is none. */
uint32_t refset_find(const struct refset *rs, const char *name)
{
	uint32_t i, h;

	if (!rs->nr_buckets)
		return 0;
	h = ksr_hash(name, strlen(name));
	i = rs->buckets[h & (rs->nr_buckets - 1)];
	for (; i; i = rs->syms[i - 1].next)
		if (rs->syms[i - 1].hash == h && !strcmp(rs->syms[i - 1].name, name))
			return i;
	return 0;
}

/* The next symbol after i (index + 1) with the same name; 0 at the end. */
uint32_t refset_next(const struct refset *rs, uint32_t i)
{
	const char *name = rs->syms[i - 1].name;
	uint32_t h = rs->syms[i - 1].hash;

	for (i = rs->syms[i - 1].next; i; i = rs->syms[i - 1].next)
		if (rs->syms[i - 1].hash == h && !strcmp(rs->syms[i - 1].name, name))
			return i;
	return 0;
}

/* The first comparable symbol at addr, as a position in by_addr; nr_by_addr if none. */
size_t refset_at(const struct refset *rs, uint64_t addr)
{
	size_t lo = 0, hi = rs->nr_by_addr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rs->syms[rs->by_addr[mid]].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < rs->nr_by_addr && rs->syms[rs->by_addr[lo]].addr == addr)
		return lo;
	return rs->nr_by_addr;
}

/* Forget what one map's comparison marked, before the next map. */
void refset_reset(struct refset *rs)
{
	size_t i;

	for (i = 0; i < rs->nr; i++) {
		rs->syms[i].paired = rs->syms[i].in_map = 0;
		rs->syms[i].map_count = 0;
	}
}

void refset_release(struct refset *rs)
{
	free(rs->syms);
	free(rs->buckets);
	free(rs->by_addr);
	memset(rs, 0, sizeof(*rs));
}
