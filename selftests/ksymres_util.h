/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers of the ksymres selftests: /proc/kallsyms as ground truth, the
 * ioctls as functions returning 0 or -errno, test module loading.
 *
 * Include this instead of kselftest_harness.h: it includes the harness and
 * makes the fixture setup and teardown functions static, so that the tests
 * build clean with -Wmissing-prototypes. Every test is a TEST_F (plain
 * TEST() leaves its variant parameter unused).
 */
#ifndef KSYMRES_SELFTEST_UTIL_H
#define KSYMRES_SELFTEST_UTIL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "kselftest_harness.h"

#undef FIXTURE_SETUP
#define FIXTURE_SETUP(fixture_name) \
	static void fixture_name##_setup( \
		struct __test_metadata __attribute__((unused)) *_metadata, \
		FIXTURE_DATA(fixture_name) __attribute__((unused)) *self, \
		const FIXTURE_VARIANT(fixture_name) \
			__attribute__((unused)) *variant)
#undef FIXTURE_TEARDOWN
#define FIXTURE_TEARDOWN(fixture_name) \
	static void fixture_name##_teardown( \
		struct __test_metadata __attribute__((unused)) *_metadata, \
		FIXTURE_DATA(fixture_name) __attribute__((unused)) *self, \
		const FIXTURE_VARIANT(fixture_name) \
			__attribute__((unused)) *variant)

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/ksymres.h>

#define KSR_DEV "/dev/ksymres"

struct ksym {
	uint64_t addr;
	char type;
	char *name;
	char *module;	/* "" for vmlinux */
};

struct kallsyms {
	struct ksym *syms;
	size_t nr;
	size_t nr_vmlinux;	/* vmlinux symbols come first */
};

static inline int kallsyms_load(struct kallsyms *ks)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[1024], name[600], mod[128];
	size_t cap = 0;

	memset(ks, 0, sizeof(*ks));
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long addr;
		char type;
		int n;

		mod[0] = '\0';
		n = sscanf(line, "%llx %c %599s [%127[^]]]", &addr, &type, name, mod);
		if (n < 3)
			continue;
		/*
		 * Not modules: BPF programs and the kernel's own trampoline
		 * pages ([__builtin__kprobes], [__builtin__ftrace]), which
		 * ksymres does not index (README, limits).
		 */
		if (!strcmp(mod, "bpf") || !strncmp(mod, "__builtin__", 11))
			continue;
		if (ks->nr == cap) {
			cap = cap ? cap * 2 : 131072;
			ks->syms = realloc(ks->syms, cap * sizeof(*ks->syms));
			if (!ks->syms) {
				fclose(f);
				return -ENOMEM;
			}
		}
		ks->syms[ks->nr].addr = addr;
		ks->syms[ks->nr].type = type;
		ks->syms[ks->nr].name = strdup(name);
		ks->syms[ks->nr].module = strdup(mod);
		if (!mod[0])
			ks->nr_vmlinux = ks->nr + 1;
		ks->nr++;
	}
	fclose(f);
	return ks->nr ? 0 : -ENODATA;
}

static inline void kallsyms_free(struct kallsyms *ks)
{
	size_t i;

	for (i = 0; i < ks->nr; i++) {
		free(ks->syms[i].name);
		free(ks->syms[i].module);
	}
	free(ks->syms);
}

static inline const struct ksym *kallsyms_find(const struct kallsyms *ks,
					       const char *name,
					       const char *module)
{
	size_t i;

	for (i = 0; i < ks->nr; i++)
		if (!strcmp(ks->syms[i].name, name) &&
		    !strcmp(ks->syms[i].module, module))
			return &ks->syms[i];
	return NULL;
}

/* Index of the first vmlinux symbol at @addr (kallsyms is sorted), or -1. */
static inline long kallsyms_vmlinux_at(const struct kallsyms *ks, uint64_t addr)
{
	size_t lo = 0, hi = ks->nr_vmlinux;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ks->syms[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ks->nr_vmlinux && ks->syms[lo].addr == addr ? (long)lo : -1;
}

/* Number of module lines (symbols of loaded modules) in kallsyms. */
static inline size_t kallsyms_nr_module_syms(const struct kallsyms *ks)
{
	size_t i, n = 0;

	for (i = 0; i < ks->nr; i++)
		n += ks->syms[i].module[0] != '\0';
	return n;
}

/* Reads one unsigned number (any base strtoull takes) from a file. */
static inline int read_u64_file(const char *path, uint64_t *val)
{
	char buf[64];
	FILE *f = fopen(path, "r");
	int ret = -EIO;

	if (!f)
		return -errno;
	if (fgets(buf, sizeof(buf), f)) {
		*val = strtoull(buf, NULL, 0);
		ret = 0;
	}
	fclose(f);
	return ret;
}

/* Writes a sysctl, debugfs or proc file; 0 or -errno. */
static inline int write_file(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, value, strlen(value));
	close(fd);
	return n < 0 ? -errno : 0;
}

/* Reads one (as written back by write_file); 0 or -errno. */
static inline int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

static inline int ksr_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

static inline int ksr_resolve(int fd, const uint64_t *addrs, uint32_t count,
			      struct ksymres_sym *res, char *strtab,
			      uint32_t strtab_size, struct ksymres_resolve *out)
{
	struct ksymres_resolve r = {
		.size = sizeof(r),
		.count = count,
		.addrs = (uintptr_t)addrs,
		.results = (uintptr_t)res,
		.strtab = (uintptr_t)strtab,
		.strtab_size = strtab_size,
		.sym_size = sizeof(*res),
	};
	int ret = ksr_ioctl(fd, KSYMRES_IOC_RESOLVE, &r);

	if (out)
		*out = r;
	return ret;
}

/* Looks up one name; fills at most max results. */
static inline int ksr_lookup1(int fd, const char *name, struct ksymres_sym *res,
			      uint32_t max, char *strtab, uint32_t strtab_size,
			      struct ksymres_lookup *out)
{
	struct ksymres_lookup l = {
		.size = sizeof(l),
		.count = 1,
		.names_size = strlen(name) + 1,
		.names = (uintptr_t)name,
		.results = (uintptr_t)res,
		.max_results = max,
		.strtab = (uintptr_t)strtab,
		.strtab_size = strtab_size,
		.sym_size = sizeof(*res),
	};
	int ret = ksr_ioctl(fd, KSYMRES_IOC_LOOKUP, &l);

	if (out)
		*out = l;
	return ret;
}

static inline int ksr_info(int fd, struct ksymres_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	return ksr_ioctl(fd, KSYMRES_IOC_INFO, info);
}

static inline const char *testmod_path(const char *name, char *buf, size_t len)
{
	const char *dir = getenv("KSYMRES_TESTMOD_DIR");

	snprintf(buf, len, "%s/%s.ko", dir ? dir : "/ksymres/modules", name);
	return buf;
}

static inline int module_insert(const char *path)
{
	int fd = open(path, O_RDONLY);
	int ret;

	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return ret;
}

static inline int testmod_load(const char *name)
{
	char path[512];

	return module_insert(testmod_path(name, path, sizeof(path)));
}

static inline int testmod_unload(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? -errno : 0;
}

/* ksymres.ko itself, for the tests that remove and insert it again. */
static inline const char *ksymres_ko_path(void)
{
	const char *ko = getenv("KSYMRES_KO");

	return ko && *ko ? ko : "/ksymres/ksymres.ko";
}

static inline bool module_present(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return access(path, F_OK) == 0;
}

#endif /* KSYMRES_SELFTEST_UTIL_H */
