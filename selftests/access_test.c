// SPDX-License-Identifier: GPL-2.0-only
/*
 * Who may see addresses: the rules of /proc/kallsyms, judged on the
 * opener's credentials at open(). Each case runs in a child process, so
 * that dropped privileges do not leak into the other tests.
 */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ksymres_util.h"

static int drop_cap_syslog(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -errno;
	data[CAP_SYSLOG / 32].effective &= ~(1u << (CAP_SYSLOG % 32));
	data[CAP_SYSLOG / 32].permitted &= ~(1u << (CAP_SYSLOG % 32));
	data[CAP_SYSLOG / 32].inheritable &= ~(1u << (CAP_SYSLOG % 32));
	return syscall(SYS_capset, &hdr, data) ? -errno : 0;
}

static int write_sysctl(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, value, strlen(value));
	close(fd);
	return n < 0 ? -errno : 0;
}

static int read_sysctl(const char *path, char *buf, size_t len)
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

/* The exit status of a child running fn(): 0 on success, else a code. */
static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int open_without_cap_syslog(void)
{
	if (drop_cap_syslog())
		return 10;
	if (open(KSR_DEV, O_RDWR) >= 0)
		return 11;
	return errno == EPERM ? 0 : 12;
}

static int fd_opened_before_dropping_keeps_working(void)
{
	struct ksymres_info info;
	int fd = open(KSR_DEV, O_RDWR);

	if (fd < 0)
		return 10;
	if (drop_cap_syslog())
		return 11;
	if (ksr_info(fd, &info) || !info.text_start)
		return 12;
	/* The process itself may not open a new one. */
	return open(KSR_DEV, O_RDWR) < 0 && errno == EPERM ? 0 : 13;
}

static int open_as_nobody(void)
{
	if (setgid(65534) || setuid(65534))
		return 10;
	if (open(KSR_DEV, O_RDWR) >= 0)
		return 11;
	return errno == EACCES ? 0 : 12;
}

TEST(open_without_cap_syslog_is_eperm)
{
	EXPECT_EQ(0, in_child(open_without_cap_syslog));
}

TEST(a_file_opened_with_privilege_keeps_working_after_dropping_it)
{
	EXPECT_EQ(0, in_child(fd_opened_before_dropping_keeps_working));
}

TEST(the_device_node_is_root_only)
{
	EXPECT_EQ(0, in_child(open_as_nobody));
}

FIXTURE(kptr_restrict) {
	char saved[16];
};

FIXTURE_SETUP(kptr_restrict)
{
	ASSERT_EQ(0, read_sysctl("/proc/sys/kernel/kptr_restrict",
				 self->saved, sizeof(self->saved)));
}

FIXTURE_TEARDOWN(kptr_restrict)
{
	write_sysctl("/proc/sys/kernel/kptr_restrict", self->saved);
}

TEST_F(kptr_restrict, two_refuses_even_root)
{
	int fd;

	ASSERT_EQ(0, write_sysctl("/proc/sys/kernel/kptr_restrict", "2"));
	fd = open(KSR_DEV, O_RDWR);
	EXPECT_GT(0, fd);
	EXPECT_EQ(EPERM, errno);
	if (fd >= 0)
		close(fd);
}

TEST_F(kptr_restrict, one_allows_root_with_cap_syslog)
{
	int fd;

	ASSERT_EQ(0, write_sysctl("/proc/sys/kernel/kptr_restrict", "1"));
	fd = open(KSR_DEV, O_RDWR);
	EXPECT_LE(0, fd);
	if (fd >= 0)
		close(fd);
	EXPECT_EQ(0, in_child(open_without_cap_syslog));
}

TEST_HARNESS_MAIN
