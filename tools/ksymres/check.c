// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ksymres check [MAP]: is this System.map the running kernel's (or the
 * reference's)? libksymres searches, compares and judges; this prints the
 * choice, the reasons, the findings worst first and one summary line, and
 * turns the verdict into the exit status.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Exit status per verdict (ksymres(1), EXIT STATUS). */
static int exit_of(uint32_t verdict)
{
	switch (verdict) {
	case KSYMRES_CHECK_MATCH:
		return 0;
	case KSYMRES_CHECK_DRIFT:
		return 1;
	case KSYMRES_CHECK_BAD_MAP:
		return EXIT_USAGE;
	case KSYMRES_CHECK_WRONG_KERNEL:
		return 4;
	case KSYMRES_CHECK_PLACEHOLDER:
		return 5;
	default:
		return 6;
	}
}

static const char *const status_names[] = {
	[KSYMRES_MAP_CHOSEN] = "chosen",
	[KSYMRES_MAP_MISSING] = "missing",
	[KSYMRES_MAP_UNREADABLE] = "unreadable",
	[KSYMRES_MAP_PLACEHOLDER] = "placeholder",
	[KSYMRES_MAP_NOT_A_MAP] = "not-a-map",
	[KSYMRES_MAP_OTHER_KERNEL] = "other-kernel",
	[KSYMRES_MAP_DRIFTED] = "drifted",
	[KSYMRES_MAP_NOT_TRIED] = "not-tried",
};

static const char *const kind_names[] = {
	[KSYMRES_DRIFT_MISSING] = "missing",
	[KSYMRES_DRIFT_MOVED] = "moved",
	[KSYMRES_DRIFT_RENAMED] = "renamed",
	[KSYMRES_DRIFT_ADDED] = "added",
};

static const char *status_name(uint32_t s)
{
	return s < ARRAY_SIZE(status_names) ? status_names[s] : "?";
}

static void delta_str(int64_t d, char *buf, size_t len)
{
	if (d < 0)
		snprintf(buf, len, "-0x%" PRIx64, -(uint64_t)d);
	else
		snprintf(buf, len, "+0x%" PRIx64, (uint64_t)d);
}

static void wrong_reasons(const struct ksymres_check_result *r, uint32_t wrong,
			  const char *release, FILE *f)
{
	if (wrong & KSYMRES_WRONG_RELEASE)
		fprintf(f, "  the map is named for release %s; the kernel is %s\n",
			release ? release : "?", r->ref_release ? r->ref_release : "?");
	if (wrong & KSYMRES_WRONG_NO_COMMON)
		fprintf(f, "  no symbol name in common\n");
	if (wrong & KSYMRES_WRONG_SLIDE)
		fprintf(f, "  no single slide fits: 0x%" PRIx64 " fits %" PRIu64 " of %" PRIu64
			" compared symbols; the commonest difference 0x%" PRIx64
			" occurs %" PRIu64 " times\n", r->slide, r->matched, r->compared,
			r->common_slide, r->common_count);
}

static void print_candidates(const struct ksymres_check_result *r,
			     const struct ksymres_map_candidate *c, int n)
{
	int i;

	printf("searched:\n");
	for (i = 0; i < n; i++) {
		printf("  %s: %s", c[i].path, status_name(c[i].status));
		switch (c[i].status) {
		case KSYMRES_MAP_UNREADABLE:
			printf(" (%s)", ksymres_strerror(c[i].err));
			break;
		case KSYMRES_MAP_PLACEHOLDER:
			printf(" (Debian's; the real map is in the linux-image-%s-dbg package, "
			       "at /usr/lib/debug/boot/System.map-%s)",
			       c[i].release ? c[i].release : "<release>",
			       c[i].release ? c[i].release : "<release>");
			break;
		case KSYMRES_MAP_NOT_A_MAP:
			printf(" (no symbol line)");
			break;
		case KSYMRES_MAP_OTHER_KERNEL:
			printf(" (another kernel:%s%s%s)",
			       c[i].wrong & KSYMRES_WRONG_RELEASE ? " release differs" : "",
			       c[i].wrong & KSYMRES_WRONG_SLIDE ? " no single slide fits" : "",
			       c[i].wrong & KSYMRES_WRONG_NO_COMMON ? " no name in common" : "");
			break;
		case KSYMRES_MAP_DRIFTED:
			printf(" (drifts; a better one was found)");
			break;
		case KSYMRES_MAP_NOT_TRIED:
			printf(" (a map before it matched)");
			break;
		default:
			break;
		}
		putchar('\n');
	}
	(void)r;
}

static void file_problems(const char *path, const struct ksymres_file_report *rep)
{
	char what[300], q[256];

	snprintf(what, sizeof(what), "check: map '%s'", cli_quote(path, q, sizeof(q)));
	cli_file_problems(what, rep);
}

static void print_text(const struct ksymres_check_result *r,
		       const struct ksymres_map_candidate *c, int nc,
		       const struct ksymres_drift *d, int nd, size_t max_report)
{
	char delta[32];
	int i, shown;

	if (r->flags & KSYMRES_CHECK_SEARCHED)
		print_candidates(r, c, nc);
	if (r->map_path && r->verdict != KSYMRES_CHECK_NO_MAP &&
	    r->verdict != KSYMRES_CHECK_PLACEHOLDER && r->verdict != KSYMRES_CHECK_BAD_MAP)
		printf("map: %s (%" PRIu64 " symbols, release %s)\n", r->map_path,
		       r->map_symbols, r->map_release ? r->map_release : "unknown");
	printf("reference: %s %s (%" PRIu64 " vmlinux symbols, release %s)\n",
	       ksymres_source_name(r->ref_source), r->ref_path ? r->ref_path : "-",
	       r->ref_symbols, r->ref_release ? r->ref_release : "unknown");
	if (r->verdict == KSYMRES_CHECK_MATCH || r->verdict == KSYMRES_CHECK_DRIFT ||
	    r->verdict == KSYMRES_CHECK_WRONG_KERNEL) {
		printf("slide: 0x%" PRIx64, r->slide);
		if (!(r->flags & KSYMRES_CHECK_SLIDE_FROM_TEXT))
			printf(" (no _text on one side: the commonest difference)");
		else if (r->flags & KSYMRES_CHECK_SLIDE_CONFIRMED)
			printf(" (from _text, confirmed by %" PRIu64 " symbols)", r->common_count);
		else if (r->slide != r->text_slide)
			printf(" (the commonest difference, %" PRIu64 " symbols; _text gives 0x%"
			       PRIx64 ")", r->common_count, r->text_slide);
		else
			printf(" (from _text, NOT the commonest difference 0x%" PRIx64 ")",
			       r->common_slide);
		putchar('\n');
		if ((r->flags & KSYMRES_CHECK_KASLR_KNOWN) && r->slide != r->kaslr_offset) {
			delta_str((int64_t)(r->slide - r->kaslr_offset), delta, sizeof(delta));
			printf("shift: the kernel's KASLR offset is 0x%" PRIx64
			       "; the map's addresses are shifted by %s from its link addresses\n",
			       r->kaslr_offset, delta);
		}
		printf("fingerprint: map %s, reference %s (%s)\n", r->map_fingerprint,
		       r->ref_fingerprint, strcmp(r->map_fingerprint, r->ref_fingerprint) ?
		       "differ" : "same build");
	}
	if (r->verdict == KSYMRES_CHECK_WRONG_KERNEL) {
		printf("another kernel:\n");
		wrong_reasons(r, r->wrong, r->map_release, stdout);
		if (r->map_release && r->ref_release && !strcmp(r->map_release, r->ref_release))
			printf("  same release, another build (the fingerprints differ)\n");
	}
	shown = nd < 0 ? 0 : ((size_t)nd < max_report ? nd : (int)max_report);
	if (nd > 0 && r->verdict != KSYMRES_CHECK_WRONG_KERNEL)
		printf("drift (worst first):\n");
	for (i = 0; i < shown && r->verdict != KSYMRES_CHECK_WRONG_KERNEL; i++) {
		delta_str(d[i].delta, delta, sizeof(delta));
		switch (d[i].kind) {
		case KSYMRES_DRIFT_MOVED:
			printf("  moved    %c %s expected 0x%016" PRIx64 " actual 0x%016" PRIx64
			       " delta %s\n", d[i].type, d[i].name, d[i].expected, d[i].actual,
			       delta);
			break;
		case KSYMRES_DRIFT_MISSING:
			printf("  missing  %c %s expected 0x%016" PRIx64 " (not in the reference)\n",
			       d[i].type, d[i].name, d[i].expected);
			break;
		case KSYMRES_DRIFT_RENAMED:
			printf("  renamed  %c %s expected 0x%016" PRIx64 " is %s in the reference\n",
			       d[i].type, d[i].name, d[i].expected, d[i].ref_name);
			break;
		case KSYMRES_DRIFT_ADDED:
			printf("  added    %c %s actual 0x%016" PRIx64 " (not in the map)\n",
			       d[i].type, d[i].name, d[i].actual);
			break;
		}
	}
	if (nd > shown && r->verdict != KSYMRES_CHECK_WRONG_KERNEL)
		printf("  ... and %d more (--max-report)\n", nd - shown);
	printf("%s: %" PRIu64 " compared, %" PRIu64 " matched, %" PRIu64 " moved, %" PRIu64
	       " missing, %" PRIu64 " renamed, %" PRIu64 " added; not compared: %" PRIu64
	       " absolute, %" PRIu64 " per-cpu, %" PRIu64 " left out of kallsyms, %" PRIu64
	       " init, %" PRIu64 " local labels\n",
	       ksymres_verdict_name(r->verdict), r->compared, r->matched, r->moved,
	       r->missing, r->renamed, r->added, r->absolute, r->percpu,
	       r->kallsyms_omitted, r->init_freed, r->local_labels);
}

static void json_hex_key(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_hex(j, v);
}

static void json_uint_key(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_uint(j, v);
}

static void json_wrong(struct json *j, uint32_t wrong)
{
	json_arr_begin(j);
	if (wrong & KSYMRES_WRONG_RELEASE)
		json_str(j, "release");
	if (wrong & KSYMRES_WRONG_SLIDE)
		json_str(j, "slide");
	if (wrong & KSYMRES_WRONG_NO_COMMON)
		json_str(j, "no_common");
	json_arr_end(j);
}

static void print_json_map(struct json *j, const struct ksymres_check_result *r)
{
	const struct ksymres_file_report *rep = &r->map_report;
	uint32_t i;

	json_key(j, "map");
	json_obj_begin(j);
	json_key(j, "path");
	json_str(j, r->map_path);
	json_key(j, "release");
	json_str(j, r->map_release);
	json_uint_key(j, "symbols", r->map_symbols);
	json_uint_key(j, "lines", rep->lines);
	json_uint_key(j, "garbage", rep->garbage);
	json_key(j, "garbage_lines");
	json_arr_begin(j);
	for (i = 0; i < rep->nr_bad_lines; i++)
		json_uint(j, rep->bad_lines[i]);
	json_arr_end(j);
	json_uint_key(j, "crlf", rep->crlf);
	json_key(j, "truncated");
	json_bool(j, rep->truncated);
	json_key(j, "fingerprint");
	json_str(j, r->map_fingerprint[0] ? r->map_fingerprint : NULL);
	json_obj_end(j);
}

static void print_json(const struct ksymres_check_result *r,
		       const struct ksymres_map_candidate *c, int nc,
		       const struct ksymres_drift *d, int nd, size_t max_report)
{
	bool compared = r->verdict == KSYMRES_CHECK_MATCH ||
			r->verdict == KSYMRES_CHECK_DRIFT ||
			r->verdict == KSYMRES_CHECK_WRONG_KERNEL;
	char delta[32];
	struct json j;
	int i;

	json_init(&j, stdout);
	json_obj_begin(&j);
	json_key(&j, "verdict");
	json_str(&j, ksymres_verdict_name(r->verdict));
	json_uint_key(&j, "exit", exit_of(r->verdict));
	json_key(&j, "searched");
	json_arr_begin(&j);
	for (i = 0; (r->flags & KSYMRES_CHECK_SEARCHED) && i < nc; i++) {
		json_obj_begin(&j);
		json_key(&j, "path");
		json_str(&j, c[i].path);
		json_key(&j, "status");
		json_str(&j, status_name(c[i].status));
		json_key(&j, "release");
		json_str(&j, c[i].release);
		json_key(&j, "error");
		json_str(&j, c[i].status == KSYMRES_MAP_UNREADABLE ?
			 ksymres_strerror(c[i].err) : NULL);
		json_key(&j, "wrong");
		json_wrong(&j, c[i].wrong);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	print_json_map(&j, r);
	json_key(&j, "reference");
	json_obj_begin(&j);
	json_key(&j, "source");
	json_str(&j, ksymres_source_name(r->ref_source));
	json_key(&j, "path");
	json_str(&j, r->ref_path);
	json_key(&j, "release");
	json_str(&j, r->ref_release);
	json_uint_key(&j, "symbols", r->ref_symbols);
	json_key(&j, "fingerprint");
	json_str(&j, compared ? r->ref_fingerprint : NULL);
	json_key(&j, "kaslr_offset");
	if (r->flags & KSYMRES_CHECK_KASLR_KNOWN)
		json_hex(&j, r->kaslr_offset);
	else
		json_null(&j);
	json_obj_end(&j);
	json_key(&j, "slide");
	if (compared) {
		json_obj_begin(&j);
		json_hex_key(&j, "value", r->slide);
		json_key(&j, "text_slide");
		if (r->flags & KSYMRES_CHECK_SLIDE_FROM_TEXT)
			json_hex(&j, r->text_slide);
		else
			json_null(&j);
		json_hex_key(&j, "common_slide", r->common_slide);
		json_uint_key(&j, "common_count", r->common_count);
		json_key(&j, "confirmed");
		json_bool(&j, r->flags & KSYMRES_CHECK_SLIDE_CONFIRMED);
		json_obj_end(&j);
	} else {
		json_null(&j);
	}
	json_key(&j, "wrong");
	json_wrong(&j, r->wrong);
	json_key(&j, "counts");
	json_obj_begin(&j);
	json_uint_key(&j, "compared", r->compared);
	json_uint_key(&j, "matched", r->matched);
	json_uint_key(&j, "moved", r->moved);
	json_uint_key(&j, "missing", r->missing);
	json_uint_key(&j, "renamed", r->renamed);
	json_uint_key(&j, "added", r->added);
	json_uint_key(&j, "absolute", r->absolute);
	json_uint_key(&j, "percpu", r->percpu);
	json_uint_key(&j, "kallsyms_omitted", r->kallsyms_omitted);
	json_uint_key(&j, "init_freed", r->init_freed);
	json_uint_key(&j, "local_labels", r->local_labels);
	json_obj_end(&j);
	json_uint_key(&j, "drift_total", nd > 0 ? (uint64_t)nd : 0);
	json_key(&j, "drift");
	json_arr_begin(&j);
	for (i = 0; i < nd && (size_t)i < max_report; i++) {
		json_obj_begin(&j);
		json_key(&j, "kind");
		json_str(&j, kind_names[d[i].kind]);
		json_key(&j, "type");
		json_str(&j, (char[2]){ d[i].type ? d[i].type : '?', 0 });
		json_key(&j, "name");
		json_str(&j, d[i].name);
		json_key(&j, "ref_name");
		json_str(&j, d[i].ref_name);
		json_key(&j, "map_address");
		if (d[i].kind == KSYMRES_DRIFT_ADDED)
			json_null(&j);
		else
			json_hex(&j, d[i].map_addr);
		json_key(&j, "expected");
		if (d[i].kind == KSYMRES_DRIFT_ADDED)
			json_null(&j);
		else
			json_hex(&j, d[i].expected);
		json_key(&j, "actual");
		if (d[i].kind == KSYMRES_DRIFT_MISSING)
			json_null(&j);
		else
			json_hex(&j, d[i].actual);
		json_key(&j, "delta");
		delta_str(d[i].delta, delta, sizeof(delta));
		json_str(&j, d[i].kind == KSYMRES_DRIFT_MOVED ? delta : NULL);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}

/* The map given could not be used: say why on stderr. */
static void explain_given(const struct ksymres_check_result *r,
			  const struct ksymres_map_candidate *c)
{
	char q[256];

	cli_quote(c->path, q, sizeof(q));
	switch (c->status) {
	case KSYMRES_MAP_MISSING:
		cli_error("check: '%s': no such file", q);
		break;
	case KSYMRES_MAP_UNREADABLE:
		cli_error("check: '%s': %s", q, ksymres_strerror(c->err));
		break;
	case KSYMRES_MAP_PLACEHOLDER:
		if (c->release)
			cli_error("check: '%s': Debian's placeholder System.map; the real one is in "
				  "the linux-image-%s-dbg package, at /usr/lib/debug/boot/System.map-%s",
				  q, c->release, c->release);
		else
			cli_error("check: '%s': %s", q, ksymres_strerror(-ENODATA));
		break;
	case KSYMRES_MAP_NOT_A_MAP:
		cli_error("check: '%s': %s (%" PRIu64 " lines)", q,
			  ksymres_strerror(-EBADMSG), r->map_report.lines);
		break;
	default:
		break;
	}
}

static int parse_max(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > SIZE_MAX / 2)
		return -1;
	*out = (size_t)v;
	return 0;
}

int cmd_check(struct cli_ctx_args *a)
{
	struct ksymres_check_opts opts = { .size = sizeof(opts) };
	struct ksymres_map_candidate cand[16];
	struct ksymres_drift *drift = NULL;
	struct ksymres_check_result r;
	struct ksymres_check *chk;
	struct ksymres_ctx *ref;
	size_t max_report = SIZE_MAX;	/* text: 20 unless given; JSON: all */
	char q[256];
	int ret, nc, nd;

	if (a->argc > 1) {
		cli_error("check: '%s': one map at most", cli_quote(a->argv[1], q, sizeof(q)));
		return EXIT_USAGE;
	}
	if (a->opts.max_report && parse_max(a->opts.max_report, &max_report)) {
		cli_error("check: --max-report '%s': not a count",
			  cli_quote(a->opts.max_report, q, sizeof(q)));
		return EXIT_USAGE;
	}
	if (!a->opts.max_report && !a->opts.json)
		max_report = 20;
	if (a->opts.slide) {
		cli_error("check: --slide: check computes the slide itself");
		return EXIT_USAGE;
	}
	ret = cli_open(a, &ref);
	if (ret)
		return ret;
	opts.root = a->opts.root;
	opts.release = a->opts.release;
	ret = ksymres_check(ref, a->argc ? a->argv[0] : NULL, &opts, &chk);
	if (ret) {
		cli_error("check: %s", ksymres_strerror(ret));
		ksymres_free(ref);
		return EXIT_SOURCE;
	}
	ksymres_check_result(chk, &r);
	nc = ksymres_check_candidates(chk, cand, ARRAY_SIZE(cand));
	nd = ksymres_check_drift(chk, NULL, 0);
	if (nd > 0) {
		drift = calloc(nd, sizeof(*drift));
		if (!drift) {
			cli_error("check: %s", strerror(ENOMEM));
			ret = EXIT_SOURCE;
			goto out;
		}
		ksymres_check_drift(chk, drift, nd);
	}
	if (r.map_path && r.map_report.symbols)
		file_problems(r.map_path, &r.map_report);
	if (!(r.flags & KSYMRES_CHECK_SEARCHED) && nc == 1)
		explain_given(&r, &cand[0]);
	if (a->opts.json)
		print_json(&r, cand, nc, drift, nd, max_report);
	else
		print_text(&r, cand, nc, drift, nd, max_report);
	if (r.verdict == KSYMRES_CHECK_BAD_MAP)
		file_problems(r.map_path, &r.map_report);
	ret = exit_of(r.verdict);
out:
	free(drift);
	ksymres_check_free(chk);
	ksymres_free(ref);
	return ret;
}
