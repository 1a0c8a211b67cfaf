// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writing answers to user space: records of the caller's stated size (the
 * kernel's struct, zero-filled up to that size) and a string table that
 * starts with a NUL byte, as an ELF .strtab does. A record is complete
 * only once its strings are written; when the string table is full the
 * writer stops writing and keeps counting the bytes that all records would
 * need, for EMSGSIZE.
 */
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "internal.h"

/* Largest record size a caller may state (room for growth, no more). */
#define KSR_MAX_RECORD	PAGE_SIZE

int ksr_out_init(struct ksr_out *out, u64 results, u32 sym_size, u32 max,
		 u64 strtab, u32 strtab_size)
{
	memset(out, 0, sizeof(*out));
	if (sym_size < sizeof(struct ksymres_sym))
		return -EINVAL;
	if (sym_size > KSR_MAX_RECORD || strtab_size > KSYMRES_STRTAB_MAX)
		return -E2BIG;
	if ((!results && max) || (!strtab && strtab_size))
		return -EFAULT;
	out->results = u64_to_user_ptr(results);
	out->sym_size = sym_size;
	out->max = max;
	out->strtab = u64_to_user_ptr(strtab);
	out->strtab_size = strtab_size;
	out->needed = 1;
	if (!strtab_size) {
		out->full = !!max;
		return 0;
	}
	if (put_user(0, out->strtab))
		return -EFAULT;
	out->used = 1;
	return 0;
}

/* Append a string and set *off to its offset (0: "" or no room left). */
static int ksr_out_string(struct ksr_out *out, const char *s, u32 *off)
{
	size_t len = strlen(s) + 1;

	*off = 0;
	if (len == 1)
		return 0;
	out->needed += len;
	if (out->full || len > out->strtab_size - out->used) {
		out->full = true;
		return 0;
	}
	if (copy_to_user(out->strtab + out->used, s, len))
		return -EFAULT;
	*off = out->used;
	out->used += len;
	return 0;
}

static int ksr_out_record(struct ksr_out *out, const struct ksymres_sym *sym)
{
	void __user *dst;

	dst = out->results + (u64)out->nr * out->sym_size;
	if (copy_to_user(dst, sym, sizeof(*sym)) ||
	    clear_user(dst + sizeof(*sym), out->sym_size - sizeof(*sym)))
		return -EFAULT;
	out->nr++;
	return 0;
}

int ksr_out_emit(struct ksr_out *out, const struct ksr_hit *hit)
{
	struct ksymres_sym sym = {};
	int ret;

	sym.addr = hit->addr;
	sym.query = hit->query;
	if (out->nr >= out->max)
		out->full = true;
	if (hit->flags & KSYMRES_SYM_FOUND) {
		sym.start = hit->start;
		sym.offset = hit->addr - hit->start;
		sym.size = hit->size;
		sym.flags = hit->flags;
		sym.type = hit->type;
		sym.sym_class = hit->sym_class;
		ret = ksr_out_string(out, hit->name, &sym.name_off);
		if (ret)
			return ret;
		if (hit->module[0] && out->last_module_off &&
		    !strcmp(out->last_module, hit->module)) {
			/* consecutive records of one module share its name */
			sym.module_off = out->last_module_off;
		} else {
			ret = ksr_out_string(out, hit->module, &sym.module_off);
			if (ret)
				return ret;
			if (sym.module_off) {
				strscpy(out->last_module, hit->module,
					sizeof(out->last_module));
				out->last_module_off = sym.module_off;
			}
		}
	}
	if (out->full)
		return 0;
	return ksr_out_record(out, &sym);
}
