// SPDX-License-Identifier: GPL-2.0-only
/* KSYMRES_IOC_LOOKUP: names ("name", "mod:name", "vmlinux:name") to addresses. */
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "internal.h"
#include "ksyms.h"

/*
 * Check every name before answering any, so that a malformed batch changes
 * nothing; split qualifiers in place (the ':' becomes a NUL).
 */
static int ksr_parse_names(char *buf, u32 size, u32 count)
{
	char *p = buf, *end = buf + size, *colon;
	u32 q;

	for (q = 0; q < count; q++) {
		size_t len;

		if (p >= end)
			return -EINVAL;
		len = strnlen(p, end - p);
		if (len == (size_t)(end - p) || !len)
			return -EINVAL;		/* no NUL, or empty */
		colon = strchr(p, ':');
		if (colon) {
			if (colon == p || !colon[1] ||
			    colon - p >= KSYMRES_MODULE_NAME_MAX ||
			    strlen(colon + 1) >= KSYMRES_NAME_MAX)
				return -EINVAL;
		} else if (len >= KSYMRES_NAME_MAX) {
			return -EINVAL;
		}
		p += len + 1;
	}
	return p == end ? 0 : -EINVAL;
}

/*
 * Each round walks the matches from the first, so a name with many (static
 * names repeat across vmlinux and modules) gets room for KSR_CHUNK a round
 * once it shows it has more than KSR_LOOKUP_CHUNK.
 */
static int ksr_lookup_name(struct ksr_out *out, struct ksr_hit **hits,
			   u32 *cap, u32 query, char *spec, bool first,
			   u32 *total)
{
	char *colon = strchr(spec, ':');
	const char *module = NULL, *name = spec;
	struct ksr_hit *more;
	u32 skip = 0, n, i;
	int ret;

	if (colon) {
		*colon = '\0';
		module = spec;
		name = colon + 1;
	}
	do {
		down_read(&ksr_modules_lock);
		n = ksr_lookup_one(module, name, first, skip, *hits, *cap,
				   total);
		up_read(&ksr_modules_lock);
		for (i = 0; i < n; i++) {
			(*hits)[i].query = query;
			ret = ksr_out_emit(out, &(*hits)[i]);
			if (ret)
				return ret;
		}
		skip += n;
		if (n && skip < *total && *cap < KSR_CHUNK) {
			more = krealloc_array(*hits, KSR_CHUNK, sizeof(**hits),
					      GFP_KERNEL);
			if (more) {
				*hits = more;
				*cap = KSR_CHUNK;
			}
		}
	} while (n && skip < *total);
	return 0;
}

long ksr_lookup_ioctl(struct file *file, void *arg)
{
	struct ksymres_lookup *cmd = arg;
	u32 __user *counts = u64_to_user_ptr(cmd->counts);
	struct ksr_hit *hits = NULL;
	struct ksr_out out;
	bool first = cmd->flags & KSYMRES_LOOKUP_FIRST;
	char *names, *p;
	u32 q, total, cap;
	long ret;

	if ((cmd->flags & ~KSYMRES_LOOKUP_FIRST) || cmd->__reserved)
		return -EINVAL;
	if (!cmd->count || !cmd->names_size)
		return -EINVAL;
	if (cmd->count > KSYMRES_LOOKUP_MAX ||
	    cmd->names_size > KSYMRES_LOOKUP_NAMES_MAX)
		return -E2BIG;
	ret = ksr_out_init(&out, cmd->results, cmd->sym_size, cmd->max_results,
			   cmd->strtab, cmd->strtab_size);
	if (ret)
		return ret;
	if (!(ksr_kernel.features & KSYMRES_FEAT_LOOKUP))
		return -EOPNOTSUPP;
	names = vmemdup_user(u64_to_user_ptr(cmd->names), cmd->names_size);
	if (IS_ERR(names))
		return PTR_ERR(names);
	ret = ksr_parse_names(names, cmd->names_size, cmd->count);
	if (ret)
		goto out_free;
	/* a hit is 600 bytes, zeroed on allocation: no more than needed */
	cap = first ? 1 : KSR_LOOKUP_CHUNK;
	hits = kmalloc_array(cap, sizeof(*hits), GFP_KERNEL);
	if (!hits) {
		ret = -ENOMEM;
		goto out_free;
	}
	/* counts[] is written before the first record: allocate first */
	ret = ksr_out_stage(&out);
	if (ret)
		goto out_free;

	cmd->nr_results = 0;
	cmd->nr_found = 0;
	for (q = 0, p = names; q < cmd->count; q++) {
		size_t len = strlen(p);

		ret = ksr_lookup_name(&out, &hits, &cap, q, p, first, &total);
		if (ret)
			break;
		if (counts && put_user(total, counts + q)) {
			ret = -EFAULT;
			break;
		}
		cmd->nr_results += total;
		cmd->nr_found += total != 0;
		p += len + 1;
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		cond_resched();
	}
	ret = ksr_out_finish(&out, ret);
	cmd->nr_done = out.nr;
	cmd->strtab_used = out.full ? out.needed : out.used;
	if (!ret && out.full)
		ret = -EMSGSIZE;
out_free:
	kfree(hits);
	kvfree(names);
	return ret;
}
