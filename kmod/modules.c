// SPDX-License-Identifier: GPL-2.0-only
/*
 * Module tables: one ksr_table per loaded module, built by the module
 * notifier when the module is COMING (so its init symbols are in it) and
 * dropped when it is GOING; the generation counter moves on both. The
 * tables of the last few unloaded modules are kept as tombstones, so that
 * an address of code that is gone (a leak report after rmmod, an oops in a
 * module's init) still resolves, flagged KSYMRES_SYM_GONE.
 *
 * ksr_modules_lock (rw_semaphore) protects ksr_mods, ksr_tombstones and
 * every table reached from them; the notifier writes, the ioctls read.
 * A struct module reached from ksr_mods is alive while the lock is held:
 * the GOING notifier removes it under the write lock before it is freed.
 */
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/moduleparam.h>
#include <linux/notifier.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "internal.h"

static unsigned int tombstones = 8;
bool ksr_have_module_list;
module_param(tombstones, uint, 0444);
MODULE_PARM_DESC(tombstones,
		 "symbol tables of unloaded modules kept for addresses of code that is gone (default 8)");

struct ksr_mod {
	struct list_head node;
	struct module *mod;	/* NULL once unloaded */
	char name[KSYMRES_MODULE_NAME_MAX];
	struct ksr_table *t;
	unsigned long core_lo, core_hi, init_lo, init_hi;
	bool init_gone;		/* init has run: its memory is (being) freed */
	u64 gone_seq;		/* generation when code went: newest wins */
};

DECLARE_RWSEM(ksr_modules_lock);
DECLARE_WAIT_QUEUE_HEAD(ksr_generation_wait);
static LIST_HEAD(ksr_mods);
static LIST_HEAD(ksr_tombstones);
static unsigned int ksr_nr_tombstones;
static atomic64_t ksr_gen = ATOMIC64_INIT(1);

unsigned int ksr_max_tombstones(void)
{
	return tombstones;
}

u64 ksr_generation(void)
{
	return atomic64_read(&ksr_gen);
}

static void ksr_wake_pollers(void)
{
	wake_up_interruptible_all(&ksr_generation_wait);
}

static void ksr_mod_free(struct ksr_mod *m)
{
	ksr_table_free(m->t);
	kfree(m);
}

static struct ksr_mod *ksr_find_mod(struct module *mod)
{
	struct ksr_mod *m;

	lockdep_assert_held(&ksr_modules_lock);
	list_for_each_entry(m, &ksr_mods, node)
		if (m->mod == mod)
			return m;
	return NULL;
}

static int ksr_add_module(struct module *mod, void *unused)
{
	struct ksr_mod *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return -ENOMEM;
	m->t = ksr_build_module_table(mod);
	if (!m->t) {
		kfree(m);
		return -ENOMEM;
	}
	m->mod = mod;
	strscpy(m->name, mod->name, sizeof(m->name));
	m->core_lo = (unsigned long)mod->core_layout.base;
	m->core_hi = m->core_lo + mod->core_layout.size;
	m->init_lo = (unsigned long)mod->init_layout.base;
	m->init_hi = m->init_lo + mod->init_layout.size;
	m->init_gone = mod->state == MODULE_STATE_LIVE;

	down_write(&ksr_modules_lock);
	if (ksr_find_mod(mod)) {
		up_write(&ksr_modules_lock);
		ksr_mod_free(m);
		return 0;
	}
	list_add_tail(&m->node, &ksr_mods);
	/* under the lock: a dump never sees a new list with an old generation */
	atomic64_inc(&ksr_gen);
	up_write(&ksr_modules_lock);
	return 0;
}

static void ksr_remove_module(struct module *mod)
{
	struct ksr_mod *m, *old = NULL;

	down_write(&ksr_modules_lock);
	m = ksr_find_mod(mod);
	if (m) {
		m->mod = NULL;
		m->init_gone = true;
		m->gone_seq = ksr_generation();
		list_move(&m->node, &ksr_tombstones);
		if (++ksr_nr_tombstones > tombstones) {
			old = list_last_entry(&ksr_tombstones, struct ksr_mod,
					      node);
			list_del(&old->node);
			ksr_nr_tombstones--;
		}
		atomic64_inc(&ksr_gen);
	}
	up_write(&ksr_modules_lock);
	if (old)
		ksr_mod_free(old);
}

static int ksr_module_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	struct module *mod = data;
	struct ksr_mod *m;

	switch (action) {
	case MODULE_STATE_COMING:
		if (ksr_add_module(mod, NULL))
			pr_warn_ratelimited("no symbols for module %s: out of memory\n",
					    mod->name);
		ksr_wake_pollers();
		break;
	case MODULE_STATE_LIVE:
		down_write(&ksr_modules_lock);
		m = ksr_find_mod(mod);
		if (m) {
			m->init_gone = true;
			m->gone_seq = ksr_generation();
		}
		up_write(&ksr_modules_lock);
		break;
	case MODULE_STATE_GOING:
		ksr_remove_module(mod);
		ksr_wake_pollers();
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block ksr_module_nb = {
	.notifier_call = ksr_module_notify,
};

int ksr_modules_init(void)
{
	int ret = register_module_notifier(&ksr_module_nb);

	if (ret)
		return ret;
	/* Modules loaded before us; the notifier covers the ones that race. */
	ret = ksr_walk_modules(ksr_add_module, NULL);
	ksr_have_module_list = ret != -EOPNOTSUPP;
	if (ret == -EOPNOTSUPP) {
		pr_info("module list not reachable: modules loaded before ksymres are not indexed\n");
		ret = 0;
	}
	if (ret)
		ksr_modules_exit();
	return ret;
}

static void ksr_free_list(struct list_head *list)
{
	struct ksr_mod *m, *tmp;

	list_for_each_entry_safe(m, tmp, list, node) {
		list_del(&m->node);
		ksr_mod_free(m);
	}
}

void ksr_modules_exit(void)
{
	unregister_module_notifier(&ksr_module_nb);
	down_write(&ksr_modules_lock);
	ksr_free_list(&ksr_mods);
	ksr_free_list(&ksr_tombstones);
	ksr_nr_tombstones = 0;
	up_write(&ksr_modules_lock);
}

u32 ksr_nr_modules(u32 *nr_syms)
{
	struct ksr_mod *m;
	u32 nr = 0;

	lockdep_assert_held(&ksr_modules_lock);
	*nr_syms = 0;
	list_for_each_entry(m, &ksr_mods, node) {
		nr++;
		*nr_syms += m->t->nr;
	}
	return nr;
}

static u8 ksr_class_of(const struct ksr_table *t, u32 idx)
{
	unsigned long addr = t->addr[idx];
	const struct ksr_kernel *k = &ksr_kernel;

	switch (t->type[idx]) {
	case 't': case 'T':
		return KSYMRES_CLASS_TEXT;
	case 'r': case 'R':
		return KSYMRES_CLASS_RODATA;
	case 'd': case 'D': case 'g': case 'G':
		return KSYMRES_CLASS_DATA;
	case 'b': case 'B': case 's': case 'S':
		return KSYMRES_CLASS_BSS;
	case 'a': case 'A':
		return KSYMRES_CLASS_ABS;
	}
	if (t != ksr_vmlinux)
		return KSYMRES_CLASS_UNKNOWN;
	/* vmlinux symbols carry no type letter: use the section bounds */
	if (addr >= k->percpu_start && addr < k->percpu_end && addr < k->text)
		return KSYMRES_CLASS_PERCPU;
	if ((addr >= k->text && addr < k->etext) ||
	    (addr >= k->inittext_start && addr < k->inittext_end))
		return KSYMRES_CLASS_TEXT;
	if (addr >= k->rodata_start && addr < k->rodata_end)
		return KSYMRES_CLASS_RODATA;
	if (addr >= k->bss_start && addr < k->bss_end)
		return KSYMRES_CLASS_BSS;
	if (addr >= k->data_start && addr < k->data_end)
		return KSYMRES_CLASS_DATA;
	return KSYMRES_CLASS_UNKNOWN;
}

void ksr_hit_fill(struct ksr_hit *hit, const struct ksr_table *t, u32 idx,
		  const char *module, u32 extra_flags)
{
	unsigned long start = t->addr[idx];

	hit->start = start;
	hit->size = ksr_table_sym_size(t, idx);
	hit->flags = KSYMRES_SYM_FOUND | extra_flags;
	if (t->flags[idx] & KSR_F_EXPORTED)
		hit->flags |= KSYMRES_SYM_EXPORTED;
	if (t->flags[idx] & KSR_F_INIT)
		hit->flags |= KSYMRES_SYM_INIT;
	if (module)
		hit->flags |= KSYMRES_SYM_MODULE;
	hit->type = t->type[idx];
	hit->sym_class = ksr_class_of(t, idx);
	strscpy(hit->name, t->pool + t->name[idx], sizeof(hit->name));
	strscpy(hit->module, module ?: "", sizeof(hit->module));
}

static bool ksr_in(unsigned long addr, unsigned long lo, unsigned long hi)
{
	return lo <= addr && addr < hi;
}

static bool ksr_resolve_in(struct ksr_mod *m, unsigned long addr,
			   struct ksr_hit *hit, u32 flags)
{
	long idx = ksr_table_find_addr(m->t, addr);

	if (idx < 0)
		return false;
	ksr_hit_fill(hit, m->t, idx, m->name, flags);
	return true;
}

/* Resolve one address; called with ksr_modules_lock held for reading. */
bool ksr_resolve_one(unsigned long addr, struct ksr_hit *hit)
{
	const struct ksr_kernel *k = &ksr_kernel;
	struct ksr_mod *m, *gone = NULL;
	long idx;

	lockdep_assert_held(&ksr_modules_lock);
	hit->addr = addr;
	if (ksr_in(addr, k->text, k->end)) {
		idx = ksr_table_find_addr(ksr_vmlinux, addr);
		if (idx < 0)
			return false;
		ksr_hit_fill(hit, ksr_vmlinux, idx, NULL, 0);
		return true;
	}
	/* Live code first: freed memory may have been reused since. */
	list_for_each_entry(m, &ksr_mods, node) {
		if (ksr_in(addr, m->core_lo, m->core_hi) ||
		    (!m->init_gone && ksr_in(addr, m->init_lo, m->init_hi)))
			return ksr_resolve_in(m, addr, hit, 0);
	}
	/* Code that is gone: the memory may have held several, newest wins. */
	list_for_each_entry(m, &ksr_mods, node) {
		if (ksr_in(addr, m->init_lo, m->init_hi) &&
		    (!gone || m->gone_seq > gone->gone_seq))
			gone = m;
	}
	list_for_each_entry(m, &ksr_tombstones, node) {
		if ((ksr_in(addr, m->core_lo, m->core_hi) ||
		     ksr_in(addr, m->init_lo, m->init_hi)) &&
		    (!gone || m->gone_seq > gone->gone_seq))
			gone = m;
	}
	return gone && ksr_resolve_in(gone, addr, hit, KSYMRES_SYM_GONE);
}

/*
 * Matches of @name in vmlinux (module NULL or "vmlinux") and in modules
 * (module NULL or that module's name): fill hits[] with matches number
 * @skip to @skip + @max - 1 and count them all in *total.
 */
u32 ksr_lookup_one(const char *module, const char *name, u32 skip,
		   struct ksr_hit *hits, u32 max, u32 *total)
{
	bool vmlinux_only = module && !strcmp(module, "vmlinux");
	struct ksr_mod *m;
	u32 n = 0, idx;

	lockdep_assert_held(&ksr_modules_lock);
	*total = 0;
	if (!module || vmlinux_only) {
		for (idx = ksr_table_name_first(ksr_vmlinux, name);
		     idx != U32_MAX;
		     idx = ksr_table_name_next(ksr_vmlinux,
					       ksr_vmlinux->hash_next[idx], name)) {
			if ((*total)++ >= skip && n < max) {
				hits[n].addr = ksr_vmlinux->addr[idx];
				ksr_hit_fill(&hits[n++], ksr_vmlinux, idx, NULL, 0);
			}
		}
	}
	if (vmlinux_only)
		return n;
	list_for_each_entry(m, &ksr_mods, node) {
		if (module && strcmp(module, m->name))
			continue;
		for (idx = ksr_table_name_first(m->t, name); idx != U32_MAX;
		     idx = ksr_table_name_next(m->t, m->t->hash_next[idx], name)) {
			if ((*total)++ >= skip && n < max) {
				hits[n].addr = m->t->addr[idx];
				ksr_hit_fill(&hits[n++], m->t, idx, m->name,
					     (m->t->flags[idx] & KSR_F_INIT) &&
					     m->init_gone ? KSYMRES_SYM_GONE : 0);
			}
		}
	}
	return n;
}

/* Symbols from flat position @cursor on: vmlinux, then each module. */
u32 ksr_dump_chunk(u64 cursor, struct ksr_hit *hits, u32 max)
{
	struct ksr_mod *m;
	u32 n = 0;
	u64 pos = cursor;

	lockdep_assert_held(&ksr_modules_lock);
	while (n < max && pos < ksr_vmlinux->nr) {
		hits[n].addr = ksr_vmlinux->addr[pos];
		ksr_hit_fill(&hits[n++], ksr_vmlinux, pos++, NULL, 0);
	}
	pos -= ksr_vmlinux->nr;
	list_for_each_entry(m, &ksr_mods, node) {
		if (n == max)
			break;
		if (pos >= m->t->nr) {
			pos -= m->t->nr;
			continue;
		}
		for (; n < max && pos < m->t->nr; pos++, n++) {
			hits[n].addr = m->t->addr[pos];
			ksr_hit_fill(&hits[n], m->t, pos, m->name,
				     (m->t->flags[pos] & KSR_F_INIT) &&
				     m->init_gone ? KSYMRES_SYM_GONE : 0);
		}
		pos = 0;
	}
	return n;
}

long ksr_modules_ioctl(struct file *file, void *arg)
{
	struct ksymres_modules *cmd = arg;
	struct ksr_file *kf = file->private_data;
	struct ksymres_module *list;
	struct ksr_mod *m;
	u32 nr = 0, nr_syms, i, n;
	long ret = 0;

	if (cmd->flags || cmd->__reserved)
		return -EINVAL;
	if (cmd->module_size < sizeof(struct ksymres_module))
		return -EINVAL;
	if (cmd->module_size > PAGE_SIZE)
		return -E2BIG;
	if (!ksr_vmlinux)
		return -EOPNOTSUPP;
	if (cmd->max_modules && !cmd->modules)
		return -EFAULT;

	down_read(&ksr_modules_lock);
	nr = ksr_nr_modules(&nr_syms);
	n = min(nr, cmd->max_modules);
	list = kvcalloc(n ?: 1, sizeof(*list), GFP_KERNEL);
	if (!list) {
		up_read(&ksr_modules_lock);
		return -ENOMEM;
	}
	i = 0;
	list_for_each_entry(m, &ksr_mods, node) {
		if (i == n)
			break;
		strscpy(list[i].name, m->name, sizeof(list[i].name));
		ksr_module_ranges(m->mod, &list[i]);
		switch (m->mod->state) {
		case MODULE_STATE_COMING:
			list[i].state = KSYMRES_MODULE_COMING;
			break;
		case MODULE_STATE_GOING:
			list[i].state = KSYMRES_MODULE_GOING;
			break;
		default:
			list[i].state = KSYMRES_MODULE_LIVE;
			break;
		}
		list[i].nr_syms = m->t->nr;
		i++;
	}
	cmd->generation = ksr_generation();
	up_read(&ksr_modules_lock);

	kf->seen_generation = cmd->generation;
	cmd->nr_modules = nr;
	for (i = 0; i < n; i++) {
		void __user *dst = u64_to_user_ptr(cmd->modules) +
				   (u64)i * cmd->module_size;

		if (copy_to_user(dst, &list[i], sizeof(list[i])) ||
		    clear_user(dst + sizeof(list[i]),
			       cmd->module_size - sizeof(list[i]))) {
			ret = -EFAULT;
			break;
		}
	}
	kvfree(list);
	if (!ret && nr > cmd->max_modules)
		ret = -EMSGSIZE;
	return ret;
}
