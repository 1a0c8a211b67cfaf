/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libksymres: kernel addresses to symbols and names to addresses, from
 * /dev/ksymres (ksymres.ko), from /proc/kallsyms or a saved copy of it, or
 * from a System.map file.
 *
 * Conventions
 * -----------
 * - One opaque handle, struct ksymres_ctx. No global state: separate handles
 *   may be used from separate threads at the same time; one handle must not
 *   be used by two threads at once.
 * - Functions return 0 (or a count) on success and a negative errno value
 *   on failure; ksymres_new() returns NULL and sets errno.
 * - Strings in results (symbol and module names) belong to the handle and
 *   stay valid until ksymres_free().
 * - The library never prints. Problems found in input files are counted in
 *   struct ksymres_file_report for the caller to show.
 * - What a source cannot answer is said in flags, never guessed silently.
 * - Since: every function here is in LIBKSYMRES_0.1 (libksymres.map) unless
 *   its comment names a later node (the cross-check: LIBKSYMRES_0.2); later
 *   additions go into new version nodes and say so here.
 *
 * Errors with a meaning of their own here (see libksymres(3)):
 *	ENODATA	the System.map is Debian's one-line placeholder
 *	EBADMSG	the file holds no symbol line at all (empty, garbage, binary)
 *	EPERM	the addresses are hidden from this process (all zero in
 *		/proc/kallsyms; or the device refused the opener)
 *	ENODEV	no /dev/ksymres (ksymres.ko not loaded)
 *	EBUSY	the handle already has a source
 *	EOPNOTSUPP the source cannot do this (for example a slide on the device
 *		or on the live /proc/kallsyms)
 *	EXDEV	ksymres_compute_slide(): the file's release (System.map-<release>)
 *		is not the running kernel's
 */
#ifndef KSYMRES_H
#define KSYMRES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KSYMRES_LIB_VERSION	"0.1.0"

struct ksymres_ctx;

enum ksymres_source {
	KSYMRES_SOURCE_NONE	= 0,
	KSYMRES_SOURCE_DEVICE	= 1,	/* /dev/ksymres */
	KSYMRES_SOURCE_KALLSYMS	= 2,	/* /proc/kallsyms or a saved copy */
	KSYMRES_SOURCE_SYSMAP	= 3	/* a System.map (nm format) */
};

/* struct ksymres_symbol.flags: the low bits mean what ksymres.ko says. */
#define KSYMRES_SYMBOL_FOUND		(1U << 0)  /* the record holds a symbol */
#define KSYMRES_SYMBOL_MODULE		(1U << 1)  /* in a module (see .module) */
#define KSYMRES_SYMBOL_INIT		(1U << 2)  /* in an __init section */
#define KSYMRES_SYMBOL_GONE		(1U << 3)  /* code unloaded or freed */
#define KSYMRES_SYMBOL_EXPORTED		(1U << 4)  /* EXPORT_SYMBOL* */
/* Library facts about file sources: */
#define KSYMRES_SYMBOL_SIZE_ESTIMATED	(1U << 16) /* size: distance to the next symbol in the file */
#define KSYMRES_SYMBOL_SIZE_UNKNOWN	(1U << 17) /* last symbol of its object: size 0 */
#define KSYMRES_SYMBOL_SLID		(1U << 18) /* file address + slide */
#define KSYMRES_SYMBOL_NO_ADDRESS	(1U << 19) /* absolute or per-cpu: not resolvable */

enum ksymres_symbol_class {
	KSYMRES_SYMCLASS_UNKNOWN	= 0,
	KSYMRES_SYMCLASS_TEXT	= 1,
	KSYMRES_SYMCLASS_RODATA	= 2,
	KSYMRES_SYMCLASS_DATA	= 3,
	KSYMRES_SYMCLASS_BSS	= 4,
	KSYMRES_SYMCLASS_PERCPU	= 5,
	KSYMRES_SYMCLASS_ABS	= 6
};

/**
 * struct ksymres_symbol - one answer
 * @addr: resolve: the address asked; otherwise the symbol's address
 * @start: the symbol's (runtime) address
 * @offset: @addr - @start
 * @size: bytes to the next symbol (0 when unknown, see @flags)
 * @name: symbol name, NULL when not found
 * @module: module name, NULL for vmlinux
 * @flags: KSYMRES_SYMBOL_*
 * @query: 0 (kept for a batched lookup: the index of the name answered)
 * @type: nm type letter ('?' when the source does not know it)
 * @sym_class: enum ksymres_symbol_class
 */
struct ksymres_symbol {
	uint64_t addr;
	uint64_t start;
	uint64_t offset;
	uint64_t size;
	const char *name;
	const char *module;
	uint32_t flags;
	uint32_t query;
	char type;
	uint8_t sym_class;
	uint16_t __reserved;
	uint32_t __reserved2[3];
};

struct ksymres_addr_range {
	uint64_t start;
	uint64_t size;	/* 0: empty, gone or unknown */
};

enum ksymres_mod_state {
	KSYMRES_MOD_LIVE	= 0,
	KSYMRES_MOD_COMING	= 1,
	KSYMRES_MOD_GOING	= 2,
	KSYMRES_MOD_GONE	= 3,
	KSYMRES_MOD_UNKNOWN	= 4	/* file sources */
};

/*
 * struct ksymres_module_info.flags. RANGES_ESTIMATED: core_text only spans
 * the module's symbols, and the other ranges are unknown (file sources).
 */
#define KSYMRES_MOD_RANGES_ESTIMATED	(1U << 0)
/*
 * Not a loaded module: the name /proc/kallsyms gives ftrace and kprobe
 * trampolines ("__builtin__ftrace", "__builtin__kprobes") and BPF programs
 * ("bpf"). The device does not list these.
 */
#define KSYMRES_MOD_PSEUDO		(1U << 1)

struct ksymres_module_info {
	const char *name;
	struct ksymres_addr_range core_text;
	struct ksymres_addr_range core_rodata;
	struct ksymres_addr_range core_data;
	struct ksymres_addr_range init_text;
	struct ksymres_addr_range init_data;
	uint32_t state;
	uint32_t nr_syms;
	uint32_t flags;
	uint32_t __reserved;
};

/* struct ksymres_source_info.features: same bits as KSYMRES_FEAT_* of ksymres.ko */
#define KSYMRES_FEATURE_RESOLVE		(1U << 0)
#define KSYMRES_FEATURE_MODULES		(1U << 1)
#define KSYMRES_FEATURE_LOOKUP		(1U << 2)
#define KSYMRES_FEATURE_DUMP		(1U << 3)
#define KSYMRES_FEATURE_TYPES		(1U << 4)
#define KSYMRES_FEATURE_EXPORTED	(1U << 5)
#define KSYMRES_FEATURE_TOMBSTONES	(1U << 6)
#define KSYMRES_FEATURE_BUILD_ID	(1U << 7)
#define KSYMRES_FEATURE_KASLR		(1U << 8)

/* struct ksymres_source_info.flags: which fields are known */
#define KSYMRES_INFO_RELEASE		(1U << 0) /* release (sysmap: from the file name) */
#define KSYMRES_INFO_BUILD_ID		(1U << 1)
#define KSYMRES_INFO_KASLR		(1U << 2) /* kaslr_offset */
#define KSYMRES_INFO_GENERATION		(1U << 3)
#define KSYMRES_INFO_TEXT		(1U << 4) /* text_start */
#define KSYMRES_INFO_TEXT_END		(1U << 5)
#define KSYMRES_INFO_SLIDE		(1U << 6) /* a slide is applied */
#define KSYMRES_INFO_SIZES_ESTIMATED	(1U << 7)
#define KSYMRES_INFO_MODULE_RANGES_ESTIMATED (1U << 8)
#define KSYMRES_INFO_LIVE		(1U << 9) /* answers are about the running kernel */

struct ksymres_source_info {
	uint32_t source;		/* enum ksymres_source */
	uint32_t flags;			/* KSYMRES_INFO_* */
	const char *path;
	const char *release;		/* NULL when unknown */
	uint32_t abi_version;		/* device: ksymres.ko ABI; files: 0 */
	uint32_t features;		/* KSYMRES_FEATURE_* */
	uint64_t generation;
	uint64_t kaslr_offset;
	uint64_t text_start;
	uint64_t text_end;
	uint64_t slide;			/* added to file addresses */
	uint32_t nr_vmlinux_syms;
	uint32_t nr_module_syms;
	uint32_t nr_modules;
	uint32_t addr_bits;		/* 32 or 64; 0 when unknown */
	uint32_t build_id_size;
	uint8_t build_id[32];
	uint32_t __reserved[7];
};

#define KSYMRES_REPORT_BAD_LINES	16

/* What reading a file met; filled for file sources, also after a failed open. */
struct ksymres_file_report {
	uint64_t lines;			/* lines read (a last line without \n counts) */
	uint64_t symbols;		/* symbol lines kept */
	uint64_t blank;
	uint64_t undefined;		/* nm lines with no address (U, w, v): skipped */
	uint64_t garbage;		/* lines that are not nm format */
	uint64_t long_lines;		/* of which: longer than the line limit */
	uint64_t crlf;			/* lines ending in \r\n */
	uint64_t bad_lines[KSYMRES_REPORT_BAD_LINES]; /* first garbage line numbers, 1-based */
	uint32_t nr_bad_lines;		/* entries used in bad_lines */
	uint32_t truncated;		/* 1: the last line has no newline */
	uint32_t placeholder;		/* 1: Debian's placeholder map (in no other count) */
	uint32_t addr_bits;		/* widest address seen: 32 or 64 */
	uint64_t __reserved[4];
};

/* Handle */
struct ksymres_ctx *ksymres_new(void);
void ksymres_free(struct ksymres_ctx *ctx);

/*
 * Sources. spec: NULL or "" (the device when /dev/ksymres exists, else
 * /proc/kallsyms), "device", "device=PATH", "kallsyms", "kallsyms=FILE",
 * "map=FILE". A handle takes one source.
 */
int ksymres_open(struct ksymres_ctx *ctx, const char *spec);
int ksymres_open_device(struct ksymres_ctx *ctx, const char *path);
int ksymres_open_kallsyms(struct ksymres_ctx *ctx, const char *path);
int ksymres_open_sysmap(struct ksymres_ctx *ctx, const char *path);
enum ksymres_source ksymres_get_source(const struct ksymres_ctx *ctx);
int ksymres_file_report(const struct ksymres_ctx *ctx, struct ksymres_file_report *report);

/*
 * KASLR slide for file sources: runtime address = file address + slide,
 * for vmlinux symbols that have an address (not absolute, not per-cpu).
 * ksymres_compute_slide() compares _text (or _stext) in the file with
 * the live kernel's _text: from live_kallsyms if given, else from
 * /dev/ksymres if it answers, else from /proc/kallsyms; it does not apply it.
 * Both refuse the device and the live /proc/kallsyms (-EOPNOTSUPP), whose
 * addresses are already runtime ones; ksymres_compute_slide() refuses a map
 * named for another release than the running one (-EXDEV).
 */
int ksymres_set_slide(struct ksymres_ctx *ctx, uint64_t slide);
int ksymres_compute_slide(struct ksymres_ctx *ctx, const char *live_kallsyms, uint64_t *slide);

/*
 * Resolve n addresses in one call; out[i] answers addrs[i] (not found: only
 * .addr set, flags 0). Returns how many were found. Among vmlinux symbols
 * at the same address the kernel's %pS name wins: file sources order them
 * as scripts/kallsyms does (weak last, linker-script names such as
 * __start_X last, fewer leading '_' first, then file order); among module
 * symbols the first listed wins.
 */
int ksymres_resolve(struct ksymres_ctx *ctx, const uint64_t *addrs, size_t n,
		    struct ksymres_symbol *out);

/*
 * Every symbol called name ("name", "module:name", "vmlinux:name"): vmlinux
 * matches first, by address, then module matches. Fills up to max records
 * and returns the number of matches, which may be more than max (call again
 * with more room; out NULL and max 0 only count); 0 when there is none,
 * -EINVAL for a malformed name.
 */
int ksymres_lookup(struct ksymres_ctx *ctx, const char *name,
		   struct ksymres_symbol *out, size_t max);

/*
 * The first of ksymres_lookup()'s matches, the one kallsyms_lookup_name()
 * answers: vmlinux's lowest address, else the first module's (from the
 * device, init symbols whose memory is gone are left out). 1 with *out
 * filled, 0 when there is none, -EINVAL for a malformed name. The device
 * stops at that match, which makes a name that repeats cheaper. Since:
 * LIBKSYMRES_0.2.
 */
int ksymres_lookup_first(struct ksymres_ctx *ctx, const char *name,
			 struct ksymres_symbol *out);

/*
 * Every symbol: vmlinux in address order, then each module's. fn returns 0
 * to go on; anything else stops the walk and is returned.
 */
typedef int (*ksymres_symbol_fn)(const struct ksymres_symbol *sym, void *arg);
int ksymres_foreach(struct ksymres_ctx *ctx, ksymres_symbol_fn fn, void *arg);

/*
 * The same walk, the same records, but sym->name and sym->module are valid
 * only until fn returns (copy what you keep): from the device no name is
 * interned, which makes a full walk cheaper. Since: LIBKSYMRES_0.2.
 */
int ksymres_foreach_transient(struct ksymres_ctx *ctx, ksymres_symbol_fn fn, void *arg);

/* Modules: fills up to max, returns the count (which may exceed max). */
int ksymres_modules(struct ksymres_ctx *ctx, struct ksymres_module_info *out,
		    size_t max);

int ksymres_get_info(struct ksymres_ctx *ctx, struct ksymres_source_info *info);

/*
 * System.map cross-check. Since: LIBKSYMRES_0.2.
 *
 * ksymres_check() compares a System.map with a reference: the handle ref,
 * opened on the live kernel (device or /proc/kallsyms) or on a file (a
 * saved kallsyms, another map) for a kernel that is not running. With map
 * NULL it searches the classic places in this order, KSYMRES_MAP_SEARCH
 * below, each under opts->root (REL: opts->release, else the reference's
 * release, else the running one), and takes the first that MATCHes, else
 * the best one seen:
 *
 *	/boot/System.map-REL			Debian: often the placeholder
 *	/usr/lib/debug/boot/System.map-REL	Debian's -dbg package: the real one
 *	/lib/modules/REL/build/System.map	a kernel built on this machine
 *	/usr/src/linux-REL/System.map
 *	/System.map-REL				klogd's release-named forms
 *	/boot/System.map			the unnamed ones of klogd and ps:
 *	/System.map				whose kernel only the symbols tell
 *	/usr/src/linux/System.map
 *
 * The slide is reference _text (or _stext) minus map _text, confirmed as
 * the most common difference over names unique in the map. Symbols that
 * cannot be compared are counted, not flagged: absolute (A), per-cpu
 * offsets (below _text), names scripts/kallsyms leaves out (kallsyms_*
 * tables), __init symbols absent from the reference, compiler local labels.
 *
 * The fingerprint does not depend on KASLR: a hash over every compared
 * symbol's name and offset from _text (a multiset: order free), so that two
 * machines can compare theirs; equal fingerprints mean the same build.
 */
enum ksymres_verdict {
	KSYMRES_CHECK_MATCH		= 0,	/* every comparable symbol in place */
	KSYMRES_CHECK_DRIFT		= 1,	/* some moved, missing, renamed or added */
	KSYMRES_CHECK_BAD_MAP		= 2,	/* the map holds no symbol line */
	KSYMRES_CHECK_WRONG_KERNEL	= 4,	/* see struct ksymres_check_result.wrong */
	KSYMRES_CHECK_PLACEHOLDER	= 5,	/* only Debian's placeholder found */
	KSYMRES_CHECK_NO_MAP		= 6	/* no map found, or none readable */
};

/* struct ksymres_check_result.wrong: why WRONG KERNEL (any of them) */
#define KSYMRES_WRONG_RELEASE	(1U << 0)	/* the map's name gives another release */
#define KSYMRES_WRONG_SLIDE	(1U << 1)	/* no slide fits half the compared symbols */
#define KSYMRES_WRONG_NO_COMMON	(1U << 2)	/* no name in common at all */

/* struct ksymres_check_result.flags */
#define KSYMRES_CHECK_SLIDE_FROM_TEXT	(1U << 0) /* slide = _text difference */
#define KSYMRES_CHECK_SLIDE_CONFIRMED	(1U << 1) /* it is the commonest difference */
#define KSYMRES_CHECK_KASLR_KNOWN	(1U << 2) /* kaslr_offset is the kernel's own */
#define KSYMRES_CHECK_SEARCHED		(1U << 3) /* the map was searched for */

#define KSYMRES_FINGERPRINT_LEN	17	/* 16 hex digits and a NUL */

struct ksymres_check_result {
	uint32_t verdict;		/* enum ksymres_verdict */
	uint32_t wrong;			/* KSYMRES_WRONG_* */
	uint32_t flags;			/* KSYMRES_CHECK_* */
	uint32_t ref_source;		/* enum ksymres_source of the reference */
	const char *map_path;		/* the map checked; NULL when none */
	const char *map_release;	/* from its name; NULL when it has none */
	const char *ref_path;		/* the reference's file or device */
	const char *ref_release;	/* NULL when unknown */
	uint64_t slide;			/* reference address - map address */
	uint64_t text_slide;		/* from _text/_stext (FROM_TEXT set) */
	uint64_t common_slide;		/* the commonest difference */
	uint64_t common_count;		/* how many names had it */
	uint64_t kaslr_offset;		/* the reference's (KASLR_KNOWN set) */
	uint64_t map_symbols;		/* symbol lines of the map */
	uint64_t ref_symbols;		/* vmlinux symbols of the reference */
	uint64_t compared;		/* map symbols compared with the reference */
	uint64_t matched;		/* of which at the expected address */
	uint64_t moved;
	uint64_t missing;		/* in the map, not in the reference */
	uint64_t renamed;		/* another name at the expected address */
	uint64_t added;			/* in the reference, not in the map */
	uint64_t absolute;		/* not compared: A symbols */
	uint64_t percpu;		/* not compared: per-cpu offsets */
	uint64_t kallsyms_omitted;	/* not compared: left out of kallsyms */
	uint64_t init_freed;		/* not compared: __init, not in the reference */
	uint64_t local_labels;		/* not compared: .L and other local labels */
	char map_fingerprint[KSYMRES_FINGERPRINT_LEN];
	char ref_fingerprint[KSYMRES_FINGERPRINT_LEN];
	struct ksymres_file_report map_report;	/* of the map checked */
	uint64_t __reserved[8];
};

enum ksymres_drift_kind {
	KSYMRES_DRIFT_MISSING	= 0,	/* in the map, not in the reference */
	KSYMRES_DRIFT_MOVED	= 1,	/* both, at another address */
	KSYMRES_DRIFT_RENAMED	= 2,	/* the reference has another name there */
	KSYMRES_DRIFT_ADDED	= 3	/* in the reference, not in the map */
};

/* One finding; the list comes worst first: kind, then |delta|, then address. */
struct ksymres_drift {
	uint32_t kind;			/* enum ksymres_drift_kind */
	char type;			/* the map's type letter ('?' for ADDED) */
	char __pad[3];
	const char *name;		/* the map's name (ADDED: the reference's) */
	const char *ref_name;		/* RENAMED: the reference's name */
	uint64_t map_addr;		/* as in the map (ADDED: 0) */
	uint64_t expected;		/* map_addr + slide (ADDED: 0) */
	uint64_t actual;		/* in the reference (MISSING: 0) */
	int64_t delta;			/* actual - expected (MOVED) */
};

enum ksymres_map_status {
	KSYMRES_MAP_CHOSEN	= 0,
	KSYMRES_MAP_MISSING	= 1,
	KSYMRES_MAP_UNREADABLE	= 2,	/* .err says why */
	KSYMRES_MAP_PLACEHOLDER	= 3,
	KSYMRES_MAP_NOT_A_MAP	= 4,	/* no symbol line: empty, garbage, binary */
	KSYMRES_MAP_OTHER_KERNEL = 5,	/* .wrong says why */
	KSYMRES_MAP_DRIFTED	= 6,	/* drifts; the chosen one fits better */
	KSYMRES_MAP_NOT_TRIED	= 7	/* after the one chosen */
};

struct ksymres_map_candidate {
	const char *path;
	const char *release;		/* from the name; NULL when none */
	uint32_t status;		/* enum ksymres_map_status */
	int32_t err;			/* UNREADABLE: negative errno */
	uint32_t wrong;			/* OTHER_KERNEL: KSYMRES_WRONG_* */
	uint32_t __reserved;
	uint64_t symbols;		/* symbol lines read */
};

struct ksymres_check_opts {
	size_t size;			/* sizeof(struct ksymres_check_opts) */
	const char *root;		/* prefix of the searched paths; NULL: / */
	const char *release;		/* the release to search and expect */
};

struct ksymres_check;

int ksymres_check(struct ksymres_ctx *ref, const char *map,
		  const struct ksymres_check_opts *opts, struct ksymres_check **out);
int ksymres_check_result(const struct ksymres_check *chk,
			 struct ksymres_check_result *res);
/* Findings worst first: fills up to max, returns the total (may exceed max). */
int ksymres_check_drift(const struct ksymres_check *chk,
			struct ksymres_drift *out, size_t max);
/* The maps tried, in search order (the one given): as ksymres_check_drift. */
int ksymres_check_candidates(const struct ksymres_check *chk,
			     struct ksymres_map_candidate *out, size_t max);
void ksymres_check_free(struct ksymres_check *chk);
const char *ksymres_verdict_name(enum ksymres_verdict verdict);

/*
 * Oops and stack-trace text (Since: LIBKSYMRES_0.2)
 * --------------------------------------------------
 * ksymres_scan_line() finds, in one line of kernel log text, the tokens
 * worth annotating; it is pure (no I/O, no handle). The decoder looks them
 * up in a handle's source and formats the annotations; with a vmlinux (or a
 * module's .ko) it adds file:line and inlined frames through libdw, which
 * the library loads at run time (libdw.so.1) only when asked to.
 */
enum ksymres_token_kind {
	KSYMRES_TOKEN_ADDRESS	= 1,	/* [<addr>], 0xaddr, RIP: 0010:[<addr>] */
	KSYMRES_TOKEN_FRAME	= 2,	/* name+0xoff/0xsize [module] */
	KSYMRES_TOKEN_KERNEL_OFFSET = 3	/* "Kernel Offset: 0x... from 0x..." */
};

/* struct ksymres_token.flags */
#define KSYMRES_TOKEN_HAS_ADDR	(1U << 0) /* .addr holds a printed address */
#define KSYMRES_TOKEN_HAS_SIZE	(1U << 1) /* frame: "/0xsize" was printed */
#define KSYMRES_TOKEN_UNRELIABLE (1U << 2) /* frame: "? " before it */
#define KSYMRES_TOKEN_IP	(1U << 3) /* RIP:/EIP:/PC is at: the faulting place */
#define KSYMRES_TOKEN_BRACKETED	(1U << 4) /* the address was in [<...>] */

/**
 * struct ksymres_token - one thing found in a line
 * @kind: enum ksymres_token_kind
 * @flags: KSYMRES_TOKEN_*
 * @start: offset of its first byte in the line
 * @end: offset one past its last byte (annotations go there)
 * @addr: the printed address (ADDRESS; FRAME with HAS_ADDR; KERNEL_OFFSET:
 *	the offset)
 * @offset: frame: +0xoff
 * @size: frame: /0xsize (0 when not printed)
 * @name: frame: offset and length of the symbol name in the line
 * @module: frame: offset and length of the module name (length 0: vmlinux)
 */
struct ksymres_token {
	uint32_t kind;
	uint32_t flags;
	size_t start, end;
	uint64_t addr;
	uint64_t offset;
	uint64_t size;
	size_t name, name_len;
	size_t module, module_len;
};

/*
 * Tokens of line[0..len) in order; fills up to max and returns how many
 * there are (which may be more than max). Never fails on any input.
 */
int ksymres_scan_line(const char *line, size_t len, struct ksymres_token *out,
		      size_t max);

struct ksymres_decoder;

/* struct ksymres_frame.status */
enum ksymres_frame_status {
	KSYMRES_FRAME_OK	= 0,	/* resolved; a frame agrees with the source */
	KSYMRES_FRAME_NOT_FOUND	= 1,	/* no symbol there / no such name */
	KSYMRES_FRAME_MISMATCH	= 2,	/* the source disagrees: see .why */
	KSYMRES_FRAME_NO_SLIDE	= 3,	/* a map without a slide: no runtime address */
	KSYMRES_FRAME_NO_MODULE	= 4	/* the module is not in the source */
};

#define KSYMRES_FRAME_MAX_INLINE 8

/* One source location: a function and where it is (NULL when unknown). */
struct ksymres_srcloc {
	const char *function;
	const char *file;
	uint32_t line;
	uint32_t __reserved;
};

/**
 * struct ksymres_frame - one token, decoded
 * @token: what was found in the line
 * @status: enum ksymres_frame_status
 * @why: MISMATCH: what disagrees (static text), else NULL
 * @sym: the symbol (FOUND in .flags when there is one); .addr is the
 *	absolute address for this boot when known
 * @nr_locs: source locations in @locs (0: no debug info asked or found),
 *	innermost first: an inlined function, then who inlined it, ...
 */
struct ksymres_frame {
	struct ksymres_token token;
	uint32_t status;
	uint32_t nr_locs;
	const char *why;
	struct ksymres_symbol sym;
	struct ksymres_srcloc locs[KSYMRES_FRAME_MAX_INLINE];
};

/* A decoder over an opened handle (which must outlive it); NULL + errno. */
struct ksymres_decoder *ksymres_decoder_new(struct ksymres_ctx *ctx);
void ksymres_decoder_free(struct ksymres_decoder *d);

/*
 * Debug info for file:line: the vmlinux with DWARF, and a module's .ko (or
 * its separate debug file; the module name is read from its .modinfo).
 * -ENOSYS: libdw.so.1 cannot be loaded; -ENOENT, -EBADMSG: the file is
 * missing or has no usable ELF.
 */
int ksymres_decoder_set_vmlinux(struct ksymres_decoder *d, const char *path);
int ksymres_decoder_add_module(struct ksymres_decoder *d, const char *path);

/*
 * The slide printed in a text: the "Kernel Offset: 0x..." line of a panic.
 * 0 and *slide, or -ENOENT when the text has none.
 */
int ksymres_text_slide(const char *text, size_t len, uint64_t *slide);

/*
 * Decode one line: fills up to max frames and returns how many tokens the
 * line holds. ksymres_decode_format() writes the line back with each
 * frame's annotation after its token (see ksymres(1)); returns the length
 * the whole line needs, as snprintf() does.
 */
int ksymres_decode_line(struct ksymres_decoder *d, const char *line, size_t len,
			struct ksymres_frame *out, size_t max);
int ksymres_decode_format(const char *line, size_t len,
			  const struct ksymres_frame *frames, size_t n,
			  char *buf, size_t buflen);

/* Helpers */
int ksymres_parse_addr(const char *s, uint64_t *addr);
int ksymres_format_symbol(const struct ksymres_symbol *sym, char *buf, size_t len);
const char *ksymres_source_name(enum ksymres_source source);
const char *ksymres_strerror(int err);
const char *ksymres_version(void);

#ifdef __cplusplus
}
#endif

#endif /* KSYMRES_H */
