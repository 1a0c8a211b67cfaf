// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ksymres_check(): which System.map to check (the one given, or the first
 * of the search that matches, else the best one seen), the reference's
 * side read once, and the answers kept for the caller. A map that is
 * missing, unreadable, Debian's placeholder, not nm output or another
 * kernel's is passed over with its reason recorded, as klogd did, except
 * that "another kernel" is decided from the symbols and not from the
 * Version_ symbol that kernels stopped emitting.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "internal.h"

struct ksymres_check {
	struct strpool pool;		/* paths, releases, reference names */
	struct ksr_eval best;		/* the map reported on */
	bool have_best;
	struct ksymres_check_result res;
	struct ksymres_map_candidate cand[KSR_MAP_SEARCH_MAX];
	size_t nr_cand;
};

static int rank(uint32_t verdict)
{
	switch (verdict) {
	case KSYMRES_CHECK_MATCH:
		return 0;
	case KSYMRES_CHECK_DRIFT:
		return 1;
	default:
		return 2;
	}
}

/* Opens and compares one map; its outcome goes to the candidate record. */
static int try_map(struct ksymres_check *chk, struct refset *rs, const char *path,
		   const char *release, struct ksymres_map_candidate *c,
		   struct ksymres_file_report *report)
{
	struct ksr_eval ev = { 0 };
	int ret;

	memset(c, 0, sizeof(*c));
	c->path = strpool_add(&chk->pool, path, strlen(path));
	if (!c->path)
		return -ENOMEM;
	ev.map = ksymres_new();
	if (!ev.map)
		return -ENOMEM;
	ret = ksymres_open_sysmap(ev.map, path);
	ksymres_file_report(ev.map, report);
	if (ksr_release_like(ev.map->release))
		c->release = strpool_add(&chk->pool, ev.map->release,
					 strlen(ev.map->release));
	c->symbols = report->symbols;
	switch (ret) {
	case 0:
		break;
	case -ENOENT:
	case -ENOTDIR:
		c->status = KSYMRES_MAP_MISSING;
		break;
	case -ENODATA:
		c->status = KSYMRES_MAP_PLACEHOLDER;
		break;
	case -EBADMSG:
		c->status = KSYMRES_MAP_NOT_A_MAP;
		break;
	case -ENOMEM:
		ksr_eval_release(&ev);
		return ret;
	default:
		c->status = KSYMRES_MAP_UNREADABLE;
		c->err = ret;
		break;
	}
	if (ret) {
		ksr_eval_release(&ev);
		return 0;
	}
	ret = ksr_compare(&ev, rs, release, &chk->pool);
	if (ret) {
		ksr_eval_release(&ev);
		return ret;
	}
	c->wrong = ev.res.wrong;
	c->status = ev.res.verdict == KSYMRES_CHECK_WRONG_KERNEL ?
		    KSYMRES_MAP_OTHER_KERNEL : KSYMRES_MAP_DRIFTED;
	if (!chk->have_best || rank(ev.res.verdict) < rank(chk->best.res.verdict)) {
		if (chk->have_best)
			ksr_eval_release(&chk->best);
		chk->best = ev;
		chk->have_best = true;
	} else {
		ksr_eval_release(&ev);
	}
	return 0;
}

/* The release expected: the caller's, the reference's, the running kernel's. */
static const char *expected_release(struct ksymres_check *chk, const char *given,
				    const struct ksymres_source_info *in, bool *guessed)
{
	struct utsname u;

	*guessed = false;
	if (given)
		return given;
	if (in->release)
		return in->release;
	if (uname(&u))
		return NULL;
	*guessed = true;
	return strpool_add(&chk->pool, u.release, strlen(u.release));
}

static int search(struct ksymres_check *chk, struct refset *rs, const char *root,
		  const char *search_rel, const char *release)
{
	const char *paths[KSR_MAP_SEARCH_MAX];
	struct ksymres_file_report report;
	size_t i;
	int n, ret;

	n = ksr_map_search_paths(&chk->pool, root, search_rel, paths);
	if (n < 0)
		return n;
	for (i = 0; i < (size_t)n; i++) {
		struct ksymres_map_candidate *c = &chk->cand[chk->nr_cand++];

		if (chk->have_best && chk->best.res.verdict == KSYMRES_CHECK_MATCH) {
			memset(c, 0, sizeof(*c));
			c->path = paths[i];
			c->status = KSYMRES_MAP_NOT_TRIED;
			continue;
		}
		ret = try_map(chk, rs, paths[i], release, c, &report);
		if (ret)
			return ret;
	}
	return 0;
}

static void settle(struct ksymres_check *chk)
{
	struct ksymres_check_result *r = &chk->res;
	bool placeholder = false;
	size_t i;

	for (i = 0; i < chk->nr_cand; i++) {
		struct ksymres_map_candidate *c = &chk->cand[i];

		if (c->status == KSYMRES_MAP_PLACEHOLDER)
			placeholder = true;
		if (chk->have_best && c->path && chk->best.res.map_path &&
		    !strcmp(c->path, chk->best.res.map_path) &&
		    chk->best.res.verdict != KSYMRES_CHECK_WRONG_KERNEL)
			c->status = KSYMRES_MAP_CHOSEN;
	}
	/* A placeholder for this release says where the right map is: say that. */
	if (chk->have_best && (chk->best.res.verdict != KSYMRES_CHECK_WRONG_KERNEL ||
			       !placeholder)) {
		uint32_t flags = r->flags;
		uint32_t src = r->ref_source;
		const char *rp = r->ref_path, *rr = r->ref_release;
		uint64_t kaslr = r->kaslr_offset;

		*r = chk->best.res;
		r->flags |= flags;
		r->ref_source = src;
		r->ref_path = rp;
		r->ref_release = rr;
		r->kaslr_offset = kaslr;
		return;
	}
	if (chk->nr_cand == 1 && chk->cand[0].status == KSYMRES_MAP_NOT_A_MAP)
		r->verdict = KSYMRES_CHECK_BAD_MAP;
	else if (placeholder)
		r->verdict = KSYMRES_CHECK_PLACEHOLDER;
	else
		r->verdict = KSYMRES_CHECK_NO_MAP;
}

KSYMRES_EXPORT int ksymres_check(struct ksymres_ctx *ref, const char *map,
				 const struct ksymres_check_opts *opts,
				 struct ksymres_check **out)
{
	struct ksymres_check_opts o = { 0 };
	struct ksymres_source_info in;
	struct ksymres_check *chk;
	struct refset rs;
	const char *release, *search_rel;
	bool guessed;
	int ret;

	if (!ref || !ref->ops || !out)
		return -EINVAL;
	*out = NULL;
	if (opts) {
		/* Older callers pass a smaller struct; newer fields read as 0. */
		if (opts->size < sizeof(size_t))
			return -EINVAL;
		memcpy(&o, opts, opts->size < sizeof(o) ? opts->size : sizeof(o));
	}
	ret = ksymres_get_info(ref, &in);
	if (ret)
		return ret;
	chk = calloc(1, sizeof(*chk));
	if (!chk)
		return -ENOMEM;
	strpool_init(&chk->pool);
	ret = refset_load(&rs, ref);
	if (ret)
		goto err_free;

	release = expected_release(chk, o.release, &in, &guessed);
	/* A saved file's release is unknown: uname() only says where to look. */
	search_rel = release;
	if (guessed && !ref->live && ref->source != KSYMRES_SOURCE_DEVICE)
		release = NULL;
	chk->res.ref_source = in.source;
	chk->res.ref_symbols = rs.nr;
	chk->res.ref_path = in.path ? strpool_add(&chk->pool, in.path, strlen(in.path)) : NULL;
	chk->res.ref_release = release ? strpool_add(&chk->pool, release, strlen(release)) : NULL;
	if (in.flags & KSYMRES_INFO_KASLR && in.source == KSYMRES_SOURCE_DEVICE) {
		chk->res.kaslr_offset = in.kaslr_offset;
		chk->res.flags |= KSYMRES_CHECK_KASLR_KNOWN;
	}
	if (map) {
		struct ksymres_file_report report;

		chk->nr_cand = 1;
		ret = try_map(chk, &rs, map, release, &chk->cand[0], &report);
		chk->res.map_report = report;
		chk->res.map_path = chk->cand[0].path;
		chk->res.map_release = chk->cand[0].release;
	} else {
		chk->res.flags |= KSYMRES_CHECK_SEARCHED;
		ret = search_rel ? search(chk, &rs, o.root, search_rel, release) : -ENOENT;
	}
	if (ret)
		goto err_free;
	settle(chk);
	refset_release(&rs);
	*out = chk;
	return 0;

err_free:
	refset_release(&rs);
	ksymres_check_free(chk);
	return ret;
}

KSYMRES_EXPORT int ksymres_check_result(const struct ksymres_check *chk,
					struct ksymres_check_result *res)
{
	if (!chk || !res)
		return -EINVAL;
	*res = chk->res;
	return 0;
}

KSYMRES_EXPORT int ksymres_check_drift(const struct ksymres_check *chk,
				       struct ksymres_drift *out, size_t max)
{
	size_t n;

	if (!chk || (max && !out))
		return -EINVAL;
	n = chk->have_best ? chk->best.nr_drift : 0;
	if (n && max)
		memcpy(out, chk->best.drift, (n < max ? n : max) * sizeof(*out));
	return n > INT32_MAX ? INT32_MAX : (int)n;
}

KSYMRES_EXPORT int ksymres_check_candidates(const struct ksymres_check *chk,
					    struct ksymres_map_candidate *out,
					    size_t max)
{
	size_t n;

	if (!chk || (max && !out))
		return -EINVAL;
	n = chk->nr_cand;
	if (n && max)
		memcpy(out, chk->cand, (n < max ? n : max) * sizeof(*out));
	return (int)n;
}

KSYMRES_EXPORT void ksymres_check_free(struct ksymres_check *chk)
{
	if (!chk)
		return;
	if (chk->have_best)
		ksr_eval_release(&chk->best);
	strpool_release(&chk->pool);
	free(chk);
}

KSYMRES_EXPORT const char *ksymres_verdict_name(enum ksymres_verdict verdict)
{
	switch (verdict) {
	case KSYMRES_CHECK_MATCH:
		return "MATCH";
	case KSYMRES_CHECK_DRIFT:
		return "DRIFT";
	case KSYMRES_CHECK_BAD_MAP:
		return "BAD MAP";
	case KSYMRES_CHECK_WRONG_KERNEL:
		return "WRONG KERNEL";
	case KSYMRES_CHECK_PLACEHOLDER:
		return "PLACEHOLDER";
	case KSYMRES_CHECK_NO_MAP:
		return "NO MAP";
	}
	return "?";
}
