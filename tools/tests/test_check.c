// SPDX-License-Identifier: GPL-2.0-only
/*
 * The System.map cross-check of libksymres on files, offline (map against
 * map, map against a saved kallsyms): small maps written here for each
 * rule (slide, classes, drift kinds, verdicts, the search and its
 * rejections, malformed files), then the real map of the -dbg package
 * from the cache and copies of it edited in known ways, and the generic
 * flavour's map as another kernel, when they are cached (skipped if not).
 */
#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"
#include "tmpfiles.h"

/* A kernel at its link address; per-cpu, absolute, kallsyms and init symbols too. */
static const char base_map[] =
	"0000000000000000 D __per_cpu_start\n"
	"0000000000001000 D cpu_stuff\n"
	"00000000000001ea A kexec_control_code_size\n"
	"ffffffff81000000 T _text\n"
	"ffffffff81000000 T startup_64\n"
	"ffffffff81000100 T alpha\n"
	"ffffffff81000200 t beta\n"
	"ffffffff81000300 T gamma\n"
	"ffffffff81000400 t dup\n"
	"ffffffff81000500 t dup\n"
	"ffffffff81000600 T delta\n"
	"ffffffff81000700 T epsilon\n"
	"ffffffff81000800 T zeta\n"
	"ffffffff81001000 T _etext\n"
	"ffffffff81002000 R kallsyms_names\n"
	"ffffffff81003000 D __init_begin\n"
	"ffffffff81003100 T init_fn\n"
	"ffffffff81004000 D __init_end\n"
	"ffffffff81005000 D some_data\n"
	"ffffffff81006000 B _end\n";

/* The same kernel as kallsyms shows it after a KASLR slide of 0x2a000000. */
static const char base_kallsyms[] =
	"ffffffffab000000 T _text\n"
	"ffffffffab000000 T startup_64\n"
	"ffffffffab000100 T alpha\n"
	"ffffffffab000200 t beta\n"
	"ffffffffab000300 T gamma\n"
	"ffffffffab000400 t dup\n"
	"ffffffffab000500 t dup\n"
	"ffffffffab000600 T delta\n"
	"ffffffffab000700 T epsilon\n"
	"ffffffffab000800 T zeta\n"
	"ffffffffab001000 T _etext\n"
	"ffffffffab003000 D __init_begin\n"
	"ffffffffab003100 T init_fn\n"
	"ffffffffab004000 D __init_end\n"
	"ffffffffab005000 D some_data\n"
	"ffffffffab006000 B _end\n"
	"0000000000000000 A __per_cpu_start\n"
	"0000000000001000 A cpu_stuff\n"
	"ffffffffc0001000 t mod_fn\t[somemod]\n";

struct run {
	struct ksymres_check *chk;
	struct ksymres_check_result r;
	struct ksymres_drift d[64];
	struct ksymres_map_candidate c[KSR_MAP_SEARCH_MAX];
	int nd, nc, ret;
};

static struct ksymres_ctx *open_ref(const char *spec)
{
	struct ksymres_ctx *ctx = ksymres_new();
	int ret;

	if (!ctx)
		exit(2);
	ret = ksymres_open(ctx, spec);
	if (ret) {
		printf("# open %s: %s\n", spec, ksymres_strerror(ret));
		exit(2);
	}
	return ctx;
}

static void check(struct run *x, const char *refspec, const char *map,
		  const char *root, const char *release)
{
	struct ksymres_check_opts o = { .size = sizeof(o), .root = root, .release = release };
	struct ksymres_ctx *ref = open_ref(refspec);

	memset(x, 0, sizeof(*x));
	x->ret = ksymres_check(ref, map, &o, &x->chk);
	if (!x->ret) {
		ksymres_check_result(x->chk, &x->r);
		x->nd = ksymres_check_drift(x->chk, x->d, ARRAY_SIZE(x->d));
		x->nc = ksymres_check_candidates(x->chk, x->c, ARRAY_SIZE(x->c));
	}
	/* The results stay valid after the reference handle is gone. */
	ksymres_free(ref);
}

static void done_run(struct run *x)
{
	ksymres_check_free(x->chk);
	x->chk = NULL;
}

static char refspec[600];

static const char *kallsyms_ref(const char *text)
{
	snprintf(refspec, sizeof(refspec), "kallsyms=%s", write_str("kallsyms.ref", text));
	return refspec;
}

static void test_match(void)
{
	struct run x;

	check(&x, kallsyms_ref(base_kallsyms), write_str("base.map", base_map),
	      NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_MATCH && x.nd == 0,
	   "map against its kernel's kallsyms: MATCH, no findings");
	ok(x.r.slide == 0x2a000000 && (x.r.flags & KSYMRES_CHECK_SLIDE_FROM_TEXT) &&
	   (x.r.flags & KSYMRES_CHECK_SLIDE_CONFIRMED) && x.r.common_slide == 0x2a000000,
	   "slide 0x2a000000 from _text, confirmed as the commonest difference");
	ok(x.r.absolute == 1 && x.r.percpu == 2 && x.r.kallsyms_omitted == 1 &&
	   x.r.compared == 16 && x.r.matched == 16,
	   "1 absolute, 2 per-cpu, 1 kallsyms table not compared; 16 compared and matched");
	ok(!strcmp(x.r.map_fingerprint, x.r.ref_fingerprint) && strlen(x.r.map_fingerprint) == 16,
	   "map and kallsyms have the same fingerprint (%s)", x.r.map_fingerprint);
	ok(x.r.ref_symbols == 18, "module symbols are not part of the reference (%llu)",
	   (unsigned long long)x.r.ref_symbols);
	done_run(&x);
}

/* base_map with edits: s/from/to/ on whole lines. */
static const char *edited(const char *name, const char *const *pairs, size_t n)
{
	static char buf[4096];
	size_t i;

	snprintf(buf, sizeof(buf), "%s", base_map);
	for (i = 0; i + 1 < n; i += 2) {
		char *at = strstr(buf, pairs[i]);
		size_t from = strlen(pairs[i]), to = strlen(pairs[i + 1]);

		if (!at) {
			printf("# edit: %s not found\n", pairs[i]);
			exit(2);
		}
		memmove(at + to, at + from, strlen(at + from) + 1);
		memcpy(at, pairs[i + 1], to);
	}
	return write_str(name, buf);
}

static void test_drift(void)
{
	static const char *const e[] = {
		"ffffffff81000300 T gamma\n", "ffffffff81000340 T gamma\n",	/* moved */
		"ffffffff81000600 T delta\n", "",				/* removed */
		"ffffffff81000700 T epsilon\n", "ffffffff81000700 T epsilon2\n",	/* renamed */
		"ffffffff81000800 T zeta\n", "ffffffff81000800 T zeta\nffffffff81000900 T eta\n",
	};
	struct run x;

	check(&x, kallsyms_ref(base_kallsyms), edited("drift.map", e, ARRAY_SIZE(e)),
	      NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_DRIFT && x.nd == 4,
	   "edited map: DRIFT with 4 findings (got %d)", x.nd);
	ok(x.nd == 4 && x.d[0].kind == KSYMRES_DRIFT_MISSING && !strcmp(x.d[0].name, "eta") &&
	   x.d[0].expected == 0xffffffffab000900ULL,
	   "worst first: eta, only in the map, missing at its expected address");
	ok(x.nd == 4 && x.d[1].kind == KSYMRES_DRIFT_MOVED && !strcmp(x.d[1].name, "gamma") &&
	   x.d[1].expected == 0xffffffffab000340ULL && x.d[1].actual == 0xffffffffab000300ULL &&
	   x.d[1].delta == -0x40,
	   "gamma moved: expected and actual address, delta -0x40");
	ok(x.nd == 4 && x.d[2].kind == KSYMRES_DRIFT_RENAMED && !strcmp(x.d[2].name, "epsilon2") &&
	   x.d[2].ref_name && !strcmp(x.d[2].ref_name, "epsilon"),
	   "epsilon2 of the map is epsilon in the kernel: renamed");
	ok(x.nd == 4 && x.d[3].kind == KSYMRES_DRIFT_ADDED && !strcmp(x.d[3].name, "delta") &&
	   x.d[3].actual == 0xffffffffab000600ULL,
	   "delta, removed from the map, is added in the kernel");
	ok(x.r.moved == 1 && x.r.missing == 1 && x.r.renamed == 1 && x.r.added == 1 &&
	   x.r.matched == 13 && strcmp(x.r.map_fingerprint, x.r.ref_fingerprint),
	   "counts 13 matched, 1 each drifted; fingerprints differ");
	done_run(&x);
}

static void test_shift_and_text(void)
{
	static const char *const only_text[] = {
		"ffffffff81000000 T _text\n", "ffffffff80fffff0 T _text\n",
	};
	char shifted[4096], *p;
	struct run x;

	/* Every kernel address 0x1000000 higher: a map linked elsewhere. */
	snprintf(shifted, sizeof(shifted), "%s", base_map);
	for (p = shifted; (p = strstr(p, "ffffffff81")); p += 10)
		p[9] = '2';
	check(&x, kallsyms_ref(base_kallsyms), write_str("shifted.map", shifted),
	      NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_MATCH && x.r.slide == 0x29000000 &&
	   !strcmp(x.r.map_fingerprint, x.r.ref_fingerprint),
	   "a map shifted as a whole: MATCH with slide 0x29000000, same fingerprint");
	done_run(&x);

	check(&x, kallsyms_ref(base_kallsyms),
	      edited("text.map", only_text, ARRAY_SIZE(only_text)), NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_DRIFT &&
	   !(x.r.flags & KSYMRES_CHECK_SLIDE_CONFIRMED) && x.r.slide == 0x2a000000 &&
	   x.r.text_slide == 0x2a000010 && x.nd == 1 && !strcmp(x.d[0].name, "_text") &&
	   x.d[0].delta == 0x10,
	   "only _text moved: the commonest slide wins and _text is the one drift");
	done_run(&x);
}

static void test_wrong_kernel(void)
{
	static const char other[] =
		"ffffffff81000000 T _text\n"
		"ffffffff81000180 T alpha\n"
		"ffffffff81000290 t beta\n"
		"ffffffff810003a0 T gamma\n"
		"ffffffff810006b0 T delta\n"
		"ffffffff810007c0 T epsilon\n"
		"ffffffff810008d0 T zeta\n";
	static const char stranger[] =
		"ffffffff81000000 T foo\n"
		"ffffffff81000100 T bar\n";
	const char *ref;
	char spec[600];
	struct run x;

	check(&x, kallsyms_ref(base_kallsyms), write_str("other.map", other), NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_WRONG_KERNEL &&
	   x.r.wrong == KSYMRES_WRONG_SLIDE,
	   "another build (same names, other offsets): WRONG KERNEL, no single slide fits");
	done_run(&x);

	check(&x, kallsyms_ref(base_kallsyms), write_str("System.map", stranger), NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_WRONG_KERNEL &&
	   (x.r.wrong & KSYMRES_WRONG_NO_COMMON),
	   "a map with no name in common: WRONG KERNEL");
	done_run(&x);

	/* Offline, map against map: the releases in their names decide too. */
	ref = write_str("a/System.map-6.1.0-1-test", base_map);
	snprintf(spec, sizeof(spec), "map=%s", ref);
	check(&x, spec, write_str("b/System.map-6.1.0-2-test", base_map), NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_WRONG_KERNEL &&
	   x.r.wrong == KSYMRES_WRONG_RELEASE && x.r.matched == x.r.compared &&
	   x.r.ref_release && !strcmp(x.r.ref_release, "6.1.0-1-test"),
	   "identical symbols, another release in the name: WRONG KERNEL (release)");
	done_run(&x);
	check(&x, spec, write_str("c/System.map-old", base_map), NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_MATCH,
	   "System.map-old names no release: the symbols decide, MATCH");
	done_run(&x);
	check(&x, spec, write_str("c/System.map-6.1.0-1-test", base_map), NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_MATCH && x.r.slide == 0,
	   "map against map of the same release: MATCH, slide 0");
	done_run(&x);
}

static void test_classes(void)
{
	/* init_fn and .Lfoo missing from the reference are counted, not flagged. */
	static const char *const e[] = {
		"ffffffff81000800 T zeta\n",
		"ffffffff81000800 T zeta\nffffffff81000810 t .Lfoo\nffffffff81000820 t L1234\n",
	};
	static const char no_init[] =
		"ffffffffab000000 T _text\n"
		"ffffffffab000100 T alpha\n"
		"ffffffffab000200 t beta\n"
		"ffffffffab000300 T gamma\n"
		"ffffffffab000400 t dup\n"
		"ffffffffab000500 t dup\n"
		"ffffffffab000600 T delta\n"
		"ffffffffab000700 T epsilon\n"
		"ffffffffab000800 T zeta\n";
	struct run x;

	check(&x, kallsyms_ref(no_init), edited("classes.map", e, ARRAY_SIZE(e)),
	      NULL, NULL);
	ok(x.ret == 0 && x.r.local_labels == 2 && x.r.init_freed == 2,
	   "local labels (2) and __init symbols (2) absent from the reference are counted");
	ok(x.r.missing == 5 && x.r.verdict == KSYMRES_CHECK_DRIFT,
	   "the rest absent from the reference is missing (startup_64, _etext, __init_end, some_data, _end)");
	done_run(&x);
}

static void test_messy(void)
{
	static const char crlf_32[] =
		"c1000000 T _text\r\n"
		"\r\n"
		"c1000100 T alpha\r\n"
		"garbage line here\r\n"
		"c1000200 T beta\r\n"
		"c1000300 T gam";
	static const char ref32[] =
		"c5000000 T _text\nc5000100 T alpha\nc5000200 T beta\nc5000300 T gamma\n";
	struct run x;

	check(&x, kallsyms_ref(ref32), write_str("map32", crlf_32), NULL, NULL);
	ok(x.ret == 0 && x.r.map_report.crlf == 5 && x.r.map_report.garbage == 1 &&
	   x.r.map_report.bad_lines[0] == 4 && x.r.map_report.truncated &&
	   x.r.slide == 0x4000000,
	   "32-bit CRLF map with a blank, a garbage line (line 4) and a cut last line");
	ok(x.r.verdict == KSYMRES_CHECK_DRIFT && x.r.renamed == 1 && x.nd == 1 &&
	   !strcmp(x.d[0].name, "gam") && !strcmp(x.d[0].ref_name, "gamma"),
	   "the cut name reads as renamed: gam is gamma in the kernel");
	done_run(&x);
}

static void test_given_bad(void)
{
	static const char bin[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";
	const char *ref = kallsyms_ref(base_kallsyms);
	char big[8192];
	struct run x;

	check(&x, ref, write_str("empty", ""), NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_BAD_MAP && x.nc == 1 &&
	   x.c[0].status == KSYMRES_MAP_NOT_A_MAP, "empty map: BAD MAP");
	done_run(&x);
	check(&x, ref, write_file("binary", bin, sizeof(bin)), NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_BAD_MAP, "binary file: BAD MAP");
	done_run(&x);
	memset(big, 'x', sizeof(big));
	big[sizeof(big) - 1] = '\n';
	check(&x, ref, write_file("garbage", big, sizeof(big)), NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_BAD_MAP && x.r.map_report.long_lines == 1,
	   "one 8 KiB garbage line: BAD MAP, counted as a long line");
	done_run(&x);
	check(&x, ref, path_of("nonexistent"), NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_NO_MAP && x.nc == 1 &&
	   x.c[0].status == KSYMRES_MAP_MISSING, "missing map: NO MAP, candidate missing");
	done_run(&x);
	check(&x, ref, dir, NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_NO_MAP &&
	   x.c[0].status == KSYMRES_MAP_UNREADABLE && x.c[0].err == -EISDIR,
	   "a directory: NO MAP, unreadable (EISDIR)");
	done_run(&x);
	check(&x, ref, write_str("System.map-6.1.0-9-x",
				 "ffffffffffffffff B The real System.map is in the "
				 "linux-image-<version>-dbg package\n"), NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_PLACEHOLDER &&
	   x.c[0].status == KSYMRES_MAP_PLACEHOLDER && !strcmp(x.c[0].release, "6.1.0-9-x"),
	   "Debian's placeholder: PLACEHOLDER, with the release for the -dbg package");
	done_run(&x);
}

static void test_search(void)
{
	const char *ref = kallsyms_ref(base_kallsyms);
	char root[300];
	struct run x;
	int i;

	snprintf(root, sizeof(root), "%s/root", dir);
	write_str("root/boot/System.map-9.9-test",
		  "ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\n");
	write_str("root/lib/modules/9.9-test/build/System.map", "not a map\n");
	write_str("root/boot/System.map", "ffffffff81000000 T foo\n");	/* another kernel */
	check(&x, ref, NULL, root, "9.9-test");
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_PLACEHOLDER && x.nc == KSR_MAP_SEARCH_MAX,
	   "search: placeholder, garbage and a stranger only: PLACEHOLDER, all 8 tried");
	done_run(&x);

	write_str("root/usr/lib/debug/boot/System.map-9.9-test", base_map);
	check(&x, ref, NULL, root, "9.9-test");
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_MATCH && x.nc == KSR_MAP_SEARCH_MAX &&
	   !strcmp(x.r.map_path, path_of("root/usr/lib/debug/boot/System.map-9.9-test")),
	   "search: the -dbg map behind the placeholder is chosen: MATCH");
	ok(x.c[0].status == KSYMRES_MAP_PLACEHOLDER && x.c[1].status == KSYMRES_MAP_CHOSEN &&
	   x.c[2].status == KSYMRES_MAP_NOT_TRIED && x.c[5].status == KSYMRES_MAP_NOT_TRIED,
	   "search: placeholder rejected, the rest not tried after a MATCH");
	for (i = 0; i < x.nc; i++)
		printf("#   %s: %u\n", x.c[i].path, x.c[i].status);
	done_run(&x);

	unlink(path_of("root/usr/lib/debug/boot/System.map-9.9-test"));
	write_str("root/System.map", base_map);
	check(&x, ref, NULL, root, "9.9-test");
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_MATCH &&
	   x.c[2].status == KSYMRES_MAP_NOT_A_MAP && x.c[3].status == KSYMRES_MAP_MISSING &&
	   x.c[5].status == KSYMRES_MAP_OTHER_KERNEL && x.c[6].status == KSYMRES_MAP_CHOSEN,
	   "search: garbage and another kernel passed over, /System.map chosen");
	done_run(&x);

	check(&x, ref, NULL, "/nonexistent-root", "9.9-test");
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_NO_MAP && x.nc == KSR_MAP_SEARCH_MAX &&
	   x.c[7].status == KSYMRES_MAP_MISSING &&
	   !strcmp(x.c[7].path, "/nonexistent-root/usr/src/linux/System.map"),
	   "search: nothing there: NO MAP, every path under the root named");
	done_run(&x);
}

static int real_map(const char *flavour, char *out, size_t len)
{
	const char *home = getenv("HOME"), *cache = getenv("KSYMRES_CACHE");
	char pattern[512];
	glob_t g;

	snprintf(pattern, sizeof(pattern), "%s/sysmap/*-%s/System.map-*",
		 cache ? cache : "/nonexistent", flavour);
	if (glob(pattern, 0, NULL, &g) || !g.gl_pathc) {
		snprintf(pattern, sizeof(pattern), "%s/.cache/ksymres/sysmap/*-%s/System.map-*",
			 home ? home : "", flavour);
		if (glob(pattern, 0, NULL, &g) || !g.gl_pathc)
			return -1;
	}
	snprintf(out, len, "%s", g.gl_pathv[0]);
	globfree(&g);
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		exit(2);
	buf = malloc(n + 1);
	if (!buf || fread(buf, 1, n, f) != (size_t)n)
		exit(2);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void test_real(void)
{
	char map[512], generic[512], spec[600], *text, *line, *copy;
	size_t len, o = 0;
	struct run x;
	int n = 0;

	if (real_map("cloud-amd64", map, sizeof(map))) {
		skip("no real cloud System.map in the cache (scripts/fetch-sysmap.sh)",
		     "real map: checks");
		return;
	}
	snprintf(spec, sizeof(spec), "map=%s", map);
	check(&x, spec, map, NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_MATCH && x.r.compared > 80000 &&
	   x.r.absolute > 0 && x.r.percpu > 0 && x.r.kallsyms_omitted > 0,
	   "real map against itself: MATCH, %llu compared, %llu absolute, %llu per-cpu, "
	   "%llu kallsyms tables", (unsigned long long)x.r.compared,
	   (unsigned long long)x.r.absolute, (unsigned long long)x.r.percpu,
	   (unsigned long long)x.r.kallsyms_omitted);
	done_run(&x);

	/* A CRLF copy with three edits: one early text symbol 0x40 further each. */
	text = slurp(map, &len);
	copy = malloc(len * 2 + 1);
	if (!copy)
		exit(2);
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned long long a;
		char type, name[600];

		if (sscanf(line, "%llx %c %599s", &a, &type, name) == 3 && type == 'T' &&
		    !strcmp(name, "vfs_read")) {
			o += sprintf(copy + o, "%016llx T vfs_read\r\n", a + 0x40);
			n++;
			continue;
		}
		o += sprintf(copy + o, "%s\r\n", line);
	}
	free(text);
	check(&x, spec, write_file("real-edited.map", copy, o), NULL, NULL);
	free(copy);
	ok(n == 1 && x.ret == 0 && x.r.verdict == KSYMRES_CHECK_DRIFT && x.nd == 1 &&
	   !strcmp(x.d[0].name, "vfs_read") && x.d[0].delta == -0x40 &&
	   x.r.map_report.crlf == x.r.map_report.lines,
	   "real map, CRLF, vfs_read moved: DRIFT, exactly vfs_read, delta -0x40");
	done_run(&x);

	if (real_map("amd64", generic, sizeof(generic)) || strstr(generic, "cloud")) {
		skip("no generic-flavour System.map in the cache", "another kernel's real map");
		return;
	}
	check(&x, spec, generic, NULL, NULL);
	ok(x.ret == 0 && x.r.verdict == KSYMRES_CHECK_WRONG_KERNEL &&
	   (x.r.wrong & KSYMRES_WRONG_RELEASE) && (x.r.wrong & KSYMRES_WRONG_SLIDE),
	   "the generic flavour's real map against the cloud one: WRONG KERNEL "
	   "(release and slide), %llu of %llu matched", (unsigned long long)x.r.matched,
	   (unsigned long long)x.r.compared);
	done_run(&x);
}

static void test_api(void)
{
	struct ksymres_check_opts o = { .size = 1 };
	struct ksymres_ctx *ctx = ksymres_new();
	struct ksymres_check *chk = NULL;

	ok_eq(ksymres_check(NULL, "x", NULL, &chk), -EINVAL, "check without a reference: EINVAL");
	ok_eq(ksymres_check(ctx, "x", NULL, &chk), -EINVAL,
	      "check with a reference that has no source: EINVAL");
	ksymres_free(ctx);
	ctx = open_ref(kallsyms_ref(base_kallsyms));
	ok_eq(ksymres_check(ctx, "x", &o, &chk), -EINVAL, "opts.size too small: EINVAL");
	ok_eq(ksymres_check(ctx, "x", NULL, NULL), -EINVAL, "no out pointer: EINVAL");
	ok_eq(ksymres_check_drift(NULL, NULL, 0), -EINVAL, "drift of NULL: EINVAL");
	ksymres_check_free(NULL);
	ok(!strcmp(ksymres_verdict_name(KSYMRES_CHECK_WRONG_KERNEL), "WRONG KERNEL"),
	   "verdict names");
	ksymres_free(ctx);
}

int main(void)
{
	tmpdir_make("ksymres-check");
	test_match();
	test_drift();
	test_shift_and_text();
	test_wrong_kernel();
	test_classes();
	test_messy();
	test_given_bad();
	test_search();
	test_real();
	test_api();
	tmpdir_remove();
	return done();
}
