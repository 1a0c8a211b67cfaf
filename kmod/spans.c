// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where the loaded modules lie, sorted by address: a module address is
 * found by a binary search here rather than by a walk over every module's
 * five ranges (each module one or more cache and TLB misses). The table is
 * rebuilt by modules.c whenever a module comes, goes live (its init memory
 * goes) or goes; the sections of live modules never overlap.
 */
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "internal.h"

struct ksr_spans *ksr_spans_alloc(u32 max)
{
	struct ksr_spans *s = kvmalloc(struct_size(s, span, max), GFP_KERNEL);

	if (s)
		s->nr = 0;
	return s;
}

void ksr_spans_free(struct ksr_spans *s)
{
	kvfree(s);
}

/* Room for it was asked of ksr_spans_alloc(); an empty range is left out. */
void ksr_spans_add(struct ksr_spans *s, const struct ksymres_range *range,
		   void *owner)
{
	if (!range->size)
		return;
	s->span[s->nr].start = range->start;
	s->span[s->nr].range = range;
	s->span[s->nr].owner = owner;
	s->nr++;
}

static int ksr_span_cmp(const void *a, const void *b)
{
	const struct ksr_span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

void ksr_spans_sort(struct ksr_spans *s)
{
	sort(s->span, s->nr, sizeof(s->span[0]), ksr_span_cmp, NULL);
}

/* The span that holds @addr, or NULL. */
const struct ksr_span *ksr_spans_find(const struct ksr_spans *s,
				      unsigned long addr)
{
	u32 lo = 0, hi = s->nr, mid;
	const struct ksr_span *sp;

	/* the last span that starts at or below @addr */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->span[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	sp = &s->span[lo - 1];
	return addr - sp->start < sp->range->size ? sp : NULL;
}
