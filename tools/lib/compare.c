// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * One System.map against the reference's symbols: the slide, then every
 * comparable map symbol matched by name at map address + slide, then what
 * is left sorted into moved, renamed, missing and added, or counted as
 * not comparable (classify.c). The verdict says "another kernel" when the
 * release in the map's name differs, when no name is in common, or when
 * the slide fits no more than half the compared symbols: a build that
 * differs in one early function moves everything after it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* What became of each vmlinux symbol of the map. */
enum { ST_SKIP, ST_OPEN, ST_DONE };

static int push(struct ksr_eval *ev, const struct ksymres_drift *d)
{
	if (ev->nr_drift == ev->cap_drift) {
		size_t cap = ev->cap_drift ? ev->cap_drift * 2 : 64;
		struct ksymres_drift *n = realloc(ev->drift, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		ev->drift = n;
		ev->cap_drift = cap;
	}
	ev->drift[ev->nr_drift++] = *d;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The commonest value of v[0..n), and how often it occurs. */
static void mode(uint64_t *v, size_t n, uint64_t *value, uint64_t *count)
{
	size_t i, run = 0;

	*value = 0;
	*count = 0;
	qsort(v, n, sizeof(*v), cmp_u64);
	for (i = 0; i < n; i++) {
		run = i && v[i] == v[i - 1] ? run + 1 : 1;
		if (run > *count) {
			*count = run;
			*value = v[i];
		}
	}
}

static bool map_addr_of(const struct symtab *t, const char *name, uint64_t *addr)
{
	uint32_t i = t->buckets[ksr_hash(name, strlen(name)) & (t->nr_buckets - 1)];

	for (; i; i = t->syms[i - 1].chain)
		if (!t->syms[i - 1].module && !strcmp(t->syms[i - 1].name, name)) {
			*addr = t->syms[i - 1].addr;
			return true;
		}
	return false;
}

static uint64_t absdiff(int64_t d)
{
	return d < 0 ? -(uint64_t)d : (uint64_t)d;
}

/* Worst first: missing, moved, renamed, added; bigger moves first; then by address. */
static int cmp_drift(const void *a, const void *b)
{
	const struct ksymres_drift *x = a, *y = b;
	uint64_t ax = x->kind == KSYMRES_DRIFT_ADDED ? x->actual : x->map_addr;
	uint64_t ay = y->kind == KSYMRES_DRIFT_ADDED ? y->actual : y->map_addr;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (absdiff(x->delta) != absdiff(y->delta))
		return absdiff(x->delta) > absdiff(y->delta) ? -1 : 1;
	if (ax != ay)
		return ax < ay ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* First pass: classes, names in common, the slide. */
static int find_slide(struct ksr_eval *ev, struct refset *rs, uint8_t *st,
		      uint32_t *first, uint64_t *common)
{
	const struct symtab *t = &ev->map->tab;
	struct ksymres_check_result *r = &ev->res;
	struct ksr_fp fp = { 0 };
	struct ref_sym *x;
	uint64_t *diffs;
	size_t i, nd = 0;

	diffs = malloc((t->nr_vmlinux + 1) * sizeof(*diffs));
	if (!diffs)
		return -ENOMEM;
	*common = 0;
	for (i = 0; i < t->nr_vmlinux; i++) {
		const struct fsym *s = &t->syms[i];
		uint32_t j;

		switch (ksr_classify(s->name, s->type, s->addr, t->text)) {
		case KSR_CMP_ABSOLUTE:
			r->absolute++;
			continue;
		case KSR_CMP_PERCPU:
			r->percpu++;
			continue;
		case KSR_CMP_KALLSYMS_OMITTED:
			r->kallsyms_omitted++;
			continue;
		case KSR_CMP_COMPARABLE:
			break;
		}
		st[i] = ST_OPEN;
		ksr_fp_add(&fp, s->name, s->addr - t->text);
		first[i] = refset_find(rs, s->name);
		if (!first[i])
			continue;
		(*common)++;
		x = &rs->syms[first[i] - 1];
		if (x->map_count < UINT16_MAX)
			x->map_count++;
		if (x->in_map)
			continue;
		for (j = first[i]; j; j = refset_next(rs, j))
			rs->syms[j - 1].in_map = 1;
	}
	/* Only names unique on both sides vote for the slide. */
	for (i = 0; i < t->nr_vmlinux; i++) {
		if (!first[i])
			continue;
		x = &rs->syms[first[i] - 1];
		if (x->map_count == 1 && !refset_next(rs, first[i]))
			diffs[nd++] = x->addr - t->syms[i].addr;
	}
	ksr_fp_format(&fp, r->map_fingerprint);
	mode(diffs, nd, &r->common_slide, &r->common_count);
	free(diffs);

	if (t->has_text && rs->has_text) {
		r->text_slide = rs->text - t->text;
		r->flags |= KSYMRES_CHECK_SLIDE_FROM_TEXT;
	}
	if (!(r->flags & KSYMRES_CHECK_SLIDE_FROM_TEXT)) {
		r->slide = r->common_slide;	/* no _text: the votes are all there is */
	} else if (r->common_count && r->text_slide == r->common_slide) {
		r->slide = r->text_slide;
		r->flags |= KSYMRES_CHECK_SLIDE_CONFIRMED;
	} else if (r->common_count * 2 > nd) {
		/* Most agree on another slide: _text is what moved. */
		r->slide = r->common_slide;
	} else {
		r->slide = r->text_slide;
	}
	return 0;
}

static int match_same_name(struct ksr_eval *ev, struct refset *rs, uint8_t *st,
			   const uint32_t *first)
{
	const struct symtab *t = &ev->map->tab;
	struct ksymres_check_result *r = &ev->res;
	size_t i;
	int ret;

	for (i = 0; i < t->nr_vmlinux; i++) {
		uint64_t want = t->syms[i].addr + r->slide;
		uint32_t j;

		if (st[i] != ST_OPEN || !first[i])
			continue;
		for (j = first[i]; j; j = refset_next(rs, j))
			if (!rs->syms[j - 1].paired && rs->syms[j - 1].addr == want)
				break;
		if (j) {
			rs->syms[j - 1].paired = 1;
			st[i] = ST_DONE;
			r->matched++;
		}
	}
	/* The rest with a name the reference has: moved (nearest first). */
	for (i = 0; i < t->nr_vmlinux; i++) {
		const struct fsym *s = &t->syms[i];
		uint64_t want = s->addr + r->slide, best_d = UINT64_MAX;
		uint32_t j, best = 0;
		struct ksymres_drift d = { 0 };

		if (st[i] != ST_OPEN || !first[i])
			continue;
		for (j = first[i]; j; j = refset_next(rs, j)) {
			const struct ref_sym *x = &rs->syms[j - 1];
			uint64_t dist = absdiff((int64_t)(x->addr - want));

			if (!x->paired && dist < best_d) {
				best_d = dist;
				best = j;
			}
		}
		if (!best)
			continue;	/* more copies in the map: missing below */
		rs->syms[best - 1].paired = 1;
		st[i] = ST_DONE;
		r->moved++;
		d.kind = KSYMRES_DRIFT_MOVED;
		d.type = s->type;
		d.name = s->name;
		d.map_addr = s->addr;
		d.expected = want;
		d.actual = rs->syms[best - 1].addr;
		d.delta = (int64_t)(d.actual - want);
		ret = push(ev, &d);
		if (ret)
			return ret;
	}
	return 0;
}

/* Another name at the expected address, that the map does not have. */
static struct ref_sym *renamed_to(struct refset *rs, uint64_t want)
{
	size_t k;

	for (k = refset_at(rs, want); k < rs->nr_by_addr; k++) {
		struct ref_sym *x = &rs->syms[rs->by_addr[k]];

		if (x->addr != want)
			break;
		if (!x->paired && !x->in_map)
			return x;
	}
	return NULL;
}

static int sort_out_rest(struct ksr_eval *ev, struct refset *rs, const uint8_t *st,
			 struct strpool *pool)
{
	const struct symtab *t = &ev->map->tab;
	struct ksymres_check_result *r = &ev->res;
	uint64_t init_lo = 0, init_hi = 0;
	size_t i;
	int ret;

	if (!map_addr_of(t, "__init_begin", &init_lo) ||
	    !map_addr_of(t, "__init_end", &init_hi))
		init_lo = init_hi = 0;
	for (i = 0; i < t->nr_vmlinux; i++) {
		const struct fsym *s = &t->syms[i];
		struct ksymres_drift d = { 0 };
		struct ref_sym *x;

		if (st[i] != ST_OPEN)
			continue;
		d.type = s->type;
		d.name = s->name;
		d.map_addr = s->addr;
		d.expected = s->addr + r->slide;
		x = renamed_to(rs, d.expected);
		if (x) {
			x->paired = 1;
			r->renamed++;
			d.kind = KSYMRES_DRIFT_RENAMED;
			d.actual = x->addr;
			d.ref_name = strpool_add(pool, x->name, strlen(x->name));
			if (!d.ref_name)
				return -ENOMEM;
		} else if (s->addr >= init_lo && s->addr < init_hi) {
			r->init_freed++;
			continue;
		} else if (ksr_local_label(s->name)) {
			r->local_labels++;
			continue;
		} else {
			r->missing++;
			d.kind = KSYMRES_DRIFT_MISSING;
		}
		ret = push(ev, &d);
		if (ret)
			return ret;
	}
	for (i = 0; i < rs->nr; i++) {
		const struct ref_sym *x = &rs->syms[i];
		struct ksymres_drift d = { 0 };

		if (!x->comparable || x->paired)
			continue;
		r->added++;
		d.kind = KSYMRES_DRIFT_ADDED;
		d.type = x->type;
		d.actual = x->addr;
		d.name = strpool_add(pool, x->name, strlen(x->name));
		if (!d.name)
			return -ENOMEM;
		ret = push(ev, &d);
		if (ret)
			return ret;
	}
	return 0;
}

static void verdict(struct ksr_eval *ev, const char *release, uint64_t common)
{
	struct ksymres_check_result *r = &ev->res;

	if (release && r->map_release && strcmp(release, r->map_release))
		r->wrong |= KSYMRES_WRONG_RELEASE;
	if (!common)
		r->wrong |= KSYMRES_WRONG_NO_COMMON;
	else if (r->matched * 2 <= r->compared)
		r->wrong |= KSYMRES_WRONG_SLIDE;
	if (r->wrong)
		r->verdict = KSYMRES_CHECK_WRONG_KERNEL;
	else if (ev->nr_drift)
		r->verdict = KSYMRES_CHECK_DRIFT;
	else
		r->verdict = KSYMRES_CHECK_MATCH;
}

int ksr_compare(struct ksr_eval *ev, struct refset *rs, const char *release,
		struct strpool *pool)
{
	const struct symtab *t = &ev->map->tab;
	struct ksymres_check_result *r = &ev->res;
	uint32_t *first;
	uint64_t common;
	uint8_t *st;
	int ret;

	refset_reset(rs);
	r->map_symbols = ev->map->report.symbols;
	r->map_report = ev->map->report;
	r->map_path = ev->map->path;
	r->map_release = ksr_release_like(ev->map->release) ? ev->map->release : NULL;
	r->ref_symbols = rs->nr;
	ksr_fp_format(&rs->fp, r->ref_fingerprint);
	st = calloc(t->nr_vmlinux + 1, sizeof(*st));
	first = calloc(t->nr_vmlinux + 1, sizeof(*first));
	ret = st && first ? 0 : -ENOMEM;
	if (!ret)
		ret = find_slide(ev, rs, st, first, &common);
	if (!ret)
		ret = match_same_name(ev, rs, st, first);
	if (!ret)
		ret = sort_out_rest(ev, rs, st, pool);
	free(st);
	free(first);
	if (ret)
		return ret;
	r->compared = r->matched + r->moved + r->missing + r->renamed;
	verdict(ev, release, common);
	qsort(ev->drift, ev->nr_drift, sizeof(*ev->drift), cmp_drift);
	return 0;
}

void ksr_eval_release(struct ksr_eval *ev)
{
	ksymres_free(ev->map);
	free(ev->drift);
	memset(ev, 0, sizeof(*ev));
}
