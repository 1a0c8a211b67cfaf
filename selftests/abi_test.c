// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ioctl ABI under bad input: every case gets its documented errno and
 * nothing else changes; sizes are checked on every command as the iommufd
 * selftests do; output buffers are poisoned with 0xcc before each call so
 * that any byte the kernel claims to have written but did not shows.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <sys/mman.h>

#include "kselftest_harness.h"
#include "ksymres_util.h"

#define POISON 0xcc

static uint64_t text_addr;		/* an address inside schedule() */
static struct ksymres_sym results[8];
static char strtab[8192];
static uint32_t counts[4];
static char names[] = "schedule\0vmlinux:schedule";
static struct ksymres_module modules[512];

/* A valid argument for each command, in a buffer larger than the struct. */
union args {
	struct ksymres_info info;
	struct ksymres_resolve resolve;
	struct ksymres_lookup lookup;
	struct ksymres_dump dump;
	struct ksymres_modules modules;
	char bytes[512];
};

static void valid_args(unsigned long cmd, union args *a)
{
	memset(a, 0, sizeof(*a));
	switch (_IOC_NR(cmd)) {
	case _IOC_NR(KSYMRES_IOC_INFO):
		a->info.size = sizeof(a->info);
		break;
	case _IOC_NR(KSYMRES_IOC_RESOLVE):
		a->resolve = (struct ksymres_resolve){
			.size = sizeof(a->resolve), .count = 1,
			.addrs = (uintptr_t)&text_addr,
			.results = (uintptr_t)results,
			.strtab = (uintptr_t)strtab,
			.strtab_size = sizeof(strtab),
			.sym_size = sizeof(results[0]),
		};
		break;
	case _IOC_NR(KSYMRES_IOC_LOOKUP):
		a->lookup = (struct ksymres_lookup){
			.size = sizeof(a->lookup), .count = 2,
			.names_size = sizeof(names), .names = (uintptr_t)names,
			.counts = (uintptr_t)counts,
			.results = (uintptr_t)results, .max_results = 8,
			.strtab = (uintptr_t)strtab,
			.strtab_size = sizeof(strtab),
			.sym_size = sizeof(results[0]),
		};
		break;
	case _IOC_NR(KSYMRES_IOC_DUMP):
		a->dump = (struct ksymres_dump){
			.size = sizeof(a->dump),
			.results = (uintptr_t)results, .max_results = 8,
			.strtab = (uintptr_t)strtab,
			.strtab_size = sizeof(strtab),
			.sym_size = sizeof(results[0]),
		};
		break;
	case _IOC_NR(KSYMRES_IOC_MODULES):
		a->modules = (struct ksymres_modules){
			.size = sizeof(a->modules),
			.modules = (uintptr_t)modules, .max_modules = 512,
			.module_size = sizeof(modules[0]),
		};
		break;
	}
}

struct command {
	const char *name;
	unsigned long cmd;
	uint32_t size;		/* the header's struct */
	uint32_t min_size;	/* the oldest the module accepts */
	uint32_t flags_offset;
};

#define COMMAND(_cmd, _struct, _last)					\
	{ #_cmd, _cmd, sizeof(struct _struct),				\
	  offsetof(struct _struct, _last) +				\
	  sizeof(((struct _struct *)0)->_last),				\
	  offsetof(struct _struct, flags) }

static const struct command commands[] = {
	COMMAND(KSYMRES_IOC_INFO, ksymres_info, release),
	COMMAND(KSYMRES_IOC_RESOLVE, ksymres_resolve, nr_found),
	COMMAND(KSYMRES_IOC_LOOKUP, ksymres_lookup, __reserved),
	COMMAND(KSYMRES_IOC_DUMP, ksymres_dump, __reserved),
	COMMAND(KSYMRES_IOC_MODULES, ksymres_modules, generation),
};

FIXTURE(abi) {
	int fd;
};

FIXTURE_SETUP(abi)
{
	struct kallsyms ks;

	self->fd = open(KSR_DEV, O_RDWR);
	ASSERT_LE(0, self->fd);
	if (!text_addr) {
		ASSERT_EQ(0, kallsyms_load(&ks));
		text_addr = kallsyms_find(&ks, "schedule", "")->addr + 4;
		kallsyms_free(&ks);
	}
	memset(results, POISON, sizeof(results));
	memset(strtab, POISON, sizeof(strtab));
}

FIXTURE_TEARDOWN(abi)
{
	close(self->fd);
}

TEST_F(abi, every_command_accepts_its_valid_arguments)
{
	union args a;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		valid_args(commands[i].cmd, &a);
		EXPECT_EQ(0, ksr_ioctl(self->fd, commands[i].cmd, &a))
			TH_LOG("%s", commands[i].name);
	}
}

TEST_F(abi, unknown_commands_are_enotty)
{
	union args a;
	unsigned int nr;

	valid_args(KSYMRES_IOC_INFO, &a);
	for (nr = ARRAY_SIZE(commands); nr < 256; nr++)
		EXPECT_EQ(-ENOTTY, ksr_ioctl(self->fd,
					     _IOWR(KSYMRES_TYPE, nr, union args), &a));
	EXPECT_EQ(-ENOTTY, ksr_ioctl(self->fd, _IOWR('x', 0, struct ksymres_info), &a));
	EXPECT_EQ(-ENOTTY, ksr_ioctl(self->fd, _IOR(KSYMRES_TYPE, 0, struct ksymres_info), &a));
	EXPECT_EQ(-ENOTTY, ksr_ioctl(self->fd, _IO(KSYMRES_TYPE, 1), &a));
}

/*
 * size - 1: EINVAL; size + 8 with a non-zero tail: E2BIG; with a zero
 * tail: as good as size. For every command.
 */
TEST_F(abi, every_command_checks_the_struct_size)
{
	union args a;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		const struct command *c = &commands[i];

		valid_args(c->cmd, &a);
		*(uint32_t *)&a = c->min_size - 1;
		EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, c->cmd, &a)) TH_LOG("%s", c->name);

		valid_args(c->cmd, &a);
		*(uint32_t *)&a = c->size + 8;
		a.bytes[c->size + 3] = 1;
		EXPECT_EQ(-E2BIG, ksr_ioctl(self->fd, c->cmd, &a)) TH_LOG("%s", c->name);

		valid_args(c->cmd, &a);
		*(uint32_t *)&a = c->size + 8;
		EXPECT_EQ(0, ksr_ioctl(self->fd, c->cmd, &a)) TH_LOG("%s", c->name);

		valid_args(c->cmd, &a);
		*(uint32_t *)&a = 1 << 20;
		EXPECT_EQ(-E2BIG, ksr_ioctl(self->fd, c->cmd, &a)) TH_LOG("%s", c->name);
	}
}

TEST_F(abi, every_undefined_flag_bit_is_einval)
{
	union args a;
	size_t i;
	int bit;

	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		for (bit = 0; bit < 32; bit++) {
			valid_args(commands[i].cmd, &a);
			*(uint32_t *)(a.bytes + commands[i].flags_offset) = 1u << bit;
			EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, commands[i].cmd, &a))
				TH_LOG("%s bit %d", commands[i].name, bit);
		}
	}
}

TEST_F(abi, reserved_fields_must_be_zero)
{
	union args a;

	valid_args(KSYMRES_IOC_LOOKUP, &a);
	a.lookup.__reserved = 1;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
	valid_args(KSYMRES_IOC_DUMP, &a);
	a.dump.__reserved = 1;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_DUMP, &a));
	valid_args(KSYMRES_IOC_MODULES, &a);
	a.modules.__reserved = 1;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_MODULES, &a));
}

/* Which error wins: the command, then the size, then the fields. */
TEST_F(abi, errors_are_checked_in_a_fixed_order)
{
	union args a;

	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.size = 4;
	a.resolve.flags = 1;
	EXPECT_EQ(-ENOTTY, ksr_ioctl(self->fd, _IOWR(KSYMRES_TYPE, 0x40, union args), &a));
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.size = sizeof(a.resolve) + 8;
	a.bytes[sizeof(a.resolve)] = 1;
	a.resolve.count = 0;
	EXPECT_EQ(-E2BIG, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, NULL));
}

TEST_F(abi, resolve_rejects_bad_counts_and_sizes)
{
	union args a;

	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.count = 0;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	a.resolve.count = KSYMRES_RESOLVE_MAX + 1;
	EXPECT_EQ(-E2BIG, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	a.resolve.count = UINT32_MAX;
	EXPECT_EQ(-E2BIG, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.sym_size = sizeof(struct ksymres_sym) - 1;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	a.resolve.sym_size = UINT32_MAX;
	EXPECT_EQ(-E2BIG, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
}

TEST_F(abi, bad_pointers_are_efault)
{
	size_t page = sysconf(_SC_PAGESIZE);
	void *gone = mmap(NULL, page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *ro = mmap(NULL, page, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	union args a;

	ASSERT_NE(MAP_FAILED, gone);
	ASSERT_NE(MAP_FAILED, ro);
	ASSERT_EQ(0, munmap(gone, page));
	/* A valid request the kernel can read but not answer into. */
	valid_args(KSYMRES_IOC_INFO, ro);
	ASSERT_EQ(0, mprotect(ro, page, PROT_READ));

	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_INFO, gone));
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_INFO, ro));

	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.addrs = 0;
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	a.resolve.addrs = (uintptr_t)gone;
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.results = (uintptr_t)gone;
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.results = (uintptr_t)ro;
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.strtab = 0;
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	valid_args(KSYMRES_IOC_LOOKUP, &a);
	a.lookup.names = (uintptr_t)gone;
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
	valid_args(KSYMRES_IOC_LOOKUP, &a);
	a.lookup.counts = (uintptr_t)ro;
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
	valid_args(KSYMRES_IOC_DUMP, &a);
	a.dump.results = (uintptr_t)gone;
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_DUMP, &a));
	valid_args(KSYMRES_IOC_MODULES, &a);
	a.modules.modules = (uintptr_t)gone;
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_MODULES, &a));
	munmap(ro, page);
}

TEST_F(abi, malformed_names_are_einval)
{
	static const struct {
		const char *bytes;
		uint32_t size;
		uint32_t count;
	} cases[] = {
		{ "", 1, 1 },			/* empty */
		{ "abc", 3, 1 },		/* no NUL */
		{ "a\0b", 4, 1 },		/* more bytes than names */
		{ "a", 2, 2 },			/* fewer names than count */
		{ ":schedule", 10, 1 },		/* empty module */
		{ "vmlinux:", 9, 1 },		/* empty name */
	};
	static char longname[KSYMRES_NAME_MAX + 8];
	union args a;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		valid_args(KSYMRES_IOC_LOOKUP, &a);
		a.lookup.names = (uintptr_t)cases[i].bytes;
		a.lookup.names_size = cases[i].size;
		a.lookup.count = cases[i].count;
		EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a))
			TH_LOG("case %zu", i);
	}
	memset(longname, 'a', sizeof(longname) - 1);
	valid_args(KSYMRES_IOC_LOOKUP, &a);
	a.lookup.names = (uintptr_t)longname;
	a.lookup.names_size = sizeof(longname);
	a.lookup.count = 1;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
	valid_args(KSYMRES_IOC_LOOKUP, &a);
	a.lookup.count = 0;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
	a.lookup.count = KSYMRES_LOOKUP_MAX + 1;
	EXPECT_EQ(-E2BIG, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
}

TEST_F(abi, addresses_outside_the_kernel_are_not_found)
{
	uint64_t bad[] = { 0, 0x1000, 0x7fffffffe000ULL, 0xfffffffffffff000ULL,
			   UINT64_MAX };
	struct ksymres_resolve r;
	size_t i;

	ASSERT_EQ(0, ksr_resolve(self->fd, bad, ARRAY_SIZE(bad), results,
				 strtab, sizeof(strtab), &r));
	EXPECT_EQ(ARRAY_SIZE(bad), r.nr_done);
	EXPECT_EQ(0, r.nr_found);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(bad[i], results[i].addr);
		EXPECT_EQ(0, results[i].flags);
		EXPECT_EQ(0, results[i].start);
		EXPECT_EQ(0, results[i].name_off);
	}
}

TEST_F(abi, a_short_string_table_is_emsgsize_with_the_bytes_needed)
{
	uint64_t two[2] = { text_addr, text_addr + 1 };
	struct ksymres_resolve r;

	EXPECT_EQ(-EMSGSIZE, ksr_resolve(self->fd, two, 2, results, strtab, 4, &r));
	EXPECT_EQ(0, r.nr_done);
	EXPECT_LT(4, r.strtab_used);
	EXPECT_EQ(0, ksr_resolve(self->fd, two, 2, results, strtab,
				 r.strtab_used, &r));
	EXPECT_EQ(2, r.nr_done);
}

/* Every byte of every complete record and of the used string table is
 * written: nothing of the 0xcc poison survives, record tails are zero. */
TEST_F(abi, answers_leave_no_unwritten_bytes)
{
	uint64_t mixed[4] = { text_addr, 0x1000, text_addr + 8, 0 };
	struct {
		struct ksymres_sym sym;
		uint8_t tail[24];
	} big[4];
	struct ksymres_resolve r = {
		.size = sizeof(r), .count = 4, .addrs = (uintptr_t)mixed,
		.results = (uintptr_t)big, .strtab = (uintptr_t)strtab,
		.strtab_size = sizeof(strtab), .sym_size = sizeof(big[0]),
	};
	uint32_t i, k;

	memset(big, POISON, sizeof(big));
	ASSERT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &r));
	ASSERT_EQ(4, r.nr_done);
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(0, big[i].sym.__reserved);
		EXPECT_EQ(0, big[i].sym.__reserved2);
		for (k = 0; k < sizeof(big[i].tail); k++)
			EXPECT_EQ(0, big[i].tail[k]);
		EXPECT_LT(big[i].sym.name_off, r.strtab_used);
	}
	EXPECT_EQ(0, strtab[0]);
	for (k = 0; k < r.strtab_used; k++)
		EXPECT_NE(POISON, (uint8_t)strtab[k]) TH_LOG("strtab byte %u", k);
	EXPECT_EQ(POISON, (uint8_t)strtab[r.strtab_used]);
}

/* Records of sym_size = sizeof + tail: fields, tails and strings written. */
struct padded_sym {
	struct ksymres_sym sym;
	uint8_t tail[24];
};

static void expect_written(struct __test_metadata *_metadata,
			   const struct padded_sym *recs, uint32_t nr,
			   uint32_t strtab_used)
{
	uint32_t i, k;

	for (i = 0; i < nr; i++) {
		EXPECT_EQ(0, recs[i].sym.__reserved);
		EXPECT_EQ(0, recs[i].sym.__reserved2);
		EXPECT_NE(POISON, recs[i].sym.type);
		EXPECT_NE(POISON, recs[i].sym.sym_class);
		for (k = 0; k < sizeof(recs[i].tail); k++)
			EXPECT_EQ(0, recs[i].tail[k]);
		EXPECT_LT(recs[i].sym.name_off, strtab_used);
		EXPECT_LT(recs[i].sym.module_off, strtab_used);
	}
	for (k = 0; k < strtab_used; k++)
		EXPECT_NE(POISON, (uint8_t)strtab[k]) TH_LOG("strtab byte %u", k);
}

TEST_F(abi, lookup_and_dump_answers_leave_no_unwritten_bytes)
{
	static struct padded_sym recs[64];
	union args a;

	memset(recs, POISON, sizeof(recs));
	valid_args(KSYMRES_IOC_LOOKUP, &a);
	a.lookup.results = (uintptr_t)recs;
	a.lookup.max_results = 64;
	a.lookup.sym_size = sizeof(recs[0]);
	ASSERT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
	ASSERT_LT(0, a.lookup.nr_done);
	expect_written(_metadata, recs, a.lookup.nr_done, a.lookup.strtab_used);

	memset(recs, POISON, sizeof(recs));
	memset(strtab, POISON, sizeof(strtab));
	valid_args(KSYMRES_IOC_DUMP, &a);
	a.dump.results = (uintptr_t)recs;
	a.dump.max_results = 64;
	a.dump.sym_size = sizeof(recs[0]);
	ASSERT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_DUMP, &a));
	ASSERT_EQ(64, a.dump.nr_results);
	expect_written(_metadata, recs, a.dump.nr_results, a.dump.strtab_used);
}

TEST_F(abi, module_records_leave_no_unwritten_bytes)
{
	static struct {
		struct ksymres_module mod;
		uint8_t tail[40];
	} recs[16];
	union args a;
	uint32_t i, k;

	memset(recs, POISON, sizeof(recs));
	valid_args(KSYMRES_IOC_MODULES, &a);
	a.modules.modules = (uintptr_t)recs;
	a.modules.max_modules = 16;
	a.modules.module_size = sizeof(recs[0]);
	ASSERT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_MODULES, &a));
	ASSERT_LE(1, a.modules.nr_modules);
	for (i = 0; i < a.modules.nr_modules && i < 16; i++) {
		const uint8_t *b = (const uint8_t *)&recs[i];
		size_t len = strnlen(recs[i].mod.name, sizeof(recs[i].mod.name));

		ASSERT_GT(sizeof(recs[i].mod.name), len);
		/* name padding, every range, the tail: none left as poison */
		for (k = len; k < sizeof(recs[i]); k++)
			EXPECT_NE(POISON, b[k]) TH_LOG("%s byte %u", recs[i].mod.name, k);
		for (k = 0; k < sizeof(recs[i].tail); k++)
			EXPECT_EQ(0, recs[i].tail[k]);
	}
}

TEST_F(abi, dump_with_a_stale_cursor_is_estale)
{
	union args a;

	valid_args(KSYMRES_IOC_DUMP, &a);
	ASSERT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_DUMP, &a));
	ASSERT_NE(KSYMRES_DUMP_END, a.dump.cursor);
	a.dump.generation += 1;
	EXPECT_EQ(-ESTALE, ksr_ioctl(self->fd, KSYMRES_IOC_DUMP, &a));
}

TEST_F(abi, modules_reports_the_count_when_the_array_is_short)
{
	union args a;

	valid_args(KSYMRES_IOC_MODULES, &a);
	a.modules.max_modules = 0;
	a.modules.modules = 0;
	EXPECT_EQ(-EMSGSIZE, ksr_ioctl(self->fd, KSYMRES_IOC_MODULES, &a));
	EXPECT_LE(1, a.modules.nr_modules);	/* ksymres itself */
}

TEST_HARNESS_MAIN
