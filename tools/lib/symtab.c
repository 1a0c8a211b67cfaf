// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The symbol table behind the file sources: symbols sorted as
 * /proc/kallsyms lists them (vmlinux by address, then each module by
 * address), an address index for vmlinux and one for modules searched by
 * bisection, and a name hash that keeps every duplicate.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static uint8_t type_class(char type)
{
	switch (type) {
	case 'T': case 't': case 'W': case 'w':
		return KSYMRES_SYMCLASS_TEXT;
	case 'R': case 'r': case 'V': case 'v':
		return KSYMRES_SYMCLASS_RODATA;
	case 'D': case 'd': case 'G': case 'g':
		return KSYMRES_SYMCLASS_DATA;
	case 'B': case 'b': case 'S': case 's':
		return KSYMRES_SYMCLASS_BSS;
	case 'A': case 'a':
		return KSYMRES_SYMCLASS_ABS;
	default:
		return KSYMRES_SYMCLASS_UNKNOWN;
	}
}

int symtab_add(struct symtab *t, struct strpool *p, const struct nm_line *l,
	       uint32_t seq)
{
	struct fsym *s;

	if (t->nr == UINT32_MAX - 1)
		return -EFBIG;
	if (t->nr == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4096;
		struct fsym *syms = realloc(t->syms, cap * sizeof(*syms));

		if (!syms)
			return -ENOMEM;
		t->syms = syms;
		t->cap = cap;
	}
	s = &t->syms[t->nr];
	memset(s, 0, sizeof(*s));
	s->addr = l->addr;
	s->type = l->type;
	s->cls = type_class(l->type);
	s->seq = seq;
	s->name = strpool_add(p, l->name, l->name_len);
	if (!s->name)
		return -ENOMEM;
	if (l->module) {
		s->module = strpool_intern(p, l->module, l->module_len);
		if (!s->module)
			return -ENOMEM;
	}
	if (l->addr_digits > 8)
		t->addr_bits = 64;
	else if (!t->addr_bits)
		t->addr_bits = 32;
	t->nr++;
	return 0;
}

/* Module order: first appearance in the file, as kallsyms lists them. */
static int add_module(struct symtab *t, const char *name, uint32_t seq)
{
	size_t i;

	for (i = 0; i < t->nr_mods; i++)
		if (t->mods[i].name == name)
			return 0;
	if (t->nr_mods % 16 == 0) {
		struct fmod *m = realloc(t->mods, (t->nr_mods + 16) * sizeof(*m));

		if (!m)
			return -ENOMEM;
		t->mods = m;
	}
	memset(&t->mods[t->nr_mods], 0, sizeof(t->mods[0]));
	t->mods[t->nr_mods].name = name;
	t->mods[t->nr_mods].first = seq;	/* order key until sorted */
	t->nr_mods++;
	return 0;
}

static size_t module_rank(const struct symtab *t, const char *module)
{
	size_t i;

	if (!module)
		return 0;
	for (i = 0; i < t->nr_mods; i++)
		if (t->mods[i].name == module)
			return i + 1;
	return t->nr_mods + 1;
}

/* A name a linker script provides: __start_X, __stop_X, __end_X, __X_start, __X_end. */
static bool linker_provided(const char *name)
{
	size_t len = strlen(name);

	if (len < 8 || name[0] != '_' || name[1] != '_')
		return false;
	return !strncmp(name + 2, "start_", 6) || !strncmp(name + 2, "stop_", 5) ||
	       !strncmp(name + 2, "end_", 4) || !strcmp(name + len - 6, "_start") ||
	       !strcmp(name + len - 4, "_end");
}

/*
 * Which of two vmlinux aliases (same address) comes first: the order of
 * scripts/kallsyms' compare_symbols(), so that a System.map (sorted by nm)
 * answers with the name the kernel's %pS and /proc/kallsyms give. A saved
 * kallsyms is in this order already. Returns 0 when only file order decides.
 */
static int cmp_alias(const struct fsym *x, const struct fsym *y)
{
	int wx = x->type == 'w' || x->type == 'W';
	int wy = y->type == 'w' || y->type == 'W';
	size_t ux, uy;

	if (wx != wy)
		return wx - wy;
	wx = linker_provided(x->name);
	wy = linker_provided(y->name);
	if (wx != wy)
		return wx - wy;
	ux = strspn(x->name, "_");
	uy = strspn(y->name, "_");
	if (ux != uy)
		return ux < uy ? -1 : 1;
	return 0;
}

/* qsort has no context argument in C11: the rank is kept in chain. */
static int cmp_sym(const void *a, const void *b)
{
	const struct fsym *x = a, *y = b;
	int r;

	if (x->chain != y->chain)
		return x->chain < y->chain ? -1 : 1;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (!x->module) {
		r = cmp_alias(x, y);
		if (r)
			return r;
	}
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort keys copied out, so that no comparison needs the table (no globals). */
struct idx_key {
	uint64_t addr;
	uint32_t seq;
	uint32_t idx;
};

static int cmp_key(const void *a, const void *b)
{
	const struct idx_key *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int sort_idx(const struct fsym *syms, uint32_t *idx, size_t n)
{
	struct idx_key *keys = malloc((n + 1) * sizeof(*keys));
	size_t i;

	if (!keys)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		keys[i].addr = syms[idx[i]].addr;
		keys[i].seq = syms[idx[i]].seq;
		keys[i].idx = idx[i];
	}
	qsort(keys, n, sizeof(*keys), cmp_key);
	for (i = 0; i < n; i++)
		idx[i] = keys[i].idx;
	free(keys);
	return 0;
}

/*
 * Size of each indexed symbol: the distance to the next higher address in
 * the same index, the rule kallsyms uses for %pS. Module symbols only take
 * a next symbol of their own module; the last one has no known size.
 */
static void set_sizes(struct fsym *syms, const uint32_t *idx, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		struct fsym *s = &syms[idx[i]];

		for (j = i + 1; j < n && syms[idx[j]].addr == s->addr; j++)
			;
		if (j < n && syms[idx[j]].module == s->module) {
			s->size = syms[idx[j]].addr - s->addr;
			s->size_known = 1;
		}
	}
}

static int build_hash(struct symtab *t)
{
	size_t i, n = 1;

	while (n < t->nr * 2)
		n <<= 1;
	t->buckets = calloc(n, sizeof(*t->buckets));
	if (!t->buckets)
		return -ENOMEM;
	t->nr_buckets = n;
	/* Backwards, so that each chain runs in table order. */
	for (i = t->nr; i-- > 0;) {
		struct fsym *s = &t->syms[i];
		uint32_t h = ksr_hash(s->name, strlen(s->name)) & (n - 1);

		s->chain = t->buckets[h];
		t->buckets[h] = i + 1;
	}
	return 0;
}

static void find_text(struct symtab *t)
{
	uint64_t lowest_text = UINT64_MAX;
	size_t i;

	for (i = 0; i < t->nr_vmlinux; i++) {
		const struct fsym *s = &t->syms[i];

		if (!t->has_text && (!strcmp(s->name, "_text") ||
				     !strcmp(s->name, "_stext"))) {
			t->text = s->addr;
			t->has_text = true;
		}
		if (!t->has_etext && !strcmp(s->name, "_etext")) {
			t->etext = s->addr;
			t->has_etext = true;
		}
		if (s->cls == KSYMRES_SYMCLASS_TEXT && s->addr && s->addr < lowest_text)
			lowest_text = s->addr;
	}
	/* _text wins over _stext where both exist. */
	for (i = 0; i < t->nr_vmlinux; i++)
		if (!strcmp(t->syms[i].name, "_text")) {
			t->text = t->syms[i].addr;
			t->has_text = true;
			break;
		}
	if (!t->has_text && lowest_text != UINT64_MAX)
		t->text = lowest_text;
}

int symtab_finish(struct symtab *t)
{
	size_t i, nv = 0, nm = 0;
	int ret;

	const char *last = NULL;
	uint32_t rank = 0;

	for (i = 0; i < t->nr; i++) {
		const char *m = t->syms[i].module;

		if (m && m != last) {
			ret = add_module(t, m, t->syms[i].seq);
			if (ret)
				return ret;
		}
		last = m;
	}
	last = NULL;
	for (i = 0; i < t->nr; i++) {
		if (t->syms[i].module != last || !i) {
			last = t->syms[i].module;
			rank = module_rank(t, last);
		}
		t->syms[i].chain = rank;
	}
	qsort(t->syms, t->nr, sizeof(*t->syms), cmp_sym);

	for (i = 0; i < t->nr && !t->syms[i].module; i++)
		;
	t->nr_vmlinux = i;
	find_text(t);

	/*
	 * Absolute symbols and per-cpu offsets (below the kernel text) are
	 * not addresses: they are listed and looked up, never resolved to.
	 */
	t->vm_idx = malloc((t->nr_vmlinux + 1) * sizeof(uint32_t));
	t->mod_idx = malloc((t->nr - t->nr_vmlinux + 1) * sizeof(uint32_t));
	if (!t->vm_idx || !t->mod_idx)
		return -ENOMEM;
	for (i = 0; i < t->nr; i++) {
		struct fsym *s = &t->syms[i];

		if (s->cls == KSYMRES_SYMCLASS_ABS)
			continue;
		if (!s->module && s->addr < t->text) {
			s->cls = KSYMRES_SYMCLASS_PERCPU;
			continue;
		}
		s->resolvable = 1;
		if (s->module)
			t->mod_idx[nm++] = i;
		else
			t->vm_idx[nv++] = i;
	}
	t->nr_vm_idx = nv;
	t->nr_mod_idx = nm;
	/* vmlinux symbols are sorted already; module ones interleave. */
	ret = sort_idx(t->syms, t->mod_idx, nm);
	if (ret)
		return ret;
	set_sizes(t->syms, t->vm_idx, nv);
	set_sizes(t->syms, t->mod_idx, nm);

	/* Module ranges: symbol spans only, flagged as estimates. */
	for (i = 0; i < t->nr_mods; i++) {
		t->mods[i].lo = UINT64_MAX;
		t->mods[i].first = UINT32_MAX;
	}
	for (i = t->nr_vmlinux; i < t->nr; i++) {
		const struct fsym *s = &t->syms[i];
		struct fmod *m = &t->mods[s->chain - 1];

		if (m->first == UINT32_MAX)
			m->first = i;
		m->nr++;
		if (!s->resolvable)
			continue;
		if (s->addr < m->lo)
			m->lo = s->addr;
		if (s->addr + s->size > m->hi)
			m->hi = s->addr + s->size;
		if (s->addr >= m->hi)
			m->hi = s->addr + 1;
	}
	return build_hash(t);
}

void symtab_release(struct symtab *t)
{
	free(t->syms);
	free(t->vm_idx);
	free(t->mod_idx);
	free(t->buckets);
	free(t->mods);
	memset(t, 0, sizeof(*t));
}
