// SPDX-License-Identifier: GPL-2.0-only
/*
 * Who may see addresses: the rules of /proc/kallsyms (CAP_SYSLOG,
 * kptr_restrict, perf_event_paranoid), judged on the opener's credentials
 * at open(), and the 0600 node. Each case runs its unprivileged part in a
 * child process, so that dropped privileges do not leak into other tests;
 * the sysctls are restored after each test.
 */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <grp.h>
#include <sys/wait.h>

#include "ksymres_util.h"

#define KPTR_RESTRICT "/proc/sys/kernel/kptr_restrict"
#define PERF_PARANOID "/proc/sys/kernel/perf_event_paranoid"

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

static int become_nobody(void)
{
	return setgroups(0, NULL) || setgid(65534) || setuid(65534) ? -errno : 0;
}

/* Does /proc/kallsyms show this process real addresses? */
static bool kallsyms_shows_addresses(void)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	unsigned long long addr = 0;
	char line[256];
	bool shown = false;

	if (!f)
		return false;
	while (!shown && fgets(line, sizeof(line), f))
		shown = sscanf(line, "%llx", &addr) == 1 && addr;
	fclose(f);
	return shown;
}

/* Child exit codes: 0 as expected, else which step went wrong. */
enum { CHILD_OK, CHILD_DROP, CHILD_OPENED, CHILD_ERRNO, CHILD_IOCTL,
       CHILD_KALLSYMS, CHILD_REOPENED, CHILD_NO_ADDR };

static const char *const child_what[] = {
	"ok", "could not drop privileges", "open succeeded",
	"open failed with another errno", "ioctl on the kept file failed",
	"/proc/kallsyms disagrees", "a new open succeeded",
	"the kept file answers without addresses",
};

static int wait_child(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* ---- who may open: one variant per privilege setting ---- */

FIXTURE(opener) {
	char kptr[16], paranoid[16];
};

FIXTURE_VARIANT(opener) {
	const char *kptr_restrict;	/* NULL: leave as it is */
	const char *perf_paranoid;
	bool drop_cap_syslog;
	bool nobody;
	int error;			/* 0: open succeeds */
};

FIXTURE_VARIANT_ADD(opener, root) {
	.kptr_restrict = "0", .perf_paranoid = "2", .error = 0,
};
FIXTURE_VARIANT_ADD(opener, root_with_kptr_restrict_1) {
	.kptr_restrict = "1", .perf_paranoid = "2", .error = 0,
};
FIXTURE_VARIANT_ADD(opener, root_with_kptr_restrict_2) {
	.kptr_restrict = "2", .perf_paranoid = "2", .error = EPERM,
};
FIXTURE_VARIANT_ADD(opener, root_without_cap_syslog) {
	.kptr_restrict = "0", .perf_paranoid = "2", .drop_cap_syslog = true,
	.error = EPERM,
};
FIXTURE_VARIANT_ADD(opener, root_without_cap_syslog_kptr_restrict_1) {
	.kptr_restrict = "1", .perf_paranoid = "1", .drop_cap_syslog = true,
	.error = EPERM,
};
/* kptr_restrict 0 with perf_event_paranoid <= 1 shows kallsyms to all. */
FIXTURE_VARIANT_ADD(opener, root_without_cap_syslog_perf_paranoid_1) {
	.kptr_restrict = "0", .perf_paranoid = "1", .drop_cap_syslog = true,
	.error = 0,
};
FIXTURE_VARIANT_ADD(opener, uid_nobody) {
	.kptr_restrict = "0", .perf_paranoid = "2", .nobody = true,
	.error = EACCES,
};

FIXTURE_SETUP(opener)
{
	ASSERT_EQ(0, read_file(KPTR_RESTRICT, self->kptr, sizeof(self->kptr)));
	ASSERT_EQ(0, read_file(PERF_PARANOID, self->paranoid,
				 sizeof(self->paranoid)));
	if (variant->kptr_restrict)
		ASSERT_EQ(0, write_file(KPTR_RESTRICT, variant->kptr_restrict));
	if (variant->perf_paranoid)
		ASSERT_EQ(0, write_file(PERF_PARANOID, variant->perf_paranoid));
}

FIXTURE_TEARDOWN(opener)
{
	write_file(KPTR_RESTRICT, self->kptr);
	write_file(PERF_PARANOID, self->paranoid);
}

static int drop(const FIXTURE_VARIANT(opener) *variant)
{
	if (variant->drop_cap_syslog && drop_cap_syslog())
		return -1;
	if (variant->nobody && become_nobody())
		return -1;
	return 0;
}

TEST_F(opener, open_follows_the_rules_of_proc_kallsyms)
{
	pid_t pid = fork();
	int code;

	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd;

		if (drop(variant))
			_exit(CHILD_DROP);
		fd = open(KSR_DEV, O_RDWR);
		if (variant->error) {
			if (fd >= 0)
				_exit(CHILD_OPENED);
			_exit(errno == variant->error ? CHILD_OK : CHILD_ERRNO);
		}
		if (fd < 0)
			_exit(CHILD_ERRNO);
		_exit(CHILD_OK);
	}
	code = wait_child(pid);
	EXPECT_EQ(CHILD_OK, code) TH_LOG("%s", code >= 0 && code <= CHILD_NO_ADDR ?
					 child_what[code] : "child died");
}

/* Where the node lets the caller in, ksymres and kallsyms agree. */
TEST_F(opener, open_succeeds_exactly_when_proc_kallsyms_shows_addresses)
{
	pid_t pid;
	int code;

	if (variant->nobody)
		SKIP(return, "the 0600 node refuses uid nobody before any kallsyms rule");
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd;

		if (drop(variant))
			_exit(CHILD_DROP);
		fd = open(KSR_DEV, O_RDWR);
		_exit((fd >= 0) == kallsyms_shows_addresses() ? CHILD_OK :
							      CHILD_KALLSYMS);
	}
	code = wait_child(pid);
	EXPECT_EQ(CHILD_OK, code) TH_LOG("%s", code >= 0 && code <= CHILD_NO_ADDR ?
					 child_what[code] : "child died");
}

/* ---- a file opened with privilege keeps it; the reverse never ---- */

FIXTURE(kept) {
	char kptr[16];
	uint64_t schedule;
};

FIXTURE_VARIANT(kept) {
	bool drop_cap_syslog;
	bool nobody;
	bool kptr_restrict_2;
};

FIXTURE_VARIANT_ADD(kept, after_dropping_cap_syslog) {
	.drop_cap_syslog = true,
};
FIXTURE_VARIANT_ADD(kept, after_becoming_uid_nobody) {
	.nobody = true,
};
FIXTURE_VARIANT_ADD(kept, after_kptr_restrict_becomes_2) {
	.kptr_restrict_2 = true,
};

FIXTURE_SETUP(kept)
{
	struct kallsyms ks;

	ASSERT_EQ(0, read_file(KPTR_RESTRICT, self->kptr, sizeof(self->kptr)));
	ASSERT_EQ(0, kallsyms_load(&ks));
	ASSERT_NE(NULL, kallsyms_find(&ks, "schedule", ""));
	self->schedule = kallsyms_find(&ks, "schedule", "")->addr;
	kallsyms_free(&ks);
}

FIXTURE_TEARDOWN(kept)
{
	write_file(KPTR_RESTRICT, self->kptr);
}

TEST_F(kept, a_file_opened_with_privilege_keeps_answering)
{
	pid_t pid = fork();
	int code;

	ASSERT_LE(0, pid);
	if (pid == 0) {
		static char tab[256];
		struct ksymres_info info;
		struct ksymres_sym res;
		uint64_t addr = self->schedule + 1;
		int fd = open(KSR_DEV, O_RDWR);

		if (fd < 0)
			_exit(CHILD_ERRNO);
		if (variant->kptr_restrict_2 &&
		    write_file(KPTR_RESTRICT, "2"))
			_exit(CHILD_DROP);
		if (variant->drop_cap_syslog && drop_cap_syslog())
			_exit(CHILD_DROP);
		if (variant->nobody && become_nobody())
			_exit(CHILD_DROP);
		if (ksr_info(fd, &info) ||
		    ksr_resolve(fd, &addr, 1, &res, tab, sizeof(tab), NULL))
			_exit(CHILD_IOCTL);
		if (!info.text_start || res.start != self->schedule ||
		    strcmp(tab + res.name_off, "schedule"))
			_exit(CHILD_NO_ADDR);
		/* The process itself may not open a new one. */
		if (open(KSR_DEV, O_RDWR) >= 0)
			_exit(CHILD_REOPENED);
		_exit(CHILD_OK);
	}
	code = wait_child(pid);
	EXPECT_EQ(CHILD_OK, code) TH_LOG("%s", code >= 0 && code <= CHILD_NO_ADDR ?
					 child_what[code] : "child died");
}

TEST_HARNESS_MAIN
