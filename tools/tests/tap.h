/* SPDX-License-Identifier: GPL-2.0-only */
/* A minimal TAP producer for the host tests: ok(), skip(), done(). */
#ifndef KSYMRES_TAP_H
#define KSYMRES_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_n, tap_failed;

/*
 * A test name stays on its line: control characters (names quote inputs
 * such as "\r\n") are escaped, and '#' too, which TAP reads as a directive.
 */
static void tap_name(const char *fmt, va_list ap)
{
	char buf[1024];
	const char *p;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	for (p = buf; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '\r')
			fputs("\\r", stdout);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '#')
			fputs("\\#", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

__attribute__((format(printf, 4, 5)))
static void tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	tap_name(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!pass) {
		tap_failed++;
		printf("# failed at %s:%d\n", file, line);
	}
	fflush(stdout);
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* ok(a == b) that shows both values when it fails */
#define ok_eq(a, b, ...) do {						\
	long long _a = (long long)(a), _b = (long long)(b);		\
	ok(_a == _b, __VA_ARGS__);					\
	if (_a != _b)							\
		printf("#   got %lld (0x%llx), want %lld (0x%llx)\n",	\
		       _a, (unsigned long long)_a, _b, (unsigned long long)_b); \
} while (0)

__attribute__((format(printf, 2, 3), unused))
static void skip(const char *why, const char *fmt, ...)
{
	va_list ap;

	printf("ok %d - ", ++tap_n);
	va_start(ap, fmt);
	tap_name(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", why);
	fflush(stdout);
}

static int done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif /* KSYMRES_TAP_H */
