/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libksymres internals: the handle, the source interface, shared helpers. */
#ifndef KSYMRES_INTERNAL_H
#define KSYMRES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ksymres.h"

#define KSYMRES_EXPORT __attribute__((visibility("default")))

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Limits shared with ksymres.ko (uapi/linux/ksymres.h), NUL included. */
#define KSR_NAME_MAX		512
#define KSR_MODULE_NAME_MAX	64
/* Longest line a file source reads; longer lines are garbage. */
#define KSR_LINE_MAX		4096

/* A hexadecimal digit's value, -1 for any other character. */
static inline int ksr_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* strpool.c: strings that live as long as the handle */
struct strpool {
	struct strchunk *chunks;
	const char **slots;		/* intern hash: open addressing */
	size_t nr_slots;
	size_t nr_used;
};

void strpool_init(struct strpool *p);
void strpool_release(struct strpool *p);
const char *strpool_add(struct strpool *p, const char *s, size_t len);
const char *strpool_intern(struct strpool *p, const char *s, size_t len);
uint32_t ksr_hash(const char *s, size_t len);

/* reader.c: a file, line by line, whatever it holds */
#define KSR_LINE_LONG	(1U << 0)	/* longer than KSR_LINE_MAX: text dropped */
#define KSR_LINE_CRLF	(1U << 1)	/* ended in \r\n (the \r is removed) */
#define KSR_LINE_NO_EOL	(1U << 2)	/* last line, no newline */

typedef int (*ksr_line_fn)(const char *line, size_t len, uint64_t lineno,
			   unsigned int lflags, void *arg);
int ksr_read_lines(int fd, ksr_line_fn fn, void *arg);

/* nmline.c: one line of nm output (System.map, /proc/kallsyms) */
enum nm_kind { NM_SYMBOL, NM_BLANK, NM_UNDEFINED, NM_GARBAGE };

struct nm_line {
	uint64_t addr;
	unsigned int addr_digits;
	char type;
	const char *name;
	size_t name_len;
	const char *module;	/* NULL: none */
	size_t module_len;
};

enum nm_kind ksr_nm_parse(const char *s, size_t len, struct nm_line *out);

/* symtab.c: the table behind the file sources */
struct fsym {
	uint64_t addr;		/* as in the file */
	uint64_t size;		/* to the next symbol, 0 if unknown */
	const char *name;
	const char *module;	/* interned; NULL: vmlinux */
	uint32_t seq;		/* line order */
	uint32_t chain;		/* next index + 1 with the same name hash */
	char type;
	uint8_t cls;
	uint8_t resolvable;	/* has a real address */
	uint8_t size_known;
};

struct fmod {
	const char *name;
	uint64_t lo, hi;	/* lowest symbol, end of the highest */
	uint32_t first, nr;	/* range in symtab.syms */
};

struct symtab {
	struct fsym *syms;
	size_t nr, cap;
	uint32_t *vm_idx;	/* resolvable vmlinux symbols by address */
	size_t nr_vm_idx;
	uint32_t *mod_idx;	/* module symbols by address */
	size_t nr_mod_idx;
	uint32_t *buckets;	/* name hash: index + 1 of the first symbol */
	size_t nr_buckets;
	struct fmod *mods;
	size_t nr_mods;
	size_t nr_vmlinux;
	uint64_t text, etext;	/* file addresses of _text, _etext */
	bool has_text, has_etext;
	unsigned int addr_bits;
};

int symtab_add(struct symtab *t, struct strpool *p, const struct nm_line *l,
	       uint32_t seq);
int symtab_finish(struct symtab *t);
void symtab_release(struct symtab *t);

/* A source: one table of operations, one job each. */
struct ksymres_ops {
	int (*resolve)(struct ksymres_ctx *ctx, const uint64_t *addrs, size_t n,
		       struct ksymres_symbol *out);
	int (*lookup)(struct ksymres_ctx *ctx, const char *module, bool vmlinux,
		      const char *name, struct ksymres_symbol *out, size_t max);
	/* NULL or -EOPNOTSUPP: the first of lookup's matches; else 1 or 0 */
	int (*lookup_first)(struct ksymres_ctx *ctx, const char *module,
			    bool vmlinux, const char *name,
			    struct ksymres_symbol *out);
	int (*foreach)(struct ksymres_ctx *ctx, ksymres_symbol_fn fn, void *arg);
	/* NULL: foreach's strings already live in the handle, no cheaper walk */
	int (*foreach_transient)(struct ksymres_ctx *ctx, ksymres_symbol_fn fn, void *arg);
	int (*modules)(struct ksymres_ctx *ctx, struct ksymres_module_info *out,
		       size_t max);
	int (*info)(struct ksymres_ctx *ctx, struct ksymres_source_info *info);
	void (*close)(struct ksymres_ctx *ctx);
};

struct ksr_device;

struct ksymres_ctx {
	enum ksymres_source source;
	const struct ksymres_ops *ops;
	char *path;
	const char *release;		/* from the pool; NULL if unknown */
	struct strpool pool;
	struct ksymres_file_report report;
	uint64_t slide;
	bool slide_set;
	bool live;			/* /proc/kallsyms itself */
	struct symtab tab;		/* file sources */
	struct ksr_device *dev;		/* device source */
};

/* filesrc.c: what kallsyms.c and sysmap.c share */
extern const struct ksymres_ops ksr_file_ops;
int ksr_file_load(struct ksymres_ctx *ctx, const char *path,
		  int (*line_hook)(struct ksymres_ctx *ctx, const char *line,
				   size_t len));
void ksr_report_garbage(struct ksymres_file_report *r, uint64_t lineno);

int ksr_kallsyms_open(struct ksymres_ctx *ctx, const char *path);
int ksr_sysmap_open(struct ksymres_ctx *ctx, const char *path);
int ksr_device_open(struct ksymres_ctx *ctx, const char *path);
int ksr_device_text(uint64_t *text);

/* dwarf.c: file:line through libdw, loaded at run time */
struct ksr_dwarf;
int ksr_dwarf_new(struct ksr_dwarf **out);
void ksr_dwarf_free(struct ksr_dwarf *dw);
int ksr_dwarf_add(struct ksr_dwarf *dw, const char *path, bool vmlinux);
int ksr_dwarf_locate(struct ksr_dwarf *dw, const char *module, const char *name,
		     uint64_t start, uint64_t size, uint64_t offset, uint64_t text,
		     struct ksymres_srcloc *locs, size_t max);

/* slide.c */
int ksr_live_text(const char *kallsyms, uint64_t *text);

/* fingerprint.c: a KASLR-free identity of a symbol set */
struct ksr_fp {
	uint64_t sum;
	uint64_t count;
};

void ksr_fp_add(struct ksr_fp *fp, const char *name, uint64_t offset);
void ksr_fp_format(const struct ksr_fp *fp, char *out);

/* mapsearch.c: the candidate System.map paths, in order */
#define KSR_MAP_SEARCH_MAX	8
int ksr_map_search_paths(struct strpool *p, const char *root, const char *release,
			 const char **out);
bool ksr_release_like(const char *s);

/* classify.c: what a cross-check can compare */
enum ksr_cmp_class {
	KSR_CMP_COMPARABLE,
	KSR_CMP_ABSOLUTE,
	KSR_CMP_PERCPU,
	KSR_CMP_KALLSYMS_OMITTED,
};

bool ksr_kallsyms_omits(const char *name);
bool ksr_local_label(const char *name);
enum ksr_cmp_class ksr_classify(const char *name, char type, uint64_t addr,
				uint64_t text);

/* refset.c: the reference symbols of a cross-check */
struct ref_sym {
	uint64_t addr;
	const char *name;	/* the reference handle's: valid while it lives */
	uint32_t next;		/* index + 1 of the next in the same name bucket */
	uint32_t hash;		/* ksr_hash() of the name: most misses need no strcmp */
	uint16_t map_count;	/* map symbols of this name (saturating) */
	char type;
	uint8_t comparable;	/* ksr_classify() said so */
	uint8_t paired;		/* matched to a map symbol (same name, or renamed) */
	uint8_t in_map;		/* the map has this name */
};

struct refset {
	struct ref_sym *syms;
	size_t nr, cap;
	uint32_t *buckets;	/* name hash: index + 1 */
	size_t nr_buckets;
	uint32_t *by_addr;	/* comparable symbols by address */
	size_t nr_by_addr;
	uint64_t text;
	bool has_text;		/* _text or _stext */
	struct ksr_fp fp;
};

int refset_load(struct refset *rs, struct ksymres_ctx *ref);
uint32_t refset_find(const struct refset *rs, const char *name);
uint32_t refset_next(const struct refset *rs, uint32_t i);
size_t refset_at(const struct refset *rs, uint64_t addr);
void refset_reset(struct refset *rs);
void refset_release(struct refset *rs);

/* compare.c: one map against the reference */
struct ksr_eval {
	struct ksymres_ctx *map;	/* owned */
	struct ksymres_check_result res;
	struct ksymres_drift *drift;
	size_t nr_drift, cap_drift;
};

int ksr_compare(struct ksr_eval *ev, struct refset *rs, const char *release,
		struct strpool *pool);
void ksr_eval_release(struct ksr_eval *ev);

#endif /* KSYMRES_INTERNAL_H */
