// SPDX-License-Identifier: GPL-2.0-only
/*
 * Module indexes: one ksr_index per loaded module, built by the module
 * notifier when the module is COMING (so that its init symbols are in it)
 * and dropped when it is GOING. The generation moves on COMING, LIVE (the
 * init symbols leave the module's dump, as they leave /proc/kallsyms) and
 * GOING.
 *
 * Code that is gone: a module's init symbols stay in its index once its
 * init memory is freed, answered with KSYMRES_SYM_GONE (resolve, lookup),
 * and the index of an unloaded module is kept as a tombstone on a list,
 * newest first, bounded by the "tombstones" parameter, so that an address
 * of code that is gone (a leak report after rmmod, an oops in a module's
 * init) still resolves. Freed memory may be reused: live code always wins,
 * then the code that went most recently.
 *
 * ksr_modules_lock (rw_semaphore) protects ksr_mods, ksr_tombstones and
 * every index reached from them: the notifier writes, the ioctls read.
 * struct module is never dereferenced outside the notifier and the walk at
 * load (ksyms.c): what is needed of it is copied into struct ksr_modinfo.
 */
#include <linux/atomic.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/math64.h>
#include <linux/lockdep.h>
#include <linux/moduleparam.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "internal.h"
#include "ksyms.h"

static unsigned int tombstones = 16;
module_param(tombstones, uint, 0444);
MODULE_PARM_DESC(tombstones,
		 "symbol tables of unloaded modules and freed init sections kept (default 16, 0: none)");

/* A loaded module (on ksr_mods) or an unloaded one (on ksr_tombstones). */
struct ksr_mod {
	struct list_head node;
	struct module *mod;	/* identity only, never dereferenced */
	struct ksr_modinfo info;
	struct ksr_index *x;
	struct ksymres_range gone_init[2];	/* init text, data once freed */
	u64 init_gone_seq;	/* generation when init memory went */
	u64 gone_seq;		/* generation when the module went */
	u32 nr_init;		/* symbols with KSR_F_INIT */
	int slot;		/* in the name filter, -1: none */
	bool init_live;		/* init memory still there */
};

/* core_text, core_rodata, core_data, init_text, init_data */
#define KSR_MOD_RANGES	5

DECLARE_RWSEM(ksr_modules_lock);
DECLARE_WAIT_QUEUE_HEAD(ksr_generation_wait);
static LIST_HEAD(ksr_mods);
static LIST_HEAD(ksr_tombstones);
static unsigned int ksr_nr_tombstones;
/* The sections of ksr_mods sorted by address; NULL: walk ksr_mods. */
static struct ksr_spans *ksr_mod_spans;
static atomic64_t ksr_gen = ATOMIC64_INIT(1);

bool ksr_tombstones_enabled(void)
{
	return tombstones > 0;
}

u64 ksr_generation(void)
{
	return atomic64_read(&ksr_gen);
}

/* Called with the lock held for writing, so a reader sees both or neither. */
static void ksr_bump_generation(void)
{
	lockdep_assert_held_write(&ksr_modules_lock);
	atomic64_inc(&ksr_gen);
}

static void ksr_mod_free(struct ksr_mod *m)
{
	if (!m)
		return;
	ksr_index_free(m->x);
	kfree(m);
}

/*
 * After any change to ksr_mods or to a module's sections. Without memory
 * for the table, resolve walks the modules instead: slower, as right.
 */
static void ksr_rebuild_spans(void)
{
	struct ksr_spans *s;
	struct ksr_mod *m;
	u32 nr = 0;
	int i;

	lockdep_assert_held_write(&ksr_modules_lock);
	list_for_each_entry(m, &ksr_mods, node)
		nr++;
	s = ksr_spans_alloc(nr * KSR_MOD_RANGES);
	if (s) {
		list_for_each_entry(m, &ksr_mods, node)
			for (i = 0; i < KSR_MOD_RANGES; i++)
				ksr_spans_add(s, &(&m->info.core_text)[i], m);
		ksr_spans_sort(s);
	}
	ksr_spans_free(ksr_mod_spans);
	ksr_mod_spans = s;
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

/* Add a tombstone; returns the one it evicts, to free after unlocking. */
static struct ksr_mod *ksr_push_tombstone(struct ksr_mod *m)
{
	struct ksr_mod *old;

	lockdep_assert_held_write(&ksr_modules_lock);
	m->mod = NULL;
	list_add(&m->node, &ksr_tombstones);
	if (++ksr_nr_tombstones <= tombstones)
		return NULL;
	old = list_last_entry(&ksr_tombstones, struct ksr_mod, node);
	list_del(&old->node);
	ksr_nr_tombstones--;
	return old;
}

static int ksr_add_module(struct module *mod, void *unused)
{
	struct ksr_mod *m = kzalloc(sizeof(*m), GFP_KERNEL);
	u64 t0 = ktime_get_ns();
	int ret;
	u32 i;

	if (!m)
		return -ENOMEM;
	m->slot = -1;
	ret = ksr_module_index(mod, &m->x);
	if (ret) {
		kfree(m);
		return ret;
	}
	m->mod = mod;
	ksr_module_info(mod, &m->info);
	pr_debug("indexed %s: %u symbols, %zu bytes, %llu us\n", m->info.name,
		 m->x->nr, ksr_index_bytes(m->x),
		 div_u64(ktime_get_ns() - t0, NSEC_PER_USEC));
	m->init_live = m->info.init_text.size || m->info.init_data.size;
	for (i = 0; i < m->x->nr; i++)
		m->nr_init += !!(m->x->flags[i] & KSR_F_INIT);

	down_write(&ksr_modules_lock);
	/*
	 * Already added by the notifier or the walk at load, or going: the
	 * state is set before the GOING notifier takes this lock, so a module
	 * seen here as not going will be removed by that notifier.
	 */
	if (ksr_find_mod(mod) || ksr_module_going(mod)) {
		up_write(&ksr_modules_lock);
		ksr_mod_free(m);
		return 0;
	}
	list_add_tail(&m->node, &ksr_mods);
	m->slot = ksr_filter_add(m->x);
	ksr_rebuild_spans();
	ksr_bump_generation();
	up_write(&ksr_modules_lock);
	return 0;
}

/*
 * Live: the init memory is about to be freed. Its symbols stay in the
 * index, answered as gone; where they were is remembered for resolve.
 */
static void ksr_module_live(struct module *mod)
{
	struct ksr_modinfo info;
	struct ksr_mod *m;

	ksr_module_info(mod, &info);
	info.state = KSYMRES_MODULE_LIVE;
	memset(&info.init_text, 0, sizeof(info.init_text));
	memset(&info.init_data, 0, sizeof(info.init_data));

	down_write(&ksr_modules_lock);
	m = ksr_find_mod(mod);
	if (m) {
		if (m->init_live) {
			m->gone_init[0] = m->info.init_text;
			m->gone_init[1] = m->info.init_data;
			m->init_gone_seq = ksr_generation();
		}
		m->init_live = false;
		m->info = info;
		ksr_rebuild_spans();
		ksr_bump_generation();
	}
	up_write(&ksr_modules_lock);
}

static void ksr_remove_module(struct module *mod)
{
	struct ksr_mod *m, *old = NULL;

	down_write(&ksr_modules_lock);
	m = ksr_find_mod(mod);
	if (m) {
		list_del(&m->node);
		ksr_filter_del(m->x, m->slot);
		m->slot = -1;
		ksr_rebuild_spans();
		m->info.state = KSYMRES_MODULE_GONE;
		m->gone_seq = ksr_generation();
		if (tombstones)
			old = ksr_push_tombstone(m);
		else
			old = m;
		ksr_bump_generation();
	}
	up_write(&ksr_modules_lock);
	ksr_mod_free(old);
}

static int ksr_module_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	struct module *mod = data;

	int ret;

	switch (action) {
	case MODULE_STATE_COMING:
		/*
		 * A module ksymres cannot index would be loaded yet unknown
		 * here, and the generation would not move: refuse the load,
		 * as jump labels do when they run out of memory.
		 */
		ret = ksr_add_module(mod, NULL);
		if (ret) {
			pr_warn_ratelimited("refusing module %s: out of memory\n",
					    mod->name);
			return notifier_from_errno(ret);
		}
		break;
	case MODULE_STATE_LIVE:
		ksr_module_live(mod);
		break;
	case MODULE_STATE_GOING:
		ksr_remove_module(mod);
		break;
	default:
		return NOTIFY_DONE;
	}
	wake_up_interruptible_all(&ksr_generation_wait);
	return NOTIFY_DONE;
}

static struct notifier_block ksr_module_nb = {
	.notifier_call = ksr_module_notify,
};

static void ksr_free_list(struct list_head *list)
{
	struct ksr_mod *m, *tmp;

	list_for_each_entry_safe(m, tmp, list, node) {
		list_del(&m->node);
		ksr_mod_free(m);
	}
}

int ksr_modules_init(void)
{
	int ret;

	ksr_filter_init();
	ret = register_module_notifier(&ksr_module_nb);
	if (ret) {
		ksr_filter_exit();
		return ret;
	}
	/* Modules loaded before us; the notifier covers the ones that race. */
	ret = ksr_walk_modules(ksr_add_module, NULL);
	if (ret == -EOPNOTSUPP) {
		pr_info("module list not reachable: modules loaded before ksymres are not indexed\n");
		ret = 0;
	}
	if (ret)
		ksr_modules_exit();
	return ret;
}

void ksr_modules_exit(void)
{
	/* waits for notifier calls in flight */
	unregister_module_notifier(&ksr_module_nb);
	down_write(&ksr_modules_lock);
	ksr_free_list(&ksr_mods);
	ksr_free_list(&ksr_tombstones);
	ksr_nr_tombstones = 0;
	ksr_spans_free(ksr_mod_spans);
	ksr_mod_spans = NULL;
	ksr_filter_exit();
	up_write(&ksr_modules_lock);
}

/* Symbols /proc/kallsyms lists for @m: less init ones once init is gone. */
static u32 ksr_mod_nr_live(const struct ksr_mod *m)
{
	return m->init_live ? m->x->nr : m->x->nr - m->nr_init;
}

u32 ksr_nr_modules(u32 *nr_syms)
{
	struct ksr_mod *m;
	u32 nr = 0;

	lockdep_assert_held(&ksr_modules_lock);
	*nr_syms = 0;
	list_for_each_entry(m, &ksr_mods, node) {
		nr++;
		*nr_syms += ksr_mod_nr_live(m);
	}
	return nr;
}

static void ksr_hit_fill(struct ksr_hit *hit, const struct ksr_index *x,
			 u32 i, const char *module, u32 flags)
{
	hit->start = ksr_index_addr(x, i);
	hit->size = ksr_index_size(x, i);
	hit->flags = KSYMRES_SYM_FOUND | flags;
	if (x->flags[i] & KSR_F_EXPORTED)
		hit->flags |= KSYMRES_SYM_EXPORTED;
	if (x->flags[i] & KSR_F_INIT)
		hit->flags |= KSYMRES_SYM_INIT;
	if (module)
		hit->flags |= KSYMRES_SYM_MODULE;
	hit->type = x->type[i];
	hit->sym_class = ksr_sym_class(x, i);
	strscpy(hit->name, ksr_index_name(x, i), sizeof(hit->name));
	strscpy(hit->module, module ?: "", sizeof(hit->module));
}

static bool ksr_in(unsigned long addr, const struct ksymres_range *r)
{
	return r->size && r->start <= addr && addr - r->start < r->size;
}

/* The range of @m that holds @addr, or NULL; @gone: of freed init memory */
static const struct ksymres_range *ksr_mod_range(const struct ksr_mod *m,
						 unsigned long addr, bool gone)
{
	const struct ksymres_range *r = &m->info.core_text;
	int i;

	if (gone) {
		for (i = 0; i < ARRAY_SIZE(m->gone_init); i++)
			if (ksr_in(addr, &m->gone_init[i]))
				return &m->gone_init[i];
		return NULL;
	}
	for (i = 0; i < KSR_MOD_RANGES; i++)
		if (ksr_in(addr, &r[i]))
			return &r[i];
	return NULL;
}

static bool ksr_resolve_in(const struct ksr_mod *m,
			   const struct ksymres_range *r, unsigned long addr,
			   struct ksr_hit *hit, u32 flags)
{
	long i = ksr_index_find(m->x, addr);

	/* a symbol of another part of the module is no answer */
	if (i < 0 || ksr_index_addr(m->x, i) < r->start)
		return false;
	if (!m->init_live && (m->x->flags[i] & KSR_F_INIT))
		flags |= KSYMRES_SYM_GONE;
	ksr_hit_fill(hit, m->x, i, m->info.name, flags);
	return true;
}

/* Resolve one address; called with ksr_modules_lock held for reading. */
bool ksr_resolve_one(unsigned long addr, struct ksr_hit *hit)
{
	const struct ksymres_range *r, *best_r = NULL;
	const struct ksr_mod *m, *best = NULL;
	u64 seq = 0;
	long i;

	lockdep_assert_held(&ksr_modules_lock);
	hit->addr = addr;
	if (addr >= ksr_kernel.text && addr < ksr_kernel.end) {
		i = ksr_index_find(ksr_vmlinux, addr);
		if (i < 0)
			return false;
		ksr_hit_fill(hit, ksr_vmlinux, i, NULL, 0);
		return true;
	}
	/* Live code first: freed memory may have been reused since. */
	if (ksr_mod_spans) {
		const struct ksr_span *sp = ksr_spans_find(ksr_mod_spans, addr);

		if (sp)
			return ksr_resolve_in(sp->owner, sp->range, addr, hit,
					      0);
	} else {
		list_for_each_entry(m, &ksr_mods, node) {
			r = ksr_mod_range(m, addr, false);
			if (r)
				return ksr_resolve_in(m, r, addr, hit, 0);
		}
	}
	/* Code that is gone: the most recently gone wins. */
	list_for_each_entry(m, &ksr_mods, node) {
		r = ksr_mod_range(m, addr, true);
		if (r && (!best || m->init_gone_seq > seq)) {
			best = m;
			best_r = r;
			seq = m->init_gone_seq;
		}
	}
	list_for_each_entry(m, &ksr_tombstones, node) {
		r = ksr_mod_range(m, addr, false);
		if (r && (!best || m->gone_seq > seq)) {
			best = m;
			best_r = r;
			seq = m->gone_seq;
		}
		r = ksr_mod_range(m, addr, true);
		if (r && (!best || m->init_gone_seq > seq)) {
			best = m;
			best_r = r;
			seq = m->init_gone_seq;
		}
	}
	return best && ksr_resolve_in(best, best_r, addr, hit,
				      KSYMRES_SYM_GONE);
}

/*
 * Fill hits[] with matches @skip to @skip + @max - 1 in @x; count all.
 * @first: stop at the first match whose memory is not gone.
 */
static u32 ksr_lookup_in(const struct ksr_mod *m, const struct ksr_index *x,
			 const char *name, u32 hash, bool first, u32 skip,
			 struct ksr_hit *hits, u32 max, u32 *total)
{
	u32 n = 0, i, flags;

	for (i = ksr_index_name_first_hashed(x, name, hash); i != KSR_NONE;
	     i = ksr_index_name_next(x, x->hash_next[i], name)) {
		flags = 0;
		if (m && !m->init_live && (x->flags[i] & KSR_F_INIT))
			flags = KSYMRES_SYM_GONE;
		if (first && flags)
			continue;
		if ((*total)++ < skip || n >= max)
			continue;
		hits[n].addr = ksr_index_addr(x, i);
		ksr_hit_fill(&hits[n++], x, i, m ? m->info.name : NULL, flags);
		if (first)
			break;
	}
	return n;
}

/*
 * Matches of @name in vmlinux (module NULL or "vmlinux") and in modules
 * (module NULL or that module's name): fill hits[] with matches number
 * @skip to @skip + @max - 1 and count them all in *total. @first: only
 * the first (KSYMRES_LOOKUP_FIRST), with @skip 0.
 */
u32 ksr_lookup_one(const char *module, const char *name, bool first,
		   u32 skip, struct ksr_hit *hits, u32 max, u32 *total)
{
	bool vmlinux_only = module && !strcmp(module, "vmlinux");
	/* hashed once for vmlinux and every module */
	u32 hash = ksr_name_hash(name);
	struct ksr_mod *m;
	u32 n;

	lockdep_assert_held(&ksr_modules_lock);
	*total = 0;
	n = 0;
	if (!module || vmlinux_only)
		n = ksr_lookup_in(NULL, ksr_vmlinux, name, hash, first, skip,
				  hits, max, total);
	if (vmlinux_only || (first && *total))
		return n;
	list_for_each_entry(m, &ksr_mods, node) {
		if (module && strcmp(module, m->info.name))
			continue;
		if (!ksr_filter_may_hold(m->slot, hash))
			continue;
		n += ksr_lookup_in(m, m->x, name, hash, first, skip, hits + n,
				   max - n, total);
		if (first && *total)
			break;
	}
	return n;
}

/*
 * Symbols from flat position @cursor on: vmlinux, then each module, less
 * the init symbols of modules whose init is gone (as /proc/kallsyms).
 * hits[i].pos is each one's position; *next the position after the last.
 */
u32 ksr_dump_chunk(u64 cursor, struct ksr_hit *hits, u32 max, u64 *next)
{
	const struct ksr_index *x = ksr_vmlinux;
	struct ksr_mod *m;
	u64 pos = cursor, base;
	u32 n = 0;

	lockdep_assert_held(&ksr_modules_lock);
	for (; n < max && pos < x->nr; pos++, n++) {
		hits[n].addr = ksr_index_addr(x, pos);
		hits[n].pos = pos;
		ksr_hit_fill(&hits[n], x, pos, NULL, 0);
	}
	base = x->nr;
	list_for_each_entry(m, &ksr_mods, node) {
		x = m->x;
		if (pos >= base + x->nr) {
			base += x->nr;
			continue;
		}
		for (; n < max && pos < base + x->nr; pos++) {
			u32 i = pos - base;

			if (!m->init_live && (x->flags[i] & KSR_F_INIT))
				continue;
			hits[n].addr = ksr_index_addr(x, i);
			hits[n].pos = pos;
			ksr_hit_fill(&hits[n++], x, i, m->info.name, 0);
		}
		if (n == max)
			break;
		base += x->nr;
	}
	*next = pos;
	return n;
}

long ksr_modules_ioctl(struct file *file, void *arg)
{
	struct ksymres_modules *cmd = arg;
	struct ksr_file *kf = file->private_data;
	struct ksymres_module *list;
	void __user *dst;
	struct ksr_mod *m;
	u32 nr, nr_syms, i, n;
	long ret = 0;

	if (cmd->flags || cmd->__reserved)
		return -EINVAL;
	if (cmd->module_size < sizeof(struct ksymres_module))
		return -EINVAL;
	if (cmd->module_size > PAGE_SIZE)
		return -E2BIG;
	if (!(ksr_kernel.features & KSYMRES_FEAT_MODULES))
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
		strscpy(list[i].name, m->info.name, sizeof(list[i].name));
		list[i].core_text = m->info.core_text;
		list[i].core_rodata = m->info.core_rodata;
		list[i].core_data = m->info.core_data;
		list[i].init_text = m->info.init_text;
		list[i].init_data = m->info.init_data;
		list[i].state = m->info.state;
		list[i].nr_syms = ksr_mod_nr_live(m);
		i++;
	}
	cmd->generation = ksr_generation();
	up_read(&ksr_modules_lock);

	WRITE_ONCE(kf->seen_generation, cmd->generation);
	cmd->nr_modules = nr;
	for (i = 0; i < n; i++) {
		dst = u64_to_user_ptr(cmd->modules) + (u64)i * cmd->module_size;
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
