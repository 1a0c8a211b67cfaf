// SPDX-License-Identifier: LGPL-2.1-or-later
/* Text for callers: %pS-style symbols, source names, error meanings. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* "name+0xoff/0xsize [module]", or "0xaddr" when not found, as %pS does. */
KSYMRES_EXPORT int ksymres_format_symbol(const struct ksymres_symbol *sym,
					 char *buf, size_t len)
{
	int n;

	if (!sym || (!buf && len))
		return -EINVAL;
	if (!(sym->flags & KSYMRES_SYMBOL_FOUND) || !sym->name)
		n = snprintf(buf, len, "0x%" PRIx64, sym->addr);
	else
		n = snprintf(buf, len, "%s+0x%" PRIx64 "/0x%" PRIx64 "%s%s%s",
			     sym->name, sym->offset, sym->size,
			     sym->module ? " [" : "", sym->module ? sym->module : "",
			     sym->module ? "]" : "");
	if (n < 0)
		return -EINVAL;
	return n;
}

KSYMRES_EXPORT const char *ksymres_source_name(enum ksymres_source source)
{
	switch (source) {
	case KSYMRES_SOURCE_DEVICE:
		return "device";
	case KSYMRES_SOURCE_KALLSYMS:
		return "kallsyms";
	case KSYMRES_SOURCE_SYSMAP:
		return "map";
	default:
		return "none";
	}
}

/* The meanings this library gives errno values; strerror() for the rest. */
KSYMRES_EXPORT const char *ksymres_strerror(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case ENODATA:
		return "Debian's placeholder System.map: the real one is in "
		       "the linux-image-<release>-dbg package";
	case EBADMSG:
		return "no symbol lines (empty, not nm format, or binary)";
	case EPERM:
		return "kernel addresses are hidden from this process (needs CAP_SYSLOG; see kptr_restrict)";
	case ENODEV:
		return "no /dev/ksymres (is ksymres.ko loaded?)";
	case ENOTTY:
		return "not a ksymres device";
	case EPROTO:
		return "the device answered outside the ABI";
	case EXDEV:
		return "the file belongs to another kernel release than the running one";
	case EOPNOTSUPP:
		return "not supported by this source";
	default:
		return strerror(err);
	}
}

KSYMRES_EXPORT const char *ksymres_version(void)
{
	return KSYMRES_LIB_VERSION;
}
