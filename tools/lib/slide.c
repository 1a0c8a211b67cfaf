// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The live kernel's _text, for the KASLR slide of a file source: read from
 * kallsyms rather than guessed, and refused when kallsyms hides addresses.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

struct text_state {
	uint64_t text;
	int found;	/* 1: _stext, 2: _text */
};

static int text_line(const char *line, size_t len, uint64_t lineno,
		     unsigned int lflags, void *arg)
{
	struct text_state *st = arg;
	struct nm_line l;

	(void)lineno;
	if (lflags & KSR_LINE_LONG)
		return 0;
	if (ksr_nm_parse(line, len, &l) != NM_SYMBOL || l.module)
		return 0;
	if (l.name_len == 5 && !memcmp(l.name, "_text", 5)) {
		st->text = l.addr;
		st->found = 2;
		return 1;	/* done */
	}
	if (!st->found && l.name_len == 6 && !memcmp(l.name, "_stext", 6)) {
		st->text = l.addr;
		st->found = 1;
	}
	return 0;
}

int ksr_live_text(const char *kallsyms, uint64_t *text)
{
	struct text_state st = { 0 };
	int fd, ret;

	fd = open(kallsyms ? kallsyms : "/proc/kallsyms", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = ksr_read_lines(fd, text_line, &st);
	close(fd);
	if (ret < 0)
		return ret;
	if (!st.found)
		return -ENOENT;
	if (!st.text)
		return -EPERM;
	*text = st.text;
	return 0;
}
