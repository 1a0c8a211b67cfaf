/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ksyms.c: the one part of ksymres that reaches kernel internals. Nothing
 * else in the module looks inside struct module or at kallsyms' tables.
 */
#ifndef KSYMRES_KSYMS_H
#define KSYMRES_KSYMS_H

#include <linux/fs.h>
#include <linux/ksymres.h>
#include <linux/types.h>

struct module;
struct ksr_index;

/* What is known about the running kernel; filled once at load. */
struct ksr_kernel {
	unsigned long text;		/* _text */
	unsigned long etext;		/* _etext */
	unsigned long end;		/* _end */
	unsigned long percpu_start;
	unsigned long percpu_end;
	unsigned long kaslr_offset;
	u32 features;			/* KSYMRES_FEAT_* reachable here */
	u32 build_id_size;
	u8 build_id[KSYMRES_BUILD_ID_MAX];
};

extern struct ksr_kernel ksr_kernel;
extern struct ksr_index *ksr_vmlinux;

/* A module's identity and memory, copied out of struct module. */
struct ksr_modinfo {
	char name[KSYMRES_MODULE_NAME_MAX];
	struct ksymres_range core_text;
	struct ksymres_range core_rodata;
	struct ksymres_range core_data;
	struct ksymres_range init_text;
	struct ksymres_range init_data;
	u32 state;			/* KSYMRES_MODULE_* */
};

int ksr_ksyms_init(void);
void ksr_ksyms_exit(void);
bool ksr_may_see_addresses(struct file *file);
u8 ksr_sym_class(const struct ksr_index *x, u32 i);

typedef int (*ksr_module_fn)(struct module *mod, void *data);
int ksr_walk_modules(ksr_module_fn fn, void *data);
void ksr_module_info(struct module *mod, struct ksr_modinfo *info);
bool ksr_module_going(struct module *mod);
int ksr_module_index(struct module *mod, struct ksr_index **out);

#endif /* KSYMRES_KSYMS_H */
