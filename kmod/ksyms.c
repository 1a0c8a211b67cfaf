// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one file of ksymres that reaches kernel internals.
 *
 * Since 5.7 the kernel exports neither kallsyms_lookup_name() nor any
 * symbol iterator to modules. The technique used here, as LKRG and others
 * do: register a kprobe on "kallsyms_lookup_name" with KPROBE_FLAG_DISABLED,
 * which makes the kprobe core resolve the name and fill in kp.addr without
 * ever arming the probe, then unregister it at once. Through that function
 * the module finds what it needs by name:
 *
 * - kallsyms_on_each_symbol(), to copy every vmlinux symbol (name and
 *   address, exactly as /proc/kallsyms lists them) into ksymres's own
 *   tables. It does not give the type letter: vmlinux symbols carry '?'
 *   and KSYMRES_FEAT_TYPES stays clear. The class (text, rodata, data,
 *   bss, per-cpu) comes from the section boundaries instead.
 * - kallsyms_show_value(), so that access follows /proc/kallsyms' rules.
 * - module_mutex and the modules list, to index modules loaded before us.
 * - __start___ksymtab and friends, for the exported flag.
 * - vmlinux_build_id, for the build ID.
 *
 * Limits: on kernels built with CONFIG_X86_KERNEL_IBT an indirect call to
 * an address found this way faults ("Missing ENDBR"), so the path is
 * refused there and every capability that needs it is reported absent.
 * Signatures are checked at compile time against the kernel's own
 * declarations (typeof), so a kernel that changed them fails to build
 * instead of calling through a wrong prototype. Module symbols are read
 * from mod->kallsyms, whose layout is that of the headers built against.
 */
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/sections.h>

#include "internal.h"

struct ksr_kernel ksr_kernel;
struct ksr_table *ksr_vmlinux;

static unsigned long (*ksr_lookup_name)(const char *name);
typedef int (*ksr_symbol_fn)(void *data, const char *name, struct module *mod,
			     unsigned long addr);
static int (*ksr_on_each_symbol)(ksr_symbol_fn fn, void *data);
static bool (*ksr_show_value)(const struct cred *cred);

/* Called through pointers found by name: a changed signature must not build. */
static_assert(__same_type(ksr_on_each_symbol, &kallsyms_on_each_symbol));
static_assert(__same_type(ksr_show_value, &kallsyms_show_value));
static struct mutex *ksr_module_mutex;
static struct list_head *ksr_module_list;

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
	ksr_lookup_name = (void *)kp.addr;
	unregister_kprobe(&kp);
	return ksr_lookup_name ? 0 : -ENOENT;
}

bool ksr_may_see_addresses(const struct cred *cred)
{
	return ksr_show_value && ksr_show_value(cred);
}

/* Counting pass and filling pass over vmlinux's symbols. */
struct ksr_vmlinux_walk {
	struct ksr_builder b;
	u32 nr;
	size_t pool;
	int err;
};

static int ksr_count_symbol(void *data, const char *name, struct module *mod,
			    unsigned long addr)
{
	struct ksr_vmlinux_walk *w = data;

	w->nr++;
	w->pool += strlen(name) + 1;
	return 0;
}

static int ksr_add_symbol(void *data, const char *name, struct module *mod,
			  unsigned long addr)
{
	struct ksr_vmlinux_walk *w = data;

	w->err = ksr_builder_add(&w->b, addr, name, '?', 0);
	return w->err;
}

static void ksr_mark_ksymtab(struct ksr_table *t, const char *start,
			     const char *stop)
{
	const struct kernel_symbol *sym = (const void *)start;
	const struct kernel_symbol *end = (const void *)stop;

	if (!sym || !end)
		return;
	for (; sym < end; sym++) {
#ifdef CONFIG_HAVE_ARCH_PREL32_RELOCATIONS
		unsigned long value = (unsigned long)offset_to_ptr(&sym->value_offset);
		const char *name = offset_to_ptr(&sym->name_offset);
#else
		unsigned long value = sym->value;
		const char *name = sym->name;
#endif
		ksr_table_mark_exported(t, value, name);
	}
}

static int ksr_build_vmlinux(void)
{
	struct ksr_vmlinux_walk w = {};
	struct ksr_table *t;
	int ret;

	ksr_on_each_symbol(ksr_count_symbol, &w);
	ret = ksr_builder_init(&w.b, w.nr, w.pool);
	if (ret)
		return ret;
	ksr_on_each_symbol(ksr_add_symbol, &w);
	if (w.err) {
		ksr_builder_abort(&w.b);
		return w.err;
	}
	t = ksr_builder_finish(&w.b, ksr_kernel.end);
	if (!t)
		return -ENOMEM;
	ksr_mark_ksymtab(t, (void *)ksr_lookup_name("__start___ksymtab"),
			 (void *)ksr_lookup_name("__stop___ksymtab"));
	ksr_mark_ksymtab(t, (void *)ksr_lookup_name("__start___ksymtab_gpl"),
			 (void *)ksr_lookup_name("__stop___ksymtab_gpl"));
	ksr_vmlinux = t;
	return 0;
}

static void ksr_read_identity(void)
{
	const u8 *id = (const u8 *)ksr_lookup_name("vmlinux_build_id");
	unsigned int i;

	ksr_kernel.text = ksr_lookup_name("_text");
	ksr_kernel.etext = ksr_lookup_name("_etext");
	ksr_kernel.end = ksr_lookup_name("_end");
	ksr_kernel.percpu_start = ksr_lookup_name("__per_cpu_start");
	ksr_kernel.percpu_end = ksr_lookup_name("__per_cpu_end");
	ksr_kernel.rodata_start = ksr_lookup_name("__start_rodata");
	ksr_kernel.rodata_end = ksr_lookup_name("__end_rodata");
	ksr_kernel.data_start = ksr_lookup_name("_sdata");
	ksr_kernel.data_end = ksr_lookup_name("_edata");
	ksr_kernel.bss_start = ksr_lookup_name("__bss_start");
	ksr_kernel.bss_end = ksr_lookup_name("__bss_stop");
	ksr_kernel.inittext_start = ksr_lookup_name("_sinittext");
	ksr_kernel.inittext_end = ksr_lookup_name("_einittext");
#ifdef CONFIG_X86_64
	if (ksr_kernel.text) {
		/* kaslr_offset(): runtime _text minus the link-time one */
		ksr_kernel.kaslr_offset = ksr_kernel.text - __START_KERNEL;
		ksr_kernel.have_kaslr = true;
	}
#endif
	if (!id)
		return;
	for (i = 0; i < 20 && i < KSYMRES_BUILD_ID_MAX; i++)
		ksr_kernel.build_id[i] = id[i];
	if (memchr_inv(ksr_kernel.build_id, 0, 20))
		ksr_kernel.build_id_size = 20;
}

int ksr_ksyms_init(void)
{
	int ret;

	ret = ksr_find_lookup_name();
	if (ret)
		return ret;
	ksr_on_each_symbol = (void *)ksr_lookup_name("kallsyms_on_each_symbol");
	ksr_show_value = (void *)ksr_lookup_name("kallsyms_show_value");
	ksr_module_mutex = (void *)ksr_lookup_name("module_mutex");
	ksr_module_list = (void *)ksr_lookup_name("modules");
	if (!ksr_on_each_symbol || !ksr_show_value) {
		pr_info("kallsyms iterator or kallsyms_show_value not found\n");
		return -EOPNOTSUPP;
	}
	ksr_read_identity();
	if (!ksr_kernel.text || !ksr_kernel.end)
		return -EOPNOTSUPP;
	return ksr_build_vmlinux();
}

void ksr_ksyms_exit(void)
{
	ksr_table_free(ksr_vmlinux);
	ksr_vmlinux = NULL;
}

/* Walk the loaded modules under module_mutex: none can go away meanwhile. */
int ksr_walk_modules(ksr_module_fn fn, void *data)
{
	struct module *mod;
	int ret = 0;

	if (!ksr_module_mutex || !ksr_module_list)
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

static bool ksr_in_layout(const struct module_layout *l, unsigned long addr)
{
	return (unsigned long)l->base <= addr &&
	       addr < (unsigned long)l->base + l->size;
}

static const char *ksr_module_sym_name(const struct mod_kallsyms *ks, u32 i)
{
	return ks->strtab + ks->symtab[i].st_name;
}

static bool ksr_module_sym_wanted(const struct mod_kallsyms *ks, u32 i)
{
	const char *name = ksr_module_sym_name(ks, i);
	unsigned int shndx = ks->symtab[i].st_shndx;
	unsigned int type = ELF_ST_TYPE(ks->symtab[i].st_info);

	if (!name[0] || name[0] == '$')
		return false;
	if (shndx == SHN_UNDEF || shndx >= SHN_LORESERVE)
		return false;
	return type != STT_SECTION && type != STT_FILE;
}

static void ksr_mark_module_exports(struct ksr_table *t,
				    const struct kernel_symbol *syms,
				    unsigned int nr)
{
	ksr_mark_ksymtab(t, (const char *)syms, (const char *)(syms + nr));
}

/*
 * Copy a module's symbols. Called from the module notifier (COMING: the
 * kallsyms copy still holds the init symbols) or under module_mutex.
 */
struct ksr_table *ksr_build_module_table(struct module *mod)
{
	struct mod_kallsyms *ks;
	struct ksr_builder b;
	struct ksr_table *t;
	size_t pool = 0;
	u32 i, nr = 0;
	unsigned long end;

	/* The module cannot change its kallsyms under us: see callers. */
	ks = rcu_dereference_raw(mod->kallsyms);
	if (!ks)
		return NULL;
	for (i = 0; i < ks->num_symtab; i++) {
		if (ksr_module_sym_wanted(ks, i)) {
			nr++;
			pool += strlen(ksr_module_sym_name(ks, i)) + 1;
		}
	}
	if (ksr_builder_init(&b, nr, pool))
		return NULL;
	for (i = 0; i < ks->num_symtab; i++) {
		unsigned long addr = ks->symtab[i].st_value;
		u8 flags = 0;

		if (!ksr_module_sym_wanted(ks, i))
			continue;
		if (ksr_in_layout(&mod->init_layout, addr))
			flags |= KSR_F_INIT;
		ksr_builder_add(&b, addr, ksr_module_sym_name(ks, i),
				ks->typetab[i], flags);
	}
	end = (unsigned long)mod->core_layout.base + mod->core_layout.size;
	if (mod->init_layout.size)
		end = max(end, (unsigned long)mod->init_layout.base +
			       mod->init_layout.size);
	t = ksr_builder_finish(&b, end);
	if (!t)
		return NULL;
	ksr_mark_module_exports(t, mod->syms, mod->num_syms);
	ksr_mark_module_exports(t, mod->gpl_syms, mod->num_gpl_syms);
	return t;
}

static void ksr_range(struct ksymres_range *r, const void *base,
		      unsigned int from, unsigned int to)
{
	if (!base || to <= from)
		return;
	r->start = (unsigned long)base + from;
	r->size = to - from;
}

void ksr_module_ranges(struct module *mod, struct ksymres_module *out)
{
	const struct module_layout *c = &mod->core_layout;
	const struct module_layout *i = &mod->init_layout;

	ksr_range(&out->core_text, c->base, 0, c->text_size);
	ksr_range(&out->core_rodata, c->base, c->text_size, c->ro_after_init_size);
	ksr_range(&out->core_data, c->base, c->ro_after_init_size, c->size);
	ksr_range(&out->init_text, i->base, 0, i->text_size);
	ksr_range(&out->init_data, i->base, i->text_size, i->size);
}
