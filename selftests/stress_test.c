// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stress: threads call every ioctl (resolve, lookup, dump, modules, info)
 * and poll() in a loop while the test modules are loaded and unloaded in
 * a loop, in rounds; between rounds every file is closed and ksymres
 * itself is removed and inserted again. Answers are checked where they
 * are known (a vmlinux function resolves to itself), every error must be
 * one the ABI allows for the call, and the run is bounded in time and in
 * rounds. The debug kernel judges the rest (KASAN, lockdep, kmemleak).
 *
 * KSYMRES_STRESS_THREADS (4), KSYMRES_STRESS_ROUNDS (3) and
 * KSYMRES_STRESS_SECONDS (per round, 5) size the run; KSYMRES_KO is the
 * module to insert again (/ksymres/ksymres.ko).
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <time.h>

#include "ksymres_util.h"

#define MOD1 "ksymres_testmod"
#define MOD2 "ksymres_testmod2"
#define BATCH 64

enum op { OP_RESOLVE, OP_LOOKUP, OP_DUMP, OP_MODULES, OP_INFO, OP_POLL, NR_OPS };
static const char *const op_name[NR_OPS] = {
	"resolve", "lookup", "dump", "modules", "info", "poll",
};

struct worker {
	pthread_t thread;
	volatile bool *stop;
	const uint64_t *text;	/* vmlinux function addresses */
	const char *const *names;
	size_t nr_text, nr_names;
	unsigned int seed;
	long calls[NR_OPS];
	long wrong, unexpected;
	int last_error;
	enum op last_op;
};

static unsigned long env_ulong(const char *name, unsigned long def)
{
	const char *s = getenv(name);

	return s && *s ? strtoul(s, NULL, 0) : def;
}

static void fail_call(struct worker *w, enum op op, int err)
{
	w->unexpected++;
	w->last_error = err;
	w->last_op = op;
}

static void do_resolve(struct worker *w, int fd, struct ksymres_sym *res,
		       char *tab, size_t tab_size)
{
	uint64_t addrs[BATCH];
	size_t pick[BATCH];
	int i, ret;

	for (i = 0; i < BATCH; i++) {
		pick[i] = rand_r(&w->seed) % w->nr_text;
		addrs[i] = w->text[pick[i]];
	}
	/* module space: the test modules come and go there */
	addrs[0] = 0xffffffffc0000000ULL + (rand_r(&w->seed) % (64 << 20));
	ret = ksr_resolve(fd, addrs, BATCH, res, tab, tab_size, NULL);
	if (ret) {
		fail_call(w, OP_RESOLVE, ret);
		return;
	}
	for (i = 1; i < BATCH; i++)
		if (!(res[i].flags & KSYMRES_SYM_FOUND) ||
		    res[i].start != addrs[i] || res[i].offset)
			w->wrong++;
}

static void do_lookup(struct worker *w, int fd, struct ksymres_sym *res,
		      char *tab, size_t tab_size)
{
	static const char *const extra[] = {
		"ksymres_testmod_dup", MOD1 ":ksymres_testmod_exported",
		"no_such_symbol_at_all", "vmlinux:schedule",
	};
	const char *name;
	uint32_t r = rand_r(&w->seed);
	int ret;

	if (r % 4 == 0)
		name = extra[(r / 4) % 4];
	else
		name = w->names[r % w->nr_names];
	ret = ksr_lookup1(fd, name, res, BATCH, tab, tab_size, NULL);
	if (ret && ret != -EMSGSIZE)
		fail_call(w, OP_LOOKUP, ret);
}

static void do_dump(struct worker *w, int fd, struct ksymres_dump *d,
		    struct ksymres_sym *res, char *tab, size_t tab_size)
{
	int ret;

	d->size = sizeof(*d);
	d->results = (uintptr_t)res;
	d->max_results = BATCH;
	d->strtab = (uintptr_t)tab;
	d->strtab_size = tab_size;
	d->sym_size = sizeof(*res);
	ret = ksr_ioctl(fd, KSYMRES_IOC_DUMP, d);
	if (ret && ret != -ESTALE)
		fail_call(w, OP_DUMP, ret);
	if (ret || d->cursor == KSYMRES_DUMP_END) {
		d->cursor = 0;
		d->generation = 0;
	}
}

static void do_modules(struct worker *w, int fd)
{
	struct ksymres_module mods[64];
	struct ksymres_modules m = {
		.size = sizeof(m),
		.modules = (uintptr_t)mods,
		.max_modules = 64,
		.module_size = sizeof(mods[0]),
	};
	int ret = ksr_ioctl(fd, KSYMRES_IOC_MODULES, &m);

	if (ret)
		fail_call(w, OP_MODULES, ret);
}

static void do_info(struct worker *w, int fd)
{
	struct ksymres_info info;
	int ret = ksr_info(fd, &info);

	if (ret)
		fail_call(w, OP_INFO, ret);
	else if (info.abi_version != KSYMRES_ABI_VERSION)
		w->wrong++;
}

static void do_poll(struct worker *w, int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, 0) < 0)
		fail_call(w, OP_POLL, -errno);
	else if (p.revents & ~(POLLIN | POLLRDNORM))
		w->wrong++;
}

static void *worker_main(void *arg)
{
	static __thread struct ksymres_sym res[BATCH];
	static __thread char tab[1 << 15];
	struct ksymres_dump d = { 0 };
	struct worker *w = arg;
	int fd = open(KSR_DEV, O_RDWR);

	if (fd < 0) {
		fail_call(w, NR_OPS, -errno);
		return NULL;
	}
	while (!*w->stop) {
		enum op op = rand_r(&w->seed) % NR_OPS;

		switch (op) {
		case OP_RESOLVE:
			do_resolve(w, fd, res, tab, sizeof(tab));
			break;
		case OP_LOOKUP:
			do_lookup(w, fd, res, tab, sizeof(tab));
			break;
		case OP_DUMP:
			do_dump(w, fd, &d, res, tab, sizeof(tab));
			break;
		case OP_MODULES:
			do_modules(w, fd);
			break;
		case OP_INFO:
			do_info(w, fd);
			break;
		default:
			do_poll(w, fd);
			break;
		}
		w->calls[op]++;
	}
	close(fd);
	return NULL;
}

/* Unique vmlinux function addresses and a sample of names, from kallsyms. */
static size_t pick_text(const struct kallsyms *ks, uint64_t *text)
{
	size_t i, n = 0;

	for (i = 0; i < ks->nr_vmlinux; i++) {
		char t = ks->syms[i].type;

		if ((t != 't' && t != 'T') || (n && text[n - 1] == ks->syms[i].addr))
			continue;
		/* skip a symbol that shares its address with the next one */
		if (i + 1 < ks->nr_vmlinux && ks->syms[i + 1].addr == ks->syms[i].addr)
			continue;
		text[n++] = ks->syms[i].addr;
	}
	return n;
}

FIXTURE(stress) {
	struct kallsyms ks;
	uint64_t *text;
	const char **names;
	size_t nr_text, nr_names;
};

FIXTURE_SETUP(stress)
{
	size_t i;

	ASSERT_EQ(0, kallsyms_load(&self->ks));
	self->text = calloc(self->ks.nr_vmlinux, sizeof(*self->text));
	self->names = calloc(self->ks.nr, sizeof(*self->names));
	ASSERT_NE(NULL, self->text);
	ASSERT_NE(NULL, self->names);
	self->nr_text = pick_text(&self->ks, self->text);
	ASSERT_LT(0, self->nr_text);
	for (i = 0; i < self->ks.nr; i += 7)
		self->names[self->nr_names++] = self->ks.syms[i].name;
}

FIXTURE_TEARDOWN(stress)
{
	testmod_unload(MOD2);
	testmod_unload(MOD1);
	/* the tests after this one need ksymres back */
	if (!module_present("ksymres"))
		module_insert(ksymres_ko_path());
	free(self->text);
	free(self->names);
	kallsyms_free(&self->ks);
}

TEST_F_TIMEOUT(stress, every_ioctl_while_modules_and_ksymres_come_and_go, 900)
{
	unsigned long nr_threads = env_ulong("KSYMRES_STRESS_THREADS", 4);
	unsigned long nr_rounds = env_ulong("KSYMRES_STRESS_ROUNDS", 3);
	unsigned long seconds = env_ulong("KSYMRES_STRESS_SECONDS", 5);
	long total[NR_OPS] = { 0 }, all = 0, loads = 0, reloads = 0, busy = 0;
	struct timespec t0, t1;
	struct worker *w;
	unsigned long r, i;
	int op;

	ASSERT_LT(0, nr_threads);
	w = calloc(nr_threads, sizeof(*w));
	ASSERT_NE(NULL, w);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (r = 0; r < nr_rounds; r++) {
		volatile bool stop = false;
		time_t end = time(NULL) + seconds;
		int fd;

		for (i = 0; i < nr_threads; i++) {
			long calls[NR_OPS];

			memcpy(calls, w[i].calls, sizeof(calls));
			w[i] = (struct worker){
				.stop = &stop, .text = self->text,
				.nr_text = self->nr_text, .names = self->names,
				.nr_names = self->nr_names,
				.seed = (unsigned int)(r * 131 + i + 1),
				.wrong = w[i].wrong,
				.unexpected = w[i].unexpected,
			};
			memcpy(w[i].calls, calls, sizeof(calls));
			ASSERT_EQ(0, pthread_create(&w[i].thread, NULL,
						    worker_main, &w[i]));
		}
		while (time(NULL) < end) {
			ASSERT_EQ(0, testmod_load(MOD1));
			ASSERT_EQ(0, testmod_load(MOD2));
			ASSERT_EQ(0, testmod_unload(MOD1));
			ASSERT_EQ(0, testmod_unload(MOD2));
			loads += 2;
		}
		/* an open file holds ksymres: removing it now must fail */
		fd = open(KSR_DEV, O_RDWR);
		ASSERT_LE(0, fd);
		EXPECT_EQ(-EWOULDBLOCK, testmod_unload("ksymres"));
		busy++;
		stop = true;
		for (i = 0; i < nr_threads; i++)
			pthread_join(w[i].thread, NULL);
		close(fd);
		/* every file is closed: ksymres goes and comes back */
		ASSERT_EQ(0, testmod_unload("ksymres"));
		ASSERT_EQ(-ENOENT, open(KSR_DEV, O_RDWR) < 0 ? -errno : 0);
		ASSERT_EQ(0, module_insert(ksymres_ko_path()));
		reloads++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	for (i = 0; i < nr_threads; i++) {
		for (op = 0; op < NR_OPS; op++)
			total[op] += w[i].calls[op];
		EXPECT_EQ(0, w[i].unexpected)
			TH_LOG("thread %lu: %s failed with %d", i,
			       w[i].last_op < NR_OPS ? op_name[w[i].last_op] : "open",
			       w[i].last_error);
		EXPECT_EQ(0, w[i].wrong) TH_LOG("thread %lu: wrong answers", i);
	}
	for (op = 0; op < NR_OPS; op++) {
		all += total[op];
		EXPECT_LT(0, total[op]) TH_LOG("no %s call made", op_name[op]);
	}
	ksft_print_msg("stress: %lu threads, %lu rounds, %.1f s: %ld operations (resolve %ld, lookup %ld, dump %ld, modules %ld, info %ld, poll %ld), %ld test module loads, %ld ksymres reloads, %ld refused while open\n",
		       nr_threads, nr_rounds,
		       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
		       all, total[OP_RESOLVE], total[OP_LOOKUP], total[OP_DUMP],
		       total[OP_MODULES], total[OP_INFO], total[OP_POLL], loads,
		       reloads, busy);
	free(w);
}

TEST_HARNESS_MAIN
