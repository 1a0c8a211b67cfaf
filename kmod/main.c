// SPDX-License-Identifier: GPL-2.0-only
/*
 * ksymres: /dev/ksymres, kernel addresses to symbols and names to
 * addresses, answered in the kernel.
 *
 * This file: the misc device, the access check at open, and the ioctl
 * dispatcher. Access follows /proc/kallsyms (kallsyms_show_value():
 * CAP_SYSLOG, kptr_restrict, perf_event_paranoid), judged once at open on
 * the opener's credentials, so that a file opened by a privileged process
 * keeps working after it drops privileges and a file opened without them
 * never sees an address.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "internal.h"
#include "ksyms.h"

static int ksr_open(struct inode *inode, struct file *file)
{
	struct ksr_file *kf;

	if (!ksr_may_see_addresses(file))
		return -EPERM;
	kf = kzalloc(sizeof(*kf), GFP_KERNEL);
	if (!kf)
		return -ENOMEM;
	kf->seen_generation = ksr_generation();
	file->private_data = kf;
	return nonseekable_open(inode, file);
}

static int ksr_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static __poll_t ksr_poll(struct file *file, poll_table *wait)
{
	struct ksr_file *kf = file->private_data;

	poll_wait(file, &ksr_generation_wait, wait);
	if (ksr_generation() != READ_ONCE(kf->seen_generation))
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

/* Every argument struct of every command, for one buffer on the stack. */
union ksr_ucmd {
	struct ksymres_info info;
	struct ksymres_resolve resolve;
	struct ksymres_lookup lookup;
	struct ksymres_dump dump;
	struct ksymres_modules modules;
};

/* The ABI has the same layout for 32- and 64-bit callers: no padding. */
static_assert(sizeof(struct ksymres_info) == 168);
static_assert(sizeof(struct ksymres_sym) == 56);
static_assert(sizeof(struct ksymres_resolve) == 56);
static_assert(sizeof(struct ksymres_lookup) == 80);
static_assert(sizeof(struct ksymres_dump) == 64);
static_assert(sizeof(struct ksymres_module) == 160);
static_assert(sizeof(struct ksymres_modules) == 40);

struct ksr_ioctl_op {
	unsigned int size;	/* the kernel's struct */
	unsigned int min_size;	/* the oldest struct accepted */
	long (*execute)(struct file *file, void *arg);
};

#define KSR_IOCTL_OP(_ioctl, _fn, _struct, _last)			\
	[_IOC_NR(_ioctl)] = {						\
		.size = sizeof(_struct),				\
		.min_size = offsetofend(_struct, _last),		\
		.execute = _fn,						\
	}

static const struct ksr_ioctl_op ksr_ioctl_ops[] = {
	KSR_IOCTL_OP(KSYMRES_IOC_INFO, ksr_info_ioctl, struct ksymres_info,
		     release),
	KSR_IOCTL_OP(KSYMRES_IOC_RESOLVE, ksr_resolve_ioctl,
		     struct ksymres_resolve, nr_found),
	KSR_IOCTL_OP(KSYMRES_IOC_LOOKUP, ksr_lookup_ioctl,
		     struct ksymres_lookup, __reserved),
	KSR_IOCTL_OP(KSYMRES_IOC_DUMP, ksr_dump_ioctl, struct ksymres_dump,
		     __reserved),
	KSR_IOCTL_OP(KSYMRES_IOC_MODULES, ksr_modules_ioctl,
		     struct ksymres_modules, generation),
};

/*
 * Matched on type and number only: the size that _IOWR() encodes is the
 * header's, the size field in the struct is the caller's (see the uapi
 * header). Which error wins: ENOTTY (command), then EFAULT (argument not
 * readable), EINVAL (size too small), E2BIG (size too large or non-zero
 * tail), then the command's own checks.
 */
static long ksr_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	const struct ksr_ioctl_op *op;
	union ksr_ucmd buf;
	unsigned int nr = _IOC_NR(cmd);
	u32 usize;
	long ret;

	if (_IOC_TYPE(cmd) != KSYMRES_TYPE ||
	    _IOC_DIR(cmd) != (_IOC_READ | _IOC_WRITE) ||
	    nr >= ARRAY_SIZE(ksr_ioctl_ops) || !ksr_ioctl_ops[nr].execute)
		return -ENOTTY;
	op = &ksr_ioctl_ops[nr];
	if (get_user(usize, (u32 __user *)uarg))
		return -EFAULT;
	if (usize < op->min_size)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	ret = copy_struct_from_user(&buf, op->size, uarg, usize);
	if (ret)
		return ret;
	ret = op->execute(file, &buf);
	/* Partial answers say how far they got: copy those back too. */
	if (!ret || ret == -EMSGSIZE || ret == -EINTR) {
		if (copy_to_user(uarg, &buf, min_t(u32, usize, op->size)))
			ret = -EFAULT;
	}
	return ret;
}

static const struct file_operations ksr_fops = {
	.owner = THIS_MODULE,
	.open = ksr_open,
	.release = ksr_release,
	.poll = ksr_poll,
	.unlocked_ioctl = ksr_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = no_llseek,
};

/*
 * No misc minor is reserved for ksymres (devices.txt), so by default it
 * takes a dynamic one, and opening /dev/ksymres cannot load the module:
 * the node exists only once the module has registered, and misc_open()
 * requests "char-major-10-<minor>" only for fixed minors. A site that
 * keeps track of its own minors may build with KSYMRES_MINOR set to one
 * of 243-254 ("reserved for local use"): the aliases below then let depmod
 * list the node in modules.devname, kmod static-nodes create it at boot,
 * and the first open load the module.
 */
#ifdef KSYMRES_MINOR
#if KSYMRES_MINOR < 243 || KSYMRES_MINOR > 254
#error "KSYMRES_MINOR: a misc minor reserved for local use, 243 to 254"
#endif
#define KSR_MINOR KSYMRES_MINOR
MODULE_ALIAS_MISCDEV(KSYMRES_MINOR);
MODULE_ALIAS("devname:" KSYMRES_DEVICE_NAME);
#else
#define KSR_MINOR MISC_DYNAMIC_MINOR
#endif

static struct miscdevice ksr_miscdev = {
	.minor = KSR_MINOR,
	.name = KSYMRES_DEVICE_NAME,
	.fops = &ksr_fops,
	.mode = 0600,
};

static int __init ksr_init(void)
{
	u64 t0 = ktime_get_ns();
	int ret;

	ret = ksr_ksyms_init();
	if (ret)
		return ret;
	if (!(ksr_kernel.features & KSYMRES_FEAT_RESOLVE))
		pr_warn("kallsyms not reachable: resolve, lookup and dump are unavailable\n");
	ret = ksr_modules_init();
	if (ret)
		goto err_ksyms;
	ret = misc_register(&ksr_miscdev);
	if (ret)
		goto err_modules;
	/* `make bench` reads the index size and the time to build it here. */
	pr_info("ready: %u vmlinux symbols, %zu bytes of index, built in %llu us, features 0x%x, module name filter %zu bytes\n",
		ksr_vmlinux ? ksr_vmlinux->nr : 0,
		ksr_vmlinux ? ksr_index_bytes(ksr_vmlinux) : 0,
		div_u64(ktime_get_ns() - t0, NSEC_PER_USEC), ksr_kernel.features,
		ksr_filter_bytes());
	return 0;

err_modules:
	ksr_modules_exit();
err_ksyms:
	ksr_ksyms_exit();
	return ret;
}

static void __exit ksr_exit(void)
{
	misc_deregister(&ksr_miscdev);
	ksr_modules_exit();
	ksr_ksyms_exit();
}

module_init(ksr_init);
module_exit(ksr_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Kernel address to symbol and symbol to address resolution");
MODULE_AUTHOR("The ksymres developers");
