/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ksymres-bench: ksymres against the ways tools symbolise kernel addresses
 * today, in one boot. Shared declarations of its parts.
 */
#ifndef KSYMRES_BENCH_H
#define KSYMRES_BENCH_H

#include <stddef.h>
#include <stdint.h>

/* ---- stats.c: clocks and the summary of repeated measurements ---- */

uint64_t now_ns(void);

/* Samples of one figure, in nanoseconds. */
struct samples {
	uint64_t *v;
	size_t n;
	size_t cap;
};

void samples_add(struct samples *s, uint64_t ns);
void samples_reset(struct samples *s);
void samples_free(struct samples *s);

struct summary {
	double median;
	double min;
	double max;
	double p99;
	double mean;
	size_t n;
};

/* Sorts s->v. */
struct summary summarize(struct samples *s);
/* The same summary with every figure divided by div (per address, ...). */
struct summary summary_div(struct summary s, double div);

/* ---- table.c: /proc/kallsyms read, parsed and sorted as perf and bcc do ---- */

struct ksym {
	uint64_t addr;
	char *name;
	char *module;	/* NULL: vmlinux */
	char type;
};

struct ksym_table {
	struct ksym *syms;
	size_t nr;
	char **modnames;	/* interned module names */
	size_t nr_mods;
};

/* Reads and sorts by address; 0 or -errno. */
int table_load(struct ksym_table *t, const char *path);
void table_free(struct ksym_table *t);
/* The symbol covering addr (the last one at or below it), or NULL. */
const struct ksym *table_find(const struct ksym_table *t, uint64_t addr);

/* A name -> address hash built from a loaded table (first symbol wins). */
struct name_hash {
	const struct ksym **slot;
	size_t mask;
};

int name_hash_build(struct name_hash *h, const struct ksym_table *t);
const struct ksym *name_hash_find(const struct name_hash *h, const char *name);
void name_hash_free(struct name_hash *h);

/* ---- kernel.c: the kernel's own paths, timed by ksymres_benchmod ---- */

/* 0 when ksymres_benchmod's debugfs file is there. */
int kernel_timing_available(void);
/*
 * Times sprint_symbol() ("sprint", hex addresses) or kallsyms_lookup_name()
 * ("lookup", names) on each item in-kernel; adds one sample per item.
 */
int kernel_time_addrs(const uint64_t *addrs, size_t n, struct samples *out);
int kernel_time_names(char *const *names, size_t n, struct samples *out);

#endif /* KSYMRES_BENCH_H */
