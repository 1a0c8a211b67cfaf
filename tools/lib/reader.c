// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reads a file line by line through a fixed buffer, so that a huge file
 * or a huge line costs no more memory than a normal one. CRLF endings,
 * a last line without a newline and over-long lines are reported to the
 * callback in flags rather than handled here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define BUF_SIZE	(64 * 1024)

struct line_state {
	ksr_line_fn fn;
	void *arg;
	uint64_t lineno;
	bool skipping;		/* inside a line longer than KSR_LINE_MAX */
};

static int emit(struct line_state *st, char *line, size_t len, unsigned int lflags)
{
	st->lineno++;
	if (len && line[len - 1] == '\r') {
		len--;
		lflags |= KSR_LINE_CRLF;
	}
	line[len] = '\0';
	return st->fn(line, len, st->lineno, lflags, st->arg);
}

int ksr_read_lines(int fd, ksr_line_fn fn, void *arg)
{
	struct line_state st = { .fn = fn, .arg = arg };
	size_t have = 0;
	char *buf;
	int ret = 0;

	buf = malloc(BUF_SIZE + 1);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n = read(fd, buf + have, BUF_SIZE - have);
		size_t start = 0;
		char *nl;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (n == 0) {
			/* EOF: what is left is a last line without a newline. */
			if (have || st.skipping)
				ret = emit(&st, buf, st.skipping ? 0 : have,
					   KSR_LINE_NO_EOL |
					   (st.skipping ? KSR_LINE_LONG : 0));
			break;
		}
		have += n;
		while ((nl = memchr(buf + start, '\n', have - start))) {
			size_t len = nl - (buf + start);

			if (st.skipping) {
				st.skipping = false;
				ret = emit(&st, buf + start, 0, KSR_LINE_LONG);
			} else if (len > KSR_LINE_MAX) {
				ret = emit(&st, buf + start, 0, KSR_LINE_LONG);
			} else {
				ret = emit(&st, buf + start, len, 0);
			}
			if (ret)
				goto out;
			start += len + 1;
		}
		memmove(buf, buf + start, have - start);
		have -= start;
		if (have > KSR_LINE_MAX || (st.skipping && have)) {
			/* No newline in sight: drop the text, remember the line. */
			st.skipping = true;
			have = 0;
		}
	}
out:
	free(buf);
	return ret;
}
