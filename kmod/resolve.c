// SPDX-License-Identifier: GPL-2.0-only
/* KSYMRES_IOC_RESOLVE: a batch of addresses to symbols. */
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "internal.h"
#include "ksyms.h"

long ksr_resolve_ioctl(struct file *file, void *arg)
{
	struct ksymres_resolve *cmd = arg;
	u64 __user *uaddrs = u64_to_user_ptr(cmd->addrs);
	u64 addrs[KSR_CHUNK];
	struct ksr_hit *hits;
	struct ksr_out out;
	u32 done, n, i, found = 0;
	long ret;

	if (cmd->flags)
		return -EINVAL;
	if (!cmd->count)
		return -EINVAL;
	if (cmd->count > KSYMRES_RESOLVE_MAX)
		return -E2BIG;
	ret = ksr_out_init(&out, cmd->results, cmd->sym_size, cmd->count,
			   cmd->strtab, cmd->strtab_size);
	if (ret)
		return ret;
	if (!uaddrs)
		return -EFAULT;
	if (!(ksr_kernel.features & KSYMRES_FEAT_RESOLVE))
		return -EOPNOTSUPP;
	/* as many as this call needs: small calls are the common ones */
	hits = kmalloc_array(min_t(u32, KSR_CHUNK, cmd->count), sizeof(*hits),
			     GFP_KERNEL);
	if (!hits)
		return -ENOMEM;

	for (done = 0; done < cmd->count; done += n) {
		n = min_t(u32, KSR_CHUNK, cmd->count - done);
		if (copy_from_user(addrs, uaddrs + done, n * sizeof(*addrs))) {
			ret = -EFAULT;
			break;
		}
		down_read(&ksr_modules_lock);
		for (i = 0; i < n; i++) {
			hits[i].flags = 0;
			hits[i].query = 0;
			if (!ksr_resolve_one(addrs[i], &hits[i]))
				hits[i].addr = addrs[i];
		}
		up_read(&ksr_modules_lock);
		for (i = 0; i < n && !ret; i++) {
			u32 before = ksr_out_count(&out);

			ret = ksr_out_emit(&out, &hits[i]);
			if (ksr_out_count(&out) != before &&
			    (hits[i].flags & KSYMRES_SYM_FOUND))
				found++;
		}
		if (ret)
			break;
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		cond_resched();
	}
	kfree(hits);
	ret = ksr_out_finish(&out, ret);
	cmd->nr_done = out.nr;
	cmd->nr_found = found;
	cmd->strtab_used = out.full ? out.needed : out.used;
	if (!ret && out.full)
		ret = -EMSGSIZE;
	return ret;
}
