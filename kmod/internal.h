/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ksymres internals shared by the files of the module.
 *
 * Locking: the index of vmlinux is built once at load and never changes.
 * Module indexes are added and removed by the module notifier under
 * ksr_modules_lock, a rw_semaphore (writers: the notifier; readers: the
 * ioctls). A reader holds it only while it gathers a chunk of answers into
 * a kernel buffer, never while it touches user memory, so a page fault on a
 * user buffer cannot hold up module loading. Indexes are built outside the
 * lock and only published under it.
 */
#ifndef KSYMRES_INTERNAL_H
#define KSYMRES_INTERNAL_H

#include <linux/bits.h>
#include <linux/fs.h>
#include <linux/ksymres.h>
#include <linux/rwsem.h>
#include <linux/types.h>
#include <linux/wait.h>

/* Answers are gathered under the lock this many at a time. */
#define KSR_CHUNK	32
/* Matches of one name gathered at a time: most names have one. */
#define KSR_LOOKUP_CHUNK	8

/*
 * The module name filter (namefilter.c): a name's row is the top bits of
 * its hash; each index records the rows its names fall in.
 */
#define KSR_FILTER_ROW_BITS	14
#define KSR_FILTER_ROWS		BIT(KSR_FILTER_ROW_BITS)

static inline u32 ksr_filter_row(u32 hash)
{
	return hash >> (32 - KSR_FILTER_ROW_BITS);
}

/* ksr_index.flags[] bits */
#define KSR_F_EXPORTED	0x01
#define KSR_F_INIT	0x02

/**
 * struct ksr_index - the symbols of vmlinux or of one module, by address
 * @base: addresses of symbols [@nr_abs, @nr) are @base + @off[i]
 * @end: end of the last symbol (its size is @end minus its address)
 * @nr: symbols
 * @nr_abs: symbols [0, @nr_abs) have absolute addresses below 4 GiB
 *	(vmlinux per-cpu symbols): their address is @off[i]
 * @hash_mask: name hash buckets - 1
 * @off: address offsets, ascending
 * @name: offset of each name in @pool
 * @hash_next: next symbol in the same name hash bucket (U32_MAX: none)
 * @hash_head: first symbol of each bucket (U32_MAX: none)
 * @type: nm type letter of each symbol ('?' when unknown)
 * @flags: KSR_F_* of each symbol
 * @rows: bitmap of the name filter rows of its names (KSR_FILTER_ROWS bits)
 * @pool: the NUL-terminated names, one shared pool
 * @pool_size: bytes in @pool
 *
 * 14 bytes per symbol plus 2 to 4 of hash buckets plus the name: about 40
 * bytes per symbol for vmlinux' names; 2 KiB of @rows per index.
 */
struct ksr_index {
	unsigned long base;
	unsigned long end;
	u32 nr;
	u32 nr_abs;
	u32 hash_mask;
	u32 *off;
	u32 *name;
	u32 *hash_next;
	u32 *hash_head;
	u8 *type;
	u8 *flags;
	unsigned long *rows;
	char *pool;
	size_t pool_size;
};

#define KSR_NONE	U32_MAX

static inline unsigned long ksr_index_addr(const struct ksr_index *x, u32 i)
{
	return i < x->nr_abs ? x->off[i] : x->base + x->off[i];
}

static inline const char *ksr_index_name(const struct ksr_index *x, u32 i)
{
	return x->pool + x->name[i];
}

/* Collects symbols in any order, then sorts and indexes them. */
struct ksr_builder {
	unsigned long *addr;
	u32 *name;
	u32 *hash;
	u8 *type;
	u8 *flags;
	char *pool;
	u32 cap;
	u32 nr;
	size_t pool_len;
	size_t pool_cap;
};

int ksr_builder_init(struct ksr_builder *b, u32 cap, size_t pool_cap);
int ksr_builder_add(struct ksr_builder *b, unsigned long addr,
		    const char *name, char type, u8 flags);
struct ksr_index *ksr_builder_finish(struct ksr_builder *b, unsigned long end);
void ksr_builder_abort(struct ksr_builder *b);

void ksr_index_free(struct ksr_index *x);
long ksr_index_find(const struct ksr_index *x, unsigned long addr);
u64 ksr_index_size(const struct ksr_index *x, u32 i);
u32 ksr_name_hash(const char *name);
u32 ksr_index_name_first(const struct ksr_index *x, const char *name);
u32 ksr_index_name_first_hashed(const struct ksr_index *x, const char *name,
				u32 hash);
u32 ksr_index_name_next(const struct ksr_index *x, u32 i, const char *name);
void ksr_index_mark_exported(struct ksr_index *x, unsigned long addr,
			     const char *name);
size_t ksr_index_bytes(const struct ksr_index *x);

/* One answer, gathered under the lock and written out after it. */
struct ksr_hit {
	u64 addr;
	u64 start;
	u64 size;
	u32 flags;
	u32 query;
	u8 type;
	u8 sym_class;
	u64 pos;		/* dump: position of the symbol */
	char name[KSYMRES_NAME_MAX];
	char module[KSYMRES_MODULE_NAME_MAX];
};

/* namefilter.c */
void ksr_filter_init(void);
void ksr_filter_exit(void);
size_t ksr_filter_bytes(void);
int ksr_filter_add(const struct ksr_index *x);
void ksr_filter_del(const struct ksr_index *x, int slot);
bool ksr_filter_may_hold(int slot, u32 hash);

/* spans.c: the sections of the loaded modules, sorted by address */
struct ksr_span {
	unsigned long start;
	const struct ksymres_range *range;
	void *owner;
};

struct ksr_spans {
	u32 nr;
	struct ksr_span span[];
};

struct ksr_spans *ksr_spans_alloc(u32 max);
void ksr_spans_free(struct ksr_spans *s);
void ksr_spans_add(struct ksr_spans *s, const struct ksymres_range *range,
		   void *owner);
void ksr_spans_sort(struct ksr_spans *s);
const struct ksr_span *ksr_spans_find(const struct ksr_spans *s,
				      unsigned long addr);

/* modules.c */
extern struct rw_semaphore ksr_modules_lock;
extern wait_queue_head_t ksr_generation_wait;
int ksr_modules_init(void);
void ksr_modules_exit(void);
bool ksr_tombstones_enabled(void);
u64 ksr_generation(void);
u32 ksr_nr_modules(u32 *nr_syms);
bool ksr_resolve_one(unsigned long addr, struct ksr_hit *hit);
u32 ksr_lookup_one(const char *module, const char *name, bool first,
		   u32 skip, struct ksr_hit *hits, u32 max, u32 *total);
u32 ksr_dump_chunk(u64 cursor, struct ksr_hit *hits, u32 max, u64 *next);
long ksr_modules_ioctl(struct file *file, void *arg);

/* output.c: records and string table written to user space */
struct ksr_out {
	void __user *results;
	u32 sym_size;
	u32 max;
	char __user *strtab;
	u32 strtab_size;
	u32 used;		/* bytes copied to the string table */
	u32 needed;		/* bytes all records would need */
	u32 nr;			/* complete records */
	bool full;		/* a record did not fit: stop writing */
	char last_module[KSYMRES_MODULE_NAME_MAX];
	u32 last_module_off;	/* offset of last_module, 0: none yet */
	struct ksymres_sym *recs;	/* staged records */
	u32 nrecs;
	u32 stage_recs;		/* room at recs */
	char *sbuf;		/* staged strings, to go at strtab + used */
	u32 slen;
	u32 stage_str;		/* bytes at sbuf */
};

int ksr_out_init(struct ksr_out *out, u64 results, u32 sym_size, u32 max,
		 u64 strtab, u32 strtab_size);
int ksr_out_stage(struct ksr_out *out);
int ksr_out_emit(struct ksr_out *out, const struct ksr_hit *hit);
int ksr_out_finish(struct ksr_out *out, int ret);

/* Records written or staged */
static inline u32 ksr_out_count(const struct ksr_out *out)
{
	return out->nr + out->nrecs;
}

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
