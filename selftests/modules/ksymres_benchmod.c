// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bench-only: times the kernel's own symbol paths in-kernel, so that
 * `make bench` can put ksymres beside them in the same boot. Never loaded
 * by the tests.
 *
 * /sys/kernel/debug/ksymres_bench (root only): write one command, then read
 * its answer, one line of nanoseconds, one per item in the order given:
 *
 *	sprint ADDR...	sprint_symbol() on each hex address
 *	lookup NAME...	kallsyms_lookup_name() on each name (0 when missing)
 *
 * Each call is timed alone with ktime_get_ns(). kallsyms_lookup_name() is
 * not exported since 5.7: it is found as ksymres.ko finds it, through a
 * kprobe registered disabled, which fills in the address without arming it.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/* Biggest command accepted: about 12,000 addresses or names. */
#define KSR_BENCH_CMD_MAX	(256 * 1024)
/* One answer: up to 20 digits and a separator. */
#define KSR_BENCH_NUM_LEN	21

static unsigned long (*kb_lookup_name)(const char *name);
static_assert(__same_type(kb_lookup_name, &kallsyms_lookup_name));

static DEFINE_MUTEX(kb_lock);
static char *kb_answer;		/* under kb_lock */
static size_t kb_answer_len;
static struct dentry *kb_file;

static int kb_find_lookup_name(void)
{
	struct kprobe kp = {
		.symbol_name = "kallsyms_lookup_name",
		.flags = KPROBE_FLAG_DISABLED,
	};
	int ret;

	if (IS_ENABLED(CONFIG_X86_KERNEL_IBT))
		return -EOPNOTSUPP;
	ret = register_kprobe(&kp);
	if (ret)
		return ret;
	kb_lookup_name = (typeof(kb_lookup_name))kp.addr;
	unregister_kprobe(&kp);
	return kb_lookup_name ? 0 : -ENOENT;
}

/* Time one item; returns the nanoseconds or a negative errno. */
static s64 kb_time_one(bool sprint, char *item, char *sym)
{
	unsigned long addr;
	u64 t0, t1;

	if (sprint) {
		if (kstrtoul(item, 16, &addr))
			return -EINVAL;
		t0 = ktime_get_ns();
		sprint_symbol(sym, addr);
		t1 = ktime_get_ns();
	} else {
		t0 = ktime_get_ns();
		addr = kb_lookup_name(item);
		t1 = ktime_get_ns();
	}
	return t1 - t0;
}

static int kb_run(char *cmd)
{
	char *verb, *item, *sym, *ans;
	size_t cap, len = 0;
	bool sprint;
	s64 ns;
	int ret = 0;

	verb = strsep(&cmd, "\n ");
	if (!verb || !cmd)
		return -EINVAL;
	if (!strcmp(verb, "sprint"))
		sprint = true;
	else if (!strcmp(verb, "lookup") && kb_lookup_name)
		sprint = false;
	else
		return -EINVAL;

	/* At most one answer per two bytes of command. */
	cap = (strlen(cmd) / 2 + 1) * KSR_BENCH_NUM_LEN + 2;
	ans = kvmalloc(cap, GFP_KERNEL);
	sym = kmalloc(KSYM_SYMBOL_LEN, GFP_KERNEL);
	if (!ans || !sym) {
		ret = -ENOMEM;
		goto out;
	}
	while ((item = strsep(&cmd, "\n "))) {
		if (!*item)
			continue;
		ns = kb_time_one(sprint, item, sym);
		if (ns < 0) {
			ret = ns;
			goto out;
		}
		len += scnprintf(ans + len, cap - len, "%s%lld",
				 len ? " " : "", ns);
		cond_resched();
	}
	len += scnprintf(ans + len, cap - len, "\n");
	kvfree(kb_answer);
	kb_answer = ans;
	kb_answer_len = len;
	ans = NULL;
out:
	kfree(sym);
	kvfree(ans);
	return ret;
}

static ssize_t kb_write(struct file *file, const char __user *buf,
			size_t count, loff_t *ppos)
{
	char *cmd;
	int ret;

	if (*ppos || count > KSR_BENCH_CMD_MAX)
		return -E2BIG;
	cmd = memdup_user_nul(buf, count);
	if (IS_ERR(cmd))
		return PTR_ERR(cmd);
	mutex_lock(&kb_lock);
	ret = kb_run(cmd);
	mutex_unlock(&kb_lock);
	kfree(cmd);
	return ret ? ret : count;
}

static ssize_t kb_read(struct file *file, char __user *buf, size_t count,
		       loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&kb_lock);
	ret = simple_read_from_buffer(buf, count, ppos, kb_answer,
				      kb_answer_len);
	mutex_unlock(&kb_lock);
	return ret;
}

static const struct file_operations kb_fops = {
	.owner = THIS_MODULE,
	.write = kb_write,
	.read = kb_read,
	.llseek = default_llseek,
};

static int __init kb_init(void)
{
	if (kb_find_lookup_name())
		pr_info("kallsyms_lookup_name not found: only sprint is timed\n");
	kb_file = debugfs_create_file("ksymres_bench", 0600, NULL, NULL,
				      &kb_fops);
	return 0;
}

static void __exit kb_exit(void)
{
	debugfs_remove(kb_file);
	kvfree(kb_answer);
}

module_init(kb_init);
module_exit(kb_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ksymres bench: times sprint_symbol and kallsyms_lookup_name");
