// SPDX-License-Identifier: GPL-2.0-only
/*
 * Module symbols as modules come and go: the test modules' symbols
 * resolve and look up while loaded (with the duplicated static name), the
 * generation moves and poll() fires, code that is gone is flagged, and
 * readers run safely while a module is loaded and unloaded in a loop.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <time.h>

#include "ksymres_util.h"

#define MOD1 "ksymres_testmod"
#define MOD2 "ksymres_testmod2"

static char strtab[1 << 16];

FIXTURE(testmods) {
	int fd;
	struct kallsyms ks;
};

FIXTURE_SETUP(testmods)
{
	self->fd = open(KSR_DEV, O_RDWR);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, testmod_load(MOD1));
	ASSERT_EQ(0, testmod_load(MOD2));
	ASSERT_EQ(0, kallsyms_load(&self->ks));
}

FIXTURE_TEARDOWN(testmods)
{
	testmod_unload(MOD2);
	testmod_unload(MOD1);
	kallsyms_free(&self->ks);
	close(self->fd);
}

static bool in_range(const struct ksymres_range *r, uint64_t addr)
{
	return addr >= r->start && addr - r->start < r->size;
}

static void expect_symbol(struct __test_metadata *_metadata, int fd,
			  const struct ksym *k, uint64_t offset, char type,
			  uint8_t sym_class, uint32_t flags)
{
	uint64_t addr = k->addr + offset;
	struct ksymres_sym res;

	ASSERT_EQ(0, ksr_resolve(fd, &addr, 1, &res, strtab, sizeof(strtab),
				 NULL));
	ASSERT_TRUE(res.flags & KSYMRES_SYM_FOUND) TH_LOG("%s", k->name);
	EXPECT_STREQ(k->name, strtab + res.name_off);
	EXPECT_STREQ(k->module, strtab + res.module_off);
	EXPECT_EQ(k->addr, res.start);
	EXPECT_EQ(offset, res.offset);
	EXPECT_EQ(type, res.type);
	EXPECT_EQ(sym_class, res.sym_class);
	EXPECT_EQ(flags, res.flags & flags) TH_LOG("%s flags %#x", k->name,
						    res.flags);
	EXPECT_FALSE(res.flags & KSYMRES_SYM_GONE);
}

TEST_F(testmods, module_symbols_resolve_with_type_class_and_flags)
{
	const struct kallsyms *ks = &self->ks;
	const struct ksym *fn = kallsyms_find(ks, "ksymres_testmod_exported", MOD1);
	const struct ksym *data = kallsyms_find(ks, "ksymres_testmod_data", MOD1);
	const struct ksym *ro = kallsyms_find(ks, "ksymres_testmod_rodata", MOD1);
	const struct ksym *bss = kallsyms_find(ks, "ksymres_testmod_bss", MOD1);
	uint32_t mod = KSYMRES_SYM_FOUND | KSYMRES_SYM_MODULE;

	ASSERT_NE(NULL, fn);
	ASSERT_NE(NULL, data);
	ASSERT_NE(NULL, ro);
	ASSERT_NE(NULL, bss);
	expect_symbol(_metadata, self->fd, fn, 3, fn->type, KSYMRES_CLASS_TEXT,
		      mod | KSYMRES_SYM_EXPORTED);
	expect_symbol(_metadata, self->fd, data, 0, data->type,
		      KSYMRES_CLASS_DATA, mod);
	expect_symbol(_metadata, self->fd, ro, 1, ro->type,
		      KSYMRES_CLASS_RODATA, mod);
	expect_symbol(_metadata, self->fd, bss, 0, bss->type,
		      KSYMRES_CLASS_BSS, mod);
}

/* Every known symbol, by "module:name", at the address kallsyms lists. */
TEST_F(testmods, module_symbols_look_up_at_their_kallsyms_address)
{
	static const char *const known[] = {
		"ksymres_testmod_exported", "ksymres_testmod_dup",
		"ksymres_testmod_data", "ksymres_testmod_rodata",
		"ksymres_testmod_bss",
	};
	struct ksymres_sym res[4];
	struct ksymres_lookup l;
	char spec[128];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(known); i++) {
		const struct ksym *k = kallsyms_find(&self->ks, known[i], MOD1);

		ASSERT_NE(NULL, k) TH_LOG("%s not in kallsyms", known[i]);
		snprintf(spec, sizeof(spec), MOD1 ":%s", known[i]);
		ASSERT_EQ(0, ksr_lookup1(self->fd, spec, res, 4, strtab,
					 sizeof(strtab), &l));
		ASSERT_EQ(1, l.nr_results) TH_LOG("%s", spec);
		EXPECT_EQ(k->addr, res[0].start) TH_LOG("%s", spec);
		EXPECT_EQ(k->addr, res[0].addr) TH_LOG("%s", spec);
		EXPECT_STREQ(MOD1, strtab + res[0].module_off);
		EXPECT_TRUE(res[0].flags & KSYMRES_SYM_MODULE);
		EXPECT_FALSE(res[0].flags & KSYMRES_SYM_GONE);
	}
}

/* The module list places the test module's sections in its ranges. */
TEST_F(testmods, the_module_list_holds_the_test_module_ranges)
{
	const struct ksym *fn = kallsyms_find(&self->ks, "ksymres_testmod_exported", MOD1);
	const struct ksym *ro = kallsyms_find(&self->ks, "ksymres_testmod_rodata", MOD1);
	const struct ksym *data = kallsyms_find(&self->ks, "ksymres_testmod_data", MOD1);
	const struct ksym *bss = kallsyms_find(&self->ks, "ksymres_testmod_bss", MOD1);
	static struct ksymres_module mods[1024];
	struct ksymres_modules m = {
		.size = sizeof(m), .modules = (uintptr_t)mods,
		.max_modules = 1024, .module_size = sizeof(mods[0]),
	};
	const struct ksymres_module *mod = NULL;
	uint32_t i;

	ASSERT_NE(NULL, fn);
	ASSERT_NE(NULL, ro);
	ASSERT_NE(NULL, data);
	ASSERT_NE(NULL, bss);
	ASSERT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_MODULES, &m));
	for (i = 0; i < m.nr_modules; i++)
		if (!strcmp(MOD1, mods[i].name))
			mod = &mods[i];
	ASSERT_NE(NULL, mod);
	EXPECT_EQ(KSYMRES_MODULE_LIVE, mod->state);
	EXPECT_TRUE(in_range(&mod->core_text, fn->addr));
	EXPECT_TRUE(in_range(&mod->core_rodata, ro->addr));
	EXPECT_TRUE(in_range(&mod->core_data, data->addr));
	EXPECT_TRUE(in_range(&mod->core_data, bss->addr));
	EXPECT_EQ(0, mod->init_text.size);
	EXPECT_LT(0, mod->nr_syms);
}

TEST_F(testmods, lookup_finds_a_static_name_in_both_modules)
{
	const struct ksym *a = kallsyms_find(&self->ks, "ksymres_testmod_dup", MOD1);
	const struct ksym *b = kallsyms_find(&self->ks, "ksymres_testmod_dup", MOD2);
	struct ksymres_sym res[8];
	struct ksymres_lookup l;
	bool seen_a = false, seen_b = false;
	uint32_t i;

	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	ASSERT_EQ(0, ksr_lookup1(self->fd, "ksymres_testmod_dup", res, 8,
				 strtab, sizeof(strtab), &l));
	ASSERT_EQ(2, l.nr_results);
	for (i = 0; i < l.nr_done; i++) {
		const char *mod = strtab + res[i].module_off;

		seen_a |= !strcmp(mod, MOD1) && res[i].start == a->addr;
		seen_b |= !strcmp(mod, MOD2) && res[i].start == b->addr;
	}
	EXPECT_TRUE(seen_a);
	EXPECT_TRUE(seen_b);

	ASSERT_EQ(0, ksr_lookup1(self->fd, MOD2 ":ksymres_testmod_dup", res, 8,
				 strtab, sizeof(strtab), &l));
	ASSERT_EQ(1, l.nr_results);
	EXPECT_EQ(b->addr, res[0].start);

	ASSERT_EQ(0, ksr_lookup1(self->fd, "vmlinux:ksymres_testmod_dup", res,
				 8, strtab, sizeof(strtab), &l));
	EXPECT_EQ(0, l.nr_results);
}

static int cmp_ksym_name(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/*
 * Looks up, bare, every name that a loaded module has: each gives as many
 * live matches as /proc/kallsyms lists of that name (vmlinux and every
 * module), each at an address kallsyms gives it. Returns the names checked.
 */
static size_t check_module_names_bare(struct __test_metadata *_metadata,
				      int fd)
{
	static struct ksymres_sym res[1024];
	struct kallsyms ks;
	struct ksymres_lookup l;
	size_t i, j, k, names = 0;
	uint32_t r, live;

	int ret = kallsyms_load(&ks);

	EXPECT_EQ(0, ret) TH_LOG("/proc/kallsyms: %s", strerror(-ret));
	if (ret)
		return 0;
	qsort(ks.syms, ks.nr, sizeof(*ks.syms), cmp_ksym_name);
	for (i = 0; i < ks.nr; i = j) {
		bool in_module = false;

		for (j = i; j < ks.nr && !strcmp(ks.syms[j].name, ks.syms[i].name); j++)
			in_module |= ks.syms[j].module[0] != '\0';
		if (!in_module)
			continue;
		names++;
		EXPECT_EQ(0, ksr_lookup1(fd, ks.syms[i].name, res, 1024, strtab,
					 sizeof(strtab), &l)) TH_LOG("%s", ks.syms[i].name);
		for (r = 0, live = 0; r < l.nr_done; r++) {
			const char *mod = strtab + res[r].module_off;

			if (res[r].flags & KSYMRES_SYM_GONE)
				continue;
			live++;
			for (k = i; k < j; k++)
				if (ks.syms[k].addr == res[r].start &&
				    !strcmp(ks.syms[k].module, mod))
					break;
			EXPECT_LT(k, j) TH_LOG("%s [%s] at %#llx: not in kallsyms",
					       ks.syms[i].name, mod,
					       (unsigned long long)res[r].start);
		}
		EXPECT_EQ(j - i, live) TH_LOG("%s: %u live matches, kallsyms has %zu",
					      ks.syms[i].name, live, j - i);
	}
	kallsyms_free(&ks);
	return names;
}

/*
 * Resolves the address of every module symbol /proc/kallsyms lists: each
 * is found in its module, starting there. Per-cpu symbols are listed at
 * their offset in the per-cpu area (below 4 GiB), which is no address: left
 * out. Returns the addresses checked.
 */
static size_t check_module_addresses(struct __test_metadata *_metadata,
				     int fd)
{
	static struct ksymres_sym res[1];
	struct kallsyms ks;
	size_t i, n = 0;

	int ret = kallsyms_load(&ks);

	EXPECT_EQ(0, ret) TH_LOG("/proc/kallsyms: %s", strerror(-ret));
	if (ret)
		return 0;
	for (i = ks.nr_vmlinux; i < ks.nr; i++) {
		const struct ksym *k = &ks.syms[i];

		if (k->addr <= UINT32_MAX)
			continue;
		n++;
		EXPECT_EQ(0, ksr_resolve(fd, &k->addr, 1, res, strtab,
					 sizeof(strtab), NULL));
		EXPECT_TRUE(res[0].flags & KSYMRES_SYM_FOUND)
			TH_LOG("%s [%s] at %#llx: not found", k->name,
			       k->module, (unsigned long long)k->addr);
		EXPECT_FALSE(res[0].flags & KSYMRES_SYM_GONE) TH_LOG("%s", k->name);
		EXPECT_EQ(k->addr, res[0].start) TH_LOG("%s", k->name);
		EXPECT_STREQ(k->module, strtab + res[0].module_off);
	}
	kallsyms_free(&ks);
	return n;
}

/*
 * The module name filter spares a bare lookup the modules that lack the
 * name, and the table of module sections spares a resolve the walk over
 * every module: neither may lose a symbol, also once a module has left its
 * filter slot and its sections and has come back.
 */
TEST_F(testmods, every_module_symbol_found_by_name_and_address)
{
	size_t loaded, without, reloaded, addrs[3];

	loaded = check_module_names_bare(_metadata, self->fd);
	addrs[0] = check_module_addresses(_metadata, self->fd);
	ASSERT_EQ(0, testmod_unload(MOD1));
	without = check_module_names_bare(_metadata, self->fd);
	addrs[1] = check_module_addresses(_metadata, self->fd);
	ASSERT_EQ(0, testmod_load(MOD1));
	reloaded = check_module_names_bare(_metadata, self->fd);
	addrs[2] = check_module_addresses(_metadata, self->fd);
	ksft_print_msg("module names looked up bare: %zu, %zu without %s, %zu once it is back\n",
		       loaded, without, MOD1, reloaded);
	ksft_print_msg("module addresses resolved: %zu, %zu, %zu\n",
		       addrs[0], addrs[1], addrs[2]);
	EXPECT_LT(without, loaded);
	EXPECT_EQ(loaded, reloaded);
	EXPECT_LT(addrs[1], addrs[0]);
	EXPECT_EQ(addrs[0], addrs[2]);
}

/* The vmlinux name kallsyms lists most often, and the lowest address of it. */
static const char *most_repeated_vmlinux_name(const struct kallsyms *ks,
					      uint64_t *lowest, size_t *times)
{
	struct ksym *v = malloc(ks->nr_vmlinux * sizeof(*v));
	const char *best = NULL;
	size_t i, j, k;

	*times = 0;
	if (!v)
		return NULL;
	memcpy(v, ks->syms, ks->nr_vmlinux * sizeof(*v));
	qsort(v, ks->nr_vmlinux, sizeof(*v), cmp_ksym_name);
	for (i = 0; i < ks->nr_vmlinux; i = j) {
		for (j = i; j < ks->nr_vmlinux && !strcmp(v[j].name, v[i].name); j++)
			;
		if (j - i <= *times)
			continue;
		*times = j - i;
		best = v[i].name;	/* the string belongs to ks */
		*lowest = v[i].addr;
		for (k = i; k < j; k++)
			if (v[k].addr < *lowest)
				*lowest = v[k].addr;
	}
	free(v);
	return best;
}

/*
 * KSYMRES_LOOKUP_FIRST: one match a name, the first of those the lookup
 * without it gives (vmlinux's lowest address, else the first module's),
 * counted as one; a name without a match stays at 0.
 */
TEST_F(testmods, lookup_first_gives_the_first_match_only)
{
	static struct ksymres_sym all[4096], res[8];
	char names[1024], mod0[64];
	uint32_t counts[3] = { 7, 7, 7 };
	struct ksymres_lookup l;
	uint64_t lowest = 0;
	size_t times, len;
	const char *rep = most_repeated_vmlinux_name(&self->ks, &lowest, &times);

	ASSERT_NE(NULL, rep);
	ASSERT_LT(1, times) TH_LOG("no vmlinux name is listed twice");
	ASSERT_EQ(0, ksr_lookup1(self->fd, "ksymres_testmod_dup", all, 4096,
				 strtab, sizeof(strtab), &l));
	ASSERT_EQ(2, l.nr_results);
	snprintf(mod0, sizeof(mod0), "%s", strtab + all[0].module_off);
	len = snprintf(names, sizeof(names), "ksymres_testmod_dup%c"
		       "ksymres_no_such_symbol%c%s", 0, 0, rep) + 1;
	ASSERT_GT(sizeof(names), len);
	l = (struct ksymres_lookup){
		.size = sizeof(l), .flags = KSYMRES_LOOKUP_FIRST, .count = 3,
		.names_size = len, .names = (uintptr_t)names,
		.counts = (uintptr_t)counts, .results = (uintptr_t)res,
		.max_results = 8, .strtab = (uintptr_t)strtab,
		.strtab_size = sizeof(strtab), .sym_size = sizeof(res[0]),
	};
	ASSERT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &l));
	EXPECT_EQ(2, l.nr_results);
	EXPECT_EQ(2, l.nr_found);
	EXPECT_EQ(2, l.nr_done);
	EXPECT_EQ(1, counts[0]);
	EXPECT_EQ(0, counts[1]);
	EXPECT_EQ(1, counts[2]);
	/* the first of the two static functions the lookup without it gives */
	EXPECT_EQ(0, res[0].query);
	EXPECT_EQ(all[0].start, res[0].start);
	EXPECT_STREQ(mod0, strtab + res[0].module_off);
	EXPECT_TRUE(res[0].flags & KSYMRES_SYM_MODULE);
	/* the vmlinux name kallsyms lists most: its lowest address */
	EXPECT_EQ(2, res[1].query);
	EXPECT_EQ(lowest, res[1].start) TH_LOG("%s: %zu times", rep, times);
	EXPECT_FALSE(res[1].flags & KSYMRES_SYM_MODULE);
	ksft_print_msg("%s: %zu symbols in vmlinux, the first at %#llx\n", rep,
		       times, (unsigned long long)lowest);
}

TEST_F(testmods, lookup_reports_the_total_when_the_buffer_is_short)
{
	struct ksymres_sym res[1];
	struct ksymres_lookup l;

	EXPECT_EQ(-EMSGSIZE, ksr_lookup1(self->fd, "ksymres_testmod_dup", res,
					 1, strtab, sizeof(strtab), &l));
	EXPECT_EQ(2, l.nr_results);
	EXPECT_EQ(1, l.nr_done);
}

TEST_F(testmods, module_symbols_disappear_after_rmmod)
{
	uint64_t addr = kallsyms_find(&self->ks, "ksymres_testmod_exported",
				      MOD1)->addr;
	static struct ksymres_module mods[1024];
	struct ksymres_modules m = {
		.size = sizeof(m), .modules = (uintptr_t)mods,
		.max_modules = 1024, .module_size = sizeof(mods[0]),
	};
	struct ksymres_sym res[4];
	struct ksymres_lookup l;
	uint32_t i;

	ASSERT_EQ(0, testmod_unload(MOD2));
	ASSERT_EQ(0, testmod_unload(MOD1));
	ASSERT_EQ(0, ksr_lookup1(self->fd, "ksymres_testmod_exported", res, 4,
				 strtab, sizeof(strtab), &l));
	/* Nothing, or tombstones: never a live answer. */
	for (i = 0; i < l.nr_done; i++)
		EXPECT_TRUE(res[i].flags & KSYMRES_SYM_GONE);
	ASSERT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_MODULES, &m));
	for (i = 0; i < m.nr_modules; i++)
		EXPECT_STRNE(MOD1, mods[i].name);
	ASSERT_EQ(0, ksr_resolve(self->fd, &addr, 1, res, strtab,
				 sizeof(strtab), NULL));
	/* Either nothing, or the tombstone: never a live answer. */
	if (res[0].flags & KSYMRES_SYM_FOUND)
		EXPECT_TRUE(res[0].flags & KSYMRES_SYM_GONE);
}

/* A device file and its features; unloads the test modules it leaves. */
FIXTURE(device) {
	int fd;
	uint32_t features;
};

FIXTURE_SETUP(device)
{
	struct ksymres_info info;

	self->fd = open(KSR_DEV, O_RDWR);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, ksr_info(self->fd, &info));
	self->features = info.features;
}

FIXTURE_TEARDOWN(device)
{
	testmod_unload(MOD2);
	testmod_unload(MOD1);
	close(self->fd);
}

static uint64_t generation(struct __test_metadata *_metadata, int fd)
{
	struct ksymres_info info;

	EXPECT_EQ(0, ksr_info(fd, &info));
	return info.generation;
}

static int poll_wait(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLRDNORM };

	return poll(&p, 1, timeout_ms) == 1 ? p.revents : 0;
}

TEST_F(device, generation_moves_and_poll_fires_when_modules_come_and_go)
{
	uint64_t g0, g1, g2;

	g0 = generation(_metadata, self->fd);
	EXPECT_EQ(0, poll_wait(self->fd, 0));
	ASSERT_EQ(0, testmod_load(MOD1));
	EXPECT_EQ(POLLIN | POLLRDNORM, poll_wait(self->fd, 1000));
	g1 = generation(_metadata, self->fd);
	EXPECT_NE(g0, g1);
	EXPECT_EQ(0, poll_wait(self->fd, 0));	/* reading it re-arms */
	ASSERT_EQ(0, testmod_unload(MOD1));
	EXPECT_EQ(POLLIN | POLLRDNORM, poll_wait(self->fd, 1000));
	g2 = generation(_metadata, self->fd);
	EXPECT_NE(g1, g2);
	EXPECT_NE(g0, g2);
}

struct poller {
	int fd;
	int revents;
};

static void *poll_thread(void *arg)
{
	struct poller *p = arg;

	p->revents = poll_wait(p->fd, 10000);
	return NULL;
}

/* A poll() already sleeping wakes when a module is loaded. */
TEST_F(device, a_sleeping_poll_wakes_when_a_module_is_loaded)
{
	struct poller p = { .fd = self->fd };
	pthread_t t;

	generation(_metadata, self->fd);
	ASSERT_EQ(0, pthread_create(&t, NULL, poll_thread, &p));
	usleep(200000);
	ASSERT_EQ(0, testmod_load(MOD1));
	ASSERT_EQ(0, pthread_join(t, NULL));
	EXPECT_EQ(POLLIN | POLLRDNORM, p.revents);
}

/* Each file has its own view: reading on one does not re-arm another. */
TEST_F(device, poll_is_rearmed_per_file)
{
	int fd2 = open(KSR_DEV, O_RDWR);

	ASSERT_LE(0, fd2);
	generation(_metadata, self->fd);
	generation(_metadata, fd2);
	ASSERT_EQ(0, testmod_load(MOD1));
	generation(_metadata, self->fd);
	EXPECT_EQ(0, poll_wait(self->fd, 0));
	EXPECT_EQ(POLLIN | POLLRDNORM, poll_wait(fd2, 0));
	close(fd2);
}

TEST_F(device, unloaded_module_code_resolves_flagged_gone)
{
	struct kallsyms ks;
	struct ksymres_sym res;
	const struct ksym *k;
	uint64_t addr;

	if (!(self->features & KSYMRES_FEAT_TOMBSTONES))
		SKIP(return, "KSYMRES_FEAT_TOMBSTONES is clear: this module keeps no tombstones");
	ASSERT_EQ(0, testmod_load(MOD1));
	ASSERT_EQ(0, kallsyms_load(&ks));
	k = kallsyms_find(&ks, "ksymres_testmod_exported", MOD1);
	ASSERT_NE(NULL, k);
	addr = k->addr + 1;
	kallsyms_free(&ks);
	ASSERT_EQ(0, testmod_unload(MOD1));

	ASSERT_EQ(0, ksr_resolve(self->fd, &addr, 1, &res, strtab,
				 sizeof(strtab), NULL));
	ASSERT_TRUE(res.flags & KSYMRES_SYM_FOUND);
	EXPECT_TRUE(res.flags & KSYMRES_SYM_GONE);
	EXPECT_TRUE(res.flags & KSYMRES_SYM_MODULE);
	EXPECT_STREQ("ksymres_testmod_exported", strtab + res.name_off);
	EXPECT_STREQ(MOD1, strtab + res.module_off);
	EXPECT_EQ(addr - 1, res.start);
	EXPECT_EQ(1, res.offset);
}

/*
 * kallsyms forgets __init symbols once init is done: the ground truth is
 * the address the test module's init published in init_fn_addr.
 */
TEST_F(device, init_code_resolves_flagged_gone_after_init)
{
	struct ksymres_sym res[2];
	struct ksymres_lookup l;
	uint64_t init_fn, addr;

	if (!(self->features & KSYMRES_FEAT_TOMBSTONES))
		SKIP(return, "KSYMRES_FEAT_TOMBSTONES is clear: this module keeps no tombstones");
	ASSERT_EQ(0, testmod_load(MOD1));
	ASSERT_EQ(0, read_u64_file("/sys/module/" MOD1 "/parameters/init_fn_addr",
				   &init_fn));
	ASSERT_NE(0, init_fn);

	addr = init_fn + 2;
	ASSERT_EQ(0, ksr_resolve(self->fd, &addr, 1, res, strtab,
				 sizeof(strtab), NULL));
	ASSERT_TRUE(res[0].flags & KSYMRES_SYM_FOUND)
		TH_LOG("%#llx not found", (unsigned long long)addr);
	EXPECT_STREQ("ksymres_testmod_init_fn", strtab + res[0].name_off);
	EXPECT_STREQ(MOD1, strtab + res[0].module_off);
	EXPECT_TRUE(res[0].flags & KSYMRES_SYM_INIT);
	EXPECT_TRUE(res[0].flags & KSYMRES_SYM_GONE);
	EXPECT_EQ(init_fn, res[0].start);
	EXPECT_EQ(2, res[0].offset);

	ASSERT_EQ(0, ksr_lookup1(self->fd, MOD1 ":ksymres_testmod_init_fn", res,
				 2, strtab, sizeof(strtab), &l));
	ASSERT_EQ(1, l.nr_results);
	EXPECT_EQ(init_fn, res[0].start);
	EXPECT_TRUE(res[0].flags & KSYMRES_SYM_INIT);
	EXPECT_TRUE(res[0].flags & KSYMRES_SYM_GONE);
}

/* Readers while modules come and go: only documented outcomes. */
struct reader {
	int fd;
	bool dumper;
	volatile bool *stop;
	const struct kallsyms *ks;
	long calls, unexpected, stale, pages;
	int last_error;
};

static void *reader_thread(void *arg)
{
	static __thread struct ksymres_sym res[64];
	static __thread char tab[1 << 14];
	struct reader *r = arg;
	unsigned int seed = (unsigned int)(uintptr_t)r;
	uint64_t addrs[64];
	struct ksymres_dump d = { .size = sizeof(d) };

	while (!*r->stop) {
		int i, ret;

		if (!r->dumper) {
			for (i = 0; i < 64; i++)
				addrs[i] = r->ks->syms[rand_r(&seed) % r->ks->nr].addr + 1;
			/* module addresses too: those of the test modules come and go */
			addrs[0] = 0xffffffffc0000000ULL + (rand_r(&seed) % (64 << 20));
			ret = ksr_resolve(r->fd, addrs, 64, res, tab, sizeof(tab), NULL);
			if (!ret)
				ret = ksr_lookup1(r->fd, "ksymres_testmod_dup", res, 64,
						  tab, sizeof(tab), NULL);
			r->calls += 2;
			if (ret) {
				r->unexpected++;
				r->last_error = ret;
			}
			continue;
		}
		d.results = (uintptr_t)res;
		d.max_results = 64;
		d.strtab = (uintptr_t)tab;
		d.strtab_size = sizeof(tab);
		d.sym_size = sizeof(res[0]);
		ret = ksr_ioctl(r->fd, KSYMRES_IOC_DUMP, &d);
		r->calls++;
		if (ret == -ESTALE) {
			r->stale++;
			d.cursor = 0;
			d.generation = 0;
		} else if (ret) {
			r->unexpected++;
			r->last_error = ret;
			d.cursor = 0;
			d.generation = 0;
		} else {
			r->pages++;
			if (d.cursor == KSYMRES_DUMP_END) {
				d.cursor = 0;
				d.generation = 0;
			}
		}
	}
	return NULL;
}

#define NR_READERS 4

TEST_F(device, readers_are_safe_while_modules_come_and_go)
{
	volatile bool stop = false;
	struct reader readers[NR_READERS];
	pthread_t threads[NR_READERS];
	struct kallsyms ks;
	int i, rounds = 0;
	time_t end = time(NULL) + 20;

	ASSERT_EQ(0, kallsyms_load(&ks));
	for (i = 0; i < NR_READERS; i++) {
		readers[i] = (struct reader){ .stop = &stop, .ks = &ks,
					      .dumper = i % 2 };
		readers[i].fd = open(KSR_DEV, O_RDWR);
		ASSERT_LE(0, readers[i].fd);
		ASSERT_EQ(0, pthread_create(&threads[i], NULL, reader_thread,
					    &readers[i]));
	}
	while (rounds < 40 && time(NULL) < end) {
		ASSERT_EQ(0, testmod_load(MOD1));
		ASSERT_EQ(0, testmod_load(MOD2));
		ASSERT_EQ(0, testmod_unload(MOD1));
		ASSERT_EQ(0, testmod_unload(MOD2));
		rounds++;
	}
	stop = true;
	for (i = 0; i < NR_READERS; i++) {
		pthread_join(threads[i], NULL);
		ksft_print_msg("reader %d (%s): %ld calls, %ld dump pages, %ld ESTALE restarts\n",
			       i, readers[i].dumper ? "dump" : "resolve+lookup",
			       readers[i].calls, readers[i].pages,
			       readers[i].stale);
		EXPECT_EQ(0, readers[i].unexpected)
			TH_LOG("reader %d: last error %d", i, readers[i].last_error);
		EXPECT_LT(0, readers[i].calls);
		close(readers[i].fd);
	}
	ksft_print_msg("%d load/unload rounds of two modules\n", rounds);
	EXPECT_LT(0, rounds);
	kallsyms_free(&ks);
}

TEST_HARNESS_MAIN
