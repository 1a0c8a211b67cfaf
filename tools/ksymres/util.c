// SPDX-License-Identifier: GPL-2.0-or-later
/* Small helpers for printing: quoting user input, flag names. */
#include <string.h>

#include "cli.h"

/* Input shown back in messages: non-printables escaped, long input cut. */
const char *cli_quote(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	for (; *s && o + 5 < len; s++) {
		unsigned char c = *s;

		if (c >= 0x20 && c < 0x7f && c != '\'') {
			buf[o++] = c;
		} else {
			static const char hex[] = "0123456789abcdef";

			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		}
	}
	if (*s && len > 4) {
		if (o > len - 4)
			o = len - 4;
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

static const struct {
	uint32_t bit;
	const char *name;
} symbol_flags[] = {
	{ KSYMRES_SYMBOL_MODULE, "module" },
	{ KSYMRES_SYMBOL_INIT, "init" },
	{ KSYMRES_SYMBOL_GONE, "gone" },
	{ KSYMRES_SYMBOL_EXPORTED, "exported" },
	{ KSYMRES_SYMBOL_SIZE_ESTIMATED, "size_estimated" },
	{ KSYMRES_SYMBOL_SIZE_UNKNOWN, "size_unknown" },
	{ KSYMRES_SYMBOL_SLID, "slid" },
	{ KSYMRES_SYMBOL_NO_ADDRESS, "no_address" },
};

void cli_symbol_flags_json(struct json *j, uint32_t flags)
{
	size_t i;

	json_key(j, "flags");
	json_arr_begin(j);
	for (i = 0; i < ARRAY_SIZE(symbol_flags); i++)
		if (flags & symbol_flags[i].bit)
			json_str(j, symbol_flags[i].name);
	json_arr_end(j);
}

/* Exit status of many answers: the worst wins (3 > 2 > 1 > 0). */
int cli_worst(int a, int b)
{
	return a > b ? a : b;
}
