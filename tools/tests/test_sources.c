// SPDX-License-Identifier: GPL-2.0-only
/*
 * The file sources on files written here (every odd form a System.map or a
 * saved kallsyms can take), on this host's real files where they exist
 * (skipped cleanly when not), the API's argument contract, and the device
 * source's behaviour when no module is loaded.
 */
#include <errno.h>
#include <glob.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"
#include "tmpfiles.h"

static const char basic_map[] =
	"0000000000000000 D __per_cpu_start\n"
	"0000000000000400 A __abs_size\n"
	"0000000000001000 D cpu_stuff\n"
	"ffffffff81000000 T _text\n"
	"ffffffff81000000 T startup_64\n"
	"ffffffff81000100 T foo\n"
	"ffffffff81000200 t foo\n"
	"ffffffff81000300 T bar\n"
	"ffffffff81001000 T _etext\n"
	"ffffffff81002000 D some_data\n"
	"ffffffff81003000 B _end\n";

static struct ksymres_ctx *open_map(const char *path, int *ret)
{
	struct ksymres_ctx *ctx = ksymres_new();

	if (!ctx)
		exit(2);
	*ret = ksymres_open_sysmap(ctx, path);
	return ctx;
}

static void resolve_one(struct ksymres_ctx *ctx, uint64_t addr, const char *want)
{
	struct ksymres_symbol s;
	char buf[256];
	int n = ksymres_resolve(ctx, &addr, 1, &s);

	ksymres_format_symbol(&s, buf, sizeof(buf));
	ok(n >= 0 && !strcmp(buf, want), "resolve 0x%llx: %s (got %s)",
	   (unsigned long long)addr, want, buf);
}

static void test_basic_map(void)
{
	const char *p = write_str("System.map-6.1.0-99-test", basic_map);
	struct ksymres_symbol out[4], s;
	struct ksymres_source_info in;
	struct ksymres_file_report r;
	uint64_t addrs[3] = { 0xffffffff81000150ULL, 0x10, 0xffffffff81000250ULL };
	struct ksymres_ctx *ctx;
	int ret, n;

	ctx = open_map(p, &ret);
	ok_eq(ret, 0, "map: opens");
	ksymres_file_report(ctx, &r);
	ok(r.lines == 11 && r.symbols == 11 && !r.garbage && !r.truncated && r.addr_bits == 64,
	   "map: report counts 11 lines, 11 symbols, no garbage");
	/* Aliases in scripts/kallsyms' order: fewer leading '_' first. */
	resolve_one(ctx, 0xffffffff81000000ULL, "startup_64+0x0/0x100");
	resolve_one(ctx, 0xffffffff81000150ULL, "foo+0x50/0x100");
	resolve_one(ctx, 0xffffffff81000250ULL, "foo+0x50/0x100");
	resolve_one(ctx, 0xffffffff81000fffULL, "bar+0xcff/0xd00");
	resolve_one(ctx, 0xffffffff81003000ULL, "_end+0x0/0x0");
	resolve_one(ctx, 0xffffffff81003001ULL, "0xffffffff81003001");
	resolve_one(ctx, 0xffffffff80ffffffULL, "0xffffffff80ffffff");
	resolve_one(ctx, 0x1000, "0x1000");
	resolve_one(ctx, 0x400, "0x400");

	n = ksymres_resolve(ctx, addrs, 3, out);
	ok(n == 2 && (out[0].flags & KSYMRES_SYMBOL_SIZE_ESTIMATED) &&
	   !(out[1].flags & KSYMRES_SYMBOL_FOUND) && out[1].addr == 0x10 &&
	   out[2].start == 0xffffffff81000200ULL && out[2].type == 't',
	   "map: a batch answers in order and counts what it found");
	n = ksymres_resolve(ctx, addrs, 1, &s);
	ok(n == 1 && s.sym_class == KSYMRES_SYMCLASS_TEXT && !s.module,
	   "map: a text symbol is class TEXT in vmlinux");
	addrs[0] = 0xffffffff81003000ULL;
	ksymres_resolve(ctx, addrs, 1, &s);
	ok(s.flags & KSYMRES_SYMBOL_SIZE_UNKNOWN, "map: the last symbol says its size is unknown");

	n = ksymres_lookup(ctx, "foo", out, 4);
	ok(n == 2 && out[0].start == 0xffffffff81000100ULL && out[0].type == 'T' &&
	   out[1].start == 0xffffffff81000200ULL && out[1].type == 't',
	   "map: lookup finds both foo, in address order");
	ok_eq(ksymres_lookup(ctx, "vmlinux:foo", out, 4), 2, "map: vmlinux:foo finds both");
	ok_eq(ksymres_lookup(ctx, "ext4:foo", out, 4), 0, "map: ext4:foo finds none");
	n = ksymres_lookup(ctx, "foo", out, 1);
	ok(n == 2 && out[0].start == 0xffffffff81000100ULL,
	   "map: lookup with room for 1 fills 1 and counts 2");
	ok_eq(ksymres_lookup(ctx, "foo", NULL, 0), 2, "map: lookup with no room only counts");
	memset(out, 0, 2 * sizeof(*out));
	n = ksymres_lookup_first(ctx, "foo", out);
	ok(n == 1 && out[0].start == 0xffffffff81000100ULL && !out[1].name,
	   "map: lookup_first: the lowest address, one record");
	ok_eq(ksymres_lookup_first(ctx, "nosuch", out), 0, "map: lookup_first, no match: 0");
	ok_eq(ksymres_lookup_first(ctx, "a:b:c", out), -EINVAL, "map: lookup_first, malformed: EINVAL");
	ok_eq(ksymres_lookup_first(ctx, "foo", NULL), -EINVAL, "map: lookup_first without out: EINVAL");
	n = ksymres_lookup(ctx, "cpu_stuff", out, 4);
	ok(n == 1 && (out[0].flags & KSYMRES_SYMBOL_NO_ADDRESS) && out[0].start == 0x1000 &&
	   out[0].sym_class == KSYMRES_SYMCLASS_PERCPU,
	   "map: a per-cpu symbol is found by name, flagged as no address");
	n = ksymres_lookup(ctx, "__abs_size", out, 4);
	ok(n == 1 && (out[0].flags & KSYMRES_SYMBOL_NO_ADDRESS) &&
	   out[0].sym_class == KSYMRES_SYMCLASS_ABS, "map: an absolute symbol is class ABS");
	ok_eq(ksymres_lookup(ctx, "nosuch", out, 4), 0, "map: unknown name: 0 matches");
	ok_eq(ksymres_lookup(ctx, "", out, 4), -EINVAL, "lookup '': EINVAL");
	ok_eq(ksymres_lookup(ctx, ":foo", out, 4), -EINVAL, "lookup ':foo': EINVAL");
	ok_eq(ksymres_lookup(ctx, "ext4:", out, 4), -EINVAL, "lookup 'ext4:': EINVAL");
	ok_eq(ksymres_lookup(ctx, "a:b:c", out, 4), -EINVAL, "lookup 'a:b:c': EINVAL");

	ok_eq(ksymres_get_info(ctx, &in), 0, "map: info");
	ok(in.source == KSYMRES_SOURCE_SYSMAP && in.release &&
	   !strcmp(in.release, "6.1.0-99-test") && (in.flags & KSYMRES_INFO_RELEASE),
	   "map: release comes from the file name");
	ok(in.text_start == 0xffffffff81000000ULL && in.text_end == 0xffffffff81001000ULL &&
	   (in.flags & KSYMRES_INFO_TEXT) && (in.flags & KSYMRES_INFO_TEXT_END),
	   "map: text range from _text and _etext");
	ok(in.nr_vmlinux_syms == 11 && !in.nr_modules && !in.nr_module_syms &&
	   (in.flags & KSYMRES_INFO_SIZES_ESTIMATED) && !(in.flags & KSYMRES_INFO_KASLR) &&
	   !(in.flags & KSYMRES_INFO_LIVE) && !(in.features & KSYMRES_FEATURE_MODULES),
	   "map: counts, estimated sizes, no KASLR offset, not live, no modules");
	ok_eq(ksymres_modules(ctx, NULL, 0), 0, "map: no modules");
	ksymres_free(ctx);
}

static int count_fn(const struct ksymres_symbol *s, void *arg)
{
	uint64_t *st = arg;

	if (s->start < st[1])
		st[2]++;	/* out of order */
	st[1] = s->start;
	st[0]++;
	return 0;
}

static int stop_fn(const struct ksymres_symbol *s, void *arg)
{
	(void)s;
	return ++*(int *)arg == 3 ? 42 : 0;
}

static void test_foreach(void)
{
	const char *p = write_str("System.map-each", basic_map);
	uint64_t st[3] = { 0 };
	struct ksymres_ctx *ctx;
	int ret, calls = 0;

	ctx = open_map(p, &ret);
	ok(ksymres_foreach(ctx, count_fn, st) == 0 && st[0] == 11 && !st[2],
	   "map: foreach visits 11 symbols in address order");
	ok(ksymres_foreach(ctx, stop_fn, &calls) == 42 && calls == 3,
	   "map: foreach stops when the callback says so, and returns its value");
	calls = 0;
	ok(ksymres_foreach_transient(ctx, stop_fn, &calls) == 42 && calls == 3,
	   "map: the transient walk stops the same way");
	memset(st, 0, sizeof(st));
	ok(ksymres_foreach_transient(ctx, count_fn, st) == 0 && st[0] == 11 && !st[2],
	   "map: the transient walk visits the same 11 symbols in address order");
	ok_eq(ksymres_foreach_transient(ctx, NULL, NULL), -EINVAL,
	      "transient walk without a callback: EINVAL");
	ksymres_free(ctx);
}

static void test_slide(void)
{
	const char *p = write_str("System.map-slide", basic_map);
	const char *live;
	struct ksymres_source_info in;
	struct ksymres_symbol s;
	struct ksymres_ctx *ctx;
	uint64_t slide = 0;
	int ret, n;

	ctx = open_map(p, &ret);
	ok_eq(ksymres_set_slide(ctx, 0x2a000000), 0, "slide: set");
	resolve_one(ctx, 0xffffffffab000150ULL, "foo+0x50/0x100");
	resolve_one(ctx, 0xffffffff81000150ULL, "0xffffffff81000150");
	n = ksymres_lookup(ctx, "bar", &s, 1);
	ok(n == 1 && s.start == 0xffffffffab000300ULL && (s.flags & KSYMRES_SYMBOL_SLID),
	   "slide: lookup answers runtime addresses, flagged as slid");
	n = ksymres_lookup(ctx, "cpu_stuff", &s, 1);
	ok(n == 1 && s.start == 0x1000 && !(s.flags & KSYMRES_SYMBOL_SLID),
	   "slide: per-cpu offsets do not move");
	ksymres_get_info(ctx, &in);
	ok(in.slide == 0x2a000000 && in.kaslr_offset == 0x2a000000 &&
	   (in.flags & KSYMRES_INFO_SLIDE) && (in.flags & KSYMRES_INFO_KASLR) &&
	   in.text_start == 0xffffffffab000000ULL,
	   "slide: info shows it as the KASLR offset and moves _text");

	live = write_str("live-kallsyms",
			 "ffffffffab000000 T srso_alias_untrain_ret\n"
			 "ffffffffab000000 T _stext\nffffffffab000000 T _text\n");
	ok(ksymres_compute_slide(ctx, live, &slide) == 0 && slide == 0x2a000000,
	   "slide: computed from _text in a live kallsyms");
	live = write_str("live-zero", "0000000000000000 T _stext\n0000000000000000 T _text\n");
	ok_eq(ksymres_compute_slide(ctx, live, &slide), -EPERM,
	      "slide: a kallsyms with hidden addresses is EPERM");
	live = write_str("live-notext", "ffffffffab000000 T foo\n");
	ok_eq(ksymres_compute_slide(ctx, live, &slide), -ENOENT,
	      "slide: a kallsyms without _text is ENOENT");
	ok_eq(ksymres_compute_slide(ctx, path_of("nonexistent"), &slide), -ENOENT,
	      "slide: a missing kallsyms is ENOENT");
	ksymres_free(ctx);

	ctx = open_map(write_str("System.map-notext", "ffffffff81000100 T foo\n"), &ret);
	ok_eq(ksymres_compute_slide(ctx, live, &slide), -ENOENT,
	      "slide: a map without _text or _stext is ENOENT");
	ksymres_free(ctx);
}

/*
 * nm sorts aliases by name; the kernel by scripts/kallsyms' rules. A map
 * must answer with the kernel's name: weak after strong, linker-script
 * names (__start_X, __X_end, ...) after others, fewer leading '_' first,
 * then file order.
 */
static void test_alias_order(void)
{
	static const char map[] =
		"ffffffff81000000 T _text\n"
		"ffffffff81000100 T __noinstr_text_start\n"
		"ffffffff81000100 T xen_hypercall_hvm\n"
		"ffffffff81000200 W crc32_le\n"
		"ffffffff81000200 T crc32_le_base\n"
		"ffffffff81000300 T __a\n"
		"ffffffff81000300 T _b\n"
		"ffffffff81000400 t second\n"
		"ffffffff81000400 t first\n"
		"ffffffff81000500 T _etext\n";
	struct ksymres_ctx *ctx;
	int ret;

	ctx = open_map(write_str("System.map-aliases", map), &ret);
	ok_eq(ret, 0, "aliases: map opens");
	resolve_one(ctx, 0xffffffff81000100ULL, "xen_hypercall_hvm+0x0/0x100");
	resolve_one(ctx, 0xffffffff81000210ULL, "crc32_le_base+0x10/0x100");
	resolve_one(ctx, 0xffffffff81000300ULL, "_b+0x0/0x100");
	resolve_one(ctx, 0xffffffff81000400ULL, "second+0x0/0x100");
	ksymres_free(ctx);
}

static void test_messy_map(void)
{
	static const char messy[] =
		"\r\n"
		"ffffffff81000000 T _text\r\n"
		"this is not a symbol\r\n"
		"\r\n"
		"ffffffff81000100 T foo\r\n"
		"                 U undefined_thing\r\n"
		"ffffffff81000200 T bar\r\n"
		"ffffffff81000300 T tail";
	const char *p = write_str("System.map-messy", messy);
	struct ksymres_file_report r;
	struct ksymres_ctx *ctx;
	int ret;

	ctx = open_map(p, &ret);
	ok_eq(ret, 0, "messy map: opens");
	ksymres_file_report(ctx, &r);
	ok(r.lines == 8 && r.symbols == 4 && r.blank == 2 && r.undefined == 1 &&
	   r.garbage == 1 && r.nr_bad_lines == 1 && r.bad_lines[0] == 3,
	   "messy map: 8 lines: 4 symbols, 2 blank, 1 undefined, garbage at line 3");
	ok(r.crlf == 7 && r.truncated == 1, "messy map: 7 CRLF endings, last line truncated");
	resolve_one(ctx, 0xffffffff81000110ULL, "foo+0x10/0x100");
	resolve_one(ctx, 0xffffffff81000300ULL, "tail+0x0/0x0");
	ksymres_free(ctx);

	ctx = open_map(write_str("System.map-cut", "ffffffff81000000 T _text\nffffffff8100"), &ret);
	ksymres_file_report(ctx, &r);
	ok(ret == 0 && r.truncated && r.garbage == 1 && r.bad_lines[0] == 2,
	   "map cut inside an address: the torn line is garbage at line 2");
	ksymres_free(ctx);
}

static void test_garbage_cap(void)
{
	char *buf = malloc(64 * 1024);
	struct ksymres_file_report r;
	struct ksymres_ctx *ctx;
	size_t o = 0;
	int i, ret;

	o += sprintf(buf + o, "ffffffff81000000 T _text\n");
	for (i = 0; i < 40; i++)
		o += sprintf(buf + o, "garbage line %d\nffffffff81%06x T sym%d\n", i, 0x100 * (i + 1), i);
	ctx = open_map(write_file("System.map-garbage", buf, o), &ret);
	ksymres_file_report(ctx, &r);
	ok(ret == 0 && r.garbage == 40 && r.nr_bad_lines == KSYMRES_REPORT_BAD_LINES &&
	   r.bad_lines[0] == 2 && r.bad_lines[15] == 32 && r.symbols == 41,
	   "40 garbage lines: all counted, the first 16 line numbers kept");
	ksymres_free(ctx);
	free(buf);
}

static void test_huge_line(void)
{
	size_t big = 300 * 1024, o = 0;
	char *buf = malloc(big + 256);
	struct ksymres_file_report r;
	struct ksymres_ctx *ctx;
	int ret;

	o += sprintf(buf + o, "ffffffff81000000 T _text\nffffffff81000100 T ");
	memset(buf + o, 'x', big);
	o += big;
	o += sprintf(buf + o, "\nffffffff81000200 T after\nnot a symbol\n");
	ctx = open_map(write_file("System.map-hugeline", buf, o), &ret);
	ksymres_file_report(ctx, &r);
	ok(ret == 0 && r.long_lines == 1 && r.garbage == 2 && r.bad_lines[0] == 2 &&
	   r.bad_lines[1] == 4 && r.symbols == 2,
	   "a 300 KiB line is one garbage line; line numbers after it stay right");
	resolve_one(ctx, 0xffffffff81000010ULL, "_text+0x10/0x200");
	ksymres_free(ctx);

	/* The same line at the end of the file, with no newline. */
	o = sprintf(buf, "ffffffff81000000 T _text\n");
	memset(buf + o, 'y', big);
	o += big;
	ctx = open_map(write_file("System.map-hugetail", buf, o), &ret);
	ksymres_file_report(ctx, &r);
	ok(ret == 0 && r.long_lines == 1 && r.truncated && r.lines == 2 && r.bad_lines[0] == 2,
	   "a huge last line without newline: garbage at line 2, truncated");
	ksymres_free(ctx);
	free(buf);
}

/* Root reads everything: a child drops to nobody to see EACCES. */
static void test_unreadable(void)
{
	const char *p = write_str("System.map-secret", basic_map);
	struct ksymres_ctx *ctx;
	int ret, status;
	pid_t pid;

	chmod(dir, 0755);
	chmod(p, 0);
	pid = fork();
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) || setuid(65534)))
			_exit(100);
		ctx = open_map(p, &ret);
		ksymres_free(ctx);
		_exit(ret == -EACCES ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		ok(0, "unreadable map: EACCES (child failed)");
		return;
	}
	if (WEXITSTATUS(status) == 100)
		skip("cannot drop privileges", "unreadable map: EACCES");
	else
		ok(WEXITSTATUS(status) == 0, "unreadable map: EACCES");
}

static void test_bad_files(void)
{
	struct ksymres_file_report r;
	struct ksymres_ctx *ctx;
	char bin[8192];
	size_t i;
	int ret;

	ctx = open_map(write_str("System.map-empty", ""), &ret);
	ok_eq(ret, -EBADMSG, "empty map: EBADMSG");
	ok_eq(ksymres_get_source(ctx), KSYMRES_SOURCE_NONE, "a failed open leaves no source");
	ok_eq(ksymres_lookup(ctx, "foo", NULL, 0), -EINVAL, "calls without a source: EINVAL");
	ksymres_free(ctx);

	ctx = open_map(write_str("System.map-blank", "\n \n\t\n"), &ret);
	ksymres_file_report(ctx, &r);
	ok(ret == -EBADMSG && r.blank == 3, "blank-only map: EBADMSG, 3 blank lines");
	ksymres_free(ctx);

	ctx = open_map(write_str("System.map-prose", "hello\nworld\n"), &ret);
	ksymres_file_report(ctx, &r);
	ok(ret == -EBADMSG && r.garbage == 2 && r.bad_lines[1] == 2,
	   "all-garbage map: EBADMSG, both lines reported");
	ksymres_free(ctx);

	for (i = 0; i < sizeof(bin); i++)
		bin[i] = (char)(i * 7 + (i >> 8));
	ctx = open_map(write_file("System.map-binary", bin, sizeof(bin)), &ret);
	ok_eq(ret, -EBADMSG, "binary map: EBADMSG");
	ksymres_free(ctx);

	ctx = open_map(write_str("System.map-6.1.0-99-cloud-amd64",
		"ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\n"),
		&ret);
	ksymres_file_report(ctx, &r);
	ok(ret == -ENODATA && r.placeholder && !r.garbage,
	   "Debian's placeholder map: ENODATA, recognised as such");
	ksymres_free(ctx);

	ctx = open_map(write_str("System.map-ph-crlf",
		"ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\r\n\r\n"),
		&ret);
	ok_eq(ret, -ENODATA, "placeholder with CRLF and a blank line: ENODATA");
	ksymres_free(ctx);

	/* The placeholder line in a map that has symbols is just a bad line. */
	ctx = open_map(write_str("System.map-ph-mixed",
		"zz\n"
		"ffffffff81000000 T _text\n"
		"ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\n"
		"yy\n"
		"ffffffff81000100 T foo\n"),
		&ret);
	ksymres_file_report(ctx, &r);
	ok(ret == 0 && !r.placeholder && r.garbage == 3 && r.symbols == 2 &&
	   r.nr_bad_lines == 3 && r.bad_lines[0] == 1 && r.bad_lines[1] == 3 &&
	   r.bad_lines[2] == 4,
	   "placeholder line among symbols: counted as garbage at line 3, in order");
	ksymres_free(ctx);

	ctx = open_map(path_of("does-not-exist"), &ret);
	ok_eq(ret, -ENOENT, "missing map: ENOENT");
	ksymres_free(ctx);
	ctx = open_map(dir, &ret);
	ok_eq(ret, -EISDIR, "a directory: EISDIR");
	ksymres_free(ctx);

	test_unreadable();
}

/*
 * Mutated maps: bytes flipped, cut, NULs and CRs thrown in. Nothing may
 * crash, and every line must land in exactly one count.
 */
static void test_mutations(void)
{
	size_t len = sizeof(basic_map) - 1;
	char buf[sizeof(basic_map) + 64];
	uint32_t seed = 12345;
	int i, j, bad = 0, opened = 0;

	for (i = 0; i < 500; i++) {
		struct ksymres_file_report r;
		struct ksymres_ctx *ctx;
		size_t n = len;
		int ret;

		memcpy(buf, basic_map, len);
		for (j = 0; j < 1 + i % 8; j++) {
			seed = seed * 1103515245 + 12345;
			buf[(seed >> 8) % len] = "\0\r\n \t[]:xF0"[(seed >> 20) % 12];
		}
		seed = seed * 1103515245 + 12345;
		if (i % 3 == 0)
			n = (seed >> 8) % len;
		ctx = open_map(write_file("System.map-mutant", buf, n), &ret);
		ksymres_file_report(ctx, &r);
		if (ret && ret != -EBADMSG)
			bad++;
		if (r.lines != r.symbols + r.blank + r.undefined + r.garbage)
			bad++;
		if (!ret) {
			uint64_t a = 0xffffffff81000150ULL;
			struct ksymres_symbol s;

			opened++;
			if (ksymres_resolve(ctx, &a, 1, &s) < 0 ||
			    ksymres_foreach(ctx, count_fn, (uint64_t[3]){ 0 }) < 0)
				bad++;
		}
		ksymres_free(ctx);
	}
	ok(bad == 0, "500 mutated maps: no crash, every line counted once (%d opened)", opened);
}

static void test_32bit(void)
{
	struct ksymres_source_info in;
	struct ksymres_ctx *ctx;
	int ret;

	ctx = open_map(write_str("System.map-i386",
				 "00000000 D __per_cpu_start\nc1000000 T _text\n"
				 "c1000100 T foo\nc1000200 T _etext\n"), &ret);
	ok_eq(ret, 0, "32-bit map: opens");
	ksymres_get_info(ctx, &in);
	ok_eq(in.addr_bits, 32, "32-bit map: 32-bit addresses");
	resolve_one(ctx, 0xc1000150, "foo+0x50/0x100");
	ksymres_free(ctx);
}

#define HUGE_SYMS	400000

static const char *huge_map(void)
{
	const char *p = path_of("System.map-huge");
	FILE *f = fopen(p, "w");
	int i;

	if (!f)
		exit(2);
	fprintf(f, "ffffffff81000000 T _text\n");
	for (i = 0; i < HUGE_SYMS; i++)
		fprintf(f, "%016llx %c symbol_number_%d\n",
			0xffffffff81000010ULL + 0x10ULL * i, i % 2 ? 't' : 'T', i);
	fclose(f);
	return p;
}

static void test_huge_file(const char *p)
{
	struct ksymres_symbol *out = calloc(1000, sizeof(*out));
	uint64_t addrs[1000];
	struct timespec t0, t1;
	struct ksymres_ctx *ctx;
	int ret, i, bad = 0;
	char want[64];
	double secs;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ctx = open_map(p, &ret);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	ok(ret == 0, "huge map (%d symbols) opens in %.2f s", HUGE_SYMS + 1, secs);
	{
		struct ksymres_file_report r;

		ksymres_file_report(ctx, &r);
		ok(r.symbols == HUGE_SYMS + 1 && r.lines == HUGE_SYMS + 1 && !r.garbage,
		   "huge map: every line across every 64 KiB read is a symbol");
	}
	printf("# open of %d symbols: %.3f s\n", HUGE_SYMS + 1, secs);
	for (i = 0; i < 1000; i++)
		addrs[i] = 0xffffffff81000010ULL + 0x10ULL * (i * 397) + 7;
	ok_eq(ksymres_resolve(ctx, addrs, 1000, out), 1000, "huge map: a batch of 1000 all found");
	for (i = 0; i < 1000; i++) {
		snprintf(want, sizeof(want), "symbol_number_%d", i * 397);
		if (!out[i].name || strcmp(out[i].name, want) || out[i].offset != 7)
			bad++;
	}
	ok_eq(bad, 0, "huge map: every answer is the right symbol+7");
	ok_eq(ksymres_lookup(ctx, "symbol_number_399999", out, 1), 1,
	      "huge map: the last name is found by hash");
	ksymres_free(ctx);
	free(out);
}

static const char saved_kallsyms[] =
	"ffffffff81000000 T _text\n"
	"ffffffff81000000 T _stext\n"
	"ffffffff81000100 T foo\n"
	"ffffffff81000200 T _etext\n"
	"ffffffffc0002000 t foo\t[ext4]\n"
	"ffffffffc0001000 t ext4_init\t[ext4]\n"
	"ffffffffc0003000 t xfs_thing\t[xfs]\n"
	"ffffffffc0001800 d ext4_data\t[ext4]\n"
	"ffffffffc0004000 t foo\t[xfs]\n"
	"ffffffffc0010000 t ftrace_trampoline\t[__builtin__ftrace]\n";

static int order_fn(const struct ksymres_symbol *s, void *arg)
{
	char *buf = arg;

	strcat(buf, s->name);
	strcat(buf, " ");
	return 0;
}

static void test_kallsyms_copy(void)
{
	struct ksymres_module_info mods[4];
	struct ksymres_symbol out[4];
	struct ksymres_source_info in;
	struct ksymres_ctx *ctx = ksymres_new();
	char order[256] = "";
	int n;

	ok_eq(ksymres_open_kallsyms(ctx, write_str("kallsyms.saved", saved_kallsyms)), 0,
	      "saved kallsyms: opens");
	n = ksymres_modules(ctx, mods, 4);
	ok(n == 3 && (mods[2].flags & KSYMRES_MOD_PSEUDO) && !(mods[0].flags & KSYMRES_MOD_PSEUDO),
	   "saved kallsyms: [__builtin__ftrace] is listed, flagged as not a module");
	ok( !strcmp(mods[0].name, "ext4") && !strcmp(mods[1].name, "xfs") &&
	   mods[0].nr_syms == 3 && mods[0].core_text.start == 0xffffffffc0001000ULL &&
	   (mods[0].flags & KSYMRES_MOD_RANGES_ESTIMATED) && mods[0].state == KSYMRES_MOD_UNKNOWN,
	   "saved kallsyms: modules in file order, ranges flagged as estimates");
	ok_eq(ksymres_modules(ctx, mods, 1), 3, "modules: room for 1 still counts 3");
	n = ksymres_lookup(ctx, "foo", out, 4);
	ok(n == 3 && !out[0].module && !strcmp(out[1].module, "ext4") &&
	   !strcmp(out[2].module, "xfs") && (out[1].flags & KSYMRES_SYMBOL_MODULE),
	   "saved kallsyms: foo in vmlinux, ext4 and xfs");
	n = ksymres_lookup(ctx, "ext4:foo", out, 4);
	ok(n == 1 && out[0].start == 0xffffffffc0002000ULL, "lookup ext4:foo: only ext4's");
	n = ksymres_lookup(ctx, "vmlinux:foo", out, 4);
	ok(n == 1 && !out[0].module, "lookup vmlinux:foo: only vmlinux's");
	ok_eq(ksymres_lookup(ctx, "nfs:foo", out, 4), 0, "lookup nfs:foo: none");
	resolve_one(ctx, 0xffffffffc0001010ULL, "ext4_init+0x10/0x800 [ext4]");
	resolve_one(ctx, 0xffffffffc0003010ULL, "xfs_thing+0x10/0x1000 [xfs]");
	resolve_one(ctx, 0xffffffffc0002000ULL, "foo+0x0/0x0 [ext4]");
	resolve_one(ctx, 0xffffffffc0002010ULL, "0xffffffffc0002010");
	ksymres_foreach(ctx, order_fn, order);
	ok(!strcmp(order, "_text _stext foo _etext ext4_init ext4_data foo xfs_thing foo "
		   "ftrace_trampoline "),
	   "foreach: vmlinux by address, then each module by address (%s)", order);
	ksymres_get_info(ctx, &in);
	ok(in.nr_vmlinux_syms == 4 && in.nr_module_syms == 6 && in.nr_modules == 3 &&
	   (in.features & KSYMRES_FEATURE_MODULES) &&
	   (in.flags & KSYMRES_INFO_MODULE_RANGES_ESTIMATED) && !(in.flags & KSYMRES_INFO_LIVE) &&
	   !in.release,
	   "saved kallsyms: counts; not live; release unknown");
	ok_eq(ksymres_set_slide(ctx, 0x1000), 0, "saved kallsyms: takes a slide");
	resolve_one(ctx, 0xffffffff81001110ULL, "foo+0x10/0x100");
	resolve_one(ctx, 0xffffffffc0001010ULL, "ext4_init+0x10/0x800 [ext4]");
	ksymres_free(ctx);

	ctx = ksymres_new();
	ok_eq(ksymres_open_kallsyms(ctx, write_str("kallsyms.zero",
		"0000000000000000 T _text\n0000000000000000 t foo\t[ext4]\n")), -EPERM,
	      "kallsyms with every address zero: EPERM");
	ksymres_free(ctx);
}

static void test_live_kallsyms(void)
{
	struct ksymres_source_info in;
	struct ksymres_symbol s, back;
	struct ksymres_ctx *ctx = ksymres_new();
	struct utsname u;
	uint64_t a_slide;
	int ret;

	ret = ksymres_open_kallsyms(ctx, NULL);
	if (ret == -EPERM || ret == -ENOENT || ret == -EACCES) {
		skip("/proc/kallsyms hides addresses or is absent", "live kallsyms");
		ksymres_free(ctx);
		return;
	}
	ok_eq(ret, 0, "live /proc/kallsyms opens");
	uname(&u);
	ksymres_get_info(ctx, &in);
	ok((in.flags & KSYMRES_INFO_LIVE) && in.release && !strcmp(in.release, u.release) &&
	   in.nr_vmlinux_syms > 1000, "live kallsyms: live, release %s, %u symbols",
	   u.release, in.nr_vmlinux_syms);
	ret = ksymres_lookup(ctx, "vmlinux:_text", &s, 1);
	ok(ret >= 1, "live kallsyms: _text found");
	if (ret >= 1) {
		uint64_t a = s.start;
		int n = ksymres_resolve(ctx, &a, 1, &back);

		ok(n == 1 && back.start == s.start,
		   "live kallsyms: _text's address resolves back to %s",
		   n == 1 ? back.name : "nothing");
	}
	ok_eq(ksymres_set_slide(ctx, 0x1000), -EOPNOTSUPP,
	      "live kallsyms: a slide is refused (its addresses are runtime ones)");
	ok_eq(ksymres_compute_slide(ctx, NULL, &a_slide), -EOPNOTSUPP,
	      "live kallsyms: no slide to compute");
	ksymres_free(ctx);

	/* A map named for another release gives no slide for this kernel. */
	ctx = ksymres_new();
	ret = ksymres_open_sysmap(ctx, write_str("System.map-0.0.0-not-this-one",
						 "ffffffff81000000 T _text\n"));
	ok_eq(ret, 0, "map of another release opens");
	ok_eq(ksymres_compute_slide(ctx, NULL, &a_slide), -EXDEV,
	      "slide auto against the running kernel: another release is EXDEV");
	ksymres_free(ctx);
}

static void test_real_sysmap(void)
{
	const char *home = getenv("HOME"), *cache = getenv("KSYMRES_CACHE");
	struct ksymres_file_report r;
	struct ksymres_source_info in;
	struct ksymres_symbol s, back;
	struct ksymres_ctx *ctx;
	char pattern[512];
	uint64_t inside;
	glob_t g;
	int ret, n;

	snprintf(pattern, sizeof(pattern), "%s/sysmap/*/System.map-*",
		 cache ? cache : "");
	if (!cache || glob(pattern, 0, NULL, &g) || !g.gl_pathc) {
		snprintf(pattern, sizeof(pattern), "%s/.cache/ksymres/sysmap/*/System.map-*",
			 home ? home : "");
		if (glob(pattern, 0, NULL, &g) || !g.gl_pathc) {
			skip("no real System.map in the cache (scripts/fetch-sysmap.sh)",
			     "real System.map from the -dbg package");
			return;
		}
	}
	ctx = open_map(g.gl_pathv[0], &ret);
	ksymres_file_report(ctx, &r);
	ok(ret == 0 && r.symbols > 10000 && !r.garbage && !r.truncated,
	   "real map %s: %llu symbols, no garbage", g.gl_pathv[0],
	   (unsigned long long)r.symbols);
	ksymres_get_info(ctx, &in);
	ok(in.release && strstr(g.gl_pathv[0], in.release) && (in.flags & KSYMRES_INFO_TEXT),
	   "real map: release from its name, _text known");
	n = ksymres_lookup(ctx, "start_kernel", &s, 1);
	inside = n == 1 ? s.start + 1 : 0;
	ok(n == 1 && ksymres_resolve(ctx, &inside, 1, &back) == 1 &&
	   !strcmp(back.name, "start_kernel") && back.offset == 1,
	   "real map: start_kernel+0x1 resolves to start_kernel");
	ksymres_free(ctx);
	globfree(&g);
}

static void test_boot_placeholder(void)
{
	struct ksymres_ctx *ctx;
	glob_t g;
	size_t i;
	int ret, tested = 0;

	if (glob("/boot/System.map-*", 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++) {
			char line[256] = "";
			FILE *f = fopen(g.gl_pathv[i], "r");

			if (!f)
				continue;
			if (!fgets(line, sizeof(line), f) || !strstr(line, "The real System.map")) {
				fclose(f);
				continue;
			}
			fclose(f);
			ctx = open_map(g.gl_pathv[i], &ret);
			ok_eq(ret, -ENODATA, "%s is Debian's placeholder: ENODATA", g.gl_pathv[i]);
			ksymres_free(ctx);
			tested++;
		}
		globfree(&g);
	}
	if (!tested)
		skip("no placeholder map in /boot", "Debian's /boot placeholder map");
}

static void test_api_contract(void)
{
	struct ksymres_ctx *ctx = ksymres_new();
	const char *p = write_str("System.map-api", basic_map);
	char spec[600];

	ok_eq(ksymres_open(ctx, "bogus"), -EINVAL, "open 'bogus': EINVAL");
	ok_eq(ksymres_open(ctx, "map"), -EINVAL, "open 'map' without a file: EINVAL");
	ok_eq(ksymres_open(ctx, "map="), -EINVAL, "open 'map=': EINVAL");
	ok_eq(ksymres_open(ctx, "kallsyms="), -EINVAL, "open 'kallsyms=': EINVAL");
	ok_eq(ksymres_open(ctx, "device=/dev/null"), -ENOTTY,
	      "open device=/dev/null: ENOTTY, not our device");
	ok_eq(ksymres_open(ctx, "device=/nonexistent/ksymres"), -ENOENT,
	      "open device=/nonexistent: ENOENT");
	if (access("/dev/ksymres", F_OK) != 0)
		ok_eq(ksymres_open_device(ctx, NULL), -ENODEV,
		      "no /dev/ksymres: ENODEV");
	else
		skip("/dev/ksymres exists here", "no /dev/ksymres: ENODEV");
	ok_eq(ksymres_set_slide(ctx, 1), -EINVAL, "slide without a source: EINVAL");
	snprintf(spec, sizeof(spec), "map=%s", p);
	ok_eq(ksymres_open(ctx, spec), 0, "open after failures: map=FILE works");
	ok_eq(ksymres_open(ctx, spec), -EBUSY, "a second source: EBUSY");
	ok_eq(ksymres_get_source(ctx), KSYMRES_SOURCE_SYSMAP, "source is the map");
	ok_eq(ksymres_resolve(ctx, NULL, 0, NULL), 0, "resolve of nothing: 0");
	ok_eq(ksymres_resolve(ctx, NULL, 1, NULL), -EINVAL, "resolve with NULL arrays: EINVAL");
	ok_eq(ksymres_foreach(ctx, NULL, NULL), -EINVAL, "foreach without a callback: EINVAL");
	ok_eq(ksymres_get_info(ctx, NULL), -EINVAL, "info without a struct: EINVAL");
	ksymres_free(ctx);
	ksymres_free(NULL);
	ok(1, "ksymres_free(NULL) is harmless");
}

struct thread_arg {
	const char *path;
	int bad;
};

static void *thread_fn(void *p)
{
	struct thread_arg *a = p;
	struct ksymres_symbol s;
	struct ksymres_ctx *ctx;
	int ret, i;

	ctx = open_map(a->path, &ret);
	if (ret) {
		a->bad = -1;
		return NULL;
	}
	for (i = 0; i < 20000; i++) {
		uint64_t addr = 0xffffffff81000010ULL + 0x10ULL * ((i * 7919) % HUGE_SYMS);
		char want[64];

		snprintf(want, sizeof(want), "symbol_number_%d", (i * 7919) % HUGE_SYMS);
		if (ksymres_resolve(ctx, &addr, 1, &s) != 1 || strcmp(s.name, want))
			a->bad++;
	}
	ksymres_free(ctx);
	return NULL;
}

static void test_threads(const char *path)
{
	struct thread_arg args[4];
	pthread_t t[4];
	int i, bad = 0;

	for (i = 0; i < 4; i++) {
		args[i].path = path;
		args[i].bad = 0;
		pthread_create(&t[i], NULL, thread_fn, &args[i]);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		bad += args[i].bad;
	}
	ok_eq(bad, 0, "4 threads, one handle each, open and resolve the same map");
}

int main(void)
{
	const char *huge;

	tmpdir_make("ksymres-test");
	test_basic_map();
	test_foreach();
	test_slide();
	test_alias_order();
	test_messy_map();
	test_garbage_cap();
	test_huge_line();
	test_bad_files();
	test_32bit();
	test_mutations();
	huge = huge_map();
	test_huge_file(huge);
	test_threads(huge);
	test_kallsyms_copy();
	test_live_kallsyms();
	test_real_sysmap();
	test_boot_placeholder();
	test_api_contract();
	tmpdir_remove();
	return done();
}
