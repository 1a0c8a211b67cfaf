// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault injection: every allocation on the way of a call fails once, in
 * turn (/proc/thread-self/fail-nth, failslab and fail_page_alloc also for
 * sleeping allocations), for each ioctl that allocates, for loading a
 * module while ksymres watches, and for inserting ksymres itself. After
 * each injected failure the call has either succeeded with the same answer
 * as without it (a fallback absorbed the failure) or failed with ENOMEM
 * having written nothing to user memory, and the same call made again
 * gives the same answer. Kernel memory left behind is kmemleak's to find
 * (the VM runner scans after the run).
 *
 * Needs CONFIG_FAULT_INJECTION, CONFIG_FAILSLAB, CONFIG_FAIL_PAGE_ALLOC
 * and their debugfs files: the debug kernel has them, the stock one does
 * not (the tests skip there). An allocation failure of the kernel's own
 * makes it log a stack dump (warn_alloc); the tests mark the stretch of
 * kernel log where they inject, and the runner accepts such dumps there
 * and nothing else.
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include "ksymres_util.h"

#define MOD1 "ksymres_testmod"
#define NR_ADDRS 100
#define NR_RESULTS 256
#define STRTAB 65536
#define POISON 0xcc

static const char *const attrs[][2] = {
	{ "failslab/ignore-gfp-wait", "N" },
	{ "failslab/verbose", "0" },
	{ "fail_page_alloc/ignore-gfp-wait", "N" },
	{ "fail_page_alloc/ignore-gfp-highmem", "N" },
	{ "fail_page_alloc/min-order", "0" },
	{ "fail_page_alloc/verbose", "0" },
};
#define NR_ATTRS (sizeof(attrs) / sizeof(attrs[0]))
#define DEBUGFS "/sys/kernel/debug/"

struct inject_stats {
	long points;	/* allocations made to fail */
	long delivered;	/* ... that the caller saw as ENOMEM */
	long absorbed;	/* ... that a fallback absorbed: same answer */
};

static void kmsg(const char *what)
{
	write_file("/dev/kmsg", what);
}

/* Fail the @n-th fault-injectable call of this thread from now on. */
static int nth_arm(int nth, unsigned int n)
{
	char b[16];
	int len = snprintf(b, sizeof(b), "%u", n);

	return pwrite(nth, b, len, 0) == len ? 0 : -errno;
}

/* 0 if the armed failure was injected; disarms. */
static long nth_left(int nth)
{
	char b[16] = "";
	long left = pread(nth, b, sizeof(b) - 1, 0) > 0 ? atol(b) : -1;

	nth_arm(nth, 0);
	return left;
}

FIXTURE(inject) {
	const char *no_injection;	/* why the tests skip */
	int nth;
	int fd;
	char saved[NR_ATTRS][32];
	struct kallsyms ks;
	uint64_t addrs[NR_ADDRS];
	struct ksymres_sym *res, *base_res;
	char *tab, *base_tab;
	uint32_t counts[8], base_counts[8];
	struct ksymres_module *mods, *base_mods;
};

FIXTURE_SETUP(inject)
{
	char path[128];
	size_t i, n;

	self->fd = -1;
	self->nth = open("/proc/thread-self/fail-nth", O_RDWR);
	if (self->nth < 0) {
		self->no_injection = "no /proc/thread-self/fail-nth: kernel without CONFIG_FAULT_INJECTION";
		return;
	}
	if (access(DEBUGFS "failslab", F_OK) || access(DEBUGFS "fail_page_alloc", F_OK)) {
		self->no_injection = "no failslab or fail_page_alloc in debugfs";
		close(self->nth);
		self->nth = -1;
		return;
	}
	for (i = 0; i < NR_ATTRS; i++) {
		snprintf(path, sizeof(path), DEBUGFS "%s", attrs[i][0]);
		ASSERT_EQ(0, read_file(path, self->saved[i], sizeof(self->saved[i])));
		ASSERT_EQ(0, write_file(path, attrs[i][1])) TH_LOG("%s", path);
	}
	kmsg("ksymres-test: injected allocation failures: begin");
	self->fd = open(KSR_DEV, O_RDWR);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, kallsyms_load(&self->ks));
	/* functions spread over vmlinux, and one address past everything */
	for (i = 0, n = 0; i < self->ks.nr_vmlinux && n < NR_ADDRS - 1;
	     i += self->ks.nr_vmlinux / NR_ADDRS + 1)
		self->addrs[n++] = self->ks.syms[i].addr + 1;
	self->addrs[n] = ~0ULL;
	self->res = calloc(NR_RESULTS, sizeof(*self->res));
	self->base_res = calloc(NR_RESULTS, sizeof(*self->res));
	self->tab = malloc(STRTAB);
	self->base_tab = malloc(STRTAB);
	self->mods = calloc(NR_RESULTS, sizeof(*self->mods));
	self->base_mods = calloc(NR_RESULTS, sizeof(*self->mods));
	ASSERT_TRUE(self->res && self->base_res && self->tab && self->base_tab &&
		    self->mods && self->base_mods);
}

FIXTURE_TEARDOWN(inject)
{
	char path[128];
	size_t i;

	if (self->nth < 0)
		return;
	nth_arm(self->nth, 0);
	close(self->nth);
	for (i = 0; i < NR_ATTRS; i++) {
		snprintf(path, sizeof(path), DEBUGFS "%s", attrs[i][0]);
		if (self->saved[i][0])
			write_file(path, self->saved[i]);
	}
	kmsg("ksymres-test: injected allocation failures: end");
	if (self->fd >= 0)
		close(self->fd);
	/* the tests after this one need ksymres back */
	if (!module_present("ksymres"))
		module_insert(ksymres_ko_path());
	free(self->res);
	free(self->base_res);
	free(self->tab);
	free(self->base_tab);
	free(self->mods);
	free(self->base_mods);
	kallsyms_free(&self->ks);
}

static void poison(FIXTURE_DATA(inject) *self)
{
	memset(self->res, POISON, NR_RESULTS * sizeof(*self->res));
	memset(self->tab, POISON, STRTAB);
	memset(self->counts, POISON, sizeof(self->counts));
	memset(self->mods, POISON, NR_RESULTS * sizeof(*self->mods));
}

static bool untouched(const void *p, size_t len)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i] != POISON)
			return false;
	return true;
}

static bool all_untouched(FIXTURE_DATA(inject) *self)
{
	return untouched(self->res, NR_RESULTS * sizeof(*self->res)) &&
	       untouched(self->tab, STRTAB) &&
	       untouched(self->counts, sizeof(self->counts)) &&
	       untouched(self->mods, NR_RESULTS * sizeof(*self->mods));
}

static bool same_answer(FIXTURE_DATA(inject) *self)
{
	return !memcmp(self->res, self->base_res, NR_RESULTS * sizeof(*self->res)) &&
	       !memcmp(self->tab, self->base_tab, STRTAB) &&
	       !memcmp(self->counts, self->base_counts, sizeof(self->counts)) &&
	       !memcmp(self->mods, self->base_mods, NR_RESULTS * sizeof(*self->mods));
}

static void save_answer(FIXTURE_DATA(inject) *self)
{
	memcpy(self->base_res, self->res, NR_RESULTS * sizeof(*self->res));
	memcpy(self->base_tab, self->tab, STRTAB);
	memcpy(self->base_counts, self->counts, sizeof(self->counts));
	memcpy(self->base_mods, self->mods, NR_RESULTS * sizeof(*self->mods));
}

/* The harness of 6.1 runs a test whose setup skipped: skip it here. */
#define REQUIRE_INJECTION()						\
	do {								\
		if (self->no_injection)					\
			SKIP(return, "%s", self->no_injection);		\
	} while (0)

typedef int (*ioctl_call)(FIXTURE_DATA(inject) *self);

static int call_resolve(FIXTURE_DATA(inject) *self)
{
	return ksr_resolve(self->fd, self->addrs, NR_ADDRS, self->res, self->tab,
			   STRTAB, NULL);
}

/* A name with no match first: its count must not be written on ENOMEM. */
static const char lookup_names[] = "ksymres_no_such_symbol\0schedule\0"
				   "vmlinux:printk\0" "kfree\0";

static int call_lookup(FIXTURE_DATA(inject) *self)
{
	struct ksymres_lookup l = {
		.size = sizeof(l),
		.count = 4,
		.names_size = sizeof(lookup_names) - 1,	/* the last NUL is C's */
		.names = (uintptr_t)lookup_names,
		.counts = (uintptr_t)self->counts,
		.results = (uintptr_t)self->res,
		.max_results = NR_RESULTS,
		.strtab = (uintptr_t)self->tab,
		.strtab_size = STRTAB,
		.sym_size = sizeof(*self->res),
	};

	return ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &l);
}

static int call_dump(FIXTURE_DATA(inject) *self)
{
	struct ksymres_dump d = {
		.size = sizeof(d),
		.results = (uintptr_t)self->res,
		.max_results = NR_RESULTS,
		.strtab = (uintptr_t)self->tab,
		.strtab_size = STRTAB,
		.sym_size = sizeof(*self->res),
	};

	return ksr_ioctl(self->fd, KSYMRES_IOC_DUMP, &d);
}

static int call_modules(FIXTURE_DATA(inject) *self)
{
	struct ksymres_modules m = {
		.size = sizeof(m),
		.modules = (uintptr_t)self->mods,
		.max_modules = NR_RESULTS,
		.module_size = sizeof(*self->mods),
	};

	return ksr_ioctl(self->fd, KSYMRES_IOC_MODULES, &m);
}

static void inject_ioctl(struct __test_metadata *_metadata,
			 FIXTURE_DATA(inject) *self, const char *what,
			 ioctl_call call)
{
	struct inject_stats st = { 0 };
	unsigned int n;
	long left;
	int ret;

	poison(self);
	ASSERT_EQ(0, call(self));
	save_answer(self);
	for (n = 1; n < 100000; n++) {
		poison(self);
		ASSERT_EQ(0, nth_arm(self->nth, n));
		ret = call(self);
		left = nth_left(self->nth);
		if (left)
			break;	/* the call made fewer than n allocations */
		st.points++;
		if (!ret) {
			st.absorbed++;
			EXPECT_TRUE(same_answer(self))
				TH_LOG("%s: failure %u absorbed, answer differs", what, n);
			continue;
		}
		st.delivered++;
		EXPECT_EQ(-ENOMEM, ret) TH_LOG("%s: failure %u", what, n);
		EXPECT_TRUE(all_untouched(self))
			TH_LOG("%s: failure %u: user memory written", what, n);
		poison(self);
		ASSERT_EQ(0, call(self));
		EXPECT_TRUE(same_answer(self))
			TH_LOG("%s: after failure %u, the answer changed", what, n);
	}
	ksft_print_msg("fault injection: %s: %ld points, %ld ENOMEM, %ld absorbed\n",
		       what, st.points, st.delivered, st.absorbed);
	EXPECT_LT(0, st.points);
}

TEST_F_TIMEOUT(inject, every_resolve_allocation_failure_is_clean, 300)
{
	REQUIRE_INJECTION();
	inject_ioctl(_metadata, self, "resolve", call_resolve);
}

TEST_F_TIMEOUT(inject, every_lookup_allocation_failure_is_clean, 300)
{
	REQUIRE_INJECTION();
	inject_ioctl(_metadata, self, "lookup", call_lookup);
}

TEST_F_TIMEOUT(inject, every_dump_allocation_failure_is_clean, 300)
{
	REQUIRE_INJECTION();
	inject_ioctl(_metadata, self, "dump", call_dump);
}

TEST_F_TIMEOUT(inject, every_modules_allocation_failure_is_clean, 300)
{
	REQUIRE_INJECTION();
	inject_ioctl(_metadata, self, "modules", call_modules);
}

/* finit_module() with the n-th allocation failing; *left as nth_left(). */
static int insert_failing(int nth, const char *path, unsigned int n, long *left)
{
	int fd = open(path, O_RDONLY);
	int ret;

	if (fd < 0)
		return -errno;
	ret = nth_arm(nth, n);
	if (!ret) {
		/* the only system call made while armed */
		ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
		*left = nth_left(nth);
	}
	close(fd);
	return ret;
}

/* How many symbols of MOD1 ksymres answers for, -errno on error. */
static int testmod_known(int fd)
{
	struct ksymres_sym res[4];
	char tab[4096];
	struct ksymres_lookup l;
	int ret = ksr_lookup1(fd, MOD1 ":ksymres_testmod_exported", res, 4,
			      tab, sizeof(tab), &l);

	return ret ? ret : (int)l.nr_results;
}

/*
 * A module is loaded while every allocation in turn fails: ksymres either
 * knows the module or the load fails; never a loaded module that ksymres
 * does not know.
 */
TEST_F_TIMEOUT(inject, a_module_load_failure_leaves_ksymres_consistent, 1200)
{
	struct inject_stats st = { 0 };
	char path[512];
	unsigned int n;
	long left;
	int ret;

	REQUIRE_INJECTION();
	testmod_path(MOD1, path, sizeof(path));
	ASSERT_FALSE(module_present(MOD1));
	for (n = 1; n < 100000; n++) {
		left = -1;
		ret = insert_failing(self->nth, path, n, &left);
		ASSERT_LE(0, left) TH_LOG("%s: %d", path, ret);
		if (left)
			break;
		st.points++;
		if (!ret) {
			st.absorbed++;
			EXPECT_EQ(1, testmod_known(self->fd))
				TH_LOG("failure %u: loaded, unknown to ksymres", n);
			ASSERT_EQ(0, testmod_unload(MOD1));
			continue;
		}
		st.delivered++;
		EXPECT_EQ(-ENOMEM, ret) TH_LOG("failure %u", n);
		EXPECT_FALSE(module_present(MOD1)) TH_LOG("failure %u", n);
		EXPECT_EQ(0, testmod_known(self->fd)) TH_LOG("failure %u", n);
	}
	if (ret == 0) {
		EXPECT_EQ(1, testmod_known(self->fd));
		EXPECT_EQ(0, testmod_unload(MOD1));
	}
	ksft_print_msg("fault injection: module load: %ld points, %ld failed loads, %ld loads that succeeded\n",
		       st.points, st.delivered, st.absorbed);
	EXPECT_LT(0, st.points);
}

/* What must not depend on how the module got loaded. */
static int info_of_loaded(struct ksymres_info *info)
{
	int fd = open(KSR_DEV, O_RDWR);
	int ret;

	if (fd < 0)
		return -errno;
	ret = ksr_info(fd, info);
	close(fd);
	return ret;
}

/*
 * ksymres itself is inserted while every allocation in turn fails: it
 * either fails to load with ENOMEM or loads with every feature it has
 * without the failure, never degraded.
 */
TEST_F_TIMEOUT(inject, every_insmod_allocation_failure_is_clean, 1800)
{
	struct inject_stats st = { 0 };
	struct ksymres_info base, info;
	unsigned int n;
	long left;
	int ret;

	REQUIRE_INJECTION();
	ASSERT_EQ(0, ksr_info(self->fd, &base));
	close(self->fd);
	self->fd = -1;
	ASSERT_EQ(0, testmod_unload("ksymres"));
	for (n = 1; n < 100000; n++) {
		left = -1;
		ret = insert_failing(self->nth, ksymres_ko_path(), n, &left);
		ASSERT_LE(0, left) TH_LOG("%s: %d", ksymres_ko_path(), ret);
		if (left)
			break;
		st.points++;
		if (!ret) {
			st.absorbed++;
			ASSERT_EQ(0, info_of_loaded(&info));
			EXPECT_EQ(base.features, info.features) TH_LOG("failure %u", n);
			EXPECT_EQ(base.nr_vmlinux_syms, info.nr_vmlinux_syms)
				TH_LOG("failure %u", n);
			EXPECT_EQ(base.nr_modules, info.nr_modules) TH_LOG("failure %u", n);
			ASSERT_EQ(0, testmod_unload("ksymres"));
			continue;
		}
		st.delivered++;
		EXPECT_EQ(-ENOMEM, ret) TH_LOG("failure %u", n);
		EXPECT_FALSE(module_present("ksymres")) TH_LOG("failure %u", n);
	}
	/* the last call was made without a failure and loaded ksymres */
	ASSERT_EQ(0, ret);
	ASSERT_EQ(0, info_of_loaded(&info));
	EXPECT_EQ(base.features, info.features);
	EXPECT_EQ(base.nr_vmlinux_syms, info.nr_vmlinux_syms);
	ksft_print_msg("fault injection: insmod ksymres: %ld points, %ld failed loads, %ld loads that succeeded\n",
		       st.points, st.delivered, st.absorbed);
	EXPECT_LT(0, st.points);
}

TEST_HARNESS_MAIN
