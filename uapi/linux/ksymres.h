/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ksymres: resolve kernel addresses to symbols and names to addresses,
 * in-kernel, through /dev/ksymres.
 *
 * General format
 * --------------
 * Every ioctl takes one argument struct that starts with
 *
 *	__u32 size;	sizeof the struct as the caller knows it
 *	__u32 flags;	request flags; every undefined bit must be 0
 *
 * The kernel copies the struct in with copy_struct_from_user(): a caller
 * built against an older, shorter struct keeps working, and a newer caller
 * whose extra fields are all zero is accepted by an older module. Output
 * fields are copied back up to min(size, the kernel's size). Fields named
 * __reserved must be zero on input.
 *
 * The command number is matched on its type and number only (as DRM does):
 * the size encoded by _IOWR() is the size this header was written with, and
 * the size field in the struct is the one that counts.
 *
 * Result records (struct ksymres_sym, struct ksymres_module) are arrays whose
 * element size the caller states (sym_size, module_size), so that they can
 * grow too. Strings come back in a caller-provided string table, as in an ELF
 * .strtab: byte 0 is always NUL, so offset 0 is the empty string, and every
 * string is NUL-terminated. Nothing the kernel did not write for the answer
 * reaches user space: unused tails of records are zeroed.
 *
 * Errors (negative errno; each has one meaning)
 * ---------------------------------------------
 *	EPERM		open(): the opener may not see kernel addresses, under
 *			the rules of /proc/kallsyms (CAP_SYSLOG, kptr_restrict,
 *			perf_event_paranoid), judged on the opener's
 *			credentials
 *	ENOTTY		unknown command
 *	EINVAL		size below the oldest accepted struct, an undefined
 *			flag bit, a non-zero __reserved field, a count of 0,
 *			an element size below the oldest accepted one, or a
 *			malformed name (empty, no NUL within the limit, bad
 *			module: qualifier, names_size not matching the names)
 *	E2BIG		size above this kernel's struct with non-zero bytes in
 *			the tail, size above a page, or a count above the
 *			documented maximum for the command
 *	EFAULT		a user pointer that cannot be read or written
 *	EMSGSIZE	an output array or string table is too small; the
 *			needed count or bytes are written back and the records
 *			that are complete are counted in nr_done
 *	ESTALE		a dump cursor from an older module generation: start
 *			again from cursor 0
 *	EOPNOTSUPP	a capability this kernel does not let ksymres reach
 *			(see KSYMRES_FEAT_*)
 *	ENOMEM		out of memory
 *	EINTR		a fatal signal arrived during a long batch; nr_done
 *			records are complete
 *
 * Addresses that resolve to nothing are not errors: their record has
 * KSYMRES_SYM_FOUND clear, addr set and every other field zero.
 */
#ifndef _UAPI_LINUX_KSYMRES_H
#define _UAPI_LINUX_KSYMRES_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define KSYMRES_ABI_VERSION	1
#define KSYMRES_DEVICE_NAME	"ksymres"

/* Longest symbol name, NUL included (KSYM_NAME_LEN in 6.1). */
#define KSYMRES_NAME_MAX	512
/* Longest module name, NUL included (MODULE_NAME_LEN is 56 or 60). */
#define KSYMRES_MODULE_NAME_MAX	64
/* Longest build ID (BUILD_ID_SIZE_MAX is 20). */
#define KSYMRES_BUILD_ID_MAX	32
/* Longest kernel release string, NUL included (__NEW_UTS_LEN + 1 is 65). */
#define KSYMRES_RELEASE_MAX	72

/* Most addresses per KSYMRES_IOC_RESOLVE call. */
#define KSYMRES_RESOLVE_MAX	262144
/* Most names per KSYMRES_IOC_LOOKUP call, and most bytes of names. */
#define KSYMRES_LOOKUP_MAX	65536
#define KSYMRES_LOOKUP_NAMES_MAX	4194304
/* Most records per KSYMRES_IOC_DUMP page. */
#define KSYMRES_DUMP_MAX	65536
/* Most bytes of string table per call (all commands). */
#define KSYMRES_STRTAB_MAX	67108864

/**
 * enum ksymres_feature - what this kernel lets ksymres do
 * @KSYMRES_FEAT_RESOLVE: KSYMRES_IOC_RESOLVE answers vmlinux addresses
 * @KSYMRES_FEAT_MODULES: module symbols and KSYMRES_IOC_MODULES
 * @KSYMRES_FEAT_LOOKUP: KSYMRES_IOC_LOOKUP
 * @KSYMRES_FEAT_DUMP: KSYMRES_IOC_DUMP
 * @KSYMRES_FEAT_TYPES: type letters are those of /proc/kallsyms
 * @KSYMRES_FEAT_EXPORTED: KSYMRES_SYM_EXPORTED is reported
 * @KSYMRES_FEAT_TOMBSTONES: symbols of unloaded modules and freed init
 *	sections are kept (bounded) and answered with KSYMRES_SYM_GONE
 * @KSYMRES_FEAT_BUILD_ID: ksymres_info.build_id is the vmlinux build ID
 * @KSYMRES_FEAT_KASLR: ksymres_info.kaslr_offset is known
 */
enum ksymres_feature {
	KSYMRES_FEAT_RESOLVE	= 0x001,
	KSYMRES_FEAT_MODULES	= 0x002,
	KSYMRES_FEAT_LOOKUP	= 0x004,
	KSYMRES_FEAT_DUMP	= 0x008,
	KSYMRES_FEAT_TYPES	= 0x010,
	KSYMRES_FEAT_EXPORTED	= 0x020,
	KSYMRES_FEAT_TOMBSTONES	= 0x040,
	KSYMRES_FEAT_BUILD_ID	= 0x080,
	KSYMRES_FEAT_KASLR	= 0x100
};

/**
 * struct ksymres_info - KSYMRES_IOC_INFO: who the kernel is
 * @size: sizeof(struct ksymres_info)
 * @flags: must be 0
 * @abi_version: out: KSYMRES_ABI_VERSION of the module
 * @features: out: KSYMRES_FEAT_* bits
 * @generation: out: changes whenever a module is loaded or unloaded; reading
 *	it also re-arms poll() on this file
 * @kaslr_offset: out: runtime _text minus link-time _text (0 if unknown)
 * @text_start: out: runtime address of _text
 * @text_end: out: runtime address of _etext
 * @nr_vmlinux_syms: out: symbols in vmlinux
 * @nr_module_syms: out: symbols in all loaded modules
 * @nr_modules: out: loaded modules
 * @build_id_size: out: bytes used in @build_id (0 if none)
 * @build_id: out: vmlinux GNU build ID
 * @release: out: the kernel release (uname -r), NUL-terminated
 */
struct ksymres_info {
	__u32 size;
	__u32 flags;
	__u32 abi_version;
	__u32 features;
	__aligned_u64 generation;
	__aligned_u64 kaslr_offset;
	__aligned_u64 text_start;
	__aligned_u64 text_end;
	__u32 nr_vmlinux_syms;
	__u32 nr_module_syms;
	__u32 nr_modules;
	__u32 build_id_size;
	__u8 build_id[KSYMRES_BUILD_ID_MAX];
	char release[KSYMRES_RELEASE_MAX];
};

/**
 * enum ksymres_sym_flags - facts about one answer (ksymres_sym.flags)
 * @KSYMRES_SYM_FOUND: the record holds a symbol
 * @KSYMRES_SYM_MODULE: the symbol is in a module (module_off names it)
 * @KSYMRES_SYM_INIT: the symbol is in an __init section
 * @KSYMRES_SYM_GONE: the code is gone: answered from a tombstone of an
 *	unloaded module or a freed init section
 * @KSYMRES_SYM_EXPORTED: the symbol is exported (EXPORT_SYMBOL*)
 */
enum ksymres_sym_flags {
	KSYMRES_SYM_FOUND	= 0x001,
	KSYMRES_SYM_MODULE	= 0x002,
	KSYMRES_SYM_INIT	= 0x004,
	KSYMRES_SYM_GONE	= 0x008,
	KSYMRES_SYM_EXPORTED	= 0x010
};

/* ksymres_sym.sym_class: what kind of memory the symbol lives in. */
enum ksymres_sym_class {
	KSYMRES_CLASS_UNKNOWN	= 0,
	KSYMRES_CLASS_TEXT	= 1,
	KSYMRES_CLASS_RODATA	= 2,
	KSYMRES_CLASS_DATA	= 3,
	KSYMRES_CLASS_BSS	= 4,
	KSYMRES_CLASS_PERCPU	= 5,
	KSYMRES_CLASS_ABS	= 6
};

/**
 * struct ksymres_sym - one symbol answer
 * @addr: resolve: the address asked; lookup and dump: the symbol's address
 * @start: the symbol's address
 * @offset: @addr - @start
 * @size: distance to the next symbol, as kallsyms computes it for %pS
 * @flags: KSYMRES_SYM_* bits
 * @name_off: offset of the symbol name in the string table
 * @module_off: offset of the module name in the string table (0: vmlinux)
 * @query: lookup: index of the name this answers; resolve and dump: 0
 * @type: nm type letter as /proc/kallsyms shows it ('?' if not known)
 * @sym_class: KSYMRES_CLASS_*
 * @__reserved: zero
 * @__reserved2: zero
 */
struct ksymres_sym {
	__aligned_u64 addr;
	__aligned_u64 start;
	__aligned_u64 offset;
	__aligned_u64 size;
	__u32 flags;
	__u32 name_off;
	__u32 module_off;
	__u32 query;
	__u8 type;
	__u8 sym_class;
	__u16 __reserved;
	__u32 __reserved2;
};

/**
 * struct ksymres_resolve - KSYMRES_IOC_RESOLVE: addresses to symbols
 * @size: sizeof(struct ksymres_resolve)
 * @flags: must be 0
 * @count: in: addresses at @addrs, 1 to KSYMRES_RESOLVE_MAX
 * @nr_done: out: records at @results that are complete, in order
 * @addrs: in: user pointer to __u64[@count]
 * @results: in: user pointer to @count records of @sym_size bytes
 * @strtab: in: user pointer to @strtab_size bytes of string table
 * @strtab_size: in: bytes at @strtab
 * @strtab_used: out: bytes written; with EMSGSIZE, bytes needed for all
 * @sym_size: in: sizeof(struct ksymres_sym) as the caller knows it
 * @nr_found: out: records with KSYMRES_SYM_FOUND among the first @nr_done
 */
struct ksymres_resolve {
	__u32 size;
	__u32 flags;
	__u32 count;
	__u32 nr_done;
	__aligned_u64 addrs;
	__aligned_u64 results;
	__aligned_u64 strtab;
	__u32 strtab_size;
	__u32 strtab_used;
	__u32 sym_size;
	__u32 nr_found;
};

/**
 * struct ksymres_lookup - KSYMRES_IOC_LOOKUP: names to every address
 * @size: sizeof(struct ksymres_lookup)
 * @flags: 0, or KSYMRES_LOOKUP_FIRST
 * @count: in: names at @names, 1 to KSYMRES_LOOKUP_MAX
 * @names_size: in: bytes at @names, at most KSYMRES_LOOKUP_NAMES_MAX
 * @names: in: user pointer to @count NUL-terminated names, back to back,
 *	exactly @names_size bytes. "name" matches in vmlinux and every module;
 *	"mod:name" only in module mod; "vmlinux:name" only in vmlinux.
 * @counts: in: 0, or a user pointer to __u32[@count] that receives the
 *	number of matches of each name
 * @results: in: user pointer to @max_results records of @sym_size bytes;
 *	every match of every name, name by name (ksymres_sym.query says which)
 * @max_results: in: records at @results
 * @nr_results: out: matches of all names; with EMSGSIZE, more than
 *	@max_results, and @results holds the first @max_results
 * @strtab: in: user pointer to the string table
 * @strtab_size: in: bytes at @strtab
 * @strtab_used: out: bytes written; with EMSGSIZE, bytes needed for all
 * @sym_size: in: sizeof(struct ksymres_sym) as the caller knows it
 * @nr_found: out: names with at least one match
 * @nr_done: out: records at @results that are complete
 * @__reserved: zero
 *
 * With KSYMRES_LOOKUP_FIRST, each name gets its first match only, the one
 * kallsyms_lookup_name() answers: in vmlinux the lowest address, else the
 * first module's, leaving out init symbols whose memory is gone; @counts
 * and @nr_results then count at most one a name.
 */
enum ksymres_lookup_flags {
	KSYMRES_LOOKUP_FIRST	= 0x001
};

struct ksymres_lookup {
	__u32 size;
	__u32 flags;
	__u32 count;
	__u32 names_size;
	__aligned_u64 names;
	__aligned_u64 counts;
	__aligned_u64 results;
	__u32 max_results;
	__u32 nr_results;
	__aligned_u64 strtab;
	__u32 strtab_size;
	__u32 strtab_used;
	__u32 sym_size;
	__u32 nr_found;
	__u32 nr_done;
	__u32 __reserved;
};

/* ksymres_dump.cursor after the last page. */
#define KSYMRES_DUMP_END	(~0ULL)

/**
 * struct ksymres_dump - KSYMRES_IOC_DUMP: every symbol, page by page
 * @size: sizeof(struct ksymres_dump)
 * @flags: must be 0
 * @cursor: in: 0 for the first page, then the value written back;
 *	out: cursor of the next page, KSYMRES_DUMP_END after the last
 * @generation: in: 0 with cursor 0, then the value written back; out: the
 *	generation this page belongs to. A module loaded or unloaded between
 *	pages makes the next call fail with ESTALE: start again at cursor 0.
 * @results: in: user pointer to @max_results records of @sym_size bytes
 * @max_results: in: records at @results, 1 to KSYMRES_DUMP_MAX
 * @nr_results: out: records written in this page (vmlinux symbols in
 *	address order, then each module's in address order)
 * @strtab: in: user pointer to the string table
 * @strtab_size: in: bytes at @strtab
 * @strtab_used: out: bytes written
 * @sym_size: in: sizeof(struct ksymres_sym) as the caller knows it
 * @__reserved: zero
 *
 * A page ends when @results or @strtab is full; EMSGSIZE only when not even
 * one record fits.
 */
struct ksymres_dump {
	__u32 size;
	__u32 flags;
	__aligned_u64 cursor;
	__aligned_u64 generation;
	__aligned_u64 results;
	__u32 max_results;
	__u32 nr_results;
	__aligned_u64 strtab;
	__u32 strtab_size;
	__u32 strtab_used;
	__u32 sym_size;
	__u32 __reserved;
};

/* ksymres_module.state */
enum ksymres_module_state {
	KSYMRES_MODULE_LIVE	= 0,
	KSYMRES_MODULE_COMING	= 1,
	KSYMRES_MODULE_GOING	= 2,
	KSYMRES_MODULE_GONE	= 3
};

/**
 * struct ksymres_range - an address range [start, start + size)
 * @start: first address
 * @size: bytes (0: the range is empty or gone)
 */
struct ksymres_range {
	__aligned_u64 start;
	__aligned_u64 size;
};

/**
 * struct ksymres_module - one loaded module
 * @name: NUL-terminated module name
 * @core_text: executable core memory
 * @core_rodata: read-only core data (including ro_after_init)
 * @core_data: writable core data
 * @init_text: executable init memory (empty once init is freed)
 * @init_data: init data (empty once init is freed)
 * @state: KSYMRES_MODULE_*
 * @nr_syms: symbols of the module (core and init)
 * @__reserved: zero
 * @__reserved2: zero
 */
struct ksymres_module {
	char name[KSYMRES_MODULE_NAME_MAX];
	struct ksymres_range core_text;
	struct ksymres_range core_rodata;
	struct ksymres_range core_data;
	struct ksymres_range init_text;
	struct ksymres_range init_data;
	__u32 state;
	__u32 nr_syms;
	__u32 __reserved;
	__u32 __reserved2;
};

/**
 * struct ksymres_modules - KSYMRES_IOC_MODULES: every loaded module
 * @size: sizeof(struct ksymres_modules)
 * @flags: must be 0
 * @modules: in: user pointer to @max_modules records of @module_size bytes
 * @max_modules: in: records at @modules (0 to ask for the count only)
 * @nr_modules: out: loaded modules; with EMSGSIZE more than @max_modules,
 *	and @modules holds the first @max_modules
 * @module_size: in: sizeof(struct ksymres_module) as the caller knows it
 * @__reserved: zero
 * @generation: out: the generation the list belongs to; re-arms poll()
 */
struct ksymres_modules {
	__u32 size;
	__u32 flags;
	__aligned_u64 modules;
	__u32 max_modules;
	__u32 nr_modules;
	__u32 module_size;
	__u32 __reserved;
	__aligned_u64 generation;
};

#define KSYMRES_TYPE		0xB9

#define KSYMRES_IOC_INFO	_IOWR(KSYMRES_TYPE, 0x00, struct ksymres_info)
#define KSYMRES_IOC_RESOLVE	_IOWR(KSYMRES_TYPE, 0x01, struct ksymres_resolve)
#define KSYMRES_IOC_LOOKUP	_IOWR(KSYMRES_TYPE, 0x02, struct ksymres_lookup)
#define KSYMRES_IOC_DUMP	_IOWR(KSYMRES_TYPE, 0x03, struct ksymres_dump)
#define KSYMRES_IOC_MODULES	_IOWR(KSYMRES_TYPE, 0x04, struct ksymres_modules)

/*
 * poll(): EPOLLIN | EPOLLRDNORM once the generation has moved since this
 * file last read it through KSYMRES_IOC_INFO, KSYMRES_IOC_MODULES or a
 * successful dump from cursor 0. Symbolisers that cache answers drop their
 * caches then.
 */

#endif /* _UAPI_LINUX_KSYMRES_H */
