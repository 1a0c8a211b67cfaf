// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ioctl ABI under bad input: every case gets its documented errno and
 * nothing else changes; sizes are checked on every command as the iommufd
 * selftests do; output buffers are poisoned with 0xcc before each call so
 * that any byte the kernel claims to have written but did not shows.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stddef.h>
#include <sys/mman.h>

#include "ksymres_util.h"

#define POISON 0xcc

#ifndef offsetofend
#define offsetofend(TYPE, MEMBER) \
	(offsetof(TYPE, MEMBER) + sizeof(((TYPE *)0)->MEMBER))
#endif

static uint64_t text_addr;		/* an address inside schedule() */
static uint64_t text_addr2;		/* an address inside msleep() */
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
	uint32_t defined_flags;
};

#define COMMAND(_cmd, _struct, _last, _flags)				\
	{ #_cmd, _cmd, sizeof(struct _struct),				\
	  offsetof(struct _struct, _last) +				\
	  sizeof(((struct _struct *)0)->_last),				\
	  offsetof(struct _struct, flags), _flags }

static const struct command commands[] = {
	COMMAND(KSYMRES_IOC_INFO, ksymres_info, release, 0),
	COMMAND(KSYMRES_IOC_RESOLVE, ksymres_resolve, nr_found, 0),
	COMMAND(KSYMRES_IOC_LOOKUP, ksymres_lookup, __reserved,
		KSYMRES_LOOKUP_FIRST),
	COMMAND(KSYMRES_IOC_DUMP, ksymres_dump, __reserved, 0),
	COMMAND(KSYMRES_IOC_MODULES, ksymres_modules, generation, 0),
};

static void *unmapped;		/* a page that was mapped and unmapped */
static void *readonly;		/* a read-only page */
static uint64_t *page_end_addr;	/* the last u64 of a page before a hole */

/* Addresses, pointers and poison, set up once per test process. */
static int setup_pages(void)
{
	size_t page = sysconf(_SC_PAGESIZE);
	char *two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (two == MAP_FAILED)
		return -errno;
	if (munmap(two + page, page))
		return -errno;
	page_end_addr = (uint64_t *)(two + page) - 1;
	unmapped = mmap(NULL, page, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	readonly = mmap(NULL, page, PROT_READ,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (unmapped == MAP_FAILED || readonly == MAP_FAILED)
		return -ENOMEM;
	return munmap(unmapped, page) ? -errno : 0;
}

static void poison_outputs(void)
{
	memset(results, POISON, sizeof(results));
	memset(strtab, POISON, sizeof(strtab));
	memset(counts, POISON, sizeof(counts));
	memset(modules, POISON, sizeof(modules));
}

static bool all_poison(const void *buf, size_t len)
{
	const uint8_t *b = buf;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i] != POISON)
			return false;
	return true;
}

/* NULL if every output buffer still holds its poison, else which not. */
static const char *outputs_touched(void)
{
	if (!all_poison(results, sizeof(results)))
		return "results";
	if (!all_poison(strtab, sizeof(strtab)))
		return strtab[0] == 0 && all_poison(strtab + 1, sizeof(strtab) - 1) ?
			"strtab (its leading NUL only)" : "strtab";
	if (!all_poison(counts, sizeof(counts)))
		return "counts";
	if (!all_poison(modules, sizeof(modules)))
		return "modules";
	return NULL;
}

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
		ASSERT_NE(NULL, kallsyms_find(&ks, "schedule", ""));
		ASSERT_NE(NULL, kallsyms_find(&ks, "msleep", ""));
		text_addr = kallsyms_find(&ks, "schedule", "")->addr + 4;
		text_addr2 = kallsyms_find(&ks, "msleep", "")->addr + 2;
		kallsyms_free(&ks);
		ASSERT_EQ(0, setup_pages());
	}
	poison_outputs();
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
	unsigned int nr, n = 0;

	valid_args(KSYMRES_IOC_INFO, &a);
	for (nr = ARRAY_SIZE(commands); nr < 256; nr++, n++)
		EXPECT_EQ(-ENOTTY, ksr_ioctl(self->fd,
					     _IOWR(KSYMRES_TYPE, nr, union args), &a))
			TH_LOG("nr %#x", nr);
	EXPECT_EQ(-ENOTTY, ksr_ioctl(self->fd, _IOWR('x', 0, struct ksymres_info), &a));
	EXPECT_EQ(-ENOTTY, ksr_ioctl(self->fd, _IOWR(KSYMRES_TYPE - 1, 1,
						     struct ksymres_resolve), &a));
	EXPECT_EQ(-ENOTTY, ksr_ioctl(self->fd, FIONREAD, &a));
	/* The unknown command wins over an unreadable argument. */
	EXPECT_EQ(-ENOTTY, ksr_ioctl(self->fd, _IOWR(KSYMRES_TYPE, 0x80,
						     union args), NULL));
	ksft_print_msg("%u unknown command numbers tried\n", n + 4);
}

/* The size in the struct counts, not the one _IOWR() encodes. */
TEST_F(abi, commands_are_matched_on_type_and_number_not_encoded_size)
{
	union args a;

	valid_args(KSYMRES_IOC_INFO, &a);
	EXPECT_EQ(0, ksr_ioctl(self->fd, _IOWR(KSYMRES_TYPE, 0, char[8]), &a));
	EXPECT_EQ(KSYMRES_ABI_VERSION, a.info.abi_version);
	valid_args(KSYMRES_IOC_RESOLVE, &a);
	EXPECT_EQ(0, ksr_ioctl(self->fd, _IOWR(KSYMRES_TYPE, 1, union args), &a));
	EXPECT_EQ(1, a.resolve.nr_found);
}

/*
 * As tools/testing/selftests/iommu does: size - 1 is EINVAL, size + 1 with
 * a non-zero tail is E2BIG, size + 1 with a zero tail is answered as size
 * is, and above a page is E2BIG even with a zero tail.
 */
#define TEST_LENGTH(_struct, _ioctl, _last)				\
	do {								\
		size_t min_size = offsetofend(struct _struct, _last);	\
		static struct {						\
			struct _struct cmd;				\
			uint8_t extra;					\
			uint8_t page[8192];				\
		} buf;							\
		int rc, rc1;						\
									\
		valid_args(_ioctl, (union args *)&buf.cmd);		\
		buf.cmd.size = min_size - 1;				\
		buf.extra = UINT8_MAX;					\
		EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, _ioctl, &buf))	\
			TH_LOG(#_struct " size - 1");			\
		buf.cmd.size = 0;					\
		EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, _ioctl, &buf))	\
			TH_LOG(#_struct " size 0");			\
		valid_args(_ioctl, (union args *)&buf.cmd);		\
		buf.cmd.size = sizeof(struct _struct) + 1;		\
		buf.extra = UINT8_MAX;					\
		EXPECT_EQ(-E2BIG, ksr_ioctl(self->fd, _ioctl, &buf))	\
			TH_LOG(#_struct " size + 1, tail set");	\
		valid_args(_ioctl, (union args *)&buf.cmd);		\
		buf.extra = 0;						\
		rc = ksr_ioctl(self->fd, _ioctl, &buf);		\
		valid_args(_ioctl, (union args *)&buf.cmd);		\
		buf.cmd.size = sizeof(struct _struct) + 1;		\
		rc1 = ksr_ioctl(self->fd, _ioctl, &buf);		\
		EXPECT_EQ(rc, rc1) TH_LOG(#_struct " size + 1, zero tail"); \
		EXPECT_EQ(0, buf.extra);				\
		valid_args(_ioctl, (union args *)&buf.cmd);		\
		buf.cmd.size = sizeof(buf);				\
		EXPECT_EQ(-E2BIG, ksr_ioctl(self->fd, _ioctl, &buf))	\
			TH_LOG(#_struct " above a page, zero tail");	\
		sizes_tried += 5;					\
	} while (0)

TEST_F(abi, every_command_checks_the_struct_size)
{
	unsigned int sizes_tried = 0;

	TEST_LENGTH(ksymres_info, KSYMRES_IOC_INFO, release);
	TEST_LENGTH(ksymres_resolve, KSYMRES_IOC_RESOLVE, nr_found);
	TEST_LENGTH(ksymres_lookup, KSYMRES_IOC_LOOKUP, __reserved);
	TEST_LENGTH(ksymres_dump, KSYMRES_IOC_DUMP, __reserved);
	TEST_LENGTH(ksymres_modules, KSYMRES_IOC_MODULES, generation);
	ksft_print_msg("%u size cases over %zu commands\n", sizes_tried,
		       ARRAY_SIZE(commands));
}

TEST_F(abi, every_undefined_flag_bit_is_einval)
{
	unsigned int tried = 0;
	union args a;
	size_t i;
	int bit;

	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		for (bit = 0; bit < 32; bit++) {
			if (commands[i].defined_flags & (1u << bit))
				continue;
			tried++;
			valid_args(commands[i].cmd, &a);
			*(uint32_t *)(a.bytes + commands[i].flags_offset) = 1u << bit;
			EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, commands[i].cmd, &a))
				TH_LOG("%s bit %d", commands[i].name, bit);
		}
	}
	EXPECT_EQ(NULL, outputs_touched());
	ksft_print_msg("%u flag cases\n", tried);
}

TEST_F(abi, an_unreadable_argument_is_efault)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, commands[i].cmd, NULL))
			TH_LOG("%s", commands[i].name);
		EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, commands[i].cmd, unmapped))
			TH_LOG("%s", commands[i].name);
	}
}

TEST_F(abi, an_argument_that_cannot_be_written_back_is_efault)
{
	/* The zero page of a read-only mapping reads as size 0: write a
	 * valid INFO request through a writable alias first. */
	size_t page = sysconf(_SC_PAGESIZE);
	union args *ro = mmap(NULL, page, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, ro);
	valid_args(KSYMRES_IOC_INFO, ro);
	ASSERT_EQ(0, mprotect(ro, page, PROT_READ));
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_INFO, ro));
	munmap(ro, page);
}

/*
 * Which error wins when several inputs are wrong, in this order (as
 * landlock pins its own): the command (ENOTTY), the argument readable
 * (EFAULT), its size (EINVAL, then E2BIG), flags and __reserved (EINVAL),
 * counts (EINVAL for 0, then E2BIG above the maximum), element and string
 * table sizes (EINVAL below the struct, E2BIG above), NULL buffer pointers
 * (EFAULT), then the contents: names (EINVAL), unreadable or unwritable
 * memory behind the pointers (EFAULT).
 */
TEST_F(abi, errors_are_checked_in_a_fixed_order)
{
	union args a;

	/* command before argument */
	EXPECT_EQ(-ENOTTY, ksr_ioctl(self->fd, _IOWR(KSYMRES_TYPE, 0x40, union args), NULL));
	/* size too small before flags */
	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.size = 4;
	a.resolve.flags = 1;
	a.resolve.count = 0;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	/* size too large (non-zero tail) before flags and counts */
	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.size = sizeof(a.resolve) + 8;
	a.bytes[sizeof(a.resolve)] = 1;
	a.resolve.flags = 1;
	a.resolve.count = 0;
	EXPECT_EQ(-E2BIG, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	/* flags before a count above the maximum */
	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.flags = 1;
	a.resolve.count = KSYMRES_RESOLVE_MAX + 1;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	/* __reserved before counts */
	valid_args(KSYMRES_IOC_LOOKUP, &a);
	a.lookup.__reserved = 1;
	a.lookup.count = KSYMRES_LOOKUP_MAX + 1;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
	/* a count above the maximum before a short element size */
	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.count = KSYMRES_RESOLVE_MAX + 1;
	a.resolve.sym_size = 1;
	EXPECT_EQ(-E2BIG, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	/* element size before NULL pointers */
	valid_args(KSYMRES_IOC_RESOLVE, &a);
	a.resolve.sym_size = 1;
	a.resolve.addrs = 0;
	a.resolve.results = 0;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_RESOLVE, &a));
	/* a count above the maximum before NULL pointers */
	valid_args(KSYMRES_IOC_DUMP, &a);
	a.dump.max_results = KSYMRES_DUMP_MAX + 1;
	a.dump.results = 0;
	EXPECT_EQ(-E2BIG, ksr_ioctl(self->fd, KSYMRES_IOC_DUMP, &a));
	/* a NULL results pointer before malformed names */
	valid_args(KSYMRES_IOC_LOOKUP, &a);
	a.lookup.names = (uintptr_t)"";
	a.lookup.names_size = 1;
	a.lookup.count = 1;
	a.lookup.results = 0;
	EXPECT_EQ(-EFAULT, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
	/* a count of 0 before a NULL names pointer */
	valid_args(KSYMRES_IOC_LOOKUP, &a);
	a.lookup.count = 0;
	a.lookup.names = 0;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
	/* malformed names before unwritable results */
	valid_args(KSYMRES_IOC_LOOKUP, &a);
	a.lookup.names = (uintptr_t)"abc";
	a.lookup.names_size = 3;
	a.lookup.count = 1;
	a.lookup.results = (uintptr_t)unmapped;
	EXPECT_EQ(-EINVAL, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
}

/*
 * Bad input, as a table: each case starts from a valid argument, breaks one
 * thing, and expects its documented errno. A rejected call changes nothing:
 * the argument struct is not written back, and the output buffers keep
 * their 0xcc poison, except where the fault is in an output buffer itself
 * (may_write: the kernel may have written before it faulted).
 */
struct bad_case {
	unsigned long cmd;
	int error;
	bool may_write;
	void (*mutate)(union args *a);
};

FIXTURE(bad_input) {
	int fd;
};

FIXTURE_VARIANT(bad_input) {
	struct bad_case c;
};

FIXTURE_SETUP(bad_input)
{
	struct kallsyms ks;

	self->fd = open(KSR_DEV, O_RDWR);
	ASSERT_LE(0, self->fd);
	if (!text_addr) {
		ASSERT_EQ(0, kallsyms_load(&ks));
		text_addr = kallsyms_find(&ks, "schedule", "")->addr + 4;
		text_addr2 = kallsyms_find(&ks, "msleep", "")->addr + 2;
		kallsyms_free(&ks);
		ASSERT_EQ(0, setup_pages());
	}
	poison_outputs();
}

FIXTURE_TEARDOWN(bad_input)
{
	close(self->fd);
}

#define BAD(_name, _cmd, _errno, _may_write, ...)			\
	static void mutate_##_name(union args *a)			\
	{								\
		__VA_ARGS__;						\
	}								\
	FIXTURE_VARIANT_ADD(bad_input, _name) {				\
		.c = { _cmd, _errno, _may_write, mutate_##_name },	\
	}

#define RES KSYMRES_IOC_RESOLVE
#define LKP KSYMRES_IOC_LOOKUP
#define DMP KSYMRES_IOC_DUMP
#define MOD KSYMRES_IOC_MODULES

static char longname[KSYMRES_NAME_MAX + 8];
static char longmod[KSYMRES_MODULE_NAME_MAX + 16];

static void set_names(union args *a, const char *names, uint32_t size,
		      uint32_t count)
{
	a->lookup.names = (uintptr_t)names;
	a->lookup.names_size = size;
	a->lookup.count = count;
}

BAD(resolve_count_0, RES, EINVAL, false, a->resolve.count = 0);
BAD(resolve_count_max_plus_1, RES, E2BIG, false,
    a->resolve.count = KSYMRES_RESOLVE_MAX + 1);
BAD(resolve_count_u32_max, RES, E2BIG, false, a->resolve.count = UINT32_MAX);
BAD(resolve_sym_size_0, RES, EINVAL, false, a->resolve.sym_size = 0);
BAD(resolve_sym_size_short, RES, EINVAL, false,
    a->resolve.sym_size = sizeof(struct ksymres_sym) - 1);
BAD(resolve_sym_size_overflowing, RES, E2BIG, false,
    a->resolve.sym_size = UINT32_MAX);
BAD(resolve_max_count_times_max_sym_size, RES, E2BIG, false,
    a->resolve.count = KSYMRES_RESOLVE_MAX;
    a->resolve.sym_size = 1u << 31);
BAD(resolve_strtab_size_above_max, RES, E2BIG, false,
    a->resolve.strtab_size = KSYMRES_STRTAB_MAX + 1);
BAD(resolve_addrs_null, RES, EFAULT, false, a->resolve.addrs = 0);
BAD(resolve_addrs_unmapped, RES, EFAULT, false,
    a->resolve.addrs = (uintptr_t)unmapped);
BAD(resolve_addrs_running_into_a_hole, RES, EFAULT, true,
    *page_end_addr = text_addr;
    a->resolve.addrs = (uintptr_t)page_end_addr;
    a->resolve.count = 2);
BAD(resolve_results_null, RES, EFAULT, false, a->resolve.results = 0);
BAD(resolve_results_unmapped, RES, EFAULT, true,
    a->resolve.results = (uintptr_t)unmapped);
BAD(resolve_results_read_only, RES, EFAULT, true,
    a->resolve.results = (uintptr_t)readonly);
BAD(resolve_strtab_null, RES, EFAULT, false, a->resolve.strtab = 0);
BAD(resolve_strtab_unmapped, RES, EFAULT, true,
    a->resolve.strtab = (uintptr_t)unmapped);

BAD(lookup_count_0, LKP, EINVAL, false, a->lookup.count = 0);
BAD(lookup_count_max_plus_1, LKP, E2BIG, false,
    a->lookup.count = KSYMRES_LOOKUP_MAX + 1);
BAD(lookup_count_u32_max, LKP, E2BIG, false, a->lookup.count = UINT32_MAX);
BAD(lookup_names_size_0, LKP, EINVAL, false, a->lookup.names_size = 0);
BAD(lookup_names_size_above_max, LKP, E2BIG, false,
    a->lookup.names_size = KSYMRES_LOOKUP_NAMES_MAX + 1);
BAD(lookup_names_size_u32_max, LKP, E2BIG, false,
    a->lookup.names_size = UINT32_MAX);
BAD(lookup_reserved, LKP, EINVAL, false, a->lookup.__reserved = 1);
BAD(lookup_sym_size_short, LKP, EINVAL, false,
    a->lookup.sym_size = sizeof(struct ksymres_sym) - 8);
BAD(lookup_strtab_size_above_max, LKP, E2BIG, false,
    a->lookup.strtab_size = KSYMRES_STRTAB_MAX + 1);
BAD(lookup_names_null, LKP, EFAULT, false, a->lookup.names = 0);
BAD(lookup_names_unmapped, LKP, EFAULT, false,
    a->lookup.names = (uintptr_t)unmapped);
BAD(lookup_results_null, LKP, EFAULT, false, a->lookup.results = 0);
BAD(lookup_results_unmapped, LKP, EFAULT, true,
    a->lookup.results = (uintptr_t)unmapped);
BAD(lookup_counts_unmapped, LKP, EFAULT, true,
    a->lookup.counts = (uintptr_t)unmapped);
BAD(lookup_counts_read_only, LKP, EFAULT, true,
    a->lookup.counts = (uintptr_t)readonly);
BAD(lookup_strtab_unmapped, LKP, EFAULT, true,
    a->lookup.strtab = (uintptr_t)unmapped);
BAD(lookup_empty_name, LKP, EINVAL, false, set_names(a, "", 1, 1));
BAD(lookup_name_without_terminator, LKP, EINVAL, false,
    set_names(a, "schedule", 8, 1));
BAD(lookup_name_without_terminator_within_the_limit, LKP, EINVAL, false,
    memset(longname, 'a', sizeof(longname));
    set_names(a, longname, sizeof(longname), 1));
BAD(lookup_name_longer_than_the_limit, LKP, EINVAL, false,
    memset(longname, 'a', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    set_names(a, longname, sizeof(longname), 1));
BAD(lookup_names_size_above_the_names, LKP, EINVAL, false,
    set_names(a, "schedule\0msleep", 16, 1));
BAD(lookup_names_size_with_a_trailing_nul, LKP, EINVAL, false,
    set_names(a, "schedule\0", 10, 1));
BAD(lookup_fewer_names_than_count, LKP, EINVAL, false,
    set_names(a, "schedule", 9, 2));
BAD(lookup_empty_second_name, LKP, EINVAL, false,
    set_names(a, "schedule\0", 10, 2));
BAD(lookup_empty_module_qualifier, LKP, EINVAL, false,
    set_names(a, ":schedule", 10, 1));
BAD(lookup_empty_name_after_qualifier, LKP, EINVAL, false,
    set_names(a, "vmlinux:", 9, 1));
BAD(lookup_module_qualifier_too_long, LKP, EINVAL, false,
    memset(longmod, 'm', sizeof(longmod));
    memcpy(longmod + sizeof(longmod) - 10, ":schedule", 10);
    set_names(a, longmod, sizeof(longmod), 1));

BAD(dump_max_results_0, DMP, EINVAL, false, a->dump.max_results = 0);
BAD(dump_max_results_max_plus_1, DMP, E2BIG, false,
    a->dump.max_results = KSYMRES_DUMP_MAX + 1);
BAD(dump_max_results_u32_max, DMP, E2BIG, false,
    a->dump.max_results = UINT32_MAX);
BAD(dump_reserved, DMP, EINVAL, false, a->dump.__reserved = 1);
BAD(dump_sym_size_short, DMP, EINVAL, false,
    a->dump.sym_size = sizeof(struct ksymres_sym) - 1);
BAD(dump_sym_size_overflowing, DMP, E2BIG, false,
    a->dump.sym_size = UINT32_MAX);
BAD(dump_strtab_size_above_max, DMP, E2BIG, false,
    a->dump.strtab_size = KSYMRES_STRTAB_MAX + 1);
BAD(dump_results_null, DMP, EFAULT, false, a->dump.results = 0);
BAD(dump_results_unmapped, DMP, EFAULT, true,
    a->dump.results = (uintptr_t)unmapped);
BAD(dump_strtab_null, DMP, EFAULT, false, a->dump.strtab = 0);
BAD(dump_strtab_unmapped, DMP, EFAULT, true,
    a->dump.strtab = (uintptr_t)unmapped);
BAD(dump_a_string_table_too_small_for_one_record, DMP, EMSGSIZE, true,
    a->dump.strtab_size = 2);

BAD(modules_reserved, MOD, EINVAL, false, a->modules.__reserved = 1);
BAD(modules_module_size_0, MOD, EINVAL, false, a->modules.module_size = 0);
BAD(modules_module_size_short, MOD, EINVAL, false,
    a->modules.module_size = sizeof(struct ksymres_module) - 1);
BAD(modules_module_size_overflowing, MOD, E2BIG, false,
    a->modules.module_size = UINT32_MAX);
BAD(modules_null_with_max_modules, MOD, EFAULT, false,
    a->modules.modules = 0);
BAD(modules_unmapped, MOD, EFAULT, true,
    a->modules.modules = (uintptr_t)unmapped);
BAD(modules_read_only, MOD, EFAULT, true,
    a->modules.modules = (uintptr_t)readonly);

TEST_F(bad_input, is_rejected_with_its_errno_and_changes_nothing)
{
	const struct bad_case *c = &variant->c;
	union args a, before;

	valid_args(c->cmd, &a);
	c->mutate(&a);
	before = a;
	EXPECT_EQ(-c->error, ksr_ioctl(self->fd, c->cmd, &a));
	if (c->error == EMSGSIZE)
		return;
	EXPECT_EQ(0, memcmp(&before, &a, sizeof(a)))
		TH_LOG("the argument was written back");
	if (!c->may_write)
		EXPECT_EQ(NULL, outputs_touched())
			TH_LOG("a rejected call wrote %s", outputs_touched());
}


/* Not found: addr as asked, every other byte of the record zero. */
TEST_F(abi, addresses_outside_the_kernel_are_not_found)
{
	uint64_t bad[] = { 0, 1, 0x1000, 0x400000, 0x7fffffffe000ULL,
			   0x800000000000ULL, 0xfffffffffffff000ULL,
			   0xfffffffffffffff8ULL, UINT64_MAX };
	struct ksymres_sym zero;
	struct ksymres_resolve r;
	size_t i;

	ASSERT_EQ(0, ksr_resolve(self->fd, bad, ARRAY_SIZE(bad), results,
				 strtab, sizeof(strtab), &r));
	EXPECT_EQ(ARRAY_SIZE(bad), r.nr_done);
	EXPECT_EQ(0, r.nr_found);
	EXPECT_EQ(1, r.strtab_used);
	EXPECT_EQ(0, strtab[0]);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(&zero, 0, sizeof(zero));
		zero.addr = bad[i];
		EXPECT_EQ(0, memcmp(&zero, &results[i], sizeof(zero)))
			TH_LOG("%#llx: flags %#x start %#llx",
			       (unsigned long long)bad[i], results[i].flags,
			       (unsigned long long)results[i].start);
	}
}

/* EMSGSIZE: the bytes needed for all, the complete records counted. */
TEST_F(abi, a_short_string_table_is_emsgsize_with_the_bytes_needed)
{
	uint64_t two[2] = { text_addr, text_addr2 };
	struct ksymres_resolve r;
	uint32_t needed;

	/* Room for "\0schedule\0" only: the first record is complete. */
	EXPECT_EQ(-EMSGSIZE, ksr_resolve(self->fd, two, 2, results, strtab,
					 10, &r));
	EXPECT_EQ(1, r.nr_done);
	EXPECT_EQ(1, r.nr_found);
	EXPECT_LE(1 + sizeof("schedule") + sizeof("msleep"), r.strtab_used);
	EXPECT_STREQ("schedule", strtab + results[0].name_off);
	EXPECT_EQ(POISON, (uint8_t)strtab[10]);
	needed = r.strtab_used;

	EXPECT_EQ(-EMSGSIZE, ksr_resolve(self->fd, two, 2, results, strtab, 1, &r));
	EXPECT_EQ(0, r.nr_done);
	EXPECT_EQ(needed, r.strtab_used);

	EXPECT_EQ(-EMSGSIZE, ksr_resolve(self->fd, two, 2, results, strtab,
					 needed - 1, &r));
	EXPECT_EQ(needed, r.strtab_used);

	EXPECT_EQ(0, ksr_resolve(self->fd, two, 2, results, strtab, needed, &r));
	EXPECT_EQ(2, r.nr_done);
	EXPECT_EQ(needed, r.strtab_used);
	EXPECT_STREQ("msleep", strtab + results[1].name_off);
}

TEST_F(abi, a_short_lookup_string_table_is_emsgsize_with_the_bytes_needed)
{
	union args a;
	uint32_t needed;

	valid_args(KSYMRES_IOC_LOOKUP, &a);
	a.lookup.strtab_size = 1;
	EXPECT_EQ(-EMSGSIZE, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
	EXPECT_EQ(0, a.lookup.nr_done);
	EXPECT_EQ(2, a.lookup.nr_results);
	EXPECT_LE(1 + sizeof("schedule"), a.lookup.strtab_used);
	needed = a.lookup.strtab_used;
	valid_args(KSYMRES_IOC_LOOKUP, &a);
	a.lookup.strtab_size = needed;
	EXPECT_EQ(0, ksr_ioctl(self->fd, KSYMRES_IOC_LOOKUP, &a));
	EXPECT_EQ(2, a.lookup.nr_done);
	EXPECT_EQ(needed, a.lookup.strtab_used);
	EXPECT_EQ(1, counts[0]);
	EXPECT_EQ(1, counts[1]);
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
