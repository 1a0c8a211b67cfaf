// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ksymres-bench: every comparison of `make bench`, run in one boot so that
 * the ratios between approaches mean something even under TCG.
 *
 *   ksymres-bench [RUNS]		the whole bench (RUNS repetitions, 5)
 *   ksymres-bench rss APPROACH	one approach, for its peak RSS (internal)
 *
 * Output, one record a line, for scripts/bench-report.sh:
 *	meta KEY VALUE			facts about the run
 *	md TEXT				a line of the report body (Markdown)
 *	goal TEXT			a row of the goals table
 *	plot SET N SERIES NS		time per address for the plots
 * Times are medians of repeated runs with min and max (and p99 for single
 * calls); every comparison is a ratio of two figures of this run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ksymres.h>
#include <linux/ksymres.h>

#include "bench.h"

#define KALLSYMS	"/proc/kallsyms"
#define POOL		100000	/* random addresses per set */
#define SINGLES		2000	/* single calls per figure */
#define NR_NAMES	2000
/* Warm batches are repeated to about this many addresses per run. */
#define WARM_MIN	20000

static int runs = 5;
/* ksymres's side of first answer and end to end is cheap: more runs of it */
#define DEV_RUNS	(runs * 10)
static struct ksym_table table;
static uint64_t *vm_addrs, *mod_addrs;
static const char *vm_text_name = "schedule";

static void md(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void md(const char *fmt, ...)
{
	va_list ap;

	fputs("md ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void die(const char *what, int err)
{
	fprintf(stderr, "ksymres-bench: %s: %s\n", what, strerror(err < 0 ? -err : err));
	exit(1);
}

/* A duration for humans: ns, us, ms or s with 3 significant digits. */
static const char *fmt_ns(double ns, char *buf)
{
	static const char *const unit[] = { "ns", "us", "ms", "s" };
	int u = 0;

	while (ns >= 1000 && u < 3) {
		ns /= 1000;
		u++;
	}
	sprintf(buf, ns >= 100 ? "%.0f %s" : ns >= 10 ? "%.1f %s" : "%.2f %s", ns, unit[u]);
	return buf;
}

/* "median (min - max)" and, for single calls, " p99 X" */
static const char *fmt_sum(struct summary s, bool p99, char *buf)
{
	char a[32], b[32], c[32], d[32];

	if (!s.n)
		return strcpy(buf, "n/a");
	sprintf(buf, "%s (%s - %s)", fmt_ns(s.median, a), fmt_ns(s.min, b), fmt_ns(s.max, c));
	if (p99)
		sprintf(buf + strlen(buf), ", p99 %s", fmt_ns(s.p99, d));
	return buf;
}

static void goal(const char *what, const char *target, double got, bool met,
		 const char *note)
{
	char v[32] = "-";

	if (got)
		snprintf(v, sizeof(v), "%.3g", got);
	printf("goal | %s | %s | %s | %s |%s%s\n", what, target, v,
	       met ? "met" : "**missed**", note ? " " : "", note ? note : "");
}

/* ---- the address and name sets ---- */

static bool is_text(const struct ksym *s)
{
	return s->type == 't' || s->type == 'T';
}

/* Random text addresses inside symbols of vmlinux (module NULL) or modules. */
static uint64_t *pick_addrs(bool modules, size_t n)
{
	uint64_t *a = malloc(n * sizeof(*a));
	size_t *idx = malloc(table.nr * sizeof(*idx)), nidx = 0;

	if (!a || !idx)
		die("memory", ENOMEM);
	for (size_t i = 0; i + 1 < table.nr; i++) {
		const struct ksym *s = &table.syms[i];

		if (is_text(s) && !s->module == !modules &&
		    table.syms[i + 1].addr > s->addr &&
		    table.syms[i + 1].addr - s->addr < 1 << 20)
			idx[nidx++] = i;
	}
	if (!nidx)
		die(modules ? "no module text symbols" : "no vmlinux text symbols", ENOENT);
	for (size_t i = 0; i < n; i++) {
		const struct ksym *s = &table.syms[idx[random() % nidx]];

		a[i] = s->addr + (uint64_t)random() % (s[1].addr - s->addr);
	}
	free(idx);
	return a;
}

static char **pick_names(bool modules, size_t n)
{
	char **v = calloc(n, sizeof(*v));

	if (!v)
		die("memory", ENOMEM);
	for (size_t i = 0; i < n; i++) {
		const struct ksym *s;

		do {
			s = &table.syms[random() % table.nr];
		} while (!s->module != !modules || s->addr == 0);
		v[i] = s->name;
	}
	return v;
}

static char **miss_names(size_t n)
{
	char **v = calloc(n, sizeof(*v));

	for (size_t i = 0; v && i < n; i++)
		if (asprintf(&v[i], "ksymres_bench_no_such_symbol_%zu", i) < 0)
			v[i] = NULL;
	return v;
}

/* ---- ksymres through the library ---- */

static struct ksymres_ctx *dev_open(void)
{
	struct ksymres_ctx *ctx = ksymres_new();
	int ret;

	if (!ctx)
		die("ksymres_new", errno);
	ret = ksymres_open_device(ctx, NULL);
	if (ret)
		die("ksymres_open_device", ret);
	return ctx;
}

static void dev_resolve(struct ksymres_ctx *ctx, const uint64_t *a, size_t n,
			struct ksymres_symbol *out)
{
	int ret = ksymres_resolve(ctx, a, n, out);

	if (ret < 0)
		die("ksymres_resolve", ret);
}

static volatile uintptr_t sink;	/* keeps answers from being optimised out */

/*
 * The same resolve without the library: one KSYMRES_IOC_RESOLVE into
 * buffers the caller keeps, to tell the kernel's share from the library's.
 */
struct raw_dev {
	int fd;
	struct ksymres_sym *recs;
	char *tab;
	uint32_t cap, tab_size;
};

static void raw_open(struct raw_dev *r, uint32_t cap)
{
	r->fd = open("/dev/" KSYMRES_DEVICE_NAME, O_RDONLY | O_CLOEXEC);
	r->cap = cap;
	r->tab_size = cap * 64 + 4096;
	r->recs = calloc(cap, sizeof(*r->recs));
	r->tab = malloc(r->tab_size);
	if (r->fd < 0 || !r->recs || !r->tab)
		die("/dev/" KSYMRES_DEVICE_NAME, errno);
}

static void raw_resolve(struct raw_dev *r, const uint64_t *a, uint32_t n)
{
	struct ksymres_resolve q = {
		.size = sizeof(q),
		.count = n,
		.addrs = (uintptr_t)a,
		.results = (uintptr_t)r->recs,
		.strtab = (uintptr_t)r->tab,
		.strtab_size = r->tab_size,
		.sym_size = sizeof(*r->recs),
	};

	if (n > r->cap || ioctl(r->fd, KSYMRES_IOC_RESOLVE, &q))
		die("KSYMRES_IOC_RESOLVE", errno);
}

/*
 * Every name in one KSYMRES_IOC_LOOKUP, as the ABI allows; the count of
 * matches, or -EMSGSIZE with *need_recs and *need_tab set to what all need.
 */
static long raw_lookup(struct raw_dev *r, uint32_t flags, const char *names,
		       uint32_t names_size, uint32_t count, uint32_t *counts,
		       uint32_t *need_recs, uint32_t *need_tab)
{
	struct ksymres_lookup q = {
		.size = sizeof(q),
		.flags = flags,
		.count = count,
		.names_size = names_size,
		.names = (uintptr_t)names,
		.counts = (uintptr_t)counts,
		.results = (uintptr_t)r->recs,
		.max_results = r->cap,
		.strtab = (uintptr_t)r->tab,
		.strtab_size = r->tab_size,
		.sym_size = sizeof(*r->recs),
	};

	if (ioctl(r->fd, KSYMRES_IOC_LOOKUP, &q)) {
		if (errno != EMSGSIZE || !need_recs)
			die("KSYMRES_IOC_LOOKUP", errno);
		*need_recs = q.nr_results;
		*need_tab = q.strtab_used;
		return -EMSGSIZE;
	}
	return q.nr_results;
}

static void raw_close(struct raw_dev *r)
{
	close(r->fd);
	free(r->recs);
	free(r->tab);
}

/* ---- 0: the kernel, the counts, and whether the answers agree ---- */

static void section_meta(void)
{
	struct ksymres_source_info info;
	struct ksymres_ctx *ctx = dev_open();
	struct ksymres_symbol *out = calloc(1000, sizeof(*out));
	struct utsname u;
	size_t nvm = 0, nmod = 0, agree = 0;
	double load[3] = { 0 };
	FILE *f;
	char line[256];
	int nr_mods = 0;

	uname(&u);
	for (size_t i = 0; i < table.nr; i++)
		table.syms[i].module ? nmod++ : nvm++;
	f = fopen("/proc/modules", "r");
	while (f && fgets(line, sizeof(line), f))
		nr_mods++;
	if (f)
		fclose(f);
	if (ksymres_get_info(ctx, &info))
		die("ksymres_get_info", EIO);
	getloadavg(load, 3);
	printf("meta kernel %s\n", u.release);
	printf("meta kallsyms_lines %zu\n", table.nr);
	printf("meta kallsyms_vmlinux %zu\n", nvm);
	printf("meta kallsyms_module_syms %zu\n", nmod);
	printf("meta modules %d\n", nr_mods);
	printf("meta ksymres_vmlinux %u\n", info.nr_vmlinux_syms);
	printf("meta ksymres_module_syms %u\n", info.nr_module_syms);
	printf("meta ksymres_modules %u\n", info.nr_modules);
	printf("meta cpus %ld\n", sysconf(_SC_NPROCESSORS_ONLN));
	printf("meta vm_load %.2f %.2f %.2f\n", load[0], load[1], load[2]);
	printf("meta runs %d\n", runs);

	/* The same answer from both, or the timings compare different work. */
	dev_resolve(ctx, vm_addrs, 500, out);
	dev_resolve(ctx, mod_addrs, 500, out + 500);
	for (size_t i = 0; i < 1000; i++) {
		const struct ksym *s = table_find(&table, i < 500 ? vm_addrs[i] :
						  mod_addrs[i - 500]);

		/* Aliases share an address: the same symbol, either name. */
		agree += out[i].name && s && (!strcmp(out[i].name, s->name) ||
					      out[i].start == s->addr);
	}
	printf("meta agree %zu/1000\n", agree);
	free(out);
	ksymres_free(ctx);
}

/* ---- 1: first answer ---- */

static void section_first(void)
{
	struct samples dev = { 0 }, base = { 0 };
	struct summary sd, sb;
	char b1[96], b2[96];
	uint64_t a = vm_addrs[0];

	for (int r = 0; r < DEV_RUNS; r++) {
		struct ksymres_symbol out;
		struct ksymres_ctx *ctx;
		uint64_t t0 = now_ns();

		ctx = dev_open();
		dev_resolve(ctx, &a, 1, &out);
		samples_add(&dev, now_ns() - t0);
		ksymres_free(ctx);
	}
	for (int r = 0; r < runs; r++) {
		struct ksym_table t;
		uint64_t t0 = now_ns();

		if (table_load(&t, KALLSYMS))
			die("reading " KALLSYMS, errno);
		sink = (uintptr_t)table_find(&t, a);
		samples_add(&base, now_ns() - t0);
		table_free(&t);
	}
	sd = summarize(&dev);
	sb = summarize(&base);
	md("## 1. First answer");
	md("%s", "");
	md("One vmlinux address, from nothing: open + one resolve through libksymres, against reading and parsing `/proc/kallsyms` into a sorted table (as perf and bcc do) and one binary search. %d runs of ksymres, %d of the parse.", DEV_RUNS, runs);
	md("%s", "");
	md("| approach | time: median (min - max) |");
	md("| --- | --- |");
	md("| ksymres: open + resolve | %s |", fmt_sum(sd, false, b1));
	md("| read + parse + sort /proc/kallsyms + bsearch | %s |", fmt_sum(sb, false, b2));
	md("%s", "");
	md("**ksymres answers %.0fx sooner.**", sb.median / sd.median);
	md("%s", "");
	goal("first answer vs /proc/kallsyms parse", ">= 1000x sooner", sb.median / sd.median,
	     sb.median / sd.median >= 1000, NULL);
	samples_free(&dev);
	samples_free(&base);
}

/* ---- 2: batches ---- */

static const size_t batch_sizes[] = { 1, 10, 100, 1000, 10000, 100000 };
#define NR_BATCHES	(sizeof(batch_sizes) / sizeof(batch_sizes[0]))

/* Per address, filled by section_batches for the later sections. */
static struct summary warm_dev_mod1k;

/* One warm resolve of a batch, by one of the approaches. */
struct warm_job {
	enum { WARM_LIB, WARM_BSEARCH, WARM_IOCTL } how;
	struct ksymres_ctx *ctx;
	struct raw_dev *raw;
	struct ksymres_symbol *out;
};

/* Per address: runs of reps batches of n on an open handle or loaded table. */
static struct summary time_warm(const struct warm_job *w, const uint64_t *addrs,
				size_t n, size_t reps)
{
	struct samples s = { 0 };
	struct summary r;

	for (int k = 0; k < runs; k++) {
		uint64_t t0 = now_ns();

		for (size_t j = 0; j < reps; j++) {
			if (w->how == WARM_LIB)
				dev_resolve(w->ctx, addrs, n, w->out);
			else if (w->how == WARM_IOCTL)
				raw_resolve(w->raw, addrs, n);
			else
				for (size_t i = 0; i < n; i++)
					sink += (uintptr_t)table_find(&table, addrs[i]);
		}
		samples_add(&s, now_ns() - t0);
	}
	r = summary_div(summarize(&s), (double)n * reps);
	samples_free(&s);
	return r;
}

static void batches_for(const char *set, const uint64_t *addrs, bool *e2e_win,
			double *warm_ratio)
{
	struct ksymres_symbol *out = calloc(POOL, sizeof(*out));
	struct ksymres_ctx *warm = dev_open();
	struct samples s = { 0 };
	struct summary de, be, dw, bw, rw;
	struct raw_dev raw;
	char b[5][96];

	md("### %s addresses", set);
	md("%s", "");
	md("Time per address: median (min - max) of %d runs (ksymres end to end: %d). End to end includes open (ksymres) or reading, parsing and sorting `/proc/kallsyms` (baseline); warm is the resolve alone on an open handle or a loaded table (small batches repeated to %d addresses per run).", runs, DEV_RUNS, WARM_MIN);
	md("%s", "");
	md("| batch | ksymres end to end | parse + bsearch end to end | ksymres warm | ksymres warm, ioctl alone | bsearch warm (table loaded) | e2e ratio | warm ratio |");
	md("| ---: | --- | --- | --- | --- | --- | ---: | ---: |");
	raw_open(&raw, POOL);
	for (size_t k = 0; k < NR_BATCHES; k++) {
		size_t n = batch_sizes[k];
		size_t reps = n >= WARM_MIN ? 1 : WARM_MIN / n;

		for (int r = 0; r < DEV_RUNS; r++) {
			uint64_t t0 = now_ns();
			struct ksymres_ctx *ctx = dev_open();

			dev_resolve(ctx, addrs, n, out);
			samples_add(&s, now_ns() - t0);
			ksymres_free(ctx);
		}
		de = summary_div(summarize(&s), n);
		samples_reset(&s);

		for (int r = 0; r < runs; r++) {
			struct ksym_table t;
			uint64_t t0 = now_ns();

			if (table_load(&t, KALLSYMS))
				die("reading " KALLSYMS, errno);
			for (size_t i = 0; i < n; i++)
				sink += (uintptr_t)table_find(&t, addrs[i]);
			samples_add(&s, now_ns() - t0);
			table_free(&t);
		}
		be = summary_div(summarize(&s), n);
		samples_reset(&s);

		dw = time_warm(&(struct warm_job){ WARM_LIB, warm, NULL, out }, addrs, n, reps);
		bw = time_warm(&(struct warm_job){ WARM_BSEARCH, NULL, NULL, NULL }, addrs, n, reps);
		rw = time_warm(&(struct warm_job){ WARM_IOCTL, NULL, &raw, NULL }, addrs, n, reps);

		md("| %zu | %s | %s | %s | %s | %s | %.3g | %.3g |", n, fmt_sum(de, false, b[0]),
		   fmt_sum(be, false, b[1]), fmt_sum(dw, false, b[2]), fmt_sum(rw, false, b[4]),
		   fmt_sum(bw, false, b[3]), be.median / de.median, dw.median / bw.median);
		printf("plot %s %zu dev_e2e %.1f\n", set, n, de.median);
		printf("plot %s %zu base_e2e %.1f\n", set, n, be.median);
		printf("plot %s %zu dev_warm %.1f\n", set, n, dw.median);
		printf("plot %s %zu base_warm %.1f\n", set, n, bw.median);
		if (de.median >= be.median)
			*e2e_win = false;
		if (n == 100000)
			*warm_ratio = dw.median / bw.median;
		if (n == 1000 && addrs == mod_addrs)
			warm_dev_mod1k = dw;
	}
	md("%s", "");
	md("e2e ratio: parse + bsearch / ksymres (above 1: ksymres faster). warm ratio: ksymres / bsearch over a loaded table (below 1: ksymres faster). \"ioctl alone\" is `KSYMRES_IOC_RESOLVE` into buffers kept by the caller, without libksymres (no conversion of records, no string interning).");
	md("%s", "");
	raw_close(&raw);
	samples_free(&s);
	ksymres_free(warm);
	free(out);
}

static void section_batches(void)
{
	bool win_vm = true, win_mod = true;
	double warm_vm = 0, warm_mod = 0;

	md("## 2. Address batches");
	md("%s", "");
	md("![time per address, vmlinux](docs/bench/batch-vmlinux.png)");
	md("![time per address, modules](docs/bench/batch-modules.png)");
	md("%s", "");
	batches_for("vmlinux", vm_addrs, &win_vm, &warm_vm);
	batches_for("modules", mod_addrs, &win_mod, &warm_mod);
	goal("end to end vs parse + bsearch, batches 1 to 100k, vmlinux", "ksymres faster at every size",
	     0, win_vm, win_vm ? NULL : "(see section 2)");
	goal("end to end vs parse + bsearch, batches 1 to 100k, modules", "ksymres faster at every size",
	     0, win_mod, win_mod ? NULL : "(see section 2)");
	goal("warm, per address, 100k vmlinux: ksymres / bsearch", "<= 2x", warm_vm, warm_vm <= 2, NULL);
	goal("warm, per address, 100k modules: ksymres / bsearch", "<= 2x", warm_mod, warm_mod <= 2, NULL);
}

/* ---- 3: module addresses against sprint_symbol() ---- */

static struct summary single_resolves(struct ksymres_ctx *ctx, const uint64_t *a, size_t n)
{
	struct samples s = { 0 };
	struct ksymres_symbol out;
	struct summary r;

	for (int k = 0; k < runs; k++)
		for (size_t i = 0; i < n; i++) {
			uint64_t t0 = now_ns();

			dev_resolve(ctx, &a[i], 1, &out);
			samples_add(&s, now_ns() - t0);
		}
	r = summarize(&s);
	samples_free(&s);
	return r;
}

static struct summary kernel_sprint(const uint64_t *a, size_t n, int *err)
{
	struct samples s = { 0 };
	struct summary r;

	for (int k = 0; k < runs && !*err; k++)
		*err = kernel_time_addrs(a, n, &s);
	r = summarize(&s);
	samples_free(&s);
	return r;
}

/* What one call into the kernel costs here, whatever it does. */
static void section_floor(void)
{
	struct samples nul = { 0 }, info = { 0 }, raw1 = { 0 }, look1 = { 0 };
	uint32_t cnt;
	struct ksymres_info k = { .size = sizeof(k) };
	struct raw_dev raw;
	char b[3][96];

	raw_open(&raw, 8);
	for (int r = 0; r < runs; r++)
		for (size_t i = 0; i < SINGLES; i++) {
			uint64_t t0 = now_ns();

			sink += getppid();
			samples_add(&nul, now_ns() - t0);
			t0 = now_ns();
			if (ioctl(raw.fd, KSYMRES_IOC_INFO, &k))
				die("KSYMRES_IOC_INFO", errno);
			samples_add(&info, now_ns() - t0);
			t0 = now_ns();
			raw_resolve(&raw, &mod_addrs[i], 1);
			samples_add(&raw1, now_ns() - t0);
			t0 = now_ns();
			sink += raw_lookup(&raw, 0, vm_text_name, strlen(vm_text_name) + 1, 1, &cnt,
					   NULL, NULL);
			samples_add(&look1, now_ns() - t0);
		}
	md("The floor under one call here: a null system call, the smallest ksymres ioctl, and one module address through the bare ioctl (no library), each call timed alone:");
	md("%s", "");
	md("| call | time |");
	md("| --- | --- |");
	md("| getppid() | %s |", fmt_sum(summarize(&nul), true, b[0]));
	md("| KSYMRES_IOC_INFO | %s |", fmt_sum(summarize(&info), true, b[1]));
	md("| KSYMRES_IOC_RESOLVE, 1 module address | %s |", fmt_sum(summarize(&raw1), true, b[2]));
	md("| KSYMRES_IOC_LOOKUP, 1 name (%s) | %s |", vm_text_name, fmt_sum(summarize(&look1), true, b[0]));
	md("%s", "");
	raw_close(&raw);
	samples_free(&nul);
	samples_free(&info);
	samples_free(&raw1);
	samples_free(&look1);
}

static void section_sprint(void)
{
	struct ksymres_ctx *ctx = dev_open();
	struct summary dm, dv, km, kv;
	char b[4][96];
	int err = kernel_timing_available();

	dm = single_resolves(ctx, mod_addrs, SINGLES);
	dv = single_resolves(ctx, vm_addrs, SINGLES);
	if (!err)
		km = kernel_sprint(mod_addrs, SINGLES, &err);
	if (!err)
		kv = kernel_sprint(vm_addrs, SINGLES, &err);
	md("## 3. Addresses against the kernel's own sprint_symbol()");
	md("%s", "");
	if (err) {
		md("ksymres_benchmod not available (%s): the kernel's side was not timed.", strerror(-err));
		goal("module addresses vs sprint_symbol()", ">= 20x faster", 0, false, "not measured");
		ksymres_free(ctx);
		return;
	}
	md("%d random addresses, %d runs; each call timed alone. sprint_symbol() is timed in-kernel by `ksymres_benchmod` (no system call in its figure); ksymres is one `KSYMRES_IOC_RESOLVE` per address from user space through libksymres, system call included.", SINGLES, runs);
	md("%s", "");
	md("| addresses | ksymres, 1 address per call | ksymres, batches of 1k (per address) | sprint_symbol() in-kernel | sprint / ksymres single | sprint / ksymres batched |");
	md("| --- | --- | --- | --- | ---: | ---: |");
	md("| modules | %s | %s | %s | %.3g | %.3g |", fmt_sum(dm, true, b[0]),
	   fmt_sum(warm_dev_mod1k, false, b[1]), fmt_sum(km, true, b[2]),
	   km.median / dm.median, km.median / warm_dev_mod1k.median);
	md("| vmlinux | %s | | %s | %.3g | |", fmt_sum(dv, true, b[0]), fmt_sum(kv, true, b[2]),
	   kv.median / dv.median);
	md("%s", "");
	section_floor();
	goal("module addresses vs sprint_symbol() (1 address per call)", ">= 20x faster",
	     km.median / dm.median, km.median / dm.median >= 20, NULL);
	goal("module addresses vs sprint_symbol() (batched)", ">= 20x faster",
	     km.median / warm_dev_mod1k.median, km.median / warm_dev_mod1k.median >= 20, NULL);
	ksymres_free(ctx);
}

/* ---- 4: names to addresses ---- */

/* One name a call: every match, or with @first the first only. */
static struct summary dev_lookups(struct ksymres_ctx *ctx, bool first,
				  char *const *names, size_t n)
{
	struct samples s = { 0 };
	struct ksymres_symbol out[8];
	struct summary r;

	for (int k = 0; k < runs; k++)
		for (size_t i = 0; i < n; i++) {
			uint64_t t0 = now_ns();
			int ret = first ? ksymres_lookup_first(ctx, names[i], out) :
					  ksymres_lookup(ctx, names[i], out, 8);

			samples_add(&s, now_ns() - t0);
			if (ret < 0)
				die("ksymres_lookup", ret);
		}
	r = summarize(&s);
	samples_free(&s);
	return r;
}

/* The hash is too fast to time call by call: runs of every name, per name. */
static struct summary hash_lookups(const struct name_hash *h, char *const *names, size_t n)
{
	struct samples s = { 0 };
	struct summary r;

	for (int k = 0; k < runs; k++) {
		uint64_t t0 = now_ns();

		for (size_t i = 0; i < n; i++)
			sink += (uintptr_t)name_hash_find(h, names[i]);
		samples_add(&s, now_ns() - t0);
	}
	r = summary_div(summarize(&s), n);
	samples_free(&s);
	return r;
}

/* Per name: all names in one ioctl (flags: 0 or KSYMRES_LOOKUP_FIRST), runs of it. */
static struct summary raw_lookups(uint32_t flags, char *const *names, size_t n)
{
	size_t size = 0;
	uint32_t *counts = calloc(n, sizeof(*counts));
	struct samples s = { 0 };
	struct summary r;
	struct raw_dev raw;
	char *buf;

	for (size_t i = 0; i < n; i++)
		size += strlen(names[i]) + 1;
	buf = malloc(size);
	if (!buf || !counts)
		die("memory", ENOMEM);
	size = 0;
	for (size_t i = 0; i < n; i++) {
		strcpy(buf + size, names[i]);
		size += strlen(names[i]) + 1;
	}
	/* Room for every match (static names repeat in every module), found first. */
	raw_open(&raw, n);
	for (uint32_t recs, tab; raw_lookup(&raw, flags, buf, size, n, counts, &recs, &tab) < 0;) {
		raw_close(&raw);
		raw_open(&raw, recs);
		if (tab > raw.tab_size) {
			free(raw.tab);
			raw.tab_size = tab;
			raw.tab = malloc(tab);
			if (!raw.tab)
				die("memory", ENOMEM);
		}
	}
	for (int k = 0; k < runs; k++) {
		uint64_t t0 = now_ns();

		sink += raw_lookup(&raw, flags, buf, size, n, counts, NULL, NULL);
		samples_add(&s, now_ns() - t0);
	}
	r = summary_div(summarize(&s), n);
	raw_close(&raw);
	samples_free(&s);
	free(counts);
	free(buf);
	return r;
}

static void section_names(void)
{
	static const char *const set[] = { "vmlinux names", "module names", "misses" };
	static const double target[] = { 0.2, 0.01, 0.01 };
	struct ksymres_ctx *ctx = dev_open();
	struct samples build = { 0 };
	struct name_hash h;
	char **names[3];
	char b[4][96];
	int err = kernel_timing_available();

	names[0] = pick_names(false, NR_NAMES);
	names[1] = pick_names(true, NR_NAMES);
	names[2] = miss_names(NR_NAMES);
	if (!names[2])
		die("memory", ENOMEM);
	for (int r = 0; r < runs; r++) {
		struct ksym_table t;
		struct name_hash th;
		uint64_t t0 = now_ns();

		if (table_load(&t, KALLSYMS) || name_hash_build(&th, &t))
			die("reading " KALLSYMS, errno);
		samples_add(&build, now_ns() - t0);
		name_hash_free(&th);
		table_free(&t);
	}
	if (name_hash_build(&h, &table))
		die("memory", ENOMEM);

	md("## 4. Names to addresses");
	md("%s", "");
	md("%d random names per set, %d runs. ksymres: one `ksymres_lookup()` per name (every match, vmlinux and all modules), timed alone, system call included. kallsyms_lookup_name(): timed in-kernel by `ksymres_benchmod`, call by call. Userspace hash: open addressing over a table built from `/proc/kallsyms`; its lookups timed per run of all names. Building that hash (read, parse, sort, hash) takes %s.",
	   NR_NAMES, runs, fmt_sum(summarize(&build), false, b[0]));
	md("%s", "");
	md("| names | ksymres, 1 name per call | ksymres, %d names in one ioctl (per name) | kallsyms_lookup_name() in-kernel | userspace hash (built) | ksymres / kernel | batched / kernel | ksymres / hash |", NR_NAMES);
	md("| --- | --- | --- | --- | --- | ---: | ---: | ---: |");
	for (int k = 0; k < 3; k++) {
		struct summary kl = { 0 };
		struct samples s = { 0 };
		char kern[160] = "not measured", mean[32];

		for (int r = 0; r < runs && !err; r++)
			err = kernel_time_names(names[k], NR_NAMES, &s);
		if (!err) {
			kl = summarize(&s);
			snprintf(kern, sizeof(kern), "%s, mean %s", fmt_sum(kl, true, b[1]),
				 fmt_ns(kl.mean, mean));
		}
		samples_free(&s);
		/* every match, then the first only (what kallsyms_lookup_name() answers) */
		for (int first = 0; first < 2; first++) {
			struct summary d = dev_lookups(ctx, first, names[k], NR_NAMES);
			struct summary rb = raw_lookups(first ? KSYMRES_LOOKUP_FIRST : 0,
							names[k], NR_NAMES);
			struct summary u = hash_lookups(&h, names[k], NR_NAMES);
			char what[128], row[64];

			snprintf(row, sizeof(row), "%s%s", set[k], first ? ", first match" : "");
			md("| %s | %s | %s | %s | %s | %.3g | %.3g | %.3g |", row,
			   fmt_sum(d, true, b[0]), fmt_sum(rb, false, b[3]), kern,
			   fmt_sum(u, false, b[2]), kl.n ? d.median / kl.median : 0,
			   kl.n ? rb.median / kl.mean : 0, d.median / u.median);
			snprintf(what, sizeof(what), "%s: ksymres / kallsyms_lookup_name()", row);
			snprintf(b[3], sizeof(b[3]), "<= %gx", target[k]);
			goal(what, b[3], kl.n ? d.median / kl.median : 0,
			     kl.n && d.median / kl.median <= target[k], err ? "not measured" : NULL);
			snprintf(what, sizeof(what), "%s, batched: ksymres / kallsyms_lookup_name()", row);
			goal(what, b[3], kl.n ? rb.median / kl.mean : 0,
			     kl.n && rb.median / kl.mean <= target[k],
			     err ? "not measured" : "(per-name means: see section 4)");
		}
	}
	md("%s", "");
	md("A batch is timed whole, so its figure per name is a mean: it is set against the mean of kallsyms_lookup_name(), not its median (\"batched / kernel\"). ksymres returns every symbol of a name (some static names repeat hundreds of times across vmlinux and the modules), kallsyms_lookup_name() only the first; the \"first match\" rows ask for the first only (`ksymres_lookup_first()`, `KSYMRES_LOOKUP_FIRST`), the answer kallsyms_lookup_name() gives.");
	md("%s", "");
	name_hash_free(&h);
	samples_free(&build);
	for (size_t i = 0; i < NR_NAMES; i++)
		free(names[2][i]);
	for (int k = 0; k < 3; k++)
		free(names[k]);
	ksymres_free(ctx);
}

/* ---- 5: full dump ---- */

static int count_sym(const struct ksymres_symbol *sym, void *arg)
{
	(*(size_t *)arg)++;
	sink += (uintptr_t)sym->name;
	return 0;
}

/* Every page of KSYMRES_IOC_DUMP into one reused buffer: the kernel's share. */
static size_t raw_dump(void)
{
	struct raw_dev raw;
	uint64_t cursor = 0, gen = 0;
	size_t n = 0;

	raw_open(&raw, 4096);
	do {
		struct ksymres_dump d = {
			.size = sizeof(d),
			.cursor = cursor,
			.generation = gen,
			.results = (uintptr_t)raw.recs,
			.max_results = raw.cap,
			.strtab = (uintptr_t)raw.tab,
			.strtab_size = raw.tab_size,
			.sym_size = sizeof(*raw.recs),
		};

		if (ioctl(raw.fd, KSYMRES_IOC_DUMP, &d))
			die("KSYMRES_IOC_DUMP", errno);
		n += d.nr_results;
		cursor = d.cursor;
		gen = d.generation;
	} while (cursor != KSYMRES_DUMP_END);
	raw_close(&raw);
	return n;
}

/* One walk over the device from open to the last callback, in ns. */
static uint64_t time_walk(int (*walk)(struct ksymres_ctx *, ksymres_symbol_fn, void *),
			  const char *what, size_t *nsyms)
{
	uint64_t t0 = now_ns();
	struct ksymres_ctx *ctx = dev_open();
	int ret;

	*nsyms = 0;
	ret = walk(ctx, count_sym, nsyms);
	if (ret)
		die(what, ret);
	t0 = now_ns() - t0;
	ksymres_free(ctx);
	return t0;
}

static void section_dump(void)
{
	struct samples dev = { 0 }, tra = { 0 }, rd = { 0 }, rawd = { 0 };
	struct summary sd, st, sr;
	size_t nsyms = 0, bytes = 0;
	char *buf = malloc(1 << 16);
	char b[2][96];

	for (int r = 0; r < runs; r++) {
		uint64_t t0;
		ssize_t got;
		int fd;

		samples_add(&dev, time_walk(ksymres_foreach, "ksymres_foreach", &nsyms));
		samples_add(&tra, time_walk(ksymres_foreach_transient,
					    "ksymres_foreach_transient", &nsyms));

		t0 = now_ns();
		fd = open(KALLSYMS, O_RDONLY);
		bytes = 0;
		while ((got = read(fd, buf, 1 << 16)) > 0)
			bytes += got;
		close(fd);
		samples_add(&rd, now_ns() - t0);

		t0 = now_ns();
		sink += raw_dump();
		samples_add(&rawd, now_ns() - t0);
	}
	sd = summarize(&dev);
	st = summarize(&tra);
	sr = summarize(&rd);
	md("## 5. Full dump");
	md("%s", "");
	md("Every symbol over the device (open, `KSYMRES_IOC_DUMP` pages, %zu symbols with name, module, type, size), against `read()` of all of `/proc/kallsyms` in 64 KiB chunks (%zu bytes, no parsing). %d runs. `ksymres_foreach_transient()` hands each record to the callback with names valid during the call (what `ksymres dump` and any streaming tool use); `ksymres_foreach()` interns every name so that it outlives the walk.",
	   nsyms, bytes, runs);
	md("%s", "");
	md("| approach | time |");
	md("| --- | --- |");
	md("| ksymres_foreach_transient() (ksymres dump) | %s |", fmt_sum(st, false, b[0]));
	md("| ksymres_foreach(), names interned | %s |", fmt_sum(sd, false, b[1]));
	md("| read /proc/kallsyms | %s |", fmt_sum(sr, false, b[0]));
	md("| KSYMRES_IOC_DUMP alone, pages of 4096 into one buffer (no library) | %s |",
	   fmt_sum(summarize(&rawd), false, b[1]));
	md("%s", "");
	md("**Reading /proc/kallsyms / ksymres dump: %.3g streamed, %.3g interned (above 1: ksymres faster).**",
	   sr.median / st.median, sr.median / sd.median);
	md("%s", "");
	goal("full dump vs reading /proc/kallsyms", ">= 2.5x faster", sr.median / st.median,
	     sr.median / st.median >= 2.5, "(streamed; interned: see section 5)");
	free(buf);
	samples_free(&dev);
	samples_free(&tra);
	samples_free(&rd);
	samples_free(&rawd);
}

/* ---- processes: System.map check, the perf peer, peak RSS ---- */

/* Runs argv with output to /dev/null; exit status, or -1. Wall time in *ns. */
static int spawn(char *const argv[], uint64_t *ns, long *maxrss_kb)
{
	uint64_t t0 = now_ns();
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		int fd = open("/dev/null", O_WRONLY);

		dup2(fd, 1);
		dup2(fd, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		return -1;
	if (ns)
		*ns = now_ns() - t0;
	if (maxrss_kb)
		*maxrss_kb = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static struct summary spawn_runs(char *const argv[], int *status)
{
	struct samples s = { 0 };
	struct summary r;
	uint64_t ns;

	for (int k = 0; k < runs; k++) {
		*status = spawn(argv, &ns, NULL);
		samples_add(&s, ns);
	}
	r = summarize(&s);
	samples_free(&s);
	return r;
}

static void section_check(void)
{
	char map[300], b[96];
	struct utsname u;
	struct summary s;
	int status;

	uname(&u);
	snprintf(map, sizeof(map), "/boot/System.map-%s", u.release);
	md("## 6. System.map check");
	md("%s", "");
	if (spawn((char *[]){ "ksymres", "check", "--help", NULL }, NULL, NULL) != 0) {
		md("`ksymres check` is not built in this tree (not a known command): not measured.");
		md("%s", "");
		goal("full System.map check", "< 2 s", 0, false, "not built");
		return;
	}
	s = spawn_runs((char *[]){ "ksymres", "check", map, NULL }, &status);
	md("`ksymres check %s` (the real map of this kernel), the whole process, %d runs: %s; exit status %d.",
	   map, runs, fmt_sum(s, false, b), status);
	md("%s", "");
	goal("full System.map check", "< 2 s", s.median / 1e9, s.median < 2e9, "(seconds)");
}

static void section_peer(void)
{
	char *perf[] = { "perf", "kallsyms", (char *)vm_text_name, NULL };
	char *ours[] = { "ksymres", "lookup", (char *)vm_text_name, NULL };
	struct summary sp, so;
	char b[2][96];
	int st_perf, st_ours;

	md("## 9. A peer used in the field: perf");
	md("%s", "");
	so = spawn_runs(ours, &st_ours);
	if (spawn((char *[]){ "perf", "version", NULL }, NULL, NULL) != 0) {
		md("perf is not in this VM: not measured.");
		md("%s", "");
		return;
	}
	sp = spawn_runs(perf, &st_perf);
	md("`perf kallsyms %s` loads the kernel map the way every perf command does (`machine__load_kallsyms()`: all of `/proc/kallsyms`; there is no vmlinux in the VM) and prints one symbol; `ksymres lookup %s` answers the same question through the device. Whole processes, %d runs (exit status %d and %d).",
	   vm_text_name, vm_text_name, runs, st_perf, st_ours);
	md("%s", "");
	md("| command | time |");
	md("| --- | --- |");
	md("| perf kallsyms %s | %s |", vm_text_name, fmt_sum(sp, false, b[0]));
	md("| ksymres lookup %s | %s |", vm_text_name, fmt_sum(so, false, b[1]));
	md("%s", "");
	md("**perf / ksymres: %.3gx.**", sp.median / so.median);
	md("%s", "");
	md("bcc's `bcc_symcache` (Debian's libbpfcc) was not run: libbpfcc links LLVM 14 and libclang-cpp (over 100 MB of libraries) that the VM's initramfs would have to carry, and bcc's KSyms does what the parse + bsearch baseline above does (`bcc_procutils_each_ksym()`: fgets over /proc/kallsyms, a vector, a sort).");
	md("%s", "");
}

/* ---- 7: threads ---- */

struct thread_arg {
	const uint64_t *addrs;
	size_t n;
	int iters;
	bool device;
	pthread_barrier_t *bar;
};

static void *thread_main(void *p)
{
	struct thread_arg *a = p;
	struct ksymres_ctx *ctx = a->device ? dev_open() : NULL;
	struct ksymres_symbol *out = calloc(a->n, sizeof(*out));

	pthread_barrier_wait(a->bar);
	for (int k = 0; k < a->iters; k++) {
		if (ctx)
			dev_resolve(ctx, a->addrs, a->n, out);
		else
			for (size_t i = 0; i < a->n; i++)
				sink += (uintptr_t)table_find(&table, a->addrs[i]);
	}
	pthread_barrier_wait(a->bar);
	free(out);
	ksymres_free(ctx);
	return NULL;
}

/* Addresses per second on nthreads threads, median of the runs. */
static double throughput(int nthreads, bool device)
{
	struct samples s = { 0 };
	struct summary r;
	const size_t n = 10000;
	const int iters = device ? 10 : 20;

	for (int k = 0; k < runs; k++) {
		pthread_barrier_t bar;
		pthread_t tid[2];
		struct thread_arg a[2];
		uint64_t t0;

		pthread_barrier_init(&bar, NULL, nthreads + 1);
		for (int t = 0; t < nthreads; t++) {
			a[t] = (struct thread_arg){ vm_addrs + t * n, n, iters, device, &bar };
			pthread_create(&tid[t], NULL, thread_main, &a[t]);
		}
		pthread_barrier_wait(&bar);
		t0 = now_ns();
		pthread_barrier_wait(&bar);
		samples_add(&s, now_ns() - t0);
		for (int t = 0; t < nthreads; t++)
			pthread_join(tid[t], NULL);
		pthread_barrier_destroy(&bar);
	}
	r = summarize(&s);
	samples_free(&s);
	return (double)nthreads * n * iters / (r.median / 1e9);
}

static void section_threads(void)
{
	double d1 = throughput(1, true), d2 = throughput(2, true);
	double b1 = throughput(1, false), b2 = throughput(2, false);

	md("## 7. Scaling");
	md("%s", "");
	md("Batches of 10k vmlinux addresses, each thread with its own handle (ksymres) or sharing one loaded table (bsearch); addresses per second, median of %d runs, %ld CPUs.",
	   runs, sysconf(_SC_NPROCESSORS_ONLN));
	md("%s", "");
	md("| approach | 1 thread | 2 threads | 2 / 1 |");
	md("| --- | ---: | ---: | ---: |");
	md("| ksymres | %.0f/s | %.0f/s | %.2f |", d1, d2, d2 / d1);
	md("| bsearch over a loaded table | %.0f/s | %.0f/s | %.2f |", b1, b2, b2 / b1);
	md("%s", "");
	goal("2 threads / 1 thread, ksymres batch resolve", ">= 1.6x", d2 / d1, d2 / d1 >= 1.6, NULL);
}

/* ---- 8: memory ---- */

struct kmsg_figures {
	unsigned long vm_syms, vm_bytes, load_us;
	unsigned long mods, mod_syms, mod_bytes;
	/* the filter that spares a name lookup most module probes */
	unsigned long filter_bytes;
	/* the module with most symbols */
	unsigned long big_syms, big_us;
	char big_mod[64];
	/* ns per symbol of each module of 1000 symbols or more */
	struct samples ns_per_sym;
};

/* ksymres.ko's own figures: its "ready" line and the pr_debug per module. */
static void read_kmsg(struct kmsg_figures *k)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	char rec[1024], name[64];
	ssize_t got;

	if (fd < 0)
		return;
	while ((got = read(fd, rec, sizeof(rec) - 1)) > 0 || (got < 0 && errno == EPIPE)) {
		unsigned long a, b, c;
		char *msg, *p;

		if (got < 0)
			continue;
		rec[got] = '\0';
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		if (sscanf(msg, "ksymres: ready: %lu vmlinux symbols, %lu bytes of index, built in %lu us",
			   &a, &b, &c) >= 2) {
			k->vm_syms = a;
			k->vm_bytes = b;
			k->load_us = c;
			p = strstr(msg, "module name filter ");
			if (p)
				k->filter_bytes = strtoul(p + strlen("module name filter "), NULL, 10);
		} else if (sscanf(msg, "ksymres: indexed %63[^:]: %lu symbols, %lu bytes, %lu us",
				  name, &a, &b, &c) == 4) {
			k->mods++;
			k->mod_syms += a;
			k->mod_bytes += b;
			if (a > k->big_syms) {
				k->big_syms = a;
				k->big_us = c;
				snprintf(k->big_mod, sizeof(k->big_mod), "%s", name);
			}
			if (a >= 1000)
				samples_add(&k->ns_per_sym, c * 1000 / a);
		}
	}
	close(fd);
}

static unsigned long ksymres_core_size(void)
{
	FILE *f = fopen("/proc/modules", "r");
	char name[64];
	unsigned long size = 0, s;

	while (f && fscanf(f, "%63s %lu%*[^\n]", name, &s) == 2)
		if (!strcmp(name, "ksymres"))
			size = s;
	if (f)
		fclose(f);
	return size;
}

static long child_rss(const char *what)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	long kb = 0;

	if (n < 0)
		return -1;
	self[n] = '\0';
	if (spawn((char *[]){ self, "rss", (char *)what, NULL }, NULL, &kb) != 0)
		return -1;
	return kb;
}

/*
 * Peak RSS of each approach in a fresh process. Measured first, while this
 * process is small: a child's peak counts the pages it shares with its
 * parent between fork() and exec().
 */
static long rss_dev = -1, rss_tab = -1, rss_hash = -1, rss_perf = -1, rss_idle = -1;

static void measure_rss(void)
{
	char *perf[] = { "perf", "kallsyms", (char *)vm_text_name, NULL };
	long kb;

	rss_idle = child_rss("idle");
	rss_dev = child_rss("device");
	rss_tab = child_rss("table");
	rss_hash = child_rss("hash");
	if (spawn(perf, NULL, &kb) == 0)
		rss_perf = kb;
}

static void section_memory(void)
{
	struct kmsg_figures k = { 0 };
	unsigned long core = ksymres_core_size();
	struct summary nps;
	double per_sym;

	read_kmsg(&k);
	nps = summarize(&k.ns_per_sym);
	per_sym = k.vm_syms + k.mod_syms ?
		  (double)(k.vm_bytes + k.mod_bytes + k.filter_bytes) /
		  (k.vm_syms + k.mod_syms) : 0;
	md("## 8. Memory");
	md("%s", "");
	md("From ksymres.ko's own messages (its `ready` line at load and, with dynamic debug on, one `indexed MODULE` line per module it indexes) and `/proc/modules`.");
	md("%s", "");
	md("| figure | value |");
	md("| --- | ---: |");
	md("| ksymres.ko code and data without indexes (/proc/modules) | %lu bytes |", core);
	md("| vmlinux index | %lu bytes for %lu symbols (%.1f bytes/symbol) |", k.vm_bytes, k.vm_syms,
	   k.vm_syms ? (double)k.vm_bytes / k.vm_syms : 0);
	md("| module indexes (%lu modules loaded after ksymres) | %lu bytes for %lu symbols (%.1f bytes/symbol) |",
	   k.mods, k.mod_bytes, k.mod_syms, k.mod_syms ? (double)k.mod_bytes / k.mod_syms : 0);
	md("| module name filter (a bit per module slot per name hash row) | %lu bytes |",
	   k.filter_bytes);
	md("| with indexes | %lu bytes (%.1f bytes/symbol, names and filter included) |",
	   core + k.vm_bytes + k.mod_bytes + k.filter_bytes, per_sym);
	md("| load of ksymres.ko: vmlinux index built and self-checked | %.1f ms |", k.load_us / 1000.0);
	md("| index build of the biggest module, at its load | %.2f ms (%s, %lu symbols) |",
	   k.big_us / 1000.0, k.big_mod, k.big_syms);
	md("| index build per symbol, modules of 1000 symbols or more (%zu) | median %.0f ns (%.0f - %.0f) |",
	   nps.n, nps.median, nps.min, nps.max);
	md("%s", "");
	md("Peak RSS of each approach, a fresh process each (`ru_maxrss` from `wait4()`, forked while the bench was still small; the bench program itself is static, about %ld KiB when idle):", rss_idle);
	md("%s", "");
	md("| approach | peak RSS |");
	md("| --- | ---: |");
	md("| ksymres: open + resolve 100k addresses through libksymres, 10k a call | %ld KiB |", rss_dev);
	md("| parse + sort /proc/kallsyms + bsearch 100k addresses | %ld KiB |", rss_tab);
	md("| the same table + a name hash | %ld KiB |", rss_hash);
	if (rss_perf >= 0)
		md("| perf kallsyms %s | %ld KiB |", vm_text_name, rss_perf);
	samples_free(&k.ns_per_sym);
	md("%s", "");
	goal("index memory per symbol, names included", "<= 48 bytes", per_sym,
	     per_sym > 0 && per_sym <= 48, NULL);
	if (nps.n) {
		double at25k = nps.median * 25000 / 1e6;

		goal("module index build at load, scaled to 25k symbols (ms)", "<= 5 ms", at25k,
		     at25k <= 5, "(median ns/symbol x 25,000: no cloud-kernel module has 25k symbols)");
	} else {
		goal("module index build", "<= 5 ms", 0, false, "no per-module figures (dynamic debug off?)");
	}
}

/* ---- rss: one approach in a fresh process ---- */

static int rss_child(const char *what)
{
	struct ksymres_symbol *out = calloc(POOL, sizeof(*out));

	srandom(1);
	if (!strcmp(what, "idle"))
		return 0;
	if (!strcmp(what, "device")) {
		struct ksymres_ctx *ctx = dev_open();
		struct ksymres_source_info info;
		uint64_t *a = malloc(POOL * sizeof(*a));

		/* No table here: random addresses in vmlinux text, from the device. */
		if (!a || ksymres_get_info(ctx, &info) || info.text_end <= info.text_start)
			return 1;
		for (size_t i = 0; i < POOL; i++)
			a[i] = info.text_start + (uint64_t)random() % (info.text_end - info.text_start);
		for (size_t i = 0; i < POOL; i += POOL / 10)
			dev_resolve(ctx, a + i, POOL / 10, out);
		ksymres_free(ctx);
		return 0;
	}
	if (table_load(&table, KALLSYMS))
		return 1;
	vm_addrs = pick_addrs(false, POOL);
	for (size_t i = 0; i < POOL; i++)
		sink += (uintptr_t)table_find(&table, vm_addrs[i]);
	if (!strcmp(what, "hash")) {
		struct name_hash h;

		if (name_hash_build(&h, &table))
			return 1;
		name_hash_free(&h);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int ret;

	if (argc == 3 && !strcmp(argv[1], "rss"))
		return rss_child(argv[2]);
	if (argc == 2)
		runs = atoi(argv[1]);
	if (argc > 2 || runs < 1) {
		fprintf(stderr, "usage: ksymres-bench [RUNS]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	measure_rss();
	srandom(1);
	ret = table_load(&table, KALLSYMS);
	if (ret)
		die("reading " KALLSYMS, ret);
	vm_addrs = pick_addrs(false, POOL);
	mod_addrs = pick_addrs(true, POOL);

	section_meta();
	section_first();
	section_batches();
	section_sprint();
	section_names();
	section_dump();
	section_check();
	section_threads();
	section_memory();
	section_peer();
	printf("meta done 1\n");
	table_free(&table);
	return 0;
}
