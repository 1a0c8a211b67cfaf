/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ksymres(1): what the subcommands share. The logic lives in libksymres. */
#ifndef KSYMRES_CLI_H
#define KSYMRES_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "json.h"
#include "ksymres.h"

struct cli_ctx_args;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit codes (ksymres(1), EXIT STATUS) */
enum {
	EXIT_ALL_FOUND = 0,
	EXIT_NOT_FOUND = 1,
	EXIT_USAGE = 2,		/* usage or input error */
	EXIT_SOURCE = 3		/* source unavailable */
};

struct cli_opts {
	const char *source;	/* --source SPEC */
	const char *slide;	/* --slide VALUE|auto */
	bool json;
	bool address;		/* resolve --address */
	bool first;		/* lookup --first */
	const char *root;	/* check --root DIR */
	const char *release;	/* check --release REL */
	const char *max_report;	/* check --max-report N */
	struct cli_decode_opts *decode;	/* decode's own options */
};

struct cli_cmd {
	const char *name;
	int (*fn)(struct cli_ctx_args *args);
	const char *args;	/* synopsis after the name */
	const char *help;	/* one line */
	const char *extra;	/* options beyond the common ones, for --help */
};

struct cli_ctx_args {
	const struct cli_cmd *cmd;
	struct cli_opts opts;
	int argc;		/* operands after the options */
	char **argv;
};

/* main.c */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* source.c: open the source the options name; 0 or an exit code */
int cli_open(struct cli_ctx_args *a, struct ksymres_ctx **ctxp);
/* lines not in nm format (numbers, capped) and a cut last line, on stderr */
void cli_file_problems(const char *what, const struct ksymres_file_report *r);

/* util.c */
const char *cli_quote(const char *s, char *buf, size_t len);
void cli_symbol_flags_json(struct json *j, uint32_t flags);
int cli_worst(int a, int b);

/* decode.c: its options, in the order of main.c's OPT_* */
int cli_decode_opt(struct cli_opts *o, int which, const char *arg);

/* the subcommands */
int cmd_resolve(struct cli_ctx_args *a);
int cmd_lookup(struct cli_ctx_args *a);
int cmd_dump(struct cli_ctx_args *a);
int cmd_modules(struct cli_ctx_args *a);
int cmd_info(struct cli_ctx_args *a);
int cmd_check(struct cli_ctx_args *a);
int cmd_decode(struct cli_ctx_args *a);

#endif /* KSYMRES_CLI_H */
