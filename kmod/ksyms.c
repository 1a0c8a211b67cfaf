// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one file of ksymres that reaches kernel internals.
 *
 * Technique. Since 5.7 the kernel exports neither kallsyms_lookup_name()
 * nor any symbol iterator to modules. As LKRG and others do, ksymres
 * registers a kprobe on "kallsyms_lookup_name" with KPROBE_FLAG_DISABLED:
 * the kprobe core resolves the name and fills in kp.addr without arming
 * the probe, which is unregistered at once, so no probe is ever live.
 * Through that function the module finds, by name:
 *
 * - kallsyms_on_each_symbol(): every vmlinux symbol, name and address,
 *   exactly as /proc/kallsyms lists them, copied into ksymres' own index;
 * - kallsyms' compressed tables, for the type letters, which no API gives.
 *   scripts/kallsyms leaves kallsyms_* out of kallsyms itself, so they are
 *   found from their layout (kallsyms_offsets, kallsyms_relative_base,
 *   kallsyms_num_syms, kallsyms_names, kallsyms_markers, optionally
 *   kallsyms_seqs_of_names, kallsyms_token_table, kallsyms_token_index,
 *   each aligned to a long, in .rodata): the relative base followed by the
 *   symbol count is searched for in .rodata, then every decompressed name
 *   must equal the iterator's name at the same position, or no type letter
 *   is reported (KSYMRES_FEAT_TYPES clear);
 * - kptr_restrict and sysctl_perf_event_paranoid, so that access follows
 *   the rules of /proc/kallsyms (kallsyms_show_value());
 * - module_mutex and the modules list, to index modules loaded before us;
 * - __start___ksymtab and friends, for the exported flag;
 * - vmlinux_build_id, _text, _etext, _end and the per-cpu bounds.
 *
 * Every pointer found by name is checked at compile time against the
 * kernel's own declaration (static_assert(__same_type()) for functions,
 * typeof for variables), so a kernel that changes a signature fails to
 * build instead of being called through a wrong prototype. The index is
 * checked at load against sprint_symbol() on a sample of addresses and
 * against kallsyms_lookup_name() on a sample of names.
 *
 * Module symbols are read from mod->kallsyms (symtab, strtab, typetab) with
 * preemption disabled, as kernel/module/kallsyms.c does, from the module
 * notifier or under module_mutex, when the module cannot go away.
 *
 * Limits. With CONFIG_X86_KERNEL_IBT the address found this way and an
 * indirect call through it fault ("Missing ENDBR"): the path is refused
 * there and every capability that needs it is reported absent (the ioctls
 * return -EOPNOTSUPP). The layout of kallsyms' tables and of struct module
 * is that of the headers built against; a kernel that changes the former
 * only loses the type letters, one that changes the latter needs a rebuild.
 * Symbols that /proc/kallsyms shows outside vmlinux and modules (BPF
 * programs, ftrace and kprobe trampolines) are not indexed.
 */
#include <linux/buildid.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/elf.h>
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/perf_event.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/page.h>

#include "internal.h"
#include "ksyms.h"

struct ksr_kernel ksr_kernel;
struct ksr_index *ksr_vmlinux;

typedef int (*ksr_symbol_fn)(void *data, const char *name,
			     struct module *mod, unsigned long addr);
static unsigned long (*ksr_lookup_name)(const char *name);
static int (*ksr_on_each_symbol)(ksr_symbol_fn fn, void *data);
/* Called through pointers found by name: a changed signature must not build. */
static_assert(__same_type(ksr_lookup_name, &kallsyms_lookup_name));
static_assert(__same_type(ksr_on_each_symbol, &kallsyms_on_each_symbol));
static typeof(kptr_restrict) *ksr_kptr_restrict;
static typeof(sysctl_perf_event_paranoid) *ksr_perf_paranoid;
static struct mutex *ksr_module_mutex;
static struct list_head *ksr_module_list;

/* Symbols [0, nr) of kallsyms, each {name, address}, and the decoded types */
struct ksr_vmlinux_walk {
	struct ksr_builder b;
	u32 nr;
	size_t pool;
	unsigned long rel_base;		/* lowest non-absolute address */
	int err;
};

static int ksr_find_lookup_name(void)
{
	struct kprobe kp = {
		.symbol_name = "kallsyms_lookup_name",
		.flags = KPROBE_FLAG_DISABLED,
	};
	int ret;

	if (IS_ENABLED(CONFIG_X86_KERNEL_IBT)) {
		pr_info("IBT kernel: not reaching kallsyms through a kprobe\n");
		return -EOPNOTSUPP;
	}
	ret = register_kprobe(&kp);
	if (ret) {
		pr_info("cannot find kallsyms_lookup_name (%d)\n", ret);
		return ret;
	}
	/* Registered disabled: the probe never fires, only kp.addr is used. */
	if (!kprobe_disabled(&kp))
		pr_warn("kprobe on kallsyms_lookup_name was armed; removing it\n");
	ksr_lookup_name = (typeof(ksr_lookup_name))kp.addr;
	unregister_kprobe(&kp);
	return ksr_lookup_name ? 0 : -ENOENT;
}

static unsigned long ksr_sym(const char *name)
{
	return ksr_lookup_name ? ksr_lookup_name(name) : 0;
}

/*
 * kallsyms_show_value() on the opener's credentials: kptr_restrict 0 with
 * perf_event_paranoid <= 1 shows addresses to all, 0 or 1 to CAP_SYSLOG,
 * 2 to nobody. When kptr_restrict cannot be found, CAP_SYSLOG is needed
 * (nothing can be resolved then anyway: it is found as the rest is).
 */
bool ksr_may_see_addresses(struct file *file)
{
	int level = ksr_kptr_restrict ? READ_ONCE(*ksr_kptr_restrict) : 1;

	switch (level) {
	case 0:
		if (ksr_perf_paranoid && READ_ONCE(*ksr_perf_paranoid) <= 1)
			return true;
		fallthrough;
	case 1:
		return file_ns_capable(file, &init_user_ns, CAP_SYSLOG);
	default:
		return false;
	}
}

static int ksr_count_symbol(void *data, const char *name, struct module *mod,
			    unsigned long addr)
{
	struct ksr_vmlinux_walk *w = data;

	w->nr++;
	w->pool += strnlen(name, KSYMRES_NAME_MAX - 1) + 1;
	if (addr > U32_MAX && (!w->rel_base || addr < w->rel_base))
		w->rel_base = addr;
	return 0;
}

static int ksr_add_symbol(void *data, const char *name, struct module *mod,
			  unsigned long addr)
{
	struct ksr_vmlinux_walk *w = data;

	w->err = ksr_builder_add(&w->b, addr, name, '?', 0);
	return w->err;
}

/* kallsyms' compressed tables, as scripts/kallsyms lays them out */
struct ksr_kallsyms_tables {
	const u8 *names;
	const u8 *names_end;
	const char *token_table;
	const u16 *token_index;
};

static const void *ksr_align(const void *p)
{
	return PTR_ALIGN(p, sizeof(long));
}

/* Decode a name of kallsyms_names at *pos; 0 when it does not parse. */
static size_t ksr_expand(const struct ksr_kallsyms_tables *t, const u8 **pos,
			 char *buf, size_t size)
{
	const u8 *p = *pos;
	size_t len, out = 0;
	const char *tok;

	if (p >= t->names_end)
		return 0;
	len = *p++;
	if (len & 0x80) {
		if (p >= t->names_end)
			return 0;
		len = (len & 0x7f) | (*p++ << 7);
	}
	if (!len || len > (size_t)(t->names_end - p))
		return 0;
	*pos = p + len;
	for (; len; len--, p++) {
		for (tok = t->token_table + t->token_index[*p]; *tok; tok++) {
			if (out + 1 >= size)
				return 0;
			buf[out++] = *tok;
		}
	}
	buf[out] = '\0';
	return out;
}

/* Length of a token, at most @max, read without KASAN checks. */
static noinline __no_sanitize_address size_t ksr_toklen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/*
 * Find the tables from kallsyms_relative_base and kallsyms_num_syms, which
 * follow kallsyms_offsets; check what can be checked of the layout. The
 * search reads all of .rodata, redzones of KASAN-instrumented globals
 * included: it is not instrumented (the tables themselves, emitted by
 * scripts/kallsyms in assembly, have none).
 */
static noinline __no_sanitize_address bool
ksr_find_tables(struct ksr_kallsyms_tables *t, u32 nr, unsigned long rel_base)
{
	const unsigned long *p = (const void *)ksr_sym("__start_rodata");
	const unsigned long *end = (const void *)ksr_sym("__end_rodata");
	const u32 *markers;
	const u8 *names, *q;
	const char *tok;
	u32 i, len;

	if (!p || !end || !nr || !rel_base)
		return false;
	p = ksr_align(p);
	for (; p + 2 <= end; p++) {
		if (*p != rel_base || *(const u32 *)(p + 1) != nr)
			continue;
		/* kallsyms_names follows kallsyms_num_syms */
		names = ksr_align((const u8 *)(p + 1) + sizeof(u32));
		for (q = names, i = 0; i < nr && q < (const u8 *)end; i++) {
			len = *q++;
			if (len & 0x80)
				len = (len & 0x7f) | (*q++ << 7);
			q += len;
		}
		if (i < nr || q >= (const u8 *)end)
			continue;
		markers = ksr_align(q);
		if ((const void *)(markers + (nr + 255) / 256) >= (void *)end ||
		    markers[0] != 0)
			continue;
		t->names = names;
		t->names_end = q;
		/* with or without kallsyms_seqs_of_names (3 bytes a symbol) */
		for (i = 0; i < 2; i++) {
			tok = (const char *)(markers + (nr + 255) / 256);
			if (i)
				tok = ksr_align(tok + (size_t)nr * 3);
			else
				tok = ksr_align(tok);
			t->token_table = tok;
			for (len = 0; len < 256 && tok + 64 < (const char *)end;
			     len++)
				tok += ksr_toklen(tok, 64) + 1;
			t->token_index = ksr_align(tok);
			if (len == 256 &&
			    (const void *)(t->token_index + 256) <= (void *)end &&
			    t->token_index[0] == 0 && t->token_index[1] != 0 &&
			    t->token_index[1] < 64 &&
			    !t->token_table[t->token_index[1] - 1])
				return true;
		}
	}
	return false;
}

/*
 * Type letters from kallsyms_names: every name must match the iterator's.
 * Sets *types when they do; fails only when out of memory, so that a
 * failed allocation never passes for a kernel without type letters.
 */
static int ksr_vmlinux_types(struct ksr_builder *b, unsigned long rel_base,
			     bool *types)
{
	struct ksr_kallsyms_tables t;
	const u8 *pos;
	char *buf;
	bool ok = true;
	u32 i;

	*types = false;
	if (!ksr_find_tables(&t, b->nr, rel_base))
		return 0;
	buf = kmalloc(KSYMRES_NAME_MAX + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (i = 0, pos = t.names; i < b->nr && ok; i++) {
		if (!ksr_expand(&t, &pos, buf, KSYMRES_NAME_MAX + 1) ||
		    strcmp(buf + 1, b->pool + b->name[i]))
			ok = false;
		else
			b->type[i] = buf[0];
	}
	if (!ok) {
		pr_info("kallsyms tables do not decode as expected: no type letters\n");
		for (i = 0; i < b->nr; i++)
			b->type[i] = '?';
	}
	kfree(buf);
	*types = ok;
	return 0;
}

static void ksr_mark_ksymtab(struct ksr_index *x,
			     const struct kernel_symbol *sym,
			     const struct kernel_symbol *end)
{
	unsigned long value;
	const char *name;

	if (!sym || !end)
		return;
	for (; sym < end; sym++) {
#ifdef CONFIG_HAVE_ARCH_PREL32_RELOCATIONS
		value = (unsigned long)offset_to_ptr(&sym->value_offset);
		name = offset_to_ptr(&sym->name_offset);
#else
		value = sym->value;
		name = sym->name;
#endif
		ksr_index_mark_exported(x, value, name);
	}
}

static bool ksr_vmlinux_exports(struct ksr_index *x)
{
	const struct kernel_symbol *s, *e, *gs, *ge;

	s = (const void *)ksr_sym("__start___ksymtab");
	e = (const void *)ksr_sym("__stop___ksymtab");
	gs = (const void *)ksr_sym("__start___ksymtab_gpl");
	ge = (const void *)ksr_sym("__stop___ksymtab_gpl");
	if (!s || !e || !gs || !ge)
		return false;
	ksr_mark_ksymtab(x, s, e);
	ksr_mark_ksymtab(x, gs, ge);
	return true;
}

/* Compare the index with sprint_symbol() and kallsyms_lookup_name(). */
static int ksr_verify_vmlinux(const struct ksr_index *x)
{
	u32 step = max(x->nr / 512, 1U), i, j, bad = 0, checked = 0;
	unsigned long addr;
	char *buf, *plus;
	long idx;

	buf = kmalloc(KSYM_SYMBOL_LEN, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (i = x->nr_abs; i < x->nr; i += step) {
		addr = ksr_index_addr(x, i);
		if (addr < ksr_kernel.text || addr >= ksr_kernel.end)
			continue;
		idx = ksr_index_find(x, addr);
		sprint_symbol(buf, addr);
		plus = strchr(buf, '+');
		if (plus)
			*plus = '\0';
		checked++;
		if (idx < 0 || strcmp(buf, ksr_index_name(x, idx))) {
			if (bad++ < 3)
				pr_warn("resolve check: %s is not %s\n", buf,
					idx < 0 ? "(none)" : ksr_index_name(x, idx));
		}
		/* the kernel's own name lookup finds one of ours */
		addr = ksr_lookup_name(ksr_index_name(x, i));
		for (j = ksr_index_name_first(x, ksr_index_name(x, i));
		     j != KSR_NONE && ksr_index_addr(x, j) != addr;
		     j = ksr_index_name_next(x, x->hash_next[j],
					     ksr_index_name(x, i)))
			;
		if (j == KSR_NONE && bad++ < 3)
			pr_warn("lookup check: %s differs\n",
				ksr_index_name(x, i));
	}
	kfree(buf);
	if (bad || !checked) {
		pr_warn("vmlinux index check failed (%u of %u)\n", bad, checked);
		return -EINVAL;
	}
	return 0;
}

static int ksr_build_vmlinux(void)
{
	struct ksr_vmlinux_walk w = {};
	struct ksr_index *x;
	bool types;
	int ret;

	ksr_on_each_symbol(ksr_count_symbol, &w);
	ret = ksr_builder_init(&w.b, w.nr, w.pool);
	if (ret)
		return ret;
	ksr_on_each_symbol(ksr_add_symbol, &w);
	if (w.err || w.b.nr != w.nr) {
		ksr_builder_abort(&w.b);
		return w.err ?: -EAGAIN;
	}
	ret = ksr_vmlinux_types(&w.b, w.rel_base, &types);
	if (ret) {
		ksr_builder_abort(&w.b);
		return ret;
	}
	x = ksr_builder_finish(&w.b, ksr_kernel.end);
	if (!x)
		return -ENOMEM;
	ret = ksr_verify_vmlinux(x);
	if (ret) {
		ksr_index_free(x);
		return ret;
	}
	ksr_kernel.features |= KSYMRES_FEAT_RESOLVE | KSYMRES_FEAT_LOOKUP |
			       KSYMRES_FEAT_DUMP;
	if (types)
		ksr_kernel.features |= KSYMRES_FEAT_TYPES;
	if (ksr_vmlinux_exports(x))
		ksr_kernel.features |= KSYMRES_FEAT_EXPORTED;
	ksr_vmlinux = x;
	return 0;
}

static void ksr_read_identity(void)
{
	const u8 *id = (const u8 *)ksr_sym("vmlinux_build_id");

	ksr_kernel.text = ksr_sym("_text");
	ksr_kernel.etext = ksr_sym("_etext");
	ksr_kernel.end = ksr_sym("_end");
	ksr_kernel.percpu_start = ksr_sym("__per_cpu_start");
	ksr_kernel.percpu_end = ksr_sym("__per_cpu_end");
#ifdef CONFIG_X86_64
	if (ksr_kernel.text) {
		/* kaslr_offset(): runtime _text minus the link-time one */
		ksr_kernel.kaslr_offset = ksr_kernel.text - __START_KERNEL;
		ksr_kernel.features |= KSYMRES_FEAT_KASLR;
	}
#endif
	BUILD_BUG_ON(BUILD_ID_SIZE_MAX > KSYMRES_BUILD_ID_MAX);
	if (id && memchr_inv(id, 0, BUILD_ID_SIZE_MAX)) {
		memcpy(ksr_kernel.build_id, id, BUILD_ID_SIZE_MAX);
		ksr_kernel.build_id_size = BUILD_ID_SIZE_MAX;
		ksr_kernel.features |= KSYMRES_FEAT_BUILD_ID;
	}
}

/*
 * Find what can be found; what cannot leaves its KSYMRES_FEAT_* bit clear.
 * Fails only when out of memory.
 */
int ksr_ksyms_init(void)
{
	int ret;

	ret = ksr_find_lookup_name();
	if (ret == -ENOMEM)
		return ret;	/* never pass for a kernel without kallsyms */
	if (ret)
		return 0;
	ksr_kptr_restrict = (typeof(ksr_kptr_restrict))ksr_sym("kptr_restrict");
	ksr_perf_paranoid = (typeof(ksr_perf_paranoid))
			    ksr_sym("sysctl_perf_event_paranoid");
	ksr_on_each_symbol = (typeof(ksr_on_each_symbol))
			     ksr_sym("kallsyms_on_each_symbol");
	ksr_module_mutex = (struct mutex *)ksr_sym("module_mutex");
	ksr_module_list = (struct list_head *)ksr_sym("modules");
	ksr_read_identity();
	if (!ksr_on_each_symbol || !ksr_kernel.text || !ksr_kernel.end ||
	    !ksr_kptr_restrict) {
		pr_info("kallsyms iterator or kernel bounds not found\n");
		return 0;
	}
	ret = ksr_build_vmlinux();
	if (ret == -ENOMEM)
		return ret;
	if (ret)
		pr_info("no vmlinux index (%d)\n", ret);
	else if (ksr_module_mutex && ksr_module_list)
		ksr_kernel.features |= KSYMRES_FEAT_MODULES;
	return 0;
}

void ksr_ksyms_exit(void)
{
	ksr_index_free(ksr_vmlinux);
	ksr_vmlinux = NULL;
}

/* Walk the loaded modules under module_mutex: none can go away meanwhile. */
int ksr_walk_modules(ksr_module_fn fn, void *data)
{
	struct module *mod;
	int ret = 0;

	if (!(ksr_kernel.features & KSYMRES_FEAT_MODULES))
		return -EOPNOTSUPP;
	mutex_lock(ksr_module_mutex);
	list_for_each_entry(mod, ksr_module_list, list) {
		if (mod->state == MODULE_STATE_UNFORMED ||
		    mod->state == MODULE_STATE_GOING)
			continue;
		ret = fn(mod, data);
		if (ret)
			break;
	}
	mutex_unlock(ksr_module_mutex);
	return ret;
}

u8 ksr_sym_class(const struct ksr_index *x, u32 i)
{
	unsigned long addr = ksr_index_addr(x, i);

	if (x == ksr_vmlinux && i < x->nr_abs &&
	    addr >= ksr_kernel.percpu_start && addr < ksr_kernel.percpu_end)
		return KSYMRES_CLASS_PERCPU;
	switch (x->type[i]) {
	case 't': case 'T': case 'w': case 'W':
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
	if (addr >= ksr_kernel.text && addr < ksr_kernel.etext)
		return KSYMRES_CLASS_TEXT;
	return KSYMRES_CLASS_UNKNOWN;
}

static void ksr_range(struct ksymres_range *r, const void *base,
		      unsigned int from, unsigned int to)
{
	memset(r, 0, sizeof(*r));
	if (!base || to <= from)
		return;
	r->start = (unsigned long)base + from;
	r->size = to - from;
}

void ksr_module_info(struct module *mod, struct ksr_modinfo *info)
{
	const struct module_layout *c = &mod->core_layout;
	const struct module_layout *i = &mod->init_layout;

	memset(info, 0, sizeof(*info));
	strscpy(info->name, mod->name, sizeof(info->name));
	ksr_range(&info->core_text, c->base, 0, c->text_size);
	ksr_range(&info->core_rodata, c->base, c->text_size,
		  c->ro_after_init_size);
	ksr_range(&info->core_data, c->base, c->ro_after_init_size, c->size);
	ksr_range(&info->init_text, i->base, 0, i->text_size);
	ksr_range(&info->init_data, i->base, i->text_size, i->size);
	switch (mod->state) {
	case MODULE_STATE_COMING:
	case MODULE_STATE_UNFORMED:
		info->state = KSYMRES_MODULE_COMING;
		break;
	case MODULE_STATE_GOING:
		info->state = KSYMRES_MODULE_GOING;
		break;
	default:
		info->state = KSYMRES_MODULE_LIVE;
		break;
	}
}

/* The module's GOING notification has started or is done. */
bool ksr_module_going(struct module *mod)
{
	return READ_ONCE(mod->state) == MODULE_STATE_GOING;
}

static bool ksr_in_layout(const struct module_layout *l, unsigned long addr)
{
	return l->base && (unsigned long)l->base <= addr &&
	       addr < (unsigned long)l->base + l->size;
}

static bool ksr_in_percpu(struct module *mod, unsigned long addr)
{
#ifdef CONFIG_SMP
	unsigned long start = (unsigned long)mod->percpu;

	return start && start <= addr && addr - start < mod->percpu_size;
#else
	return false;
#endif
}

/*
 * The symbols /proc/kallsyms shows once the module is live: named, defined,
 * in the module's memory or per-cpu area. While it is coming the kernel
 * also lists undefined symbols and ones of sections that were not loaded
 * (their values point into the temporary copy of the file): not those.
 */
static bool ksr_module_sym_wanted(struct module *mod,
				  const struct mod_kallsyms *ks, u32 i)
{
	const typeof(*ks->symtab) *sym = &ks->symtab[i];
	const char *name = ks->strtab + sym->st_name;

	if (!sym->st_name || !name[0] || name[0] == '$')
		return false;
	if (sym->st_shndx == SHN_UNDEF || sym->st_shndx >= SHN_LORESERVE)
		return false;
	if (ELF_ST_TYPE(sym->st_info) == STT_SECTION ||
	    ELF_ST_TYPE(sym->st_info) == STT_FILE)
		return false;
	return ksr_in_layout(&mod->core_layout, sym->st_value) ||
	       ksr_in_layout(&mod->init_layout, sym->st_value) ||
	       ksr_in_percpu(mod, sym->st_value);
}

/*
 * Room for the symbols: @exact counts them and their names; otherwise an
 * upper bound that costs no string reads (names lie in the string table
 * below the highest name offset plus one name, unless the linker shared
 * suffixes, which the fill then reports with -ENOSPC).
 */
static void ksr_module_sizes(struct module *mod, u32 *nr, size_t *pool,
			     const struct mod_kallsyms **seen, bool exact)
{
	const struct mod_kallsyms *ks;
	u32 i;

	*nr = 0;
	*pool = 0;
	preempt_disable();
	ks = rcu_dereference_sched(mod->kallsyms);
	*seen = ks;
	for (i = 0; ks && !exact && i < ks->num_symtab; i++)
		*pool = max_t(size_t, *pool, ks->symtab[i].st_name);
	if (ks && !exact) {
		*nr = ks->num_symtab;
		*pool += KSYMRES_NAME_MAX;
	}
	for (i = 0; ks && exact && i < ks->num_symtab; i++) {
		if (ksr_module_sym_wanted(mod, ks, i)) {
			(*nr)++;
			*pool += strnlen(ks->strtab + ks->symtab[i].st_name,
					 KSYMRES_NAME_MAX - 1) + 1;
		}
	}
	preempt_enable();
}

/* Fill the builder; -EAGAIN if mod->kallsyms changed since it was sized. */
static int ksr_module_fill(struct module *mod, struct ksr_builder *b,
			   const struct mod_kallsyms *seen)
{
	const struct mod_kallsyms *ks;
	unsigned long addr;
	int ret = 0;
	u32 i;

	preempt_disable();
	ks = rcu_dereference_sched(mod->kallsyms);
	if (ks != seen)
		ret = -EAGAIN;
	for (i = 0; !ret && ks && i < ks->num_symtab; i++) {
		if (!ksr_module_sym_wanted(mod, ks, i))
			continue;
		addr = ks->symtab[i].st_value;
		ret = ksr_builder_add(b, addr,
				      ks->strtab + ks->symtab[i].st_name,
				      ks->typetab[i],
				      ksr_in_layout(&mod->init_layout, addr) ?
				      KSR_F_INIT : 0);
	}
	preempt_enable();
	return ret;
}

/*
 * Index a module's symbols. Called from the module notifier or under
 * module_mutex, so that the module and its symbol tables stay.
 */
int ksr_module_index(struct module *mod, struct ksr_index **out)
{
	const struct mod_kallsyms *seen;
	unsigned long end, iend;
	struct ksr_builder b;
	struct ksr_index *x;
	int tries, ret;
	size_t pool;
	u32 nr;

	*out = NULL;
	for (tries = 0; tries < 3; tries++) {
		ksr_module_sizes(mod, &nr, &pool, &seen, tries > 0);
		ret = ksr_builder_init(&b, nr, pool);
		if (ret)
			return ret;
		ret = ksr_module_fill(mod, &b, seen);
		if (!ret)
			break;
		ksr_builder_abort(&b);
		if (ret != -EAGAIN && ret != -ENOSPC)
			return ret;
	}
	if (ret)
		return ret;
	end = (unsigned long)mod->core_layout.base + mod->core_layout.size;
	iend = (unsigned long)mod->init_layout.base + mod->init_layout.size;
	if (mod->init_layout.base && iend > end)
		end = iend;
	x = ksr_builder_finish(&b, end);
	if (!x)
		return -ENOMEM;
	ksr_mark_ksymtab(x, mod->syms, mod->syms + mod->num_syms);
	ksr_mark_ksymtab(x, mod->gpl_syms, mod->gpl_syms + mod->num_gpl_syms);
	*out = x;
	return 0;
}
