// SPDX-License-Identifier: GPL-2.0-only
/*
 * ksymres answers against the ground truth of this boot: /proc/kallsyms,
 * uname, /proc/modules and /sys/module.
 */
#define _GNU_SOURCE
#include <sys/utsname.h>

#include "kselftest_harness.h"
#include "ksymres_util.h"

#define BATCH 4096

FIXTURE(kernel) {
	int fd;
	struct kallsyms ks;
	struct ksymres_sym *res;
	char *strtab;
};

FIXTURE_SETUP(kernel)
{
	self->fd = open(KSR_DEV, O_RDWR);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, kallsyms_load(&self->ks));
	self->res = calloc(BATCH, sizeof(*self->res));
	self->strtab = malloc(BATCH * 256);
	ASSERT_NE(NULL, self->res);
	ASSERT_NE(NULL, self->strtab);
}

FIXTURE_TEARDOWN(kernel)
{
	kallsyms_free(&self->ks);
	free(self->res);
	free(self->strtab);
	close(self->fd);
}

/* Does kallsyms list @name at @addr (aliases share an address)? */
static bool listed_at(const struct kallsyms *ks, size_t from, uint64_t addr,
		      const char *name)
{
	size_t i;

	while (from > 0 && ks->syms[from - 1].addr == addr)
		from--;
	for (i = from; i < ks->nr_vmlinux && ks->syms[i].addr == addr; i++)
		if (!strcmp(ks->syms[i].name, name))
			return true;
	return false;
}

TEST_F(kernel, info_describes_the_running_kernel)
{
	const struct ksym *text = kallsyms_find(&self->ks, "_text", "");
	struct ksymres_info info;
	struct utsname uts;

	ASSERT_EQ(0, ksr_info(self->fd, &info));
	ASSERT_EQ(0, uname(&uts));
	ASSERT_NE(NULL, text);
	EXPECT_EQ(KSYMRES_ABI_VERSION, info.abi_version);
	EXPECT_STREQ(uts.release, info.release);
	EXPECT_EQ(text->addr, info.text_start);
	EXPECT_LT(info.text_start, info.text_end);
	EXPECT_EQ(self->ks.nr_vmlinux, info.nr_vmlinux_syms);
	if (info.features & KSYMRES_FEAT_KASLR)
		EXPECT_EQ(0xffffffff81000000ULL + info.kaslr_offset,
			  info.text_start);
	EXPECT_TRUE(info.features & KSYMRES_FEAT_RESOLVE);
	EXPECT_TRUE(info.features & KSYMRES_FEAT_LOOKUP);
	EXPECT_TRUE(info.features & KSYMRES_FEAT_DUMP);
	EXPECT_TRUE(info.features & KSYMRES_FEAT_MODULES);
	TH_LOG("release %s, %u vmlinux symbols, %u modules, features %#x",
	       info.release, info.nr_vmlinux_syms, info.nr_modules,
	       info.features);
}

/* Resolve addrs[0..n) and check each against the kallsyms entry which[]. */
static size_t check_batch(struct __test_metadata *_metadata,
			  FIXTURE_DATA(kernel) *self, const uint64_t *addrs,
			  const size_t *which, size_t n)
{
	const struct kallsyms *ks = &self->ks;
	struct ksymres_resolve r;
	size_t k;

	ASSERT_EQ(0, ksr_resolve(self->fd, addrs, n, self->res, self->strtab,
				 BATCH * 256, &r));
	ASSERT_EQ(n, r.nr_done);
	for (k = 0; k < n; k++) {
		const struct ksymres_sym *sym = &self->res[k];
		const char *name = self->strtab + sym->name_off;

		ASSERT_TRUE(sym->flags & KSYMRES_SYM_FOUND)
			TH_LOG("%#llx not found", (unsigned long long)addrs[k]);
		EXPECT_EQ(ks->syms[which[k]].addr, sym->start);
		EXPECT_EQ(addrs[k] - sym->start, sym->offset);
		EXPECT_EQ(0, sym->module_off);
		EXPECT_TRUE(listed_at(ks, which[k], sym->start, name))
			TH_LOG("%#llx: ksymres says %s, kallsyms %s",
			       (unsigned long long)addrs[k], name,
			       ks->syms[which[k]].name);
	}
	return n;
}

/* Every vmlinux text symbol, at its start and at a random offset inside. */
TEST_F(kernel, every_vmlinux_text_symbol_resolves_at_start_and_inside)
{
	const struct kallsyms *ks = &self->ks;
	uint64_t *addrs = calloc(BATCH, sizeof(*addrs));
	size_t *which = calloc(BATCH, sizeof(*which));
	size_t i, n = 0, compared = 0;
	unsigned int seed = 1;

	ASSERT_NE(NULL, addrs);
	ASSERT_NE(NULL, which);
	for (i = 0; i + 1 < ks->nr_vmlinux; i++) {
		const struct ksym *s = &ks->syms[i];
		size_t next = i + 1;
		uint64_t span;

		if (s->type != 't' && s->type != 'T')
			continue;
		while (next < ks->nr_vmlinux && ks->syms[next].addr == s->addr)
			next++;
		if (next == ks->nr_vmlinux)
			break;
		span = ks->syms[next].addr - s->addr;
		addrs[n] = s->addr;
		which[n++] = i;
		addrs[n] = s->addr + rand_r(&seed) % span;
		which[n++] = i;
		if (n + 2 > BATCH) {
			compared += check_batch(_metadata, self, addrs, which, n);
			n = 0;
		}
	}
	if (n)
		compared += check_batch(_metadata, self, addrs, which, n);
	TH_LOG("%zu addresses compared with /proc/kallsyms", compared);
	EXPECT_LT(10000, compared);
	free(addrs);
	free(which);
}

static const struct kallsyms *sort_ks;

/* By name, then address: the addresses of one name end up together. */
static int cmp_by_name(const void *a, const void *b)
{
	const struct ksym *x = &sort_ks->syms[*(const size_t *)a];
	const struct ksym *y = &sort_ks->syms[*(const size_t *)b];
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int cmp_sym_start(const void *a, const void *b)
{
	const struct ksymres_sym *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* A sample of names, and every duplicated name, with every address. */
TEST_F(kernel, lookup_returns_every_vmlinux_address_of_a_name)
{
	const struct kallsyms *ks = &self->ks;
	size_t *order = calloc(ks->nr_vmlinux, sizeof(*order));
	size_t i, j, group = 0, names = 0, dups = 0, addrs = 0;

	ASSERT_NE(NULL, order);
	for (i = 0; i < ks->nr_vmlinux; i++)
		order[i] = i;
	sort_ks = ks;
	qsort(order, ks->nr_vmlinux, sizeof(*order), cmp_by_name);

	for (i = 0; i < ks->nr_vmlinux; i = j, group++) {
		const char *name = ks->syms[order[i]].name;
		struct ksymres_lookup l;
		char spec[600];
		size_t nw, k;

		for (j = i + 1; j < ks->nr_vmlinux &&
		     !strcmp(ks->syms[order[j]].name, name); j++)
			;
		nw = j - i;
		if (nw == 1 && group % 37)
			continue;
		snprintf(spec, sizeof(spec), "vmlinux:%s", name);
		ASSERT_EQ(0, ksr_lookup1(self->fd, spec, self->res, BATCH,
					 self->strtab, BATCH * 256, &l));
		ASSERT_EQ(nw, l.nr_results) TH_LOG("%s", name);
		qsort(self->res, l.nr_done, sizeof(*self->res), cmp_sym_start);
		for (k = 0; k < nw; k++) {
			EXPECT_EQ(ks->syms[order[i + k]].addr, self->res[k].start)
				TH_LOG("%s", name);
			EXPECT_STREQ(name, self->strtab + self->res[k].name_off);
		}
		names++;
		dups += nw > 1;
		addrs += nw;
	}
	TH_LOG("%zu names (%zu duplicated), %zu addresses compared", names,
	       dups, addrs);
	EXPECT_LT(1000, names);
	free(order);
}

TEST_F(kernel, lookup_of_an_unknown_name_finds_nothing)
{
	struct ksymres_lookup l;

	ASSERT_EQ(0, ksr_lookup1(self->fd, "ksymres_no_such_symbol", self->res,
				 BATCH, self->strtab, BATCH * 256, &l));
	EXPECT_EQ(0, l.nr_results);
	EXPECT_EQ(0, l.nr_found);
}

TEST_F(kernel, dump_lists_every_vmlinux_symbol_of_proc_kallsyms)
{
	const struct kallsyms *ks = &self->ks;
	struct ksymres_dump d = { .size = sizeof(d) };
	size_t vmlinux = 0, total = 0, mismatches = 0;

	do {
		uint32_t k;

		d.results = (uintptr_t)self->res;
		d.max_results = BATCH;
		d.strtab = (uintptr_t)self->strtab;
		d.strtab_size = BATCH * 256;
		d.sym_size = sizeof(*self->res);
		ASSERT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_DUMP, &d));
		for (k = 0; k < d.nr_results; k++, total++) {
			const struct ksymres_sym *s = &self->res[k];

			if (s->module_off)
				continue;
			if (vmlinux >= ks->nr_vmlinux ||
			    s->start != ks->syms[vmlinux].addr ||
			    strcmp(self->strtab + s->name_off,
				   ks->syms[vmlinux].name))
				mismatches++;
			vmlinux++;
		}
	} while (d.cursor != KSYMRES_DUMP_END);
	TH_LOG("%zu records, %zu of vmlinux", total, vmlinux);
	EXPECT_EQ(ks->nr_vmlinux, vmlinux);
	EXPECT_EQ(0, mismatches);
}

TEST_F(kernel, modules_lists_every_loaded_module_with_its_text)
{
	struct ksymres_module mods[256];
	struct ksymres_modules m = {
		.size = sizeof(m),
		.modules = (uintptr_t)mods,
		.max_modules = 256,
		.module_size = sizeof(mods[0]),
	};
	char line[512], name[128], path[300];
	FILE *f = fopen("/proc/modules", "r");
	uint32_t i, listed = 0;

	ASSERT_NE(NULL, f);
	ASSERT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_MODULES, &m));
	while (fgets(line, sizeof(line), f)) {
		unsigned long long text = 0;
		bool found = false;
		FILE *s;

		ASSERT_EQ(1, sscanf(line, "%127s", name));
		listed++;
		snprintf(path, sizeof(path), "/sys/module/%s/sections/.text", name);
		s = fopen(path, "r");
		if (s) {
			ASSERT_EQ(1, fscanf(s, "%llx", &text));
			fclose(s);
		}
		for (i = 0; i < m.nr_modules; i++) {
			if (strcmp(mods[i].name, name))
				continue;
			found = true;
			if (text)
				EXPECT_TRUE(text >= mods[i].core_text.start &&
					    text < mods[i].core_text.start +
						   mods[i].core_text.size)
					TH_LOG("%s .text %#llx", name, text);
		}
		EXPECT_TRUE(found) TH_LOG("%s not listed", name);
	}
	fclose(f);
	EXPECT_EQ(listed, m.nr_modules);
}

TEST_HARNESS_MAIN
