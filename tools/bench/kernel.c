// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's own paths, timed in-kernel by ksymres_benchmod (bench-only,
 * selftests/modules): write "sprint ADDR..." or "lookup NAME..." to its
 * debugfs file, read back one line of nanoseconds, one per item.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#define BENCHMOD_FILE	"/sys/kernel/debug/ksymres_bench"
/* The module takes at most 256 KiB per command. */
#define CMD_MAX		(200 * 1024)

int kernel_timing_available(void)
{
	return access(BENCHMOD_FILE, W_OK) ? -errno : 0;
}

static int run_cmd(const char *cmd, size_t len, struct samples *out)
{
	size_t cap = 1 << 20, got = 0;
	char *ans = malloc(cap), *p, *end;
	ssize_t r;
	int fd, ret = 0;

	if (!ans)
		return -ENOMEM;
	fd = open(BENCHMOD_FILE, O_RDWR);
	if (fd < 0) {
		free(ans);
		return -errno;
	}
	if (write(fd, cmd, len) != (ssize_t)len) {
		ret = -errno;
		goto out;
	}
	lseek(fd, 0, SEEK_SET);
	while ((r = read(fd, ans + got, cap - got - 1)) > 0)
		got += r;
	ans[got] = '\0';
	for (p = ans;; p = end) {
		unsigned long long ns = strtoull(p, &end, 10);

		if (end == p)
			break;
		samples_add(out, ns);
	}
out:
	close(fd);
	free(ans);
	return ret;
}

/* Sends items in commands of at most CMD_MAX bytes. */
static int run_items(const char *verb, char *const *items, size_t n,
		     struct samples *out)
{
	char *cmd = malloc(CMD_MAX + 600);
	size_t len = 0, i;
	int ret = 0;

	if (!cmd)
		return -ENOMEM;
	for (i = 0; i < n && !ret; i++) {
		if (!len)
			len = sprintf(cmd, "%s", verb);
		len += snprintf(cmd + len, 600, " %.511s", items[i]);
		if (len > CMD_MAX || i + 1 == n) {
			ret = run_cmd(cmd, len, out);
			len = 0;
		}
	}
	free(cmd);
	return ret;
}

int kernel_time_addrs(const uint64_t *addrs, size_t n, struct samples *out)
{
	char **items = calloc(n, sizeof(*items));
	int ret = 0;

	if (!items)
		return -ENOMEM;
	for (size_t i = 0; i < n && !ret; i++)
		if (asprintf(&items[i], "%" PRIx64, addrs[i]) < 0)
			ret = -ENOMEM;
	if (!ret)
		ret = run_items("sprint", items, n, out);
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
	return ret;
}

int kernel_time_names(char *const *names, size_t n, struct samples *out)
{
	return run_items("lookup", names, n, out);
}
