// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Opening the source the options name, and saying what went wrong with it
 * in terms of the file and line at fault. The library counts; this prints.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* "map 'FILE'", "kallsyms '/proc/kallsyms'", "device '/dev/ksymres'" */
static void label(const char *spec, char *buf, size_t len)
{
	char q[256];
	const char *eq;

	if (!spec || !*spec)
		spec = access("/dev/ksymres", F_OK) == 0 ? "device" : "kallsyms";
	eq = strchr(spec, '=');
	if (eq)
		snprintf(buf, len, "%.*s '%s'", (int)(eq - spec), spec,
			 cli_quote(eq + 1, q, sizeof(q)));
	else if (!strcmp(spec, "device"))
		snprintf(buf, len, "device '/dev/ksymres'");
	else if (!strcmp(spec, "kallsyms"))
		snprintf(buf, len, "kallsyms '/proc/kallsyms'");
	else
		snprintf(buf, len, "'%s'", cli_quote(spec, q, sizeof(q)));
}

static void bad_lines(const char *what, const struct ksymres_file_report *r)
{
	char list[256];
	size_t o = 0;
	uint32_t i;

	list[0] = '\0';
	for (i = 0; i < r->nr_bad_lines && o < sizeof(list) - 24; i++)
		o += snprintf(list + o, sizeof(list) - o, "%s%" PRIu64,
			      i ? ", " : "", r->bad_lines[i]);
	cli_error("%s: %" PRIu64 " line%s not in nm format, skipped: line %s%s%s",
		  what, r->garbage, r->garbage == 1 ? "" : "s", list,
		  r->garbage > r->nr_bad_lines ? ", ..." : "",
		  r->long_lines ? " (some longer than the line limit)" : "");
}

void cli_file_problems(const char *what, const struct ksymres_file_report *r)
{
	if (r->garbage)
		bad_lines(what, r);
	if (r->truncated)
		cli_error("%s: line %" PRIu64 ": no newline at the end (truncated file?)",
			  what, r->lines);
}

/* Debian's placeholder: point at the package and path of the real map. */
static void placeholder(const char *what, const char *spec)
{
	const char *base = strrchr(spec, '/');
	const char *rel = NULL;

	base = base ? base + 1 : spec;
	if (!strncmp(base, "System.map-", 11) && base[11])
		rel = base + 11;
	if (rel)
		cli_error("%s: Debian's placeholder System.map; the real one is in "
			  "the linux-image-%s-dbg package, at /usr/lib/debug/boot/System.map-%s",
			  what, rel, rel);
	else
		cli_error("%s: %s", what, ksymres_strerror(-ENODATA));
}

static int apply_slide(struct cli_ctx_args *a, struct ksymres_ctx *ctx)
{
	const char *s = a->opts.slide;
	bool neg = false;
	uint64_t slide;
	char q[128];
	int ret;

	if (!s)
		return 0;
	if (ksymres_get_source(ctx) == KSYMRES_SOURCE_DEVICE) {
		cli_error("%s: --slide: the device answers with live addresses; "
			  "a slide is for map= and kallsyms= files", a->cmd->name);
		return EXIT_USAGE;
	}
	if (!strcmp(s, "auto")) {
		ret = ksymres_compute_slide(ctx, NULL, &slide);
		if (ret == -ENOENT) {
			cli_error("%s: --slide auto: no _text or _stext in the file or in the live kernel",
				  a->cmd->name);
			return EXIT_SOURCE;
		}
		if (ret == -EXDEV) {
			struct ksymres_source_info in = { 0 };

			ksymres_get_info(ctx, &in);
			cli_error("%s: --slide auto: '%s' is for kernel %s, not the running one",
				  a->cmd->name, in.path ? in.path : "?",
				  in.release ? in.release : "?");
			return EXIT_SOURCE;
		}
		if (ret == -EOPNOTSUPP) {
			cli_error("%s: --slide: the live /proc/kallsyms holds runtime addresses; "
				  "a slide is for map= and saved kallsyms= files", a->cmd->name);
			return EXIT_USAGE;
		}
		if (ret) {
			cli_error("%s: --slide auto: the live kernel's _text: %s", a->cmd->name,
				  ksymres_strerror(ret));
			return EXIT_SOURCE;
		}
	} else {
		if (*s == '-') {
			neg = true;
			s++;
		}
		if (ksymres_parse_addr(s, &slide)) {
			cli_error("%s: --slide '%s': not a hex number or 'auto'", a->cmd->name,
				  cli_quote(a->opts.slide, q, sizeof(q)));
			return EXIT_USAGE;
		}
		if (neg)
			slide = -slide;
	}
	ret = ksymres_set_slide(ctx, slide);
	if (ret == -EOPNOTSUPP) {
		cli_error("%s: --slide: the live /proc/kallsyms holds runtime addresses; "
			  "a slide is for map= and saved kallsyms= files", a->cmd->name);
		return EXIT_USAGE;
	}
	if (ret) {
		cli_error("%s: --slide: %s", a->cmd->name, ksymres_strerror(ret));
		return EXIT_USAGE;
	}
	return 0;
}

int cli_open(struct cli_ctx_args *a, struct ksymres_ctx **ctxp)
{
	const char *spec = a->opts.source;
	struct ksymres_file_report r;
	struct ksymres_ctx *ctx;
	char what[320];
	int ret;

	label(spec, what, sizeof(what));
	ctx = ksymres_new();
	if (!ctx) {
		cli_error("%s", strerror(errno));
		return EXIT_SOURCE;
	}
	ret = ksymres_open(ctx, spec);
	ksymres_file_report(ctx, &r);
	if (ret == -EINVAL && spec) {
		cli_error("--source %s: not a source (device[=PATH], kallsyms[=FILE], map=FILE)",
			  what);
		ret = EXIT_USAGE;
	} else if (ret == -ENODATA) {
		/* Only map=FILE gives ENODATA; FILE names the release. */
		placeholder(what, strchr(spec, '=') + 1);
		ret = EXIT_SOURCE;
	} else if (ret == -EBADMSG) {
		cli_error("%s: %s", what, ksymres_strerror(ret));
		if (r.garbage)
			bad_lines(what, &r);
		ret = EXIT_USAGE;
	} else if (ret) {
		cli_error("%s: %s", what, ksymres_strerror(ret));
		ret = EXIT_SOURCE;
	} else {
		cli_file_problems(what, &r);
		ret = apply_slide(a, ctx);
	}
	if (ret) {
		ksymres_free(ctx);
		return ret;
	}
	*ctxp = ctx;
	return 0;
}
