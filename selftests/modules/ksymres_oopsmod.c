// SPDX-License-Identifier: GPL-2.0-only
/*
 * Used only by the decode test: a misc device, /dev/ksymres_oops, whose
 * write handler oopses ("oops"), WARNs ("warn") or reads one byte past a
 * kmalloc()ed buffer ("kasan", for KASAN to report) on purpose, in process
 * context and holding no lock, so that the writer dies and the rest of the
 * kernel goes on (with panic_on_oops=0). The text it makes the kernel log
 * is what `ksymres decode` is tested on.
 */
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/* A frame of its own below the handler, so that the trace has two. */
static noinline int ksymres_oopsmod_deref(int *p)
{
	return READ_ONCE(*p);
}

static noinline void ksymres_oopsmod_warn(void)
{
	WARN(1, "ksymres_oopsmod: deliberate warning\n");
}

/* One byte past an 8-byte object: a KASAN slab-out-of-bounds report. */
static noinline int ksymres_oopsmod_oob(void)
{
	char *buf = kmalloc(8, GFP_KERNEL);
	int v;

	if (!buf)
		return -ENOMEM;
	OPTIMIZER_HIDE_VAR(buf);
	v = READ_ONCE(buf[8]);
	kfree(buf);
	return v;
}

static ssize_t ksymres_oopsmod_write(struct file *file, const char __user *buf,
				     size_t len, loff_t *ppos)
{
	char cmd[8] = { 0 };

	if (copy_from_user(cmd, buf, min(len, sizeof(cmd) - 1)))
		return -EFAULT;
	if (sysfs_streq(cmd, "oops"))
		return ksymres_oopsmod_deref(NULL);
	if (sysfs_streq(cmd, "kasan")) {
		ksymres_oopsmod_oob();
		return len;
	}
	if (sysfs_streq(cmd, "warn")) {
		ksymres_oopsmod_warn();
		return len;
	}
	return -EINVAL;
}

static const struct file_operations ksymres_oopsmod_fops = {
	.owner = THIS_MODULE,
	.write = ksymres_oopsmod_write,
	.llseek = noop_llseek,
};

static struct miscdevice ksymres_oopsmod_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "ksymres_oops",
	.fops = &ksymres_oopsmod_fops,
	.mode = 0200,
};

static int __init ksymres_oopsmod_init(void)
{
	return misc_register(&ksymres_oopsmod_dev);
}
module_init(ksymres_oopsmod_init);

static void __exit ksymres_oopsmod_exit(void)
{
	misc_deregister(&ksymres_oopsmod_dev);
}
module_exit(ksymres_oopsmod_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ksymres decode test: oopses, WARNs or overreads when written to");
