/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ksymres internals shared by the files of the module.
 *
 * Locking: the symbol tables of vmlinux and of every module live in
 * struct ksr_table. The vmlinux table is built once at load and never
 * changes. Module tables are added and removed by the module notifier under
 * ksr_modules_lock (a rw_semaphore, writers in the notifier); every reader
 * takes it for reading only while it copies answers into a kernel buffer,
 * never while it touches user memory, so a stalled page fault cannot hold
 * up module loading.
 */
#ifndef KSYMRES_INTERNAL_H
#define KSYMRES_INTERNAL_H

#include <linux/fs.h>
#include <linux/ksymres.h>
#include <linux/module.h>
#include <linux/rwsem.h>
#include <linux/types.h>

/* Answers are gathered under the lock this many at a time. */
#define KSR_CHUNK	32

/* ksr_table.flags[] bits */
#define KSR_F_EXPORTED	0x01
#define KSR_F_INIT	0x02

/**
 * struct ksr_table - the symbols of vmlinux or of one module, by address
 * @addr: addresses, ascending
 * @name: offset of each name in @pool
 * @type: nm type letter of each symbol ('?' when unknown)
 * @flags: KSR_F_* of each symbol
 * @hash_head: first symbol of each name hash bucket (U32_MAX: none)
 * @hash_next: next symbol in the same bucket
 * @hash_mask: buckets - 1
 * @pool: NUL-terminated names
 * @nr: symbols
 * @end: end of the last symbol (its size is @end - its address)
 */
struct ksr_table {
	unsigned long *addr;
	u32 *name;
	u8 *type;
	u8 *flags;
	u32 *hash_head;
	u32 *hash_next;
	u32 hash_mask;
	char *pool;
	u32 nr;
	unsigned long end;
};

/* Collects symbols, then sorts and indexes them into a table. */
struct ksr_builder {
	struct ksr_table *t;
	u32 cap;
	size_t pool_len;
	size_t pool_cap;
};

int ksr_builder_init(struct ksr_builder *b, u32 cap, size_t pool_cap);
int ksr_builder_add(struct ksr_builder *b, unsigned long addr,
		    const char *name, char type, u8 flags);
struct ksr_table *ksr_builder_finish(struct ksr_builder *b, unsigned long end);
void ksr_builder_abort(struct ksr_builder *b);
void ksr_table_free(struct ksr_table *t);
long ksr_table_find_addr(const struct ksr_table *t, unsigned long addr);
u64 ksr_table_sym_size(const struct ksr_table *t, u32 idx);
void ksr_table_mark_exported(struct ksr_table *t, unsigned long addr,
			     const char *name);
u32 ksr_table_name_first(const struct ksr_table *t, const char *name);
u32 ksr_table_name_next(const struct ksr_table *t, u32 idx, const char *name);
size_t ksr_table_bytes(const struct ksr_table *t);

/* One answer, gathered under the lock and written out after it. */
struct ksr_hit {
	u64 addr;
	u64 start;
	u64 size;
	u32 flags;
	u32 query;
	u8 type;
	u8 sym_class;
	char name[KSYMRES_NAME_MAX];
	char module[KSYMRES_MODULE_NAME_MAX];
};

void ksr_hit_fill(struct ksr_hit *hit, const struct ksr_table *t, u32 idx,
		  const char *module, u32 extra_flags);

/* ksyms.c: the one place that reaches kernel internals */
struct ksr_kernel {
	unsigned long text;		/* _text */
	unsigned long etext;		/* _etext */
	unsigned long end;		/* _end */
	unsigned long percpu_start;
	unsigned long percpu_end;
	unsigned long rodata_start;
	unsigned long rodata_end;
	unsigned long data_start;
	unsigned long data_end;
	unsigned long bss_start;
	unsigned long bss_end;
	unsigned long inittext_start;
	unsigned long inittext_end;
	unsigned long kaslr_offset;
	bool have_kaslr;
	u8 build_id[KSYMRES_BUILD_ID_MAX];
	u32 build_id_size;
};

extern struct ksr_kernel ksr_kernel;
extern struct ksr_table *ksr_vmlinux;

int ksr_ksyms_init(void);
void ksr_ksyms_exit(void);
bool ksr_may_see_addresses(const struct cred *cred);
struct ksr_table *ksr_build_module_table(struct module *mod);
void ksr_module_ranges(struct module *mod, struct ksymres_module *out);
typedef int (*ksr_module_fn)(struct module *mod, void *data);
int ksr_walk_modules(ksr_module_fn fn, void *data);

/* modules.c */
extern bool ksr_have_module_list;
unsigned int ksr_max_tombstones(void);
extern struct rw_semaphore ksr_modules_lock;
int ksr_modules_init(void);
void ksr_modules_exit(void);
u64 ksr_generation(void);
u32 ksr_nr_modules(u32 *nr_syms);
bool ksr_resolve_one(unsigned long addr, struct ksr_hit *hit);
u32 ksr_lookup_one(const char *module, const char *name, u32 skip,
		   struct ksr_hit *hits, u32 max, u32 *total);
u32 ksr_dump_chunk(u64 cursor, struct ksr_hit *hits, u32 max);
long ksr_modules_ioctl(struct file *file, void *arg);
extern wait_queue_head_t ksr_generation_wait;

/* output.c: records and string table written to user space */
struct ksr_out {
	void __user *results;
	u32 sym_size;
	u32 max;
	char __user *strtab;
	u32 strtab_size;
	u32 used;		/* bytes written to the string table */
	u32 needed;		/* bytes all records would need */
	u32 nr;			/* complete records */
	bool full;		/* a record did not fit: stop writing */
	char last_module[KSYMRES_MODULE_NAME_MAX];
	u32 last_module_off;	/* offset of last_module, 0: none yet */
};

int ksr_out_init(struct ksr_out *out, u64 results, u32 sym_size, u32 max,
		 u64 strtab, u32 strtab_size);
int ksr_out_emit(struct ksr_out *out, const struct ksr_hit *hit);

/* per-file state */
struct ksr_file {
	u64 seen_generation;
};

/* the ioctls */
long ksr_info_ioctl(struct file *file, void *arg);
long ksr_resolve_ioctl(struct file *file, void *arg);
long ksr_lookup_ioctl(struct file *file, void *arg);
long ksr_dump_ioctl(struct file *file, void *arg);

#endif /* KSYMRES_INTERNAL_H */
