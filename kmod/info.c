// SPDX-License-Identifier: GPL-2.0-only
/* KSYMRES_IOC_INFO: who the kernel is and what ksymres can do here. */
#include <linux/string.h>
#include <linux/utsname.h>

#include "internal.h"
#include "ksyms.h"

static u32 ksr_features(void)
{
	u32 f = ksr_kernel.features;

	if ((f & KSYMRES_FEAT_RESOLVE) && ksr_tombstones_enabled())
		f |= KSYMRES_FEAT_TOMBSTONES;
	return f;
}

long ksr_info_ioctl(struct file *file, void *arg)
{
	struct ksymres_info *cmd = arg;
	struct ksr_file *kf = file->private_data;
	u32 nr_module_syms;

	if (cmd->flags)
		return -EINVAL;
	cmd->abi_version = KSYMRES_ABI_VERSION;
	cmd->features = ksr_features();
	cmd->kaslr_offset = ksr_kernel.kaslr_offset;
	cmd->text_start = ksr_kernel.text;
	cmd->text_end = ksr_kernel.etext;
	cmd->nr_vmlinux_syms = ksr_vmlinux ? ksr_vmlinux->nr : 0;
	down_read(&ksr_modules_lock);
	cmd->nr_modules = ksr_nr_modules(&nr_module_syms);
	cmd->generation = ksr_generation();
	up_read(&ksr_modules_lock);
	cmd->nr_module_syms = nr_module_syms;
	cmd->build_id_size = ksr_kernel.build_id_size;
	memcpy(cmd->build_id, ksr_kernel.build_id, sizeof(cmd->build_id));
	memset(cmd->release, 0, sizeof(cmd->release));
	strscpy(cmd->release, init_utsname()->release, sizeof(cmd->release));
	kf->seen_generation = cmd->generation;
	return 0;
}
