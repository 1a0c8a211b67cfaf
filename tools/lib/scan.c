// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The text scanner of `decode`: finds, in one line of kernel log text, the
 * addresses and symbolised frames that the kernel prints in oopses, WARNs,
 * KASAN and kmemleak reports and stack dumps:
 *
 *	[<ffffffff81234567>]			old call traces, kmemleak
 *	[<ffffffff81234567>] ? func+0x12/0x40	both, as 2.6 to 4.x printed
 *	RIP: 0010:[<ffffffff81234567>]		EIP: 0060:[<c010b860>] too
 *	0xffffffff81234567			a bare address, 8 to 16 digits
 *	func+0x12/0x40 [mod]			%pS; "? " before, build ID after
 *	RIP: 0010:func+0x12/0x40 [mod]		the faulting instruction
 *	Kernel Offset: 0x2c000000 from ...	the KASLR slide, printed on panic
 *
 * It is pure: no I/O, no allocation, one pass over the line (every byte is
 * looked at a bounded number of times, so any input takes linear time).
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

#define ADDR_DIGITS_MAX	16
#define BARE_DIGITS_MIN	8

struct scan {
	const char *s;
	size_t len;
	struct ksymres_token *out;
	size_t max;
	size_t n;
};

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '$';
}

static bool is_name_start(char c)
{
	return is_name_char(c) && !(c >= '0' && c <= '9') && c != '.';
}

static bool is_module_char(char c)
{
	return is_name_char(c) && c != '.' && c != '$';
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static bool at(const struct scan *sc, size_t i, const char *lit)
{
	size_t l = strlen(lit);

	return i <= sc->len && sc->len - i >= l && !memcmp(sc->s + i, lit, l);
}

/*
 * Hex digits at i (no 0x). Returns the count (0: none); *v is valid only for
 * at most ADDR_DIGITS_MAX digits, which callers check.
 */
static size_t hex_run(const struct scan *sc, size_t i, uint64_t *v)
{
	size_t k = 0;
	uint64_t x = 0;
	int d;

	while (i + k < sc->len && (d = ksr_hexval(sc->s[i + k])) >= 0) {
		if (k < ADDR_DIGITS_MAX)
			x = x << 4 | (uint64_t)d;
		k++;
	}
	*v = x;
	return k;
}

/* "0x" then hex digits at i: the count of digits, 0 when not. */
static size_t hex0x(const struct scan *sc, size_t i, uint64_t *v)
{
	if (!at(sc, i, "0x") && !at(sc, i, "0X"))
		return 0;
	return hex_run(sc, i + 2, v);
}

static void emit(struct scan *sc, const struct ksymres_token *t)
{
	if (sc->n < sc->max)
		sc->out[sc->n] = *t;
	sc->n++;
}

/* Does the text before i end with "RIP: 0010:" (or EIP, IP), "PC is at ", "pc : "? */
static bool after_ip_label(const struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t k;

	if (i >= 9 && !memcmp(s + i - 9, "PC is at ", 9))
		return true;
	if (i >= 5 && !memcmp(s + i - 5, "pc : ", 5))
		return true;
	if (i < 9 || s[i - 1] != ':')
		return false;
	for (k = i - 5; k < i - 1; k++)
		if (ksr_hexval(s[k]) < 0)
			return false;
	return !memcmp(s + i - 9, "IP: ", 4);
}

/*
 * A frame at i: name+0xoff[/0xsize][ [module[ buildid]]]. Fills t and
 * returns its end, or 0 when there is none. *skip is where to go on when
 * there is none: past the name run, so that no byte is read twice.
 */
static size_t parse_frame(const struct scan *sc, size_t i, struct ksymres_token *t,
			  size_t *skip)
{
	size_t p = i, d, m;
	uint64_t v;

	while (p < sc->len && is_name_char(sc->s[p]))
		p++;
	*skip = p;
	if (!is_name_start(sc->s[i]) || p - i >= KSR_NAME_MAX ||
	    p >= sc->len || sc->s[p] != '+')
		return 0;
	d = hex0x(sc, p + 1, &v);
	if (!d || d > ADDR_DIGITS_MAX)
		return 0;
	memset(t, 0, sizeof(*t));
	t->kind = KSYMRES_TOKEN_FRAME;
	t->name = i;
	t->name_len = p - i;
	t->offset = v;
	p += 3 + d;
	if (p < sc->len && sc->s[p] == '/') {
		d = hex0x(sc, p + 1, &v);
		if (!d || d > ADDR_DIGITS_MAX)
			return 0;
		t->size = v;
		t->flags |= KSYMRES_TOKEN_HAS_SIZE;
		p += 3 + d;
	}
	/* A name or a number running on ("f+0x1/0x2x") is not a frame. */
	if (p < sc->len && is_alnum(sc->s[p]))
		return 0;
	/* " [module]" or " [module buildid]" */
	if (at(sc, p, " [")) {
		m = p + 2;
		while (m < sc->len && is_module_char(sc->s[m]))
			m++;
		if (m > p + 2 && m - (p + 2) < KSR_MODULE_NAME_MAX) {
			size_t e = m;

			if (e < sc->len && sc->s[e] == ' ')
				e += 1 + hex_run(sc, e + 1, &v);
			if (e < sc->len && sc->s[e] == ']' && (e == m || e > m + 1)) {
				t->module = p + 2;
				t->module_len = m - (p + 2);
				p = e + 1;
			}
		}
	}
	t->start = i;
	t->end = p;
	return p;
}

/* "? " just before i (a frame the unwinder is not sure of) */
static bool unreliable_before(const struct scan *sc, size_t i)
{
	return i >= 2 && sc->s[i - 1] == ' ' && sc->s[i - 2] == '?' &&
	       (i == 2 || !is_alnum(sc->s[i - 3]));
}

/* [<addr>] at i, maybe followed by "? frame": returns the end, 0 if none. */
static size_t parse_bracket(struct scan *sc, size_t i)
{
	struct ksymres_token t = { 0 }, f;
	size_t p = i + 2, d, q, skip;
	uint64_t v;

	d = hex0x(sc, p, &v);
	if (d)
		p += 2;
	else
		d = hex_run(sc, p, &v);
	if (!d || d > ADDR_DIGITS_MAX || !at(sc, p + d, ">]"))
		return 0;
	t.kind = KSYMRES_TOKEN_ADDRESS;
	t.flags = KSYMRES_TOKEN_HAS_ADDR | KSYMRES_TOKEN_BRACKETED;
	if (after_ip_label(sc, i))
		t.flags |= KSYMRES_TOKEN_IP;
	t.start = i;
	t.addr = v;
	t.end = p + d + 2;
	/* the symbol printed after it: " func+0x1/0x2" or " ? func+..." */
	q = t.end;
	while (q < sc->len && (sc->s[q] == ' ' || sc->s[q] == '\t') && q - t.end < 4)
		q++;
	if (q > t.end && at(sc, q, "? ")) {
		q += 2;
		t.flags |= KSYMRES_TOKEN_UNRELIABLE;
	}
	if (q > t.end && q < sc->len && is_name_start(sc->s[q]) &&
	    parse_frame(sc, q, &f, &skip)) {
		f.flags |= t.flags;
		f.addr = t.addr;
		f.start = t.start;
		emit(sc, &f);
		return f.end;
	}
	t.flags &= ~KSYMRES_TOKEN_UNRELIABLE;
	emit(sc, &t);
	return t.end;
}

/* "Kernel Offset: 0x2c000000 from 0xffffffff81000000" at i */
static size_t parse_kernel_offset(struct scan *sc, size_t i)
{
	static const char label[] = "Kernel Offset: ";
	struct ksymres_token t = { 0 };
	size_t p = i + sizeof(label) - 1, d;
	uint64_t v;

	d = hex0x(sc, p, &v);
	if (!d || d > ADDR_DIGITS_MAX || (p + 2 + d < sc->len && is_alnum(sc->s[p + 2 + d])))
		return 0;
	t.kind = KSYMRES_TOKEN_KERNEL_OFFSET;
	t.flags = KSYMRES_TOKEN_HAS_ADDR;
	t.start = i;
	t.end = p + 2 + d;
	t.addr = v;
	emit(sc, &t);
	return t.end;
}

/* A bare 0x address at i (8 to 16 digits, standing alone). */
static size_t parse_bare(struct scan *sc, size_t i)
{
	struct ksymres_token t = { 0 };
	size_t d;
	uint64_t v;

	d = hex0x(sc, i, &v);
	if (d < BARE_DIGITS_MIN || d > ADDR_DIGITS_MAX ||
	    (i + 2 + d < sc->len && is_alnum(sc->s[i + 2 + d])))
		return i + 2 + d;
	t.kind = KSYMRES_TOKEN_ADDRESS;
	t.flags = KSYMRES_TOKEN_HAS_ADDR;
	if (after_ip_label(sc, i))
		t.flags |= KSYMRES_TOKEN_IP;
	t.start = i;
	t.end = i + 2 + d;
	t.addr = v;
	emit(sc, &t);
	return t.end;
}

KSYMRES_EXPORT int ksymres_scan_line(const char *line, size_t len,
				     struct ksymres_token *out, size_t max)
{
	struct scan sc = { .s = line, .len = len, .out = out, .max = max };
	size_t i = 0, next, skip;

	if (!line || (!out && max))
		return -EINVAL;
	/* Counts are ints: a line longer than that is cut, not misread. */
	if (len > (size_t)1 << 30)
		sc.len = len = (size_t)1 << 30;
	while (i < len) {
		char c = line[i];
		bool word_start = !i || !is_name_char(line[i - 1]);
		struct ksymres_token t;

		next = 0;
		if (c == '[' && i + 1 < len && line[i + 1] == '<') {
			next = parse_bracket(&sc, i);
		} else if (c == 'K' && word_start && at(&sc, i, "Kernel Offset: ")) {
			next = parse_kernel_offset(&sc, i);
		} else if (c == '0' && word_start && i + 1 < len &&
			   (line[i + 1] == 'x' || line[i + 1] == 'X')) {
			next = parse_bare(&sc, i);
		} else if (word_start && is_name_start(c)) {
			if (parse_frame(&sc, i, &t, &skip)) {
				if (after_ip_label(&sc, i))
					t.flags |= KSYMRES_TOKEN_IP;
				if (unreliable_before(&sc, i))
					t.flags |= KSYMRES_TOKEN_UNRELIABLE;
				emit(&sc, &t);
				next = t.end;
			} else {
				next = skip;
			}
		}
		i = next > i ? next : i + 1;
	}
	return sc.n > (size_t)__INT_MAX__ ? __INT_MAX__ : (int)sc.n;
}
