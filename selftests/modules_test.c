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

#include "kselftest_harness.h"
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
	struct ksymres_sym res[4];
	struct ksymres_lookup l;

	ASSERT_EQ(0, testmod_unload(MOD2));
	ASSERT_EQ(0, testmod_unload(MOD1));
	ASSERT_EQ(0, ksr_lookup1(self->fd, "ksymres_testmod_exported", res, 4,
				 strtab, sizeof(strtab), &l));
	EXPECT_EQ(0, l.nr_results);
	ASSERT_EQ(0, ksr_resolve(self->fd, &addr, 1, res, strtab,
				 sizeof(strtab), NULL));
	/* Either nothing, or the tombstone: never a live answer. */
	if (res[0].flags & KSYMRES_SYM_FOUND)
		EXPECT_TRUE(res[0].flags & KSYMRES_SYM_GONE);
}

static uint64_t generation(struct __test_metadata *_metadata, int fd)
{
	struct ksymres_info info;

	EXPECT_EQ(0, ksr_info(fd, &info));
	return info.generation;
}

static int poll_now(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLRDNORM };

	return poll(&p, 1, 0) == 1 ? p.revents : 0;
}

TEST(generation_moves_and_poll_fires_when_modules_come_and_go)
{
	int fd = open(KSR_DEV, O_RDWR);
	uint64_t g0, g1, g2;

	ASSERT_LE(0, fd);
	g0 = generation(_metadata, fd);
	EXPECT_EQ(0, poll_now(fd));
	ASSERT_EQ(0, testmod_load(MOD1));
	EXPECT_EQ(POLLIN | POLLRDNORM, poll_now(fd));
	g1 = generation(_metadata, fd);
	EXPECT_NE(g0, g1);
	EXPECT_EQ(0, poll_now(fd));	/* reading it re-arms */
	ASSERT_EQ(0, testmod_unload(MOD1));
	EXPECT_EQ(POLLIN | POLLRDNORM, poll_now(fd));
	g2 = generation(_metadata, fd);
	EXPECT_NE(g1, g2);
	close(fd);
}

TEST(unloaded_module_code_resolves_flagged_gone)
{
	int fd = open(KSR_DEV, O_RDWR);
	struct ksymres_info info;
	struct kallsyms ks;
	struct ksymres_sym res;
	uint64_t addr;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ksr_info(fd, &info));
	if (!(info.features & KSYMRES_FEAT_TOMBSTONES))
		SKIP(return, "this kernel gives ksymres no tombstones");
	ASSERT_EQ(0, testmod_load(MOD1));
	ASSERT_EQ(0, kallsyms_load(&ks));
	addr = kallsyms_find(&ks, "ksymres_testmod_exported", MOD1)->addr + 1;
	kallsyms_free(&ks);
	ASSERT_EQ(0, testmod_unload(MOD1));

	ASSERT_EQ(0, ksr_resolve(fd, &addr, 1, &res, strtab, sizeof(strtab),
				 NULL));
	ASSERT_TRUE(res.flags & KSYMRES_SYM_FOUND);
	EXPECT_TRUE(res.flags & KSYMRES_SYM_GONE);
	EXPECT_STREQ("ksymres_testmod_exported", strtab + res.name_off);
	EXPECT_STREQ(MOD1, strtab + res.module_off);
	EXPECT_EQ(1, res.offset);
	close(fd);
}

TEST(init_code_resolves_flagged_gone_after_init)
{
	int fd = open(KSR_DEV, O_RDWR);
	struct ksymres_sym res[2];
	struct ksymres_lookup l;
	uint64_t addr;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, testmod_load(MOD1));
	/* kallsyms has dropped init symbols by now; ksymres kept them. */
	ASSERT_EQ(0, ksr_lookup1(fd, MOD1 ":ksymres_testmod_init_fn", res, 2,
				 strtab, sizeof(strtab), &l));
	ASSERT_EQ(1, l.nr_results);
	EXPECT_TRUE(res[0].flags & KSYMRES_SYM_INIT);
	EXPECT_TRUE(res[0].flags & KSYMRES_SYM_GONE);
	addr = res[0].start + 2;
	ASSERT_EQ(0, ksr_resolve(fd, &addr, 1, res, strtab, sizeof(strtab),
				 NULL));
	ASSERT_TRUE(res[0].flags & KSYMRES_SYM_FOUND);
	EXPECT_STREQ("ksymres_testmod_init_fn", strtab + res[0].name_off);
	EXPECT_TRUE(res[0].flags & KSYMRES_SYM_GONE);
	EXPECT_EQ(2, res[0].offset);
	EXPECT_EQ(0, testmod_unload(MOD1));
	close(fd);
}

/* Readers while a module comes and goes: only documented outcomes. */
struct reader {
	int fd;
	volatile bool *stop;
	const struct kallsyms *ks;
	long calls, unexpected, stale;
	int last_error;
};

static void *reader_thread(void *arg)
{
	static __thread struct ksymres_sym res[64];
	static __thread char tab[1 << 14];
	struct reader *r = arg;
	unsigned int seed = (unsigned int)(uintptr_t)r;
	uint64_t addrs[64];

	while (!*r->stop) {
		struct ksymres_dump d = {
			.size = sizeof(d),
			.results = (uintptr_t)res,
			.max_results = 64,
			.strtab = (uintptr_t)tab,
			.strtab_size = sizeof(tab),
			.sym_size = sizeof(res[0]),
		};
		int i, ret;

		for (i = 0; i < 64; i++)
			addrs[i] = r->ks->syms[rand_r(&seed) % r->ks->nr].addr + 1;
		ret = ksr_resolve(r->fd, addrs, 64, res, tab, sizeof(tab), NULL);
		r->calls++;
		if (ret) {
			r->unexpected++;
			r->last_error = ret;
		}
		for (i = 0; i < 40 && !*r->stop; i++) {
			ret = ksr_ioctl(r->fd, KSYMRES_IOC_DUMP, &d);
			r->calls++;
			if (ret == -ESTALE) {
				r->stale++;
				d.cursor = 0;
				d.generation = 0;
			} else if (ret) {
				r->unexpected++;
				r->last_error = ret;
			} else if (d.cursor == KSYMRES_DUMP_END) {
				break;
			}
		}
	}
	return NULL;
}

TEST(readers_are_safe_while_a_module_comes_and_goes)
{
	volatile bool stop = false;
	struct reader readers[2];
	pthread_t threads[2];
	struct kallsyms ks;
	int i, rounds = 0;
	time_t end = time(NULL) + 8;

	ASSERT_EQ(0, kallsyms_load(&ks));
	for (i = 0; i < 2; i++) {
		readers[i] = (struct reader){ .stop = &stop, .ks = &ks };
		readers[i].fd = open(KSR_DEV, O_RDWR);
		ASSERT_LE(0, readers[i].fd);
		ASSERT_EQ(0, pthread_create(&threads[i], NULL, reader_thread,
					    &readers[i]));
	}
	while (rounds < 20 && time(NULL) < end) {
		ASSERT_EQ(0, testmod_load(MOD1));
		ASSERT_EQ(0, testmod_unload(MOD1));
		rounds++;
	}
	stop = true;
	for (i = 0; i < 2; i++) {
		pthread_join(threads[i], NULL);
		TH_LOG("reader %d: %ld calls, %ld ESTALE restarts", i,
		       readers[i].calls, readers[i].stale);
		EXPECT_EQ(0, readers[i].unexpected)
			TH_LOG("last error %d", readers[i].last_error);
		close(readers[i].fd);
	}
	TH_LOG("%d load/unload rounds", rounds);
	EXPECT_LT(0, rounds);
	kallsyms_free(&ks);
}

TEST_HARNESS_MAIN
