// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * One line of nm output, the format of System.map and /proc/kallsyms:
 *
 *	ADDRESS TYPE NAME [\t[MODULE]]
 *
 * ADDRESS is 1 to 16 hex digits (8 on 32-bit kernels, 16 on 64-bit), TYPE
 * a letter or '?', NAME printable ASCII without blanks. nm prints symbols
 * without an address (U, w, v) with blanks in the address column; they are
 * told apart from garbage so that they can be skipped without a warning.
 * Anything else is garbage: the caller counts it.
 */
#include <string.h>

#include "internal.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_type(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '?';
}

static bool is_name_char(char c)
{
	return c > ' ' && c < 0x7f;
}

enum nm_kind ksr_nm_parse(const char *s, size_t len, struct nm_line *out)
{
	const char *p = s, *end = s + len;
	unsigned int digits = 0;
	uint64_t addr = 0;
	int v;

	memset(out, 0, sizeof(*out));
	while (end > p && is_blank(end[-1]))
		end--;
	if (p == end)
		return NM_BLANK;

	if (is_blank(*p)) {
		/* "                 U name": no address */
		while (p < end && is_blank(*p))
			p++;
		/* cppcheck takes end for the start: "  U x" gets here */
		/* cppcheck-suppress knownConditionTrueFalse */
		if (end - p >= 3 && strchr("Uwv", *p) && is_blank(p[1]))
			return NM_UNDEFINED;
		return NM_GARBAGE;
	}

	for (; p < end && (v = ksr_hexval(*p)) >= 0; p++, digits++) {
		if (digits == 16)
			return NM_GARBAGE;
		addr = addr << 4 | (uint64_t)v;
	}
	if (!digits || p == end || !is_blank(*p))
		return NM_GARBAGE;
	while (p < end && is_blank(*p))
		p++;
	if (p == end || !is_type(*p) || p + 1 == end || !is_blank(p[1]))
		return NM_GARBAGE;
	out->type = *p++;
	while (p < end && is_blank(*p))
		p++;

	out->name = p;
	while (p < end && is_name_char(*p))
		p++;
	out->name_len = p - out->name;
	if (!out->name_len || out->name_len >= KSR_NAME_MAX)
		return NM_GARBAGE;
	if (p < end && !is_blank(*p))
		return NM_GARBAGE;	/* a control or non-ASCII byte */
	while (p < end && is_blank(*p))
		p++;

	if (p < end) {
		if (*p != '[' || end[-1] != ']' || end - p < 3)
			return NM_GARBAGE;
		out->module = p + 1;
		out->module_len = end - p - 2;
		if (out->module_len >= KSR_MODULE_NAME_MAX)
			return NM_GARBAGE;
		for (p = out->module; p < end - 1; p++)
			if (!is_name_char(*p) || *p == '[' || *p == ']')
				return NM_GARBAGE;
	}
	out->addr = addr;
	out->addr_digits = digits;
	return NM_SYMBOL;
}
