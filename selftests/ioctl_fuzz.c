// SPDX-License-Identifier: GPL-2.0-only
/*
 * A seeded ioctl fuzzer for /dev/ksymres: random commands (valid ones,
 * ksymres's type with other numbers, directions and sizes, other types),
 * struct sizes, flags, counts, element sizes, strings and pointers (a
 * valid buffer, NULL, unmapped, read-only, straddling the end of a page
 * into an unmapped one, a kernel address). Every call must come back with
 * success or one of the errors the ABI documents; the kernel must not
 * oops, warn, leak or hang (the VM runner judges that from its log), and
 * a known answer is checked every few thousand calls so that a call that
 * corrupted the module's state is caught near where it happened.
 *
 *   ioctl_fuzz [CALLS [SEED]]    or KSYMRES_FUZZ_CALLS, KSYMRES_FUZZ_SEED
 *
 * CALLS defaults to 100000; the seed, printed first, defaults to the time.
 * The same seed and CALLS replay the same calls.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <time.h>

#include "ksymres_util.h"

#define PAGE 4096UL
#define ARENA_PAGES 64
#define CHECK_EVERY 4096

static uint64_t rng_state;

/* splitmix64: tiny, fast, and every seed gives a full-period stream */
static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static bool one_in(uint32_t n)
{
	return below(n) == 0;
}

/*
 * Memory to point at: a read-write arena, a read-only page, an unmapped
 * page, and a read-write page followed by an unmapped one.
 */
struct mem {
	unsigned char *arena;	/* ARENA_PAGES read-write pages */
	unsigned char *ro;	/* one read-only page */
	unsigned char *hole;	/* one unmapped page */
	unsigned char *edge;	/* read-write page; the next is unmapped */
	unsigned char *big;	/* a large read-write area (big batches) */
	size_t big_size;
};

static int mem_init(struct mem *m)
{
	unsigned char *p = mmap(NULL, (ARENA_PAGES + 4) * PAGE,
				PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -errno;
	m->arena = p;
	m->ro = p + ARENA_PAGES * PAGE;
	m->hole = m->ro + PAGE;
	m->edge = m->hole + PAGE;
	memset(m->arena, 0, ARENA_PAGES * PAGE);
	memset(m->ro, 0, PAGE);
	if (mprotect(m->ro, PAGE, PROT_READ) ||
	    munmap(m->hole, PAGE) || munmap(m->edge + PAGE, PAGE))
		return -errno;
	m->big_size = 8UL << 20;
	m->big = mmap(NULL, m->big_size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return m->big == MAP_FAILED ? -errno : 0;
}

/* A pointer to @len bytes of some kind of memory (may not hold them). */
static uint64_t pointer(struct mem *m, size_t len)
{
	switch (below(16)) {
	case 0:
		return 0;
	case 1:
		return (uintptr_t)m->hole + below(PAGE);
	case 2:
		return (uintptr_t)m->ro + below(PAGE);
	case 3:	/* the buffer runs off the end of a page */
		return (uintptr_t)m->edge + PAGE - (len ? 1 + below(len) : 0);
	case 4:
		return 0xffffffff81000000ULL + below(1 << 24);
	case 5:
		return rnd();
	case 6:
	case 7:
		return (uintptr_t)m->big + (len < m->big_size ?
					    below(m->big_size - len) & ~7UL : 0);
	default:
		return (uintptr_t)m->arena + (len < ARENA_PAGES * PAGE ?
					      below(ARENA_PAGES * PAGE - len) : 0);
	}
}

/*
 * A count: mostly small; at and around the limits sometimes, the full
 * limit (a long call) rarely, so that a run stays bounded in time.
 */
static uint32_t count(uint32_t max)
{
	uint32_t r = below(256);

	if (r < 12)
		return 0;
	if (r < 24)
		return max + 1 + below(4);
	if (r < 36)
		return rnd() | 1U << 31;
	if (r == 36)
		return max;
	if (r < 64)
		return below(4096);
	return 1 + below(64);
}

/* A struct size: the right one mostly, or too small, larger, silly. */
static uint32_t struct_size(uint32_t size)
{
	switch (below(12)) {
	case 0:
		return below(size);
	case 1:
		return size + 1 + below(64);
	case 2:
		return PAGE + below(2);
	case 3:
		return rnd();
	default:
		return size;
	}
}

static uint32_t flags(void)
{
	return one_in(8) ? (uint32_t)rnd() | (1U << below(32)) : 0;
}

static uint32_t elem_size(uint32_t size)
{
	switch (below(10)) {
	case 0:
		return below(size);
	case 1:
		return size + below(128);
	case 2:
		return rnd();
	case 3:
		return PAGE + 1;
	default:
		return size;
	}
}

/* Addresses to resolve: kernel text, module space, anything. */
static void fill_addrs(uint64_t *a, size_t n, const struct kallsyms *ks)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (below(4)) {
		case 0:
			a[i] = rnd();
			break;
		case 1:
			a[i] = 0xffffffffc0000000ULL + below(1 << 28);
			break;
		default:
			a[i] = ks->syms[below(ks->nr)].addr + below(256);
			break;
		}
	}
}

/* Names for lookup, back to back; returns the bytes used. */
static size_t fill_names(char *buf, size_t cap, uint32_t nr,
			 const struct kallsyms *ks)
{
	size_t used = 0;
	uint32_t i;

	for (i = 0; i < nr && used < cap; i++) {
		const struct ksym *k = &ks->syms[below(ks->nr)];
		size_t room = cap - used, len, j;
		char *p = buf + used;

		switch (below(8)) {
		case 0:	/* random bytes, NUL or not */
			len = below(room < 600 ? room : 600);
			for (j = 0; j < len; j++)
				p[j] = rnd();
			used += len;
			continue;
		case 1:	/* longer than any name */
			len = room < 700 ? room : 700;
			memset(p, 'a', len);
			if (one_in(2) && len)
				p[len - 1] = '\0';
			used += len;
			continue;
		case 2:
			len = snprintf(p, room, "%s:%s",
				       k->module[0] ? k->module : "vmlinux",
				       k->name);
			break;
		case 3:
			len = snprintf(p, room, "%s", one_in(2) ? ":" : "mod:");
			break;
		default:
			len = snprintf(p, room, "%s", k->name);
			break;
		}
		used += len < room ? len + 1 : room;
	}
	return used;
}

static const int allowed[] = {
	0, ENOTTY, EINVAL, E2BIG, EFAULT, EMSGSIZE, ESTALE, EOPNOTSUPP,
	ENOMEM, EINTR,
};

static bool errno_allowed(int err)
{
	size_t i;

	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (allowed[i] == err)
			return true;
	return false;
}

/* The argument of one call, in the arena or at a chosen bad place. */
static void *arg_place(struct mem *m, size_t len)
{
	switch (below(24)) {
	case 0:
		return NULL;
	case 1:
		return m->hole;
	case 2:
		return m->ro;
	case 3:
		return m->edge + PAGE - (len > 1 ? 1 + below(len - 1) : 1);
	default:
		return m->edge + PAGE - len - below(64);
	}
}

struct fuzz {
	struct mem m;
	const struct kallsyms *ks;
	int fd;
	unsigned long hist[8];	/* 0, then errno classes */
};

/* Builds one argument for command number @nr; returns its size. */
static size_t build(struct fuzz *f, unsigned int nr, unsigned char *a)
{
	struct mem *m = &f->m;
	size_t len;

	memset(a, 0, 256);
	switch (nr) {
	case 0: {
		struct ksymres_info *i = (void *)a;

		i->size = struct_size(sizeof(*i));
		i->flags = flags();
		return sizeof(*i);
	}
	case 1: {
		struct ksymres_resolve *r = (void *)a;
		uint32_t n = count(KSYMRES_RESOLVE_MAX);
		size_t alen = (size_t)n * 8;

		r->size = struct_size(sizeof(*r));
		r->flags = flags();
		r->count = n;
		r->addrs = pointer(m, alen);
		fill_addrs((uint64_t *)m->big + below(m->big_size / 8 - 8), 8,
			   f->ks);
		r->sym_size = elem_size(sizeof(struct ksymres_sym));
		r->results = pointer(m, (size_t)n * sizeof(struct ksymres_sym));
		r->strtab_size = one_in(4) ? rnd() : below(1 << 16);
		r->strtab = pointer(m, r->strtab_size);
		return sizeof(*r);
	}
	case 2: {
		struct ksymres_lookup *l = (void *)a;
		uint32_t n = count(KSYMRES_LOOKUP_MAX);
		char *names = (char *)m->arena;

		len = fill_names(names, 8192, n < 64 ? n : 64, f->ks);
		l->size = struct_size(sizeof(*l));
		l->flags = flags();
		l->__reserved = one_in(16);
		l->count = n;
		l->names_size = one_in(6) ? count(KSYMRES_LOOKUP_NAMES_MAX) : len;
		l->names = one_in(6) ? pointer(m, l->names_size) : (uintptr_t)names;
		l->counts = one_in(2) ? 0 : pointer(m, n * 4UL);
		l->max_results = count(4096);
		l->sym_size = elem_size(sizeof(struct ksymres_sym));
		l->results = pointer(m, (size_t)l->max_results * sizeof(struct ksymres_sym));
		l->strtab_size = one_in(4) ? rnd() : below(1 << 16);
		l->strtab = pointer(m, l->strtab_size);
		return sizeof(*l);
	}
	case 3: {
		struct ksymres_dump *d = (void *)a;

		d->size = struct_size(sizeof(*d));
		d->flags = flags();
		d->__reserved = one_in(16);
		d->cursor = one_in(2) ? 0 : one_in(2) ? below(200000) : rnd();
		d->generation = one_in(2) ? 0 : rnd();
		d->max_results = count(KSYMRES_DUMP_MAX);
		if (d->max_results > 2048 && !one_in(32))
			d->max_results = 1 + below(2048);
		d->sym_size = elem_size(sizeof(struct ksymres_sym));
		d->results = pointer(m, (size_t)d->max_results * sizeof(struct ksymres_sym));
		d->strtab_size = one_in(4) ? rnd() : below(1 << 16);
		d->strtab = pointer(m, d->strtab_size);
		return sizeof(*d);
	}
	default: {
		struct ksymres_modules *mo = (void *)a;

		mo->size = struct_size(sizeof(*mo));
		mo->flags = flags();
		mo->__reserved = one_in(16);
		mo->max_modules = count(256);
		mo->module_size = elem_size(sizeof(struct ksymres_module));
		mo->modules = pointer(m, (size_t)mo->max_modules *
					 sizeof(struct ksymres_module));
		return sizeof(*mo);
	}
	}
}

static unsigned long command(unsigned int nr, size_t size)
{
	switch (below(16)) {
	case 0:		/* ksymres's type, any number */
		return _IOC(_IOC_READ | _IOC_WRITE, KSYMRES_TYPE, below(256), size);
	case 1:		/* another direction */
		return _IOC(below(4), KSYMRES_TYPE, nr, size);
	case 2:		/* another encoded size */
		return _IOC(_IOC_READ | _IOC_WRITE, KSYMRES_TYPE, nr, below(1 << 14));
	case 3:
		return (unsigned long)rnd();
	default:
		return _IOC(_IOC_READ | _IOC_WRITE, KSYMRES_TYPE, nr, size);
	}
}

/* A call whose answer is known: resolve a vmlinux symbol to itself. */
static bool still_right(struct fuzz *f)
{
	static struct ksymres_sym res;
	static char tab[4096];
	const struct ksym *k;
	uint64_t addr;
	size_t i;

	for (i = 0; i < 64; i++) {
		k = &f->ks->syms[below(f->ks->nr_vmlinux)];
		if (k->type == 't' || k->type == 'T')
			break;
	}
	addr = k->addr;
	if (ksr_resolve(f->fd, &addr, 1, &res, tab, sizeof(tab), NULL))
		return false;
	return (res.flags & KSYMRES_SYM_FOUND) && res.start == addr;
}

static uint64_t env_or_arg(int argc, char **argv, int i, const char *env,
			   uint64_t def)
{
	const char *s = argc > i ? argv[i] : getenv(env);

	return s && *s ? strtoull(s, NULL, 0) : def;
}

int main(int argc, char **argv)
{
	unsigned long calls = env_or_arg(argc, argv, 1, "KSYMRES_FUZZ_CALLS", 100000);
	uint64_t seed = env_or_arg(argc, argv, 2, "KSYMRES_FUZZ_SEED",
				   (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32));
	unsigned long i, per_err[256] = { 0 }, ok = 0, checks = 0;
	struct kallsyms ks;
	struct fuzz f = { .ks = &ks };
	struct timespec t0, t1;
	int ret, rdonly_fd;

	ksft_print_header();
	ksft_set_plan(1);
	ksft_print_msg("ioctl_fuzz: seed %#llx, %lu calls (replay: ioctl_fuzz %lu %#llx)\n",
		       (unsigned long long)seed, calls, calls,
		       (unsigned long long)seed);
	rng_state = seed;
	if (kallsyms_load(&ks) || mem_init(&f.m))
		ksft_exit_fail_msg("setup: %s\n", strerror(errno));
	fill_addrs((uint64_t *)f.m.big, f.m.big_size / 8, &ks);
	f.fd = open(KSR_DEV, O_RDWR);
	rdonly_fd = open(KSR_DEV, O_RDONLY);
	if (f.fd < 0 || rdonly_fd < 0)
		ksft_exit_fail_msg("open %s: %s\n", KSR_DEV, strerror(errno));

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < calls; i++) {
		unsigned int nr = below(5);
		size_t size = build(&f, nr, f.m.edge + PAGE - 256);
		unsigned char *place = arg_place(&f.m, size);
		unsigned long cmd = command(nr, size);

		if (place && place != f.m.hole && place != f.m.ro &&
		    place != f.m.edge + PAGE - 256)
			memmove(place, f.m.edge + PAGE - 256,
				(size_t)(f.m.edge + PAGE - place) < 256 ?
				(size_t)(f.m.edge + PAGE - place) : 256);
		ret = ioctl(one_in(8) ? rdonly_fd : f.fd, cmd, place) ? errno : 0;
		if (!ret)
			ok++;
		else
			per_err[ret & 0xff]++;
		if (!errno_allowed(ret)) {
			ksft_test_result_fail("call %lu: cmd %#lx returned errno %d (%s), which the ABI does not allow\n",
					      i, cmd, ret, strerror(ret));
			ksft_exit_fail_msg("replay: ioctl_fuzz %lu %#llx\n",
					   i + 1, (unsigned long long)seed);
		}
		if (i % CHECK_EVERY == CHECK_EVERY - 1) {
			checks++;
			if (!still_right(&f)) {
				ksft_test_result_fail("after call %lu, a known address no longer resolves\n",
						      i);
				ksft_exit_fail_msg("replay: ioctl_fuzz %lu %#llx\n",
						   i + 1, (unsigned long long)seed);
			}
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ksft_print_msg("ioctl_fuzz: %lu calls in %.1f s: %lu succeeded, ENOTTY %lu, EINVAL %lu, E2BIG %lu, EFAULT %lu, EMSGSIZE %lu, ESTALE %lu, EOPNOTSUPP %lu, ENOMEM %lu; %lu answer checks\n",
		       calls, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
		       ok, per_err[ENOTTY], per_err[EINVAL], per_err[E2BIG],
		       per_err[EFAULT], per_err[EMSGSIZE], per_err[ESTALE],
		       per_err[EOPNOTSUPP], per_err[ENOMEM], checks);
	ksft_test_result_pass("ioctl_fuzz: %lu calls, seed %#llx, every errno one the ABI allows\n",
			      calls, (unsigned long long)seed);
	close(rdonly_fd);
	close(f.fd);
	kallsyms_free(&ks);
	ksft_exit_pass();
}
