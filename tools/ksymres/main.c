// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ksymres(1): argument parsing and the subcommand table. Each subcommand
 * lives in its own file and asks libksymres for everything it prints.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef KSYMRES_VERSION
#define KSYMRES_VERSION "0.1.0"
#endif

static const struct cli_cmd commands[] = {
	{ "decode", cmd_decode, "[FILE...]",
	  "annotate oops and stack-trace text (FILE or stdin) with symbols and file:line",
	  "      --kallsyms FILE a saved /proc/kallsyms as the source\n"
	  "      --map FILE      a System.map as the source (slide: --slide, or the\n"
	  "                      text's 'Kernel Offset:' line)\n"
	  "      --vmlinux FILE  file:line from this vmlinux's DWARF (default: the\n"
	  "                      -dbg package's, /usr/lib/debug/boot/vmlinux-RELEASE)\n"
	  "      --module KO     file:line for this module's frames (repeatable)\n" },
	{ "resolve", cmd_resolve, "[-a] [ADDR...]",
	  "addresses (args, or stdin one per line) to symbol+0xoff/0xsize [module]",
	  "  -a, --address       print the address before each answer\n" },
	{ "lookup", cmd_lookup, "[--first] NAME...",
	  "every symbol called NAME, MODULE:NAME or vmlinux:NAME",
	  "      --first         the first match only, as kallsyms_lookup_name()\n"
	  "                      answers (vmlinux's lowest address, else a module's)\n" },
	{ "dump", cmd_dump, "", "every symbol, in /proc/kallsyms format", NULL },
	{ "modules", cmd_modules, "", "loaded modules and their address ranges", NULL },
	{ "info", cmd_info, "",
	  "kernel release, build ID, KASLR offset, counts, features", NULL },
	{ "check", cmd_check, "[MAP]",
	  "is MAP (or the System.map found) the kernel's? MATCH, DRIFT, WRONG KERNEL",
	  "      --root DIR      search the System.map paths under DIR\n"
	  "      --release REL   the kernel release to search for and expect\n"
	  "      --max-report N  list at most N findings (default: 20; --json: all)\n" },
};

static const char common_help[] =
	"  -s, --source SRC    device | device=PATH | kallsyms[=FILE] | map=FILE\n"
	"                      (default: device if /dev/ksymres exists, else kallsyms)\n"
	"      --slide N|auto  add N to file addresses (map/kallsyms file), or\n"
	"                      compute it from the live kernel's _text\n"
	"  -j, --json          one JSON document on stdout\n"
	"  -h, --help          this help\n";

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("ksymres: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: ksymres [OPTIONS] COMMAND [ARGS]\n"
		   "       ksymres COMMAND --help | --help | --version\n\n"
		   "Resolve kernel addresses to symbols and names to addresses.\n\n"
		   "Commands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\nOptions (before or after COMMAND):\n%s\n"
		   "Exit status: 0 all found, 1 some not found, 2 usage or input error,\n"
		   "3 source unavailable; check: 0 MATCH, 1 DRIFT, 2 BAD MAP, 4 WRONG KERNEL,\n"
		   "5 PLACEHOLDER, 6 NO MAP. See ksymres(1).\n", common_help);
}

static void cmd_usage(const struct cli_cmd *c, FILE *f)
{
	fprintf(f, "usage: ksymres [OPTIONS] %s %s\n\n%s\n\nOptions:\n%s%s",
		c->name, c->args, c->help, c->extra ? c->extra : "", common_help);
}

enum { OPT_KALLSYMS = 256, OPT_MAP, OPT_VMLINUX, OPT_MODULE, OPT_FIRST };

static const struct option long_opts[] = {
	{ "source", required_argument, NULL, 's' },
	{ "slide", required_argument, NULL, 'S' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "address", no_argument, NULL, 'a' },
	{ "root", required_argument, NULL, 'R' },
	{ "release", required_argument, NULL, 'r' },
	{ "max-report", required_argument, NULL, 'M' },
	{ "kallsyms", required_argument, NULL, OPT_KALLSYMS },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "vmlinux", required_argument, NULL, OPT_VMLINUX },
	{ "module", required_argument, NULL, OPT_MODULE },
	{ "first", no_argument, NULL, OPT_FIRST },
	{ NULL, 0, NULL, 0 }
};

static const char *long_name(int val)
{
	const struct option *o;

	for (o = long_opts; o->name && o->val != val; o++)
		;
	return o->name ? o->name : "?";
}

/*
 * One parser for the options before and after the command. Returns -1 to
 * go on, or an exit code.
 */
static int parse_opts(int argc, char **argv, const struct cli_cmd *cmd,
		      struct cli_opts *o)
{
	const char *who = cmd ? cmd->name : "";
	const char *colon = cmd ? ": " : "";
	int c;

	optind = 0;
	opterr = 0;
	/* Before the command stop at the first operand; after it, permute. */
	while ((c = getopt_long(argc, argv, cmd ? ":s:jha" : "+:s:jhV",
				long_opts, NULL)) != -1) {
		switch (c) {
		case 's':
			o->source = optarg;
			break;
		case 'S':
			o->slide = optarg;
			break;
		case 'j':
			o->json = true;
			break;
		case 'h':
			if (cmd)
				cmd_usage(cmd, stdout);
			else
				usage(stdout);
			return EXIT_ALL_FOUND;
		case 'V':
			if (cmd) {
				cli_error("%s%s'--version': unknown option", who, colon);
				goto bad;
			}
			printf("ksymres %s (libksymres %s)\n", KSYMRES_VERSION,
			       ksymres_version());
			return EXIT_ALL_FOUND;
		case 'a':
			if (!cmd || strcmp(cmd->name, "resolve")) {
				cli_error("%s%s'%s': unknown option", who, colon,
					  argv[optind - 1]);
				goto bad;
			}
			o->address = true;
			break;
		case OPT_FIRST:
			if (!cmd || strcmp(cmd->name, "lookup")) {
				cli_error("%s%s'--first': unknown option", who, colon);
				goto bad;
			}
			o->first = true;
			break;
		case 'R':
		case 'r':
		case 'M':
			if (!cmd || strcmp(cmd->name, "check")) {
				cli_error("%s%s'--%s': unknown option", who, colon,
					  long_name(c));
				goto bad;
			}
			if (c == 'R')
				o->root = optarg;
			else if (c == 'r')
				o->release = optarg;
			else
				o->max_report = optarg;
			break;
		case OPT_KALLSYMS:
		case OPT_MAP:
		case OPT_VMLINUX:
		case OPT_MODULE:
			if (!cmd || strcmp(cmd->name, "decode")) {
				cli_error("%s%s'--%s': unknown option", who, colon,
					  long_name(c));
				goto bad;
			}
			if (cli_decode_opt(o, c - OPT_KALLSYMS, optarg))
				goto bad;
			break;
		case ':':
			cli_error("%s%s'%s': needs an argument", who, colon,
				  argv[optind - 1]);
			goto bad;
		default:
			if (optopt)
				cli_error("%s%s'-%c': unknown option", who, colon, optopt);
			else
				cli_error("%s%s'%s': unknown option", who, colon,
					  argv[optind - 1]);
			goto bad;
		}
	}
	return -1;
bad:
	fprintf(stderr, "Try 'ksymres %s%s--help'.\n", who, cmd ? " " : "");
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct cli_ctx_args a = { 0 };
	const struct cli_cmd *cmd = NULL;
	size_t i;
	int ret;

	ret = parse_opts(argc, argv, NULL, &a.opts);
	if (ret >= 0)
		return ret;
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[optind], commands[i].name))
			cmd = &commands[i];
	if (!cmd) {
		cli_error("'%s': unknown command (see ksymres --help)", argv[optind]);
		return EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	/* Options may follow the command too; operands stop them ("--" too). */
	ret = parse_opts(argc, argv, cmd, &a.opts);
	if (ret >= 0)
		return ret;
	a.cmd = cmd;
	a.argc = argc - optind;
	a.argv = argv + optind;
	ret = cmd->fn(&a);
	if (fflush(stdout) || ferror(stdout)) {
		cli_error("%s: write error on stdout", cmd->name);
		return EXIT_USAGE;
	}
	return ret;
}
