// SPDX-License-Identifier: GPL-2.0-or-later
/* Clocks and summaries: median, min, max and p99 of repeated measurements. */
#include <stdlib.h>
#include <time.h>

#include "bench.h"

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void samples_add(struct samples *s, uint64_t ns)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		uint64_t *v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			abort();
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = ns;
}

void samples_reset(struct samples *s)
{
	s->n = 0;
}

void samples_free(struct samples *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

struct summary summarize(struct samples *s)
{
	struct summary r = { 0 };
	size_t mid;

	if (!s->n)
		return r;
	qsort(s->v, s->n, sizeof(*s->v), cmp_u64);
	mid = s->n / 2;
	r.median = s->n % 2 ? (double)s->v[mid] :
		   ((double)s->v[mid - 1] + (double)s->v[mid]) / 2;
	r.min = (double)s->v[0];
	r.max = (double)s->v[s->n - 1];
	/* nearest rank */
	r.p99 = (double)s->v[(s->n * 99 + 99) / 100 - 1];
	for (size_t i = 0; i < s->n; i++)
		r.mean += (double)s->v[i] / (double)s->n;
	r.n = s->n;
	return r;
}

struct summary summary_div(struct summary s, double div)
{
	s.median /= div;
	s.min /= div;
	s.max /= div;
	s.p99 /= div;
	s.mean /= div;
	return s;
}
