// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The baseline: what perf (machine__load_kallsyms) and bcc (KSyms, through
 * bcc_procutils_each_ksym) do before they can answer one address. Read
 * /proc/kallsyms line by line, parse address, type, name and [module],
 * copy each name, sort by address, then binary search. Names to addresses
 * go through a hash built from the same table, as a symboliser that needs
 * both would keep.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static int table_push(struct ksym_table *t, size_t *cap, const struct ksym *s)
{
	if (t->nr == *cap) {
		size_t ncap = *cap ? *cap * 2 : 65536;
		struct ksym *p = realloc(t->syms, ncap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		t->syms = p;
		*cap = ncap;
	}
	t->syms[t->nr++] = *s;
	return 0;
}

/* Module names repeat in runs: keep one copy of each. */
static char *module_name(struct ksym_table *t, const char *name)
{
	char **p;

	if (t->nr_mods && !strcmp(t->modnames[t->nr_mods - 1], name))
		return t->modnames[t->nr_mods - 1];
	for (size_t i = 0; i < t->nr_mods; i++)
		if (!strcmp(t->modnames[i], name))
			return t->modnames[i];
	p = realloc(t->modnames, (t->nr_mods + 1) * sizeof(*p));
	if (!p)
		return NULL;
	t->modnames = p;
	p[t->nr_mods] = strdup(name);
	return p[t->nr_mods] ? p[t->nr_mods++] : NULL;
}

static int cmp_addr(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

int table_load(struct ksym_table *t, const char *path)
{
	char line[2048], *p, *name, *mod, *end;
	size_t cap = 0;
	struct ksym s;
	FILE *f;
	int ret = 0;

	memset(t, 0, sizeof(*t));
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		s.addr = strtoull(line, &p, 16);
		if (p == line || *p != ' ' || !p[1] || p[2] != ' ')
			continue;
		s.type = p[1];
		name = p + 3;
		end = name + strcspn(name, "\t\n");
		mod = NULL;
		if (*end == '\t') {
			*end = '\0';
			mod = end + 1;
			if (*mod == '[')
				mod++;
			mod[strcspn(mod, "]\n")] = '\0';
		} else {
			*end = '\0';
		}
		s.name = strdup(name);
		s.module = mod ? module_name(t, mod) : NULL;
		if (!s.name || (mod && !s.module) || table_push(t, &cap, &s)) {
			free(s.name);
			ret = -ENOMEM;
			break;
		}
	}
	fclose(f);
	if (ret) {
		table_free(t);
		return ret;
	}
	qsort(t->syms, t->nr, sizeof(*t->syms), cmp_addr);
	return 0;
}

void table_free(struct ksym_table *t)
{
	for (size_t i = 0; i < t->nr; i++)
		free(t->syms[i].name);
	for (size_t i = 0; i < t->nr_mods; i++)
		free(t->modnames[i]);
	free(t->syms);
	free(t->modnames);
	memset(t, 0, sizeof(*t));
}

const struct ksym *table_find(const struct ksym_table *t, uint64_t addr)
{
	size_t lo = 0, hi = t->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &t->syms[lo - 1] : NULL;
}

/* FNV-1a */
static uint64_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	return h;
}

int name_hash_build(struct name_hash *h, const struct ksym_table *t)
{
	size_t size = 1;

	while (size < t->nr * 2)
		size <<= 1;
	h->slot = calloc(size, sizeof(*h->slot));
	if (!h->slot)
		return -ENOMEM;
	h->mask = size - 1;
	for (size_t i = 0; i < t->nr; i++) {
		size_t k = hash_str(t->syms[i].name) & h->mask;

		while (h->slot[k] && strcmp(h->slot[k]->name, t->syms[i].name))
			k = (k + 1) & h->mask;
		if (!h->slot[k])
			h->slot[k] = &t->syms[i];
	}
	return 0;
}

const struct ksym *name_hash_find(const struct name_hash *h, const char *name)
{
	size_t k = hash_str(name) & h->mask;

	while (h->slot[k]) {
		if (!strcmp(h->slot[k]->name, name))
			return h->slot[k];
		k = (k + 1) & h->mask;
	}
	return NULL;
}

void name_hash_free(struct name_hash *h)
{
	free(h->slot);
	h->slot = NULL;
}
