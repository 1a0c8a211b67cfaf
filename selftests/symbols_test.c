// SPDX-License-Identifier: GPL-2.0-only
/*
 * ksymres answers against the ground truth of this boot: /proc/kallsyms,
 * uname, /sys/kernel/notes, /proc/modules and /sys/module, with the two
 * test modules loaded so that the module side holds known symbols too.
 */
#define _GNU_SOURCE
#include <sys/utsname.h>

#include "ksymres_util.h"

#define BATCH 4096

FIXTURE(kernel) {
	int fd;
	struct kallsyms ks;
	struct ksymres_sym *res;
	char *strtab;
	uint32_t features;
};

FIXTURE_SETUP(kernel)
{
	struct ksymres_info info;
	int ret;

	/* The test modules give the module side more than ksymres itself. */
	ret = testmod_load("ksymres_testmod");
	ASSERT_TRUE(!ret || ret == -EEXIST) TH_LOG("insmod: %s", strerror(-ret));
	ret = testmod_load("ksymres_testmod2");
	ASSERT_TRUE(!ret || ret == -EEXIST) TH_LOG("insmod: %s", strerror(-ret));
	self->fd = open(KSR_DEV, O_RDWR);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, kallsyms_load(&self->ks));
	self->res = calloc(BATCH, sizeof(*self->res));
	self->strtab = malloc(BATCH * 256);
	ASSERT_NE(NULL, self->res);
	ASSERT_NE(NULL, self->strtab);
	ASSERT_EQ(0, ksr_info(self->fd, &info));
	self->features = info.features;
}

FIXTURE_TEARDOWN(kernel)
{
	testmod_unload("ksymres_testmod2");
	testmod_unload("ksymres_testmod");
	kallsyms_free(&self->ks);
	free(self->res);
	free(self->strtab);
	close(self->fd);
}

/* Does kallsyms list @name at @addr (aliases share an address)? */
/* The GNU build ID note of vmlinux, from /sys/kernel/notes. */
static int vmlinux_build_id(uint8_t *id, uint32_t max)
{
	uint8_t buf[4096];
	size_t len, pos = 0;
	FILE *f = fopen("/sys/kernel/notes", "r");

	if (!f)
		return -errno;
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	while (pos + 12 <= len) {
		uint32_t namesz, descsz, type;

		memcpy(&namesz, buf + pos, 4);
		memcpy(&descsz, buf + pos + 4, 4);
		memcpy(&type, buf + pos + 8, 4);
		pos += 12;
		if (pos + ((namesz + 3) & ~3u) + descsz > len)
			break;
		if (type == 3 && namesz == 4 && !memcmp(buf + pos, "GNU", 4) &&
		    descsz <= max) {
			memcpy(id, buf + pos + 4, descsz);
			return descsz;
		}
		pos += ((namesz + 3) & ~3u) + ((descsz + 3) & ~3u);
	}
	return -ENOENT;
}

static unsigned int proc_modules_count(void)
{
	FILE *f = fopen("/proc/modules", "r");
	char line[512];
	unsigned int n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		n++;
	fclose(f);
	return n;
}

TEST_F(kernel, info_describes_the_running_kernel)
{
	const struct ksym *text = kallsyms_find(&self->ks, "_text", "");
	const struct ksym *etext = kallsyms_find(&self->ks, "_etext", "");
	size_t module_syms = kallsyms_nr_module_syms(&self->ks);
	struct ksymres_info info;
	struct utsname uts;
	uint8_t id[KSYMRES_BUILD_ID_MAX];
	int id_size;

	ASSERT_EQ(0, ksr_info(self->fd, &info));
	ASSERT_EQ(0, uname(&uts));
	ASSERT_NE(NULL, text);
	ASSERT_NE(NULL, etext);
	EXPECT_EQ(KSYMRES_ABI_VERSION, info.abi_version);
	EXPECT_STREQ(uts.release, info.release);
	EXPECT_EQ(text->addr, info.text_start);
	EXPECT_EQ(etext->addr, info.text_end);
	EXPECT_EQ(self->ks.nr_vmlinux, info.nr_vmlinux_syms);
	EXPECT_EQ(proc_modules_count(), info.nr_modules);
	EXPECT_EQ(module_syms, info.nr_module_syms);
	if (info.features & KSYMRES_FEAT_KASLR) {
		/* x86-64 links _text at __START_KERNEL_map + 16 MiB. */
		EXPECT_EQ(0xffffffff81000000ULL + info.kaslr_offset,
			  info.text_start);
		EXPECT_EQ(0, info.kaslr_offset % 0x200000);
	} else {
		EXPECT_EQ(0, info.kaslr_offset);
	}
	id_size = vmlinux_build_id(id, sizeof(id));
	if (info.features & KSYMRES_FEAT_BUILD_ID) {
		ASSERT_LT(0, id_size) TH_LOG("no build ID in /sys/kernel/notes");
		EXPECT_EQ((uint32_t)id_size, info.build_id_size);
		EXPECT_EQ(0, memcmp(id, info.build_id, id_size));
	} else {
		EXPECT_EQ(0, info.build_id_size);
	}
	EXPECT_TRUE(info.features & KSYMRES_FEAT_RESOLVE);
	EXPECT_TRUE(info.features & KSYMRES_FEAT_LOOKUP);
	EXPECT_TRUE(info.features & KSYMRES_FEAT_DUMP);
	EXPECT_TRUE(info.features & KSYMRES_FEAT_MODULES);
	ksft_print_msg("release %s, kaslr offset %#llx, %u vmlinux symbols, %u modules with %u symbols (kallsyms: %zu, %zu), features %#x, build ID %u bytes\n",
		       info.release, (unsigned long long)info.kaslr_offset,
		       info.nr_vmlinux_syms, info.nr_modules,
		       info.nr_module_syms, self->ks.nr_vmlinux, module_syms,
		       info.features, info.build_id_size);
}

/* The type letter kallsyms gives @name at @addr, or 0. */
static char type_at(const struct kallsyms *ks, size_t from, uint64_t addr,
		    const char *name)
{
	size_t i;

	while (from > 0 && ks->syms[from - 1].addr == addr)
		from--;
	for (i = from; i < ks->nr_vmlinux && ks->syms[i].addr == addr; i++)
		if (!strcmp(ks->syms[i].name, name))
			return ks->syms[i].type;
	return 0;
}

static bool listed_at(const struct kallsyms *ks, size_t from, uint64_t addr,
		      const char *name)
{
	return type_at(ks, from, addr, name) != 0;
}

/*
 * Resolve addrs[0..n) and check each against the kallsyms entry which[]:
 * the name (any alias at that address), start, offset, size (the distance
 * to the next symbol, spans[]), class text, vmlinux, and the type letter
 * where KSYMRES_FEAT_TYPES says they are kallsyms's.
 */
static size_t check_batch(struct __test_metadata *_metadata,
			  FIXTURE_DATA(kernel) *self, const uint64_t *addrs,
			  const size_t *which, const uint64_t *spans, size_t n)
{
	const struct kallsyms *ks = &self->ks;
	struct ksymres_resolve r;
	size_t k, bad = 0;

	ASSERT_EQ(0, ksr_resolve(self->fd, addrs, n, self->res, self->strtab,
				 BATCH * 256, &r));
	ASSERT_EQ(n, r.nr_done);
	EXPECT_EQ(n, r.nr_found);
	for (k = 0; k < n && bad < 20; k++) {
		const struct ksymres_sym *sym = &self->res[k];
		const char *name = self->strtab + sym->name_off;
		const struct ksym *want = &ks->syms[which[k]];
		bool ok = true;

		ASSERT_TRUE(sym->flags & KSYMRES_SYM_FOUND)
			TH_LOG("%#llx not found", (unsigned long long)addrs[k]);
		ok &= want->addr == sym->start;
		ok &= addrs[k] == sym->addr;
		ok &= addrs[k] - want->addr == sym->offset;
		ok &= spans[k] == sym->size;
		ok &= !sym->module_off && !(sym->flags & KSYMRES_SYM_MODULE);
		ok &= !(sym->flags & KSYMRES_SYM_GONE);
		ok &= KSYMRES_CLASS_TEXT == sym->sym_class;
		ok &= listed_at(ks, which[k], sym->start, name);
		if (self->features & KSYMRES_FEAT_TYPES)
			ok &= type_at(ks, which[k], sym->start, name) == sym->type;
		EXPECT_TRUE(ok)
			TH_LOG("%#llx: kallsyms %s %c +%#llx/%#llx; ksymres %s %c +%#llx/%#llx start %#llx class %u flags %#x",
			       (unsigned long long)addrs[k], want->name,
			       want->type,
			       (unsigned long long)(addrs[k] - want->addr),
			       (unsigned long long)spans[k], name,
			       sym->type ? sym->type : '0',
			       (unsigned long long)sym->offset,
			       (unsigned long long)sym->size,
			       (unsigned long long)sym->start, sym->sym_class,
			       sym->flags);
		bad += !ok;
	}
	return n;
}

/* Every vmlinux text symbol, at its start and at a random offset inside. */
TEST_F(kernel, every_vmlinux_text_symbol_resolves_at_start_and_inside)
{
	const struct kallsyms *ks = &self->ks;
	uint64_t *addrs = calloc(BATCH, sizeof(*addrs));
	uint64_t *spans = calloc(BATCH, sizeof(*spans));
	size_t *which = calloc(BATCH, sizeof(*which));
	size_t i, n = 0, compared = 0, symbols = 0;
	unsigned int seed = getpid();

	ASSERT_NE(NULL, addrs);
	ASSERT_NE(NULL, spans);
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
		symbols++;
		addrs[n] = s->addr;
		spans[n] = span;
		which[n++] = i;
		addrs[n] = s->addr + rand_r(&seed) % span;
		spans[n] = span;
		which[n++] = i;
		if (n + 2 > BATCH) {
			compared += check_batch(_metadata, self, addrs, which,
						spans, n);
			n = 0;
		}
	}
	if (n)
		compared += check_batch(_metadata, self, addrs, which, spans, n);
	ksft_print_msg("%zu text symbols, %zu addresses compared with /proc/kallsyms (seed %u)\n",
		       symbols, compared, (unsigned int)getpid());
	EXPECT_LT(10000, compared);
	free(addrs);
	free(spans);
	free(which);
}

static const struct kallsyms *sort_ks;

/* By name, then address: the addresses of one name end up together. */
static int cmp_by_name(const void *a, const void *b)
{
	const struct ksym *x = &sort_ks->syms[*(const size_t *)a];
	const struct ksym *y = &sort_ks->syms[*(const size_t *)b];
	int c = strcmp(x->name, y->name);

	if (!c)
		c = strcmp(x->module, y->module);
	if (c)
		return c;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int cmp_u64(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* One lookup query: a name and where its kallsyms entries are in order[]. */
struct query {
	char spec[700];
	size_t first, nr;
};

/*
 * Looks up q[0..n) in one call (names back to back, a counts array) and
 * compares every address of every name with kallsyms. Returns the number
 * of addresses compared.
 */
static size_t check_lookups(struct __test_metadata *_metadata,
			    FIXTURE_DATA(kernel) *self, const size_t *order,
			    const struct query *q, size_t n)
{
	static char names[256 * 700];
	static uint32_t cnt[256];
	static uint64_t got[BATCH];
	struct ksymres_lookup l = {
		.size = sizeof(l), .count = n, .counts = (uintptr_t)cnt,
		.names = (uintptr_t)names, .results = (uintptr_t)self->res,
		.max_results = BATCH, .strtab = (uintptr_t)self->strtab,
		.strtab_size = BATCH * 256, .sym_size = sizeof(*self->res),
	};
	size_t k, len = 0, r = 0, compared = 0;

	for (k = 0; k < n; k++) {
		strcpy(names + len, q[k].spec);
		len += strlen(q[k].spec) + 1;
	}
	l.names_size = len;
	ASSERT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &l));
	ASSERT_EQ(l.nr_results, l.nr_done);
	for (k = 0; k < n; k++) {
		const struct ksym *first = &self->ks.syms[order[q[k].first]];
		size_t m, nw = 0;

		EXPECT_EQ(q[k].nr, cnt[k]) TH_LOG("%s", q[k].spec);
		for (; r < l.nr_done && self->res[r].query == k; r++) {
			const struct ksymres_sym *sym = &self->res[r];

			EXPECT_STREQ(first->name, self->strtab + sym->name_off);
			EXPECT_STREQ(first->module, self->strtab + sym->module_off);
			EXPECT_TRUE(sym->flags & KSYMRES_SYM_FOUND);
			EXPECT_EQ(sym->start, sym->addr);
			if (nw < BATCH)
				got[nw++] = sym->start;
		}
		ASSERT_EQ(q[k].nr, nw) TH_LOG("%s: records for query %zu out of order or missing",
					      q[k].spec, k);
		/* kallsyms order[] is sorted by address within a name */
		qsort(got, nw, sizeof(got[0]), cmp_u64);
		for (m = 0; m < nw; m++)
			EXPECT_EQ(self->ks.syms[order[q[k].first + m]].addr, got[m])
				TH_LOG("%s #%zu", q[k].spec, m);
		compared += nw;
	}
	EXPECT_EQ(l.nr_done, r);
	return compared;
}

/*
 * Every duplicated name of vmlinux and of each module (qualified with its
 * module, "vmlinux:" for vmlinux) and every 10th other name, looked up 256
 * names a call, each compared with every address kallsyms lists for it.
 */
TEST_F(kernel, lookup_returns_every_address_of_a_name)
{
	const struct kallsyms *ks = &self->ks;
	size_t *order = calloc(ks->nr, sizeof(*order));
	struct query *q = calloc(256, sizeof(*q));
	size_t i, j, group = 0, n = 0, names = 0, dups = 0, addrs = 0;

	ASSERT_NE(NULL, order);
	ASSERT_NE(NULL, q);
	for (i = 0; i < ks->nr; i++)
		order[i] = i;
	sort_ks = ks;
	qsort(order, ks->nr, sizeof(*order), cmp_by_name);

	for (i = 0; i < ks->nr; i = j, group++) {
		const struct ksym *s = &ks->syms[order[i]];

		for (j = i + 1; j < ks->nr &&
		     !strcmp(ks->syms[order[j]].name, s->name) &&
		     !strcmp(ks->syms[order[j]].module, s->module); j++)
			;
		if (j - i == 1 && group % 10)
			continue;
		snprintf(q[n].spec, sizeof(q[n].spec), "%s:%s",
			 s->module[0] ? s->module : "vmlinux", s->name);
		q[n].first = i;
		q[n].nr = j - i;
		names++;
		dups += j - i > 1;
		if (++n == 256) {
			addrs += check_lookups(_metadata, self, order, q, n);
			n = 0;
		}
	}
	if (n)
		addrs += check_lookups(_metadata, self, order, q, n);
	ksft_print_msg("%zu names looked up (%zu duplicated), %zu addresses compared with /proc/kallsyms\n",
		       names, dups, addrs);
	EXPECT_LT(3000, names);
	free(order);
	free(q);
}

TEST_F(kernel, lookup_of_an_unknown_name_finds_nothing)
{
	struct ksymres_lookup l;

	ASSERT_EQ(0, ksr_lookup1(self->fd, "ksymres_no_such_symbol", self->res,
				 BATCH, self->strtab, BATCH * 256, &l));
	EXPECT_EQ(0, l.nr_results);
	EXPECT_EQ(0, l.nr_found);
}

/* One symbol as the dump or kallsyms gives it, for a sorted comparison. */
struct entry {
	uint64_t addr;
	char type;
	char *name;
	char *module;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->module, y->module);

	if (c)
		return c;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void free_entries(struct entry *e, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		free(e[i].name);
		free(e[i].module);
	}
}

/*
 * The dump, page by page, is /proc/kallsyms: the same (module, address,
 * name) entries, vmlinux first, with kallsyms's type letters for modules
 * (README: module symbols carry their real letters) and, with
 * KSYMRES_FEAT_TYPES, for vmlinux too.
 */
TEST_F(kernel, dump_equals_proc_kallsyms)
{
	const struct kallsyms *ks = &self->ks;
	struct ksymres_dump d = { .size = sizeof(d) };
	struct entry *want = calloc(ks->nr, sizeof(*want));
	size_t cap = ks->nr + 4096, got_nr = 0, i, mismatches = 0;
	size_t types = 0, vmlinux = 0, pages = 0, restarts = 0;
	struct entry *got = calloc(cap, sizeof(*got));
	bool in_modules = false, order_ok = true;
	int ret;

	ASSERT_NE(NULL, want);
	ASSERT_NE(NULL, got);
	do {
		uint32_t k;

		d.results = (uintptr_t)self->res;
		d.max_results = BATCH;
		d.strtab = (uintptr_t)self->strtab;
		d.strtab_size = BATCH * 32;
		d.sym_size = sizeof(*self->res);
		ret = ksr_ioctl(self->fd, KSYMRES_IOC_DUMP, &d);
		if (ret == -ESTALE && restarts++ < 3) {
			free_entries(got, got_nr);
			got_nr = 0;
			in_modules = false;
			d.cursor = 0;
			d.generation = 0;
			continue;
		}
		ASSERT_EQ(0, ret);
		pages++;
		for (k = 0; k < d.nr_results; k++) {
			const struct ksymres_sym *sym = &self->res[k];

			ASSERT_GT(cap, got_nr);
			EXPECT_TRUE(sym->flags & KSYMRES_SYM_FOUND);
			if (sym->module_off)
				in_modules = true;
			else if (in_modules)
				order_ok = false;
			got[got_nr].addr = sym->start;
			got[got_nr].type = sym->type;
			got[got_nr].name = strdup(self->strtab + sym->name_off);
			got[got_nr].module = strdup(self->strtab + sym->module_off);
			got_nr++;
		}
	} while (d.cursor != KSYMRES_DUMP_END);
	EXPECT_TRUE(order_ok) TH_LOG("a vmlinux record after module records");

	for (i = 0; i < ks->nr; i++)
		want[i] = (struct entry){ ks->syms[i].addr, ks->syms[i].type,
					  ks->syms[i].name, ks->syms[i].module };
	qsort(want, ks->nr, sizeof(*want), cmp_entry);
	qsort(got, got_nr, sizeof(*got), cmp_entry);
	EXPECT_EQ(ks->nr, got_nr);
	for (i = 0; i < ks->nr && i < got_nr; i++) {
		bool check_type = want[i].module[0] ||
				  (self->features & KSYMRES_FEAT_TYPES);

		vmlinux += !want[i].module[0];
		if (cmp_entry(&want[i], &got[i]) ||
		    (check_type && want[i].type != got[i].type)) {
			if (mismatches++ < 10)
				TH_LOG("#%zu kallsyms [%s] %#llx %c %s, dump [%s] %#llx %c %s",
				       i, want[i].module,
				       (unsigned long long)want[i].addr,
				       want[i].type, want[i].name,
				       got[i].module,
				       (unsigned long long)got[i].addr,
				       got[i].type ? got[i].type : '0',
				       got[i].name);
		}
		types += check_type;
	}
	EXPECT_EQ(0, mismatches);
	ksft_print_msg("dump: %zu records in %zu pages (%zu restarts); kallsyms %zu (%zu vmlinux); %zu type letters compared; %zu mismatches\n",
		       got_nr, pages, restarts, ks->nr, vmlinux, types,
		       mismatches);
	free_entries(got, got_nr);
	free(got);
	free(want);
}

static int read_section(const char *mod, const char *sec, uint64_t *addr)
{
	char path[300];

	snprintf(path, sizeof(path), "/sys/module/%s/sections/%s", mod, sec);
	return read_u64_file(path, addr);
}

static bool in_range(const struct ksymres_range *r, uint64_t addr)
{
	return addr >= r->start && addr - r->start < r->size;
}

/*
 * Every module of /proc/modules, and no other, with its state, its core
 * base (the address /proc/modules shows) and the .text, .rodata, .data
 * and .bss sections of /sys/module/<name>/sections inside its ranges.
 */
TEST_F(kernel, modules_lists_every_loaded_module_with_its_ranges)
{
	static struct ksymres_module mods[1024];
	struct ksymres_modules m = {
		.size = sizeof(m),
		.modules = (uintptr_t)mods,
		.max_modules = 1024,
		.module_size = sizeof(mods[0]),
	};
	char line[512], name[128], state[32];
	FILE *f = fopen("/proc/modules", "r");
	uint32_t i, listed = 0, sections = 0;

	ASSERT_NE(NULL, f);
	ASSERT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_MODULES, &m));
	while (fgets(line, sizeof(line), f)) {
		unsigned long long base = 0;
		const struct ksymres_module *mod = NULL;
		uint64_t sec;

		ASSERT_EQ(3, sscanf(line, "%127s %*u %*s %*s %31s %llx", name,
				    state, &base)) TH_LOG("%s", line);
		listed++;
		for (i = 0; i < m.nr_modules; i++)
			if (!strcmp(mods[i].name, name))
				mod = &mods[i];
		EXPECT_NE(NULL, mod) TH_LOG("%s not listed", name);
		if (!mod)
			continue;
		if (!strcmp(state, "Live"))
			EXPECT_EQ(KSYMRES_MODULE_LIVE, mod->state) TH_LOG("%s", name);
		EXPECT_EQ(base, mod->core_text.start) TH_LOG("%s", name);
		if (!read_section(name, ".text", &sec) && ++sections)
			EXPECT_TRUE(in_range(&mod->core_text, sec))
				TH_LOG("%s .text %#llx", name, (unsigned long long)sec);
		if (!read_section(name, ".rodata", &sec) && ++sections)
			EXPECT_TRUE(in_range(&mod->core_rodata, sec))
				TH_LOG("%s .rodata %#llx", name, (unsigned long long)sec);
		if (!read_section(name, ".data", &sec) && ++sections)
			EXPECT_TRUE(in_range(&mod->core_data, sec))
				TH_LOG("%s .data %#llx", name, (unsigned long long)sec);
		if (!read_section(name, ".bss", &sec) && ++sections)
			EXPECT_TRUE(in_range(&mod->core_data, sec))
				TH_LOG("%s .bss %#llx", name, (unsigned long long)sec);
		if (mod->state == KSYMRES_MODULE_LIVE) {
			EXPECT_EQ(0, mod->init_text.size) TH_LOG("%s", name);
			EXPECT_EQ(0, mod->init_data.size) TH_LOG("%s", name);
		}
	}
	fclose(f);
	EXPECT_EQ(listed, m.nr_modules);
	ksft_print_msg("%u modules of /proc/modules compared, %u sections of /sys/module\n",
		       listed, sections);
}

TEST_HARNESS_MAIN
