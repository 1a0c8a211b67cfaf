// SPDX-License-Identifier: GPL-2.0-only
/*
 * The module name filter: which modules may hold a name. A bare name is
 * looked up in vmlinux and in every module, and probing a module's name
 * hash costs a cache and TLB miss or more for each module, nearly always
 * for nothing. The filter keeps, for each row of the name hash, one bit per
 * module slot; a lookup probes only the modules whose bit is set in its
 * name's row (a module of n symbols sets at most n of KSR_FILTER_ROWS).
 *
 * It only ever saves work: a module without a slot (more than
 * KSR_FILTER_SLOTS loaded, or no filter because it could not be allocated
 * at load) is always probed. Bits change under ksr_modules_lock held for
 * writing and are read under it held for reading.
 */
#include <linux/bitmap.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "internal.h"

#define KSR_FILTER_SLOTS	256
#define KSR_FILTER_WORDS	BITS_TO_LONGS(KSR_FILTER_SLOTS)

/* KSR_FILTER_ROWS rows of KSR_FILTER_WORDS words: 512 KiB */
static unsigned long *ksr_filter;
static DECLARE_BITMAP(ksr_filter_used, KSR_FILTER_SLOTS);

static size_t ksr_filter_size(void)
{
	return (size_t)KSR_FILTER_ROWS * KSR_FILTER_WORDS * sizeof(long);
}

/* Without the filter every lookup probes every module: not an error. */
void ksr_filter_init(void)
{
	ksr_filter = kvzalloc(ksr_filter_size(), GFP_KERNEL);
	bitmap_zero(ksr_filter_used, KSR_FILTER_SLOTS);
}

void ksr_filter_exit(void)
{
	kvfree(ksr_filter);
	ksr_filter = NULL;
}

size_t ksr_filter_bytes(void)
{
	return ksr_filter ? ksr_filter_size() : 0;
}

/* Give the module of index @x a slot: the slot, or -1 (always probed). */
int ksr_filter_add(const struct ksr_index *x)
{
	unsigned long row;
	int slot;

	lockdep_assert_held_write(&ksr_modules_lock);
	if (!ksr_filter)
		return -1;
	slot = find_first_zero_bit(ksr_filter_used, KSR_FILTER_SLOTS);
	if (slot >= KSR_FILTER_SLOTS)
		return -1;
	__set_bit(slot, ksr_filter_used);
	for_each_set_bit(row, x->rows, KSR_FILTER_ROWS)
		__set_bit(slot, ksr_filter + row * KSR_FILTER_WORDS);
	return slot;
}

/* The module of index @x leaves slot @slot (-1: it had none). */
void ksr_filter_del(const struct ksr_index *x, int slot)
{
	unsigned long row;

	lockdep_assert_held_write(&ksr_modules_lock);
	if (slot < 0)
		return;
	for_each_set_bit(row, x->rows, KSR_FILTER_ROWS)
		__clear_bit(slot, ksr_filter + row * KSR_FILTER_WORDS);
	__clear_bit(slot, ksr_filter_used);
}

/* False only when the module in @slot surely has no symbol of hash @hash. */
bool ksr_filter_may_hold(int slot, u32 hash)
{
	if (slot < 0)
		return true;
	return test_bit(slot, ksr_filter +
			(size_t)ksr_filter_row(hash) * KSR_FILTER_WORDS);
}
