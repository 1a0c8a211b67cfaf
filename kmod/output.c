// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writing answers to user space: records of the caller's stated size (the
 * kernel's struct, zero-filled up to that size) and a string table that
 * starts with a NUL byte, as an ELF .strtab does. Records and their strings
 * are staged in a kernel buffer and copied out a chunk at a time, strings
 * first, so that a record counts as complete only once its strings are out.
 * When the string table is full the writer stops writing and keeps counting
 * the bytes that all records would need, for EMSGSIZE.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "internal.h"

/* Largest record size a caller may state (room for growth, no more). */
#define KSR_MAX_RECORD	PAGE_SIZE
/* Room for the strings of one record: a name and a module name. */
#define KSR_REC_STR	(KSYMRES_NAME_MAX + KSYMRES_MODULE_NAME_MAX)
/*
 * Staged strings: room for 8 records at their longest, flushed when less
 * than one record's room is left. Sized to the call, not to the worst
 * case: the kernel zeroes what it allocates (init_on_alloc), and zeroing
 * 40 KiB cost a one-address call most of its time.
 */
#define KSR_STAGE_STR_RECS	8

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
	/* Byte 0 is reserved here and written by finish: a call that is
	 * rejected later must change nothing.
	 */
	if (!strtab_size)
		out->full = !!max;
	else
		out->used = 1;
	return 0;
}

/*
 * The staging buffers, freed by finish. Allocated at the first record, or
 * earlier by a command that writes to user memory before its first record
 * (so that ENOMEM never comes after a write).
 */
int ksr_out_stage(struct ksr_out *out)
{
	if (out->recs)
		return 0;
	out->stage_recs = clamp_t(u32, out->max, 1, KSR_CHUNK);
	out->stage_str = min_t(u32, out->stage_recs, KSR_STAGE_STR_RECS) *
			 KSR_REC_STR;
	out->recs = kmalloc_array(out->stage_recs, sizeof(*out->recs),
				  GFP_KERNEL);
	out->sbuf = kmalloc(out->stage_str, GFP_KERNEL);
	if (!out->recs || !out->sbuf) {
		kfree(out->recs);
		kfree(out->sbuf);
		out->recs = NULL;
		out->sbuf = NULL;
		return -ENOMEM;
	}
	return 0;
}

/* Copy the staged strings, then the staged records, to user space. */
static int ksr_out_flush(struct ksr_out *out)
{
	void __user *dst;
	u32 i;

	if (out->slen && copy_to_user(out->strtab + out->used, out->sbuf,
				      out->slen))
		return -EFAULT;
	out->used += out->slen;
	out->slen = 0;
	dst = out->results + (u64)out->nr * out->sym_size;
	if (out->sym_size == sizeof(*out->recs)) {
		if (copy_to_user(dst, out->recs,
				 array_size(out->nrecs, sizeof(*out->recs))))
			return -EFAULT;
	} else {
		for (i = 0; i < out->nrecs; i++, dst += out->sym_size)
			if (copy_to_user(dst, &out->recs[i],
					 sizeof(*out->recs)) ||
			    clear_user(dst + sizeof(*out->recs),
				       out->sym_size - sizeof(*out->recs)))
				return -EFAULT;
	}
	out->nr += out->nrecs;
	out->nrecs = 0;
	return 0;
}

/* Flush what is staged unless @ret is an error that voids it; free. */
int ksr_out_finish(struct ksr_out *out, int ret)
{
	if ((!ret || ret == -EINTR) && out->strtab_size &&
	    put_user(0, out->strtab))
		ret = -EFAULT;
	if ((!ret || ret == -EINTR) && out->recs && ksr_out_flush(out))
		ret = -EFAULT;
	kfree(out->recs);
	kfree(out->sbuf);
	out->recs = NULL;
	out->sbuf = NULL;
	return ret;
}

/* Append a string and set *off to its offset (0: "" or no room left). */
static void ksr_out_string(struct ksr_out *out, const char *s, u32 *off)
{
	size_t len = strlen(s) + 1;

	*off = 0;
	if (len == 1)
		return;
	out->needed += len;
	if (out->full || len > out->strtab_size - out->used - out->slen) {
		out->full = true;
		return;
	}
	memcpy(out->sbuf + out->slen, s, len);
	*off = out->used + out->slen;
	out->slen += len;
}

int ksr_out_emit(struct ksr_out *out, const struct ksr_hit *hit)
{
	struct ksymres_sym *sym;
	int ret;

	ret = ksr_out_stage(out);
	if (ret)
		return ret;
	if (out->nrecs == out->stage_recs ||
	    out->slen > out->stage_str - KSR_REC_STR) {
		ret = ksr_out_flush(out);
		if (ret)
			return ret;
	}
	if (ksr_out_count(out) >= out->max)
		out->full = true;
	sym = &out->recs[out->nrecs];
	memset(sym, 0, sizeof(*sym));
	sym->addr = hit->addr;
	sym->query = hit->query;
	if (hit->flags & KSYMRES_SYM_FOUND) {
		sym->start = hit->start;
		sym->offset = hit->addr - hit->start;
		sym->size = hit->size;
		sym->flags = hit->flags;
		sym->type = hit->type;
		sym->sym_class = hit->sym_class;
		ksr_out_string(out, hit->name, &sym->name_off);
		if (hit->module[0] && out->last_module_off &&
		    !strcmp(out->last_module, hit->module)) {
			/* consecutive records of one module share its name */
			sym->module_off = out->last_module_off;
		} else {
			ksr_out_string(out, hit->module, &sym->module_off);
			if (sym->module_off) {
				strscpy(out->last_module, hit->module,
					sizeof(out->last_module));
				out->last_module_off = sym->module_off;
			}
		}
	}
	if (!out->full)
		out->nrecs++;
	return 0;
}
