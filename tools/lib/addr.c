// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Addresses as people paste them: 0xffffffff81000000, ffffffff81000000,
 * and the [<ffffffff81000000>] of old oops and stack dumps. Blanks around
 * are ignored; anything else is not an address.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

KSYMRES_EXPORT int ksymres_parse_addr(const char *s, uint64_t *addr)
{
	bool bracket = false;
	unsigned int digits = 0;
	uint64_t v = 0;

	if (!s || !addr)
		return -EINVAL;
	s = skip_blanks(s);
	if (s[0] == '[' && s[1] == '<') {
		bracket = true;
		s += 2;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (;; s++, digits++) {
		int d = ksr_hexval(*s);

		if (d < 0)
			break;
		if (v >> 60)
			return -ERANGE;
		v = v << 4 | (unsigned int)d;
	}
	if (!digits)
		return -EINVAL;
	if (bracket) {
		if (s[0] != '>' || s[1] != ']')
			return -EINVAL;
		s += 2;
	}
	if (*skip_blanks(s))
		return -EINVAL;
	*addr = v;
	return 0;
}
