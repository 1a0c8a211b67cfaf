// SPDX-License-Identifier: GPL-2.0-only
/*
 * The text scanner of `decode` on every form the kernel prints addresses
 * and frames in, on mixed and malformed lines and on very long input; the
 * real oops text captured from the test VM (data/oops-6.1-cloud.txt); and
 * the annotator's verdicts and format on a small kallsyms file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"

#define MAXTOK 16

static int scan(const char *s, struct ksymres_token *t)
{
	return ksymres_scan_line(s, strlen(s), t, MAXTOK);
}

static bool name_is(const char *line, const struct ksymres_token *t, const char *want)
{
	return t->name_len == strlen(want) && !memcmp(line + t->name, want, t->name_len);
}

static bool module_is(const char *line, const struct ksymres_token *t, const char *want)
{
	if (!want)
		return t->module_len == 0;
	return t->module_len == strlen(want) && !memcmp(line + t->module, want, t->module_len);
}

/* One frame in the line, with these parts. */
static void frame1(const char *line, const char *name, uint64_t off, uint64_t size,
		   const char *module, uint32_t flags, uint64_t addr)
{
	struct ksymres_token t[MAXTOK];
	int n = scan(line, t);

	ok(n == 1 && t[0].kind == KSYMRES_TOKEN_FRAME && name_is(line, &t[0], name) &&
	   t[0].offset == off && t[0].size == size && module_is(line, &t[0], module) &&
	   t[0].flags == flags && (!(flags & KSYMRES_TOKEN_HAS_ADDR) || t[0].addr == addr),
	   "frame in '%s'", line);
}

/* One address in the line. */
static void addr1(const char *line, uint64_t addr, uint32_t flags, const char *text)
{
	struct ksymres_token t[MAXTOK];
	int n = scan(line, t);

	ok(n == 1 && t[0].kind == KSYMRES_TOKEN_ADDRESS && t[0].addr == addr &&
	   t[0].flags == flags && t[0].end - t[0].start == strlen(text) &&
	   !memcmp(line + t[0].start, text, strlen(text)),
	   "address in '%s'", line);
}

static void none(const char *line)
{
	struct ksymres_token t[MAXTOK];
	int n = scan(line, t);

	ok(n == 0, "nothing in '%s' (found %d)", line, n);
}

static void test_forms(void)
{
	const uint32_t S = KSYMRES_TOKEN_HAS_SIZE, A = KSYMRES_TOKEN_HAS_ADDR,
		       B = KSYMRES_TOKEN_BRACKETED, U = KSYMRES_TOKEN_UNRELIABLE,
		       IP = KSYMRES_TOKEN_IP;

	/* today's call traces and RIP lines */
	frame1("[    2.687788]  vfs_write+0xc7/0x3f0", "vfs_write", 0xc7, 0x3f0, NULL, S, 0);
	frame1("[    2.687788]  ? do_fault+0x1a7/0x410", "do_fault", 0x1a7, 0x410, NULL, S | U, 0);
	frame1(" ksymres_oopsmod_write+0xa7/0xc2 [ksymres_oopsmod]", "ksymres_oopsmod_write",
	       0xa7, 0xc2, "ksymres_oopsmod", S, 0);
	frame1("RIP: 0010:ksymres_oopsmod_deref.constprop.0+0x5/0x20 [ksymres_oopsmod]",
	       "ksymres_oopsmod_deref.constprop.0", 5, 0x20, "ksymres_oopsmod", S | IP, 0);
	frame1("WARNING: CPU: 0 PID: 102 at drivers/x.c:24 foo_warn+0x11/0x20 [foo]",
	       "foo_warn", 0x11, 0x20, "foo", S, 0);
	/* build ID after the module (CONFIG_STACKTRACE_BUILD_ID) */
	frame1(" foo+0x1/0x2 [mod 0123456789abcdef0123456789abcdef01234567]", "foo", 1, 2,
	       "mod", S, 0);
	/* KASAN, kmemleak, ftrace, arm64 */
	frame1("BUG: KASAN: slab-out-of-bounds in kasan_oob+0x2a/0x60 [kasan_test]",
	       "kasan_oob", 0x2a, 0x60, "kasan_test", S, 0);
	frame1("    [<000000008c8e1e9f>] __kmalloc+0x4a/0x80", "__kmalloc", 0x4a, 0x80, NULL,
	       S | A | B, 0x8c8e1e9f);
	frame1(" => ksys_write+0x6b/0xf0", "ksys_write", 0x6b, 0xf0, NULL, S, 0);
	frame1("pc : el0_svc_common+0x8c/0x120", "el0_svc_common", 0x8c, 0x120, NULL, S | IP, 0);
	frame1("x86_64_start_kernel+0x5e/0x60", "x86_64_start_kernel", 0x5e, 0x60, NULL, S, 0);
	/* %pB-style, no size */
	frame1("at foo+0x10 now", "foo", 0x10, 0, NULL, 0, 0);
	/* old: address and symbol, with and without "?" */
	frame1(" [<ffffffff8100a1b2>] ? schedule+0x12/0x40", "schedule", 0x12, 0x40, NULL,
	       S | A | B | U, 0xffffffff8100a1b2ULL);
	frame1(" [<c010b860>] do_IRQ+0x40/0x60", "do_IRQ", 0x40, 0x60, NULL, S | A | B,
	       0xc010b860);
	frame1("EIP: 0060:[<c010b860>] foo+0x1/0x2", "foo", 1, 2, NULL, S | A | B | IP, 0xc010b860);

	/* raw addresses */
	addr1("Call Trace: [<c010b860>]", 0xc010b860, A | B, "[<c010b860>]");
	addr1("EIP: 0060:[<c010b860>]    Not tainted", 0xc010b860, A | B | IP, "[<c010b860>]");
	addr1("Code: Unable to access opcode bytes at 0xffffffffc0402ffb.",
	      0xffffffffc0402ffbULL, A, "0xffffffffc0402ffb");
	addr1("pc = 0xFFFFFFFF81000000", 0xffffffff81000000ULL, A, "0xFFFFFFFF81000000");
	addr1("[<0xffffffff81000000>]", 0xffffffff81000000ULL, A | B, "[<0xffffffff81000000>]");
	addr1("RIP: 0010:0xffffffffc0402ffb", 0xffffffffc0402ffbULL, A | IP,
	      "0xffffffffc0402ffb");
}

static void test_rip_twice(void)
{
	const char *line = "RIP: 0010:[<ffffffff81234567>]  [<ffffffff81234568>] foo+0x1/0x2";
	struct ksymres_token t[MAXTOK];
	int n = scan(line, t);

	ok(n == 2 && t[0].kind == KSYMRES_TOKEN_ADDRESS && (t[0].flags & KSYMRES_TOKEN_IP) &&
	   t[0].addr == 0xffffffff81234567ULL && t[1].kind == KSYMRES_TOKEN_FRAME &&
	   t[1].addr == 0xffffffff81234568ULL && name_is(line, &t[1], "foo"),
	   "old x86-64 RIP line: the IP, then the address and its symbol");
}

static void test_kernel_offset(void)
{
	const char *line = "Kernel Offset: 0x2c000000 from 0xffffffff81000000 "
			   "(relocation range: 0xffffffff80000000-0xffffffffbfffffff)";
	const char *text = "a\nb foo+0x1/0x2\nKernel Offset: 0x1a400000 from 0xffffffff81000000\n";
	struct ksymres_token t[MAXTOK];
	uint64_t slide = 0;
	int n = scan(line, t);

	ok(n >= 1 && t[0].kind == KSYMRES_TOKEN_KERNEL_OFFSET && t[0].addr == 0x2c000000,
	   "Kernel Offset line gives the slide");
	ok(ksymres_text_slide(text, strlen(text), &slide) == 0 && slide == 0x1a400000,
	   "ksymres_text_slide() finds it in a text");
	ok(ksymres_text_slide("Kernel Offset: disabled\n", 24, &slide) == -ENOENT,
	   "'Kernel Offset: disabled' is no slide");
}

static void test_mixed(void)
{
	const char *line = "x [<ffffffff81000010>] 0xffffffff81000020 ? bar+0x3/0x10 [m] "
			   "baz+0x4/0x8 0x12 [<>] end";
	struct ksymres_token t[MAXTOK];
	int n = scan(line, t);

	ok(n == 4 && t[0].kind == KSYMRES_TOKEN_ADDRESS && t[0].addr == 0xffffffff81000010ULL &&
	   t[1].kind == KSYMRES_TOKEN_ADDRESS && t[1].addr == 0xffffffff81000020ULL &&
	   t[2].kind == KSYMRES_TOKEN_FRAME && name_is(line, &t[2], "bar") &&
	   module_is(line, &t[2], "m") && (t[2].flags & KSYMRES_TOKEN_UNRELIABLE) &&
	   t[3].kind == KSYMRES_TOKEN_FRAME && name_is(line, &t[3], "baz"),
	   "four tokens in order in a mixed line (found %d)", n);
	ok(ksymres_scan_line(line, strlen(line), t, 2) == 4, "max 2: still counts 4");
	ok(ksymres_scan_line(line, strlen(line), NULL, 0) == 4, "NULL, 0: counts only");
	ok(ksymres_scan_line(NULL, 0, t, 1) == -EINVAL, "NULL line: EINVAL");
}

static void test_malformed(void)
{
	struct ksymres_token t[MAXTOK];
	const char *s;

	none("");
	none("[    2.687788] Call Trace:");
	none("[    2.687788]  <TASK>");
	none("[    2.687788]  </TASK>");
	none("  </IRQ>");
	none("[<ffffffff81000000");
	none("[<>]");
	none("[<ffffffff81000000]");
	none("[<ffffffff8100000g>]");
	none("[<1ffffffff81000000>]");		/* 17 digits */
	none("0x1ffffffff81000000");
	none("0x1234 and 0x1234567");		/* bare: fewer than 8 digits */
	none("0xffffffff81000000g");
	none("RIP: 0033:0x47b7a0");
	none("RAX: ffffffffffffffda RBX: 0000000000000001");
	none("func+0x");
	none("func+0xzz/0x10");
	none("func+0x12/0x");
	none("func+0x12/0x40x");
	none("+0x12/0x40");
	none("1func+0x12/0x40");
	none("a+0x11111111111111111/0x1");
	none("Kernel Offset: 0x");
	none("Kernel Offset: 0xffg");
	none("foo+12/40");
	/* a module bracket that is not one stays out of the frame */
	s = "foo+0x1/0x2 [not a module]";
	ok(scan(s, t) == 1 && t[0].module_len == 0 && t[0].end == 11,
	   "'%s': frame without module", s);
	s = "foo+0x1/0x2 [mod";
	ok(scan(s, t) == 1 && t[0].module_len == 0, "'%s': unclosed module bracket", s);
	/* a NUL inside the line is just a byte */
	{
		static const char nul[] = "a\0foo+0x1/0x2";

		ok(ksymres_scan_line(nul, sizeof(nul) - 1, t, MAXTOK) == 1 &&
		   t[0].name == 2, "a NUL byte before a frame");
	}
	/* the scanner looks no further than len */
	s = "foo+0x1/0x2";
	ok(ksymres_scan_line(s, 6, t, MAXTOK) == 0, "len cuts the frame short");
}

static void test_long(void)
{
	static const char frame[] = " vfs_write+0xc7/0x3f0";
	size_t reps = 200000, fl = sizeof(frame) - 1, i;
	size_t len = reps * fl;
	char *buf = malloc(len + 1);
	struct ksymres_token t[4];

	if (!buf) {
		ok(0, "malloc");
		return;
	}
	for (i = 0; i < reps; i++)
		memcpy(buf + i * fl, frame, fl);
	buf[len] = '\0';
	ok(ksymres_scan_line(buf, len, t, 4) == (int)reps,
	   "a %zu-byte line of frames: every one counted", len);
	memset(buf, 'a', len);
	ok(ksymres_scan_line(buf, len, t, 4) == 0, "a %zu-byte word: nothing", len);
	for (i = 0; i + 5 <= len; i += 5)
		memcpy(buf + i, "a+0xg", 5);
	ok(ksymres_scan_line(buf, i, t, 4) == 0, "'a+0xga+0xg...': nothing");
	for (i = 0; i + 2 <= len; i += 2)
		memcpy(buf + i, "[<", 2);
	ok(ksymres_scan_line(buf, len, t, 4) == 0, "'[<[<[<...': nothing");
	memset(buf, 'f', len);
	memcpy(buf, "0x", 2);
	ok(ksymres_scan_line(buf, len, t, 4) == 0, "0x and a million hex digits: nothing");
	free(buf);
}

/* The real oops: every "name+0x" the kernel printed is found, and nothing else. */
static void test_real_oops(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, frames = 0, bad = 0, lines = 0;
	ssize_t len;

	if (!f) {
		ok(0, "%s: %s", path, strerror(errno));
		return;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		struct ksymres_token t[MAXTOK];
		const char *plus = strstr(line, "+0x"), *b;
		int n = ksymres_scan_line(line, (size_t)len, t, MAXTOK);

		lines++;
		if (!plus) {
			/* only the bare addresses of "Code: ... at 0x..." lines */
			if (n && !(n == 1 && t[0].kind == KSYMRES_TOKEN_ADDRESS &&
				   strstr(line, "opcode bytes at 0x")))
				bad++;
			continue;
		}
		for (b = plus; b > line && b[-1] != ' ' && b[-1] != ':'; b--)
			;
		frames++;
		if (n != 1 || t[0].kind != KSYMRES_TOKEN_FRAME || t[0].name != (size_t)(b - line) ||
		    t[0].name_len != (size_t)(plus - b) ||
		    (!!strstr(line, "? ") != !!(t[0].flags & KSYMRES_TOKEN_UNRELIABLE)) ||
		    (!!strstr(line, "RIP: 0010:") != !!(t[0].flags & KSYMRES_TOKEN_IP)) ||
		    (!!strstr(line, "[ksymres_oopsmod]") != !!t[0].module_len)) {
			printf("# %s", line);
			bad++;
		}
	}
	free(line);
	fclose(f);
	ok(frames >= 20 && bad == 0, "real oops: %zu lines, %zu frames, %zu misread",
	   lines, frames, bad);
}

static char dir[] = "/tmp/ksr-test-scan-XXXXXX";

static const char *write_str(const char *name, const char *s)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return NULL;
	fputs(s, f);
	fclose(f);
	return path;
}

/* The annotator: verdicts and the text it writes back. */
static void decoded(struct ksymres_decoder *d, const char *line, const char *want,
		    uint32_t status)
{
	struct ksymres_frame fr[8];
	char buf[1024];
	int n = ksymres_decode_line(d, line, strlen(line), fr, 8);
	int m = n >= 0 ? ksymres_decode_format(line, strlen(line), fr, (size_t)n, buf,
					      sizeof(buf)) : n;

	ok(n >= 1 && m == (int)strlen(want) && !strcmp(buf, want) && fr[0].status == status,
	   "'%s' -> '%s'", line, want);
	if (m >= 0 && strcmp(buf, want))
		printf("#   got '%s'\n", buf);
}

static void test_annotator(void)
{
	static const char kallsyms[] =
		"ffffffff81000000 T _text\n"
		"ffffffff81000100 T foo\n"
		"ffffffff81000140 t bar\n"
		"ffffffff81000200 T _etext\n"
		"ffffffffc0001000 t mfn\t[mod]\n"
		"ffffffffc0001080 t mfn2\t[mod]\n";
	static const char map[] =
		"ffffffff81000000 T _text\n"
		"ffffffff81000100 T foo\n"
		"ffffffff81000140 t bar\n"
		"ffffffff81000200 T _etext\n";
	struct ksymres_ctx *ctx = ksymres_new();
	struct ksymres_decoder *d;
	const char *p;
	char buf[8];

	p = write_str("kallsyms", kallsyms);
	if (!ctx || !p || ksymres_open_kallsyms(ctx, p)) {
		ok(0, "open the kallsyms file");
		return;
	}
	d = ksymres_decoder_new(ctx);
	ok(d != NULL, "a decoder over a kallsyms file");
	decoded(d, "  foo+0x10/0x40", "  foo+0x10/0x40 {0xffffffff81000110}", KSYMRES_FRAME_OK);
	decoded(d, "  ? mfn+0x8/0x80 [mod]", "  ? mfn+0x8/0x80 [mod] {0xffffffffc0001008}",
		KSYMRES_FRAME_OK);
	decoded(d, " [<ffffffff81000150>]",
		" [<ffffffff81000150>] {bar+0x10/0xc0}", KSYMRES_FRAME_OK);
	decoded(d, " [<ffffffff81000150>] bar+0x10/0xc0",
		" [<ffffffff81000150>] bar+0x10/0xc0 {0xffffffff81000150}", KSYMRES_FRAME_OK);
	decoded(d, "RIP: 0010:[<ffffffffc0001010>]",
		"RIP: 0010:[<ffffffffc0001010>] {mfn+0x10/0x80 [mod]}", KSYMRES_FRAME_OK);
	decoded(d, "  foo+0x10/0x50",
		"  foo+0x10/0x50 {MISMATCH: the size differs: source has foo+0x10/0x40 at 0xffffffff81000110}",
		KSYMRES_FRAME_MISMATCH);
	decoded(d, "  foo+0x48/0x40",
		"  foo+0x48/0x40 {MISMATCH: the offset is past the end of the symbol: source has foo+0x48/0x40 at 0xffffffff81000148}",
		KSYMRES_FRAME_MISMATCH);
	/* %pB: a return address at the very end prints as name+size/size */
	decoded(d, "  ? foo+0x40/0x40", "  ? foo+0x40/0x40 {0xffffffff81000140}", KSYMRES_FRAME_OK);
	decoded(d, " [<ffffffff81000111>] foo+0x10/0x40",
		" [<ffffffff81000111>] foo+0x10/0x40 {MISMATCH: the printed address is elsewhere: source has foo+0x10/0x40 at 0xffffffff81000110}",
		KSYMRES_FRAME_MISMATCH);
	decoded(d, "  nosuch+0x1/0x2", "  nosuch+0x1/0x2 {no such symbol in the source}",
		KSYMRES_FRAME_NOT_FOUND);
	decoded(d, "  foo+0x1/0x2 [othermod]",
		"  foo+0x1/0x2 [othermod] {no such symbol in the source}",
		KSYMRES_FRAME_NOT_FOUND);
	decoded(d, "  [<0000000000001234>]", "  [<0000000000001234>] {no symbol}",
		KSYMRES_FRAME_NOT_FOUND);
	decoded(d, "at 0xffff888000001234.", "at 0xffff888000001234.", KSYMRES_FRAME_NOT_FOUND);
	/* too small a buffer: snprintf() rules */
	{
		const char *l = "  foo+0x10/0x40";
		struct ksymres_frame fr[2];
		int n = ksymres_decode_line(d, l, strlen(l), fr, 2);

		ok(ksymres_decode_format(l, strlen(l), fr, (size_t)n, buf, sizeof(buf)) ==
		   (int)strlen("  foo+0x10/0x40 {0xffffffff81000110}") && !strcmp(buf, "  foo+0"),
		   "a short buffer is cut and terminated, the length needed returned");
	}
	/* more tokens in a line than the decoder keeps on its stack */
	{
		static struct ksymres_frame many[100];
		static char l[100 * 16];
		int i, n, good = 0;

		for (i = 0; i < 100; i++)
			strcat(l, " foo+0x10/0x40");
		n = ksymres_decode_line(d, l, strlen(l), many, 100);
		for (i = 0; i < 100; i++)
			good += many[i].status == KSYMRES_FRAME_OK &&
				many[i].sym.addr == 0xffffffff81000110ULL;
		ok(n == 100 && good == 100, "100 frames in a line: all decoded (%d)", good);
	}
	ksymres_decoder_free(d);
	ksymres_free(ctx);

	/* a System.map: no modules, and no slide until one is set */
	ctx = ksymres_new();
	p = write_str("System.map-0.0-test", map);
	if (!ctx || !p || ksymres_open_sysmap(ctx, p)) {
		ok(0, "open the map");
		return;
	}
	d = ksymres_decoder_new(ctx);
	decoded(d, "  foo+0x10/0x40", "  foo+0x10/0x40 {map 0xffffffff81000110, slide unknown}",
		KSYMRES_FRAME_NO_SLIDE);
	decoded(d, "  [<ffffffff81000150>]", "  [<ffffffff81000150>] {slide unknown}",
		KSYMRES_FRAME_NO_SLIDE);
	decoded(d, "  mfn+0x8/0x80 [mod]", "  mfn+0x8/0x80 [mod] {module not in the source}",
		KSYMRES_FRAME_NO_MODULE);
	ksymres_decoder_free(d);
	ok(ksymres_set_slide(ctx, 0x2c000000) == 0, "slide set");
	d = ksymres_decoder_new(ctx);
	decoded(d, "  foo+0x10/0x40", "  foo+0x10/0x40 {0xffffffffad000110}", KSYMRES_FRAME_OK);
	decoded(d, "  [<ffffffffad000150>]", "  [<ffffffffad000150>] {bar+0x10/0xc0}",
		KSYMRES_FRAME_OK);
	ksymres_decoder_free(d);
	ksymres_free(ctx);
}

int main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : DATA_DIR "/oops-6.1-cloud.txt";
	char path[600];

	test_forms();
	test_rip_twice();
	test_kernel_offset();
	test_mixed();
	test_malformed();
	test_long();
	test_real_oops(data);
	if (mkdtemp(dir)) {
		test_annotator();
		snprintf(path, sizeof(path), "%s/kallsyms", dir);
		unlink(path);
		snprintf(path, sizeof(path), "%s/System.map-0.0-test", dir);
		unlink(path);
		rmdir(dir);
	} else {
		ok(0, "mkdtemp: %s", strerror(errno));
	}
	return done();
}
