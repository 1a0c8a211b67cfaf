// SPDX-License-Identifier: GPL-2.0-only
/*
 * KSYMRES_IOC_DUMP: every symbol, page by page. The cursor is a position
 * in the flat order vmlinux, then each module; it only means something in
 * the generation it was handed out in, so a module load or unload between
 * pages (or while a page is built) ends the dump with ESTALE.
 */
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include "internal.h"
#include "ksyms.h"

long ksr_dump_ioctl(struct file *file, void *arg)
{
	struct ksymres_dump *cmd = arg;
	struct ksr_file *kf = file->private_data;
	struct ksr_hit *hits;
	struct ksr_out out;
	u64 gen, next, pos = cmd->cursor;
	u32 n, i;
	long ret;

	if (cmd->flags || cmd->__reserved)
		return -EINVAL;
	if (!cmd->max_results)
		return -EINVAL;
	if (cmd->max_results > KSYMRES_DUMP_MAX)
		return -E2BIG;
	ret = ksr_out_init(&out, cmd->results, cmd->sym_size, cmd->max_results,
			   cmd->strtab, cmd->strtab_size);
	if (ret)
		return ret;
	if (!(ksr_kernel.features & KSYMRES_FEAT_DUMP))
		return -EOPNOTSUPP;
	gen = ksr_generation();
	if (pos == KSYMRES_DUMP_END) {
		cmd->nr_results = 0;
		cmd->strtab_used = out.used;
		return 0;
	}
	if (pos && cmd->generation != gen)
		return -ESTALE;
	hits = kmalloc_array(KSR_CHUNK, sizeof(*hits), GFP_KERNEL);
	if (!hits)
		return -ENOMEM;

	while (!out.full) {
		down_read(&ksr_modules_lock);
		if (ksr_generation() != gen) {
			up_read(&ksr_modules_lock);
			ret = -ESTALE;
			break;
		}
		n = ksr_dump_chunk(pos, hits, KSR_CHUNK, &next);
		up_read(&ksr_modules_lock);
		if (!n) {
			pos = KSYMRES_DUMP_END;
			break;
		}
		for (i = 0; i < n; i++) {
			u32 before = ksr_out_count(&out);

			hits[i].query = 0;
			ret = ksr_out_emit(&out, &hits[i]);
			if (ret || ksr_out_count(&out) == before)
				break;
		}
		/* the next page starts at the first record that did not fit */
		pos = i < n ? hits[i].pos : next;
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
	if (ret)
		return ret;
	if (!out.nr && pos != KSYMRES_DUMP_END)
		return -EMSGSIZE;	/* not even one record fits */
	if (!cmd->cursor)
		WRITE_ONCE(kf->seen_generation, gen);
	cmd->cursor = pos;
	cmd->generation = gen;
	cmd->nr_results = out.nr;
	cmd->strtab_used = out.used;
	return 0;
}
